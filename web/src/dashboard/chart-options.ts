// The ECharts options of the dashboard's charts, as plain data (no ECharts code here, so that
// they are tested without a browser): a target's trend over the periods (a line, with the target
// as a dashed line) and the ranking of the units below (horizontal bars coloured by status, the
// target as a dashed line across them). No animation: slow machines and printing.

import type { EChartsCoreOption } from 'echarts/core';
import type { Lang } from '../i18n';
import type { IndicatorStatus, IndicatorValue, PlanTarget, ValueKind } from './api';
import { formatTargetNumber, formatValue, knownStatus } from './format';
import { trendLabel } from './state';

/** The badge colours of styles/dashboard.css, for the bars and the map (its legend's swatches there too). */
export const STATUS_COLOURS: Record<IndicatorStatus, string> = {
  met: '#1e7b3a',
  not_met: '#b3261e',
  on_track: '#0f6f7c',
  behind: '#b26a00',
  no_data: '#8a94a3',
  suppressed: '#8a94a3',
};

const LINE = '#0b4f94';
const TARGET = '#6b7482';
const AXIS_TEXT = '#566173';
const GRID_LINE = '#e3e7ed';
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif';

/** A value as a chart point: one decimal for percents and growth; null stays a gap. */
export function chartNumber(value: number | null, kind: ValueKind): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return kind === 'count' ? value : Math.round(value * 10) / 10;
}

type Target = Pick<PlanTarget, 'value' | 'target' | 'target_max' | 'comparison'>;

/** The target lines: one, or the two bounds of a "between" target. */
function targetLines(target: Target): number[] {
  return target.comparison === 'between' && target.target_max !== null ? [target.target, target.target_max] : [target.target];
}

/**
 * The value axis's top: 100 for percents (so that cards compare at a glance) unless a value goes
 * above; ECharts's own otherwise. Its bottom is left to ECharts, which keeps 0 in sight.
 */
function axisMax(kind: ValueKind, shown: readonly number[]): number | undefined {
  return kind === 'percent' && shown.every((v) => v <= 100) ? 100 : undefined;
}

/** A line with the same value at every point (the target), dashed and quiet. */
function targetSeries(value: number, count: number) {
  return {
    type: 'line',
    data: Array.from({ length: count }, () => value),
    symbol: 'none',
    silent: true,
    lineStyle: { type: 'dashed', width: 1, color: TARGET },
    tooltip: { show: false },
    z: 1,
  };
}

/** The tooltip: text nodes only (no inline styles, which the server's CSP refuses). */
export function tooltipBox(lines: readonly string[]): HTMLElement {
  const box = document.createElement('div');
  box.className = 'chart-tooltip';
  for (const line of lines) {
    const row = document.createElement('div');
    row.textContent = line;
    box.appendChild(row);
  }
  return box;
}

const TOOLTIP_BASE = {
  confine: true,
  transitionDuration: 0,
  backgroundColor: '#ffffff',
  borderColor: '#d8dde5',
  textStyle: { color: '#1a2230', fontFamily: FONT, fontSize: 12 },
};

/** A target's trend: the periods of the plan up to the one shown, the target dashed. */
export function trendOption(item: Target & { trend: readonly IndicatorValue[] }, lang: Lang): EChartsCoreOption {
  const labels = item.trend.map((point) => trendLabel(point.period, lang));
  const values = item.trend.map((point) => chartNumber(point.value, item.value));
  const shown = [...values, ...targetLines(item)].filter((v): v is number => v !== null);
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    grid: { left: 4, right: 10, top: 10, bottom: 4, containLabel: true },
    tooltip: {
      ...TOOLTIP_BASE,
      trigger: 'axis',
      formatter: (params: unknown) => {
        const first = (Array.isArray(params) ? params : [params])[0] as { dataIndex?: number } | undefined;
        const index = first?.dataIndex ?? 0;
        const point = item.trend[index];
        return tooltipBox([`${labels[index] ?? ''}: ${formatValue(point?.value ?? null, item.value, lang)}`]);
      },
    },
    xAxis: {
      type: 'category',
      data: labels,
      boundaryGap: false,
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
      axisLabel: { color: AXIS_TEXT, fontSize: 10, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      max: axisMax(item.value, shown),
      splitNumber: 2,
      splitLine: { lineStyle: { color: GRID_LINE } },
      axisLabel: { color: AXIS_TEXT, fontSize: 10, formatter: (v: number) => formatTargetNumber(v, item.value, lang) },
    },
    series: [
      {
        type: 'line',
        data: values,
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { width: 2, color: LINE },
        itemStyle: { color: LINE },
        z: 2,
      },
      ...targetLines(item).map((v) => targetSeries(v, labels.length)),
    ],
  };
}

export interface RankingRow {
  unit: string;
  name: string;
  value: IndicatorValue;
}

/** The height of the ranking chart for `count` units, in pixels. */
export function rankingHeight(count: number): number {
  return Math.max(120, 28 * count + 44);
}

/**
 * The ranking: a bar per unit, best at the top, coloured by its status; no bar for a unit
 * without a value. Click handlers find the unit by the bar's index in `rows`. `narrow` (a phone):
 * shorter unit names and fewer ticks, so that the bars keep most of the width.
 */
export function rankingOption(rows: readonly RankingRow[], target: Target, lang: Lang, { narrow = false } = {}): EChartsCoreOption {
  // ECharts draws the first category at the bottom: reverse, so that the best is on top.
  const ordered = [...rows].reverse();
  const values = ordered.map((row) => chartNumber(row.value.value, target.value));
  const shown = [...values, ...targetLines(target)].filter((v): v is number => v !== null);
  return {
    animation: false,
    textStyle: { fontFamily: FONT },
    grid: { left: 4, right: 16, top: 8, bottom: 4, containLabel: true },
    tooltip: {
      ...TOOLTIP_BASE,
      trigger: 'item',
      formatter: (params: unknown) => {
        const index = (params as { dataIndex?: number }).dataIndex ?? 0;
        const row = ordered[index];
        return tooltipBox(row ? [row.name, formatValue(row.value.value, target.value, lang)] : []);
      },
    },
    xAxis: {
      type: 'value',
      max: axisMax(target.value, shown),
      splitNumber: narrow ? 2 : 5,
      splitLine: { lineStyle: { color: GRID_LINE } },
      axisLabel: { color: AXIS_TEXT, fontSize: 10, formatter: (v: number) => formatTargetNumber(v, target.value, lang) },
    },
    yAxis: {
      type: 'category',
      data: ordered.map((row) => row.name),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: GRID_LINE } },
      axisLabel: { color: AXIS_TEXT, fontSize: 11, width: narrow ? 96 : 150, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        cursor: 'pointer',
        barMaxWidth: 18,
        data: ordered.map((row, i) => ({ value: values[i], itemStyle: { color: STATUS_COLOURS[knownStatus(row.value.status)] } })),
        z: 2,
      },
      ...targetLines(target).map((v) => targetSeries(v, ordered.length)),
    ],
  };
}

/** The index in `rows` (best first) of the bar clicked at `dataIndex` (bottom first). */
export function rankingRowIndex(dataIndex: number, count: number): number {
  return count - 1 - dataIndex;
}
