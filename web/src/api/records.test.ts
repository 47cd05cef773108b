// The files of records: the upload (raw bytes, the name percent-encoded in a header, the CSRF
// token, progress) and the download address.
import { describe, expect, it } from 'vitest';
import { ApiError, createClient } from './client';
import { recordFileUrl, uploadRecordFile } from './records';

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
    this.upload.onprogress?.({ lengthComputable: true, loaded: 30, total: 120 });
    this.upload.onload?.();
    this.status = status;
    this.responseText = text;
    this.onload?.();
  }
}

function fakeClient() {
  const client = createClient(async () => new Response('{}'), () => new FakeXhr() as unknown as XMLHttpRequest);
  client.setCsrfToken('tok');
  return client;
}

const STORED = {
  id: '0b7c3e9a-5d2f-4c1e-9a8b-7f6e5d4c3b2a',
  name: 'Tờ rơi phòng chống mại dâm.pdf',
  content_type: 'application/pdf',
  size: 65,
  sha256: 'ab'.repeat(32),
  uploaded_at: '2026-11-29T06:00:00Z',
};

describe('uploadRecordFile', () => {
  it('posts the bytes as they are, the name percent-encoded, with the CSRF token, and reports progress', async () => {
    const client = fakeClient();
    const file = new Blob(['%PDF-1.4\n'], { type: 'application/pdf' });
    const progress: (number | null)[] = [];
    const pending = uploadRecordFile('communication-materials', file, 'Tờ rơi phòng chống mại dâm.pdf', { client, onProgress: (f) => progress.push(f) });
    const xhr = FakeXhr.last!;
    expect([xhr.method, xhr.url]).toEqual(['POST', '/api/communication-materials/files']);
    expect(xhr.body).toBe(file);
    expect(xhr.headers).toMatchObject({
      'Content-Type': 'application/octet-stream',
      'X-CSRF-Token': 'tok',
      'X-File-Name': 'T%E1%BB%9D%20r%C6%A1i%20ph%C3%B2ng%20ch%E1%BB%91ng%20m%E1%BA%A1i%20d%C3%A2m.pdf',
    });
    xhr.answer(201, JSON.stringify(STORED));
    await expect(pending).resolves.toEqual(STORED);
    expect(progress).toEqual([0.25, 1]);
  });

  it('rejects a refused file with the server’s message for the field "file"', async () => {
    const client = fakeClient();
    const pending = uploadRecordFile('communication-materials', new Blob(['<html></html>']), 'to-roi.pdf', { client });
    FakeXhr.last!.answer(
      422,
      JSON.stringify({
        error: {
          code: 'validation_failed',
          message_vi: 'Dữ liệu không hợp lệ',
          message_en: 'invalid',
          fields: [{ field: 'file', code: 'unsupported_type', message_vi: 'Chỉ nhận tệp PDF hoặc ảnh', message_en: 'only PDF files and images' }],
        },
      }),
    );
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).fieldMessage('file', 'vi')).toBe('Chỉ nhận tệp PDF hoặc ảnh');
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const pending = uploadRecordFile('communication-materials', new Blob(['x']), 'x.pdf', { client: fakeClient(), signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('recordFileUrl', () => {
  it('names the record and the field, each part encoded', () => {
    expect(recordFileUrl('communication-materials', 'abc-1', 'file')).toBe('/api/communication-materials/abc-1/files/file');
    expect(recordFileUrl('x', 'a/b', 'f g')).toBe('/api/x/a%2Fb/files/f%20g');
  });
});
