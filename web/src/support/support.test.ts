import { describe, expect, it } from 'vitest';
import type { Consent } from './api';
import {
  EMPTY_UIC_FORM,
  birthYear,
  clientHref,
  cleanName,
  coversReferral,
  dueLabel,
  dueState,
  dueTone,
  eligibleWithin,
  hasConsent,
  isoDay,
  supportActions,
  uicRequest,
  validateUicForm,
} from './support';

const TODAY = new Date(2025, 5, 15); // 15 June 2025, local time

function consent(over: Partial<Consent>): Consent {
  return {
    id: 'c1',
    purpose: 'referral',
    provider_id: null,
    service: null,
    notice_version: '2024.1',
    method: 'verbal',
    given_on: '2025-06-01',
    is_withdrawal: false,
    is_current: true,
    recorded_by: 'u',
    recorded_at: '2025-06-01T00:00:00Z',
    ...over,
  };
}

describe('UIC preview input', () => {
  it('waits for the sex and a four-digit year in range', () => {
    expect(uicRequest(EMPTY_UIC_FORM, '14347', TODAY)).toBeNull();
    expect(uicRequest({ ...EMPTY_UIC_FORM, sex: 'F' }, '14347', TODAY)).toBeNull();
    expect(uicRequest({ ...EMPTY_UIC_FORM, sex: 'F', birthYear: '92' }, '14347', TODAY)).toBeNull();
    expect(uicRequest({ ...EMPTY_UIC_FORM, sex: 'F', birthYear: '2030' }, '14347', TODAY)).toBeNull();
    expect(uicRequest({ ...EMPTY_UIC_FORM, birthYear: '1992' }, '14347', TODAY)).toBeNull();
  });

  it('trims and collapses the names, leaves out empty ones and adds the unit', () => {
    const form = { sex: 'F' as const, birthYear: ' 1992 ', motherName: '  Trần   Thị Lan ', fatherName: '   ', givenName: 'A\u0301nh' };
    expect(uicRequest(form, '14347', TODAY)).toEqual({ sex: 'F', birth_year: 1992, mother_given_name: 'Trần Thị Lan', given_name: 'Ánh', unit: '14347' });
    expect(uicRequest(form, '', TODAY)).not.toHaveProperty('unit');
    expect(uicRequest(form, '', TODAY)).not.toHaveProperty('father_given_name');
  });

  it('composes and collapses a name', () => {
    expect(cleanName(' Nguyễn\tVăn  Hùng ')).toBe('Nguyễn Văn Hùng');
    expect(cleanName('A\u0301nh')).toBe('\u00c1nh');
  });

  it('checks the year of birth', () => {
    expect(birthYear('1899', TODAY)).toBeNull();
    expect(birthYear('1900', TODAY)).toBe(1900);
    expect(birthYear('2025', TODAY)).toBe(2025);
    expect(birthYear('19a2', TODAY)).toBeNull();
  });

  it('names the missing answers in the language asked', () => {
    expect(Object.keys(validateUicForm(EMPTY_UIC_FORM, '', TODAY, 'vi')).sort()).toEqual(['birth_year', 'sex', 'unit']);
    expect(validateUicForm(EMPTY_UIC_FORM, '1', TODAY, 'vi').birth_year).toBe('Năm sinh gồm bốn chữ số, từ 1900 đến 2025.');
    expect(validateUicForm({ ...EMPTY_UIC_FORM, sex: 'M', birthYear: '1990' }, '1', TODAY, 'en')).toEqual({});
  });
});

describe('addresses', () => {
  it('uses the id only', () => {
    expect(clientHref('a b/c')).toBe('/support/clients/a%20b%2Fc');
  });
});

describe('allowed actions', () => {
  it('lets the workers work, the province officer read the list, and nobody else', () => {
    expect(supportActions('peer_educator')).toEqual({ work: true, list: true, contact: true, erase: false });
    expect(supportActions('social_worker')).toEqual({ work: true, list: true, contact: true, erase: true });
    expect(supportActions('province_officer')).toEqual({ work: false, list: true, contact: false, erase: true });
    for (const role of ['district_officer', 'inspector', 'intake_officer', 'viewer', 'admin', 'dpo'] as const) {
      expect(supportActions(role)).toEqual({ work: false, list: false, contact: false, erase: false });
    }
  });
});

