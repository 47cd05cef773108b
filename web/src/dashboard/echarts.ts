// ECharts, tree-shaken: only the bar and line charts, the grid, the tooltip and the SVG renderer
// (crisp when printed, light on slow phones). Loaded by chart.tsx in a chunk of its own, after
// the dashboard's cards are on the screen.

import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, TooltipComponent, SVGRenderer]);

export { init };
export type { EChartsType } from 'echarts/core';
