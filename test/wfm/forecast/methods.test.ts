/**
 * Each method on small hand-made series: a weekly-periodic series is forecast exactly by the
 * seasonal naive, the k-week average and day-total smoothing (and to rounding by the SVD
 * models); closed days (weekends, holidays) are not learned as zero-demand days; special days
 * are left out of training.
 */
import { describe, expect, it } from 'vitest';
import {
  dayOfIso,
  dayTotalSmoothing,
  forecastQueue,
  isoDate,
  METHOD_NAMES,
  prepareSeries,
  seasonalNaive,
  svdMethod,
  trainingDays,
  weekdayAverage,
  weekdayOf,
  type ForecastMethod,
  type TargetDay,
  type TrainingRow,
} from '../../../server/wfm/forecast/index.ts';
import { curve, makeSeries, midnight, WEEKDAY_LEVEL, ZONE } from './helpers.ts';

const periodic = (day: number, minute: number, weekday: number) => 40 * WEEKDAY_LEVEL[weekday]! * curve(minute);

function rowsOf(obs: ReturnType<typeof makeSeries>, asOf: string) {
  const s = prepareSeries(obs, { timeZone: ZONE, asOf: midnight(asOf) });
  return { series: s, rows: trainingDays(s) };
}

const target = (date: string, ahead = 1, afterClosure = false): TargetDay => ({ day: dayOfIso(date), weekday: weekdayOf(dayOfIso(date)), afterClosure, ahead });

function expected(date: string, first: number, width: number): number[] {
  const day = dayOfIso(date);
  return Array.from({ length: width }, (_, s) => periodic(day, (first + s) * 15, weekdayOf(day)));
}

function maxRelativeError(got: Float64Array, want: number[]): number {
  return Math.max(...want.map((w, i) => Math.abs(got[i]! - w) / w));
}

describe('methods on a weekly-periodic series', () => {
  // Ten weeks of weekdays with two holidays.
  const obs = makeSeries({ from: '2024-01-08', to: '2024-03-15', skip: ['2024-02-07', '2024-03-01'], value: periodic });
  const { series, rows } = rowsOf(obs, '2024-03-18');
  const { first, width } = series.window;
  const week = ['2024-03-18', '2024-03-19', '2024-03-20', '2024-03-21', '2024-03-22'];

  it.each([
    ['seasonal naive', seasonalNaive, 1e-12],
    ['8-week average', weekdayAverage(8), 1e-12],
    ['day-total smoothing', dayTotalSmoothing(), 1e-12],
    ['SVD on square roots', svdMethod({ transform: 'sqrt' }), 1e-6],
    ['SVD on logs', svdMethod({ transform: 'log' }), 0.005],
  ] as [string, ForecastMethod, number][])('%s forecasts it', (_, method, tolerance) => {
    const forecasts = method.forecast(
      rows,
      week.map((d, i) => target(d, i + 1)),
      width,
    );
    forecasts.forEach((f, i) => expect(maxRelativeError(f, expected(week[i]!, first, width))).toBeLessThanOrEqual(tolerance));
  });

  it('the k-week average takes the last k open days of the weekday', () => {
    // Wednesdays with two different levels: the last 3 at 10, earlier ones at 100.
    const rows2: TrainingRow[] = [];
    for (let i = 0; i < 8; i++) rows2.push({ day: 7 * i + 2, weekday: 2, afterClosure: false, contacts: Float64Array.of(i >= 5 ? 10 : 100) });
    rows2.push({ day: 60, weekday: 3, afterClosure: false, contacts: Float64Array.of(1000) });
    expect([...weekdayAverage(3).forecast(rows2, [target('1970-03-04')], 1)[0]!]).toEqual([10]);
    expect([...weekdayAverage(8).forecast(rows2, [target('1970-03-04')], 1)[0]!]).toEqual([(3 * 10 + 5 * 100) / 8]);
    expect([...seasonalNaive.forecast(rows2, [target('1970-03-04')], 1)[0]!]).toEqual([10]);
    // No history: zeros, not NaN.
    expect([...weekdayAverage(8).forecast([], [target('1970-03-04')], 2)[0]!]).toEqual([0, 0]);
  });
});

