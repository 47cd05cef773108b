// Server field errors (422 {"fields":[{field, code, message_vi, message_en}]}) turned into one
// message per form field. The page names the codes it knows better words for ("too_common", or
// "new_password:too_short" for one field only); other codes keep the server's own message.

import type { ApiError } from './api/client';
import { t, type Lang, type MessageKey } from './i18n';

export type KnownCodes = Partial<Record<string, MessageKey>>;

export function fieldErrors(error: ApiError | null, lang: Lang, known: KnownCodes = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (!error) return out;
  for (const field of error.fields) {
    if (!field.field || out[field.field]) continue;
    const key = known[`${field.field}:${field.code}`] ?? known[field.code];
    const message = key ? t(key, undefined, lang) : (lang === 'vi' ? field.message_vi : field.message_en) || field.message_vi || field.message_en;
    if (message) out[field.field] = message;
  }
  return out;
}

/** Whether every field error of `error` belongs to one of `shown` (so the form shows them all). */
export function allFieldsShown(error: ApiError, shown: readonly string[]): boolean {
  return error.fields.length > 0 && error.fields.every((f) => shown.includes(f.field));
}
