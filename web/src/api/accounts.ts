// User administration (admin only, within the administrator's unit): /api/accounts.

import { api, type ListReply } from './client';
import type { RoleId } from './auth';

export interface Account {
  id: string;
  username: string;
  display_name: string;
  role: RoleId;
  unit_code: string;
  is_disabled: boolean;
  must_change_password: boolean;
  totp_enabled: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AccountQuery {
  q?: string;
  role?: string;
  unit?: string;
  limit?: number;
  offset?: number;
}

export interface NewAccount {
  username: string;
  display_name: string;
  role: RoleId;
  unit_code: string;
}

export interface AccountChanges {
  version: number;
  display_name?: string;
  role?: RoleId;
  unit_code?: string;
  is_disabled?: boolean;
}

export function listAccounts(query: AccountQuery, signal?: AbortSignal): Promise<ListReply<Account>> {
  return api.get<ListReply<Account>>('/api/accounts', { query: { ...query }, signal });
}

export function getAccount(id: string, signal?: AbortSignal): Promise<Account> {
  return api.get<Account>(`/api/accounts/${encodeURIComponent(id)}`, { signal });
}

export function createAccount(account: NewAccount): Promise<Account & { one_time_password: string }> {
  return api.send<Account & { one_time_password: string }>('POST', '/api/accounts', account);
}

export function updateAccount(id: string, changes: AccountChanges): Promise<Account> {
  return api.send<Account>('PATCH', `/api/accounts/${encodeURIComponent(id)}`, changes);
}

export function resetPassword(id: string): Promise<{ one_time_password: string }> {
  return api.send<{ one_time_password: string }>('POST', `/api/accounts/${encodeURIComponent(id)}/password-reset`, undefined);
}

/** Only the fields that differ from `current`, with its version; null when nothing changed. */
export function accountChanges(
  current: Account,
  edited: Pick<Account, 'display_name' | 'role' | 'unit_code' | 'is_disabled'>,
): AccountChanges | null {
  const changes: AccountChanges = { version: current.version };
  let changed = false;
  if (edited.display_name.trim() !== current.display_name) {
    changes.display_name = edited.display_name.trim();
    changed = true;
  }
  if (edited.role !== current.role) {
    changes.role = edited.role;
    changed = true;
  }
  if (edited.unit_code !== current.unit_code) {
    changes.unit_code = edited.unit_code;
    changed = true;
  }
  if (edited.is_disabled !== current.is_disabled) {
    changes.is_disabled = edited.is_disabled;
    changed = true;
  }
  return changed ? changes : null;
}
