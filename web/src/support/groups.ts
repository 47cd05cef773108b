// The pure parts of the peer group pages: their addresses (groups and activities are generic
// records under /support/groups; the T13 summary beside them), who is a member on a day, the
// search of the caller's clients by code prefix (done here, in the page: a code never goes into
// an address, not even an API one), the member counts as the server allows them to be shown,
// the attendance check, the summary's unit and year in the address, and server field errors
// split into those shown under a field and the rest.

import type { RoleId } from '../api/auth';
import type { ApiError } from '../api/client';
import { t, type Lang, type MessageKey } from '../i18n';
import type { Client } from './api';
import type { MemberList, Membership, PeerSummaryRow } from './groups-api';

/** Where the peer group record types live (records/paths.ts RECORD_AREAS). */
export const GROUPS_BASE = '/support/groups';
export const GROUP_TYPE_PATH = 'peer-groups';
export const ACTIVITY_TYPE_PATH = 'peer-group-activities';
export const GROUPS_LIST_PATH = `${GROUPS_BASE}/${GROUP_TYPE_PATH}`;
export const GROUPS_SUMMARY_PATH = `${GROUPS_BASE}/summary`;

export function groupHref(id: string): string {
  return `${GROUPS_LIST_PATH}/${encodeURIComponent(id)}`;
}

/** The roles offered T13 (peer_group read over a unit; a peer educator reads only its groups). */
export const SUMMARY_ROLES: readonly RoleId[] = ['province_officer', 'district_officer', 'social_worker'];

export function canReadSummary(role: RoleId): boolean {
  return SUMMARY_ROLES.includes(role);
}

// ---- members ---------------------------------------------------------------------------------

/** Whether the membership held on `date` (YYYY-MM-DD): joined by then and not left before. */
export function isMemberOn(m: Pick<Membership, 'joined_on' | 'left_on'>, date: string): boolean {
  return m.joined_on <= date && (m.left_on === null || date <= m.left_on);
}

/** The memberships held on `date`, by code. */
export function membersOn(items: readonly Membership[], date: string): Membership[] {
  return sortByCode(items.filter((m) => isMemberOn(m, date)));
}

export function sortByCode<T extends { uic: string; joined_on: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.uic.localeCompare(b.uic) || a.joined_on.localeCompare(b.joined_on));
}

/** Current members first (by code), then those who left (the latest first). */
export function memberOrder(items: readonly Membership[]): Membership[] {
  const current = sortByCode(items.filter((m) => m.left_on === null));
  const left = items.filter((m) => m.left_on !== null).sort((a, b) => (b.left_on ?? '').localeCompare(a.left_on ?? '') || a.uic.localeCompare(b.uic));
  return [...current, ...left];
}

/** "Hiện có 3 thành viên", or with the count as the server shows it ("<5") when it is hidden. */
export function currentCountText(list: Pick<MemberList, 'current' | 'current_shown'>, lang: Lang): string {
  if (list.current !== null) return t('groups.members.count', { n: list.current }, lang);
  return t('groups.members.countShown', { shown: list.current_shown }, lang);
}

export function everCountText(list: Pick<MemberList, 'ever' | 'ever_shown'>, lang: Lang): string {
  if (list.ever !== null) return t('groups.members.ever', { n: list.ever }, lang);
  return t('groups.members.everShown', { shown: list.ever_shown }, lang);
}

/** A UIC prefix as typed on a phone: composed, upper case, no spaces ("f95 lhm" → "F95LHM"). */
export function uicPrefix(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, '').toUpperCase();
}

/** The ids of the clients who are members now (an open membership), whom the add must skip. */
export function openMemberClients(items: readonly Membership[]): Set<string> {
  return new Set(items.filter((m) => m.left_on === null).map((m) => m.client_id));
}

export interface ClientMatches {
  items: Client[];
  /** How many match in all (more than `items` when cut at the limit). */
  total: number;
}

/**
 * The caller's clients whose code starts with `typed` (any case, spaces ignored), leaving out
 * the erased and those in `skip` (members already), by code, at most `limit`.
 */
export function matchClients(clients: readonly Client[], typed: string, skip: ReadonlySet<string>, limit: number): ClientMatches {
  const prefix = uicPrefix(typed);
  const found = clients
    .filter((c) => !c.is_erased && !skip.has(c.id) && c.uic.toUpperCase().startsWith(prefix))
    .sort((a, b) => a.uic.localeCompare(b.uic));
  return { items: found.slice(0, limit), total: found.length };
}

