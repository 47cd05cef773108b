import { describe, expect, it } from 'vitest';
import { navItemsFor } from '../auth/guards';
import { t } from '../i18n';
import { matchRoute } from '../router';
import type { ProposalItem } from './api';
import { plansEn, plansVi } from './messages';
import {
  canWritePlans,
  changeItem,
  districtList,
  groupByMonth,
  initialForm,
  monthsFrom,
  newTeam,
  progressLabel,
  progressTotals,
  reasonLabel,
  removeItem,
  serverErrors,
  toCreateRequest,
  toItemInput,
  toProposalRequest,
  validateForm,
  validateItems,
  yearFromSearch,
  type PlanForm,
} from './plan';

function item(id: string, name: string, month: number, team = 'Đoàn 1', reasons: string[] = ['never_inspected']): ProposalItem {
  return { establishment_id: id, establishment_name: name, district: '369', district_name: 'Thành phố Ninh Bình', team_id: team, month, reasons };
}

function form(change: Partial<PlanForm> = {}): PlanForm {
  return { unit: '37', year: '2025', firstMonth: '10', teams: [newTeam(0, 'vi')], ...change };
}

describe('the new plan form', () => {
  it('starts at the user unit, this year and month, with one team of capacity 1', () => {
    const start = initialForm('37', new Date(2025, 9, 3), 'vi');
    expect(start).toEqual({ unit: '37', year: '2025', firstMonth: '10', teams: [{ name: 'Đoàn 1', capacity: Array(12).fill('1'), districts: '' }] });
  });

  it('builds the proposal request', () => {
    const f = form({ teams: [{ name: ' Đoàn liên ngành ', capacity: ['0', '0', '1', '2', '0', '0', '0', '0', '0', '0', '0', '3'], districts: '369, 370 ;371' }] });
    expect(toProposalRequest(f)).toEqual({
      unit: '37',
      year: 2025,
      first_month: 10,
      teams: [{ id: 'Đoàn liên ngành', monthly_capacity: [0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 3], districts: ['369', '370', '371'] }],
    });
    expect(districtList('  ')).toEqual([]);
  });

  it('accepts a good form', () => {
    expect(validateForm(form(), 'vi')).toEqual({});
  });

  it('names every bad field the way the server does', () => {
    const bad = form({
      unit: '',
      year: '1999',
      firstMonth: '13',
      teams: [
        { name: 'A', capacity: ['1', '-1', 'x', '1000', '', '1', '1', '1', '1', '1', '1', '1'], districts: '' },
        { name: 'A', capacity: Array(12).fill('0'), districts: '' },
        { name: '  ', capacity: Array(12).fill('0'), districts: '' },
      ],
    });
    const errors = validateForm(bad, 'vi');
    expect(Object.keys(errors).sort()).toEqual(
      [
        'unit',
        'year',
        'first_month',
        'teams[0].monthly_capacity[1]',
        'teams[0].monthly_capacity[2]',
        'teams[0].monthly_capacity[3]',
        'teams[0].monthly_capacity[4]',
        'teams[1].id',
        'teams[2].id',
      ].sort(),
    );
    expect(errors['teams[1].id']).toBe('Hai đoàn trùng tên.');
    expect(validateForm(form({ teams: [] }), 'en').teams).toBe('At least one team is needed.');
  });

  it('maps the server field errors onto the same keys', () => {
    expect(serverErrors([{ field: 'teams[0]', message_vi: 'Sai', message_en: 'Wrong' }], 'en')).toEqual({ 'teams[0]': 'Wrong' });
    expect(serverErrors([{ field: 'items[1].month', message_vi: '', message_en: 'Out' }], 'vi')).toEqual({ 'items[1].month': 'Out' });
  });
});

