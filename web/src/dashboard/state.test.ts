import { describe, expect, it } from 'vitest';
import type { IndicatorPlan } from './api';
import {
  combinePeriod,
  dashboardHref,
  defaultPeriod,
  isCompleteQuery,
  partChoice,
  partChoices,
  parsePeriod,
  periodId,
  periodLabel,
  planPeriodId,
  reachablePath,
  readDashboardQuery,
  resolveState,
  trendLabel,
  yearChoice,
  yearChoices,
} from './state';

const PLAN: IndicatorPlan = { id: 'plan-184', name_vi: 'Kế hoạch 184', name_en: 'Plan 184', start: '2021-01-01', end: '2025-12-31', units: ['37'], targets: [] };
const OTHER: IndicatorPlan = { ...PLAN, id: 'plan-2', start: '2026-01-01', end: '2030-12-31', units: ['37'] };
const at = (year: number) => new Date(year, 5, 15);

describe('periods', () => {
  it('reads the server’s four forms and nothing else', () => {
    expect(parsePeriod('2024')).toEqual({ kind: 'year', year: 2024 });
    expect(parsePeriod('2024Q2')).toEqual({ kind: 'quarter', year: 2024, quarter: 2 });
    expect(parsePeriod('202405')).toEqual({ kind: 'month', year: 2024, month: 5 });
    expect(parsePeriod('P2021-2025')).toEqual({ kind: 'plan', from: 2021, to: 2025 });
    for (const bad of ['', '24', '2024Q5', '202413', '202400', 'P2025-2021', '2024-05', 'x']) expect(parsePeriod(bad), bad).toBeNull();
  });

  it('writes them back', () => {
    for (const id of ['2024', '2024Q2', '202405', '202411', 'P2021-2025']) expect(periodId(parsePeriod(id)!)).toBe(id);
    expect(planPeriodId(PLAN)).toBe('P2021-2025');
  });

  it('names them in both languages', () => {
    expect(periodLabel('2024', 'vi')).toBe('Năm 2024');
    expect(periodLabel('2024Q2', 'vi')).toBe('Quý 2/2024');
    expect(periodLabel('202405', 'vi')).toBe('Tháng 5/2024');
    expect(periodLabel('P2021-2025', 'vi')).toBe('Cả giai đoạn 2021–2025');
    expect(periodLabel('2024Q2', 'en')).toBe('Q2 2024');
    expect(periodLabel('P2021-2025', 'en')).toBe('Whole plan 2021–2025');
    expect(trendLabel('2022', 'vi')).toBe('2022');
    expect(trendLabel('2024Q3', 'vi')).toBe('Q3');
    expect(trendLabel('202407', 'vi')).toBe('T7');
    expect(trendLabel('202407', 'en')).toBe('M7');
  });

  it('defaults to this year within the plan', () => {
    expect(defaultPeriod(PLAN, at(2024))).toBe('2024');
    expect(defaultPeriod(PLAN, at(2026))).toBe('2025');
    expect(defaultPeriod(PLAN, at(2019))).toBe('2021');
  });

  it('offers the plan’s years and the whole plan, keeping an odd choice of the address', () => {
    expect(yearChoices(PLAN, '2024', 'vi')).toEqual([
      { value: '2021', label: '2021' },
      { value: '2022', label: '2022' },
      { value: '2023', label: '2023' },
      { value: '2024', label: '2024' },
      { value: '2025', label: '2025' },
      { value: 'P2021-2025', label: 'Cả giai đoạn 2021–2025' },
    ]);
    expect(yearChoices(PLAN, '2019Q1', 'vi').map((c) => c.value)).toEqual(['2019', '2021', '2022', '2023', '2024', '2025', 'P2021-2025']);
    expect(yearChoices(PLAN, 'P2022-2023', 'vi').map((c) => c.value).slice(-2)).toEqual(['P2021-2025', 'P2022-2023']);
  });

  it('splits a period into the year and quarter selects and joins them again', () => {
    expect([yearChoice('2024Q2'), partChoice('2024Q2')]).toEqual(['2024', 'Q2']);
    expect([yearChoice('202405'), partChoice('202405')]).toEqual(['2024', 'M05']);
    expect([yearChoice('P2021-2025'), partChoice('P2021-2025')]).toEqual(['P2021-2025', '']);
    expect(combinePeriod('2024', '')).toBe('2024');
    expect(combinePeriod('2024', 'Q3')).toBe('2024Q3');
    expect(combinePeriod('2023', 'M05')).toBe('202305');
    expect(combinePeriod('P2021-2025', 'Q3')).toBe('P2021-2025');
    expect(partChoices('2024', 'vi').map((c) => c.label)).toEqual(['Cả năm', 'Quý 1', 'Quý 2', 'Quý 3', 'Quý 4']);
    expect(partChoices('202405', 'vi')[5]).toEqual({ value: 'M05', label: 'Tháng 5' });
  });
});

