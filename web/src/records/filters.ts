// The filters of a record list, kept in the address so that a list can be bookmarked, shared and
// come back with Back: ?unit=369&period=2023Q2&q=phụ+nữ&form=meeting&page=2. Reading drops what
// the server would refuse (a malformed date or period, a value of a code field that is too long),
// and writing leaves out what is empty. The same filters make the list's and the export's query.

import type { Query } from '../api/client';
import type { RecordType } from '../api/records';
import { t, type Lang } from '../i18n';
import { isRealDate } from './values';

export interface RecordFilters {
  unit: string;
  period: string;
  from: string;
  to: string;
  q: string;
  /** Code field name → the code chosen. */
  codes: Record<string, string>;
}

export const EMPTY_FILTERS: RecordFilters = { unit: '', period: '', from: '', to: '', q: '', codes: {} };

/** The code fields of a type: the ones that become selects of the filters. */
export function codeFilterFields(type: RecordType): string[] {
  return type.fields.filter((f) => f.kind === 'code').map((f) => f.name);
}

const PERIOD = /^(\d{4})(?:Q([1-4])|(0[1-9]|1[0-2]))?$/;

/** A DHIS2 period as typed ("2023q2 " → "2023Q2"); null when it is not a year, quarter or month. */
export function normalisePeriod(text: string): string | null {
  const clean = text.trim().toUpperCase();
  return PERIOD.test(clean) ? clean : null;
}

/** "2023Q2" → "Quý 2 năm 2023" / "Q2 2023"; null when not a period. */
export function describePeriod(period: string, lang: Lang): string | null {
  const match = PERIOD.exec(period.trim().toUpperCase());
  if (!match) return null;
  const year = match[1] ?? '';
  if (match[2]) return t('records.period.quarter', { q: match[2], year }, lang);
  if (match[3]) return t('records.period.month', { m: String(Number(match[3])), year }, lang);
  return t('records.period.year', { year }, lang);
}

function cleanText(value: string | null, max: number): string {
  const text = (value ?? '').trim();
  return text.length > max ? '' : text;
}

/** The filters in the address `search` for a list of `type`. */
export function recordFiltersFrom(search: string, type: RecordType): RecordFilters {
  const params = new URLSearchParams(search);
  const date = (name: string) => {
    const value = (params.get(name) ?? '').trim();
    return isRealDate(value) ? value : '';
  };
  const codes: Record<string, string> = {};
  for (const name of codeFilterFields(type)) {
    const value = cleanText(params.get(name), 40);
    if (value) codes[name] = value;
  }
  return {
    unit: cleanText(params.get('unit'), 20),
    period: normalisePeriod(params.get('period') ?? '') ?? '',
    from: date('from'),
    to: date('to'),
    q: cleanText(params.get('q'), 100),
    codes,
  };
}

/** The query of the filters (no paging), in a steady order, without empty values. */
export function filterQuery(filters: RecordFilters, type: RecordType): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.unit.trim()) query.unit = filters.unit.trim();
  const period = normalisePeriod(filters.period);
  if (period) query.period = period;
  if (isRealDate(filters.from)) query.from = filters.from;
  if (isRealDate(filters.to)) query.to = filters.to;
  if (filters.q.trim()) query.q = filters.q.trim();
  for (const name of codeFilterFields(type)) {
    const value = filters.codes[name]?.trim();
    if (value) query[name] = value;
  }
  return query;
}

/** The address of a list: `base` with the filters and, past the first, the page. */
export function recordsHref(base: string, type: RecordType, filters: RecordFilters, page = 1): string {
  const params = new URLSearchParams(filterQuery(filters, type));
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `${base}?${text}` : base;
}

/** The query of GET /api/<type> for a page of the list. */
export function listQuery(filters: RecordFilters, type: RecordType, page: number, limit: number): Query {
  return { ...filterQuery(filters, type), limit, offset: (Math.max(1, page) - 1) * limit };
}

export function hasFilters(filters: RecordFilters, type: RecordType): boolean {
  return Object.keys(filterQuery(filters, type)).length > 0;
}

/** What is wrong with filters as typed, field → message: a period not understood, dates reversed. */
export function filterErrors(filters: RecordFilters, lang: Lang): Record<string, string> {
  const errors: Record<string, string> = {};
  if (filters.period.trim() && !normalisePeriod(filters.period)) errors.period = t('records.error.period', undefined, lang);
  if (filters.from && filters.to && filters.from > filters.to) errors.to = t('records.error.dates', undefined, lang);
  return errors;
}
