// Who may see what, and where to send the user: pure functions over the session and the route,
// so that they are tested without a browser. The server is the gate (every API call is checked
// there); these rules only keep the interface from offering what the role cannot use. The area
// table mirrors the grants of src/access/policy.cc: an area shows when the role may read the
// resource the area is about.

import type { RoleId, Session } from '../api/auth';
import { DASHBOARD_HOME, HOME_PATH, NAV_ITEMS, type AreaId, type NavItem, type Route } from '../router';

const EVERYONE: readonly RoleId[] = [
  'admin',
  'province_officer',
  'district_officer',
  'commune_officer',
  'inspector',
  'intake_officer',
  'social_worker',
  'peer_educator',
  'viewer',
  'dpo',
];

/**
 * The roles that read aggregates (the server's aggregate:read): the dashboard's indicators. The
 * enforcement and support workers (inspector, intake officer, social worker, peer educator) do not.
 */
export const AGGREGATE_ROLES: readonly RoleId[] = ['admin', 'province_officer', 'district_officer', 'commune_officer', 'viewer', 'dpo'];

/** The roles that may use each area. */
export const AREA_ROLES: Record<AreaId, readonly RoleId[]> = {
  // the indicators of the plan (aggregate:read)
  dashboard: AGGREGATE_ROLES,
  units: EVERYONE,
  // programme records (communication activities)
  communication: ['province_officer', 'district_officer', 'commune_officer', 'social_worker', 'peer_educator'],
  // inspections and establishments
  inspections: ['province_officer', 'district_officer', 'inspector'],
  // yearly inspection plans (inspection:read; only province officers make them)
  plans: ['province_officer', 'district_officer', 'inspector'],
  // tips (and, for intake officers, denouncers)
  tips: ['province_officer', 'district_officer', 'inspector', 'intake_officer'],
  // clients, contacts and peer groups: the support world, never the enforcement roles
  support: ['province_officer', 'district_officer', 'social_worker', 'peer_educator'],
  reports: ['province_officer', 'district_officer', 'commune_officer', 'viewer'],
  // yearly plans and their tasks (yearly_plan / plan_task read)
  yearlyPlans: ['province_officer', 'district_officer', 'commune_officer', 'viewer'],
  users: ['admin'],
  // reorganisations of the tree: a new tree, the change rows to confirm, accounts of closed units
  unitChanges: ['admin'],
  audit: ['dpo'],
};

/**
 * The roles that may create, change and delete records of each access resource (the "write"
 * column of the server's grants; an inspector only on the inspections naming them). A resource
 * missing here is offered to every role and left to the server.
 */
export const RECORD_WRITE_ROLES: Partial<Record<string, readonly RoleId[]>> = {
  programme_record: ['province_officer', 'district_officer', 'commune_officer', 'social_worker', 'peer_educator'],
  establishment: ['province_officer', 'district_officer', 'commune_officer', 'inspector'],
  inspection: ['province_officer', 'inspector'],
  crime_statistic: ['province_officer'],
  // peer groups and their activities (a peer educator only those it leads or facilitates)
  peer_group: ['province_officer', 'social_worker', 'peer_educator'],
};

/** Whether the role may add, change or delete records of `resource` (so the pages offer it). */
export function canWriteRecords(role: RoleId, resource: string): boolean {
  const roles = RECORD_WRITE_ROLES[resource];
  return roles === undefined || roles.includes(role);
}

/**
 * Tips (the server's `tip` and `denouncer` grants): intake and province officers receive tips
 * and run every step; an inspector only handles the tips assigned to them; a district officer
 * reads. Only intake officers record and read the denouncer's identity.
 */
export const TIP_RECEIVE_ROLES: readonly RoleId[] = ['intake_officer', 'province_officer'];
export const TIP_STEP_ROLES: Record<string, readonly RoleId[]> = {
  verify: ['intake_officer', 'province_officer'],
  classify: ['intake_officer', 'province_officer'],
  assign: ['intake_officer', 'province_officer'],
  handle: ['intake_officer', 'province_officer', 'inspector'],
  close: ['intake_officer', 'province_officer'],
  transfer: ['intake_officer', 'province_officer'],
  extend: ['intake_officer', 'province_officer'],
};
export const DENOUNCER_ROLES: readonly RoleId[] = ['intake_officer'];

export function canReceiveTips(role: RoleId): boolean {
  return TIP_RECEIVE_ROLES.includes(role);
}

/** Whether the role may run a workflow step of a tip (`step`: verify, classify, assign…). */
export function canRunTipStep(role: RoleId, step: string): boolean {
  return TIP_STEP_ROLES[step]?.includes(role) ?? false;
}

export function canReadDenouncer(role: RoleId): boolean {
  return DENOUNCER_ROLES.includes(role);
}

export function canUseArea(role: RoleId, area: AreaId): boolean {
  return AREA_ROLES[area].includes(role);
}

/** The navigation of a role: only the areas it may use, in the usual order. */
export function navItemsFor(role: RoleId): NavItem[] {
  return NAV_ITEMS.filter((item) => canUseArea(role, item.area));
}

/** Whether the signed-in role may open `route` (pages outside any area are open to all). */
export function canOpen(route: Route, role: RoleId): boolean {
  return route.area === null || canUseArea(role, route.area);
}

/** Where the role starts: the dashboard for those who read aggregates, else the units. */
export function homePath(role: RoleId): string {
  return canUseArea(role, 'dashboard') ? DASHBOARD_HOME : HOME_PATH;
}

/** The forced step a limited session must finish before anything else, or null. */
export function pendingStep(session: Session): 'password' | 'totp' | null {
  if (session.must_change_password) return 'password';
  if (session.must_enrol_totp) return 'totp';
  return null;
}

/**
 * A path from the address's `next` parameter that is safe to go to after sign-in: it must stay
 * on this site ("/units/1?q=x", never "//evil.example" or "https://…") and not be the sign-in
 * page itself. Anything else gives the home page (`home`: the role's, homePath).
 */
export function returnPath(search: string, home: string = HOME_PATH): string {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return home;
  if (/[\u0000-\u001f]/.test(next)) return home;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/login/')) return home;
  return next;
}

/** The sign-in address that comes back to `here` ("/units/1?q=x") afterwards. */
export function loginPath(here: string | null): string {
  if (!here || here === '/' || here === HOME_PATH || here === DASHBOARD_HOME || here.startsWith('/login')) return '/login';
  return `/login?next=${encodeURIComponent(here)}`;
}
