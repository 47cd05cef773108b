// The pure parts of the pages: sign-in messages, password checks before sending, audit filters.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeError, networkError } from '../api/client';
import { localPasswordErrors } from '../components/password-form';
import { initLang } from '../i18n';
import { auditFiltersFrom, auditHref } from './audit-page';
import { loginErrorMessage } from './login-page';

afterEach(() => {
  initLang(null);
});

describe('loginErrorMessage', () => {
  const refusal = (status: number, code: string, retryAfter?: string) =>
    decodeError(status, JSON.stringify({ error: { code, message_vi: 'máy chủ', message_en: 'server' } }), retryAfter);

  it('explains each refusal in Vietnamese', () => {
    expect(loginErrorMessage(refusal(401, 'invalid_credentials'), false, 'vi')).toMatch(/^Tên đăng nhập hoặc mật khẩu không đúng/);
    expect(loginErrorMessage(refusal(401, 'totp_required'), true, 'vi')).toMatch(/^Mã xác thực không đúng/);
    expect(loginErrorMessage(refusal(401, 'totp_required'), false, 'vi')).toMatch(/xác thực hai lớp/);
    expect(loginErrorMessage(refusal(429, 'throttled', '900'), false, 'vi')).toBe('Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút.');
    expect(loginErrorMessage(refusal(429, 'throttled', '3600'), false, 'en')).toBe('Too many failed sign-ins. Try again in 60 minutes.');
    expect(loginErrorMessage(refusal(429, 'throttled'), false, 'vi')).toBe('Đăng nhập sai quá nhiều lần. Hãy thử lại sau ít phút.');
    expect(loginErrorMessage(networkError(), false, 'vi')).toMatch(/^Không kết nối được với máy chủ/);
    expect(loginErrorMessage(refusal(500, 'internal'), false, 'vi')).toBe('máy chủ');
  });
});

describe('localPasswordErrors', () => {
  it('catches empty fields, a short password and a repeat that differs', () => {
    expect(localPasswordErrors('', '', '')).toEqual({
      current_password: 'Hãy nhập mật khẩu hiện tại.',
      new_password: 'Hãy nhập mật khẩu mới.',
    });
    expect(localPasswordErrors('old', 'short', 'short').new_password).toMatch(/ít nhất 8/);
    expect(localPasswordErrors('old', 'long enough phrase', 'long enough phrasE')).toEqual({
      repeat: 'Hai lần nhập mật khẩu mới không khớp nhau.',
    });
    expect(localPasswordErrors('old', 'mật khẩu dài', 'mật khẩu dài')).toEqual({});
  });

  it('counts characters, not bytes', () => {
    expect(localPasswordErrors('old', 'đường đi', 'đường đi')).toEqual({}); // 8 characters
  });
});

describe('audit filters in the address', () => {
  it('reads the filters and drops malformed dates', () => {
    expect(auditFiltersFrom('?action=login&outcome=failed&from=2026-11-01&to=29/11/2026&page=2')).toEqual({
      actor: '',
      action: 'login',
      entity: '',
      outcome: 'failed',
      from: '2026-11-01',
      to: '',
    });
  });

  it('writes only the filters that are set, starting at page 1', () => {
    expect(auditHref({ action: 'login', actor: ' ', from: '2026-11-01' })).toBe('/admin/audit?action=login&from=2026-11-01');
    expect(auditHref({})).toBe('/admin/audit');
    const round = auditFiltersFrom(auditHref({ actor: 'a b&c', entity: 'account' }).split('?')[1] ?? '');
    expect(round.actor).toBe('a b&c');
    expect(round.entity).toBe('account');
  });
});
