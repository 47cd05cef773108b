import { describe, expect, it } from 'vitest';
import { NAV_ITEMS, matchRoute } from './router';

describe('matchRoute', () => {
  it('maps the units paths', () => {
    expect(matchRoute('/units')).toEqual({ page: 'units', area: 'units', code: null });
    expect(matchRoute('/units/')).toEqual({ page: 'units', area: 'units', code: null });
    expect(matchRoute('/units/14347')).toEqual({ page: 'units', area: 'units', code: '14347' });
    expect(matchRoute('/units/changes')).toEqual({ page: 'unitChanges', area: 'unitChanges' });
    expect(matchRoute('/units/changes/')).toEqual({ page: 'unitChanges', area: 'unitChanges' });
  });

  it('gives every area of the navigation a page', () => {
    for (const item of NAV_ITEMS) expect(matchRoute(item.path).area).toBe(item.area);
  });

  it('maps the sign-in, account and administration paths', () => {
    expect(matchRoute('/login')).toEqual({ page: 'login', area: null });
    expect(matchRoute('/account/')).toEqual({ page: 'account', area: null });
    expect(matchRoute('/admin/users')).toEqual({ page: 'users', area: 'users' });
    expect(matchRoute('/admin/users/new')).toEqual({ page: 'userNew', area: 'users' });
    expect(matchRoute('/admin/users/11b80964-e57c')).toEqual({ page: 'user', area: 'users', id: '11b80964-e57c' });
    expect(matchRoute('/admin/audit')).toEqual({ page: 'audit', area: 'audit' });
    expect(matchRoute('/admin').page).toBe('notFound');
    expect(matchRoute('/admin/users/a/b').page).toBe('notFound');
  });

  it('maps the record pages under an area', () => {
    const at = (view: string, type: string | null, id: string | null) => ({ page: 'records', area: 'communication', view, type, id });
    expect(matchRoute('/communication')).toEqual(at('home', null, null));
    expect(matchRoute('/communication/communication-activities/')).toEqual(at('list', 'communication-activities', null));
    expect(matchRoute('/communication/press-items/new')).toEqual(at('new', 'press-items', null));
    expect(matchRoute('/communication/press-items/import')).toEqual(at('import', 'press-items', null));
    expect(matchRoute('/communication/press-items/5f0c-1')).toEqual(at('record', 'press-items', '5f0c-1'));
    expect(matchRoute('/communication/press-items/5f0c-1/edit')).toEqual(at('edit', 'press-items', '5f0c-1'));
    expect(matchRoute('/communication/press-items/5f0c-1/other').page).toBe('notFound');
    expect(matchRoute('/communication/a/b/edit/x').page).toBe('notFound');
    expect(matchRoute('/communicationx').page).toBe('notFound');
  });

  it('maps the enforcement records under “Kiểm tra”', () => {
    expect(matchRoute('/inspections')).toEqual({ page: 'records', area: 'inspections', view: 'home', type: null, id: null });
    expect(matchRoute('/inspections/establishments/5f0c-1')).toEqual({ page: 'records', area: 'inspections', view: 'record', type: 'establishments', id: '5f0c-1' });
  });

  it('maps the peer groups under “Hỗ trợ”, and their T13 summary beside them', () => {
    const at = (view: string, type: string | null, id: string | null) => ({ page: 'records', area: 'support', view, type, id });
    expect(matchRoute('/support/groups')).toEqual(at('home', null, null));
    expect(matchRoute('/support/groups/peer-groups')).toEqual(at('list', 'peer-groups', null));
    expect(matchRoute('/support/groups/peer-group-activities/9a-1')).toEqual(at('record', 'peer-group-activities', '9a-1'));
    expect(matchRoute('/support/groups/summary/')).toEqual({ page: 'support', area: 'support', view: 'groupsSummary', id: null });
    expect(matchRoute('/support/clients/new')).toEqual({ page: 'support', area: 'support', view: 'new', id: null });
    expect(matchRoute('/support/clients/c1/consents/k1')).toEqual({
      page: 'support',
      area: 'support',
      view: 'consent',
      id: 'c1',
      sub: 'k1',
    });
  });

  it('maps the dashboard, a target’s ranking and the records behind it', () => {
    expect(matchRoute('/dashboard')).toEqual({ page: 'dashboard', area: 'dashboard', view: 'overview', target: null });
    expect(matchRoute('/dashboard/')).toEqual({ page: 'dashboard', area: 'dashboard', view: 'overview', target: null });
    expect(matchRoute('/dashboard/T10b')).toEqual({ page: 'dashboard', area: 'dashboard', view: 'target', target: 'T10b' });
    expect(matchRoute('/dashboard/T1/records')).toEqual({ page: 'dashboard', area: 'dashboard', view: 'records', target: 'T1' });
    expect(matchRoute('/dashboard/T1/other').page).toBe('notFound');
    expect(matchRoute('/dashboard/T1/records/x').page).toBe('notFound');
  });

  it('maps the tips pages', () => {
    expect(matchRoute('/tips')).toEqual({ page: 'tips', area: 'tips', view: 'list', id: null });
    expect(matchRoute('/tips/new')).toEqual({ page: 'tips', area: 'tips', view: 'new', id: null });
    expect(matchRoute('/tips/7a1c-1/')).toEqual({ page: 'tips', area: 'tips', view: 'tip', id: '7a1c-1' });
  });

  it('does not match unknown or deeper paths', () => {
    expect(matchRoute('/nowhere').page).toBe('notFound');
    expect(matchRoute('/units/1/2').page).toBe('notFound');
    expect(matchRoute('/tips/1/2').page).toBe('notFound');
  });

  it('survives a malformed escape', () => {
    expect(matchRoute('/units/%E0%A4%A')).toEqual({ page: 'units', area: 'units', code: '%E0%A4%A' });
  });
});