// ---- attendance ------------------------------------------------------------------------------

/**
 * The members offered on an activity's attendance list: those who were members on its date, and
 * any already recorded as present (kept so that saving does not silently drop them), by code.
 */
export function attendanceChoices(members: readonly Membership[], present: readonly Membership[], date: string): Membership[] {
  const chosen = new Map(membersOn(members, date).map((m) => [m.id, m]));
  for (const m of present) if (!chosen.has(m.id)) chosen.set(m.id, m);
  return sortByCode([...chosen.values()]);
}

/** The check before saving: no more members present than the participants recorded. */
export function attendanceProblem(count: number, participants: number | null, lang: Lang): string | null {
  if (participants !== null && count > participants) return t('groups.attendance.tooMany', { n: participants }, lang);
  return null;
}

/** A record's integer field, or null when it holds none. */
export function intValue(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

// ---- server errors ---------------------------------------------------------------------------

export interface SplitErrors {
  /** Messages to show under the form's own fields, by field name. */
  fields: Record<string, string>;
  /** Messages of fields the form does not show (e.g. "group": the group was dissolved). */
  other: string[];
}

/** A 422's field errors in `lang`: those of `shown` fields go under them, the rest above the buttons. */
export function splitFieldErrors(error: Pick<ApiError, 'fields' | 'fieldMessage'>, shown: readonly string[], lang: Lang): SplitErrors {
  const out: SplitErrors = { fields: {}, other: [] };
  for (const f of error.fields) {
    const message = error.fieldMessage(f.field, lang) ?? f.code;
    if (shown.includes(f.field)) out.fields[f.field] ??= message;
    else if (!out.other.includes(message)) out.other.push(message);
  }
  return out;
}

// ---- the T13 summary -------------------------------------------------------------------------

export const SUMMARY_FIRST_YEAR = 2021;

export interface SummaryChoice {
  unit: string;
  year: number;
}

/** The unit and year of the summary from the address, defaulting to the user's unit and this year. */
export function summaryChoice(search: string, defaultUnit: string, today: Date): SummaryChoice {
  const params = new URLSearchParams(search);
  const unit = (params.get('unit') ?? '').trim();
  const yearText = (params.get('year') ?? '').trim();
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  return {
    unit: /^[A-Za-z0-9]{1,20}$/.test(unit) ? unit : defaultUnit,
    year: year >= 2000 && year <= 2100 ? year : today.getFullYear(),
  };
}

/** The address of a summary; the defaults are left out so that the plain address means them. */
export function summaryHref(choice: SummaryChoice, defaultUnit: string, today: Date): string {
  const params = new URLSearchParams();
  if (choice.unit !== defaultUnit) params.set('unit', choice.unit);
  if (choice.year !== today.getFullYear()) params.set('year', String(choice.year));
  const search = params.toString();
  return search ? `${GROUPS_SUMMARY_PATH}?${search}` : GROUPS_SUMMARY_PATH;
}

/** The years offered, this year first, back to 2021, plus the chosen one when outside them. */
export function summaryYears(today: Date, chosen: number): number[] {
  const years: number[] = [];
  for (let y = Math.max(today.getFullYear(), SUMMARY_FIRST_YEAR); y >= SUMMARY_FIRST_YEAR; y -= 1) years.push(y);
  if (!years.includes(chosen)) years.push(chosen);
  return years.sort((a, b) => b - a);
}

export type SummaryColumn = Exclude<keyof PeerSummaryRow, 'unit' | 'members'>;

/** The summary's number columns, in order, with their headings. */
export const SUMMARY_COLUMNS: readonly { key: SummaryColumn; label: MessageKey }[] = [
  { key: 'groups', label: 'groups.summary.groups' },
  { key: 'active_groups', label: 'groups.summary.active' },
  { key: 'members_shown', label: 'groups.summary.members' },
  { key: 'activities', label: 'groups.summary.activities' },
  { key: 'participants', label: 'groups.summary.participants' },
  { key: 'condoms', label: 'groups.summary.condoms' },
  { key: 'lubricant', label: 'groups.summary.lubricant' },
  { key: 'leaflets', label: 'groups.summary.leaflets' },
  { key: 'referrals_made', label: 'groups.summary.referrals' },
];

/** A cell as shown: numbers in the language's format; the members as the server shows them ("<5"). */
export function summaryCell(row: PeerSummaryRow, key: SummaryColumn, format: (n: number) => string): string {
  if (key === 'members_shown') return row.members !== null ? format(row.members) : row.members_shown;
  return format(row[key]);
}
