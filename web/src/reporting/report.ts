// Pure rules of the reporting round pages, tested without a browser: addresses, status words
// and tones, the completeness summary ("5/8 đã nộp, 2 trễ hạn, 1 chưa nộp"), overdue marking by
// Vietnam's day, the period of a kind, the checks of the new round form, and how a value shows.

import type { RoleId } from '../api/auth';
import { formatNumber, t, type Lang, type MessageKey } from '../i18n';
import type { ReportStatus, ReportValue, RoundCounts, RoundKind } from './api';

export const ROUNDS_PATH = '/report-rounds';
export const ROUND_KINDS: readonly RoundKind[] = ['six_month', 'year', 'final_review'];

export function roundHref(id: string): string {
  return `${ROUNDS_PATH}/${encodeURIComponent(id)}`;
}

export function reportHref(id: string, unit: string): string {
  return `${roundHref(id)}/reports/${encodeURIComponent(unit)}`;
}

/** The roles that start rounds (the server's report_round:create): province officers. */
export function canCreateRounds(role: RoleId): boolean {
  return role === 'province_officer';
}

/** Today in Vietnam (UTC+7) as YYYY-MM-DD, the calendar the server judges due dates by. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

/** Whether a unit's report is past the due date without ever having been submitted. */
export function isOverdue(status: ReportStatus, dueOn: string, today: string): boolean {
  return (status === 'missing' || status === 'draft') && today > dueOn;
}

/** The words of a report's status: "Đã nộp đúng hạn" / "Đã nộp trễ hạn" depend on timeliness. */
export function statusKey(status: ReportStatus, isLate: boolean): MessageKey {
  switch (status) {
    case 'missing':
      return 'reporting.status.missing';
    case 'draft':
      return 'reporting.status.draft';
    case 'submitted':
      return isLate ? 'reporting.status.submittedLate' : 'reporting.status.submittedOnTime';
    case 'returned':
      return 'reporting.status.returned';
    case 'approved':
      return isLate ? 'reporting.status.approvedLate' : 'reporting.status.approved';
  }
}

export function statusLabel(status: ReportStatus, isLate: boolean, lang?: Lang): string {
  return t(statusKey(status, isLate), undefined, lang);
}

/** The badge class of a status (the words carry the meaning; the colour only helps). */
export function statusBadge(status: ReportStatus, isLate: boolean): string {
  if (status === 'approved') return 'badge badge--ok';
  if (status === 'returned') return 'badge badge--danger';
  if (status === 'submitted') return isLate ? 'badge badge--warn' : 'badge badge--ok';
  return 'badge';
}

export interface CompletenessParts {
  expected: number;
  /** Submitted or approved: with the level above. */
  done: number;
  approved: number;
  returned: number;
  /** Never submitted and past the due date. */
  overdue: number;
  /** Missing or draft, not yet past the due date. */
  pending: number;
  /** Submitted after the due date (first submission). */
  late: number;
}

export function completenessParts(counts: Partial<RoundCounts> | undefined): CompletenessParts {
  const n = (key: keyof RoundCounts) => counts?.[key] ?? 0;
  const overdue = n('overdue');
  return {
    expected: n('expected'),
    done: n('submitted') + n('approved'),
    approved: n('approved'),
    returned: n('returned'),
    overdue,
    pending: Math.max(0, n('missing') + n('draft') - overdue),
    late: n('late'),
  };
}

/** "5/8 đã nộp, 2 trễ hạn, 1 chưa nộp": the parts that are not zero after the first. */
export function completenessText(counts: Partial<RoundCounts> | undefined, lang?: Lang): string {
  const p = completenessParts(counts);
  const parts = [t('reporting.summary.done', { done: p.done, expected: p.expected }, lang)];
  if (p.approved > 0) parts.push(t('reporting.summary.approved', { n: p.approved }, lang));
  if (p.late > 0) parts.push(t('reporting.summary.late', { n: p.late }, lang));
  if (p.returned > 0) parts.push(t('reporting.summary.returned', { n: p.returned }, lang));
  if (p.overdue > 0) parts.push(t('reporting.summary.overdue', { n: p.overdue }, lang));
  if (p.pending > 0) parts.push(t('reporting.summary.pending', { n: p.pending }, lang));
  return parts.join(', ');
}

export function kindLabel(kind: string, lang?: Lang): string {
  return ROUND_KINDS.includes(kind as RoundKind) ? t(`reporting.kind.${kind as RoundKind}`, undefined, lang) : kind;
}

/** A round's period in words: "6 tháng đầu năm 2025", "Năm 2025", "Giai đoạn 2021–2025". */
export function periodLabel(period: string, lang?: Lang): string {
  const half = /^(\d{4})H([12])$/.exec(period);
  if (half) {
    const which = t(half[2] === '1' ? 'reporting.period.half1' : 'reporting.period.half2', undefined, lang);
    return t('reporting.period.half', { half: which, year: half[1] ?? '' }, lang);
  }
  if (/^\d{4}$/.test(period)) return t('reporting.period.year', { year: period }, lang);
  const span = /^P(\d{4})-(\d{4})$/.exec(period);
  if (span) return t('reporting.period.span', { from: span[1] ?? '', to: span[2] ?? '' }, lang);
  return period;
}

