// The inspection plans API (docs/contract.md "Inspection plans and establishment status"):
// proposals, stored plans (draft → approved), their progress and export.

import { api, buildUrl } from '../api/client';

export type PlanReason = 'never_inspected' | 'district_share' | 'extra' | 'high_risk' | 'open_tips';
export type PlanProgress = 'planned' | 'done' | 'overdue';
export type PlanStatus = 'draft' | 'approved';

export interface PlanTeam {
  id: string;
  monthly_capacity: number[];
  districts?: string[];
}

export interface ProposalItem {
  establishment_id: string;
  establishment_name: string;
  district: string;
  district_name: string;
  team_id: string;
  month: number;
  reasons: string[];
}

export interface Shortfall {
  district: string;
  rule: string;
  cause: string;
  required: number;
  already_done: number;
  planned: number;
  message_vi: string;
  message_en: string;
}

export interface DistrictSummary {
  district: string;
  district_name: string;
  establishments: number;
  inspected_this_year: number;
  never_inspected: number;
  required_share: number;
  required_never: number;
  planned: number;
  planned_never: number;
}

export interface Proposal {
  unit: string;
  year: number;
  first_month: number;
  is_feasible: boolean;
  teams: PlanTeam[];
  items: ProposalItem[];
  shortfalls: Shortfall[];
  districts: DistrictSummary[];
}

export interface ProposalRequest {
  unit: string;
  year: number;
  first_month: number;
  teams: PlanTeam[];
}

export interface PlanItemInput {
  establishment_id: string;
  team_id: string;
  month: number;
  district: string;
  /** Why the proposal chose it (never_inspected, high_risk…); stored with the plan when sent. */
  reasons?: string[];
}

export interface PlanSummary {
  id: string;
  unit: string;
  year: number;
  status: PlanStatus;
  items: number;
  version: number;
  updated_at: string;
}

export interface StoredPlanItem extends Partial<ProposalItem> {
  establishment_id: string;
  team_id: string;
  month: number;
  district: string;
  progress?: PlanProgress;
}

export interface StoredPlan {
  id: string;
  unit: string;
  year: number;
  first_month: number;
  status: PlanStatus;
  version: number;
  teams: PlanTeam[];
  items: StoredPlanItem[];
  progress?: { done: number; overdue: number; planned: number };
  updated_at?: string;
  approved_by?: string | null;
  approved_at?: string | null;
}

export interface CreatePlanRequest extends ProposalRequest {
  items: PlanItemInput[];
}

const BASE = '/api/inspection-plans';

export function listPlans(query: { unit?: string; year?: number | string }, signal?: AbortSignal) {
  return api.get<{ items: PlanSummary[] }>(BASE, { query, signal });
}

export function propose(body: ProposalRequest, signal?: AbortSignal) {
  return api.send<Proposal>('POST', `${BASE}/proposals`, body, { signal });
}

export function createPlan(body: CreatePlanRequest) {
  return api.send<StoredPlan>('POST', BASE, body);
}

export function getPlan(id: string, signal?: AbortSignal) {
  return api.get<StoredPlan>(`${BASE}/${encodeURIComponent(id)}`, { signal });
}

export function approvePlan(id: string, version: number) {
  return api.send<StoredPlan>('POST', `${BASE}/${encodeURIComponent(id)}/approve`, { version });
}

/** Where the plan downloads from; the session cookie goes with a plain link. */
export function exportHref(id: string, format: 'csv' | 'xlsx'): string {
  return buildUrl(`${BASE}/${encodeURIComponent(id)}/export`, { format });
}
