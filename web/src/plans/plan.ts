// The pure parts of the inspection plan pages: the form of a new plan (teams and their monthly
// capacities) and its checks before sending, the proposal's items grouped by month and edited
// (another month, another team, removed), the reasons and progress as labels, and the totals.

import { t, type Lang, type MessageKey } from '../i18n';
import type { CreatePlanRequest, PlanItemInput, PlanProgress, PlanTeam, ProposalItem, ProposalRequest, StoredPlanItem } from './api';

export const MONTHS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
export const MIN_YEAR = 2021;
export const MAX_YEAR = 2100;
export const MAX_CAPACITY = 999;

export interface TeamDraft {
  name: string;
  /** Twelve capacities as typed. */
  capacity: string[];
  /** District codes, separated by commas or spaces. */
  districts: string;
}

export interface PlanForm {
  unit: string;
  year: string;
  firstMonth: string;
  teams: TeamDraft[];
}

/** Field errors keyed like the server's ("teams[0].monthly_capacity[3]"). */
export type PlanErrors = Record<string, string>;

export function newTeam(index: number, lang: Lang, capacity = '1'): TeamDraft {
  return { name: t('plans.teamNameDefault', { n: index + 1 }, lang), capacity: MONTHS.map(() => capacity), districts: '' };
}

export function initialForm(unit: string, today: Date, lang: Lang): PlanForm {
  return { unit, year: String(today.getFullYear()), firstMonth: String(today.getMonth() + 1), teams: [newTeam(0, lang)] };
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  return Number(trimmed);
}

export function districtList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

/** The checks the server makes too, done before sending so the user sees them at once. */
export function validateForm(form: PlanForm, lang: Lang): PlanErrors {
  const errors: PlanErrors = {};
  if (!form.unit) errors.unit = t('plans.err.unit', undefined, lang);
  const year = wholeNumber(form.year);
  if (year === null || year < MIN_YEAR || year > MAX_YEAR) errors.year = t('plans.err.year', undefined, lang);
  const first = wholeNumber(form.firstMonth);
  if (first === null || first < 1 || first > 12) errors.first_month = t('plans.err.firstMonth', undefined, lang);
  if (form.teams.length === 0) errors.teams = t('plans.err.teams', undefined, lang);
  const seen = new Set<string>();
  form.teams.forEach((team, i) => {
    const name = team.name.trim();
    if (!name) errors[`teams[${i}].id`] = t('plans.err.teamName', undefined, lang);
    else if (seen.has(name)) errors[`teams[${i}].id`] = t('plans.err.teamDuplicate', undefined, lang);
    seen.add(name);
    team.capacity.forEach((text, m) => {
      const n = wholeNumber(text);
      if (n === null || n > MAX_CAPACITY) errors[`teams[${i}].monthly_capacity[${m}]`] = t('plans.err.capacity', undefined, lang);
    });
  });
  return errors;
}

export function toTeams(form: PlanForm): PlanTeam[] {
  return form.teams.map((team) => ({
    id: team.name.trim(),
    monthly_capacity: team.capacity.map((text) => wholeNumber(text) ?? 0),
    districts: districtList(team.districts),
  }));
}

/** The body of POST /api/inspection-plans/proposals; call only when validateForm finds nothing. */
export function toProposalRequest(form: PlanForm): ProposalRequest {
  return { unit: form.unit, year: Number(form.year), first_month: Number(form.firstMonth), teams: toTeams(form) };
}

/** The body of POST /api/inspection-plans from the request the proposal answered and the edited items. */
export function toCreateRequest(request: ProposalRequest, items: readonly ProposalItem[]): CreatePlanRequest {
  return { ...request, items: items.map(toItemInput) };
}

/** One item as sent: with its reasons when it has them, so that the saved plan shows them too. */
export function toItemInput(
  item: Pick<ProposalItem, 'establishment_id' | 'team_id' | 'month' | 'district'> & { reasons?: readonly string[] | undefined },
): PlanItemInput {
  const input: PlanItemInput = { establishment_id: item.establishment_id, team_id: item.team_id, month: item.month, district: item.district };
  if (item.reasons) input.reasons = [...item.reasons];
  return input;
}

export interface MonthGroup<T> {
  month: number;
  items: T[];
}