describe('closed days are not zero-demand days', () => {
  const obs = makeSeries({ from: '2024-01-08', to: '2024-03-15', skip: ['2024-02-07', '2024-02-14', '2024-03-06'], value: periodic });

  it.each(METHOD_NAMES)('%s: weekends and holidays neither pull the forecast down nor get contacts', (method) => {
    // Forecast the next week, Saturday and Sunday included, as the API would.
    const f = forecastQueue(obs, { timeZone: ZONE, asOf: midnight('2024-03-18'), from: midnight('2024-03-18'), to: midnight('2024-03-25'), method, backtestOrigins: 0 });
    const byDay = new Map<string, number>();
    for (const p of f.points) {
      const date = isoDate(Math.floor((p.start + 3_600_000) / 86_400_000));
      byDay.set(date, (byDay.get(date) ?? 0) + p.contacts);
    }
    expect(byDay.get('2024-03-23')).toBe(0);
    expect(byDay.get('2024-03-24')).toBe(0);
    const wednesday = expected('2024-03-20', 32, 40).reduce((a, b) => a + b, 0);
    // Three of the last eight Wednesdays were holidays: still the full Wednesday.
    expect(Math.abs(byDay.get('2024-03-20')! / wednesday - 1)).toBeLessThan(method === 'svd-log' ? 0.005 : 1e-6);
    expect(f.points.filter((p) => p.contacts > 0)).toHaveLength(5 * 40);
  });
});

describe('special days', () => {
  it('are left out of training', () => {
    const from = '2024-01-08';
    const to = '2024-03-15';
    const clean = makeSeries({ from, to, value: periodic });
    // A promotion doubles one Monday and triples one Friday.
    const spiked = makeSeries({ from, to, value: (day, minute, weekday) => periodic(day, minute, weekday) * (isoDate(day) === '2024-03-11' ? 2 : isoDate(day) === '2024-03-08' ? 3 : 1) });
    for (const method of METHOD_NAMES) {
      const request = { timeZone: ZONE, asOf: midnight('2024-03-18'), from: midnight('2024-03-18'), to: midnight('2024-03-23'), method, backtestOrigins: 0 };
      const want = forecastQueue(clean, request).points.map((p) => p.contacts);
      const marked = forecastQueue(spiked, { ...request, specialDays: ['2024-03-11', '2024-03-08'] }).points.map((p) => p.contacts);
      const unmarked = forecastQueue(spiked, request).points.map((p) => p.contacts);
      marked.forEach((x, i) => expect(x).toBeCloseTo(want[i]!, 6));
      expect(unmarked.some((x, i) => Math.abs(x - want[i]!) > 1)).toBe(true);
    }
  });
});

describe('the SVD model', () => {
  it('learns the backlog after an unexpected closure', () => {
    // Each day after a weekday holiday runs 30 % high.
    const holidays = ['2024-01-17', '2024-02-06', '2024-02-28', '2024-03-20', '2024-04-10'];
    const after = new Set(holidays.map((h) => isoDate(dayOfIso(h) + 1)));
    const obs = makeSeries({ from: '2024-01-08', to: '2024-04-26', skip: holidays, value: (day, minute, weekday) => periodic(day, minute, weekday) * (after.has(isoDate(day)) ? 1.3 : 1) });
    const { series, rows } = rowsOf(obs, '2024-04-29');
    const method = svdMethod({ transform: 'sqrt' });
    const [plain, backlog] = method.forecast(rows, [target('2024-05-02', 4), target('2024-05-02', 4, true)], series.window.width);
    const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
    // 5 examples and one pseudo-example at no effect: 5/6 of the 30 % (in √ space), about +25 %.
    expect(sum(backlog!) / sum(plain!)).toBeGreaterThan(1.2);
    expect(sum(backlog!) / sum(plain!)).toBeLessThan(1.3);
    // The shrunk effect leaves a little of the backlog in the weekday means: within 3 %.
    expect(maxRelativeError(plain!, expected('2024-05-02', 32, 40))).toBeLessThan(0.03);
  });
});
