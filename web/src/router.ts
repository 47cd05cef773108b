// Client-side routing over the History API. The server answers every non-/api path with
// index.html, so a path typed or bookmarked ("/units/14347") reaches this code, which maps it to
// a page. navigate() adds a history entry; replaceQuery() rewrites the query without one (the
// search box uses it on every keystroke so that Back leaves the page instead of a letter).

import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from './i18n';
import { RECORD_AREAS } from './records/paths';

export type AreaId =
  | 'dashboard'
  | 'units'
  | 'communication'
  | 'inspections'
  | 'plans'
  | 'tips'
  | 'support'
  | 'reports'
  | 'yearlyPlans'
  | 'users'
  | 'unitChanges'
  | 'audit';

export interface NavItem {
  area: AreaId;
  path: string;
  label: MessageKey;
}

/** The areas of the application, in the order of the navigation. */
export const NAV_ITEMS: readonly NavItem[] = [
  { area: 'dashboard', path: '/dashboard', label: 'nav.dashboard' },
  { area: 'units', path: '/units', label: 'nav.units' },
  { area: 'communication', path: '/communication', label: 'nav.communication' },
  { area: 'inspections', path: '/inspections', label: 'nav.inspections' },
  { area: 'plans', path: '/inspection-plans', label: 'nav.plans' },
  { area: 'tips', path: '/tips', label: 'nav.tips' },
  { area: 'support', path: '/support', label: 'nav.support' },
  { area: 'reports', path: '/report-rounds', label: 'nav.reportRounds' },
  { area: 'yearlyPlans', path: '/yearly-plans', label: 'nav.yearlyPlans' },
  { area: 'users', path: '/admin/users', label: 'nav.users' },
  { area: 'unitChanges', path: '/units/changes', label: 'nav.unitChanges' },
  { area: 'audit', path: '/admin/audit', label: 'nav.audit' },
];

/** Where the app starts for the roles without the dashboard (auth/guards.ts homePath). */
export const HOME_PATH = '/units';

/** Where the dashboard ("Tổng quan") starts: the landing page of the roles that read aggregates. */
export const DASHBOARD_HOME = '/dashboard';

export type Route =
  | { page: 'login'; area: null }
  | { page: 'account'; area: null }
  | { page: 'units'; area: 'units'; code: string | null }
  | { page: 'unitChanges'; area: 'unitChanges' }
  | DashboardRoute
  | { page: 'users'; area: 'users' }
  | { page: 'userNew'; area: 'users' }
  | { page: 'user'; area: 'users'; id: string }
  | { page: 'audit'; area: 'audit' }
  | RecordsRoute
  | { page: 'plans'; area: 'plans'; view: 'list' | 'new' | 'plan'; id: string | null }
  | { page: 'tips'; area: 'tips'; view: 'list' | 'new' | 'tip'; id: string | null }
  | ReportingRoute
  | { page: 'yearlyPlans'; area: 'yearlyPlans'; view: 'list' | 'plan' | 'tasks'; id: string | null }
  | { page: 'support'; area: 'support'; view: 'day' | 'clients' | 'new' | 'client' | 'groupsSummary' | 'consent'; id: string | null; sub?: string }
  | { page: 'placeholder'; area: AreaId }
  | { page: 'notFound'; area: null };

/** Periodic reports (báo cáo định kỳ): the rounds, one round, one unit's report in a round. */
export interface ReportingRoute {
  page: 'reporting';
  area: 'reports';
  view: 'rounds' | 'round' | 'report';
  id: string | null;
  unit: string | null;
}

function matchReporting(clean: string): ReportingRoute | null {
  if (clean === '/report-rounds' || clean === '/reports') return { page: 'reporting', area: 'reports', view: 'rounds', id: null, unit: null };
  const m = /^\/report-rounds\/([^/]+)(?:\/reports\/([^/]+))?$/.exec(clean);
  if (!m?.[1]) return null;
  const id = safeDecode(m[1]);
  if (m[2] === undefined) return { page: 'reporting', area: 'reports', view: 'round', id, unit: null };
  return { page: 'reporting', area: 'reports', view: 'report', id, unit: safeDecode(m[2]) };
}

