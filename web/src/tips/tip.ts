// The pure parts of the tips pages: which workflow steps the current status allows (and the role
// may run), the timeliness badges, the new tip form and its checks before sending, the list
// filters kept in the address, the T8 summary rows, and the addresses of the pages.

import type { RoleId } from '../api/auth';
import { canRunTipStep } from '../auth/guards';
import { t, type Lang, type MessageKey } from '../i18n';
import type { CreateTipRequest, Denouncer, StepRequest, TipCounts, TipQuery, TipStatus, TipStep, Timeliness } from './api';

export const TIPS_PATH = '/tips';
export const NEW_TIP_PATH = `${TIPS_PATH}/new`;

export function tipHref(id: string): string {
  return `${TIPS_PATH}/${encodeURIComponent(id)}`;
}

export const TIP_STATUSES: readonly TipStatus[] = ['received', 'verified', 'classified', 'assigned', 'handled', 'closed', 'transferred'];
export const OPEN_STATUSES: readonly TipStatus[] = ['received', 'verified', 'classified', 'assigned'];
export const TIP_STEPS: readonly TipStep[] = ['verify', 'classify', 'assign', 'handle', 'close', 'transfer', 'extend'];
export const MAX_CONTENT = 4000;

export function isOpen(status: TipStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/**
 * The steps the server accepts from `status` (docs/contract.md, "Workflow"): verify from
 * received, classify from verified, assign from classified or assigned, handle from assigned,
 * close from handled (and, withdrawn, from any open status), transfer and extend while open.
 */
export function stepsFromStatus(status: TipStatus): TipStep[] {
  const steps: TipStep[] = [];
  if (status === 'received') steps.push('verify');
  if (status === 'verified') steps.push('classify');
  if (status === 'classified' || status === 'assigned') steps.push('assign');
  if (status === 'assigned') steps.push('handle');
  if (status === 'handled' || isOpen(status)) steps.push('close');
  if (isOpen(status)) steps.push('transfer', 'extend');
  return steps;
}

/** The steps to offer: allowed from the status and granted to the role (an inspector: handle). */
export function allowedSteps(status: TipStatus, role: RoleId): TipStep[] {
  return stepsFromStatus(status).filter((step) => canRunTipStep(role, step));
}

/** Closing an open tip is only a withdrawal; a handled one closes with any outcome but "transferred". */
export function closeOutcomes(status: TipStatus, outcomes: readonly string[]): string[] {
  if (status !== 'handled') return outcomes.filter((code) => code === 'withdrawn');
  return outcomes.filter((code) => code !== 'transferred');
}

export function timelinessLabel(timeliness: Timeliness | null | undefined, lang: Lang): string {
  return timeliness ? t(`tips.timeliness.${timeliness}`, undefined, lang) : '';
}

export function timelinessTone(timeliness: Timeliness | null | undefined): 'ok' | 'warn' | 'danger' | 'plain' {
  switch (timeliness) {
    case 'on_time':
      return 'ok';
    case 'due_soon':
      return 'warn';
    case 'overdue':
    case 'late':
      return 'danger';
    default:
      return 'plain';
  }
}

export function statusLabel(status: string, lang: Lang): string {
  return (TIP_STATUSES as readonly string[]).includes(status) ? t(`tips.status.${status as TipStatus}`, undefined, lang) : status;
}

export function stepLabel(step: string, lang: Lang): string {
  const key = `tips.history.${step}`;
  return isKnownHistoryStep(step) ? t(key as MessageKey, undefined, lang) : step;
}

const HISTORY_STEPS = ['receive', 'edit', 'delete', ...TIP_STEPS];
function isKnownHistoryStep(step: string): boolean {
  return HISTORY_STEPS.includes(step);
}

// ---- the new tip form -------------------------------------------------------------------------

export interface TipForm {
  unit: string;
  channel: string;
  kind: string;
  /** As a datetime-local input holds it: "2026-05-04T09:30", local time. */
  receivedAt: string;
  content: string;
  establishmentId: string;
  place: string;
  isAnonymous: boolean;
  name: string;
  idNumber: string;
  address: string;
  phone: string;
  email: string;
}

export type TipErrors = Record<string, string>;

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as a datetime-local value in the browser's time: "2026-05-04T09:30". */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as an ISO instant with Z (the server needs no guess of the zone); null when malformed. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function initialTipForm(unit: string, now: Date): TipForm {
  return {
    unit,
    channel: '',
    kind: '',
    receivedAt: toLocalInput(now),
    content: '',
    establishmentId: '',
    place: '',
    isAnonymous: false,
    name: '',
    idNumber: '',
    address: '',
    phone: '',
    email: '',
  };
}

