import { describe, expect, it } from 'vitest';
import type { RecordType } from '../api/records';
import type { IndicatorValue, PlanTarget } from './api';
import {
  countsShort,
  countsText,
  expectedText,
  formatTargetNumber,
  formatValue,
  knownStatus,
  rankChildren,
  rankNumbers,
  recordPageHref,
  recordTypeLabel,
  shownCount,
  statusClass,
  statusCounts,
  statusLabel,
  targetText,
} from './format';

/** Spaces as written (the percent sign's is a no-break space). */
const plain = (text: string | null) => text?.replace(/\u00a0/g, ' ') ?? null;

function value(v: Partial<IndicatorValue> = {}): IndicatorValue {
  return {
    unit: '37',
    period: '2024',
    as_of: '2024-12-31',
    value: 24.475,
    numerator: 35,
    denominator: 143,
    shown: { numerator: '35', denominator: '143' },
    is_suppressed: false,
    expected: 70,
    status: 'not_met',
    status_vi: 'Chưa đạt',
    ...v,
  };
}

function target(t: Partial<PlanTarget> = {}): PlanTarget {
  return {
    id: 'T1',
    name_vi: 'Xã tổ chức tuyên truyền',
    name_en: 'Communes communicating',
    level: 'commune',
    period: 'year',
    value: 'percent',
    comparison: 'at_least',
    target: 70,
    target_max: null,
    is_client_derived: false,
    note_vi: null,
    note_en: null,
    ...t,
  };
}

describe('values', () => {
  it('writes percents with one decimal, as each language does', () => {
    expect(plain(formatValue(24.475, 'percent', 'vi'))).toBe('24,5 %');
    expect(plain(formatValue(24.475, 'percent', 'en'))).toBe('24.5 %');
    expect(plain(formatValue(100, 'percent', 'vi'))).toBe('100,0 %');
    expect(plain(formatValue(0, 'percent', 'vi'))).toBe('0,0 %');
    expect(formatValue(24.5, 'percent', 'vi')).toContain('\u00a0%'); // never broken from its number
  });

  it('writes counts as integers and growth with its sign', () => {
    expect(formatValue(2, 'count', 'vi')).toBe('2');
    expect(formatValue(1234, 'count', 'vi')).toBe('1.234');
    expect(formatValue(1234, 'count', 'en')).toBe('1,234');
    expect(plain(formatValue(7.407, 'growth', 'vi'))).toBe('+7,4 %');
    expect(plain(formatValue(-3.448, 'growth', 'vi'))).toBe('-3,4 %');
    expect(plain(formatValue(0, 'growth', 'vi'))).toBe('0,0 %');
    expect(plain(formatValue(-0.04, 'growth', 'vi'))).toBe('0,0 %');
  });

  it('shows a dash for no value', () => {
    expect(formatValue(null, 'percent', 'vi')).toBe('—');
    expect(formatValue(Number.NaN, 'count', 'vi')).toBe('—');
  });

  it('writes a target’s figure without a needless decimal', () => {
    expect(plain(formatTargetNumber(70, 'percent', 'vi'))).toBe('70 %');
    expect(plain(formatTargetNumber(2.5, 'growth', 'vi'))).toBe('2,5 %');
    expect(formatTargetNumber(1, 'count', 'vi')).toBe('1');
  });
});

describe('targets in words', () => {
  it('says the comparison', () => {
    expect(plain(targetText(target(), 'vi'))).toBe('ít nhất 70 %');
    expect(plain(targetText(target({ comparison: 'at_most', target: 10 }), 'vi'))).toBe('không quá 10 %');
    expect(targetText(target({ value: 'count', target: 1 }), 'vi')).toBe('ít nhất 1');
    expect(plain(targetText(target({ value: 'percent', comparison: 'between', target: 40, target_max: 60 }), 'en'))).toBe('between 40 % and 60 %');
  });

  it('says growth against the previous period', () => {
    expect(plain(targetText(target({ value: 'growth', comparison: 'between', target: 3, target_max: 5 }), 'vi'))).toBe('tăng từ 3 % đến 5 % so với kỳ trước');
    expect(targetText(target({ value: 'growth', comparison: 'at_least', target: 0 }), 'vi')).toBe('không giảm so với kỳ trước');
    expect(plain(targetText(target({ value: 'growth', comparison: 'at_least', target: 2 }), 'en'))).toBe('growth of at least 2 % on the previous period');
  });

  it('gives the way to a goal at the plan’s end only when on track or behind', () => {
    const t10b = target({ id: 'T10b', target: 100, goal_at_plan_end: true });
    expect(plain(expectedText(t10b, value({ status: 'on_track', expected: 80.011 }), 'vi'))).toBe('Mốc cần đạt đến 31/12/2024: 80,0 %');
    expect(expectedText(t10b, value({ status: 'met', expected: 100 }), 'vi')).toBeNull();
    expect(expectedText(target(), value({ status: 'behind', expected: 70 }), 'vi')).toBeNull();
  });
});

