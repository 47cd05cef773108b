import { describe, expect, it } from 'vitest';
import type { IndicatorValue, PlanTarget } from './api';
import { STATUS_COLOURS, chartNumber, rankingHeight, rankingOption, rankingRowIndex, trendOption, type RankingRow } from './chart-options';

type Target = Pick<PlanTarget, 'value' | 'target' | 'target_max' | 'comparison'>;

function point(period: string, v: number | null, status: IndicatorValue['status'] = 'not_met'): IndicatorValue {
  return {
    unit: '37',
    period,
    as_of: `${period}-12-31`,
    value: v,
    numerator: 1,
    denominator: 2,
    shown: { numerator: '1', denominator: '2' },
    is_suppressed: false,
    expected: 70,
    status,
    status_vi: '',
  };
}

// The option's parts as plain data.
interface Series {
  type: string;
  data: unknown[];
  lineStyle?: { type?: string };
}
const seriesOf = (option: unknown) => (option as { series: Series[] }).series;
const axis = (option: unknown, name: 'xAxis' | 'yAxis') => (option as Record<'xAxis' | 'yAxis', { data?: string[]; max?: number; type: string }>)[name];

describe('chart numbers', () => {
  it('rounds percents and growth to one decimal, keeps counts and gaps', () => {
    expect(chartNumber(24.475, 'percent')).toBe(24.5);
    expect(chartNumber(-3.449, 'growth')).toBe(-3.4);
    expect(chartNumber(2, 'count')).toBe(2);
    expect(chartNumber(null, 'percent')).toBeNull();
  });
});

describe('trend', () => {
  const t1: Target & { trend: IndicatorValue[] } = {
    value: 'percent',
    comparison: 'at_least',
    target: 70,
    target_max: null,
    trend: [point('2021', 3.49), point('2022', null), point('2023', 20.98)],
  };

  it('draws the periods as a line with gaps, and the target dashed', () => {
    const option = trendOption(t1, 'vi');
    expect(axis(option, 'xAxis').data).toEqual(['2021', '2022', '2023']);
    const [line, goal] = seriesOf(option);
    expect(line?.data).toEqual([3.5, null, 21]);
    expect(goal?.data).toEqual([70, 70, 70]);
    expect(goal?.lineStyle?.type).toBe('dashed');
    expect(axis(option, 'yAxis').max).toBe(100);
    expect((option as { animation: boolean }).animation).toBe(false);
  });

  it('draws both bounds of a “between” target, and leaves the scale of growth free', () => {
    const option = trendOption({ value: 'growth', comparison: 'between', target: 3, target_max: 5, trend: [point('2022', 15), point('2023', -9.1)] }, 'vi');
    expect(seriesOf(option).map((s) => s.data)).toEqual([[15, -9.1], [3, 3], [5, 5]]);
    expect(axis(option, 'yAxis').max).toBeUndefined();
  });

  it('labels quarters shortly', () => {
    expect(axis(trendOption({ ...t1, trend: [point('2024Q1', 1), point('2024Q2', 2)] }, 'vi'), 'xAxis').data).toEqual(['Q1', 'Q2']);
  });
});

describe('ranking', () => {
  const rows: RankingRow[] = [
    { unit: '374', name: 'Huyện Hoa Lư', value: point('2024', 36.4, 'met') },
    { unit: '377', name: 'Huyện Yên Mô', value: point('2024', 35.3, 'not_met') },
    { unit: '370', name: 'Thành phố Tam Điệp', value: point('2024', null, 'no_data') },
  ];
  const t1: Target = { value: 'percent', comparison: 'at_least', target: 70, target_max: null };

  it('puts the best on top, coloured by status, with the target across', () => {
    const option = rankingOption(rows, t1, 'vi');
    // ECharts draws the first category at the bottom.
    expect(axis(option, 'yAxis').data).toEqual(['Thành phố Tam Điệp', 'Huyện Yên Mô', 'Huyện Hoa Lư']);
    const [bars, goal] = seriesOf(option);
    expect(bars?.type).toBe('bar');
    expect(bars?.data).toEqual([
      { value: null, itemStyle: { color: STATUS_COLOURS.no_data } },
      { value: 35.3, itemStyle: { color: STATUS_COLOURS.not_met } },
      { value: 36.4, itemStyle: { color: STATUS_COLOURS.met } },
    ]);
    expect(goal?.data).toEqual([70, 70, 70]);
  });

  it('finds the unit of a clicked bar', () => {
    expect(rankingRowIndex(2, 3)).toBe(0);
    expect(rankingRowIndex(0, 3)).toBe(2);
  });

  it('grows with the number of units', () => {
    expect(rankingHeight(1)).toBe(120);
    expect(rankingHeight(8)).toBe(268);
    expect(rankingHeight(20)).toBeGreaterThan(rankingHeight(8));
  });
});
