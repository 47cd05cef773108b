import { describe, expect, it } from 'vitest';
import { ApiError, buildUrl, createClient, decodeError, dispositionFilename, isSessionProblem, type FetchLike } from './client';

const envelope = JSON.stringify({
  error: {
    code: 'validation_failed',
    message_vi: 'Dữ liệu không hợp lệ',
    message_en: 'Invalid data',
    fields: [{ field: 'date', code: 'required', message_vi: 'Ngày là bắt buộc', message_en: 'Date is required' }],
  },
});

describe('decodeError', () => {
  it('takes code, messages and fields from the error envelope', () => {
    const error = decodeError(422, envelope);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation_failed');
    expect(error.localized('vi')).toBe('Dữ liệu không hợp lệ');
    expect(error.localized('en')).toBe('Invalid data');
    expect(error.fields).toHaveLength(1);
    expect(error.fieldMessage('date', 'vi')).toBe('Ngày là bắt buộc');
    expect(error.fieldMessage('date', 'en')).toBe('Date is required');
    expect(error.fieldMessage('name', 'en')).toBeNull();
  });

  it('decodes the 404 of an unknown unit', () => {
    const body = '{"error":{"code":"not_found","message_en":"no unit with that code on that date","message_vi":"Không có đơn vị với mã này vào ngày này"}}';
    const error = decodeError(404, body);
    expect(error.code).toBe('not_found');
    expect(error.localized('vi')).toBe('Không có đơn vị với mã này vào ngày này');
    expect(error.fields).toEqual([]);
  });

  it('fills a missing message with the status message in that language', () => {
    const error = decodeError(409, '{"error":{"code":"conflict","message_vi":"Xung đột"}}');
    expect(error.localized('vi')).toBe('Xung đột');
    expect(error.localized('en')).toBe('Someone else changed this data; reload it.');
  });

  it('explains a status without an envelope in both languages', () => {
    const html = decodeError(502, '<html><body>Bad Gateway</body></html>');
    expect(html.code).toBe('http_502');
    expect(html.localized('vi')).toBe('Máy chủ đang gặp sự cố; hãy thử lại sau.');
    expect(html.localized('en')).toBe('The server is having trouble; try again later.');

    expect(decodeError(404, '').localized('en')).toBe('The requested data was not found.');
    expect(decodeError(418, 'null').localized('vi')).toBe('Yêu cầu không thành công (mã 418).');
    expect(decodeError(400, '{"error":"oops"}').code).toBe('http_400');
  });

  it('ignores malformed field entries and reads Retry-After', () => {
    const body = '{"error":{"code":"throttled","fields":[null,"x",{"field":"q"}]}}';
    const error = decodeError(429, body, '30');
    expect(error.fields).toEqual([{ field: 'q', code: '', message_vi: '', message_en: '' }]);
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.localized('en')).toBe('Too many requests; try again in a few minutes.');
    expect(decodeError(503, '', 'soon').retryAfterSeconds).toBeNull();
  });
});

describe('buildUrl', () => {
  it('encodes values and skips empty ones', () => {
    expect(buildUrl('/api/units', { q: 'ninh nhất', limit: 50, parent: undefined, level: '' })).toBe(
      '/api/units?q=ninh+nh%E1%BA%A5t&limit=50',
    );
    expect(buildUrl('/api/units')).toBe('/api/units');
    expect(buildUrl('/api/units', {})).toBe('/api/units');
  });
});

function fakeFetch(status: number, body: string, headers: Record<string, string> = {}) {
  const calls: { input: string; init: RequestInit | undefined }[] = [];
  const fetchImpl: FetchLike = async (input, init) => {
    calls.push({ input, init });
    return new Response(body, { status, headers });
  };
  return { calls, fetchImpl };
}

