// The ECharts option of the map of the units below (issue 10), as plain data like
// chart-options.ts: a region per unit, filled with its status's colour (the bars' colours), the
// unit's name and value in the tooltip. Regions are named by unit code (the layer's `code`
// property), so that two units of one name stay apart. No animation, no zoom: a picture of the
// table beside it.

import type { EChartsCoreOption } from 'echarts/core';
import type { Lang } from '../i18n';
import type { IndicatorStatus, IndicatorValue, ValueKind } from './api';
import { STATUS_COLOURS, tooltipBox } from './chart-options';
import { formatValue, knownStatus, statusLabel, STATUSES } from './format';

export interface MapRegion {
  unit: string;
  name: string;
  value: IndicatorValue;
}

const BORDER = '#ffffff';
const EMPHASIS_BORDER = '#1a2230';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';
/** East-west degrees are shorter than north-south ones by cos(latitude): ~20.2° N in Ninh Bình. */
const ASPECT = Math.cos((20.2 * Math.PI) / 180);

/** The colour of a unit on the map: its status's. */
export function regionColour(status: string): string {
  return STATUS_COLOURS[knownStatus(status)];
}

/** The statuses the map shows, in the badges' order, for its legend. */
export function legendStatuses(regions: readonly Pick<MapRegion, 'value'>[]): IndicatorStatus[] {
  const seen = new Set(regions.map((r) => knownStatus(r.value.status)));
  return STATUSES.filter((s) => seen.has(s));
}

/** The height of the map for a box `width` pixels wide: about as tall as wide, within bounds. */
export function mapHeight(width: number): number {
  return Math.round(Math.min(420, Math.max(240, width * 0.9)));
}

/**
 * The map of `regions` on the registered map `mapName`; click handlers find the unit by the
 * clicked region's index in `regions`.
 */
export function mapOption(mapName: string, regions: readonly MapRegion[], kind: ValueKind, lang: Lang): EChartsCoreOption {
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    tooltip: {
      trigger: 'item',
      confine: true,
      transitionDuration: 0,
      backgroundColor: '#ffffff',
      borderColor: '#d8dde5',
      textStyle: { color: '#1a2230', fontFamily: FONT, fontSize: 12 },
      formatter: (params: unknown) => {
        const index = (params as { dataIndex?: number }).dataIndex ?? -1;
        const region = regions[index];
        if (!region) return tooltipBox([]);
        return tooltipBox([region.name, `${formatValue(region.value.value, kind, lang)} · ${statusLabel(region.value.status, lang)}`]);
      },
    },
    series: [
      {
        type: 'map',
        map: mapName,
        nameProperty: 'code',
        roam: false,
        selectedMode: false,
        cursor: 'pointer',
        aspectScale: ASPECT,
        layoutCenter: ['50%', '50%'],
        layoutSize: '96%',
        label: { show: false },
        itemStyle: { borderColor: BORDER, borderWidth: 1, areaColor: STATUS_COLOURS.no_data },
        emphasis: { label: { show: false }, itemStyle: { borderColor: EMPHASIS_BORDER, borderWidth: 2 } },
        data: regions.map((region) => ({
          name: region.unit,
          value: region.value.value,
          itemStyle: { areaColor: regionColour(region.value.status) },
          emphasis: { itemStyle: { areaColor: regionColour(region.value.status) } },
        })),
      },
    ],
  };
}