/** Items by month (in order), each month's items by name. */
export function groupByMonth<T extends { month: number; establishment_name?: string | undefined; establishment_id: string }>(items: readonly T[]): MonthGroup<T>[] {
  const byMonth = new Map<number, T[]>();
  for (const item of items) {
    const list = byMonth.get(item.month) ?? [];
    list.push(item);
    byMonth.set(item.month, list);
  }
  const name = (item: T) => item.establishment_name ?? item.establishment_id;
  return [...byMonth.entries()]
    .sort(([a], [b]) => a - b)
    .map(([month, list]) => ({ month, items: [...list].sort((a, b) => name(a).localeCompare(name(b), 'vi')) }));
}

/** The items with one establishment's month or team changed. */
export function changeItem<T extends { establishment_id: string; month: number; team_id: string }>(
  items: readonly T[],
  establishmentId: string,
  change: { month?: number; team_id?: string },
): T[] {
  return items.map((item) => (item.establishment_id === establishmentId ? { ...item, ...change } : item));
}

export function removeItem<T extends { establishment_id: string }>(items: readonly T[], establishmentId: string): T[] {
  return items.filter((item) => item.establishment_id !== establishmentId);
}

/** The months an item may go to: from the plan's first month to December. */
export function monthsFrom(firstMonth: number): number[] {
  return MONTHS.filter((m) => m >= firstMonth);
}

/** Checks of the edited items before saving, keyed like the server's ("items[1].month"). */
export function validateItems(items: readonly PlanItemInput[], firstMonth: number, teamIds: readonly string[], lang: Lang): PlanErrors {
  const errors: PlanErrors = {};
  items.forEach((item, i) => {
    if (!Number.isInteger(item.month) || item.month < firstMonth || item.month > 12) {
      errors[`items[${i}].month`] = t('plans.err.itemMonth', { first: firstMonth }, lang);
    }
    if (!teamIds.includes(item.team_id)) errors[`items[${i}].team_id`] = t('plans.err.itemTeam', undefined, lang);
  });
  return errors;
}

const REASON_KEYS: Record<string, MessageKey> = {
  never_inspected: 'plans.reason.never_inspected',
  district_share: 'plans.reason.district_share',
  extra: 'plans.reason.extra',
  high_risk: 'plans.reason.high_risk',
  open_tips: 'plans.reason.open_tips',
};

/** A reason code as words; an unknown code shows as it is. */
export function reasonLabel(code: string, lang: Lang): string {
  const key = REASON_KEYS[code];
  return key ? t(key, undefined, lang) : code;
}

/** The badge modifier of a reason: the required ones stand out. */
export function reasonTone(code: string): 'danger' | 'warn' | 'plain' {
  if (code === 'never_inspected' || code === 'high_risk') return 'danger';
  if (code === 'district_share' || code === 'open_tips') return 'warn';
  return 'plain';
}

export function progressLabel(progress: PlanProgress | undefined, lang: Lang): string {
  return t(`plans.progress.${progress ?? 'planned'}`, undefined, lang);
}

export function progressTone(progress: PlanProgress | undefined): 'ok' | 'danger' | 'plain' {
  if (progress === 'done') return 'ok';
  if (progress === 'overdue') return 'danger';
  return 'plain';
}

/** Counts by progress, from the items (when the server's totals are missing). */
export function progressTotals(items: readonly Pick<StoredPlanItem, 'progress'>[]): { done: number; overdue: number; planned: number } {
  const totals = { done: 0, overdue: 0, planned: 0 };
  for (const item of items) totals[item.progress ?? 'planned'] += 1;
  return totals;
}

/** The year a list shows: the address's `year` when it is one, else this year. */
export function yearFromSearch(search: string, today: Date): number {
  const text = new URLSearchParams(search).get('year') ?? '';
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : today.getFullYear();
}

/** Field errors of a server reply mapped onto the form's keys (same naming). */
export function serverErrors(fields: readonly { field: string; message_vi: string; message_en: string }[], lang: Lang): PlanErrors {
  const errors: PlanErrors = {};
  for (const f of fields) errors[f.field] = (lang === 'vi' ? f.message_vi : f.message_en) || f.message_vi || f.message_en;
  return errors;
}

export const PLANS_PATH = '/inspection-plans';
export const NEW_PLAN_PATH = `${PLANS_PATH}/new`;

export function planHref(id: string): string {
  return `${PLANS_PATH}/${encodeURIComponent(id)}`;
}

/** The roles that make, change and approve plans (inspection:create); the server decides. */
export const PLAN_WRITE_ROLES: readonly string[] = ['province_officer'];

export function canWritePlans(role: string): boolean {
  return PLAN_WRITE_ROLES.includes(role);
}
