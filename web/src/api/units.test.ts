import { describe, expect, it } from 'vitest';
import { ancestorNames, childLevel, type Unit, type UnitLevel } from './units';

function unit(code: string, name: string, level: UnitLevel, parent: string | null): Unit {
  return { code, name, level, type: '', parent_code: parent, valid_from: '2021-01-01', valid_to: null, child_count: 0 };
}

const province = unit('37', 'Tỉnh Ninh Bình', 'province', null);
const district = unit('369', 'Thành phố Ninh Bình', 'district', '37');
const commune = unit('14347', 'Xã Ninh Nhất', 'commune', '369');

describe('ancestorNames', () => {
  it('leaves out the only province', () => {
    const upper = new Map([province, district].map((u) => [u.code, u]));
    expect(ancestorNames(commune, upper)).toEqual(['Thành phố Ninh Bình']);
    expect(ancestorNames(district, upper)).toEqual([]);
    expect(ancestorNames(province, upper)).toEqual([]);
  });

  it('names the province when there are several', () => {
    const other = unit('36', 'Tỉnh Nam Định', 'province', null);
    const upper = new Map([province, other, district].map((u) => [u.code, u]));
    expect(ancestorNames(commune, upper)).toEqual(['Tỉnh Ninh Bình', 'Thành phố Ninh Bình']);
  });

  it('shows the code of a parent it does not know', () => {
    expect(ancestorNames(commune, new Map())).toEqual(['369']);
  });
});

describe('childLevel', () => {
  it('goes one level down', () => {
    expect(childLevel('province')).toBe('district');
    expect(childLevel('district')).toBe('commune');
    expect(childLevel('commune')).toBeNull();
  });
});
