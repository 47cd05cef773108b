// The one way the front end talks to the pcmd server. Every failure, whether the server's JSON
// error envelope, a bare HTTP status, a reply that is not JSON or a broken network, becomes an
// ApiError that carries a message in both languages, so the page only has to pick one.
// Envelope (docs/contract.md, shared/API.md):
//   {"error": {"code", "message_vi", "message_en", "fields": [{"field","code","message_vi","message_en"}]}}

import { t, type Lang, type MessageKey } from '../i18n';

export interface ApiFieldError {
  field: string;
  code: string;
  message_vi: string;
  message_en: string;
}

/** A failed call: the HTTP status (0 when the server was not reached) and bilingual messages. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly fields: readonly ApiFieldError[];
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    messageVi: string;
    messageEn: string;
    fields?: readonly ApiFieldError[];
    retryAfterSeconds?: number | null;
  }) {
    super(init.messageEn);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.messageVi = init.messageVi;
    this.messageEn = init.messageEn;
    this.fields = init.fields ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }

  /** The message in `lang`, falling back to the other language when the server sent only one. */
  localized(lang: Lang): string {
    const primary = lang === 'vi' ? this.messageVi : this.messageEn;
    return primary || this.messageVi || this.messageEn;
  }

  /** The message of the field `field` in `lang`, or null when the server named no such field. */
  fieldMessage(field: string, lang: Lang): string | null {
    const found = this.fields.find((f) => f.field === field);
    if (!found) return null;
    return (lang === 'vi' ? found.message_vi : found.message_en) || found.message_vi || found.message_en;
  }
}

function statusKey(status: number): MessageKey {
  switch (status) {
    case 400: return 'error.http400';
    case 401: return 'error.http401';
    case 403: return 'error.http403';
    case 404: return 'error.http404';
    case 409: return 'error.http409';
    case 413: return 'error.http413';
    case 422: return 'error.http422';
    case 429: return 'error.http429';
    default: return status >= 500 ? 'error.http5xx' : 'error.httpOther';
  }
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function decodeFields(value: unknown): ApiFieldError[] {
  if (!Array.isArray(value)) return [];
  const fields: ApiFieldError[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const f = item as Record<string, unknown>;
    fields.push({
      field: asString(f.field),
      code: asString(f.code),
      message_vi: asString(f.message_vi),
      message_en: asString(f.message_en),
    });
  }
  return fields;
}

function parseRetryAfter(header: string | null | undefined): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/**
 * Turns a failed reply into an ApiError. Uses the envelope's code and messages when the body is
 * one; otherwise (an HTML page from a proxy, an empty body) a message chosen by the status.
 */
export function decodeError(status: number, body: string, retryAfter?: string | null): ApiError {
  const key = statusKey(status);
  const fallback = {
    status,
    code: `http_${status}`,
    messageVi: t(key, { status: String(status) }, 'vi'),
    messageEn: t(key, { status: String(status) }, 'en'),
    retryAfterSeconds: parseRetryAfter(retryAfter),
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return new ApiError(fallback);
  }
  const envelope = (parsed as { error?: unknown } | null)?.error;
  if (typeof envelope !== 'object' || envelope === null) return new ApiError(fallback);
  const e = envelope as Record<string, unknown>;
  return new ApiError({
    ...fallback,
    code: asString(e.code) || fallback.code,
    messageVi: asString(e.message_vi) || fallback.messageVi,
    messageEn: asString(e.message_en) || fallback.messageEn,
    fields: decodeFields(e.fields),
  });
}

/**
 * Whether a write was refused because its period is locked (409 `period_locked`): the records of
 * a unit and period whose periodic report was approved, until the level above unlocks it.
 */
export function isPeriodLocked(error: ApiError | null | undefined): boolean {
  return error?.code === 'period_locked';
}

/** The ApiError for a request that never got an HTTP reply. */
export function networkError(): ApiError {
  return new ApiError({
    status: 0,
    code: 'network',
    messageVi: t('error.network', undefined, 'vi'),
    messageEn: t('error.network', undefined, 'en'),
  });
}

function badReplyError(status: number): ApiError {
  return new ApiError({
    status,
    code: 'bad_reply',
    messageVi: t('error.badReply', undefined, 'vi'),
    messageEn: t('error.badReply', undefined, 'en'),
  });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

/** `/api/units` + {q: "ninh nhat", limit: 50} → `/api/units?q=ninh+nhat&limit=50`; skips empty values. */
export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The parts of XMLHttpRequest that upload() uses; tests pass a fake. */
export type XhrFactory = () => XMLHttpRequest;

export interface UploadOptions {
  query?: Query;
  contentType: string;
  /** More request headers (an uploaded file's name, say). */
  headers?: Record<string, string>;
  acceptStatuses?: readonly number[];
  onProgress?: (fraction: number | null) => void;
  signal?: AbortSignal;
}

/** The file name of a Content-Disposition header: `attachment; filename="x.csv"` → "x.csv". */
export function dispositionFilename(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;\s]+)/.exec(header);
  const name = plain?.[1] ?? plain?.[2];
  return name ? name : null;
}

export interface RequestOptions {
  query?: Query;
  signal?: AbortSignal;
}

