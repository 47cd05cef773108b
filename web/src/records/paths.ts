// Where the record pages live. An area of the app shows the record types of some access resources
// under one path: programme records under /communication ("Tuyên truyền"); establishments, their
// inspections and the crime statistics under /inspections ("Kiểm tra"); peer groups and their
// activities under /support/groups ("Nhóm đồng đẳng", in the "Hỗ trợ" area). Below it:
//   /communication                         the types of the area
//   /communication/<type>                  the list (filters in the query)
//   /communication/<type>/new              a new record
//   /communication/<type>/import           a CSV import
//   /communication/<type>/<id>             one record, its history
//   /communication/<type>/<id>/edit        changing it

import type { MessageKey } from '../i18n';
import type { AreaId } from '../router';

export interface RecordArea {
  area: AreaId;
  base: string;
  /** The access resources whose types the area shows, e.g. "programme_record". */
  resources: readonly string[];
  /** The heading of the area's home when it is not the navigation item's name. */
  label?: MessageKey;
}

export const RECORD_AREAS: readonly RecordArea[] = [
  { area: 'communication', base: '/communication', resources: ['programme_record'] },
  { area: 'inspections', base: '/inspections', resources: ['establishment', 'inspection', 'crime_statistic'] },
  { area: 'support', base: '/support/groups', resources: ['peer_group'], label: 'groups.area' },
];

export function recordArea(area: AreaId): RecordArea | undefined {
  return RECORD_AREAS.find((a) => a.area === area);
}

export function typeHref(base: string, typePath: string): string {
  return `${base}/${encodeURIComponent(typePath)}`;
}

export function newRecordHref(base: string, typePath: string): string {
  return `${typeHref(base, typePath)}/new`;
}

export function importHref(base: string, typePath: string): string {
  return `${typeHref(base, typePath)}/import`;
}

export function recordHref(base: string, typePath: string, id: string): string {
  return `${typeHref(base, typePath)}/${encodeURIComponent(id)}`;
}

export function editHref(base: string, typePath: string, id: string): string {
  return `${recordHref(base, typePath, id)}/edit`;
}

// The query the list of each kind last showed (its filters and page), so that "Về danh sách"
// and the return after a delete come back to the same filtered list. In memory only.
const lastListSearch = new Map<string, string>();

export function rememberListSearch(typePath: string, search: string): void {
  if (search && search !== '?') lastListSearch.set(typePath, search.startsWith('?') ? search : `?${search}`);
  else lastListSearch.delete(typePath);
}

/** The list of a kind with the filters it last had. */
export function listHref(base: string, typePath: string): string {
  return typeHref(base, typePath) + (lastListSearch.get(typePath) ?? '');
}