/** The checks the server makes too, keyed like its fields ("denouncer.phone"). */
export function validateTipForm(form: TipForm, now: Date, lang: Lang): TipErrors {
  const errors: TipErrors = {};
  if (!form.unit) errors.unit = t('tips.err.unit', undefined, lang);
  if (!form.channel) errors.channel = t('tips.err.channel', undefined, lang);
  if (!form.kind) errors.kind = t('tips.err.kind', undefined, lang);
  const at = localInputToIso(form.receivedAt);
  if (!at) errors.received_at = t('tips.err.receivedAt', undefined, lang);
  else if (new Date(at).getTime() > now.getTime() + 60_000) errors.received_at = t('tips.err.inFuture', undefined, lang);
  const content = form.content.trim();
  if (!content) errors.content = t('tips.err.content', undefined, lang);
  else if (content.length > MAX_CONTENT) errors.content = t('tips.err.contentLong', { n: MAX_CONTENT }, lang);
  if (!form.isAnonymous) {
    const id = form.idNumber.trim();
    if (id && !/^[\p{L}\p{N}]{1,20}$/u.test(id)) errors['denouncer.id_number'] = t('tips.err.idNumber', undefined, lang);
    const phone = form.phone.trim();
    if (phone && !/^[0-9+ ]{1,20}$/.test(phone)) errors['denouncer.phone'] = t('tips.err.phone', undefined, lang);
    const email = form.email.trim();
    if (email && !/^[^@\s]+@[^@\s]+$/.test(email)) errors['denouncer.email'] = t('tips.err.email', undefined, lang);
  }
  return errors;
}

export function denouncerOf(form: TipForm): Denouncer | null {
  const d: Denouncer = {};
  const set = (key: keyof Denouncer, value: string) => {
    if (value.trim()) d[key] = value.trim();
  };
  set('name', form.name);
  set('id_number', form.idNumber);
  set('address', form.address);
  set('phone', form.phone);
  set('email', form.email);
  return Object.keys(d).length > 0 ? d : null;
}

/** The body of POST /api/tips; call only when validateTipForm finds nothing. `withDenouncer`: the role may record one. */
export function toCreateRequest(form: TipForm, id: string, withDenouncer: boolean): CreateTipRequest {
  const body: CreateTipRequest = {
    id,
    unit: form.unit,
    channel: form.channel,
    kind: form.kind,
    received_at: localInputToIso(form.receivedAt) ?? form.receivedAt,
    content: form.content.trim(),
    is_anonymous: form.isAnonymous,
  };
  if (form.establishmentId) body.establishment_id = form.establishmentId;
  if (form.place.trim()) body.place = form.place.trim();
  const denouncer = withDenouncer && !form.isAnonymous ? denouncerOf(form) : null;
  if (denouncer) body.denouncer = denouncer;
  return body;
}

// ---- steps ------------------------------------------------------------------------------------

export interface StepDraft {
  note: string;
  assignee: string;
  outcome: string;
  agency: string;
  days: string;
  kind: string;
  inspectionId: string;
}

export function emptyStepDraft(kind = ''): StepDraft {
  return { note: '', assignee: '', outcome: '', agency: '', days: '', kind, inspectionId: '' };
}

/** Checks of a step before sending: what the server requires of each. */
export function validateStep(step: TipStep, draft: StepDraft, lang: Lang, maxDays?: number): TipErrors {
  const errors: TipErrors = {};
  if (step === 'classify' && !draft.kind) errors.kind = t('tips.err.kind', undefined, lang);
  if (step === 'assign' && !draft.assignee.trim()) errors.assignee = t('tips.err.assignee', undefined, lang);
  if (step === 'handle' && !draft.note.trim()) errors.note = t('tips.err.note', undefined, lang);
  if (step === 'close' && !draft.outcome) errors.outcome = t('tips.err.outcome', undefined, lang);
  if (step === 'transfer' && !draft.agency.trim()) errors.agency = t('tips.err.agency', undefined, lang);
  if (step === 'extend') {
    const days = /^\d+$/.test(draft.days.trim()) ? Number(draft.days.trim()) : NaN;
    if (!(days >= 1) || (maxDays !== undefined && days > maxDays)) {
      errors.days = maxDays !== undefined ? t('tips.err.daysMax', { max: maxDays }, lang) : t('tips.err.days', undefined, lang);
    }
    if (!draft.note.trim()) errors.note = t('tips.err.reason', undefined, lang);
  }
  return errors;
}

