/**
 * Forecast accuracy (shared/design/metrics.md): WAPE = Σ|error| / Σ actual; MASE = mean absolute
 * error / the in-sample mean absolute error of the one-week seasonal naive forecast. In-sample
 * means the history before the first evaluated day, and "one week" a pair of open days exactly
 * seven days apart (a holiday leaves its week out of the scale), over every interval of the open
 * window. Scaled that way on the bank data, the 8-week same-weekday average scores MASE 0.80 over
 * the last 30 weekdays, as the data README says.
 */
import type { TrainingRow } from './methods.ts';

export interface ErrorSums {
  absError: number;
  actual: number;
  count: number;
}

export function emptySums(): ErrorSums {
  return { absError: 0, actual: 0, count: 0 };
}

/** Add |forecast − actual| over intervals from … to − 1 of one day. */
export function accumulate(sums: ErrorSums, forecast: ArrayLike<number>, actual: ArrayLike<number>, from = 0, to = actual.length): ErrorSums {
  for (let s = from; s < to; s++) {
    sums.absError += Math.abs(forecast[s]! - actual[s]!);
    sums.actual += actual[s]!;
    sums.count++;
  }
  return sums;
}

export function wape(sums: ErrorSums): number {
  return sums.actual > 0 ? sums.absError / sums.actual : NaN;
}

export function mae(sums: ErrorSums): number {
  return sums.count > 0 ? sums.absError / sums.count : NaN;
}

export function mase(sums: ErrorSums, scale: number): number {
  return scale > 0 ? mae(sums) / scale : NaN;
}

/**
 * In-sample MAE of the one-week seasonal naive over `rows` (open days, oldest first): pairs of
 * rows seven days apart; with no such pair, each row against the previous row of its weekday;
 * NaN with no pair at all.
 */
export function seasonalNaiveScale(rows: readonly TrainingRow[]): number {
  const byDay = new Map<number, TrainingRow>();
  for (const r of rows) byDay.set(r.day, r);
  let sums = emptySums();
  for (const r of rows) {
    const prev = byDay.get(r.day - 7);
    if (prev) accumulate(sums, prev.contacts, r.contacts);
  }
  if (sums.count === 0) {
    sums = emptySums();
    const last = new Map<number, TrainingRow>();
    for (const r of rows) {
      const prev = last.get(r.weekday);
      if (prev) accumulate(sums, prev.contacts, r.contacts);
      last.set(r.weekday, r);
    }
  }
  return mae(sums);
}
