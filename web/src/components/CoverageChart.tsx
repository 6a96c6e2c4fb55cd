/**
 * A shift plan's coverage by 15-minute interval: the requirement as an amber step line, the
 * agents the plan puts to work as a green filled step, and every under-covered interval filled
 * red between the two, so the gaps a planner has to close stand out at a glance.
 */
import uPlot from 'uplot';
import { DASH } from '../lib/format.ts';
import { lang, t } from '../lib/i18n.ts';
import { intervalSpanLabel } from '../lib/intervals.ts';
import { tp } from '../lib/planner-i18n.ts';
import type { CoverageColumns } from '../lib/planner.ts';
import { formatTimeOfDay } from '../lib/zoned-time.ts';
import { axisStyle, bindChart, COLORS, COUNT_INCREMENTS, intervalSteps, noPath } from './uplot-kit.ts';

export interface CoverageChartProps {
  columns: CoverageColumns;
  fromMs: number;
  toMs: number;
  stepMs: number;
  zone: string;
}

/** Red between scheduled and required wherever the plan is short. */
function drawUnder(u: uPlot, halfSeconds: number) {
  const [xs, required, scheduled] = [u.data[0], u.data[1]!, u.data[2]!];
  const ctx = u.ctx;
  ctx.save();
  ctx.fillStyle = COLORS.underFill;
  ctx.strokeStyle = COLORS.under;
  ctx.lineWidth = uPlot.pxRatio;
  for (let i = 0; i < xs.length; i++) {
    const r = required[i];
    const s = scheduled[i] ?? 0;
    if (r == null || r <= s) continue;
    const left = u.valToPos(xs[i]! - halfSeconds, 'x', true);
    const right = u.valToPos(xs[i]! + halfSeconds, 'x', true);
    const top = u.valToPos(r, 'agents', true);
    const bottom = u.valToPos(s, 'agents', true);
    ctx.fillRect(left, top, right - left, bottom - top);
  }
  ctx.restore();
}

export function CoverageChart(props: CoverageChartProps) {
  let host!: HTMLDivElement;
  let legend!: HTMLDivElement;
  const clock = (seconds: number) => formatTimeOfDay(seconds * 1000, props.zone, t().locale);
  const value = (digits: number) => (_u: uPlot, v: number | null) =>
    v == null ? DASH : new Intl.NumberFormat(t().locale, { maximumFractionDigits: digits }).format(v);

  bindChart(() => host, {
    key: () => JSON.stringify([props.fromMs, props.toMs, props.stepMs, props.zone, lang()]),
    data: () => [props.columns.x, props.columns.required, props.columns.scheduled, props.columns.under],
    options: (size) => {
      const m = tp();
      const { zone, stepMs, fromMs, toMs } = props;
      const half = stepMs / 2000;
      return {
        ...size,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), zone),
        padding: [10, 16, 0, 4],
        cursor: { drag: { x: false, y: false, setScale: false }, points: { size: 7 } },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        legend: { live: true, mount: (_u, el) => legend.append(el) },
        scales: {
          x: { time: true, range: () => [fromMs / 1000, toMs / 1000] },
          agents: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil((max ?? 0) * 1.15))] },
        },
        axes: [
          { ...axisStyle, space: 56, values: (_u, splits) => splits.map(clock) },
          { ...axisStyle, scale: 'agents', size: 48, incrs: COUNT_INCREMENTS, values: (_u, splits) => splits.map(String), label: m.agents, labelSize: 16, labelFont: axisStyle.font! },
        ],
        series: [
          { label: t().interval, value: (_u, v) => (v == null ? DASH : intervalSpanLabel(v * 1000 - stepMs / 2, stepMs, zone, t().locale)) },
          { label: m.required, scale: 'agents', stroke: COLORS.required, width: 2, paths: intervalSteps(half), points: { show: false }, value: value(1) },
          { label: m.scheduled, scale: 'agents', stroke: COLORS.scheduled, fill: COLORS.scheduledFill, width: 2, paths: intervalSteps(half, true), points: { show: false }, value: value(1) },
          { label: m.under, scale: 'agents', stroke: COLORS.under, fill: COLORS.underFill, width: 0, paths: noPath, points: { show: false }, value: value(1) },
        ],
        hooks: { draw: [(u) => drawUnder(u, half)] },
      };
    },
  });

  return (
    <figure class="chart pl-coverage" aria-label={tp().coverageLabel} data-testid="coverage-chart">
      <div class="chart-legend" ref={legend} />
      <div class="chart-host pl-host-coverage" ref={host} />
    </figure>
  );
}
