// The reorganisations API (docs/contract.md, issue 10): a new tree with its change rows
// (POST /api/units/import), the change rows and their confirmation (/api/unit-changes) and the
// accounts bound to closed units (GET /api/unit-accounts). Administrators only, but the change rows.

import { api } from '../api/client';

export type ChangeKind = 'merge' | 'split' | 'rename' | 'moved' | 'unchanged';

/** One recorded row of a change file: an old unit and the unit that received it. */
export interface UnitChange {
  id: number;
  effective: string;
  kind: ChangeKind;
  old_code: string;
  old_name: string;
  new_code: string | null;
  new_name: string;
  source: string;
  status: 'confirmed' | 'to_confirm';
  confirmed_by: string | null;
  confirmed_at: string | null;
}

export interface TreeImportRequest {
  effective: string;
  units_csv: string;
  changes_csv?: string;
}

export interface TreeImportReport {
  effective: string;
  units: { added: number; changed: number; closed: number; unchanged: number };
  /** null when no change file was sent. */
  changes: { added: number; unchanged: number; to_confirm: number } | null;
}

export interface UnitRef {
  code: string;
  name: string;
  level: string;
}

/** An account whose unit a reorganisation closed. */
export interface ClosedUnitAccount {
  id: string;
  username: string;
  display_name: string;
  role: string;
  unit_code: string;
  unit_name: string;
  unit_level: string;
  /** The first day without the unit. */
  closed_on: string;
  successors: UnitRef[];
}

/** The largest file the page sends (the whole country's unit file is about 0.5 MB). */
export const TREE_FILE_MAX_BYTES = 4 * 1024 * 1024;

export function importUnitTree(request: TreeImportRequest, signal?: AbortSignal): Promise<TreeImportReport> {
  return api.send<TreeImportReport>('POST', '/api/units/import', request, { signal });
}

export function listUnitChanges(status: 'to_confirm' | 'all', signal?: AbortSignal): Promise<{ items: UnitChange[]; total: number }> {
  return api.get('/api/unit-changes', { query: { status }, signal });
}

/** Confirms a row as recorded, or with `newCode` as its receiving unit. */
export function confirmUnitChange(id: number, newCode: string | null): Promise<UnitChange> {
  return api.send<UnitChange>('POST', `/api/unit-changes/${id}/confirm`, newCode ? { new_code: newCode } : {});
}

export function listClosedUnitAccounts(signal?: AbortSignal): Promise<{ on: string; items: ClosedUnitAccount[]; total: number }> {
  return api.get('/api/unit-accounts', { signal });
}
