import { describe, expect, it } from 'vitest';
import type { UnitVersion } from './api';
import { periodEnd } from './state';
import { isVersionAllowed, treeChoice, treeChoices, versionLabel, withPeriod } from './trees';

const V2021: UnitVersion = { from: '2021-01-01', to: '2024-12-31', levels: { province: 1, district: 8, commune: 143 } };
const V2025: UnitVersion = { from: '2025-01-01', to: '2025-06-30', levels: { province: 1, district: 7, commune: 125 } };
const V2507: UnitVersion = { from: '2025-07-01', to: null, levels: { province: 1, commune: 129 } };
const VERSIONS = [V2021, V2025, V2507];
const TODAY = '2026-11-29';

describe('the last day of a period', () => {
  it('ends years, quarters, months and the whole plan', () => {
    expect(periodEnd('2024')).toBe('2024-12-31');
    expect(periodEnd('2025Q2')).toBe('2025-06-30');
    expect(periodEnd('2024Q1')).toBe('2024-03-31');
    expect(periodEnd('202402')).toBe('2024-02-29');
    expect(periodEnd('202502')).toBe('2025-02-28');
    expect(periodEnd('P2021-2025')).toBe('2025-12-31');
    expect(periodEnd('x')).toBeNull();
  });
});

describe('tree versions', () => {
  it('names a version by its days and its units', () => {
    expect(versionLabel(V2021, 'vi')).toBe('01/01/2021–31/12/2024 · 8 huyện, 143 xã');
    expect(versionLabel(V2507, 'vi')).toBe('Từ 01/07/2025 · 129 xã, không còn cấp huyện');
    expect(versionLabel(V2025, 'en')).toBe('1 Jan 2025–30 Jun 2025 · 7 districts, 125 communes');
  });

  it('offers the period’s own tree and the versions still valid at the period’s end', () => {
    expect(treeChoices(VERSIONS, '2024', undefined, TODAY, 'vi')).toEqual([
      { value: 'period', label: 'Theo thời kỳ' },
      { value: '2021-01-01', label: '01/01/2021–31/12/2024 · 8 huyện, 143 xã' },
      { value: '2025-01-01', label: '01/01/2025–30/06/2025 · 7 huyện, 125 xã' },
      { value: '2025-07-01', label: 'Từ 01/07/2025 · 129 xã, không còn cấp huyện' },
    ]);
    expect(treeChoices(VERSIONS, '2025', undefined, TODAY, 'vi').map((c) => c.value)).toEqual(['period', '2025-07-01']);
    expect(treeChoices(VERSIONS, '2025Q1', undefined, TODAY, 'vi').map((c) => c.value)).toEqual(['period', '2025-01-01', '2025-07-01']);
    expect(treeChoices(VERSIONS, 'P2021-2025', undefined, TODAY, 'vi').map((c) => c.value)).toEqual(['period', '2025-07-01']);
  });

  it('keeps the address’s choice even where the server will refuse it', () => {
    expect(treeChoices(VERSIONS, '2025', '2021-01-01', TODAY, 'vi').map((c) => c.value)).toEqual(['period', '2021-01-01', '2025-07-01']);
    expect(treeChoices(VERSIONS, '2024', '2019-01-01', TODAY, 'vi').slice(-1)[0]).toEqual({ value: '2019-01-01', label: '01/01/2019' });
  });

  it('offers nothing when there is one version or none', () => {
    expect(treeChoices([V2021], '2024', undefined, TODAY, 'vi')).toEqual([]);
    expect(treeChoices([], '2024', '2025-01-01', TODAY, 'vi')).toEqual([]);
  });

  it('shows the address’s choice, else the version the server chose, else today’s', () => {
    expect(treeChoice({ tree: 'period' }, '2025-07-01', VERSIONS, '2026-11-29')).toBe('period');
    expect(treeChoice({ tree: '2025-01-01' }, undefined, VERSIONS, '2026-11-29')).toBe('2025-01-01');
    expect(treeChoice({}, '2021-01-01', VERSIONS, '2026-11-29')).toBe('2021-01-01');
    expect(treeChoice({}, undefined, VERSIONS, '2026-11-29')).toBe('2025-07-01');
    expect(treeChoice({}, undefined, VERSIONS, '2025-03-01')).toBe('2025-01-01');
    expect(treeChoice({}, undefined, [], '2025-03-01')).toBe('period');
  });

  it('drops a version that cannot carry the period chosen next', () => {
    const state = { plan: 'p', unit: '37', period: '2024', tree: '2025-01-01' };
    expect(withPeriod(state, '2025Q1', VERSIONS, TODAY)).toEqual({ ...state, period: '2025Q1' });
    expect(withPeriod(state, '2025', VERSIONS, TODAY)).toEqual({ plan: 'p', unit: '37', period: '2025' });
    expect(withPeriod({ ...state, tree: 'period' }, '2025', VERSIONS, TODAY)).toEqual({ ...state, tree: 'period', period: '2025' });
    expect(isVersionAllowed(V2507, 'P2021-2025', TODAY)).toBe(true);
    expect(isVersionAllowed(V2021, '2024Q4', TODAY)).toBe(true);
    expect(isVersionAllowed(V2021, '202501', TODAY)).toBe(false);
    // While a period runs, the server weighs the tree against today.
    expect(isVersionAllowed(V2025, '2025', '2025-05-20')).toBe(true);
    expect(treeChoices(VERSIONS, '2025', undefined, '2025-05-20', 'vi').map((c) => c.value)).toEqual(['period', '2025-01-01', '2025-07-01']);
  });
});
