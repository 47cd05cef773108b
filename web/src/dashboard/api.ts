// The indicators API (issue 7; src/api/indicators_api.cc): the plans and their targets, each
// target's value for a unit and period (with its trend and, on request, the units below), and
// the records behind a value.

import { api } from '../api/client';

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
  last_seq: number;
  items: IndicatorItem[];
}

export interface IndicatorQuery {
  plan: string;
  unit: string;
  period: string;
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
  /** Records behind the value that the caller may not read. */
  not_shown: number;
}

export function loadIndicatorPlans(signal?: AbortSignal): Promise<IndicatorPlan[]> {
  return api.get<{ items: IndicatorPlan[] }>('/api/plans', { signal }).then((reply) => reply.items);
}

export function getIndicators(query: IndicatorQuery, signal?: AbortSignal): Promise<IndicatorReply> {
  return api.get<IndicatorReply>('/api/indicators', {
    query: { plan: query.plan, unit: query.unit, period: query.period, target: query.target, children: query.children ? 'true' : undefined },
    signal,
  });
}

export function getIndicatorRecords(
  target: string,
  query: { plan: string; unit: string; period: string; limit: number; offset: number },
  signal?: AbortSignal,
): Promise<IndicatorRecordsReply> {
  return api.get<IndicatorRecordsReply>(`/api/indicators/${encodeURIComponent(target)}/records`, { query: { ...query }, signal });
}
