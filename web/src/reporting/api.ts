// The reporting rounds API (docs/contract.md "Reporting rounds (issue 8)"; src/api/reporting_api.cc):
// rounds (đợt báo cáo) with the completeness of their reports, each unit's report with its
// indicator values (live, or frozen at submission), its narrative sections, history and the steps
// the caller may take, and the consolidated documents kept with a round.

import { api, buildUrl } from '../api/client';

export type RoundKind = 'six_month' | 'year' | 'final_review';
export type ReportStatus = 'missing' | 'draft' | 'submitted' | 'returned' | 'approved';
export type ReportStep = 'save' | 'submit' | 'return' | 'approve' | 'unlock';
export type DocumentFormat = 'xlsx' | 'docx' | 'pdf';

/** Reports by status over the units the caller reads; on_time / late of those ever submitted. */
export interface RoundCounts {
  expected: number;
  missing: number;
  draft: number;
  submitted: number;
  returned: number;
  approved: number;
  on_time: number;
  late: number;
  /** Never submitted and past the due date. */
  overdue: number;
}

export interface Round {
  id: string;
  name: string;
  kind: RoundKind;
  period: string;
  from: string;
  to: string;
  unit: string;
  unit_name: string;
  level: string | null;
  units: string[];
  due_on: string;
  plan: string;
  tree_on: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  counts?: Partial<RoundCounts>;
}

export interface UnitProgress {
  unit: string;
  unit_name: string;
  status: ReportStatus;
  is_late: boolean;
  first_submitted_at: string | null;
  approved_at: string | null;
}

export interface RoundDetail extends Round {
  reports: UnitProgress[];
}

export interface NewRoundRequest {
  name?: string;
  kind: RoundKind;
  period: string;
  unit: string;
  level?: string;
  units?: string[];
  due_on: string;
  plan?: string;
}

export interface ReportValue {
  target: string;
  name_vi: string;
  name_en: string;
  level: string;
  value_kind: string;
  goal: number | null;
  goal_max: number | null;
  is_client_derived: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  shown?: { numerator?: string | null; denominator?: string | null };
  is_suppressed: boolean;
  expected?: number | null;
  status: string;
  as_of?: string;
}

export interface ReportValues {
  plan: string;
  is_plan_loaded?: boolean;
  period: string;
  from: string;
  to: string;
  tree?: string | null;
  computed_at?: string;
  items: ReportValue[];
}

export interface ReportEvent {
  version: number;
  action: string;
  at: string;
  actor: string;
  comment: string | null;
}

export interface Report {
  round: string;
  round_name: string;
  period: string;
  due_on: string;
  unit: string;
  unit_name: string;
  status: ReportStatus;
  version: number;
  results: string;
  difficulties: string;
  proposals: string;
  return_comment: string | null;
  is_late: boolean;
  submitted_at: string | null;
  returned_at: string | null;
  approved_at: string | null;
  history: ReportEvent[];
  steps: string[];
  values_source: 'live' | 'snapshot';
  values: ReportValues | null;
}

export interface Sections {
  results: string;
  difficulties: string;
  proposals: string;
}

export interface RoundDocument {
  id: string;
  format: DocumentFormat;
  file_name: string;
  size_bytes: number;
  created_at: string;
  created_by: string;
}

export interface IndicatorPlanSummary {
  id: string;
  name_vi: string;
  name_en: string;
}

const BASE = '/api/report-rounds';
const roundPath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;
const reportPath = (id: string, unit: string) => `${roundPath(id)}/reports/${encodeURIComponent(unit)}`;

export function listRounds(signal?: AbortSignal) {
  return api.get<{ items: Round[]; total: number }>(BASE, { signal });
}

export function createRound(body: NewRoundRequest) {
  return api.send<Round>('POST', BASE, body);
}

export function getRound(id: string, signal?: AbortSignal) {
  return api.get<RoundDetail>(roundPath(id), { signal });
}

export function getReport(id: string, unit: string, signal?: AbortSignal) {
  return api.get<Report>(reportPath(id, unit), { signal });
}

export function saveReport(id: string, unit: string, version: number, sections: Sections) {
  return api.send<Report>('PUT', reportPath(id, unit), { version, ...sections });
}

/** A step on a report: submit, approve ({version}), return and unlock ({version, comment}). */
export function reportStep(id: string, unit: string, step: 'submit' | 'return' | 'approve' | 'unlock', version: number, comment?: string) {
  const body = comment === undefined ? { version } : { version, comment };
  return api.send<Report>('POST', `${reportPath(id, unit)}/${step}`, body);
}

export function listDocuments(id: string, signal?: AbortSignal) {
  return api.get<{ items: RoundDocument[] }>(`${roundPath(id)}/documents`, { signal });
}

export function createDocument(id: string, format: DocumentFormat) {
  return api.send<RoundDocument>('POST', `${roundPath(id)}/documents`, { format });
}

/** Where a kept document downloads from; the session cookie goes with a plain link. */
export function documentHref(id: string, doc: string): string {
  return buildUrl(`${roundPath(id)}/documents/${encodeURIComponent(doc)}`);
}

/** The indicator plans whose targets may pre-fill a round's reports (GET /api/plans). */
export function listIndicatorPlans(signal?: AbortSignal) {
  return api.get<{ items: IndicatorPlanSummary[] }>('/api/plans', { signal }).then((reply) => reply.items);
}
