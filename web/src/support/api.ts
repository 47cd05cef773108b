// The support services API (docs/contract.md "Support services (issue 6)"): UIC preview, clients,
// consents, needs, providers, referrals, incidents and the contact fields. Nothing here keeps a
// reply: the contact block in particular is fetched each time the client page opens and dropped
// with the page (never cached, never in localStorage, never in an address).

import { api } from '../api/client';
import type { ListReply } from '../api/client';

export type Sex = 'M' | 'F' | 'K';
export type ConsentPurpose = 'record_keeping' | 'referral' | 'contact';
export type Outcome = 'received' | 'not_received';

/** The answers a UIC is derived from; sent, never stored by the server or by this page. */
export interface UicAnswers {
  sex: Sex;
  birth_year: number;
  birth_month?: number;
  given_name?: string;
  mother_given_name?: string;
  father_given_name?: string;
}

export interface UicRequest extends UicAnswers {
  unit?: string;
}

export interface UicPreview {
  uic: string;
  recipe: string;
  existing: { id: string; uic: string; unit: string }[];
}

export interface Client {
  id: string;
  uic: string;
  unit: string;
  assigned: string[];
  sex: string;
  birth_year: number | null;
  registered_on: string;
  is_erased: boolean;
  erased_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string;
  updated_by: string;
}

export interface CreateClientRequest {
  id?: string;
  unit: string;
  answers: UicAnswers;
  confirm_new_person?: boolean;
}

export interface Contact {
  nickname: string | null;
  phone: string | null;
  note: string | null;
}

export interface Consent {
  id: string;
  purpose: ConsentPurpose;
  provider_id: string | null;
  service: string | null;
  notice_version: string;
  method: string;
  given_on?: string;
  withdrawn_on?: string;
  withdraws?: string;
  is_withdrawal: boolean;
  is_current: boolean;
  recorded_by: string;
  recorded_at: string;
}

export interface ConsentRequest {
  purpose: ConsentPurpose;
  notice_version: string;
  method: string;
  given_on?: string;
  provider_id?: string;
  service?: string;
}

export interface Assessment {
  id: string;
  assessed_on: string;
  needs: string[];
  eligible: string[];
  recorded_by: string;
  recorded_at: string;
}

export interface Provider {
  id: string;
  name: string;
  unit: string;
  services: string[];
  contact: string | null;
  is_active: boolean;
  version: number;
}

export interface Referral {
  id: string;
  client_id: string;
  provider_id: string;
  service: string;
  referred_on: string;
  due_on: string;
  outcome: Outcome | null;
  reason: string | null;
  outcome_on: string | null;
  is_overdue: boolean;
  version: number;
}

export interface OutcomeRequest {
  version: number;
  outcome: Outcome;
  reason?: string;
  outcome_on?: string;
}

export interface Incident {
  id: string;
  kind: string;
  occurred_on: string;
  place_type: string;
  services_offered: string[];
  services_accepted: string[];
}

export interface IncidentRequest {
  kind: string;
  occurred_on: string;
  place_type: string;
  services_offered: string[];
  services_accepted: string[];
}

const CLIENTS = '/api/clients';
const client = (id: string) => `${CLIENTS}/${encodeURIComponent(id)}`;

/** The code the answers give (and the caller's clients of `unit` holding it); POST, never a query. */
export function previewUic(body: UicRequest, signal?: AbortSignal) {
  return api.send<UicPreview>('POST', '/api/uic', body, { signal });
}

export function listClients(query: { unit?: string; limit?: number; offset?: number }, signal?: AbortSignal) {
  return api.get<ListReply<Client>>(CLIENTS, { query, signal });
}

export function createClient(body: CreateClientRequest) {
  return api.send<Client>('POST', CLIENTS, body);
}

export function getClient(id: string, signal?: AbortSignal) {
  return api.get<Client>(client(id), { signal });
}

export function getContact(id: string, signal?: AbortSignal) {
  return api.get<Contact>(`${client(id)}/contact`, { signal });
}

export function putContact(id: string, body: Contact) {
  return api.send<Contact>('PUT', `${client(id)}/contact`, body);
}

export function listConsents(id: string, signal?: AbortSignal) {
  return api.get<{ items: Consent[] }>(`${client(id)}/consents`, { signal });
}

export function addConsent(id: string, body: ConsentRequest) {
  return api.send<Consent>('POST', `${client(id)}/consents`, body);
}

export function withdrawConsent(id: string, consentId: string) {
  return api.send<Consent>('POST', `${client(id)}/consents/${encodeURIComponent(consentId)}/withdraw`, {});
}

export function listAssessments(id: string, signal?: AbortSignal) {
  return api.get<{ items: Assessment[] }>(`${client(id)}/assessments`, { signal });
}

export function addAssessment(id: string, body: { assessed_on: string; needs: string[]; eligible: string[] }) {
  return api.send<Assessment>('POST', `${client(id)}/assessments`, body);
}

export function listProviders(query: { unit?: string; service?: string }, signal?: AbortSignal) {
  return api.get<{ items: Provider[] }>('/api/providers', { query, signal });
}

export function listReferrals(id: string, signal?: AbortSignal) {
  return api.get<{ items: Referral[] }>(`${client(id)}/referrals`, { signal });
}

export function addReferral(id: string, body: { provider_id: string; service: string; referred_on?: string; due_on?: string }) {
  return api.send<Referral>('POST', `${client(id)}/referrals`, body);
}

export function recordOutcome(id: string, referralId: string, body: OutcomeRequest) {
  return api.send<Referral>('PATCH', `${client(id)}/referrals/${encodeURIComponent(referralId)}`, body);
}

/** The caller's clients' referrals without an outcome: all of them, or those past their due date. */
export function dueReferrals(due: 'open' | 'overdue', signal?: AbortSignal) {
  return api.get<{ items: Referral[] }>(`${CLIENTS}/referrals`, { query: { due }, signal });
}

export function listIncidents(id: string, signal?: AbortSignal) {
  return api.get<{ items: Incident[] }>(`${client(id)}/incidents`, { signal });
}

export function addIncident(id: string, body: IncidentRequest) {
  return api.send<Incident>('POST', `${client(id)}/incidents`, body);
}
