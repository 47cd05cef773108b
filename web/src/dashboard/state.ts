// The dashboard's view in the address, so that a view can be shared: the plan, the unit, the
// period and, when chosen, the tree of units (issue 10: "period", or a version's first day) in
// the query of
//   /dashboard                      every target of the plan, as cards
//   /dashboard/<target>             one target and the ranking of the units below
//   /dashboard/<target>/records     the records behind the value (page in the query)
// and the periods the server knows: "2024" (a year), "2024Q2" (a quarter), "202405" (a month),
// "P2021-2025" (the whole plan).

import { t, type Lang } from '../i18n';
import { DASHBOARD_HOME } from '../router';
import type { UnitPathEntry } from '../api/units';
import type { IndicatorPlan } from './api';

export const DASHBOARD_PATH = DASHBOARD_HOME;

export interface DashboardState {
  plan: string;
  unit: string;
  period: string;
  /** "period" or a tree version's first day ("2025-01-01"); left out: the server's default. */
  tree?: string;
}

/** The view as the address gives it: each part null when missing or malformed. */
export interface DashboardQuery {
  plan: string | null;
  unit: string | null;
  period: string | null;
  tree: string | null;
  page: number;
}

const UNIT_RE = /^[A-Za-z0-9]{1,20}$/;
const PLAN_RE = /^[A-Za-z0-9._-]{1,64}$/;
/** The tree of the period's own date. */
export const TREE_OF_PERIOD = 'period';
const TREE_RE = /^(period|\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$/;

export function readDashboardQuery(search: string): DashboardQuery {
  const params = new URLSearchParams(search);
  const get = (name: string) => (params.get(name) ?? '').trim();
  const plan = get('plan');
  const unit = get('unit');
  const period = get('period').toUpperCase();
  const tree = get('tree').toLowerCase();
  const page = Number(get('page'));
  return {
    plan: PLAN_RE.test(plan) ? plan : null,
    unit: UNIT_RE.test(unit) ? unit : null,
    period: parsePeriod(period) ? period : null,
    tree: TREE_RE.test(tree) ? tree : null,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** Whether the address names the plan, the unit and the period (a view that can be shared). */
export function isCompleteQuery(query: DashboardQuery): boolean {
  return query.plan !== null && query.unit !== null && query.period !== null;
}

/**
 * The view to show: the address's choices, else the first plan, the user's unit (the plan's
 * first unit for a national account, as the server does) and this year (the plan's last year
 * once it is over, its first before it starts); the tree only when the address names one (the
 * server's default otherwise). Null when no plan is loaded.
 */
export function resolveState(query: DashboardQuery, plans: readonly IndicatorPlan[], homeUnit: string, today: Date): DashboardState | null {
  const plan = plans.find((p) => p.id === query.plan) ?? plans[0];
  if (!plan) return null;
  const home = homeUnit === 'VN' && plan.units[0] ? plan.units[0] : homeUnit;
  const state: DashboardState = { plan: plan.id, unit: query.unit ?? home, period: query.period ?? defaultPeriod(plan, today) };
  if (query.tree) state.tree = query.tree;
  return state;
}

export function defaultPeriod(plan: Pick<IndicatorPlan, 'start' | 'end'>, today: Date): string {
  const [first, last] = planYearRange(plan);
  return String(Math.min(Math.max(today.getFullYear(), first), last));
}

/** The address of a view: the overview, a target's ranking or its records (with a page). */
export function dashboardHref(state: DashboardState, view: { target?: string; records?: boolean; page?: number } = {}): string {
  let path = DASHBOARD_PATH;
  if (view.target) path += `/${encodeURIComponent(view.target)}${view.records ? '/records' : ''}`;
  const params = new URLSearchParams({ plan: state.plan, unit: state.unit, period: state.period });
  if (state.tree) params.set('tree', state.tree);
  if (view.page && view.page > 1) params.set('page', String(view.page));
  return `${path}?${params.toString()}`;
}

/**
 * The units above the one shown that the user may open (a view of a unit above their own is
 * refused): from their own unit down, the shown one left out; all of them for a national account.
 */
export function reachablePath(path: readonly Pick<UnitPathEntry, 'code' | 'name'>[], ownUnit: string): Pick<UnitPathEntry, 'code' | 'name'>[] {
  const own = path.findIndex((entry) => entry.code === ownUnit);
  return path.slice(Math.max(own, 0), -1);
}

// ---- periods ---------------------------------------------------------------------------------

export type PeriodParts =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'plan'; from: number; to: number };

/** "2024Q2" → {quarter 2 of 2024}; null when it is none of the server's forms. */
export function parsePeriod(id: string): PeriodParts | null {
  let m = /^(\d{4})$/.exec(id);
  if (m) return { kind: 'year', year: Number(m[1]) };
  m = /^(\d{4})Q([1-4])$/.exec(id);
  if (m) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
  m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(id);
  if (m) return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
  m = /^P(\d{4})-(\d{4})$/.exec(id);
  if (m && Number(m[1]) <= Number(m[2])) return { kind: 'plan', from: Number(m[1]), to: Number(m[2]) };
  return null;
}

export function periodId(parts: PeriodParts): string {
  switch (parts.kind) {
    case 'year':
      return String(parts.year);
    case 'quarter':
      return `${parts.year}Q${parts.quarter}`;
    case 'month':
      return `${parts.year}${String(parts.month).padStart(2, '0')}`;
    case 'plan':
      return `P${parts.from}-${parts.to}`;
  }
}

/** The last day of a period ("2024Q2" → "2024-06-30"); null when it is none of the server's forms. */
export function periodEnd(id: string): string | null {
  const parts = parsePeriod(id);
  if (!parts) return null;
  const lastDay = (year: number, month: number) => {
    const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  switch (parts.kind) {
    case 'year':
      return lastDay(parts.year, 12);
    case 'quarter':
      return lastDay(parts.year, parts.quarter * 3);
    case 'month':
      return lastDay(parts.year, parts.month);
    case 'plan':
      return lastDay(parts.to, 12);
  }
}

export function planYearRange(plan: Pick<IndicatorPlan, 'start' | 'end'>): [number, number] {
  return [Number(plan.start.slice(0, 4)), Number(plan.end.slice(0, 4))];
}

/** The whole plan as a period: "P2021-2025". */
export function planPeriodId(plan: Pick<IndicatorPlan, 'start' | 'end'>): string {
  const [from, to] = planYearRange(plan);
  return periodId({ kind: 'plan', from, to });
}

/** The choices of the year select: the plan's years, then the whole plan ("P2021-2025"). */
export function yearChoices(plan: Pick<IndicatorPlan, 'start' | 'end'>, chosen: string, lang: Lang): { value: string; label: string }[] {
  const [first, last] = planYearRange(plan);
  const out: { value: string; label: string }[] = [];
  for (let y = first; y <= last; y += 1) out.push({ value: String(y), label: String(y) });
  const parts = parsePeriod(chosen);
  const chosenYear = parts && parts.kind !== 'plan' ? String(parts.year) : null;
  if (chosenYear && !out.some((o) => o.value === chosenYear)) out.push({ value: chosenYear, label: chosenYear });
  out.sort((a, b) => a.value.localeCompare(b.value));
  const whole = planPeriodId(plan);
  out.push({ value: whole, label: periodLabel(whole, lang) });
  if (parts?.kind === 'plan' && chosen !== whole) out.push({ value: chosen, label: periodLabel(chosen, lang) });
  return out;
}

/** The value of the year select for a period: its year, or the plan period itself. */
export function yearChoice(period: string): string {
  const parts = parsePeriod(period);
  if (!parts) return period;
  return parts.kind === 'plan' ? period : String(parts.year);
}

/** The value of the quarter select: "" (the whole year), "Q2", or "M05" for a month. */
export function partChoice(period: string): string {
  const parts = parsePeriod(period);
  if (parts?.kind === 'quarter') return `Q${parts.quarter}`;
  if (parts?.kind === 'month') return `M${String(parts.month).padStart(2, '0')}`;
  return '';
}

/** The period of a year choice ("2024" or "P2021-2025") and a part choice ("", "Q2", "M05"). */
export function combinePeriod(year: string, part: string): string {
  const parts = parsePeriod(year);
  if (!parts || parts.kind !== 'year') return year;
  const q = /^Q([1-4])$/.exec(part);
  if (q) return periodId({ kind: 'quarter', year: parts.year, quarter: Number(q[1]) });
  const m = /^M(0[1-9]|1[0-2])$/.exec(part);
  if (m) return periodId({ kind: 'month', year: parts.year, month: Number(m[1]) });
  return year;
}

/** The choices of the quarter select, with the month of the address when it holds one. */
export function partChoices(period: string, lang: Lang): { value: string; label: string }[] {
  const out = [{ value: '', label: t('dashboard.period.wholeYear', undefined, lang) }];
  for (let q = 1; q <= 4; q += 1) out.push({ value: `Q${q}`, label: t('dashboard.period.quarter', { q: String(q) }, lang) });
  const parts = parsePeriod(period);
  if (parts?.kind === 'month') out.push({ value: partChoice(period), label: t('dashboard.period.month', { m: String(parts.month) }, lang) });
  return out;
}

/** "Năm 2024", "Quý 2/2024", "Tháng 5/2024", "Giai đoạn 2021–2025". */
export function periodLabel(id: string, lang: Lang): string {
  const parts = parsePeriod(id);
  if (!parts) return id;
  switch (parts.kind) {
    case 'year':
      return t('dashboard.periodLabel.year', { year: String(parts.year) }, lang);
    case 'quarter':
      return t('dashboard.periodLabel.quarter', { q: String(parts.quarter), year: String(parts.year) }, lang);
    case 'month':
      return t('dashboard.periodLabel.month', { m: String(parts.month), year: String(parts.year) }, lang);
    case 'plan':
      return t('dashboard.periodLabel.plan', { from: String(parts.from), to: String(parts.to) }, lang);
  }
}

/** The short label of a trend point: "2024", "Q2", "T5" (May). */
export function trendLabel(id: string, lang: Lang): string {
  const parts = parsePeriod(id);
  if (!parts) return id;
  switch (parts.kind) {
    case 'year':
      return String(parts.year);
    case 'quarter':
      return `Q${parts.quarter}`;
    case 'month':
      return t('dashboard.period.monthShort', { m: String(parts.month) }, lang);
    case 'plan':
      return `${parts.from}–${parts.to}`;
  }
}
