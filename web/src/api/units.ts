// The administrative tree: GET /api/units (list, search) and GET /api/units/{code} (one unit with
// its path, children and counts). Shapes follow docs/contract.md.

import { api, type ListReply } from './client';

export type UnitLevel = 'province' | 'district' | 'commune';

export interface Unit {
  code: string;
  name: string;
  level: UnitLevel;
  type: string;
  parent_code: string | null;
  /** The parent's name; list replies carry it (older servers may not). */
  parent_name?: string | null;
  valid_from: string;
  valid_to: string | null;
  child_count: number;
}

export interface UnitPathEntry {
  code: string;
  name: string;
  level: UnitLevel;
}

export interface UnitHistoryEntry {
  name: string;
  type: string;
  parent_code: string | null;
  valid_from: string;
  valid_to: string | null;
}

export interface UnitDetail extends Unit {
  path: UnitPathEntry[];
  children: Unit[];
  /** Descendants by level; the server omits levels with none (a commune sends {}). */
  counts: Partial<Record<UnitLevel, number>>;
  history: UnitHistoryEntry[];
}

export interface UnitQuery {
  level?: UnitLevel;
  parent?: string;
  q?: string;
  date?: string;
  limit?: number;
  offset?: number;
}

export function listUnits(query: UnitQuery, signal?: AbortSignal): Promise<ListReply<Unit>> {
  return api.get<ListReply<Unit>>('/api/units', { query: { ...query }, signal });
}

export function getUnit(code: string, signal?: AbortSignal): Promise<UnitDetail> {
  return api.get<UnitDetail>(`/api/units/${encodeURIComponent(code)}`, { signal });
}

/** The level below `level`, whose units a unit of `level` counts in child_count. */
export function childLevel(level: UnitLevel): UnitLevel | null {
  if (level === 'province') return 'district';
  if (level === 'district') return 'commune';
  return null;
}

/** Code → unit of every province and district: enough to name the path of any search result. */
export type UpperUnits = ReadonlyMap<string, Unit>;

let upperUnits: Promise<UpperUnits> | null = null;

/**
 * Loads the provinces and districts once per page load (a few hundred at most), so that search
 * results, which carry only parent_code, can show where each unit lies. A failure is not cached.
 */
export function loadUpperUnits(): Promise<UpperUnits> {
  if (!upperUnits) {
    const levels: UnitLevel[] = ['province', 'district'];
    upperUnits = Promise.all(levels.map((level) => listUnits({ level, limit: 1000 }))).then(
      (replies) => new Map(replies.flatMap((reply) => reply.items).map((unit) => [unit.code, unit])),
    );
    upperUnits.catch(() => {
      upperUnits = null;
    });
  }
  return upperUnits;
}

/**
 * The names above `unit`, root first ("Tỉnh Ninh Bình", "Thành phố Ninh Bình"), as far as known.
 * When the store holds a single province its name is left out: it is above everything.
 */
export function ancestorNames(unit: Unit, upper: UpperUnits): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  let code = unit.parent_code;
  let reachedRoot = false;
  while (code && !seen.has(code)) {
    seen.add(code);
    const parent = upper.get(code);
    if (!parent) {
      names.push(code); // unknown to the map: show the code rather than nothing
      break;
    }
    names.push(parent.name);
    reachedRoot = parent.parent_code === null;
    code = parent.parent_code;
  }
  let provinces = 0;
  for (const u of upper.values()) if (u.level === 'province') provinces += 1;
  if (reachedRoot && provinces === 1) names.pop();
  return names.reverse();
}
