// An establishment's inspection status and risk: the years offered, refusals that hide the
// panel, the risk badge and the reasons, dates and years as words, matching a list by id.
import { describe, expect, it } from 'vitest';
import {
  isStatusRefused,
  lastInspectedText,
  reasonText,
  riskLabel,
  riskTone,
  statusById,
  statusYears,
  yearsText,
  type EstablishmentStatus,
} from './establishment-status';

function status(id: string, change: Partial<EstablishmentStatus> = {}): EstablishmentStatus {
  return {
    id,
    unit: '14347',
    district: '369',
    name: 'Karaoke Hoa Mai',
    kind: 'karaoke',
    is_closed: false,
    inspected_years: [],
    last_inspected: null,
    is_inspected_this_year: false,
    is_ever_inspected: false,
    violations_recent: 0,
    open_tips: 0,
    risk_score: 0,
    risk_level: 'low',
    risk_reasons: [],
    ...change,
  };
}

describe('establishment status', () => {
  it('offers this year down to 2021', () => {
    expect(statusYears(new Date(2024, 5, 1))).toEqual([2024, 2023, 2022, 2021]);
    expect(statusYears(new Date(2021, 0, 1))).toEqual([2021]);
    // A clock set before 2021 still offers the first year.
    expect(statusYears(new Date(2019, 0, 1))).toEqual([2021]);
  });

  it('treats 403 and 404 as "not for this role" and nothing else', () => {
    expect(isStatusRefused({ status: 403 })).toBe(true);
    expect(isStatusRefused({ status: 404 })).toBe(true);
    expect(isStatusRefused({ status: 500 })).toBe(false);
    expect(isStatusRefused({ status: 0 })).toBe(false);
    expect(isStatusRefused(null)).toBe(false);
    expect(isStatusRefused(undefined)).toBe(false);
  });

  it('names and colours the risk levels', () => {
    expect(riskLabel('low', 'vi')).toBe('Thấp');
    expect(riskLabel('medium', 'vi')).toBe('Trung bình');
    expect(riskLabel('high', 'vi')).toBe('Cao');
    expect(riskLabel('high', 'en')).toBe('High');
    expect(riskLabel('extreme', 'vi')).toBe('extreme');
    expect(riskTone('low')).toBe('ok');
    expect(riskTone('medium')).toBe('warn');
    expect(riskTone('high')).toBe('danger');
    expect(riskTone('extreme')).toBe('plain');
  });

  it('shows a reason with its points in the language', () => {
    const reason = { code: 'never_inspected', points: 3, message_vi: 'Chưa từng được kiểm tra', message_en: 'Never inspected' };
    expect(reasonText(reason, 'vi')).toBe('Chưa từng được kiểm tra (+3 điểm)');
    expect(reasonText(reason, 'en')).toBe('Never inspected (+3 points)');
    expect(reasonText({ ...reason, points: 1 }, 'en')).toBe('Never inspected (+1 point)');
    expect(reasonText({ ...reason, message_en: '' }, 'en')).toBe('Chưa từng được kiểm tra (+3 points)');
    expect(reasonText({ ...reason, points: -2 }, 'vi')).toBe('Chưa từng được kiểm tra (−2 điểm)');
  });

  it('writes the years oldest first and the last date as dd/mm/yyyy', () => {
    expect(yearsText([2024, 2022, 2024], 'vi')).toBe('2022, 2024');
    expect(yearsText([], 'vi')).toBe('Chưa có');
    expect(yearsText([], 'en')).toBe('None');
    expect(lastInspectedText('2024-04-10', 'vi')).toBe('10/04/2024');
    expect(lastInspectedText('2024-04-10', 'en')).toBe('10 Apr 2024');
    expect(lastInspectedText(null, 'vi')).toBe('Chưa có');
  });

  it('matches a list by id', () => {
    const byId = statusById([status('a', { risk_level: 'high' }), status('b')]);
    expect(byId.get('a')?.risk_level).toBe('high');
    expect(byId.get('b')?.risk_level).toBe('low');
    expect(byId.get('c')).toBeUndefined();
  });
});
