// The dashboard's values as shown: percents with one decimal ("24,5 %"), counts as integers,
// growth with its sign ("+7,4 %"); the target and its comparison in words; the status badge;
// the counts behind a value ("<5" when hidden); the ranking of the units below; where a record
// behind a value opens.

import type { RoleId } from '../api/auth';
import type { RecordType } from '../api/records';
import { canUseArea } from '../auth/guards';
import { formatDate, formatNumber, t, type Lang, type MessageKey } from '../i18n';
import { RECORD_AREAS, recordHref } from '../records/paths';
import { tipHref } from '../tips/tip';
import type { Comparison, IndicatorStatus, IndicatorValue, PlanTarget, ValueKind } from './api';

/** No value (no data, or hidden): a dash. */
export const NO_VALUE = '—';
/** Between a number and its percent sign: a space that does not break the line. */
const NBSP = '\u00a0';

function locale(lang: Lang): string {
  return lang === 'vi' ? 'vi-VN' : 'en-GB';
}

/** A value as the card shows it: "24,5 %", "2", "+7,4 %", "—". */
export function formatValue(value: number | null, kind: ValueKind, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  if (kind === 'count') return new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 0 }).format(value);
  const number = new Intl.NumberFormat(locale(lang), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: kind === 'growth' ? 'exceptZero' : 'auto',
  }).format(roundOne(value));
  return `${number}${NBSP}%`;
}

/** Rounds to one decimal, so that -0.04 shows as 0,0 rather than -0,0. */
function roundOne(value: number): number {
  const r = Math.round(value * 10) / 10;
  return Object.is(r, -0) ? 0 : r;
}

/** A target's figure: "70 %", "1", "3 %" (no decimal unless it has one). */
export function formatTargetNumber(value: number, kind: ValueKind, lang: Lang): string {
  const number = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: kind === 'count' ? 0 : 1 }).format(value);
  return kind === 'count' ? number : `${number}${NBSP}%`;
}

/** The target in words: "ít nhất 70 %", "từ 3 % đến 5 % so với kỳ trước", "không giảm so với kỳ trước". */
export function targetText(target: Pick<PlanTarget, 'value' | 'comparison' | 'target' | 'target_max'>, lang: Lang): string {
  const kind = target.value;
  const value = formatTargetNumber(target.target, kind, lang);
  const max = formatTargetNumber(target.target_max ?? target.target, kind, lang);
  if (kind === 'growth' && target.comparison === 'at_least' && target.target === 0) return t('dashboard.target.notDown', undefined, lang);
  const key: MessageKey = kind === 'growth' ? GROWTH_KEYS[target.comparison] : PLAIN_KEYS[target.comparison];
  return t(key, { value, min: value, max }, lang);
}

const PLAIN_KEYS: Record<Comparison, MessageKey> = {
  at_least: 'dashboard.target.atLeast',
  at_most: 'dashboard.target.atMost',
  between: 'dashboard.target.between',
};

const GROWTH_KEYS: Record<Comparison, MessageKey> = {
  at_least: 'dashboard.target.growthAtLeast',
  at_most: 'dashboard.target.growthAtMost',
  between: 'dashboard.target.growthBetween',
};

export const STATUSES: readonly IndicatorStatus[] = ['met', 'on_track', 'behind', 'not_met', 'no_data', 'suppressed'];

const STATUS_KEYS: Record<IndicatorStatus, MessageKey> = {
  met: 'dashboard.status.met',
  not_met: 'dashboard.status.notMet',
  on_track: 'dashboard.status.onTrack',
  behind: 'dashboard.status.behind',
  no_data: 'dashboard.status.noData',
  suppressed: 'dashboard.status.suppressed',
};

/** A status the server may add later shows as "no data" rather than breaking the page. */
export function knownStatus(status: string): IndicatorStatus {
  return (STATUSES as readonly string[]).includes(status) ? (status as IndicatorStatus) : 'no_data';
}

export function statusLabel(status: string, lang: Lang): string {
  return t(STATUS_KEYS[knownStatus(status)], undefined, lang);
}

/** The badge's classes: green met, red not met, teal on track, amber behind, grey otherwise. */
export function statusClass(status: string): string {
  return `status-badge status-badge--${knownStatus(status).replace('_', '-')}`;
}

/** How many targets have each status (only those that occur), in the order of STATUSES. */
export function statusCounts(values: readonly Pick<IndicatorValue, 'status'>[]): { status: IndicatorStatus; count: number }[] {
  const counts = new Map<IndicatorStatus, number>();
  for (const v of values) counts.set(knownStatus(v.status), (counts.get(knownStatus(v.status)) ?? 0) + 1);
  return STATUSES.filter((s) => counts.has(s)).map((status) => ({ status, count: counts.get(status) ?? 0 }));
}

