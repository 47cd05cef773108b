// The filters of a record list kept in the address, and the queries made from them.
import { describe, expect, it } from 'vitest';
import { ACTIVITY, PLAN } from './fixtures';
import {
  EMPTY_FILTERS,
  describePeriod,
  filterErrors,
  filterQuery,
  hasFilters,
  listQuery,
  normalisePeriod,
  recordFiltersFrom,
  recordsHref,
} from './filters';

describe('record filters in the address', () => {
  it('reads unit, period, dates, text and the code fields, dropping what the server would refuse', () => {
    const search = '?unit=369&period=2023q2&from=2023-04-01&to=2023-02-30&q=%20ph%E1%BB%A5%20n%E1%BB%AF%20&form=meeting&setting=&organiser=x&page=3';
    expect(recordFiltersFrom(search, ACTIVITY)).toEqual({
      unit: '369',
      period: '2023Q2',
      from: '2023-04-01',
      to: '',
      q: 'phụ nữ',
      codes: { form: 'meeting' },
    });
    expect(recordFiltersFrom('?period=2023Q5&form=' + 'x'.repeat(41), ACTIVITY)).toEqual(EMPTY_FILTERS);
  });

  it('writes only what is set, in a steady order, with the page past the first', () => {
    const filters = { ...EMPTY_FILTERS, q: ' phụ nữ ', period: '202305', codes: { setting: 'school', form: 'meeting', other: 'x' } };
    expect(recordsHref('/communication/communication-activities', ACTIVITY, filters)).toBe(
      '/communication/communication-activities?period=202305&q=ph%E1%BB%A5+n%E1%BB%AF&form=meeting&setting=school',
    );
    expect(recordsHref('/c/x', ACTIVITY, EMPTY_FILTERS, 2)).toBe('/c/x?page=2');
    expect(recordsHref('/c/x', ACTIVITY, EMPTY_FILTERS)).toBe('/c/x');
  });

  it('round-trips through the address', () => {
    const filters = { unit: '14347', period: '2023', from: '2023-01-01', to: '2023-06-30', q: 'tờ rơi', codes: { form: 'print' } };
    const href = recordsHref('/communication/communication-activities', ACTIVITY, filters, 4);
    expect(recordFiltersFrom(href.slice(href.indexOf('?')), ACTIVITY)).toEqual(filters);
  });

  it('makes the list query with paging, and the export query without', () => {
    const filters = { ...EMPTY_FILTERS, unit: '369', codes: { form: 'meeting' } };
    expect(listQuery(filters, ACTIVITY, 3, 20)).toEqual({ unit: '369', form: 'meeting', limit: 20, offset: 40 });
    expect(listQuery(filters, ACTIVITY, 0, 20).offset).toBe(0);
    expect(filterQuery(filters, ACTIVITY)).toEqual({ unit: '369', form: 'meeting' });
    // A type without that code field does not send it.
    expect(filterQuery(filters, PLAN)).toEqual({ unit: '369' });
    expect(hasFilters(filters, ACTIVITY)).toBe(true);
    expect(hasFilters(EMPTY_FILTERS, ACTIVITY)).toBe(false);
  });
});

describe('periods', () => {
  it('accepts DHIS2 years, quarters and months', () => {
    expect(normalisePeriod(' 2023 ')).toBe('2023');
    expect(normalisePeriod('2023q4')).toBe('2023Q4');
    expect(normalisePeriod('202312')).toBe('202312');
    expect(normalisePeriod('202313')).toBeNull();
    expect(normalisePeriod('2023Q0')).toBeNull();
    expect(normalisePeriod('2023-05')).toBeNull();
  });

  it('says which period it is', () => {
    expect(describePeriod('2023Q2', 'vi')).toBe('Quý 2 năm 2023');
    expect(describePeriod('202305', 'vi')).toBe('Tháng 5 năm 2023');
    expect(describePeriod('2023', 'en')).toBe('Year 2023');
    expect(describePeriod('x', 'vi')).toBeNull();
  });

  it('explains a period not understood and reversed dates', () => {
    expect(filterErrors({ ...EMPTY_FILTERS, period: '23Q2', from: '2023-05-01', to: '2023-04-01' }, 'vi')).toEqual({
      period: 'Kỳ phải là năm (2023), quý (2023Q2) hoặc tháng (202305).',
      to: '“Đến ngày” phải sau “Từ ngày”.',
    });
    expect(filterErrors({ ...EMPTY_FILTERS, period: '2023Q2' }, 'vi')).toEqual({});
  });
});
