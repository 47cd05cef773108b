// Tests of reporting/report.ts (status words, completeness summary, overdue by Vietnam's day,
// periods, the new round form) and of the reporting routes in router.ts.

import { describe, expect, it } from 'vitest';
import { decodeError, isPeriodLocked } from '../api/client';
import { matchRoute, NAV_ITEMS } from '../router';
import { messageKeys, t } from '../i18n';
import type { ReportValue } from './api';
import { reportingEn, reportingVi } from './messages';
import {
  completenessParts,
  completenessText,
  countText,
  defaultRoundName,
  formField,
  isOverdue,
  newRoundBody,
  parseUnitCodes,
  periodFits,
  periodLabel,
  reportHref,
  statusBadge,
  statusLabel,
  suggestedPeriod,
  validateNewRound,
  valueText,
  vietnamToday,
  type NewRoundForm,
} from './report';

describe('report statuses', () => {
  it('are worded in Vietnamese, submitted ones by timeliness', () => {
    expect(statusLabel('missing', false, 'vi')).toBe('Chưa nộp');
    expect(statusLabel('draft', false, 'vi')).toBe('Bản nháp');
    expect(statusLabel('submitted', false, 'vi')).toBe('Đã nộp đúng hạn');
    expect(statusLabel('submitted', true, 'vi')).toBe('Đã nộp trễ hạn');
    expect(statusLabel('returned', false, 'vi')).toBe('Bị trả lại');
    expect(statusLabel('approved', false, 'vi')).toBe('Đã duyệt');
    expect(statusLabel('approved', false, 'en')).toBe('Approved');
  });

  it('have a badge whose colour follows the words', () => {
    expect(statusBadge('approved', false)).toBe('badge badge--ok');
    expect(statusBadge('returned', false)).toBe('badge badge--danger');
    expect(statusBadge('submitted', true)).toBe('badge badge--warn');
    expect(statusBadge('missing', false)).toBe('badge');
  });

  it('are overdue only when never submitted and past the due date', () => {
    expect(isOverdue('missing', '2025-07-15', '2025-07-16')).toBe(true);
    expect(isOverdue('draft', '2025-07-15', '2025-07-16')).toBe(true);
    expect(isOverdue('draft', '2025-07-15', '2025-07-15')).toBe(false);
    expect(isOverdue('returned', '2025-07-15', '2025-08-01')).toBe(false);
    expect(isOverdue('submitted', '2025-07-15', '2025-08-01')).toBe(false);
  });

  it('date the overdue by Vietnam’s day (UTC+7)', () => {
    expect(vietnamToday(new Date('2025-07-15T16:59:00Z'))).toBe('2025-07-15');
    expect(vietnamToday(new Date('2025-07-15T17:00:00Z'))).toBe('2025-07-16');
  });
});

describe('completeness summary', () => {
  it('reads "5/8 đã nộp, 2 trễ hạn, 1 chưa nộp"', () => {
    const counts = { expected: 8, missing: 2, draft: 1, submitted: 5, returned: 0, approved: 0, on_time: 5, late: 0, overdue: 2 };
    expect(completenessText(counts, 'vi')).toBe('5/8 đã nộp, 2 trễ hạn, 1 chưa nộp');
    expect(completenessText(counts, 'en')).toBe('5/8 submitted, 2 overdue, 1 not submitted');
  });

  it('counts approved reports as submitted and names the returned and late ones', () => {
    const counts = { expected: 8, missing: 5, draft: 0, submitted: 0, returned: 1, approved: 2, on_time: 2, late: 1, overdue: 0 };
    expect(completenessParts(counts)).toEqual({ expected: 8, done: 2, approved: 2, returned: 1, overdue: 0, pending: 5, late: 1 });
    expect(completenessText(counts, 'vi')).toBe('2/8 đã nộp, 2 đã duyệt, 1 nộp muộn, 1 bị trả lại, 5 chưa nộp');
  });

  it('shows "0/0 đã nộp" for a round without counts', () => {
    expect(completenessText(undefined, 'vi')).toBe('0/0 đã nộp');
  });
});