describe('the view in the address', () => {
  it('reads the plan, unit, period, tree and page, dropping what is malformed', () => {
    expect(readDashboardQuery('?plan=plan-184&unit=369&period=2024q2&page=3')).toEqual({ plan: 'plan-184', unit: '369', period: '2024Q2', tree: null, page: 3 });
    expect(readDashboardQuery('?plan=a%20b&unit=3/6&period=2024Q9&page=-1')).toEqual({ plan: null, unit: null, period: null, tree: null, page: 1 });
    expect(readDashboardQuery('')).toEqual({ plan: null, unit: null, period: null, tree: null, page: 1 });
    expect(readDashboardQuery('?tree=2025-01-01').tree).toBe('2025-01-01');
    expect(readDashboardQuery('?tree=Period').tree).toBe('period');
    for (const bad of ['2025-13-01', '2025-1-1', 'latest', '2025-01-01x']) expect(readDashboardQuery(`?tree=${bad}`).tree, bad).toBeNull();
    expect(isCompleteQuery(readDashboardQuery('?plan=plan-184&unit=37&period=2024'))).toBe(true);
    expect(isCompleteQuery(readDashboardQuery('?unit=37&period=2024'))).toBe(false);
  });

  it('fills the defaults: the first plan, the user’s unit, this year', () => {
    const none = readDashboardQuery('');
    expect(resolveState(none, [PLAN, OTHER], '369', at(2024))).toEqual({ plan: 'plan-184', unit: '369', period: '2024' });
    expect(resolveState(none, [PLAN], 'VN', at(2024))).toEqual({ plan: 'plan-184', unit: '37', period: '2024' });
    expect(resolveState(readDashboardQuery('?plan=plan-2&unit=14347&period=P2021-2025'), [PLAN, OTHER], '37', at(2024))).toEqual({
      plan: 'plan-2',
      unit: '14347',
      period: 'P2021-2025',
    });
    expect(resolveState(readDashboardQuery('?plan=gone'), [PLAN], '37', at(2030))?.plan).toBe('plan-184');
    expect(resolveState(none, [], '37', at(2024))).toBeNull();
  });

  it('keeps the tree of the address, and leaves it out (the server’s default) otherwise', () => {
    const state = resolveState(readDashboardQuery('?plan=plan-184&unit=37&period=2024&tree=2025-01-01'), [PLAN], '37', at(2024));
    expect(state).toEqual({ plan: 'plan-184', unit: '37', period: '2024', tree: '2025-01-01' });
    expect(dashboardHref(state!, { target: 'T1' })).toBe('/dashboard/T1?plan=plan-184&unit=37&period=2024&tree=2025-01-01');
    expect(dashboardHref({ ...state!, tree: 'period' })).toBe('/dashboard?plan=plan-184&unit=37&period=2024&tree=period');
    expect('tree' in resolveState(readDashboardQuery('?period=2024'), [PLAN], '37', at(2024))!).toBe(false);
  });

  it('writes every part of the view into the address, and round-trips', () => {
    const state = { plan: 'plan-184', unit: '369', period: '2024Q2' };
    expect(dashboardHref(state)).toBe('/dashboard?plan=plan-184&unit=369&period=2024Q2');
    expect(dashboardHref(state, { target: 'T1' })).toBe('/dashboard/T1?plan=plan-184&unit=369&period=2024Q2');
    expect(dashboardHref(state, { target: 'T10', records: true, page: 2 })).toBe('/dashboard/T10/records?plan=plan-184&unit=369&period=2024Q2&page=2');
    expect(dashboardHref(state, { target: 'T10', records: true, page: 1 })).toBe('/dashboard/T10/records?plan=plan-184&unit=369&period=2024Q2');
    const href = dashboardHref(state, { target: 'T10', records: true, page: 4 });
    const back = readDashboardQuery(href.slice(href.indexOf('?')));
    expect(resolveState(back, [PLAN], '37', at(2024))).toEqual(state);
    expect(back.page).toBe(4);
  });

  it('leads back up only as far as the user’s own unit', () => {
    const path = [
      { code: '37', name: 'Tỉnh Ninh Bình' },
      { code: '369', name: 'Thành phố Ninh Bình' },
      { code: '14347', name: 'Xã Ninh Nhất' },
    ];
    expect(reachablePath(path, '37').map((u) => u.code)).toEqual(['37', '369']);
    expect(reachablePath(path, '369').map((u) => u.code)).toEqual(['369']);
    expect(reachablePath(path, 'VN').map((u) => u.code)).toEqual(['37', '369']);
    expect(reachablePath(path.slice(0, 1), '37')).toEqual([]);
  });
});