export function toStepRequest(step: TipStep, version: number, draft: StepDraft): StepRequest {
  const body: StepRequest = { step, version };
  const note = draft.note.trim();
  if (note) body.note = note;
  if (step === 'classify') body.kind = draft.kind;
  if (step === 'assign') body.assignee = draft.assignee.trim();
  if (step === 'close') body.outcome = draft.outcome;
  if (step === 'transfer') body.agency = draft.agency.trim();
  if (step === 'extend') body.days = Number(draft.days.trim());
  if (step === 'handle' && draft.inspectionId.trim()) body.inspection_id = draft.inspectionId.trim();
  return body;
}

// ---- the list ----------------------------------------------------------------------------------

export interface TipFilters {
  status: string;
  kind: string;
  due: string;
  period: string;
  assignee: string;
  page: number;
}

export const PAGE_SIZE = 25;

export function filtersFromSearch(search: string): TipFilters {
  const params = new URLSearchParams(search);
  const get = (name: string) => params.get(name) ?? '';
  const status = (TIP_STATUSES as readonly string[]).includes(get('status')) ? get('status') : '';
  const due = get('due') === 'overdue' || get('due') === 'due_soon' ? get('due') : '';
  const period = /^\d{4}(-\d{2})?$/.test(get('period')) ? get('period') : '';
  const page = /^\d+$/.test(get('page')) && Number(get('page')) >= 1 ? Number(get('page')) : 1;
  return { status, kind: get('kind'), due, period, assignee: get('assignee'), page };
}

export function filtersToQuery(filters: TipFilters): TipQuery {
  const query: TipQuery = { limit: PAGE_SIZE, offset: (filters.page - 1) * PAGE_SIZE };
  if (filters.status) query.status = filters.status;
  if (filters.kind) query.kind = filters.kind;
  if (filters.due) query.due = filters.due;
  if (filters.period) query.period = filters.period;
  if (filters.assignee) query.assignee = filters.assignee;
  return query;
}

/** The year the summary shows: the period's year, else this year. */
export function summaryPeriod(filters: TipFilters, today: Date): string {
  return filters.period ? filters.period.slice(0, 4) : String(today.getFullYear());
}

export interface SummaryRow {
  key: keyof TipCounts;
  label: string;
  value: number;
  tone: 'ok' | 'warn' | 'danger' | 'plain';
}

const SUMMARY_KEYS: readonly (keyof TipCounts)[] = ['received', 'verified', 'classified', 'handled', 'handled_on_time', 'handled_late', 'open', 'overdue'];

/** The T8 counts as labelled cells, in the order of the report; handled late and overdue stand out when not zero. */
export function summaryRows(counts: Partial<TipCounts> | null | undefined, lang: Lang): SummaryRow[] {
  return SUMMARY_KEYS.map((key) => {
    const value = counts?.[key] ?? 0;
    let tone: SummaryRow['tone'] = 'plain';
    if (key === 'handled_on_time' && value > 0) tone = 'ok';
    if ((key === 'handled_late' || key === 'overdue') && value > 0) tone = 'danger';
    return { key, label: t(`tips.summary.${key}`, undefined, lang), value, tone };
  });
}

/** The share handled on time, as a whole percentage; null when nothing was handled. */
export function onTimeRate(counts: Partial<TipCounts> | null | undefined): number | null {
  const handled = counts?.handled ?? 0;
  if (!handled) return null;
  return Math.round(((counts?.handled_on_time ?? 0) * 100) / handled);
}

/** The notifications badge: how many, and whether any is overdue. */
export function notificationBadge(items: readonly { is_overdue: boolean; is_due_soon: boolean }[]): { count: number; overdue: number; dueSoon: number } {
  return { count: items.length, overdue: items.filter((i) => i.is_overdue).length, dueSoon: items.filter((i) => i.is_due_soon).length };
}

/** Field errors of a server reply keyed like the form's (same naming). */
export function serverErrors(fields: readonly { field: string; message_vi: string; message_en: string }[], lang: Lang): TipErrors {
  const errors: TipErrors = {};
  for (const f of fields) errors[f.field] = (lang === 'vi' ? f.message_vi : f.message_en) || f.message_vi || f.message_en;
  return errors;
}

/** A code's label from a code list, the code itself when unknown. */
export function codeLabel(items: readonly { code: string; label_vi: string; label_en: string }[] | undefined, code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const item = items?.find((i) => i.code === code);
  if (!item) return code;
  return (lang === 'vi' ? item.label_vi : item.label_en) || item.label_vi || code;
}
