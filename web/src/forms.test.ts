import { describe, expect, it } from 'vitest';
import { decodeError } from './api/client';
import { allFieldsShown, fieldErrors } from './forms';

const reply = JSON.stringify({
  error: {
    code: 'validation_failed',
    message_vi: 'Dữ liệu không hợp lệ',
    message_en: 'invalid data',
    fields: [
      { field: 'new_password', code: 'too_common', message_vi: 'Mật khẩu này quá phổ biến', message_en: 'too common' },
      { field: 'new_password', code: 'too_short', message_vi: 'ngắn', message_en: 'short' },
      { field: 'current_password', code: 'incorrect', message_vi: 'Sai', message_en: 'Wrong' },
      { field: 'username', code: 'weird', message_vi: 'Lạ', message_en: 'Odd' },
    ],
  },
});

describe('fieldErrors', () => {
  it('uses the page’s words for the codes it knows, the server’s for others, first error per field', () => {
    const error = decodeError(422, reply);
    const errors = fieldErrors(error, 'vi', {
      too_common: 'password.error.tooCommon',
      'current_password:incorrect': 'password.error.incorrect',
    });
    expect(errors).toEqual({
      new_password: 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.',
      current_password: 'Mật khẩu hiện tại không đúng.',
      username: 'Lạ',
    });
    expect(fieldErrors(error, 'en', {}).username).toBe('Odd');
  });

  it('gives nothing without an error', () => {
    expect(fieldErrors(null, 'vi')).toEqual({});
    expect(fieldErrors(decodeError(500, ''), 'vi')).toEqual({});
  });

  it('tells whether the form shows every field', () => {
    const error = decodeError(422, reply);
    expect(allFieldsShown(error, ['new_password', 'current_password', 'username'])).toBe(true);
    expect(allFieldsShown(error, ['new_password'])).toBe(false);
  });
});
