// The yearly plans API (README.md "Yearly plans"; src/api/yearly_plans_api.cc):
// a unit's yearly plan (kế hoạch năm) with its document number and date, its tasks assigned to
// units below with deadlines and linked targets, and the assignees' progress reports.

import { api, buildUrl } from '../api/client';

export type PlanStatus = 'draft' | 'issued';
export type Progress = 'not_started' | 'in_progress' | 'done';
export type PlanStep = 'update' | 'issue' | 'add_task';
export type TaskStep = 'update' | 'progress';

export interface ProgressReport {
  version: number;
  status: Progress;
  note: string | null;
  evidence: string | null;
  evidence_file: string | null;
  evidence_link: string | null;
  at: string;
  reported_by: string;
}

export interface PlanTask {
  id: string;
  plan: string;
  title: string;
  description: string;
  assignee_unit: string;
  assignee_unit_name: string;
  lead_agency: string | null;
  cooperating: string[];
  deadline: string;
  targets: string[];
  progress: Progress;
  is_overdue: boolean;
  version: number;
  reports: ProgressReport[];
  steps: TaskStep[];
  /** GET /api/plan-tasks only: the plan's header. */
  plan_unit?: string;
  plan_unit_name?: string;
  plan_title?: string;
  plan_number?: string | null;
  plan_year?: number;
}

export interface PlanCounts {
  tasks: number;
  not_started: number;
  in_progress: number;
  done: number;
  overdue: number;
}

export interface YearlyPlan {
  id: string;
  unit: string;
  unit_name: string;
  year: number;
  document_number: string | null;
  document_date: string | null;
  title: string;
  plan: string;
  status: PlanStatus;
  issued_at: string | null;
  issued_by: string | null;
  version: number;
  counts: PlanCounts;
  steps: PlanStep[];
}

export interface YearlyPlanDetail extends YearlyPlan {
  tasks: PlanTask[];
}

export interface NewPlan {
  unit: string;
  year: number;
  title: string;
  document_number?: string;
  document_date?: string;
}

export interface NewTask {
  title: string;
  description?: string;
  assignee_unit: string;
  lead_agency?: string;
  cooperating?: string[];
  deadline: string;
  targets?: string[];
}

export interface NewProgress {
  version: number;
  status: Progress;
  note?: string;
  evidence?: string;
  evidence_link?: string;
}

const BASE = '/api/yearly-plans';

export function listPlans(signal?: AbortSignal): Promise<{ items: YearlyPlan[]; total: number }> {
  return api.get(BASE, { signal });
}

export function getPlan(id: string, signal?: AbortSignal): Promise<YearlyPlanDetail> {
  return api.get(`${BASE}/${encodeURIComponent(id)}`, { signal });
}

export function createPlan(body: NewPlan): Promise<YearlyPlanDetail> {
  return api.send('POST', BASE, body);
}

export function updatePlan(id: string, body: Partial<NewPlan> & { version: number }): Promise<YearlyPlanDetail> {
  return api.send('PATCH', `${BASE}/${encodeURIComponent(id)}`, body);
}

export function issuePlan(id: string, version: number): Promise<YearlyPlanDetail> {
  return api.send('POST', `${BASE}/${encodeURIComponent(id)}/issue`, { version });
}

export function addTask(planId: string, body: NewTask): Promise<PlanTask> {
  return api.send('POST', `${BASE}/${encodeURIComponent(planId)}/tasks`, body);
}

export function reportProgress(planId: string, taskId: string, body: NewProgress): Promise<PlanTask> {
  return api.send('POST', `${BASE}/${encodeURIComponent(planId)}/tasks/${encodeURIComponent(taskId)}/progress`, body);
}

export interface TaskFilter {
  assignee?: string;
  overdue?: boolean;
}

export function listTasks(filter: TaskFilter, signal?: AbortSignal): Promise<{ items: PlanTask[]; total: number }> {
  const query = { assignee: filter.assignee, overdue: filter.overdue === undefined ? undefined : String(filter.overdue) };
  return api.get(buildUrl('/api/plan-tasks', query), { signal });
}
