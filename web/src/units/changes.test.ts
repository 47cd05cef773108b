import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import type { Unit } from '../api/units';
import { unitChangesEn, unitChangesVi } from './messages';
import {
  capProblems,
  isAboutTheFields,
  isIsoDate,
  isNothingChanged,
  parseProblemField,
  parseSource,
  problemsOf,
  problemText,
  receivingOptions,
} from './changes';

function refused(fields: { field: string; code: string; message_vi: string; message_en: string }[]): ApiError {
  return new ApiError({ status: 422, code: 'validation_failed', messageVi: 'Dữ liệu không hợp lệ', messageEn: 'invalid data', fields });
}

function unit(code: string, name: string, level: Unit['level']): Unit {
  return { code, name, level, type: '', parent_code: null, valid_from: '2025-01-01', valid_to: null, child_count: 0 };
}

describe('the problems of a refused import', () => {
  it('reads the file, the line and the column the server names', () => {
    expect(parseProblemField('units_csv: line 7: parent_code')).toEqual({ file: 'units_csv', line: 7, column: 'parent_code', isHeader: false });
    expect(parseProblemField('changes_csv: line 4')).toEqual({ file: 'changes_csv', line: 4, column: null, isHeader: false });
    expect(parseProblemField('units_csv: header')).toEqual({ file: 'units_csv', line: null, column: null, isHeader: true });
    expect(parseProblemField('units_csv: file')).toEqual({ file: 'units_csv', line: null, column: null, isHeader: false });
    expect(parseProblemField('effective')).toEqual({ file: 'effective', line: null, column: null, isHeader: false });
  });

  it('puts each under its field, naming the line in the language asked', () => {
    const error = refused([
      { field: 'units_csv: line 3: level', code: 'invalid_value', message_vi: 'Cấp không hợp lệ', message_en: 'invalid level' },
      { field: 'changes_csv: line 12: new_code', code: 'not_found', message_vi: 'Không có đơn vị', message_en: 'no unit' },
      { field: 'units_csv: header', code: 'invalid_format', message_vi: 'Sai tiêu đề', message_en: 'wrong header' },
      { field: 'effective', code: 'invalid_format', message_vi: 'Ngày sai', message_en: 'bad date' },
    ]);
    expect(problemsOf(error, 'units_csv', 'vi')).toEqual(['Dòng 3, cột level: Cấp không hợp lệ', 'Dòng tiêu đề: Sai tiêu đề']);
    expect(problemsOf(error, 'changes_csv', 'en')).toEqual(['Line 12, column new_code: no unit']);
    expect(problemsOf(error, 'effective', 'vi')).toEqual(['Ngày sai']);
    expect(problemsOf(null, 'units_csv', 'vi')).toEqual([]);
    expect(isAboutTheFields(error)).toBe(true);
    expect(isAboutTheFields(refused([{ field: 'extra', code: 'unknown', message_vi: 'x', message_en: 'x' }]))).toBe(false);
    expect(problemText({ field: 'units_csv: line 4', code: 'column_count', message_vi: 'Dòng phải có đúng 5 cột', message_en: '' }, 'en')).toBe(
      'Line 4: Dòng phải có đúng 5 cột',
    );
  });

  it('shows at most a screenful, then how many more', () => {
    const many = Array.from({ length: 23 }, (_, i) => `lỗi ${i + 1}`);
    const shown = capProblems(many, 20, 'vi');
    expect(shown).toHaveLength(21);
    expect(shown[20]).toBe('… và 3 lỗi khác.');
    expect(capProblems(['a'], 20, 'en')).toEqual(['a']);
    expect(capProblems([...many.slice(0, 21)], 20, 'en')[20]).toBe('… and 1 more problem.');
  });
});

describe('the report of an import', () => {
  it('says when the same files changed nothing', () => {
    const again = { effective: '2025-01-01', units: { added: 0, changed: 0, closed: 0, unchanged: 133 }, changes: { added: 0, unchanged: 152, to_confirm: 0 } };
    expect(isNothingChanged(again)).toBe(true);
    expect(isNothingChanged({ ...again, changes: null })).toBe(true);
    expect(isNothingChanged({ ...again, units: { ...again.units, closed: 27 } })).toBe(false);
    expect(isNothingChanged({ ...again, changes: { added: 1, unchanged: 151, to_confirm: 1 } })).toBe(false);
  });
});

describe('a change row', () => {
  it('tells an inferred or unsourced source from a text', () => {
    expect(parseSource('inferred:same name as new unit')).toEqual({ kind: 'inferred', detail: 'same name as new unit' });
    expect(parseSource('unsourced:unit abolished')).toEqual({ kind: 'unsourced', detail: 'unit abolished' });
    expect(parseSource('text:NQ1318 per nhandan.vn')).toEqual({ kind: 'text', detail: 'NQ1318 per nhandan.vn' });
    expect(parseSource('a note')).toEqual({ kind: null, detail: 'a note' });
  });

  it('offers the units of the day, communes first, by Vietnamese name', () => {
    const units = [unit('374', 'Thành phố Hoa Lư', 'district'), unit('14551', 'Xã Ninh Hải', 'commune'), unit('14530', 'Phường Ninh Giang', 'commune')];
    expect(receivingOptions(units, 'vi')).toEqual([
      { value: '14530', label: 'Phường Ninh Giang (14530)' },
      { value: '14551', label: 'Xã Ninh Hải (14551)' },
      { value: '374', label: 'Thành phố Hoa Lư (374)' },
    ]);
  });

  it('takes dates as the date field gives them', () => {
    expect(isIsoDate('2025-01-01')).toBe(true);
    expect(isIsoDate('01/01/2025')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });
});

describe('the words of the page', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(unitChangesEn).sort()).toEqual(Object.keys(unitChangesVi).sort());
  });
});
