// Names for ids that the server sends bare: role ids (GET /api/roles, once per page load), unit
// codes (GET /api/units/{code}, each code once), record types and the code lists of their fields
// (once per page load), the accounts named in "accounts" fields (GET /api/<path>/assignable-
// accounts?unit=, each type and unit once). A failure leaves the id shown.

import { useEffect, useState } from 'preact/hooks';
import { loadRoles, type Role } from './api/auth';
import {
  getRecord,
  listAssignableAccounts,
  loadCodeList,
  loadRecordTypes,
  type AssignableAccount,
  type CodeItem,
  type RecordType,
  type StoredRecord,
} from './api/records';
import { getUnit } from './api/units';
import { useApi, type AsyncState } from './hooks';
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

/** The record types of some access resources (["programme_record"]), in the server's order. */
export function useRecordTypes(resources: readonly string[]): AsyncState<RecordType[]> {
  return useApi(() => loadRecordTypes().then((types) => types.filter((type) => resources.includes(type.resource))), [resources.join(',')]);
}

/** List name → its codes, for the code lists of `type`'s fields, filled in as they arrive. */
export function useCodeLists(type: RecordType | null): Record<string, CodeItem[]> {
  const [lists, setLists] = useState<Record<string, CodeItem[]>>({});
  const names = [...new Set((type?.fields ?? []).map((f) => f.code_list).filter((name): name is string => !!name))].sort();
  const key = names.join(',');
  useEffect(() => {
    let isCurrent = true;
    for (const name of key ? key.split(',') : []) {
      loadCodeList(name).then(
        (items) => {
          if (isCurrent) setLists((prev) => (prev[name] === items ? prev : { ...prev, [name]: items }));
        },
        () => undefined,
      );
    }
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return lists;
}

const referenced = new Map<string, Promise<StoredRecord>>();

function recordKey(type: RecordType, id: string): string {
  return `${type.path}/${id}`;
}

/** Remembers a record the page already has (one just picked), sparing the request. */
export function rememberRecord(type: RecordType, record: StoredRecord): void {
  referenced.set(recordKey(type, record.id), Promise.resolve(record));
}

export interface RecordRef {
  type: RecordType;
  id: string;
}

/**
 * "path/id" → the record, for the records that reference fields point to (each fetched once per
 * page load), filled in as they arrive; a record out of reach stays missing and shows as its id.
 */
export function useReferencedRecords(refs: readonly RecordRef[]): Record<string, StoredRecord> {
  const [records, setRecords] = useState<Record<string, StoredRecord>>({});
  const wanted = new Map(refs.filter((ref) => ref.id).map((ref) => [recordKey(ref.type, ref.id), ref]));
  const key = [...wanted.keys()].sort().join(',');
  useEffect(() => {
    let isCurrent = true;
    for (const [name, ref] of wanted) {
      let pending = referenced.get(name);
      if (!pending) {
        pending = getRecord(ref.type, ref.id);
        pending.catch(() => referenced.delete(name));
        referenced.set(name, pending);
      }
      pending.then(
        (record) => {
          if (isCurrent) setRecords((prev) => (prev[name] === record ? prev : { ...prev, [name]: record }));
        },
        () => undefined,
      );
    }
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return records;
}

/** The key of useReferencedRecords' answer for a record. */
export function referenceKey(type: RecordType, id: string): string {
  return recordKey(type, id);
}

const assignable = new Map<string, Promise<AssignableAccount[]>>();

function assignableKey(typePath: string, unit: string): string {
  return `${typePath}@${unit}`;
}

/** Who may be named in the "accounts" fields of a record of `typePath` at `unit`, once per page load. */
export function loadAssignableAccounts(typePath: string, unit: string): Promise<AssignableAccount[]> {
  const key = assignableKey(typePath, unit);
  let pending = assignable.get(key);
  if (!pending) {
    pending = listAssignableAccounts(typePath, unit);
    pending.catch(() => assignable.delete(key));
    assignable.set(key, pending);
  }
  return pending;
}

/** Remembers a list the page has just fetched (the form fetches afresh), sparing the request. */
export function rememberAssignableAccounts(typePath: string, unit: string, accounts: AssignableAccount[]): void {
  assignable.set(assignableKey(typePath, unit), Promise.resolve(accounts));
}

/**
 * id → account, for the accounts that may be named at each of `units` in records of `typePath`
 * (the units of the records shown), filled in as the lists arrive; an account no list has stays
 * missing (the page shows its short id).
 */
export function useAssignedAccounts(typePath: string, units: readonly string[]): Record<string, AssignableAccount> {
  const [accounts, setAccounts] = useState<Record<string, AssignableAccount>>({});
  const key = [...new Set(units.filter(Boolean))].sort().join(',');
  useEffect(() => {
    let isCurrent = true;
    for (const unit of key ? key.split(',') : []) {
      loadAssignableAccounts(typePath, unit).then(
        (items) => {
          if (!isCurrent) return;
          setAccounts((prev) => {
            const missing = items.filter((item) => prev[item.id] !== item);
            if (missing.length === 0) return prev;
            const next = { ...prev };
            for (const item of missing) next[item.id] = item;
            return next;
          });
        },
        () => undefined,
      );
    }
    return () => {
      isCurrent = false;
    };
  }, [typePath, key]);
  return accounts;
}
