/**
 * Forecast against actual by interval, in two uPlot panels that share a cursor: contacts on top
 * (actual as bars for the intervals begun, the forecast as a line), agents below (required and
 * scheduled as step lines that span each interval, the baseline's scheduled agents dashed when a
 * what-if changes them). Today gets a "now" line on both.
 */
import { createEffect, on } from 'solid-js';
import uPlot from 'uplot';
import { DASH } from '../lib/format.ts';
import { lang, t } from '../lib/i18n.ts';
import { intervalSpanLabel } from '../lib/intervals.ts';
import { tp } from '../lib/planner-i18n.ts';
import type { ForecastColumns } from '../lib/planner.ts';
import { formatTimeOfDay } from '../lib/zoned-time.ts';
import { axisStyle, bindChart, COLORS, COUNT_INCREMENTS, drawNowLine, intervalSteps } from './uplot-kit.ts';

export interface ForecastChartProps {
  columns: ForecastColumns;
  fromMs: number;
  toMs: number;
  stepMs: number;
  zone: string;
  /** Now, when the day shown is today; null otherwise. */
  nowMs: number | null;
}

let syncCounter = 0;

export function ForecastChart(props: ForecastChartProps) {
  let contactsHost!: HTMLDivElement;
  let agentsHost!: HTMLDivElement;
  let contactsLegend!: HTMLDivElement;
  let agentsLegend!: HTMLDivElement;
  const syncKey = `forecast-${++syncCounter}`;

  const key = () => JSON.stringify([props.fromMs, props.toMs, props.stepMs, props.zone, lang()]);
  const nowSec = () => (props.nowMs == null ? null : props.nowMs / 1000);

  function base(size: { width: number; height: number }, legend: HTMLElement): Omit<uPlot.Options, 'series' | 'axes' | 'scales'> {
    const { zone } = props;
    return {
      ...size,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
      padding: [10, 16, 0, 4],
      cursor: { sync: { key: syncKey }, drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      legend: { live: true, mount: (_u, el) => legend.append(el) },
    };
  }

  const xSeries = (): uPlot.Series => {
    const { zone, stepMs } = props;
    const locale = t().locale;
    return { label: t().interval, value: (_u, v) => (v == null ? DASH : intervalSpanLabel(v * 1000 - stepMs / 2, stepMs, zone, locale)) };
  };
  const xScale = (): uPlot.Scale => ({ time: true, range: () => [props.fromMs / 1000, props.toMs / 1000] });
  const clock = (seconds: number) => formatTimeOfDay(seconds * 1000, props.zone, t().locale);
  const count = (digits: number) => (_u: uPlot, v: number | null) =>
    v == null ? DASH : new Intl.NumberFormat(t().locale, { maximumFractionDigits: digits }).format(v);
  const drawNow = (label: string) => (u: uPlot) => drawNowLine(u, nowSec(), label);

  const contacts = bindChart(() => contactsHost, {
    key,
    // A zero bar would still draw its outline on the axis: zeros are drawn as nothing, and the
    // legend reads the true count from the columns.
    data: () => [props.columns.x, props.columns.actual.map((v) => (v === 0 ? null : v)), props.columns.forecast],
    options: (size) => {
      const m = tp();
      return {
        ...base(size, contactsLegend),
        scales: { x: xScale(), count: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil((max ?? 0) * 1.12))] } },
        axes: [
          { ...axisStyle, space: 56, values: (_u, splits) => splits.map(clock) },
          { ...axisStyle, scale: 'count', size: 48, incrs: COUNT_INCREMENTS, values: (_u, splits) => splits.map(String), label: m.contacts, labelSize: 16, labelFont: axisStyle.font! },
        ],
        series: [
          xSeries(),
          {
            label: m.actual,
            scale: 'count',
            stroke: COLORS.actual,
            fill: COLORS.actualFill,
            width: 1,
            paths: uPlot.paths.bars!({ size: [0.82, 40], align: 0 }),
            points: { show: false },
            value: (u, _v, _si, idx) => count(0)(u, idx == null ? null : (props.columns.actual[idx] ?? null)),
          },
          {
            label: m.forecast,
            scale: 'count',
            stroke: COLORS.forecast,
            width: 2.25,
            spanGaps: false,
            points: { show: false },
            value: count(1),
          },
        ],
        hooks: { draw: [drawNow(m.now)] },
      };
    },
  });

  const agents = bindChart(() => agentsHost, {
    key,
    data: () => [props.columns.x, props.columns.required, props.columns.scheduled, props.columns.baselineScheduled],
    options: (size) => {
      const m = tp();
      const half = props.stepMs / 2000;
      return {
        ...base(size, agentsLegend),
        scales: { x: xScale(), agents: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil((max ?? 0) * 1.15))] } },
        axes: [
          { ...axisStyle, space: 56, values: (_u, splits) => splits.map(clock) },
          { ...axisStyle, scale: 'agents', size: 48, incrs: COUNT_INCREMENTS, values: (_u, splits) => splits.map(String), label: m.agents, labelSize: 16, labelFont: axisStyle.font! },
        ],
        series: [
          xSeries(),
          { label: m.required, scale: 'agents', stroke: COLORS.required, width: 2, paths: intervalSteps(half), points: { show: false }, value: count(0) },
          {
            label: m.scheduled,
            scale: 'agents',
            stroke: COLORS.scheduled,
            fill: COLORS.scheduledFill,
            width: 2,
            paths: intervalSteps(half, true),
            points: { show: false },
            value: count(0),
          },
          {
            label: m.baselineScheduled,
            scale: 'agents',
            stroke: COLORS.baseline,
            width: 1.5,
            dash: [5, 4],
            paths: intervalSteps(half),
            points: { show: false },
            value: count(0),
          },
        ],
        hooks: { draw: [drawNow('')] },
      };
    },
  });

  // The "now" line moves once a minute: redraw then, not every second.
  createEffect(
    on(
      () => (props.nowMs == null ? null : Math.floor(props.nowMs / 60_000)),
      () => {
        contacts()?.redraw(false);
        agents()?.redraw(false);
      },
      { defer: true },
    ),
  );

  return (
    <figure
      class="chart pl-chart"
      aria-label={tp().chartLabel}
      data-testid="forecast-chart"
      data-intervals={props.columns.x.length}
      data-whatif={props.columns.baselineScheduled.some((v) => v != null)}
    >
      <div class="chart-legend pl-legend">
        <div ref={contactsLegend} />
        <div ref={agentsLegend} />
      </div>
      <div class="chart-host pl-host-contacts" ref={contactsHost} data-testid="forecast-contacts" />
      <div class="chart-host pl-host-agents" ref={agentsHost} data-testid="forecast-agents" />
    </figure>
  );
}
