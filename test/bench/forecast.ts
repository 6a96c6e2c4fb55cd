/**
 * Interval forecasting.
 *
 * (1) Accuracy on the bank data (shared/data/forecast, fpp2 `calls`): day-ahead 15-minute
 *     forecasts for each of the last 30 weekdays, each from the history strictly before its day;
 *     MASE (scaled by the one-week seasonal naive's in-sample MAE before the first test day,
 *     shared/design/metrics.md) and WAPE of the method the backtest chooses, beside the 8-week
 *     same-weekday average and the one-week seasonal naive on the same days.
 * (2) Speed: 100 synthetic queues with a year of 15-minute history each (the bank's weekday
 *     profiles scaled from 200 to 40,000 contacts a day, a drifting level, holidays and Poisson
 *     noise), each forecast for the next week with the backtest choosing among all methods;
 *     beside the 8-week average doing the same job without a backtest.
 */
import {
  dayOfIso,
  forecastQueue,
  instantOf,
  isoDate,
  prepareSeries,
  trainingDays,
  weekdayOf,
  type IntervalObservation,
} from '../../server/wfm/forecast/index.ts';
import { actualsOf, BANK_ZONE, dayAhead, dayStart, lastWeekdays, loadBank } from '../wfm/forecast/bank.ts';
import { median, type BenchResult } from './stats.ts';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

function poisson(lambda: number, next: () => number): number {
  if (lambda <= 0) return 0;
  if (lambda < 30) {
    const l = Math.exp(-lambda);
    let k = 0;
    let p = 1;
    do {
      k++;
      p *= next();
    } while (p > l);
    return k - 1;
  }
  // Normal approximation (Box-Muller) for large rates.
  const z = Math.sqrt(-2 * Math.log(Math.max(next(), 1e-300))) * Math.cos(2 * Math.PI * next());
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
}

export interface SyntheticQueue {
  observations: IntervalObservation[];
  /** Local midnight after the last day of history. */
  asOf: number;
}

/** Queues from the bank's pattern: its mean 15-minute profile per weekday, scaled and noised. */
export function syntheticQueues(count: number, weeks = 52, zone = BANK_ZONE, seed = 20_030_303): SyntheticQueue[] {
  const bank = loadBank();
  const series = prepareSeries(bank.observations, { timeZone: BANK_ZONE, asOf: dayStart(bank.dates[bank.dates.length - 1]!) + 86_400_000 });
  const rows = trainingDays(series);
  const { first, width } = series.window;
  // Mean day per weekday, as a share of the mean day total.
  const profile = Array.from({ length: 5 }, () => new Float64Array(width));
  const n = new Array<number>(5).fill(0);
  let all = 0;
  for (const r of rows) {
    for (let s = 0; s < width; s++) {
      profile[r.weekday]![s]! += r.contacts[s]!;
      all += r.contacts[s]!;
    }
    n[r.weekday]!++;
  }
  const meanDay = all / rows.length;
  profile.forEach((p, w) => p.forEach((x, s) => (p[s] = x / n[w]! / meanDay)));

  const next = random(seed);
  const startDay = dayOfIso('2024-01-01'); // a Monday
  const days = weeks * 7;
  const queues: SyntheticQueue[] = [];
  for (let q = 0; q < count; q++) {
    const daily = 200 * 200 ** next(); // 200 … 40,000 contacts a day
    const holidays = new Set(Array.from({ length: 8 }, () => startDay + Math.floor(next() * days)));
    const observations: IntervalObservation[] = [];
    let level = 0;
    for (let d = startDay; d < startDay + days; d++) {
      const w = weekdayOf(d);
      if (w >= 5 || holidays.has(d)) continue;
      level = 0.9 * level + 0.04 * (next() - 0.5) * 2;
      const scale = daily * Math.exp(level);
      for (let s = 0; s < width; s++) {
        const contacts = poisson(scale * profile[w]![s]!, next);
        const aht = 180 + 120 * next();
        observations.push({ start: instantOf(zone, d, (first + s) * 15), contacts, ahtSeconds: aht });
      }
    }
    queues.push({ observations, asOf: instantOf(zone, startDay + days, 0) });
  }
  return queues;
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export function benchForecast(reps = 3): BenchResult[] {
  const results: BenchResult[] = [];
  const days = lastWeekdays(30);
  const chosen = dayAhead(days);
  const average = dayAhead(days, { method: 'weekday-average', backtestOrigins: 0 });
  const naive = dayAhead(days, { method: 'seasonal-naive', backtestOrigins: 0 });
  const picks = Object.entries(chosen.chosen)
    .map(([m, c]) => `${m} ${c}`)
    .join(', ');
  const period = `${days[0]} to ${days[days.length - 1]}`;
  // Poisson noise floor: a forecast knowing each interval's rate exactly still errs by
  // E|X − λ| ≈ √(2λ/π); the actual counts stand in for the rates.
  const counts = days.flatMap((d) => [...actualsOf(loadBank().observations, d).values()]);
  const floor = counts.reduce((a, x) => a + Math.sqrt((2 * x) / Math.PI), 0) / counts.length / chosen.scale;
  results.push(
    {
      name: 'forecast accuracy, bank data, day-ahead 15 min, last 30 weekdays: MASE',
      unit: '',
      value: chosen.mase,
      baselineName: '8-week same-weekday average',
      baseline: average.mase,
      note: `lower is better; ${period}; chosen per day by backtest (${picks}); seasonal naive ${naive.mase.toFixed(3)}; Poisson noise floor ≈ ${floor.toFixed(2)}`,
    },
    {
      name: 'forecast accuracy, bank data, day-ahead 15 min, last 30 weekdays: WAPE',
      unit: '%',
      value: 100 * chosen.wape,
      baselineName: '8-week same-weekday average',
      baseline: 100 * average.wape,
      note: `lower is better; seasonal naive ${(100 * naive.wape).toFixed(2)} %`,
    },
  );

  const queues = syntheticQueues(100);
  const week = (q: SyntheticQueue) => ({ timeZone: BANK_ZONE, asOf: q.asOf, from: q.asOf, to: q.asOf + 7 * 86_400_000 });
  const ours: number[] = [];
  const base: number[] = [];
  const methods = new Map<string, number>();
  for (let r = 0; r < reps; r++) {
    ours.push(
      time(() =>
        queues.forEach((q) => {
          const f = forecastQueue(q.observations, week(q));
          if (r === 0) methods.set(f.method, (methods.get(f.method) ?? 0) + 1);
        }),
      ),
    );
    base.push(time(() => queues.forEach((q) => forecastQueue(q.observations, { ...week(q), method: 'weekday-average', backtestOrigins: 0 }))));
  }
  const first = queues[0]!;
  results.push({
    name: 'forecast, 100 queues x 1 year of 15-min history, next week each',
    unit: 'ms',
    value: median(ours),
    baselineName: '8-week average, no backtest',
    baseline: median(base),
    note: `backtest of 5 methods over 20 days per queue included; ${(median(ours) / queues.length).toFixed(0)} ms per queue; history ${isoDate(dayOfIso('2024-01-01'))} on, ${first.observations.length} intervals per queue; chosen: ${[...methods].map(([m, c]) => `${m} ${c}`).join(', ')}; lower is better`,
  });
  return results;
}
