// The tips API (docs/contract.md "Tips, denunciations and complaints"): tips received by intake
// officers, their workflow steps and history, the denouncer's identity (intake officers only),
// the T8 summary, the deadline rules and the caller's notifications.

import { api, buildUrl, type ListReply } from '../api/client';
import type { AssignableAccount } from '../api/records';

export type TipStatus = 'received' | 'verified' | 'classified' | 'assigned' | 'handled' | 'closed' | 'transferred';
export type Timeliness = 'not_due' | 'due_soon' | 'overdue' | 'on_time' | 'late';
export type TipStep = 'verify' | 'classify' | 'assign' | 'handle' | 'close' | 'transfer' | 'extend';

export interface Tip {
  id: string;
  unit: string;
  channel: string;
  kind: string;
  received_at: string;
  received_on: string;
  establishment_id: string | null;
  place: string | null;
  subject_unit: string | null;
  content: string;
  is_anonymous: boolean;
  status: TipStatus;
  assignee: string | null;
  deadline: string | null;
  deadline_days: number | null;
  extended_days: number | null;
  extensions: number | null;
  timeliness: Timeliness | null;
  days_left: number | null;
  verified_at: string | null;
  classified_at: string | null;
  assigned_at: string | null;
  handled_at: string | null;
  closed_at: string | null;
  outcome: string | null;
  transferred_to: string | null;
  inspection_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
}

export interface Denouncer {
  name?: string | null;
  id_number?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface CreateTipRequest {
  id: string;
  unit: string;
  channel: string;
  kind: string;
  received_at: string;
  content: string;
  establishment_id?: string;
  place?: string;
  is_anonymous: boolean;
  denouncer?: Denouncer;
}

export interface StepRequest {
  step: TipStep;
  version: number;
  note?: string;
  assignee?: string;
  outcome?: string;
  agency?: string;
  days?: number;
  kind?: string;
  inspection_id?: string;
}

export interface HistoryItem {
  seq: number;
  step: string;
  changed_at: string;
  changed_by: string | null;
  note: string | null;
  assignee: string | null;
  kind: string | null;
  outcome: string | null;
  agency: string | null;
  days: number | null;
  legal_basis: string | null;
}

export interface TipCounts {
  received: number;
  verified: number;
  classified: number;
  handled: number;
  handled_on_time: number;
  handled_late: number;
  open: number;
  overdue: number;
  due_soon: number;
}

export interface TipSummary {
  unit: string;
  period: string;
  from: string;
  to: string;
  as_of: string;
  totals: TipCounts;
  units: { unit: string; is_own: boolean; counts: TipCounts }[];
  handlers: { assignee: string; counts: TipCounts }[];
}

export interface TipNotification {
  type: string;
  id: string;
  kind: string;
  status: TipStatus;
  deadline: string | null;
  timeliness: Timeliness | null;
  days_left: number | null;
  is_overdue: boolean;
  is_due_soon: boolean;
}

export interface DeadlineRule {
  kind: string;
  days: number;
  max_extensions: number;
  max_extension_days: number;
  legal_basis_vi: string;
  legal_basis_en: string;
}

export interface TipQuery {
  unit?: string;
  period?: string;
  status?: string;
  kind?: string;
  assignee?: string;
  due?: string;
  limit?: number;
  offset?: number;
}

const BASE = '/api/tips';
const one = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

export function listTips(query: TipQuery, signal?: AbortSignal) {
  return api.get<ListReply<Tip>>(BASE, { query: { ...query }, signal });
}

export function getTip(id: string, signal?: AbortSignal) {
  return api.get<Tip>(one(id), { signal });
}

export function createTip(body: CreateTipRequest) {
  return api.send<Tip>('POST', BASE, body);
}

export function runStep(id: string, body: StepRequest) {
  return api.send<Tip>('POST', `${one(id)}/steps`, body);
}

export function tipHistory(id: string, signal?: AbortSignal) {
  return api.get<{ items: HistoryItem[] }>(`${one(id)}/history`, { signal }).then((reply) => reply.items);
}

export function getDenouncer(id: string, signal?: AbortSignal) {
  return api.get<Denouncer>(`${one(id)}/denouncer`, { signal });
}

export function tipSummary(query: { unit?: string; period?: string }, signal?: AbortSignal) {
  return api.get<TipSummary>(`${BASE}/summary`, { query: { ...query }, signal });
}

export function tipDeadlines(signal?: AbortSignal) {
  return api.get<{ items: DeadlineRule[]; due_soon_days: number }>('/api/tip-deadlines', { signal });
}

export function listNotifications(signal?: AbortSignal) {
  return api.get<{ items: TipNotification[]; total: number }>('/api/notifications', { signal });
}

/** Who may be named at `unit`: the inspection team list (inspectors and officers); 403 for roles that do not read inspections. */
export function assignableAccounts(unit: string, signal?: AbortSignal) {
  return api.get<{ items: AssignableAccount[] }>('/api/tips/assignable-accounts', { query: { unit }, signal }).then((reply) => reply.items);
}

export function exportHref(format: 'csv' | 'xlsx', query: TipQuery): string {
  return buildUrl(`${BASE}/export`, { format, ...query });
}
