// Small pure helpers of the sign-in and administration pages: waiting times, the TOTP secret in
// readable groups, times of day, day bounds for filters and paging.

import { formatNumber, t, type Lang } from './i18n';

/**
 * How long to wait, from a Retry-After in seconds: "15 phút" / "15 minutes", rounded up to whole
 * minutes (a wait of 61 s says 2 minutes, never less than the server asked); under a minute in
 * seconds. Null when the server gave no usable value.
 */
export function formatWait(seconds: number | null, lang?: Lang): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  if (seconds < 60) {
    const n = Math.max(1, Math.ceil(seconds));
    return t('time.seconds', { n }, lang);
  }
  const n = Math.ceil(seconds / 60);
  return t('time.minutes', { n }, lang);
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to read out and type into an app. */
export function groupSecret(secret: string, size = 4): string {
  const clean = secret.replace(/[\s=]/g, '').toUpperCase();
  const groups: string[] = [];
  for (let i = 0; i < clean.length; i += size) groups.push(clean.slice(i, i + size));
  return groups.join(' ');
}

/** What the user typed as a one-time code: spaces dropped ("123 456" → "123456"). */
export function cleanCode(text: string): string {
  return text.replace(/\s+/g, '');
}

/**
 * An ISO instant ("2026-11-29T04:21:51.183Z") as a local date and time: 29/11/2026 11:21:51 in
 * Vietnamese, 29 Nov 2026, 11:21:51 in English. `timeZone` is for tests.
 */
export function formatDateTime(iso: string, lang: Lang, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: lang === 'vi' ? '2-digit' : 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  };
  if (timeZone) options.timeZone = timeZone;
  if (lang === 'vi') {
    const parts = new Intl.DateTimeFormat('en-GB', options).formatToParts(date);
    const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}:${get('second')}`;
  }
  return new Intl.DateTimeFormat('en-GB', options).format(date);
}

/**
 * The instants that bound a local calendar day, as the server's UTC timestamps: the audit log
 * keeps UTC, and "from 29/11" means from midnight here. Null for a malformed date.
 */
export function localDayStart(isoDate: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 0, 0, 0, 0).toISOString();
}

export function localDayEnd(isoDate: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999).toISOString();
}

/** The page number in the address (?page=3), 1 for anything missing or strange. */
export function pageFromSearch(search: string): number {
  const value = Number(new URLSearchParams(search).get('page'));
  return Number.isInteger(value) && value >= 1 ? value : 1;
}

export function pageCount(total: number, limit: number): number {
  return Math.max(1, Math.ceil(total / limit));
}

/** "21–40 / 123": the range of rows a page shows, or null when there are none. */
export function pageRange(page: number, limit: number, total: number, lang?: Lang): string | null {
  if (total <= 0) return null;
  const first = (page - 1) * limit + 1;
  const last = Math.min(total, page * limit);
  if (first > total) return null;
  return t('paging.range', { first: formatNumber(first, lang), last: formatNumber(last, lang), total }, lang);
}

/** A file size as people read it: "350 kB", "1,2 MB" (one decimal under 10 MB). */
export function formatSize(bytes: number, lang?: Lang): string {
  if (bytes < 1024 * 1024) return t('size.kb', { n: Math.max(1, Math.round(bytes / 1024)) }, lang);
  const mb = bytes / (1024 * 1024);
  const rounded = mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb);
  return t('size.mb', { n: rounded }, lang);
}

/** An id as a reader can take it in: its first 8 characters and "…" when it is long (a UUID). */
export function shortId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…` : id;
}
