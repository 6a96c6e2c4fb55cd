/**
 * forecastQueue as the API calls it: the range at the step in the tenant's zone, closed hours and
 * days at zero, AHT per interval, past days as they were forecast then, the asOf cut (no
 * leakage), the intraday reforecast, and the small pieces (reforecast factor, shrink guard,
 * linear algebra) underneath.
 */
import { describe, expect, it } from 'vitest';
import {
  chooseShrink,
  dayOfIso,
  forecastQueue,
  instantOf,
  localDayMinute,
  reforecast,
  reforecastFactor,
  type IntervalObservation,
} from '../../../server/wfm/forecast/index.ts';
import { jacobiEigen, leadingEigenvectors, solveSpd } from '../../../server/wfm/forecast/linalg.ts';
import { curve, makeSeries, midnight, normal, seeded, WEEKDAY_LEVEL, ZONE } from './helpers.ts';

const next = seeded(99);
const noisy = makeSeries({
  from: '2024-01-08',
  to: '2024-06-28',
  skip: ['2024-03-29', '2024-04-01', '2024-05-01'],
  value: (day, minute, weekday) => Math.max(0, Math.round(30 * WEEKDAY_LEVEL[weekday]! * curve(minute) * (1 + 0.1 * normal(next)))),
  ahtSeconds: (_, minute) => (minute < 12 * 60 ? 200 : 300),
});

describe('forecastQueue', () => {
  const asOf = midnight('2024-07-01');
  const week = forecastQueue(noisy, { timeZone: ZONE, asOf, from: asOf, to: midnight('2024-07-08') });

  it('gives every interval of the range at the step, zero outside opening hours and on closed days', () => {
    expect(week.points).toHaveLength(7 * 96);
    week.points.forEach((p, i) => expect(p.start).toBe(asOf + i * 900_000));
    for (const p of week.points) {
      const { day, minute } = localDayMinute(ZONE, p.start);
      const open = minute >= 8 * 60 && minute < 18 * 60 && day < dayOfIso('2024-07-06');
      expect(p.contacts > 0).toBe(open);
      expect(p.ahtSeconds !== null).toBe(open);
    }
    expect(week.stepMinutes).toBe(15);
    expect(week.candidates.map((c) => c.method)).toEqual(['seasonal-naive', 'weekday-average', 'day-total-smoothing', 'svd-log', 'svd-sqrt']);
    expect(week.accuracy!.origins).toBe(20);
    expect(week.accuracy!.mase).toBe(Math.min(...week.candidates.map((c) => c.mase)));
    expect(week.method).toBe(week.candidates.find((c) => c.mase === week.accuracy!.mase)!.method);
  });

  it('forecasts AHT by interval from the same weekday, near the history', () => {
    for (const p of week.points) {
      if (p.ahtSeconds === null) continue;
      const { minute } = localDayMinute(ZONE, p.start);
      const want = minute < 12 * 60 ? 200 : 300;
      // Shrunk a little toward the day's mean next to noon only.
      expect(Math.abs(p.ahtSeconds - want) / want).toBeLessThan(0.01);
    }
    // A queue that never reported AHT: null, not 0.
    const bare = noisy.map(({ start, contacts }) => ({ start, contacts }));
    const f = forecastQueue(bare, { timeZone: ZONE, asOf, from: asOf, to: midnight('2024-07-02'), backtestOrigins: 0 });
    expect(f.points.every((p) => p.ahtSeconds === null)).toBe(true);
  });

  it('aggregates to 30 and 60 minutes', () => {
    const range = { timeZone: ZONE, asOf, from: asOf, to: midnight('2024-07-02'), method: 'weekday-average' as const, backtestOrigins: 0 };
    const q = forecastQueue(noisy, range).points;
    for (const step of [30, 60] as const) {
      const f = forecastQueue(noisy, { ...range, stepMinutes: step });
      expect(f.points).toHaveLength(1440 / step);
      f.points.forEach((p) => {
        const inside = q.filter((x) => x.start >= p.start && x.start < p.start + step * 60_000);
        expect(p.contacts).toBeCloseTo(
          inside.reduce((a, x) => a + x.contacts, 0),
          9,
        );
      });
    }
  });

  it('uses nothing from asOf on (no leakage), for the forecast and for its backtest', () => {
    const cut = midnight('2024-05-15');
    const request = { timeZone: ZONE, asOf: cut, from: cut, to: midnight('2024-05-18') };
    const a = forecastQueue(noisy, request);
    const b = forecastQueue(
      noisy.filter((o) => o.start < cut),
      request,
    );
    // Later data doubled: still the same forecast.
    const c = forecastQueue(
      noisy.map((o) => (o.start >= cut ? { ...o, contacts: o.contacts * 2 } : o)),
      request,
    );
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(a.points.some((p) => p.contacts > 0)).toBe(true);
  });

  it('gives past days the forecast each had the day before', () => {
    const past = forecastQueue(noisy, { timeZone: ZONE, asOf, from: midnight('2024-06-24'), to: midnight('2024-06-26') });
    const dayBefore = forecastQueue(noisy, { timeZone: ZONE, asOf: midnight('2024-06-25'), from: midnight('2024-06-25'), to: midnight('2024-06-26'), method: past.method });
    past.points.slice(96).forEach((p, i) => {
      const q = dayBefore.points[i]!;
      expect(p.start).toBe(q.start);
      // Equal to the eigen-solver's tolerance: the backtest warm-starts its SVD, a fresh fit does not.
      expect(Math.abs(p.contacts - q.contacts)).toBeLessThanOrEqual(1e-4 * q.contacts);
      expect(p.ahtSeconds).toEqual(q.ahtSeconds);
    });
  });

  it('reforecasts the rest of today from its actuals, leaving the past intervals alone', () => {
    // Whole days run high or low (±15 %), and today (a Monday) runs 30 % above the pattern.
    const rnd = seeded(8);
    const levels = new Map<number, number>();
    const levelOf = (day: number) => levels.get(day) ?? levels.set(day, 1 + 0.15 * normal(rnd)).get(day)!;
    const today = dayOfIso('2024-07-01');
    const history = makeSeries({
      from: '2024-01-08',
      to: '2024-07-01',
      value: (day, minute, weekday) => (day === today ? 1.3 : levelOf(day)) * 30 * WEEKDAY_LEVEL[weekday]! * curve(minute) * (1 + 0.05 * normal(rnd)),
    });
    const cutoff = instantOf(ZONE, today, 13 * 60);
    const request = { timeZone: ZONE, asOf: cutoff, from: midnight('2024-07-01'), to: midnight('2024-07-02') };
    const plain = forecastQueue(history, { ...request, intraday: false });
    const re = forecastQueue(history, request);
    expect(plain.intraday).toBeNull();
    expect(re.intraday!.observedIntervals).toBe(20);
    expect(re.intraday!.shrink).not.toBeNull();
    expect(re.intraday!.factor).toBeGreaterThan(1.1);
    expect(re.intraday!.factor).toBeLessThan(1.35);
    re.points.forEach((p, i) => {
      const before = plain.points[i]!.contacts;
      expect(p.contacts).toBeCloseTo(p.start < cutoff ? before : before * re.intraday!.factor, 9);
    });
  });

  it('says so when there is too little history to backtest, and forecasts nothing with none', () => {
    const short = noisy.filter((o) => o.start < midnight('2024-01-17'));
    const f = forecastQueue(short, { timeZone: ZONE, asOf: midnight('2024-01-17'), from: midnight('2024-01-17'), to: midnight('2024-01-18') });
    expect(f.accuracy).toBeNull();
    expect(f.method).toBe('weekday-average');
    expect(f.points.some((p) => p.contacts > 0)).toBe(true);
    const none = forecastQueue([], { timeZone: ZONE, asOf, from: asOf, to: midnight('2024-07-02') });
    expect(none.points.every((p) => p.contacts === 0 && p.ahtSeconds === null)).toBe(true);
  });
});