describe('consent coverage', () => {
  it('needs a current referral consent naming the provider, the service or both', () => {
    expect(coversReferral([], 'p1', 'prep')).toBe(false);
    expect(coversReferral([consent({ provider_id: 'p1' })], 'p1', 'prep')).toBe(true);
    expect(coversReferral([consent({ provider_id: 'p2' })], 'p1', 'prep')).toBe(false);
    expect(coversReferral([consent({ service: 'prep' })], 'p1', 'prep')).toBe(true);
    expect(coversReferral([consent({ service: 'art_linkage' })], 'p1', 'prep')).toBe(false);
    expect(coversReferral([consent({ provider_id: 'p1', service: 'prep' })], 'p1', 'prep')).toBe(true);
    expect(coversReferral([consent({ provider_id: 'p1', service: 'prep' })], 'p1', 'legal_aid')).toBe(false);
  });

  it('ignores withdrawn consents, withdrawal rows and other purposes', () => {
    expect(coversReferral([consent({ provider_id: 'p1', is_current: false })], 'p1', 'prep')).toBe(false);
    expect(coversReferral([consent({ provider_id: 'p1', is_withdrawal: true })], 'p1', 'prep')).toBe(false);
    expect(coversReferral([consent({ purpose: 'contact' })], 'p1', 'prep')).toBe(false);
    expect(hasConsent([consent({ purpose: 'contact' })], 'contact')).toBe(true);
    expect(hasConsent([consent({ purpose: 'contact', is_current: false })], 'contact')).toBe(false);
    expect(hasConsent([consent({ purpose: 'referral' })], 'record_keeping')).toBe(false);
  });
});

describe('due and overdue labels', () => {
  it('counts days from today', () => {
    expect(isoDay(TODAY)).toBe('2025-06-15');
    expect(dueState({ due_on: '2025-06-12', outcome: null }, TODAY)).toEqual({ kind: 'overdue', days: 3 });
    expect(dueState({ due_on: '2025-06-15', outcome: null }, TODAY)).toEqual({ kind: 'today' });
    expect(dueState({ due_on: '2025-06-29', outcome: null }, TODAY)).toEqual({ kind: 'open', days: 14 });
    expect(dueState({ due_on: '2025-06-01', outcome: 'received' }, TODAY)).toEqual({ kind: 'received' });
    expect(dueState({ due_on: '2025-06-01', outcome: 'not_received' }, TODAY)).toEqual({ kind: 'notReceived' });
  });

  it('says it in both languages, with a tone', () => {
    expect(dueLabel({ kind: 'overdue', days: 3 }, 'vi')).toBe('Quá hạn 3 ngày');
    expect(dueLabel({ kind: 'overdue', days: 1 }, 'en')).toBe('1 day overdue');
    expect(dueLabel({ kind: 'open', days: 14 }, 'en')).toBe('14 days left');
    expect(dueLabel({ kind: 'today' }, 'vi')).toBe('Đến hạn hôm nay');
    expect(dueLabel({ kind: 'received' }, 'vi')).toBe('Đã nhận dịch vụ');
    expect(dueTone({ kind: 'overdue', days: 1 })).toBe('danger');
    expect(dueTone({ kind: 'today' })).toBe('warn');
    expect(dueTone({ kind: 'received' })).toBe('ok');
    expect(dueTone({ kind: 'open', days: 2 })).toBe('off');
  });
});

describe('needs', () => {
  it('keeps the eligible services within the needs', () => {
    expect(eligibleWithin(['prep', 'legal_aid'], ['prep', 'shelter'])).toEqual(['prep']);
  });
});

describe('routes', async () => {
  const { matchRoute } = await import('../router');
  it('maps the support addresses', () => {
    expect(matchRoute('/support')).toEqual({ page: 'support', area: 'support', view: 'day', id: null });
    expect(matchRoute('/support/clients')).toEqual({ page: 'support', area: 'support', view: 'clients', id: null });
    expect(matchRoute('/support/clients/new')).toEqual({ page: 'support', area: 'support', view: 'new', id: null });
    expect(matchRoute('/support/clients/abc-1')).toEqual({ page: 'support', area: 'support', view: 'client', id: 'abc-1' });
    expect(matchRoute('/support/clients/a/b').page).toBe('notFound');
  });
});