/** The dashboard: every target (overview), one target and its ranking, or the records behind it. */
export interface DashboardRoute {
  page: 'dashboard';
  area: 'dashboard';
  view: 'overview' | 'target' | 'records';
  target: string | null;
}

function matchDashboard(clean: string): DashboardRoute | null {
  if (clean === DASHBOARD_HOME) return { page: 'dashboard', area: 'dashboard', view: 'overview', target: null };
  const m = /^\/dashboard\/([^/]+)(\/records)?$/.exec(clean);
  if (!m?.[1]) return null;
  return { page: 'dashboard', area: 'dashboard', view: m[2] ? 'records' : 'target', target: safeDecode(m[1]) };
}

/** What a record page shows: the area's kinds, a list, a new record, an import, a record, its edit. */
export type RecordView = 'home' | 'list' | 'new' | 'import' | 'record' | 'edit';

export interface RecordsRoute {
  page: 'records';
  area: AreaId;
  view: RecordView;
  /** The kind of record (its API path, "communication-activities"); null on the area's home. */
  type: string | null;
  id: string | null;
}

function matchRecords(clean: string): RecordsRoute | null {
  for (const { area, base } of RECORD_AREAS) {
    if (clean === base) return { page: 'records', area, view: 'home', type: null, id: null };
    if (!clean.startsWith(`${base}/`)) continue;
    const parts = clean.slice(base.length + 1).split('/').map(safeDecode);
    const [type, second, third] = parts;
    if (!type || parts.length > 3) return null;
    if (parts.length === 1) return { page: 'records', area, view: 'list', type, id: null };
    if (parts.length === 2 && (second === 'new' || second === 'import')) return { page: 'records', area, view: second, type, id: null };
    if (!second) return null;
    if (parts.length === 2) return { page: 'records', area, view: 'record', type, id: second };
    if (third === 'edit') return { page: 'records', area, view: 'edit', type, id: second };
    return null;
  }
  return null;
}