describe('intraday reforecast', () => {
  it('scales the rest of the day by the shrunk ratio of actual to forecast so far', () => {
    const f = Float64Array.of(10, 10, 10, 10);
    const a = [15, 15, 0, 0];
    // r = 30 / 20 = 1.5, w = 20 / (20 + 1 · 40) = 1/3: factor 1 + 0.5 / 3.
    expect(reforecastFactor(f, a, 2, 1)).toBeCloseTo(1 + 0.5 / 3, 12);
    expect([...reforecast(f, a, 2, 1).contacts]).toEqual([10, 10, 10 * (1 + 0.5 / 3), 10 * (1 + 0.5 / 3)]);
    expect(reforecast(f, a, 2, null).factor).toBe(1);
    // The ratio is held to [0.5, 2]; nothing observed or forecast: no change.
    expect(reforecastFactor(f, [100, 100, 0, 0], 2, 0)).toBe(2);
    expect(reforecastFactor(f, a, 0, 1)).toBe(1);
    expect(reforecastFactor(new Float64Array(4), a, 2, 1)).toBe(1);
  });

  it('is not applied where it would have made the past days worse', () => {
    // Mornings say nothing about afternoons: a busy morning comes with a quiet afternoon.
    const f = [Float64Array.of(10, 10, 10, 10), Float64Array.of(10, 10, 10, 10)];
    const actual = [
      [14, 14, 6, 6],
      [6, 6, 14, 14],
    ];
    expect(chooseShrink(f, actual, 2)).toBeNull();
    // Mornings and afternoons move together: it is applied, the least shrunk best.
    const together = [
      [14, 14, 14, 14],
      [6, 6, 6, 6],
    ];
    expect(chooseShrink(f, together, 2)).toBe(0.25);
  });
});

describe('linear algebra', () => {
  it('finds the leading eigenvectors of a Gram matrix as Jacobi does', () => {
    const rnd = seeded(3);
    const n = 57;
    const rows = Array.from({ length: 120 }, () => Float64Array.from({ length: n }, (_, k) => 5 + Math.sin(k / 9) * normal(rnd) + 0.3 * normal(rnd)));
    const g = new Float64Array(n * n);
    for (const x of rows) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) g[i * n + j]! += x[i]! * x[j]!;
    const exact = jacobiEigen(g, n);
    const lead = leadingEigenvectors(g, n, 3);
    lead.forEach((v, i) => {
      let d = 0;
      for (let k = 0; k < n; k++) d += v[k]! * exact.vectors[i]![k]!;
      expect(Math.abs(d)).toBeGreaterThan(1 - 1e-6);
    });
    // Jacobi: g v = λ v.
    const v = exact.vectors[0]!;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += g[i * n + j]! * v[j]!;
      expect(s).toBeCloseTo(exact.values[0]! * v[i]!, 6);
    }
  });

  it('solves small positive-definite systems', () => {
    const x = solveSpd(Float64Array.of(4, 2, 2, 3), Float64Array.of(2, 5), 2);
    expect(x[0]).toBeCloseTo(-0.5, 12);
    expect(x[1]).toBeCloseTo(2, 12);
  });
});
