// One ECharts chart. ECharts itself (echarts.ts) is loaded in a chunk of its own the first time a
// chart is due, so that the cards show at once on a slow machine. A chart is drawn when it comes
// near the screen, or when the browser is idle, so that a long page of cards is ready to print;
// printAllCharts() draws the rest at once. It follows its box's width (and the printed page's),
// and calls `onItemClick` with the index of a clicked bar, point or region. A map (issue 10) names
// the GeoJSON its option draws (`geoMap`), registered before the option is set. Charts are
// pictures of figures the page also gives as text, so they are hidden from screen readers.

import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EChartsType } from './echarts';

type EChartsModule = typeof import('./echarts');

let loading: Promise<EChartsModule> | null = null;
let loaded: EChartsModule | null = null;

function loadECharts(): Promise<EChartsModule> {
  if (!loading) {
    loading = import('./echarts');
    loading.then(
      (m) => {
        loaded = m;
      },
      () => {
        loading = null;
      },
    );
  }
  return loading;
}

/** A map's boundaries: the name its option's series uses, and the GeoJSON to draw. */
export interface GeoMap {
  name: string;
  geoJson: object;
}

/** Registers `map` (again: a name always stands for the latest boundaries given). */
function registerGeoMap(echarts: EChartsModule, map: GeoMap | undefined): void {
  if (map) echarts.registerMap(map.name, map.geoJson as Parameters<EChartsModule['registerMap']>[1]);
}

/** The charts not drawn yet, each with the function that draws it now. */
const pending = new Set<() => Promise<void>>();

/** Draws every chart of the page (before printing); resolves when they are drawn. */
export async function printAllCharts(): Promise<void> {
  await Promise.all([...pending].map((draw) => draw()));
}

export interface ChartProps {
  option: EChartsCoreOption;
  height: number;
  class?: string;
  onItemClick?: (dataIndex: number) => void;
  geoMap?: GeoMap;
}

export function Chart({ option, height, class: className, onItemClick, geoMap }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const click = useRef(onItemClick);
  click.current = onItemClick;
  const latest = useRef(option);
  latest.current = option;
  const latestMap = useRef(geoMap);
  latestMap.current = geoMap;
  const size = useRef(height);
  size.current = height;
  const [isDue, setDue] = useState(false);
  const [hasFailed, setFailed] = useState(false);

  // Due when near the screen, when the browser is idle, or before printing.
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    let done = false;
    const due = async () => {
      if (done) return;
      done = true;
      pending.delete(due);
      setDue(true);
      await draw();
    };
    pending.add(due);
    const observer = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void due(), { rootMargin: '300px' })
      : null;
    observer?.observe(el);
    const idle = window.setTimeout(() => void due(), observer ? 1500 : 0);
    return () => {
      done = true;
      pending.delete(due);
      observer?.disconnect();
      window.clearTimeout(idle);
    };
  }, []);

  async function draw(): Promise<void> {
    if (chart.current || !box.current) return;
    let echarts: EChartsModule;
    try {
      echarts = await loadECharts();
      if (latestMap.current) await echarts.loadMapChart();
    } catch (failure) {
      console.error(failure);
      setFailed(true);
      return;
    }
    const el = box.current;
    if (!el || chart.current) return;
    const instance = echarts.init(el, null, { renderer: 'svg', height: size.current });
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') click.current?.(params.dataIndex);
    });
    registerGeoMap(echarts, latestMap.current);
    instance.setOption(latest.current, { notMerge: true });
    chart.current = instance;
  }

  useEffect(() => {
    if (isDue) void draw();
  }, [isDue]);

  // A new option (another unit, period or language) redraws the chart in place.
  useEffect(() => {
    if (!chart.current) return;
    if (loaded) registerGeoMap(loaded, geoMap);
    chart.current.setOption(option, { notMerge: true });
  }, [option, geoMap]);

  // The box keeps the chart's height before it is drawn, so that nothing jumps when it is.
  useEffect(() => {
    if (box.current) box.current.style.minHeight = `${height}px`;
    chart.current?.resize({ height });
  }, [height]);

  // Follow the box's width on the screen and on paper.
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    let frame = 0;
    const resize = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => chart.current?.resize());
    };
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(resize) : null;
    observer?.observe(el);
    const print = window.matchMedia?.('print');
    const now = () => chart.current?.resize();
    print?.addEventListener?.('change', now);
    window.addEventListener('beforeprint', now);
    window.addEventListener('afterprint', now);
    return () => {
      cancelAnimationFrame(frame);
      observer?.disconnect();
      print?.removeEventListener?.('change', now);
      window.removeEventListener('beforeprint', now);
      window.removeEventListener('afterprint', now);
    };
  }, []);

  useEffect(
    () => () => {
      chart.current?.dispose();
      chart.current = null;
    },
    [],
  );

  const classes = ['chart', className, hasFailed ? 'chart--failed' : null, isDue ? null : 'chart--waiting'].filter(Boolean).join(' ');
  return <div ref={box} class={classes} aria-hidden="true" />;
}
