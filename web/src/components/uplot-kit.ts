/**
 * What the planner's charts share: the palette (canvas can't read CSS variables), the axis
 * style, a step-line path that spans each interval exactly, and the lifecycle of a uPlot chart
 * in Solid as the drill-down's IntervalChart does it: built once per frame and language, fed new
 * data with setData, sized to its container by a ResizeObserver, destroyed on cleanup.
 */
import { createEffect, createMemo, onCleanup, onMount, untrack } from 'solid-js';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const COLORS = {
  text: '#9fb0c3',
  grid: 'rgba(159, 176, 195, 0.12)',
  forecast: '#c49bff',
  actual: '#5aa9ff',
  actualFill: 'rgba(90, 169, 255, 0.42)',
  required: '#ffb627',
  scheduled: '#3ee08f',
  scheduledFill: 'rgba(62, 224, 143, 0.10)',
  baseline: 'rgba(159, 176, 195, 0.75)',
  under: '#ff5c5c',
  underFill: 'rgba(255, 92, 92, 0.38)',
  now: 'rgba(243, 246, 250, 0.55)',
};
export const FONT = '600 12px "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", system-ui, sans-serif';
/** Whole numbers only on count axes: no "2.5 calls", no "2.5 agents". */
export const COUNT_INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000];

export const axisStyle: uPlot.Axis = {
  stroke: COLORS.text,
  font: FONT,
  grid: { stroke: COLORS.grid, width: 1 },
  ticks: { stroke: COLORS.grid, width: 1, size: 4 },
};

/**
 * A step line that holds each value across its whole interval: x is the interval's middle
 * (epoch seconds), `halfSeconds` half its length. uPlot's own stepped paths step at the points,
 * which with mid-interval x would put every step half an interval late. Adjacent intervals are
 * joined by a vertical; a null breaks the line. With `fill`, the area down to zero is filled too.
 */
export function intervalSteps(halfSeconds: number, fill = false): uPlot.Series.PathBuilder {
  return (u, seriesIdx, idx0, idx1) => {
    const xs = u.data[0];
    const ys = u.data[seriesIdx]!;
    const scale = u.series[seriesIdx]!.scale ?? 'y';
    const stroke = new Path2D();
    const area = fill ? new Path2D() : null;
    const zero = u.valToPos(0, scale, true);
    let runStart: number | null = null;
    let lastRight: number | null = null;
    const closeRun = () => {
      if (area && runStart !== null && lastRight !== null) {
        area.lineTo(lastRight, zero);
        area.lineTo(runStart, zero);
        area.closePath();
      }
      runStart = null;
      lastRight = null;
    };
    for (let i = idx0; i <= idx1; i++) {
      const v = ys[i];
      if (v == null) {
        closeRun();
        continue;
      }
      const left = u.valToPos(xs[i]! - halfSeconds, 'x', true);
      const right = u.valToPos(xs[i]! + halfSeconds, 'x', true);
      const y = u.valToPos(v, scale, true);
      if (lastRight !== null && Math.abs(lastRight - left) < 1) {
        stroke.lineTo(left, y);
        area?.lineTo(left, y);
      } else {
        closeRun();
        stroke.moveTo(left, y);
        area?.moveTo(left, zero);
        area?.lineTo(left, y);
        runStart = left;
      }
      stroke.lineTo(right, y);
      area?.lineTo(right, y);
      lastRight = right;
    }
    closeRun();
    return { stroke, fill: area, clip: null, flags: 0 };
  };
}

/** Draws nothing: for a series that only shows its value in the legend. */
export const noPath: uPlot.Series.PathBuilder = () => null;

/** A vertical line at `nowSec` (epoch seconds) across the plot, if it falls inside it. */
export function drawNowLine(u: uPlot, nowSec: number | null, label: string): void {
  if (nowSec == null) return;
  const [min, max] = [u.scales.x!.min!, u.scales.x!.max!];
  if (nowSec < min || nowSec > max) return;
  const x = Math.round(u.valToPos(nowSec, 'x', true));
  const ctx = u.ctx;
  const pr = uPlot.pxRatio;
  ctx.save();
  ctx.strokeStyle = COLORS.now;
  ctx.lineWidth = 1.5 * pr;
  ctx.setLineDash([4 * pr, 4 * pr]);
  ctx.beginPath();
  ctx.moveTo(x, u.bbox.top);
  ctx.lineTo(x, u.bbox.top + u.bbox.height);
  ctx.stroke();
  if (label) {
    ctx.setLineDash([]);
    ctx.fillStyle = COLORS.now;
    ctx.font = `700 ${11 * pr}px ${FONT.replace(/^600 12px /, '')}`;
    ctx.textBaseline = 'top';
    ctx.fillText(label, x + 4 * pr, u.bbox.top + 2 * pr);
  }
  ctx.restore();
}

export interface ChartBinding {
  /** Built again when any of this changes (compare by value, e.g. a JSON string). */
  key: () => string;
  options: (size: { width: number; height: number }) => uPlot.Options;
  data: () => uPlot.AlignedData;
}

/**
 * Binds a uPlot chart to `host`: call inside a component, before `host` is mounted is fine (the
 * chart is built in an effect, which runs after the refs are set). Returns the live chart.
 */
export function bindChart(host: () => HTMLElement, b: ChartBinding): () => uPlot | undefined {
  let chart: uPlot | undefined;
  const size = () => ({ width: Math.max(200, host().clientWidth), height: Math.max(120, host().clientHeight) });
  // By value: the parent hands over fresh props on every refresh, which must not rebuild the chart.
  const key = createMemo(() => b.key());
  createEffect(() => {
    key();
    const u = untrack(() => new uPlot(b.options(size()), b.data(), host()));
    chart = u;
    onCleanup(() => {
      u.destroy();
      if (chart === u) chart = undefined;
    });
  });
  createEffect(() => {
    const data = b.data();
    untrack(() => chart?.setData(data));
  });
  onMount(() => {
    // Follows the container, not the window: a side panel or a zoomed page changes its width too.
    const observer = new ResizeObserver(() => {
      const next = size();
      if (chart && (chart.width !== next.width || chart.height !== next.height)) chart.setSize(next);
    });
    observer.observe(host());
    onCleanup(() => observer.disconnect());
  });
  return () => chart;
}