/** A client bound to one fetch function; the app uses `api` below, tests pass a fake. */
export interface ApiClient {
  get<T>(path: string, options?: RequestOptions): Promise<T>;
  send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body: unknown, options?: RequestOptions): Promise<T>;
  /**
   * POSTs `body` as it is (a CSV file's text, a picked file) through XMLHttpRequest so that
   * `onProgress` hears how much has gone up (0…1, or null when the browser cannot tell). A reply with one of
   * `acceptStatuses` besides 2xx is returned rather than thrown (an import report comes with 422).
   */
  upload<T>(path: string, body: string | Blob, options: UploadOptions): Promise<{ status: number; body: T }>;
  /** GETs a file (a CSV export): its contents and the name the server suggests. */
  download(path: string, options?: RequestOptions): Promise<{ blob: Blob; filename: string | null }>;
  /** The token sent as X-CSRF-Token on state-changing requests, once sign-in provides one. */
  setCsrfToken(token: string | null): void;
  /**
   * Calls `listener` with every failure that says something about the session rather than the
   * request: a 401 from any route but the sign-in itself, and the 403s of a limited session
   * (`password_change_required`, `totp_enrolment_required`). Returns the unsubscribe function.
   */
  onSessionProblem(listener: (error: ApiError, path: string) => void): () => void;
}

/** The codes of a 403 that means "finish the forced sign-in steps first", not "not allowed". */
export const LIMITED_SESSION_CODES: readonly string[] = ['password_change_required', 'totp_enrolment_required'];

/** Whether a failed call at `path` tells about the session (see ApiClient.onSessionProblem). */
export function isSessionProblem(error: ApiError, path: string): boolean {
  if (error.status === 401) return path !== '/api/auth/login';
  return error.status === 403 && LIMITED_SESSION_CODES.includes(error.code);
}

export function createClient(fetchImpl: FetchLike, xhrFactory: XhrFactory = () => new XMLHttpRequest()): ApiClient {
  let csrfToken: string | null = null;
  const sessionListeners = new Set<(error: ApiError, path: string) => void>();

  function fail(error: ApiError, path: string): ApiError {
    if (isSessionProblem(error, path)) for (const listener of [...sessionListeners]) listener(error, path);
    return error;
  }

  async function request<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    let response: Response;
    try {
      response = await fetchImpl(buildUrl(path, options.query), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        signal: options.signal,
      });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw networkError();
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw networkError();
    }
    if (!response.ok) throw fail(decodeError(response.status, text, response.headers.get('Retry-After')), path);
    if (response.status === 204 || text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw badReplyError(response.status);
    }
  }

  function upload<T>(path: string, body: string | Blob, options: UploadOptions): Promise<{ status: number; body: T }> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new DOMException('Aborted', 'AbortError'));
        return;
      }
      const xhr = xhrFactory();
      xhr.open('POST', buildUrl(path, options.query));
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Content-Type', options.contentType);
      for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
      if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
      xhr.upload.onprogress = (event) => options.onProgress?.(event.lengthComputable && event.total > 0 ? event.loaded / event.total : null);
      xhr.upload.onload = () => options.onProgress?.(1);
      const onAbort = () => xhr.abort();
      options.signal?.addEventListener('abort', onAbort);
      const done = () => options.signal?.removeEventListener('abort', onAbort);
      xhr.onerror = () => {
        done();
        reject(networkError());
      };
      xhr.onabort = () => {
        done();
        reject(new DOMException('Aborted', 'AbortError'));
      };
      xhr.onload = () => {
        done();
        const text = xhr.responseText;
        const accepted = (xhr.status >= 200 && xhr.status < 300) || (options.acceptStatuses ?? []).includes(xhr.status);
        if (!accepted) {
          reject(fail(decodeError(xhr.status, text, xhr.getResponseHeader('Retry-After')), path));
          return;
        }
        try {
          resolve({ status: xhr.status, body: (text === '' ? undefined : JSON.parse(text)) as T });
        } catch {
          reject(badReplyError(xhr.status));
        }
      };
      xhr.send(body);
    });
  }

  async function download(path: string, options: RequestOptions = {}): Promise<{ blob: Blob; filename: string | null }> {
    let response: Response;
    try {
      response = await fetchImpl(buildUrl(path, options.query), { method: 'GET', credentials: 'same-origin', signal: options.signal });
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw networkError();
    }
    if (!response.ok) {
      let text = '';
      try {
        text = await response.text();
      } catch {
        // the status alone says enough
      }
      throw fail(decodeError(response.status, text, response.headers.get('Retry-After')), path);
    }
    try {
      const blob = await response.blob();
      return { blob, filename: dispositionFilename(response.headers.get('Content-Disposition')) };
    } catch (error) {
      if (isAbortError(error)) throw error;
      throw networkError();
    }
  }

  return {
    get: (path, options = {}) => request('GET', path, undefined, options),
    send: (method, path, body, options = {}) => request(method, path, body, options),
    upload,
    download,
    setCsrfToken(token) {
      csrfToken = token;
    },
    onSessionProblem(listener) {
      sessionListeners.add(listener);
      return () => {
        sessionListeners.delete(listener);
      };
    },
  };
}

/** The app's client: same origin, through the browser's fetch. */
export const api: ApiClient = createClient((input, init) => fetch(input, init));

/** The reply of every list endpoint (shared/API.md). */
export interface ListReply<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
