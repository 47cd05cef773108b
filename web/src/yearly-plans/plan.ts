// Pure rules of the yearly plan pages, tested without a browser: who may draft plans, the words of
// a task's progress and of an overdue task (a text label, not only a colour), the counts line of a
// plan, the checks of the new plan / new task / progress forms before the server's own.

import type { RoleId } from '../api/auth';
import type { MessageKey } from '../i18n';
import type { NewPlan, NewProgress, NewTask, PlanCounts, PlanTask, Progress } from './api';

/** The roles that draft and issue their own unit's plans (yearly_plan create, own unit). */
export const PLAN_WRITE_ROLES: readonly RoleId[] = ['province_officer', 'district_officer', 'commune_officer'];

export function canCreatePlans(role: RoleId): boolean {
  return PLAN_WRITE_ROLES.includes(role);
}

export const PROGRESS_VALUES: readonly Progress[] = ['not_started', 'in_progress', 'done'];

export function progressKey(p: Progress): MessageKey {
  return `yp.progress.${p}` as MessageKey;
}

/** The label of a task's state: its progress, and "Quá hạn" when it is overdue. */
export function taskStateKeys(task: Pick<PlanTask, 'progress' | 'is_overdue'>): MessageKey[] {
  const keys: MessageKey[] = [progressKey(task.progress)];
  if (task.is_overdue) keys.push('yp.overdue');
  return keys;
}

/** The Vietnam calendar day (UTC+7) of a UTC timestamp, as YYYY-MM-DD. */
export function vietnamDay(isoTime: string): string {
  const ms = Date.parse(isoTime);
  return Number.isNaN(ms) ? isoTime.slice(0, 10) : new Date(ms + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

export function planHref(id: string): string {
  return `/yearly-plans/${encodeURIComponent(id)}`;
}

/** Overdue first, then by deadline: what needs attention leads the list. */
export function sortTasks<T extends Pick<PlanTask, 'deadline' | 'is_overdue'>>(tasks: readonly T[]): T[] {
  return [...tasks].sort((a, b) => Number(b.is_overdue) - Number(a.is_overdue) || a.deadline.localeCompare(b.deadline));
}

/** "2/5 hoàn thành, 1 quá hạn" parts of a plan's counts. */
export function countsParts(c: Partial<PlanCounts> | undefined): { key: MessageKey; n: number; total?: number }[] {
  const total = c?.tasks ?? 0;
  const out: { key: MessageKey; n: number; total?: number }[] = [{ key: 'yp.counts.done', n: c?.done ?? 0, total }];
  if ((c?.overdue ?? 0) > 0) out.push({ key: 'yp.counts.overdue', n: c?.overdue ?? 0 });
  return out;
}

/** The lines of a text area as a list (empty lines dropped): cooperating agencies, targets. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,;]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface PlanForm {
  unit: string;
  year: string;
  title: string;
  documentNumber: string;
  documentDate: string;
}

/** The body of a new plan, or the form's field errors (message keys by API field). */
export function newPlanBody(f: PlanForm): { body: NewPlan | null; errors: Record<string, MessageKey> } {
  const errors: Record<string, MessageKey> = {};
  const year = Number(f.year);
  if (!f.title.trim()) errors.title = 'yp.error.required';
  if (!/^\d{4}$/.test(f.year.trim()) || year < 2000 || year > 2100) errors.year = 'yp.error.year';
  if (f.documentDate && !DATE.test(f.documentDate)) errors.document_date = 'yp.error.date';
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const body: NewPlan = { unit: f.unit, year, title: f.title.trim() };
  if (f.documentNumber.trim()) body.document_number = f.documentNumber.trim();
  if (f.documentDate) body.document_date = f.documentDate;
  return { body, errors };
}

export interface TaskForm {
  title: string;
  description: string;
  assigneeUnit: string;
  leadAgency: string;
  cooperating: string;
  deadline: string;
  targets: string;
}

export function newTaskBody(f: TaskForm): { body: NewTask | null; errors: Record<string, MessageKey> } {
  const errors: Record<string, MessageKey> = {};
  if (!f.title.trim()) errors.title = 'yp.error.required';
  if (!f.assigneeUnit.trim()) errors.assignee_unit = 'yp.error.required';
  if (!DATE.test(f.deadline)) errors.deadline = f.deadline ? 'yp.error.date' : 'yp.error.required';
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const body: NewTask = { title: f.title.trim(), assignee_unit: f.assigneeUnit.trim(), deadline: f.deadline };
  if (f.description.trim()) body.description = f.description.trim();
  if (f.leadAgency.trim()) body.lead_agency = f.leadAgency.trim();
  const cooperating = splitList(f.cooperating);
  if (cooperating.length > 0) body.cooperating = cooperating;
  const targets = splitList(f.targets).map((s) => s.toUpperCase());
  if (targets.length > 0) body.targets = targets;
  return { body, errors };
}

export interface ProgressForm {
  status: Progress;
  note: string;
  evidence: string;
  evidenceLink: string;
}

/** The body of a progress report: "done" needs evidence (text or link), a link is http(s). */
export function progressBody(f: ProgressForm, version: number): { body: NewProgress | null; errors: Record<string, MessageKey> } {
  const errors: Record<string, MessageKey> = {};
  const link = f.evidenceLink.trim();
  if (link && !/^https?:\/\//.test(link)) errors.evidence_link = 'yp.error.link';
  if (f.status === 'done' && !f.evidence.trim() && !link) errors.evidence = 'yp.error.evidence';
  if (Object.keys(errors).length > 0) return { body: null, errors };
  const body: NewProgress = { version, status: f.status };
  if (f.note.trim()) body.note = f.note.trim();
  if (f.evidence.trim()) body.evidence = f.evidence.trim();
  if (link) body.evidence_link = link;
  return { body, errors };
}