/** The page for a path: "/units/14347" → the units page at unit 14347. */
export function matchRoute(path: string): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (clean === '/login') return { page: 'login', area: null };
  if (clean === '/account') return { page: 'account', area: null };
  // The reorganisations (administrators), before /units/{code}: no unit code is a word.
  if (clean === '/units/changes') return { page: 'unitChanges', area: 'unitChanges' };
  const units = /^\/units(?:\/([^/]+))?$/.exec(clean);
  if (units) {
    const code = units[1] === undefined ? null : safeDecode(units[1]);
    return { page: 'units', area: 'units', code };
  }
  const dashboard = matchDashboard(clean);
  if (dashboard) return dashboard;
  if (clean === '/admin/users') return { page: 'users', area: 'users' };
  if (clean === '/admin/users/new') return { page: 'userNew', area: 'users' };
  const user = /^\/admin\/users\/([^/]+)$/.exec(clean);
  if (user?.[1] !== undefined) return { page: 'user', area: 'users', id: safeDecode(user[1]) };
  if (clean === '/admin/audit') return { page: 'audit', area: 'audit' };
  if (clean === '/inspection-plans') return { page: 'plans', area: 'plans', view: 'list', id: null };
  const plan = /^\/inspection-plans\/([^/]+)$/.exec(clean);
  if (plan?.[1] !== undefined) {
    const id = safeDecode(plan[1]);
    return id === 'new' ? { page: 'plans', area: 'plans', view: 'new', id: null } : { page: 'plans', area: 'plans', view: 'plan', id };
  }
  if (clean === '/tips') return { page: 'tips', area: 'tips', view: 'list', id: null };
  const tip = /^\/tips\/([^/]+)$/.exec(clean);
  if (tip?.[1] !== undefined) {
    const id = safeDecode(tip[1]);
    return id === 'new' ? { page: 'tips', area: 'tips', view: 'new', id: null } : { page: 'tips', area: 'tips', view: 'tip', id };
  }
  if (clean === '/support') return { page: 'support', area: 'support', view: 'day', id: null };
  if (clean === '/support/clients') return { page: 'support', area: 'support', view: 'clients', id: null };
  // The T13 summary sits beside the peer group record types (/support/groups/<type>…).
  if (clean === '/support/groups/summary') return { page: 'support', area: 'support', view: 'groupsSummary', id: null };
  // A consent's printable form: /support/clients/<client id>/consents/<consent id> (ids, never a code).
  const consent = /^\/support\/clients\/([^/]+)\/consents\/([^/]+)$/.exec(clean);
  if (consent?.[1] !== undefined && consent[2] !== undefined) {
    return { page: 'support', area: 'support', view: 'consent', id: safeDecode(consent[1]), sub: safeDecode(consent[2]) };
  }
  const client = /^\/support\/clients\/([^/]+)$/.exec(clean);
  if (client?.[1] !== undefined) {
    const id = safeDecode(client[1]);
    return id === 'new' ? { page: 'support', area: 'support', view: 'new', id: null } : { page: 'support', area: 'support', view: 'client', id };
  }
  if (clean === '/yearly-plans') return { page: 'yearlyPlans', area: 'yearlyPlans', view: 'list', id: null };
  if (clean === '/yearly-plans/tasks') return { page: 'yearlyPlans', area: 'yearlyPlans', view: 'tasks', id: null };
  const yearlyPlan = /^\/yearly-plans\/([^/]+)$/.exec(clean);
  if (yearlyPlan?.[1] !== undefined) return { page: 'yearlyPlans', area: 'yearlyPlans', view: 'plan', id: safeDecode(yearlyPlan[1]) };
  const reporting = matchReporting(clean);
  if (reporting) return reporting;
  const records = matchRecords(clean);
  if (records) return records;
  const item = NAV_ITEMS.find((nav) => nav.path === clean);
  if (item) return { page: 'placeholder', area: item.area };
  return { page: 'notFound', area: null };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export interface Location {
  path: string;
  search: string;
}

function readLocation(): Location {
  return { path: window.location.pathname, search: window.location.search };
}

const listeners = new Set<(location: Location) => void>();

function notify(): void {
  const location = readLocation();
  for (const listener of [...listeners]) listener(location);
}

let listening = false;
function listenToHistory(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('popstate', notify);
}

/** Goes to `href` (path and optional query) as a new history entry, or replacing the current one. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  const current = window.location.pathname + window.location.search;
  if (href === current && !options.replace) return;
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  if (!options.replace) window.scrollTo(0, 0);
  notify();
}

/** Sets one query parameter of the current address without a history entry or a re-render. */
export function replaceQuery(name: string, value: string): void {
  const params = new URLSearchParams(window.location.search);
  if (value) params.set(name, value);
  else params.delete(name);
  const search = params.toString();
  window.history.replaceState(null, '', window.location.pathname + (search ? `?${search}` : ''));
}

/**
 * Changes some query parameters of the current address (an empty value removes one) and tells
 * the pages, replacing the history entry unless `push` is set: filters kept in the address.
 */
export function updateQuery(changes: Record<string, string | number | null | undefined>, options: { push?: boolean } = {}): void {
  const params = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(name);
    else params.set(name, String(value));
  }
  const search = params.toString();
  navigate(window.location.pathname + (search ? `?${search}` : ''), { replace: !options.push });
}

/** The current location; the component re-renders when navigate() or Back/Forward change it. */
export function useLocation(): Location {
  const [location, setLocation] = useState(readLocation);
  useEffect(() => {
    listenToHistory();
    const update = (next: Location) =>
      setLocation((prev) => (prev.path === next.path && prev.search === next.search ? prev : next));
    listeners.add(update);
    update(readLocation());
    return () => {
      listeners.delete(update);
    };
  }, []);
  return location;
}
