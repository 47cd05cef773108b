import { describe, expect, it } from 'vitest';
import layerText from '../../../data/maps/ninh-binh-districts.geojson?raw';
import type { UnitChange } from './api';
import { polygonsArea, polygonsOf, type FeatureCollection } from './geo-merge';
import { AWAITED_LAYERS, MAP_LAYERS, carryCodes, chooseLayer, regionsOf, type MapLayer } from './map-layers';

const VERSIONS = [{ from: '2021-01-01' }, { from: '2025-01-01' }, { from: '2025-07-01' }];
const DISTRICTS = MAP_LAYERS.district!;

/** The shipped layer: the eight districts of 2019 (data/maps). */
const LAYER = JSON.parse(layerText) as FeatureCollection;

let id = 0;
function change(old_code: string, new_code: string | null, kind: string, status = 'confirmed'): UnitChange {
  id += 1;
  return { id, effective: '2025-01-01', kind, old_code, old_name: old_code, new_code, new_name: new_code ?? '', status };
}

/** The district rows of 1 January 2025 (data/units/ninh-binh-unit-changes-2025.csv), and a commune's. */
const JAN_2025: UnitChange[] = [
  change('37', '37', 'unchanged'),
  change('369', '374', 'merge'),
  change('370', '370', 'unchanged'),
  change('372', '372', 'unchanged'),
  change('373', '373', 'unchanged'),
  change('374', '374', 'merge'),
  change('375', '375', 'unchanged'),
  change('376', '376', 'unchanged'),
  change('377', '377', 'unchanged'),
  change('14326', '14329', 'merge'),
];

const TREE_2021 = [
  ['369', 'Thành phố Ninh Bình'],
  ['370', 'Thành phố Tam Điệp'],
  ['372', 'Huyện Nho Quan'],
  ['373', 'Huyện Gia Viễn'],
  ['374', 'Huyện Hoa Lư'],
  ['375', 'Huyện Yên Khánh'],
  ['376', 'Huyện Kim Sơn'],
  ['377', 'Huyện Yên Mô'],
].map(([code, name]) => ({ code: code!, name: name! }));

const TREE_2025 = [...TREE_2021.filter((u) => u.code !== '369' && u.code !== '374'), { code: '374', name: 'Thành phố Hoa Lư' }];

describe('the layer registry', () => {
  it('has the districts of 2021–2024 from data/maps, and awaits a commune layer', () => {
    expect(DISTRICTS.treeFrom).toBe('2021-01-01');
    expect(DISTRICTS.treeTo).toBe('2024-12-31');
    expect(DISTRICTS.url).toMatch(/ninh-binh-districts.*\.geojson/);
    expect(MAP_LAYERS.commune).toBeUndefined();
    expect(AWAITED_LAYERS.commune).toBe('dashboard.map.awaitedCommunes');
  });

  it('draws districts on their own tree as they are', () => {
    expect(chooseLayer('district', '2021-01-01', VERSIONS)).toEqual({ kind: 'layer', layer: DISTRICTS, steps: [] });
    expect(chooseLayer('district', undefined, VERSIONS)).toEqual({ kind: 'layer', layer: DISTRICTS, steps: [] });
  });

  it('carries districts onto a later tree through the lineage of each version since', () => {
    expect(chooseLayer('district', '2025-01-01', VERSIONS)).toEqual({ kind: 'layer', layer: DISTRICTS, steps: ['2025-01-01'] });
    const later: MapLayer = { ...DISTRICTS, treeTo: '2022-12-31' };
    const versions = [{ from: '2021-01-01' }, { from: '2023-01-01' }, { from: '2025-01-01' }];
    expect(chooseLayer('district', '2025-01-01', versions, { district: later })).toMatchObject({ steps: ['2023-01-01', '2025-01-01'] });
  });

  it('says a commune layer is awaited, and draws nothing for provinces or an older tree', () => {
    expect(chooseLayer('commune', '2025-07-01', VERSIONS)).toEqual({ kind: 'awaited', note: 'dashboard.map.awaitedCommunes' });
    expect(chooseLayer('province', '2021-01-01', VERSIONS)).toEqual({ kind: 'none' });
    expect(chooseLayer(null, '2021-01-01', VERSIONS)).toEqual({ kind: 'none' });
    expect(chooseLayer('district', '2019-10-01', VERSIONS)).toEqual({ kind: 'none' });
  });
});

describe('carrying codes through the lineage', () => {
  it('follows merges, renames, moves and unchanged rows; a code no row names stays', () => {
    const carried = carryCodes(['369', '374', '370', '999'], [JAN_2025]);
    expect(Object.fromEntries(carried)).toEqual({ '369': '374', '374': '374', '370': '370', '999': '999' });
    const renamed = carryCodes(['14353'], [[change('14353', '14353', 'rename')], [change('14353', '14500', 'moved')]]);
    expect(renamed.get('14353')).toBe('14500');
  });

  it('drops a code split into several, closed without a successor, or still to confirm', () => {
    const rows = [
      change('1', '10', 'split'),
      change('1', '11', 'split'),
      change('2', null, 'merge', 'to_confirm'),
      change('3', '30', 'merge', 'to_confirm'),
      change('4', '40', 'split'),
    ];
    expect(Object.fromEntries(carryCodes(['1', '2', '3', '4'], [rows]))).toEqual({ '1': null, '2': null, '3': null, '4': null });
  });
});

describe('the regions of a tree', () => {
  it('draws the eight districts of 2021–2024 from their own shapes', () => {
    const regions = regionsOf(TREE_2021, LAYER, []);
    expect(regions.collection.features.map((f) => f.properties.code)).toEqual(TREE_2021.map((u) => u.code));
    expect(regions.unshaped).toEqual([]);
    expect(regions.merged).toEqual([]);
  });

  it('draws Thành phố Hoa Lư of 2025 as Thành phố Ninh Bình and Huyện Hoa Lư joined', () => {
    const regions = regionsOf(TREE_2025, LAYER, [JAN_2025]);
    const codes = regions.collection.features.map((f) => f.properties.code);
    expect(codes).toEqual(['370', '372', '373', '375', '376', '377', '374']);
    const hoaLu = regions.collection.features.find((f) => f.properties.code === '374')!;
    expect(hoaLu.properties.name).toBe('Thành phố Hoa Lư');
    // One outline, without the old border between the two.
    expect(hoaLu.geometry.type).toBe('Polygon');
    const parts = LAYER.features.filter((f) => ['369', '374'].includes(String(f.properties.code)));
    const area = (g: (typeof parts)[number]['geometry']) => polygonsArea(polygonsOf(g));
    expect(area(hoaLu.geometry)).toBeCloseTo(area(parts[0]!.geometry) + area(parts[1]!.geometry), 9);
    expect(regions.merged).toEqual([{ unit: { code: '374', name: 'Thành phố Hoa Lư' }, parts: ['Thành phố Ninh Bình', 'Huyện Hoa Lư'] }]);
    expect(regions.unshaped).toEqual([]);
  });

  it('lists the units of the tree that no shape reaches', () => {
    const regions = regionsOf([...TREE_2025, { code: '380', name: 'Huyện Mới' }], LAYER, [JAN_2025]);
    expect(regions.unshaped).toEqual([{ code: '380', name: 'Huyện Mới' }]);
    // Without the lineage, Thành phố Ninh Bình's shape reaches no unit of 2025.
    const bare = regionsOf(TREE_2025, LAYER, []);
    expect(bare.merged).toEqual([]);
    expect(bare.collection.features).toHaveLength(7);
  });
});
