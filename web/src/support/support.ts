// The pure parts of the support pages: addresses (by id only: a UIC, a nickname or a phone never
// goes into an address), the UIC form and what is sent to preview it, which actions a role is
// offered, whether a referral is covered by a current consent, and the due/overdue labels.

import type { RoleId } from '../api/auth';
import { t, type Lang } from '../i18n';
import type { Consent, Referral, Sex, UicRequest } from './api';

export const SUPPORT_PATH = '/support';
export const CLIENTS_PATH = '/support/clients';
export const NEW_CLIENT_PATH = '/support/clients/new';

/** The client page: by the client's id, never by its code. */
export function clientHref(id: string): string {
  return `${CLIENTS_PATH}/${encodeURIComponent(id)}`;
}

/** The printable form of one consent of a client. */
export function consentHref(clientId: string, consentId: string): string {
  return `${clientHref(clientId)}/consents/${encodeURIComponent(consentId)}`;
}

export const MIN_BIRTH_YEAR = 1900;

// ---- who is offered what -------------------------------------------------------------------

/** The roles that work with the people themselves (assigned clients; contact fields). */
export const WORKER_ROLES: readonly RoleId[] = ['peer_educator', 'social_worker'];

export interface SupportActions {
  /** "Ngày làm việc của tôi", registering clients, consents, needs, referrals, incidents. */
  work: boolean;
  /** The pseudonymous list of the unit's clients (province officers and workers). */
  list: boolean;
  /** The contact block may be asked for (the server still answers 404 unless assigned). */
  contact: boolean;
  /** Erasure (the server: province officers, an assigned social worker). */
  erase: boolean;
}

export function supportActions(role: RoleId): SupportActions {
  const isWorker = WORKER_ROLES.includes(role);
  return {
    work: isWorker,
    list: isWorker || role === 'province_officer',
    contact: isWorker,
    erase: role === 'social_worker' || role === 'province_officer',
  };
}

// ---- the UIC form --------------------------------------------------------------------------

export interface UicForm {
  sex: '' | Sex;
  birthYear: string;
  motherName: string;
  fatherName: string;
  givenName: string;
}

export const EMPTY_UIC_FORM: UicForm = { sex: '', birthYear: '', motherName: '', fatherName: '', givenName: '' };

/** Spaces trimmed and collapsed, Unicode composed (a phone keyboard may send "A" + combining acute). */
export function cleanName(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The year of birth as a number, or null when it is not four digits in range. */
export function birthYear(text: string, today: Date): number | null {
  const trimmed = text.trim();
  if (!/^\d{4}$/.test(trimmed)) return null;
  const year = Number(trimmed);
  return year >= MIN_BIRTH_YEAR && year <= today.getFullYear() ? year : null;
}

/**
 * What POST /api/uic is sent for the form, or null while the form cannot give a code yet (no sex
 * or no valid year). Empty names are left out (the server writes 0 for a name not known).
 */
export function uicRequest(form: UicForm, unit: string, today: Date): UicRequest | null {
  const year = birthYear(form.birthYear, today);
  if (!form.sex || year === null) return null;
  const request: UicRequest = { sex: form.sex, birth_year: year };
  const mother = cleanName(form.motherName);
  const father = cleanName(form.fatherName);
  const given = cleanName(form.givenName);
  if (mother) request.mother_given_name = mother;
  if (father) request.father_given_name = father;
  if (given) request.given_name = given;
  if (unit) request.unit = unit;
  return request;
}

export type UicErrors = Partial<Record<'sex' | 'birth_year' | 'unit', string>>;

export function validateUicForm(form: UicForm, unit: string, today: Date, lang: Lang): UicErrors {
  const errors: UicErrors = {};
  if (!form.sex) errors.sex = t('support.err.sex', undefined, lang);
  if (birthYear(form.birthYear, today) === null) errors.birth_year = t('support.err.birthYear', { max: String(today.getFullYear()) }, lang);
  if (!unit) errors.unit = t('support.err.unit', undefined, lang);
  return errors;
}

// ---- consent coverage ----------------------------------------------------------------------

/** The consents in force: current, not withdrawals. */
export function currentConsents(consents: readonly Consent[]): Consent[] {
  return consents.filter((c) => c.is_current && !c.is_withdrawal);
}

/**
 * Whether a current referral consent covers sending the person to `providerId` for `service`:
 * a referral consent names a provider, a service or both; what it leaves out is not limited.
 */
export function coversReferral(consents: readonly Consent[], providerId: string, service: string): boolean {
  return currentConsents(consents).some(
    (c) => c.purpose === 'referral' && (c.provider_id === null || c.provider_id === providerId) && (c.service === null || c.service === service),
  );
}

export function hasConsent(consents: readonly Consent[], purpose: 'record_keeping' | 'contact'): boolean {
  return currentConsents(consents).some((c) => c.purpose === purpose);
}

// ---- due and overdue -----------------------------------------------------------------------

export type DueState =
  | { kind: 'received' | 'notReceived' }
  | { kind: 'overdue'; days: number }
  | { kind: 'today' }
  | { kind: 'open'; days: number };

function dayNumber(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return Math.floor(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / 86_400_000);
}

/** The local date as YYYY-MM-DD. */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function dueState(referral: Pick<Referral, 'due_on' | 'outcome'>, today: Date): DueState {
  if (referral.outcome === 'received') return { kind: 'received' };
  if (referral.outcome === 'not_received') return { kind: 'notReceived' };
  const days = dayNumber(referral.due_on) - dayNumber(isoDay(today));
  if (days < 0) return { kind: 'overdue', days: -days };
  if (days === 0) return { kind: 'today' };
  return { kind: 'open', days };
}

export function dueLabel(state: DueState, lang: Lang): string {
  switch (state.kind) {
    case 'received':
      return t('support.due.received', undefined, lang);
    case 'notReceived':
      return t('support.due.notReceived', undefined, lang);
    case 'overdue':
      return t('support.due.overdue', { n: state.days }, lang);
    case 'today':
      return t('support.due.today', undefined, lang);
    case 'open':
      return t('support.due.open', { n: state.days }, lang);
  }
}

export function dueTone(state: DueState): 'ok' | 'warn' | 'danger' | 'off' {
  switch (state.kind) {
    case 'received':
      return 'ok';
    case 'overdue':
      return 'danger';
    case 'today':
      return 'warn';
    default:
      return 'off';
  }
}

/** Needs assessment: the eligible services kept within the needs. */
export function eligibleWithin(needs: readonly string[], eligible: readonly string[]): string[] {
  return eligible.filter((code) => needs.includes(code));
}
