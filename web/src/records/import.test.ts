// The import page's pure parts and the import report as the server sends it.
import { describe, expect, it } from 'vitest';
import { normaliseReport } from '../api/records';
import { formatSize } from '../format';
import { ACTIVITY } from './fixtures';
import { dataLineCount, looksMisdecoded, problemColumn, problemMessage, sortProblems } from './import';

const problem = (line: number, field: string) => ({ line, field, code: 'x', message_vi: `dòng ${line} ${field}`, message_en: `line ${line} ${field}` });

describe('import problems', () => {
  it('sorts by line, then by the order of the columns', () => {
    const sorted = sortProblems([problem(3, 'audience_count'), problem(3, 'date'), problem(2, 'form'), problem(1, 'header'), problem(3, 'zzz')], ACTIVITY);
    expect(sorted.map((p) => `${p.line}:${p.field}`)).toEqual(['1:header', '2:form', '3:date', '3:audience_count', '3:zzz']);
  });

  it('names the column as the export does, in the language asked', () => {
    expect(problemColumn(ACTIVITY, 'date', 'vi')).toBe('Ngày tổ chức');
    expect(problemColumn(ACTIVITY, 'date', 'en')).toBe('Date held');
    expect(problemColumn(ACTIVITY, 'unit', 'vi')).toBe('Đơn vị');
    expect(problemColumn(ACTIVITY, 'form', 'vi')).toBe('Hình thức tuyên truyền');
    expect(problemColumn(ACTIVITY, 'header', 'vi')).toBe('Dòng tiêu đề');
    expect(problemColumn(ACTIVITY, 'garbage', 'vi')).toBe('garbage');
    expect(problemMessage(problem(3, 'date'), 'vi')).toBe('dòng 3 date');
    expect(problemMessage({ ...problem(3, 'date'), message_en: '' }, 'en')).toBe('dòng 3 date');
  });

  it('fills in whatever the report leaves out', () => {
    expect(normaliseReport({ created: 1, problems: [problem(3, 'date')] }, 200)).toEqual({
      stored: true,
      created: 1,
      unchanged: 0,
      rejected: 0,
      problems: [problem(3, 'date')],
    });
    expect(normaliseReport(undefined, 422)).toEqual({ stored: false, created: 0, unchanged: 0, rejected: 0, problems: [] });
    expect(normaliseReport({ stored: false, created: 0 }, 200).stored).toBe(false);
  });
});

describe('the file', () => {
  it('counts data lines, not the header, blank lines or newlines inside quotes', () => {
    expect(dataLineCount('\uFEFFa,b\r\n1,2\r\n3,"x\r\ny"\r\n\r\n')).toBe(2);
    expect(dataLineCount('a,b\n1,2')).toBe(1);
    expect(dataLineCount('a,b\n')).toBe(0);
    expect(dataLineCount('')).toBe(0);
  });

  it('notices a file that was not UTF-8', () => {
    expect(looksMisdecoded('Ng\uFFFDy t\uFFFD ch\uFFFDc')).toBe(true);
    expect(looksMisdecoded('Ngày tổ chức')).toBe(false);
  });

  it('gives file sizes as people read them', () => {
    expect(formatSize(300, 'vi')).toBe('1 kB');
    expect(formatSize(350 * 1024, 'vi')).toBe('350 kB');
    expect(formatSize(1.25 * 1024 * 1024, 'vi')).toBe('1,3 MB');
    expect(formatSize(1.25 * 1024 * 1024, 'en')).toBe('1.3 MB');
    expect(formatSize(16 * 1024 * 1024, 'vi')).toBe('16 MB');
  });
});
