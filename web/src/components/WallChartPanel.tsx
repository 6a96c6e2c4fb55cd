/**
 * Today on the wall, by 15-minute interval: offered and answered as bars, service level as a line
 * against the target (the drill-down's chart, on the tenant's hours). Read again every minute and
 * at midnight in the tenant's zone; the canvas is redrawn in place, never rebuilt.
 */
import { createMemo, onCleanup, Show } from 'solid-js';
import { INTERVALS_QUERY } from '../lib/documents.ts';
import { AuthError, query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import { chartColumns, STEP_MS } from '../lib/intervals.ts';
import { createPolledQuery } from '../lib/polled-query.ts';
import type { IntervalStats } from '../lib/types.ts';
import { dayRange, localDate } from '../lib/zoned-time.ts';
import { IntervalChart } from './IntervalChart.tsx';

const EVERY_MS = 60_000;

export interface WallChartPanelProps {
  tenant: string;
  /** One queue, or null: all of the tenant's queues together. */
  queue: string | null;
  title: string;
  /** The queue's target service level (fraction), drawn as a dashed line; null draws none. */
  target: number | null;
  /** The tenant's zone: "today" is its day. */
  zone: string;
  /** The zone the hours are written in (the screen's choice). */
  labelZone: string;
  now: number;
  token(): string;
  onUnauthorized(): void;
}

export function WallChartPanel(props: WallChartPanelProps) {
  // The day follows the clock: at the tenant's midnight the key changes and the chart starts afresh.
  const day = createMemo(() => localDate(props.now, props.zone));
  const key = createMemo(() => ({ tenant: props.tenant, queue: props.queue, day: day(), zone: props.zone }), undefined, {
    equals: (a, b) => a.tenant === b.tenant && a.queue === b.queue && a.day === b.day && a.zone === b.zone,
  });
  const intervals = createPolledQuery(
    key,
    async (k, signal) => {
      const range = dayRange(k.day, k.zone);
      const variables = { tenant: k.tenant, queue: k.queue, from: new Date(range.fromMs).toISOString(), to: new Date(range.toMs).toISOString(), step: 'MIN15' };
      const { intervals: rows } = await query<{ intervals: IntervalStats[] }>(INTERVALS_QUERY, variables, props.token(), signal);
      return { rows, range, atMs: Date.now() };
    },
    (err) => {
      if (err instanceof AuthError) props.onUnauthorized();
      return err instanceof Error ? err.message : String(err);
    },
  );
  const timer = setInterval(() => intervals.refresh(), EVERY_MS);
  onCleanup(() => clearInterval(timer));

  const columns = createMemo(() => {
    const d = intervals.data();
    if (!d) return null;
    return chartColumns(d.rows, { fromMs: d.range.fromMs, toMs: d.range.toMs, stepMs: STEP_MS.MIN15, nowMs: d.atMs, target: props.target });
  });

  return (
    <div class="wall-chart" data-testid="wall-chart">
      <h2 class="wall-panel-title">{props.title}</h2>
      <Show when={columns() && intervals.data()} fallback={<p class="wall-panel-note">{intervals.error() ?? t().loading}</p>}>
        <IntervalChart columns={columns()!} fromMs={intervals.data()!.range.fromMs} toMs={intervals.data()!.range.toMs} stepMs={STEP_MS.MIN15} zone={props.labelZone} />
      </Show>
    </div>
  );
}
