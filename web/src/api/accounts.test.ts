import { describe, expect, it } from 'vitest';
import { accountChanges, type Account } from './accounts';

const account: Account = {
  id: 'a1',
  username: 'nguyenvana',
  display_name: 'Nguyễn Văn A',
  role: 'commune_officer',
  unit_code: '14347',
  is_disabled: false,
  must_change_password: true,
  totp_enabled: false,
  version: 3,
  created_at: '2026-11-29T04:21:58.438Z',
  updated_at: '2026-11-29T04:21:58.438Z',
};

const same = { display_name: account.display_name, role: account.role, unit_code: account.unit_code, is_disabled: false };

describe('accountChanges', () => {
  it('sends only what changed, with the version read', () => {
    expect(accountChanges(account, { ...same, role: 'district_officer', unit_code: '374' })).toEqual({
      version: 3,
      role: 'district_officer',
      unit_code: '374',
    });
    expect(accountChanges(account, { ...same, is_disabled: true })).toEqual({ version: 3, is_disabled: true });
    expect(accountChanges(account, { ...same, display_name: '  Nguyễn Văn Á ' })).toEqual({ version: 3, display_name: 'Nguyễn Văn Á' });
  });

  it('gives null when nothing changed (spaces around the name do not count)', () => {
    expect(accountChanges(account, same)).toBeNull();
    expect(accountChanges(account, { ...same, display_name: ' Nguyễn Văn A ' })).toBeNull();
  });
});