describe('periods and the new round form', () => {
  it('names periods', () => {
    expect(periodLabel('2025H1', 'vi')).toBe('6 tháng đầu năm 2025');
    expect(periodLabel('2025H2', 'vi')).toBe('6 tháng cuối năm 2025');
    expect(periodLabel('2024', 'vi')).toBe('Năm 2024');
    expect(periodLabel('P2021-2025', 'vi')).toBe('Giai đoạn 2021–2025');
    expect(periodLabel('xyz', 'vi')).toBe('xyz');
    expect(defaultRoundName('six_month', '2025H1', 'vi')).toBe('Báo cáo 6 tháng đầu năm 2025');
    expect(defaultRoundName('year', '2024', 'vi')).toBe('Báo cáo năm 2024');
    expect(defaultRoundName('final_review', 'P2021-2025', 'vi')).toBe('Báo cáo tổng kết giai đoạn 2021–2025');
    expect(defaultRoundName('six_month', '2025H2', 'en')).toBe('Report on the second half of 2025');
  });

  it('checks the period against the kind', () => {
    expect(periodFits('six_month', '2025H1')).toBe(true);
    expect(periodFits('six_month', '2025')).toBe(false);
    expect(periodFits('year', '2025')).toBe(true);
    expect(periodFits('final_review', 'P2021-2025')).toBe(true);
    expect(periodFits('final_review', '2021-2025')).toBe(false);
    expect(suggestedPeriod('six_month', '2025-08-01')).toBe('2025H1');
    expect(suggestedPeriod('six_month', '2025-03-01')).toBe('2024H2');
    expect(suggestedPeriod('year', '2025-03-01')).toBe('2024');
  });

  const form: NewRoundForm = { name: '', kind: 'six_month', period: '2025', dueOn: '', who: 'units', level: 'district', unitsText: ' , ', plan: '' };

  it('names every field in Vietnamese', () => {
    expect(validateNewRound(form, 'vi')).toEqual({
      period: 'Kỳ báo cáo 6 tháng có dạng 2025H1 hoặc 2025H2.',
      due_on: 'Hãy chọn hạn nộp.',
      units: 'Hãy nhập mã ít nhất một đơn vị.',
    });
    expect(validateNewRound({ ...form, period: ' ' }, 'vi').period).toBe('Hãy nhập kỳ báo cáo.');
    expect(validateNewRound({ ...form, period: '2025H1', dueOn: '2025-07-15', unitsText: '369' }, 'vi')).toEqual({});
  });

  it('builds the request with either a level or the unit codes', () => {
    const filled = { ...form, period: ' 2025H1 ', dueOn: '2025-07-15', unitsText: '369, 374;374 375' };
    expect(newRoundBody(filled, '37', 'vi')).toEqual({
      name: defaultRoundName('six_month', '2025H1', 'vi'),
      kind: 'six_month',
      period: '2025H1',
      unit: '37',
      due_on: '2025-07-15',
      units: ['369', '374', '375'],
    });
    expect(newRoundBody({ ...filled, who: 'level', name: ' Đợt 1 ', plan: 'plan-184' }, '37')).toEqual({
      name: 'Đợt 1',
      kind: 'six_month',
      period: '2025H1',
      unit: '37',
      due_on: '2025-07-15',
      level: 'district',
      plan: 'plan-184',
    });
    expect(parseUnitCodes('')).toEqual([]);
    expect(formField('units[2]')).toBe('units');
    expect(formField('period')).toBe('period');
  });
});

describe('values', () => {
  const base: ReportValue = {
    target: 'T10',
    name_vi: 'x',
    name_en: 'x',
    level: 'district',
    value_kind: 'percent',
    goal: 20,
    goal_max: null,
    is_client_derived: false,
    value: 50,
    numerator: 1,
    denominator: 2,
    is_suppressed: false,
    status: 'met',
  };

  it('shows percentages, counts and hidden small counts', () => {
    expect(valueText(base, 'vi')).toBe('50 %');
    expect(countText(base, 'vi')).toBe('1 / 2');
    const hidden = { ...base, value: null, denominator: null, is_suppressed: true, shown: { numerator: '0', denominator: '<5' } };
    expect(valueText(hidden, 'vi')).toBe('<5');
    expect(countText(hidden, 'vi')).toBe('0 / <5');
    expect(valueText({ ...base, value: null }, 'vi')).toBe('—');
    expect(countText({ ...base, value_kind: 'count', value: 12, numerator: 12, denominator: null }, 'vi')).toBe('12');
  });
});

describe('routes and words', () => {
  it('maps the report round addresses', () => {
    expect(matchRoute('/report-rounds')).toEqual({ page: 'reporting', area: 'reports', view: 'rounds', id: null, unit: null });
    expect(matchRoute('/reports')).toMatchObject({ page: 'reporting', view: 'rounds' });
    expect(matchRoute('/report-rounds/r1')).toEqual({ page: 'reporting', area: 'reports', view: 'round', id: 'r1', unit: null });
    expect(matchRoute(reportHref('r 1', '369'))).toEqual({ page: 'reporting', area: 'reports', view: 'report', id: 'r 1', unit: '369' });
    expect(matchRoute('/report-rounds/r1/reports')).toEqual({ page: 'notFound', area: null });
    const item = NAV_ITEMS.find((nav) => nav.area === 'reports');
    expect(item?.path).toBe('/report-rounds');
    expect(item && t(item.label, undefined, 'vi')).toBe('Báo cáo định kỳ');
  });

  it('have the same keys in both languages, all in the app’s tables', () => {
    expect(Object.keys(reportingEn).sort()).toEqual(Object.keys(reportingVi).sort());
    const vi = messageKeys('vi');
    for (const key of Object.keys(reportingVi)) expect(vi).toContain(key);
  });
});

describe('a record write in a locked period', () => {
  it('is told apart from other conflicts, its field and messages as the server sent them', () => {
    const body = JSON.stringify({
      error: { code: 'period_locked', message_vi: 'Số liệu đã bị khóa', message_en: 'locked', fields: [{ field: 'date', code: 'period_locked', message_vi: 'Số liệu đã bị khóa', message_en: 'locked' }] },
    });
    const error = decodeError(409, body);
    expect(isPeriodLocked(error)).toBe(true);
    expect(error.fieldMessage('date', 'vi')).toBe('Số liệu đã bị khóa');
    expect(isPeriodLocked(decodeError(409, JSON.stringify({ error: { code: 'stale_version' } })))).toBe(false);
    expect(isPeriodLocked(null)).toBe(false);
    expect(t('error.periodLocked', undefined, 'vi')).toMatch(/^Số liệu của kỳ này đã được duyệt .*khóa/);
  });
});
