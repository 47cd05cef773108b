// The peer groups API beyond the generic record routes (docs/contract.md "Peer groups", issue 6,
// target T13): members of a group by client code, ending a membership, attendance of an activity,
// the groups of a client and the T13 summary. The groups and their activities themselves are
// generic records (`/api/peer-groups`, `/api/peer-group-activities`, api/records.ts).

import { api } from '../api/client';
import type { StoredRecord } from '../api/records';

/** A client's membership of a group, by client code (`uic`). */
export interface Membership {
  id: string;
  group_id: string;
  client_id: string;
  uic: string;
  joined_on: string;
  left_on: string | null;
  version: number;
  recorded_by?: string;
  recorded_at?: string;
  updated_at?: string;
  updated_by?: string;
}

/**
 * GET /api/peer-groups/{id}/members. Those who run the group get the memberships and exact
 * counts; those who only read it get no items, and counts of 1–4 as null with "<5" shown.
 */
export interface MemberList {
  items: Membership[];
  current: number | null;
  ever: number | null;
  current_shown: string;
  ever_shown: string;
  shows_codes: boolean;
}

export interface NewMembership {
  /** The client's own id for the add, so that a re-sent add adds nothing more. */
  id?: string;
  client_id: string;
  joined_on?: string;
}

/** One row of T13: a unit's groups, members (null when hidden) and what the activities gave out. */
export interface PeerSummaryRow {
  unit: string;
  groups: number;
  active_groups: number;
  members: number | null;
  members_shown: string;
  activities: number;
  participants: number;
  condoms: number;
  lubricant: number;
  leaflets: number;
  referrals_made: number;
}

export interface PeerSummary {
  year: number;
  total: PeerSummaryRow;
  items: PeerSummaryRow[];
}

const GROUPS = '/api/peer-groups';
const ACTIVITIES = '/api/peer-group-activities';
const group = (id: string) => `${GROUPS}/${encodeURIComponent(id)}`;
const activity = (id: string) => `${ACTIVITIES}/${encodeURIComponent(id)}`;

/** One group (a generic record); 404 for a group out of the caller's reach. */
export function getPeerGroup(id: string, signal?: AbortSignal) {
  return api.get<StoredRecord>(group(id), { signal });
}

export function listMembers(groupId: string, signal?: AbortSignal) {
  return api.get<MemberList>(`${group(groupId)}/members`, { signal });
}

export function addMember(groupId: string, body: NewMembership) {
  return api.send<Membership>('POST', `${group(groupId)}/members`, body);
}

export function endMembership(groupId: string, memberId: string, body: { version: number; left_on?: string }) {
  return api.send<Membership>('POST', `${group(groupId)}/members/${encodeURIComponent(memberId)}/end`, body);
}

export function getAttendance(activityId: string, signal?: AbortSignal) {
  return api.get<{ items: Membership[] }>(`${activity(activityId)}/attendance`, { signal });
}

export function putAttendance(activityId: string, memberIds: readonly string[]) {
  return api.send<{ items: Membership[] }>('PUT', `${activity(activityId)}/attendance`, { member_ids: memberIds });
}

/** The groups a client belongs or belonged to. */
export function clientGroups(clientId: string, signal?: AbortSignal) {
  return api.get<{ items: Membership[] }>(`/api/clients/${encodeURIComponent(clientId)}/groups`, { signal });
}

/** T13 for a unit (default the caller's) and year (default this year). */
export function peerSummary(query: { unit?: string; year?: number }, signal?: AbortSignal) {
  return api.get<PeerSummary>(`${GROUPS}/summary`, { query, signal });
}