/** A count as the server lets it be shown: "1.234", or "<5" as it is. */
export function shownCount(shown: string | null, lang: Lang): string {
  if (shown === null || shown === '') return NO_VALUE;
  return /^-?\d+$/.test(shown) ? formatNumber(Number(shown), lang) : shown;
}

/**
 * The counts behind a value in words: "Tử số 35 · Mẫu số 143" (growth: "Kỳ này 32 · Kỳ trước
 * 30"); null for a count, which is its own value.
 */
export function countsText(kind: ValueKind, value: Pick<IndicatorValue, 'shown'>, lang: Lang): string | null {
  if (kind === 'count' || value.shown.denominator === null) return null;
  const num = shownCount(value.shown.numerator, lang);
  const den = shownCount(value.shown.denominator, lang);
  return t(kind === 'growth' ? 'dashboard.counts.growth' : 'dashboard.counts.percent', { num, den }, lang);
}

/** The counts in short, for a table: "35 / 143", "<5 / 13", or the count alone for a count. */
export function countsShort(kind: ValueKind, value: Pick<IndicatorValue, 'shown'>, lang: Lang): string {
  const num = shownCount(value.shown.numerator, lang);
  if (kind === 'count' || value.shown.denominator === null) return num;
  return `${num} / ${shownCount(value.shown.denominator, lang)}`;
}

/**
 * The way to a goal at the plan's end: "Mốc cần đạt đến 31/12/2024: 80,0 %" when the expected
 * value by the period's end differs from the target itself; null otherwise.
 */
export function expectedText(target: Pick<PlanTarget, 'value' | 'target'>, value: Pick<IndicatorValue, 'expected' | 'as_of' | 'status'>, lang: Lang): string | null {
  if (value.status !== 'on_track' && value.status !== 'behind') return null;
  if (Math.abs(value.expected - target.target) < 1e-9) return null;
  return t('dashboard.expected', { date: formatDate(value.as_of, lang), value: formatValue(value.expected, target.value === 'growth' ? 'percent' : target.value, lang) }, lang);
}

/** The target's name in `lang`. */
export function targetName(target: Pick<PlanTarget, 'name_vi' | 'name_en'>, lang: Lang): string {
  return (lang === 'vi' ? target.name_vi : target.name_en) || target.name_vi;
}

export function targetNote(target: Pick<PlanTarget, 'note_vi' | 'note_en'>, lang: Lang): string | null {
  return (lang === 'vi' ? target.note_vi : target.note_en) || target.note_vi || null;
}

/**
 * The units below, best first: the highest values first (the lowest for an "at most" target),
 * then those without a value (no data, hidden); the server's order among equals.
 */
export function rankChildren<T extends Pick<IndicatorValue, 'value'>>(children: readonly T[], comparison: Comparison): T[] {
  const sign = comparison === 'at_most' ? 1 : -1;
  const indexed = children.map((child, index) => ({ child, index }));
  indexed.sort((a, b) => {
    const av = a.child.value, bv = b.child.value;
    if (av === null || bv === null) return av === null && bv === null ? a.index - b.index : av === null ? 1 : -1;
    return sign * (av - bv) || a.index - b.index;
  });
  return indexed.map((entry) => entry.child);
}

/**
 * The ranks of ranked units (rankChildren's order): values equal as shown (to one decimal) share
 * a rank, the next one skips as many ("1, 1, 3"); a unit without a value has none (null).
 */
export function rankNumbers(ranked: readonly Pick<IndicatorValue, 'value'>[]): (number | null)[] {
  // Equal as shown: to one decimal.
  const shown = ranked.map((row) => (row.value === null ? null : Math.round(row.value * 10)));
  return shown.map((value, index) => (value === null ? null : shown.indexOf(value) + 1 || index + 1));
}

/** The record type's name for a record behind a value ("Kiểm tra cơ sở"; tips have their own). */
export function recordTypeLabel(path: string | null, types: readonly RecordType[], lang: Lang): string {
  if (path === 'tips') return t('dashboard.records.tip', undefined, lang);
  const type = types.find((candidate) => candidate.path === path);
  if (!type) return path ?? '';
  return (lang === 'vi' ? type.label_vi : type.label_en) || type.label_vi;
}

/**
 * The page of a record behind a value: tips under /tips, the record types under the area that
 * shows their access resource (records/paths.ts); null when the role cannot open that area or
 * the type is unknown.
 */
export function recordPageHref(record: { id: string; path: string | null }, types: readonly RecordType[], role: RoleId): string | null {
  if (record.path === 'tips') return canUseArea(role, 'tips') ? tipHref(record.id) : null;
  const type = types.find((candidate) => candidate.path === record.path);
  if (!type) return null;
  const area = RECORD_AREAS.find((a) => a.resources.includes(type.resource));
  if (!area || !canUseArea(role, area.area)) return null;
  return recordHref(area.base, type.path, record.id);
}
