/**
 * A day of intervals in uPlot: offered and answered as bars on the left axis (answered drawn
 * inside offered, so the gap between them is what was not answered), service level as a line on
 * the right axis, and the target as a dashed line. Canvas, not SVG: a day of 96 intervals
 * redrawn every minute for hours costs nothing and leaves nothing behind.
 */
import { createEffect, createMemo, onCleanup, onMount, untrack } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { DASH } from '../lib/format.ts';
import { t, type Messages } from '../lib/i18n.ts';
import { intervalSpanLabel, type ChartColumns } from '../lib/intervals.ts';
import { formatTimeOfDay } from '../lib/zoned-time.ts';

export interface IntervalChartProps {
  columns: ChartColumns;
  fromMs: number;
  toMs: number;
  stepMs: number;
  zone: string;
  /** Colours for another background than the wall's (a client embed's theme); unset ones stay. */
  palette?: Partial<ChartPalette> | undefined;
}

export type ChartPalette = typeof BASE_COLORS;

/** Canvas can't read CSS variables: the wallboard palette (styles.css :root), spelled out. */
const BASE_COLORS = {
  text: '#9fb0c3',
  grid: 'rgba(159, 176, 195, 0.12)',
  offered: '#5aa9ff',
  offeredFill: 'rgba(90, 169, 255, 0.28)',
  answered: '#3ee08f',
  serviceLevel: '#f3f6fa',
  target: '#ffb627',
};
const FONT = '600 12px "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", system-ui, sans-serif';
/** Whole contacts only on the count axis: no "2.5 calls". */
const COUNT_INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000];

/** A zero bar would still draw its outline as a stray line on the axis: zeros are drawn as
 * nothing, and the legend reads the true count from the columns instead. */
const drawn = (values: (number | null)[]) => values.map((v) => (v === 0 ? null : v));

function toData(c: ChartColumns): uPlot.AlignedData {
  return [c.x, drawn(c.offered), drawn(c.answered), c.serviceLevel, c.target];
}

function options(
  p: Omit<IntervalChartProps, 'columns'>,
  columns: () => ChartColumns,
  m: Messages,
  size: { width: number; height: number },
  legend: HTMLElement,
): uPlot.Options {
  const { zone, stepMs } = p;
  const COLORS = { ...BASE_COLORS, ...p.palette };
  const clock = (seconds: number) => formatTimeOfDay(seconds * 1000, zone, m.locale);
  const count = (key: 'offered' | 'answered') => (_u: uPlot, _v: number | null, _series: number, idx: number | null) => {
    const v = idx == null ? null : columns()[key][idx];
    return v == null ? DASH : String(v);
  };
  const percent = (_u: uPlot, v: number | null) => (v == null ? DASH : `${Math.floor(v + 1e-9)} %`);
  const axis = { stroke: COLORS.text, font: FONT, grid: { stroke: COLORS.grid, width: 1 }, ticks: { stroke: COLORS.grid, width: 1, size: 4 } };

  return {
    ...size,
    // Ticks on the tenant's hours, wherever the browser is.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
    padding: [14, 4, 0, 4],
    cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
    select: { show: false, left: 0, top: 0, width: 0, height: 0 },
    legend: { live: true, mount: (_u, el) => legend.append(el) },
    scales: {
      // The whole day, so the bars keep their place as it fills up and days compare at a glance.
      x: { time: true, range: () => [p.fromMs / 1000, p.toMs / 1000] },
      count: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil((max ?? 0) * 1.12))] },
      // A little over 100 so a perfect interval's point is not cut in half by the top edge.
      percent: { range: [0, 104] },
    },
    axes: [
      { ...axis, space: 56, values: (_u, splits) => splits.map(clock) },
      { ...axis, scale: 'count', size: 44, incrs: COUNT_INCREMENTS, values: (_u, splits) => splits.map(String) },
      {
        ...axis,
        scale: 'percent',
        side: 1,
        size: 48,
        grid: { show: false },
        incrs: [20, 25, 50],
        values: (_u, splits) => splits.map((v) => `${v} %`),
      },
    ],
    series: [
      { label: m.interval, value: (_u, v) => (v == null ? DASH : intervalSpanLabel(v * 1000 - stepMs / 2, stepMs, zone, m.locale)) },
      {
        label: m.offered,
        scale: 'count',
        stroke: COLORS.offered,
        fill: COLORS.offeredFill,
        width: 1,
        paths: uPlot.paths.bars!({ size: [0.88, 44], align: 0 }),
        points: { show: false },
        value: count('offered'),
      },
      {
        label: m.answered,
        scale: 'count',
        stroke: COLORS.answered,
        fill: COLORS.answered,
        width: 0,
        paths: uPlot.paths.bars!({ size: [0.46, 22], align: 0 }),
        points: { show: false },
        value: count('answered'),
      },
      {
        label: m.serviceLevel,
        scale: 'percent',
        stroke: COLORS.serviceLevel,
        width: 1.5,
        // An interval without contacts has no service level: the line breaks instead of diving.
        spanGaps: false,
        points: { show: true, size: 5, fill: COLORS.serviceLevel },
        value: percent,
      },
      {
        label: m.target,
        scale: 'percent',
        stroke: COLORS.target,
        width: 1.5,
        dash: [6, 5],
        points: { show: false },
        value: percent,
      },
    ],
  };
}

export function IntervalChart(props: IntervalChartProps) {
  let host!: HTMLDivElement;
  let legend!: HTMLDivElement;
  let chart: uPlot | undefined;
  const size = () => ({ width: Math.max(200, host.clientWidth), height: Math.max(160, host.clientHeight) });

  // Options bake in the language (series names), the zone (tick labels) and the step (cursor
  // labels): a change of any of these builds a new chart; new numbers only replace the data.
  // Compared by value: the parent hands over fresh objects on every refresh, which must not
  // rebuild the chart.
  const frame = createMemo(
    () => ({ fromMs: props.fromMs, toMs: props.toMs, stepMs: props.stepMs, zone: props.zone, palette: props.palette }),
    undefined,
    { equals: (a, b) => a.fromMs === b.fromMs && a.toMs === b.toMs && a.stepMs === b.stepMs && a.zone === b.zone && a.palette === b.palette },
  );
  createEffect(() => {
    const m = t();
    const f = frame();
    const u = untrack(() => new uPlot(options(f, () => props.columns, m, size(), legend), toData(props.columns), host));
    chart = u;
    onCleanup(() => {
      u.destroy();
      if (chart === u) chart = undefined;
    });
  });

  createEffect(() => {
    const data = toData(props.columns);
    untrack(() => chart?.setData(data));
  });

  onMount(() => {
    // Follows the container, not the window: the side panel or a zoomed page changes its width too.
    const observer = new ResizeObserver(() => {
      const next = size();
      if (chart && (chart.width !== next.width || chart.height !== next.height)) chart.setSize(next);
    });
    observer.observe(host);
    onCleanup(() => observer.disconnect());
  });

  return (
    <figure class="chart" aria-label={t().chartLabel} data-testid="interval-chart">
      <div class="chart-legend" ref={legend} />
      <div class="chart-host" ref={host} />
    </figure>
  );
}
