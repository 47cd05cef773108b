// A message for the next page, shown once: "Đã lưu bản ghi mới." on the record page a create
// leads to, "Đã xoá bản ghi." on the list after a delete. Kept in memory only; a reload drops it.

import type { MessageKey } from './i18n';

let pending: { path: string; key: MessageKey } | null = null;

/** Leaves `key` for the page at `path` (the path only, no query). */
export function setFlash(path: string, key: MessageKey): void {
  pending = { path, key };
}

/** The message left for `path`, once; null when there is none. */
export function takeFlash(path: string): MessageKey | null {
  if (!pending || pending.path !== path) return null;
  const { key } = pending;
  pending = null;
  return key;
}
