/**
 * Intraday reforecast: once part of today has been observed, the rest of today's forecast is
 * scaled by how today is running against it. With A and F today's actual and forecast contacts
 * so far and D the whole day's forecast, the ratio r = A / F (held to [0.5, 2]) is shrunk toward
 * 1 while little of the day has passed: factor = 1 + w (r − 1), w = F / (F + k D). Early in the
 * day w is small (a busy first half hour says little about the evening), late in the day w
 * approaches 1.
 *
 * Guard ("never worse than none"): the shrink k is chosen per series and per cut-off on the
 * backtest days, by replaying the same cut-off on each of them with the chosen method's
 * day-ahead forecasts; "no reforecast" is a candidate and wins ties, so the update is only used
 * where it would have reduced the error of the rest of the day on the recent past.
 */
export const SHRINK_CANDIDATES: readonly number[] = [8, 4, 2, 1, 0.5, 0.25];

const RATIO_MIN = 0.5;
const RATIO_MAX = 2;

function sum(a: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i]!;
  return s;
}

/** Factor for the intervals from `observed` on; 1 when nothing can be said. */
export function reforecastFactor(forecast: ArrayLike<number>, actual: ArrayLike<number>, observed: number, shrink: number): number {
  const f = sum(forecast, 0, observed);
  const day = sum(forecast, 0, forecast.length);
  if (!(f > 0) || !(day > 0) || observed <= 0) return 1;
  const ratio = Math.min(RATIO_MAX, Math.max(RATIO_MIN, sum(actual, 0, observed) / f));
  const w = f / (f + shrink * day);
  return 1 + w * (ratio - 1);
}

/** Today's forecast with the intervals from `observed` on scaled; `shrink` null leaves it as is. */
export function reforecast(forecast: Float64Array, actual: ArrayLike<number>, observed: number, shrink: number | null): { contacts: Float64Array; factor: number } {
  const factor = shrink === null ? 1 : reforecastFactor(forecast, actual, observed, shrink);
  const contacts = Float64Array.from(forecast);
  for (let s = observed; s < contacts.length; s++) contacts[s] = contacts[s]! * factor;
  return { contacts, factor };
}

/**
 * The shrink that minimised the absolute error of the rest of the day over past days at this
 * cut-off, or null (no reforecast) when none beats leaving the forecast alone.
 */
export function chooseShrink(forecasts: readonly Float64Array[], actuals: readonly ArrayLike<number>[], observed: number): number | null {
  let best: number | null = null;
  let bestError = Infinity;
  for (const k of [null, ...SHRINK_CANDIDATES]) {
    let error = 0;
    forecasts.forEach((f, i) => {
      const a = actuals[i]!;
      const g = reforecast(f, a, observed, k).contacts;
      for (let s = observed; s < f.length; s++) error += Math.abs(g[s]! - a[s]!);
    });
    if (error < bestError) {
      best = k;
      bestError = error;
    }
  }
  return best;
}