describe('client', () => {
  it('returns the decoded JSON of a success', async () => {
    const { calls, fetchImpl } = fakeFetch(200, '{"items":[],"total":0,"limit":50,"offset":0}');
    const reply = await createClient(fetchImpl).get<{ total: number }>('/api/units', { query: { q: 'x' } });
    expect(reply.total).toBe(0);
    expect(calls[0]!.input).toBe('/api/units?q=x');
    expect(calls[0]!.init?.method).toBe('GET');
  });

  it('throws an ApiError with the envelope of a failure', async () => {
    const { fetchImpl } = fakeFetch(422, envelope);
    await expect(createClient(fetchImpl).get('/api/units')).rejects.toMatchObject({
      name: 'ApiError',
      status: 422,
      code: 'validation_failed',
      messageVi: 'Dữ liệu không hợp lệ',
    });
  });

  it('turns a network failure into a bilingual ApiError', async () => {
    const client = createClient(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await client.get('/api/health').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    expect((error as ApiError).code).toBe('network');
    expect((error as ApiError).localized('vi')).toMatch(/Không kết nối được/);
  });

  it('lets an abort through as an abort', async () => {
    const client = createClient(async () => {
      throw new DOMException('The operation was aborted.', 'AbortError');
    });
    await expect(client.get('/api/units')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports a success whose body is not JSON', async () => {
    const { fetchImpl } = fakeFetch(200, '<html></html>');
    await expect(createClient(fetchImpl).get('/api/units')).rejects.toMatchObject({ code: 'bad_reply' });
  });

  it('sends JSON bodies with the CSRF token on writes', async () => {
    const { calls, fetchImpl } = fakeFetch(201, '{"code":"1"}');
    const client = createClient(fetchImpl);
    client.setCsrfToken('token-1');
    await client.send('POST', '/api/units', { code: '1' });
    const headers = calls[0]!.init?.headers as Record<string, string>;
    expect(calls[0]!.init?.method).toBe('POST');
    expect(calls[0]!.init?.body).toBe('{"code":"1"}');
    expect(headers['Content-Type']).toBe('application/json');
    expect(headers['X-CSRF-Token']).toBe('token-1');
  });
});

describe('session problems', () => {
  const error = (status: number, code: string) => decodeError(status, JSON.stringify({ error: { code } }));

  it('are the 401s of any route but sign-in and the 403s of a limited session', () => {
    expect(isSessionProblem(error(401, 'unauthenticated'), '/api/units')).toBe(true);
    expect(isSessionProblem(error(401, 'unauthenticated'), '/api/auth/me')).toBe(true);
    expect(isSessionProblem(error(401, 'invalid_credentials'), '/api/auth/login')).toBe(false);
    expect(isSessionProblem(error(403, 'password_change_required'), '/api/units')).toBe(true);
    expect(isSessionProblem(error(403, 'totp_enrolment_required'), '/api/units')).toBe(true);
    expect(isSessionProblem(error(403, 'forbidden'), '/api/accounts')).toBe(false);
    expect(isSessionProblem(error(403, 'csrf'), '/api/accounts')).toBe(false);
  });

  it('reach the listeners, which can unsubscribe', async () => {
    const { fetchImpl } = fakeFetch(401, '{"error":{"code":"unauthenticated","message_vi":"Cần đăng nhập"}}');
    const client = createClient(fetchImpl);
    const seen: string[] = [];
    const stop = client.onSessionProblem((e, path) => seen.push(`${e.code} ${path}`));
    await expect(client.get('/api/units', { query: { q: 'x' } })).rejects.toMatchObject({ status: 401 });
    stop();
    await expect(client.get('/api/units')).rejects.toMatchObject({ status: 401 });
    expect(seen).toEqual(['unauthenticated /api/units']);
  });

  it('are not reported for a refused sign-in', async () => {
    const { fetchImpl } = fakeFetch(401, '{"error":{"code":"invalid_credentials"}}');
    const client = createClient(fetchImpl);
    const seen: string[] = [];
    client.onSessionProblem((e) => seen.push(e.code));
    await expect(client.send('POST', '/api/auth/login', { username: 'a', password: 'b' })).rejects.toMatchObject({ code: 'invalid_credentials' });
    expect(seen).toEqual([]);
  });

  it('do not send the CSRF token on reads, nor after it is cleared', async () => {
    const { calls, fetchImpl } = fakeFetch(200, '{}');
    const client = createClient(fetchImpl);
    client.setCsrfToken('t');
    await client.get('/api/auth/me');
    client.setCsrfToken(null);
    await client.send('POST', '/api/auth/logout', undefined);
    expect((calls[0]!.init?.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
    expect((calls[1]!.init?.headers as Record<string, string>)['X-CSRF-Token']).toBeUndefined();
  });
});

/** Enough of XMLHttpRequest for upload(): records what is sent, answers when told to. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null; onload: (() => void) | null } = {
    onprogress: null,
    onload: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  getResponseHeader() {
    return null;
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.onabort?.();
  }
  answer(status: number, text: string) {
    this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
    this.upload.onload?.();
    this.status = status;
    this.responseText = text;
    this.onload?.();
  }
}

const xhrClient = () => {
  const client = createClient(async () => new Response('{}'), () => new FakeXhr() as unknown as XMLHttpRequest);
  client.setCsrfToken('tok');
  return client;
};

describe('upload', () => {
  it('posts the text as it is with the CSRF token, reports progress and returns the reply', async () => {
    const client = xhrClient();
    const progress: (number | null)[] = [];
    const pending = client.upload('/api/x/import', 'a,b\n1,2', { query: { mode: 'valid' }, contentType: 'text/csv', onProgress: (f) => progress.push(f) });
    const xhr = FakeXhr.last!;
    expect([xhr.method, xhr.url, xhr.body]).toEqual(['POST', '/api/x/import?mode=valid', 'a,b\n1,2']);
    expect(xhr.headers).toMatchObject({ 'Content-Type': 'text/csv', 'X-CSRF-Token': 'tok' });
    xhr.answer(200, '{"stored":true}');
    await expect(pending).resolves.toEqual({ status: 200, body: { stored: true } });
    expect(progress).toEqual([0.5, 1]);
  });

  it('returns an accepted failure status, and throws the others as ApiErrors', async () => {
    const client = xhrClient();
    const refused = client.upload('/api/x/import', '', { contentType: 'text/csv', acceptStatuses: [422] });
    FakeXhr.last!.answer(422, '{"stored":false}');
    await expect(refused).resolves.toEqual({ status: 422, body: { stored: false } });
    const tooBig = client.upload('/api/x/import', '', { contentType: 'text/csv', acceptStatuses: [422] });
    FakeXhr.last!.answer(413, '{"error":{"code":"too_large","message_vi":"Tệp quá lớn"}}');
    await expect(tooBig).rejects.toMatchObject({ status: 413, code: 'too_large', messageVi: 'Tệp quá lớn' });
    const broken = client.upload('/api/x/import', '', { contentType: 'text/csv' });
    FakeXhr.last!.onerror?.();
    await expect(broken).rejects.toMatchObject({ code: 'network' });
  });

  it('stops when the signal aborts', async () => {
    const client = xhrClient();
    const controller = new AbortController();
    const pending = client.upload('/api/x/import', '', { contentType: 'text/csv', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('download', () => {
  it('gives the file and the name the server suggests', async () => {
    const fetchImpl: FetchLike = async () =>
      new Response('\uFEFFa,b\r\n', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="communication-activities.csv"' } });
    const reply = await createClient(fetchImpl).download('/api/communication-activities/export', { query: { format: 'csv' } });
    expect(reply.filename).toBe('communication-activities.csv');
    expect(await reply.blob.text()).toContain('a,b');
  });

  it('throws the error envelope of a refusal', async () => {
    const fetchImpl: FetchLike = async () => new Response('{"error":{"code":"forbidden","message_vi":"Không được phép"}}', { status: 403 });
    await expect(createClient(fetchImpl).download('/api/x/export')).rejects.toMatchObject({ status: 403, messageVi: 'Không được phép' });
  });

  it('reads the file name of a Content-Disposition header', () => {
    expect(dispositionFilename('attachment; filename="x.csv"')).toBe('x.csv');
    expect(dispositionFilename("attachment; filename*=UTF-8''ho%E1%BA%A1t-%C4%91%E1%BB%99ng.csv")).toBe('hoạt-động.csv');
    expect(dispositionFilename('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(dispositionFilename('attachment')).toBeNull();
    expect(dispositionFilename(null)).toBeNull();
  });
});
