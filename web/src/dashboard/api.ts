// The indicators API (issue 7; src/api/indicators_api.cc): the plans and their targets, each
// target's value for a unit and period (with its trend and, on request, the units below), and
// the records behind a value; each on a tree of units (issue 10): the one of the period's date
// or a later version. And what the map of the units below needs: the tree versions, a unit's
// children on a version's date, the lineage between versions, a layer of boundaries.

import { ApiError, api } from '../api/client';
import type { UnitDetail, UnitLevel } from '../api/units';

export type ValueKind = 'percent' | 'count' | 'growth';
export type Comparison = 'at_least' | 'at_most' | 'between';
export type IndicatorStatus = 'met' | 'not_met' | 'on_track' | 'behind' | 'no_data' | 'suppressed';

/** A target of a plan (GET /api/plans). */
export interface PlanTarget {
  id: string;
  name_vi: string;
  name_en: string;
  /** The level of unit the target is about ("commune", "district", "province"). */
  level: string;
  /** "year" or "plan": the period the target is set for. */
  period: string;
  value: ValueKind;
  comparison: Comparison;
  target: number;
  target_max: number | null;
  /** Counted from clients: counts of 1–4 are hidden ("<5") and no record is listed. */
  is_client_derived: boolean;
  /** The target is for the plan's end; a year before it is on track or behind. */
  goal_at_plan_end?: boolean;
  note_vi: string | null;
  note_en: string | null;
}

export interface IndicatorPlan {
  id: string;
  name_vi: string;
  name_en: string;
  start: string;
  end: string;
  units: string[];
  targets: PlanTarget[];
}

/** One value of a target for a unit and a period. */
export interface IndicatorValue {
  unit: string;
  period: string;
  as_of: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** The counts as they may be shown: "<5" when hidden. */
  shown: { numerator: string; denominator: string | null };
  is_suppressed: boolean;
  /** What the value should be by `as_of` (the target itself, or the way to a goal at the plan's end). */
  expected: number;
  status: IndicatorStatus;
  status_vi: string;
}

export interface IndicatorItem extends PlanTarget {
  current: IndicatorValue;
  trend: IndicatorValue[];
  children?: IndicatorValue[];
}

export interface IndicatorReply {
  plan: string;
  unit: string;
  period: string;
  from: string;
  to: string;
  /** The first day of the tree version the values are on (servers before issue 10 leave it out). */
  tree?: string;
  last_seq: number;
  items: IndicatorItem[];
}

export interface IndicatorQuery {
  plan: string;
  unit: string;
  period: string;
  /** "period" (the tree of the period's date) or a version's first day; left out: the server's default. */
  tree?: string;
  target?: string;
  children?: boolean;
}

/** A record counted in a target's numerator; `path` is its type's API path ("inspections"). */
export interface IndicatorRecord {
  type: string;
  id: string;
  unit: string;
  date: string;
  path: string | null;
}

export interface IndicatorRecordsReply {
  items: IndicatorRecord[];
  total: number;
  /** The first day of the tree version the records are counted on (issue 10). */
  tree?: string;
  /** Records behind the value that the caller may not read. */
  not_shown: number;
}

export function loadIndicatorPlans(signal?: AbortSignal): Promise<IndicatorPlan[]> {
  return api.get<{ items: IndicatorPlan[] }>('/api/plans', { signal }).then((reply) => reply.items);
}

export function getIndicators(query: IndicatorQuery, signal?: AbortSignal): Promise<IndicatorReply> {
  return api.get<IndicatorReply>('/api/indicators', {
    query: { plan: query.plan, unit: query.unit, period: query.period, tree: query.tree, target: query.target, children: query.children ? 'true' : undefined },
    signal,
  });
}

/**
 * The address of the view as a file to download: the workbook ("export", XLSX) or the report as an
 * editable Word document laid out as Decree 30/2020 ("report", DOCX).
 */
export function indicatorFileHref(kind: 'export' | 'report', query: IndicatorQuery): string {
  const params = new URLSearchParams({ plan: query.plan, unit: query.unit, period: query.period });
  if (query.tree) params.set('tree', query.tree);
  return `/api/indicators/${kind}?${params.toString()}`;
}

export function getIndicatorRecords(
  target: string,
  query: { plan: string; unit: string; period: string; tree?: string; limit: number; offset: number },
  signal?: AbortSignal,
): Promise<IndicatorRecordsReply> {
  return api.get<IndicatorRecordsReply>(`/api/indicators/${encodeURIComponent(target)}/records`, { query: { ...query }, signal });
}

// ---- the trees of units (issue 10) ------------------------------------------------------------

/** A version of the tree of units: valid from `from` to `to` (null: still valid), with its counts by level. */
export interface UnitVersion {
  from: string;
  to: string | null;
  levels: Partial<Record<UnitLevel, number>>;
}

/** The versions of the tree, oldest first; none from a server that does not list them (404). */
export function loadUnitVersions(signal?: AbortSignal): Promise<UnitVersion[]> {
  return api.get<{ items: UnitVersion[] }>('/api/unit-versions', { signal }).then(
    (reply) => [...reply.items].sort((a, b) => a.from.localeCompare(b.from)),
    (failure: unknown) => {
      if (failure instanceof ApiError && failure.status === 404) return [];
      throw failure;
    },
  );
}

/** A unit with its path and children as they were on `date` (the tree version of that day). */
export function getUnitOn(code: string, date: string | undefined, signal?: AbortSignal): Promise<UnitDetail> {
  return api.get<UnitDetail>(`/api/units/${encodeURIComponent(code)}`, { query: { date }, signal });
}

export type UnitChangeKind = 'merge' | 'split' | 'rename' | 'moved' | 'unchanged';

/** A row of the lineage between two tree versions (GET /api/unit-changes). */
export interface UnitChange {
  id: number;
  effective: string;
  kind: UnitChangeKind | string;
  old_code: string;
  old_name: string;
  new_code: string | null;
  new_name: string;
  status: 'confirmed' | 'to_confirm' | string;
}

/** The lineage rows of the tree version that starts on `effective`. */
export function getUnitChanges(effective: string, signal?: AbortSignal): Promise<UnitChange[]> {
  return api.get<{ items: UnitChange[] }>('/api/unit-changes', { query: { effective }, signal }).then((reply) => reply.items);
}

/** A static file of the web build (a layer of boundaries), as JSON. */
export function getStaticJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return api.get<T>(url, { signal });
}
