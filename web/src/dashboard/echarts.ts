// ECharts, tree-shaken: only the bar and line charts, the grid, the tooltip and the SVG renderer
// (crisp when printed, light on slow phones). Loaded by chart.tsx in a chunk of its own, after
// the dashboard's cards are on the screen. The map chart and its geo coordinate system (issue 10)
// come in a further chunk (echarts-map.ts), loaded by loadMapChart() only where a map is drawn.

import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, registerMap, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, TooltipComponent, SVGRenderer]);

let mapChart: Promise<void> | null = null;

/** Registers the map chart (once); resolves when charts of type "map" can be drawn. */
export function loadMapChart(): Promise<void> {
  if (!mapChart) {
    mapChart = import('./echarts-map').then(() => undefined);
    mapChart.catch(() => {
      mapChart = null;
    });
  }
  return mapChart;
}

export { init, registerMap };
export type { EChartsType } from 'echarts/core';