const PERIOD_FORMS: Record<RoundKind, RegExp> = {
  six_month: /^\d{4}H[12]$/,
  year: /^\d{4}$/,
  final_review: /^P\d{4}-\d{4}$/,
};

/** Whether `period` has the form `kind` covers (2025H1, 2025, P2021-2025). */
export function periodFits(kind: RoundKind, period: string): boolean {
  return PERIOD_FORMS[kind].test(period);
}

/** A period of `kind` to start the form with, from today: the last half, last year, 2021–2025. */
export function suggestedPeriod(kind: RoundKind, today: string): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  if (kind === 'six_month') return month >= 7 ? `${year}H1` : `${year - 1}H2`;
  if (kind === 'year') return String(year - 1);
  return 'P2021-2025';
}

/** "Báo cáo 6 tháng đầu năm 2025", "Báo cáo năm 2024": the name a round gets when none is typed. */
export function defaultRoundName(kind: RoundKind, period: string, lang?: Lang): string {
  const when = periodLabel(period, lang);
  const lower = `${when.charAt(0).toLowerCase()}${when.slice(1)}`;
  return t(kind === 'final_review' ? 'reporting.defaultName.final_review' : 'reporting.defaultName', { period: lower }, lang);
}

/** "369, 374 ,375" → ["369","374","375"] (blanks and repeats dropped). */
export function parseUnitCodes(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    const code = part.trim();
    if (code && !out.includes(code)) out.push(code);
  }
  return out;
}

export interface NewRoundForm {
  name: string;
  kind: RoundKind;
  period: string;
  dueOn: string;
  who: 'level' | 'units';
  level: string;
  unitsText: string;
  plan: string;
}

/** The form's own checks before it is sent: field → message (in `lang`). */
export function validateNewRound(form: NewRoundForm, lang?: Lang): Record<string, string> {
  const errors: Record<string, string> = {};
  const period = form.period.trim();
  if (!period) errors.period = t('reporting.error.periodRequired', undefined, lang);
  else if (!periodFits(form.kind, period)) errors.period = t(`reporting.error.periodFormat.${form.kind}`, undefined, lang);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.dueOn)) errors.due_on = t('reporting.error.dueRequired', undefined, lang);
  if (form.who === 'units' && parseUnitCodes(form.unitsText).length === 0) errors.units = t('reporting.error.unitsRequired', undefined, lang);
  return errors;
}

/** The body of POST /api/report-rounds from the form and the round's unit. */
export function newRoundBody(form: NewRoundForm, unit: string, lang?: Lang) {
  const period = form.period.trim();
  return {
    name: form.name.trim() || defaultRoundName(form.kind, period, lang),
    kind: form.kind,
    period,
    unit,
    due_on: form.dueOn,
    ...(form.who === 'level' ? { level: form.level } : { units: parseUnitCodes(form.unitsText) }),
    ...(form.plan ? { plan: form.plan } : {}),
  };
}

/** A server field name as the form's field: "units[2]" → "units". */
export function formField(name: string): string {
  const bracket = name.indexOf('[');
  return bracket < 0 ? name : name.slice(0, bracket);
}

/** A target's result: "50 %", "12", or the server's "<5" for a hidden small count. */
export function valueText(item: ReportValue, lang?: Lang): string {
  if (item.is_suppressed || item.value === null) {
    if (item.is_suppressed) return '<5';
    return '—';
  }
  const number = formatNumber(Math.round(item.value * 10) / 10, lang);
  return item.value_kind === 'percent' ? `${number} %` : number;
}

/** "1 / 2", with "<5" for hidden counts; empty when the target has no denominator. */
export function countText(item: ReportValue, lang?: Lang): string {
  const show = (value: number | null, shown: string | null | undefined) => (shown ? shown : value === null ? '—' : formatNumber(value, lang));
  const numerator = show(item.numerator, item.shown?.numerator);
  if (item.denominator === null && !item.shown?.denominator) return numerator;
  return `${numerator} / ${show(item.denominator, item.shown?.denominator)}`;
}

export function goalText(item: ReportValue, lang?: Lang): string {
  if (item.goal === null || item.goal === undefined) return '';
  const unit = item.value_kind === 'percent' ? ' %' : '';
  const goal = formatNumber(item.goal, lang);
  if (item.goal_max !== null && item.goal_max !== undefined) return `${goal}–${formatNumber(item.goal_max, lang)}${unit}`;
  return `${goal}${unit}`;
}

const VALUE_STATUSES = ['met', 'not_met', 'on_track', 'behind', 'no_data', 'suppressed'] as const;

export function valueStatusLabel(status: string, lang?: Lang): string {
  return (VALUE_STATUSES as readonly string[]).includes(status) ? t(`reporting.value.${status as (typeof VALUE_STATUSES)[number]}`, undefined, lang) : status;
}

const EVENTS = ['save', 'submit', 'return', 'approve', 'unlock'] as const;

export function eventLabel(action: string, lang?: Lang): string {
  return (EVENTS as readonly string[]).includes(action) ? t(`reporting.event.${action as (typeof EVENTS)[number]}`, undefined, lang) : action;
}
