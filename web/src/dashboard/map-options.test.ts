import { describe, expect, it } from 'vitest';
import type { IndicatorValue } from './api';
import { STATUS_COLOURS } from './chart-options';
import { legendStatuses, mapHeight, mapOption, regionColour, type MapRegion } from './map-options';

function region(unit: string, name: string, value: number | null, status: IndicatorValue['status']): MapRegion {
  return {
    unit,
    name,
    value: {
      unit,
      period: '2024',
      as_of: '2024-12-31',
      value,
      numerator: 1,
      denominator: 2,
      shown: { numerator: '1', denominator: '2' },
      is_suppressed: false,
      expected: 70,
      status,
      status_vi: '',
    },
  };
}

const REGIONS = [region('374', 'Thành phố Hoa Lư', 82.5, 'met'), region('370', 'Thành phố Tam Điệp', 41, 'not_met'), region('377', 'Huyện Yên Mô', null, 'no_data')];

interface MapSeries {
  type: string;
  map: string;
  nameProperty: string;
  roam: boolean;
  data: { name: string; value: number | null; itemStyle: { areaColor: string } }[];
}
const seriesOf = (option: unknown) => (option as { series: MapSeries[] }).series;
const tooltipOf = (option: unknown) => (option as { tooltip: { formatter: (p: unknown) => unknown } }).tooltip;

describe('the map of the units below', () => {
  it('colours each unit as the bars and badges do', () => {
    expect(regionColour('met')).toBe(STATUS_COLOURS.met);
    expect(regionColour('behind')).toBe(STATUS_COLOURS.behind);
    expect(regionColour('something_new')).toBe(STATUS_COLOURS.no_data);
  });

  it('draws a region per unit, by code, on the registered map, without zoom', () => {
    const [series] = seriesOf(mapOption('pcmd:district', REGIONS, 'percent', 'vi'));
    expect(series).toMatchObject({ type: 'map', map: 'pcmd:district', nameProperty: 'code', roam: false });
    expect(series!.data.map((d) => [d.name, d.value, d.itemStyle.areaColor])).toEqual([
      ['374', 82.5, STATUS_COLOURS.met],
      ['370', 41, STATUS_COLOURS.not_met],
      ['377', null, STATUS_COLOURS.no_data],
    ]);
  });

  it('names the unit, its value and its status in the tooltip', () => {
    // The tooltip is built as DOM nodes: the formatter gets a minimal document for the test.
    const global = globalThis as { document?: unknown };
    const saved = global.document;
    global.document = { createElement: () => ({ className: '', textContent: '', children: [] as unknown[], appendChild(c: unknown) { this.children.push(c); } }) };
    try {
      const lines = (dataIndex: number) =>
        (tooltipOf(mapOption('m', REGIONS, 'percent', 'vi')).formatter({ dataIndex }) as { children: { textContent: string }[] }).children.map((c) => c.textContent);
      expect(lines(0)).toEqual(['Thành phố Hoa Lư', '82,5\u00a0% · Đạt']);
      expect(lines(2)).toEqual(['Huyện Yên Mô', '— · Chưa có số liệu']);
    } finally {
      global.document = saved;
    }
  });

  it('lists in its legend only the statuses it shows, in the badges’ order', () => {
    expect(legendStatuses(REGIONS)).toEqual(['met', 'not_met', 'no_data']);
    expect(legendStatuses([])).toEqual([]);
  });

  it('is about as tall as wide, within bounds', () => {
    expect(mapHeight(312)).toBe(281);
    expect(mapHeight(100)).toBe(240);
    expect(mapHeight(1000)).toBe(420);
  });
});
