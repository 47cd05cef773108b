import { describe, expect, it } from 'vitest';
import {
  cleanCode,
  formatDateTime,
  formatWait,
  groupSecret,
  localDayEnd,
  localDayStart,
  pageCount,
  pageFromSearch,
  pageRange,
} from './format';

describe('formatWait', () => {
  it('says the Retry-After in whole minutes, rounded up', () => {
    expect(formatWait(900, 'vi')).toBe('15 phút');
    expect(formatWait(900, 'en')).toBe('15 minutes');
    expect(formatWait(3600, 'vi')).toBe('60 phút');
    expect(formatWait(61, 'vi')).toBe('2 phút');
    expect(formatWait(60, 'en')).toBe('1 minute');
  });

  it('says a wait under a minute in seconds', () => {
    expect(formatWait(30, 'vi')).toBe('30 giây');
    expect(formatWait(1, 'en')).toBe('1 second');
    expect(formatWait(0, 'en')).toBe('1 second');
    expect(formatWait(0.2, 'vi')).toBe('1 giây');
  });

  it('gives null without a usable value', () => {
    expect(formatWait(null, 'vi')).toBeNull();
    expect(formatWait(-5, 'vi')).toBeNull();
    expect(formatWait(Number.NaN, 'vi')).toBeNull();
  });
});

describe('groupSecret', () => {
  it('splits the base32 secret in groups of four', () => {
    expect(groupSecret('DZXGCR2GO3DRDG4NA4FQNMYQOZPRW5ZE')).toBe('DZXG CR2G O3DR DG4N A4FQ NMYQ OZPR W5ZE');
    expect(groupSecret('JBSWY3DPEHPK3PX')).toBe('JBSW Y3DP EHPK 3PX');
  });

  it('drops padding and spaces and upper-cases', () => {
    expect(groupSecret('jbsw y3dp ==')).toBe('JBSW Y3DP');
    expect(groupSecret('')).toBe('');
  });
});

describe('cleanCode', () => {
  it('drops the spaces people type in codes', () => {
    expect(cleanCode(' 123 456 ')).toBe('123456');
    expect(cleanCode('s9dx3-trj6z')).toBe('s9dx3-trj6z');
  });
});

describe('formatDateTime', () => {
  it('writes the local time in each language', () => {
    expect(formatDateTime('2026-11-29T04:21:51.183Z', 'vi', 'Asia/Ho_Chi_Minh')).toBe('29/11/2026 11:21:51');
    expect(formatDateTime('2026-11-29T04:21:51.183Z', 'en', 'UTC')).toBe('29 Nov 2026, 04:21:51');
  });

  it('leaves a malformed value as it is', () => {
    expect(formatDateTime('yesterday', 'vi')).toBe('yesterday');
  });
});

describe('local day bounds', () => {
  it('span the whole local day as UTC instants', () => {
    const start = localDayStart('2026-11-29');
    const end = localDayEnd('2026-11-29');
    expect(start).toBe(new Date(2026, 10, 29, 0, 0, 0, 0).toISOString());
    expect(end).toBe(new Date(2026, 10, 29, 23, 59, 59, 999).toISOString());
    expect(Date.parse(end!) - Date.parse(start!)).toBe(24 * 3600 * 1000 - 1);
  });

  it('refuse malformed dates', () => {
    expect(localDayStart('29/11/2026')).toBeNull();
    expect(localDayEnd('')).toBeNull();
  });
});

describe('paging', () => {
  it('reads the page from the address', () => {
    expect(pageFromSearch('?page=3')).toBe(3);
    expect(pageFromSearch('')).toBe(1);
    expect(pageFromSearch('?page=0')).toBe(1);
    expect(pageFromSearch('?page=-2')).toBe(1);
    expect(pageFromSearch('?page=2.5')).toBe(1);
    expect(pageFromSearch('?page=abc')).toBe(1);
  });

  it('counts pages and says the range shown', () => {
    expect(pageCount(0, 20)).toBe(1);
    expect(pageCount(20, 20)).toBe(1);
    expect(pageCount(21, 20)).toBe(2);
    expect(pageRange(2, 20, 45, 'vi')).toBe('21–40 trên 45');
    expect(pageRange(3, 20, 45, 'en')).toBe('41–45 of 45');
    expect(pageRange(1, 20, 0, 'en')).toBeNull();
    expect(pageRange(9, 20, 45, 'en')).toBeNull();
  });
});
