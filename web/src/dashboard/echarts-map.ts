// The map chart of ECharts with the geo component it draws on (issue 10: the map of the units
// below), registered when this chunk loads (echarts.ts: loadMapChart).

import { MapChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import { use } from 'echarts/core';

use([MapChart, GeoComponent]);
