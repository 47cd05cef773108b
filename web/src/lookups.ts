// Names for ids that the server sends bare: role ids (GET /api/roles, once per page load) and
// unit codes of accounts (GET /api/units/{code}, each code once). A failure leaves the id shown.

import { useEffect, useState } from 'preact/hooks';
import { loadRoles, type Role } from './api/auth';
import { getUnit } from './api/units';
import { useApi } from './hooks';
import type { Lang } from './i18n';

/** The roles, once the session may read them (a limited session may not). */
export function useRoles(enabled = true): Role[] | null {
  return useApi(() => (enabled ? loadRoles() : null), [enabled]).data;
}

/** The role's name in `lang`; the id itself while the names are unknown. */
export function roleLabel(roles: readonly Role[] | null, id: string, lang: Lang): string {
  const role = roles?.find((r) => r.id === id);
  if (!role) return id;
  return (lang === 'vi' ? role.name_vi : role.name_en) || role.name_vi || id;
}

const unitNames = new Map<string, Promise<string>>();

/** The name of the unit `code` ("Xã Ninh Nhất"), fetched once per page load. */
export function loadUnitName(code: string): Promise<string> {
  let pending = unitNames.get(code);
  if (!pending) {
    pending = getUnit(code).then((unit) => unit.name);
    pending.catch(() => unitNames.delete(code));
    unitNames.set(code, pending);
  }
  return pending;
}

/** Remembers a name the page already has (a unit just picked), sparing the request. */
export function rememberUnitName(code: string, name: string): void {
  unitNames.set(code, Promise.resolve(name));
}

/** Code → name for the given codes, filled in as the names arrive. */
export function useUnitNames(codes: readonly string[]): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    let isCurrent = true;
    for (const code of key ? key.split(',') : []) {
      loadUnitName(code).then(
        (name) => {
          if (isCurrent) setNames((prev) => (prev[code] === name ? prev : { ...prev, [code]: name }));
        },
        () => undefined,
      );
    }
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return names;
}
