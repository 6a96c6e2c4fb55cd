/**
 * Rolling-origin backtest: on constructed series where one method is truly best, the method it
 * chooses from the past is the one that does best on the days that follow; accuracy metrics.
 */
import { describe, expect, it } from 'vitest';
import {
  accumulate,
  backtest,
  defaultMethods,
  emptySums,
  mae,
  mase,
  prepareSeries,
  seasonalNaive,
  seasonalNaiveScale,
  trainingDays,
  wape,
  weekdayAverage,
  type ForecastMethod,
  type MethodName,
  type TrainingRow,
} from '../../../server/wfm/forecast/index.ts';
import { curve, makeSeries, midnight, normal, seeded, WEEKDAY_LEVEL, ZONE } from './helpers.ts';

/** Rows of a series from `level(day)`, weekday levels, the intraday curve and relative noise. */
function construct(level: (day: number) => number, noise: number, seed: number): TrainingRow[] {
  const next = seeded(seed);
  const obs = makeSeries({
    from: '2023-01-02',
    to: '2023-09-29',
    skip: ['2023-04-07', '2023-05-01', '2023-08-15'],
    value: (day, minute, weekday) => Math.max(0, 50 * level(day) * WEEKDAY_LEVEL[weekday]! * curve(minute) * (1 + noise * normal(next))),
  });
  return trainingDays(prepareSeries(obs, { timeZone: ZONE, asOf: midnight('2023-10-02') }));
}

/** The choice from all but the last 20 days, and each method's score on those 20 days. */
function choiceAndTruth(rows: TrainingRow[], methods: ForecastMethod[]) {
  const past = rows.slice(0, -20);
  const chosen = backtest(past, methods, 40)!.best;
  const truth = backtest(rows, methods, 40, { origins: 20 })!;
  const byMase = [...truth.scores].sort((a, b) => a.mase - b.mase);
  return { chosen, best: byMase[0]!.method, truth: new Map(truth.scores.map((s) => [s.method, s.mase])) };
}

describe('backtest', () => {
  it('chooses the 8-week average for a stable weekly pattern under noise', () => {
    const rows = construct(() => 1, 0.25, 7);
    const { chosen, best, truth } = choiceAndTruth(rows, [seasonalNaive, weekdayAverage(8)]);
    expect(chosen).toBe('weekday-average');
    expect(best).toBe('weekday-average');
    // Averaging 8 weeks of noise against copying one week of it: about √(1 + 1/8) / √2 of the error.
    expect(truth.get('weekday-average')! / truth.get('seasonal-naive')!).toBeLessThan(0.85);
  });

  it('chooses the seasonal naive when the level keeps moving', () => {
    const next = seeded(11);
    const walk: number[] = [];
    let x = 0;
    for (let d = 0; d < 400; d++) walk.push((x += 0.08 * normal(next)));
    const start = Math.floor(midnight('2023-01-02') / 86_400_000);
    const rows = construct((day) => Math.exp(walk[day - start]!), 0.02, 12);
    const { chosen, best } = choiceAndTruth(rows, [seasonalNaive, weekdayAverage(8)]);
    expect(chosen).toBe('seasonal-naive');
    expect(best).toBe('seasonal-naive');
  });

  it('chooses, from the whole pool, a method within 3 % of the truly best on the following days', () => {
    // A day level drifting as an AR(1) around the weekly pattern, and interval noise.
    const next = seeded(5);
    const level: number[] = [];
    let x = 0;
    for (let d = 0; d < 400; d++) level.push((x = 0.8 * x + 0.06 * normal(next)));
    const start = Math.floor(midnight('2023-01-02') / 86_400_000);
    const rows = construct((day) => Math.exp(level[day - start]!), 0.1, 13);
    const { chosen, best, truth } = choiceAndTruth(rows, defaultMethods());
    expect(truth.get(chosen)! / truth.get(best)!).toBeLessThan(1.03);
    // The day-level models beat the plain averages here.
    expect((['svd-log', 'svd-sqrt', 'day-total-smoothing'] as MethodName[]).includes(chosen)).toBe(true);
  });

  it('needs enough history for one origin, and never trains on the day it scores', () => {
    const rows = construct(() => 1, 0.1, 3);
    expect(backtest(rows.slice(0, 10), [seasonalNaive], 40)).toBeNull();
    const seen: number[] = [];
    const spy: ForecastMethod = {
      name: 'seasonal-naive',
      forecast(train, targets, width) {
        for (const t of targets) {
          expect(train.every((r) => r.day < t.day)).toBe(true);
          seen.push(t.day);
        }
        return seasonalNaive.forecast(train, targets, width);
      },
    };
    const result = backtest(rows, [spy], 40, { origins: 5 })!;
    expect(seen).toEqual(rows.slice(-5).map((r) => r.day));
    expect(result.origins.map((r) => r.day)).toEqual(seen);
  });
});

describe('metrics', () => {
  it('WAPE and MASE as metrics.md defines them', () => {
    const sums = accumulate(emptySums(), [1, 2, 3, 4], [2, 2, 2, 2]);
    expect(mae(sums)).toBe(1); // (1 + 0 + 1 + 2) / 4
    expect(wape(sums)).toBe(0.5); // 4 / 8
    expect(mase(sums, 2)).toBe(0.5);
    expect(wape(emptySums())).toBeNaN();
  });

  it('scales MASE by the one-week seasonal naive over pairs seven days apart', () => {
    const row = (day: number, v: number): TrainingRow => ({ day, weekday: ((day % 7) + 7) % 7, afterClosure: false, contacts: Float64Array.of(v, v) });
    // Days 0, 7, 14 (pairs |10−12|, |12−18|) and 1, 8 (pair |5−5|); day 3 has no pair.
    const rows = [row(0, 10), row(1, 5), row(3, 100), row(7, 12), row(8, 5), row(14, 18)];
    expect(seasonalNaiveScale(rows)).toBe((2 * 2 + 6 * 2 + 0) / 6);
    // No pair a week apart (a holiday every other week): the previous day of the same weekday.
    expect(seasonalNaiveScale([row(0, 1), row(14, 4)])).toBe(3);
    expect(seasonalNaiveScale([row(0, 1)])).toBeNaN();
  });
});
