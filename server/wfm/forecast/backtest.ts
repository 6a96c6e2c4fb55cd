/**
 * Rolling-origin backtest and per-series method choice (NICE "Best Pick", Genesys "Automatic
 * Best Method", Zendesk's per-workstream selection): each of the last N open days is forecast
 * day-ahead by every method from only the open days before it; the method with the lowest MASE
 * over those days is chosen (ties to the simpler, earlier in the pool). MASE is scaled by the
 * one-week seasonal naive MAE over the rows before the first origin (metrics.ts).
 */
import { accumulate, emptySums, mae, mase, seasonalNaiveScale, wape } from './metrics.ts';
import type { ForecastMethod, MethodCache, MethodName, TrainingRow } from './methods.ts';

export interface MethodScore {
  method: MethodName;
  mase: number;
  wape: number;
  /** Mean absolute error per interval, contacts. */
  mae: number;
}

export interface BacktestResult {
  /** The origin days, oldest first, with their actuals. */
  readonly origins: readonly TrainingRow[];
  readonly scale: number;
  /** Every method's score, in pool order. */
  readonly scores: readonly MethodScore[];
  readonly best: MethodName;
  /** Day-ahead forecasts of each origin, per method. */
  readonly forecasts: ReadonlyMap<MethodName, readonly Float64Array[]>;
}

export interface BacktestOptions {
  /** Number of origins, the most recent open days (default 20). */
  origins?: number;
  /** Open days of history every origin keeps at least (default 10). */
  minTraining?: number;
  /** Per-method scratch space, kept for a forecast from all the rows afterwards. */
  caches?: Map<MethodName, MethodCache>;
}

/** Null when there are not enough open days for a single origin. */
export function backtest(rows: readonly TrainingRow[], methods: readonly ForecastMethod[], width: number, options: BacktestOptions = {}): BacktestResult | null {
  const minTraining = options.minTraining ?? 10;
  const count = Math.min(options.origins ?? 20, rows.length - minTraining);
  if (count < 1 || methods.length === 0) return null;
  const start = rows.length - count;
  const scale = seasonalNaiveScale(rows.slice(0, start));
  const forecasts = new Map<MethodName, Float64Array[]>();
  const scores: MethodScore[] = [];
  for (const method of methods) {
    let cache = options.caches?.get(method.name);
    if (!cache) {
      cache = new Map();
      options.caches?.set(method.name, cache);
    }
    const sums = emptySums();
    const out: Float64Array[] = [];
    for (let o = start; o < rows.length; o++) {
      const target = rows[o]!;
      const [f] = method.forecast(rows.slice(0, o), [{ day: target.day, weekday: target.weekday, afterClosure: target.afterClosure, ahead: 1 }], width, cache);
      out.push(f!);
      accumulate(sums, f!, target.contacts);
    }
    forecasts.set(method.name, out);
    scores.push({ method: method.name, mase: mase(sums, scale), wape: wape(sums), mae: mae(sums) });
  }
  const key = (s: MethodScore) => (Number.isFinite(s.mase) ? s.mase : s.mae);
  let best = scores[0]!;
  for (const s of scores) if (key(s) < key(best)) best = s;
  return { origins: rows.slice(start), scale, scores, best: best.method, forecasts };
}