describe('statuses', () => {
  it('names each status and gives it its colour class', () => {
    expect(statusLabel('met', 'vi')).toBe('Đạt');
    expect(statusLabel('not_met', 'vi')).toBe('Chưa đạt');
    expect(statusLabel('on_track', 'vi')).toBe('Đang tiến triển kịp');
    expect(statusLabel('behind', 'vi')).toBe('Chậm');
    expect(statusLabel('no_data', 'vi')).toBe('Chưa có số liệu');
    expect(statusLabel('suppressed', 'vi')).toContain('<5');
    expect(statusLabel('behind', 'en')).toBe('Behind');
    expect(statusClass('met')).toBe('status-badge status-badge--met');
    expect(statusClass('not_met')).toBe('status-badge status-badge--not-met');
    expect(statusClass('on_track')).toBe('status-badge status-badge--on-track');
    expect(statusClass('suppressed')).toBe('status-badge status-badge--suppressed');
  });

  it('takes an unknown status for no data', () => {
    expect(knownStatus('exploded')).toBe('no_data');
    expect(statusClass('exploded')).toBe('status-badge status-badge--no-data');
  });

  it('counts the targets of each status, in a fixed order', () => {
    const counts = statusCounts([{ status: 'not_met' }, { status: 'met' }, { status: 'not_met' }, { status: 'on_track' }]);
    expect(counts).toEqual([
      { status: 'met', count: 1 },
      { status: 'on_track', count: 1 },
      { status: 'not_met', count: 2 },
    ]);
  });
});

describe('counts', () => {
  it('shows the counts as the server allows', () => {
    expect(shownCount('4207', 'vi')).toBe('4.207');
    expect(shownCount('<5', 'vi')).toBe('<5');
    expect(shownCount(null, 'vi')).toBe('—');
    expect(countsText('percent', value(), 'vi')).toBe('Tử số 35 · Mẫu số 143');
    expect(countsText('percent', value({ shown: { numerator: '<5', denominator: '13' } }), 'vi')).toBe('Tử số <5 · Mẫu số 13');
    expect(countsText('growth', value({ shown: { numerator: '32', denominator: '30' } }), 'vi')).toBe('Kỳ này 32 · Kỳ trước 30');
    expect(countsText('count', value({ shown: { numerator: '2', denominator: null } }), 'vi')).toBeNull();
    expect(countsShort('percent', value(), 'vi')).toBe('35 / 143');
    expect(countsShort('count', value({ shown: { numerator: '2', denominator: null } }), 'vi')).toBe('2');
  });
});

describe('ranking', () => {
  const units = (values: (number | null)[]) => values.map((v, i) => ({ unit: String(i), value: v }));

  it('puts the best first, those without a value last, keeping the server’s order among equals', () => {
    const ranked = rankChildren(units([20, null, 80, 20, 50]), 'at_least');
    expect(ranked.map((u) => u.unit)).toEqual(['2', '4', '0', '3', '1']);
    expect(rankChildren(units([20, null, 80, 5]), 'at_most').map((u) => u.unit)).toEqual(['3', '0', '2', '1']);
  });

  it('gives equal values the same rank and none to a unit without a value', () => {
    expect(rankNumbers(units([100, 100, 50, 50.02, 0, null]))).toEqual([1, 1, 3, 3, 5, null]);
  });
});

describe('records behind a value', () => {
  const types = [
    { path: 'inspections', resource: 'inspection', label_vi: 'Kiểm tra cơ sở', label_en: 'Inspection' },
    { path: 'communication-activities', resource: 'programme_record', label_vi: 'Hoạt động tuyên truyền', label_en: 'Communication activity' },
    { path: 'peer-group-activities', resource: 'peer_group', label_vi: 'Sinh hoạt nhóm', label_en: 'Group activity' },
  ] as RecordType[];

  it('opens each record in the area that shows its kind', () => {
    expect(recordPageHref({ id: 'a1', path: 'inspections' }, types, 'province_officer')).toBe('/inspections/inspections/a1');
    expect(recordPageHref({ id: 'b 2', path: 'communication-activities' }, types, 'district_officer')).toBe('/communication/communication-activities/b%202');
    expect(recordPageHref({ id: 'c3', path: 'peer-group-activities' }, types, 'province_officer')).toBe('/support/groups/peer-group-activities/c3');
    expect(recordPageHref({ id: 'd4', path: 'tips' }, types, 'province_officer')).toBe('/tips/d4');
  });

  it('links nothing the role cannot open, nor an unknown kind', () => {
    expect(recordPageHref({ id: 'a1', path: 'inspections' }, types, 'viewer')).toBeNull();
    expect(recordPageHref({ id: 'd4', path: 'tips' }, types, 'commune_officer')).toBeNull();
    expect(recordPageHref({ id: 'x', path: 'unknown' }, types, 'province_officer')).toBeNull();
    expect(recordPageHref({ id: 'x', path: null }, types, 'province_officer')).toBeNull();
  });

  it('names the kind of record', () => {
    expect(recordTypeLabel('inspections', types, 'vi')).toBe('Kiểm tra cơ sở');
    expect(recordTypeLabel('inspections', types, 'en')).toBe('Inspection');
    expect(recordTypeLabel('tips', types, 'vi')).toBe('Tin báo, tố giác');
    expect(recordTypeLabel('unknown', types, 'vi')).toBe('unknown');
  });
});
