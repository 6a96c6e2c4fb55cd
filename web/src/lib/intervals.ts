/**
 * A day of intervals, shaped for the chart, the table and the CSV link. Pure, so the rules about
 * gaps (no row means no contacts; a future interval means no data yet) are tested on their own.
 */
import type { IntervalStats, IntervalStep, ServiceLevelFormula } from './types.ts';
import { formatTimeOfDay } from './zoned-time.ts';

export const INTERVAL_STEPS: readonly IntervalStep[] = ['MIN15', 'HOUR1'];

export const STEP_MS: Record<IntervalStep, number> = { MIN15: 900_000, HOUR1: 3_600_000 };

export function isIntervalStep(value: unknown): value is IntervalStep {
  return INTERVAL_STEPS.includes(value as IntervalStep);
}

export interface ChartOptions {
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** Intervals that start after this have no data yet (today's future): null, not zero. */
  nowMs: number;
  /** Target service level as a fraction, drawn as a flat line; null draws none. */
  target: number | null;
}

/** uPlot's columns: x in epoch seconds at each interval's middle, so bars sit between the hour
 * ticks they belong to; percentages 0..100 for the right axis. */
export interface ChartColumns {
  x: number[];
  offered: (number | null)[];
  answered: (number | null)[];
  serviceLevel: (number | null)[];
  target: (number | null)[];
}

/**
 * One column entry per interval of [fromMs, toMs), whether the server sent a row for it or not.
 * The server omits intervals without contacts, so a missing past interval is a true zero, while
 * its service level is undefined (null: the line breaks rather than dropping to 0 %). Rows that
 * do not sit on the grid (a zone with a half-hour offset and hourly steps) are placed at their own
 * start rather than lost.
 */
export function chartColumns(rows: readonly IntervalStats[], o: ChartOptions): ChartColumns {
  const byStart = new Map<number, IntervalStats>();
  for (const r of rows) {
    const start = Date.parse(r.start);
    if (start >= o.fromMs && start < o.toMs) byStart.set(start, r);
  }
  const starts = new Set<number>(byStart.keys());
  for (let s = o.fromMs; s < o.toMs; s += o.stepMs) starts.add(s);

  const cols: ChartColumns = { x: [], offered: [], answered: [], serviceLevel: [], target: [] };
  for (const start of [...starts].sort((a, b) => a - b)) {
    const row = byStart.get(start);
    const begun = start <= o.nowMs;
    cols.x.push((start + o.stepMs / 2) / 1000);
    cols.offered.push(row ? row.offered : begun ? 0 : null);
    cols.answered.push(row ? row.answered : begun ? 0 : null);
    cols.serviceLevel.push(row?.serviceLevel == null ? null : row.serviceLevel * 100);
    cols.target.push(o.target == null ? null : o.target * 100);
  }
  return cols;
}

/** "09:15–09:30": an interval as the chart's cursor names it, on the tenant's wall clock. */
export function intervalSpanLabel(startMs: number, stepMs: number, zone: string, locale: string): string {
  return `${formatTimeOfDay(startMs, zone, locale)}–${formatTimeOfDay(startMs + stepMs, zone, locale)}`;
}

/** The table's rows: intervals in which contacts entered the queue, oldest first. Empty intervals
 * are left out whether or not the server sent them, so the table reads the same either way. */
export function tableRows(rows: readonly IntervalStats[]): IntervalStats[] {
  return rows.filter((r) => r.offered > 0).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

export interface IntervalTotals {
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  maxWaitSeconds: number | null;
}

/**
 * Service level from summed counts, for the formulas whose terms an interval carries.
 * ABANDONS_MET and REMOVED_WITHIN also need abandons and overflows within T, which intervals
 * do not report: null rather than a number computed some other way.
 */
export function serviceLevelFromCounts(
  c: Pick<IntervalStats, 'answered' | 'answeredWithinThreshold' | 'abandoned' | 'shortAbandoned' | 'overflowed'>,
  formula: ServiceLevelFormula,
): number | null {
  let denominator: number;
  switch (formula) {
    case 'ANSWERED_OF_OFFERED_EXCL_SHORT':
      denominator = c.answered + c.abandoned + c.overflowed - c.shortAbandoned;
      break;
    case 'ANSWERED_OF_OFFERED':
      denominator = c.answered + c.abandoned + c.overflowed;
      break;
    case 'ANSWERED_OF_ANSWERED':
      denominator = c.answered;
      break;
    default:
      return null;
  }
  return denominator > 0 ? c.answeredWithinThreshold / denominator : null;
}

/**
 * The footer of the table: sums, and averages weighted by what they average over (ASA by
 * answered, AHT by handled), which is exactly the day's value since each interval's average is
 * a sum divided by that count. Service level only when every interval used the same formula.
 */
export function intervalTotals(rows: readonly IntervalStats[]): IntervalTotals {
  const sum = (f: (r: IntervalStats) => number) => rows.reduce((acc, r) => acc + f(r), 0);
  const weighted = (value: (r: IntervalStats) => number | null, weight: (r: IntervalStats) => number) => {
    const w = sum((r) => (value(r) == null ? 0 : weight(r)));
    return w > 0 ? sum((r) => (value(r) ?? 0) * weight(r)) / w : null;
  };
  const counts = {
    answered: sum((r) => r.answered),
    answeredWithinThreshold: sum((r) => r.answeredWithinThreshold),
    abandoned: sum((r) => r.abandoned),
    shortAbandoned: sum((r) => r.shortAbandoned),
    overflowed: sum((r) => r.overflowed),
  };
  const formulas = new Set(rows.map((r) => r.serviceLevelFormula));
  const [formula] = formulas;
  const waits = rows.map((r) => r.maxWaitSeconds).filter((w): w is number => w != null);
  return {
    offered: sum((r) => r.offered),
    answered: counts.answered,
    abandoned: counts.abandoned,
    serviceLevel: formulas.size === 1 && formula ? serviceLevelFromCounts(counts, formula) : null,
    asaSeconds: weighted((r) => r.asaSeconds, (r) => r.answered),
    ahtSeconds: weighted((r) => r.ahtSeconds, (r) => r.handled),
    maxWaitSeconds: waits.length ? Math.max(...waits) : null,
  };
}

export interface CsvRequest {
  tenant: string;
  queue: string;
  fromMs: number;
  toMs: number;
  step: IntervalStep;
}

/** The report endpoint for the intervals on screen. No token here: it goes in a header. */
export function intervalsCsvPath(r: CsvRequest): string {
  const q = new URLSearchParams({
    tenant: r.tenant,
    queue: r.queue,
    from: new Date(r.fromMs).toISOString(),
    to: new Date(r.toMs).toISOString(),
    step: r.step,
  });
  return `/api/reports/intervals.csv?${q.toString()}`;
}

/** A file name that sorts by queue and day and is safe on every file system. */
export function csvFileName(queue: string, date: string, step: IntervalStep): string {
  const safe = queue.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `${safe}_${date}_${step === 'MIN15' ? '15min' : '1h'}.csv`;
}
