// The fields of kind "accounts" (an inspection's team, a group's leaders): account ids chosen from
// the accounts that may be named at the record's unit, read by their names. The checklist's lines,
// with a search (without diacritics) from ACCOUNT_SEARCH_FROM accounts on, and the names as text.

import type { AssignableAccount, FieldValue } from '../api/records';
import { shortId } from '../format';

/** What an account is called: its display name, else its short id. */
export function accountName(account: Pick<AssignableAccount, 'id' | 'display_name'>): string {
  return account.display_name.trim() || shortId(account.id);
}

/**
 * The accounts of a field of kind "accounts" by name, in the stored order, joined by ", ";
 * an id `known` does not have (an account no longer assignable there) shows as its short id.
 */
export function accountsText(value: FieldValue | undefined, known: Readonly<Record<string, Pick<AssignableAccount, 'id' | 'display_name'>>>): string {
  if (value === null || value === undefined || value === '') return '';
  const ids = Array.isArray(value) ? value : [String(value)];
  return ids
    .filter((id) => id !== '')
    .map((id) => {
      const account = known[id];
      return account ? accountName(account) : shortId(id);
    })
    .join(', ');
}

/** id → account, for looking names up. */
export function accountsById(accounts: readonly AssignableAccount[]): Record<string, AssignableAccount> {
  const byId: Record<string, AssignableAccount> = {};
  for (const account of accounts) byId[account.id] = account;
  return byId;
}

/** Text folded for searching: lower case, without diacritics ("Đỗ Văn Trà" → "do van tra"). */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** From this many accounts on, the checklist gets a search box. */
export const ACCOUNT_SEARCH_FROM = 8;

export interface AccountChoice {
  id: string;
  /** The name shown (the display name, else the short id). */
  name: string;
  /** The role's name in the page's language; "" for an account not in the list. */
  roleName: string;
  isChecked: boolean;
  /** Chosen but no longer among those who may be named at the record's unit. */
  isMissing: boolean;
}

/**
 * The lines of the checklist of an "accounts" field: the assignable accounts by name (Vietnamese
 * order), narrowed to those whose name or role name contains `query` (without diacritics or case),
 * after the chosen ids that are not among them, so that they can be unticked. Chosen accounts
 * stay listed whatever the query.
 */
export function accountChoices(
  accounts: readonly AssignableAccount[],
  chosen: readonly string[],
  roleName: (role: string) => string,
  query = '',
): AccountChoice[] {
  const wanted = foldText(query);
  const known = new Set(accounts.map((a) => a.id));
  const missing: AccountChoice[] = chosen
    .filter((id) => id !== '' && !known.has(id))
    .map((id) => ({ id, name: shortId(id), roleName: '', isChecked: true, isMissing: true }));
  const listed = [...accounts]
    .map((account) => ({ id: account.id, name: accountName(account), roleName: roleName(account.role), isChecked: chosen.includes(account.id), isMissing: false }))
    .filter((choice) => choice.isChecked || !wanted || foldText(`${choice.name} ${choice.roleName}`).includes(wanted))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return [...missing, ...listed];
}

/** `chosen` with `id` ticked or unticked, keeping the order in which they were chosen. */
export function toggleAccount(chosen: readonly string[], id: string, isChecked: boolean): string[] {
  const rest = chosen.filter((other) => other !== id);
  return isChecked ? [...rest, id] : rest;
}