describe('the proposed items', () => {
  const items = [item('c', 'Massage Thư Giãn', 11), item('b', 'Nhà nghỉ Bình An', 10), item('a', 'Karaoke Hoa Mai', 11)];

  it('groups by month in order, by name within a month', () => {
    const groups = groupByMonth(items);
    expect(groups.map((g) => g.month)).toEqual([10, 11]);
    expect(groups[1]?.items.map((i) => i.establishment_id)).toEqual(['a', 'c']);
    expect(groupByMonth([])).toEqual([]);
  });

  it('moves an item to another month or team, and removes one', () => {
    const moved = changeItem(items, 'b', { month: 12 });
    expect(moved.find((i) => i.establishment_id === 'b')?.month).toBe(12);
    expect(items.find((i) => i.establishment_id === 'b')?.month).toBe(10);
    const team = changeItem(moved, 'a', { team_id: 'Đoàn 2' });
    expect(team.find((i) => i.establishment_id === 'a')?.team_id).toBe('Đoàn 2');
    expect(removeItem(team, 'c').map((i) => i.establishment_id)).toEqual(['b', 'a']);
  });

  it('offers the months from the first one', () => {
    expect(monthsFrom(10)).toEqual([10, 11, 12]);
    expect(monthsFrom(1)).toHaveLength(12);
  });

  it('checks the items before saving', () => {
    const inputs = [item('b', 'B', 10), item('c', 'C', 9), item('d', 'D', 11, 'Đoàn 9')].map(toItemInput);
    expect(validateItems(inputs, 10, ['Đoàn 1'], 'vi')).toEqual({
      'items[1].month': 'Tháng phải từ 10 đến 12.',
      'items[2].team_id': 'Đoàn không có trong kế hoạch.',
    });
    expect(validateItems(inputs.slice(0, 1), 10, ['Đoàn 1'], 'vi')).toEqual({});
  });

  it('builds the body of the draft from the request and the edited items', () => {
    const request = toProposalRequest(form());
    expect(toCreateRequest(request, [item('b', 'B', 10, 'Đoàn 1', ['never_inspected', 'high_risk'])])).toEqual({
      ...request,
      items: [{ establishment_id: 'b', team_id: 'Đoàn 1', month: 10, district: '369', reasons: ['never_inspected', 'high_risk'] }],
    });
  });

  it('sends each item’s reasons, kept when the item moves, and none for an item without any', () => {
    const moved = changeItem([item('b', 'B', 10, 'Đoàn 1', ['open_tips'])], 'b', { month: 12 });
    expect(moved.map(toItemInput)).toEqual([{ establishment_id: 'b', team_id: 'Đoàn 1', month: 12, district: '369', reasons: ['open_tips'] }]);
    expect(toItemInput({ establishment_id: 'c', team_id: 'Đoàn 1', month: 9, district: '369' })).toEqual({
      establishment_id: 'c',
      team_id: 'Đoàn 1',
      month: 9,
      district: '369',
    });
    // A copy: editing the sent list leaves the proposal's item alone.
    const source = item('d', 'D', 9, 'Đoàn 1', ['extra']);
    toItemInput(source).reasons?.push('high_risk');
    expect(source.reasons).toEqual(['extra']);
  });
});

describe('labels', () => {
  it('shows the reasons in Vietnamese and English, unknown codes as they are', () => {
    expect(reasonLabel('never_inspected', 'vi')).toBe('Chưa từng kiểm tra');
    expect(reasonLabel('high_risk', 'en')).toBe('High risk');
    expect(reasonLabel('district_share', 'vi')).toBe('Đủ 20% của huyện');
    expect(reasonLabel('someday', 'vi')).toBe('someday');
  });

  it('shows the progress and counts it', () => {
    expect(progressLabel('done', 'vi')).toBe('Đã kiểm tra');
    expect(progressLabel('overdue', 'vi')).toBe('Quá hạn');
    expect(progressLabel(undefined, 'vi')).toBe('Chưa đến hạn');
    expect(progressTotals([{ progress: 'done' }, { progress: 'overdue' }, {}, { progress: 'planned' }])).toEqual({ done: 1, overdue: 1, planned: 2 });
  });

  it('has the statuses and the same keys in both languages', () => {
    expect(t('plans.status.draft', undefined, 'vi')).toBe('Dự thảo');
    expect(t('plans.status.approved', undefined, 'vi')).toBe('Đã phê duyệt');
    expect(Object.keys(plansEn).sort()).toEqual(Object.keys(plansVi).sort());
  });
});

describe('routes and access', () => {
  it('maps the plan pages', () => {
    expect(matchRoute('/inspection-plans')).toEqual({ page: 'plans', area: 'plans', view: 'list', id: null });
    expect(matchRoute('/inspection-plans/new')).toEqual({ page: 'plans', area: 'plans', view: 'new', id: null });
    expect(matchRoute('/inspection-plans/5f0c-1/')).toEqual({ page: 'plans', area: 'plans', view: 'plan', id: '5f0c-1' });
    expect(matchRoute('/inspection-plans/5f0c-1/x').page).toBe('notFound');
  });

  it('shows the plans to the roles that read inspections; only province officers make them', () => {
    for (const role of ['province_officer', 'district_officer', 'inspector'] as const) {
      expect(navItemsFor(role).map((i) => i.area)).toContain('plans');
    }
    for (const role of ['viewer', 'social_worker', 'peer_educator', 'commune_officer', 'admin'] as const) {
      expect(navItemsFor(role).map((i) => i.area)).not.toContain('plans');
    }
    expect(canWritePlans('province_officer')).toBe(true);
    expect(canWritePlans('inspector')).toBe(false);
    expect(canWritePlans('district_officer')).toBe(false);
  });

  it('reads the year from the address', () => {
    const today = new Date(2025, 5, 1);
    expect(yearFromSearch('?year=2024', today)).toBe(2024);
    expect(yearFromSearch('?year=abc', today)).toBe(2025);
    expect(yearFromSearch('', today)).toBe(2025);
  });
});
