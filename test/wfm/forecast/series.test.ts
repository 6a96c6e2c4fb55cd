/**
 * Series preparation: local days and intervals in the tenant's zone (DST included), aggregation
 * to 30 and 60 minutes, open and closed days, special days, and the asOf cut.
 */
import { describe, expect, it } from 'vitest';
import {
  dayOfIso,
  expectedAfterClosure,
  expectedOpen,
  instantOf,
  isoDate,
  prepareSeries,
  trainingDays,
  weekdayOf,
  type IntervalObservation,
} from '../../../server/wfm/forecast/index.ts';
import { makeSeries, midnight, ZONE } from './helpers.ts';

const statusOf = (s: ReturnType<typeof prepareSeries>, date: string) => s.days.find((d) => d.date === date)?.status;

describe('calendar', () => {
  it('converts between ISO dates, day numbers and weekdays', () => {
    expect(dayOfIso('1970-01-01')).toBe(0);
    expect(isoDate(dayOfIso('2024-02-29'))).toBe('2024-02-29');
    expect(weekdayOf(dayOfIso('2024-01-01'))).toBe(0); // a Monday
    expect(weekdayOf(dayOfIso('2003-10-26'))).toBe(6); // a Sunday
    for (let d = -1000; d < 30_000; d += 37) expect(dayOfIso(isoDate(d))).toBe(d);
    expect(() => dayOfIso('2024-02-30')).toThrow();
  });

  it('finds the instant of a local time on both sides of a DST change', () => {
    expect(new Date(instantOf(ZONE, dayOfIso('2024-03-29'), 8 * 60)).toISOString()).toBe('2024-03-29T07:00:00.000Z');
    expect(new Date(instantOf(ZONE, dayOfIso('2024-04-02'), 8 * 60)).toISOString()).toBe('2024-04-02T06:00:00.000Z');
    // 02:30 on 27 October 2024 happens twice in Madrid: the earlier one.
    expect(new Date(instantOf(ZONE, dayOfIso('2024-10-27'), 150)).toISOString()).toBe('2024-10-27T00:30:00.000Z');
  });
});

describe('prepareSeries', () => {
  it('puts intervals on local clock time across DST, summing 5-minute data into 15, 30 and 60 minutes', () => {
    const obs = makeSeries({ from: '2024-03-25', to: '2024-04-05', stepMinutes: 5, value: () => 1 });
    const asOf = midnight('2024-04-08');
    for (const [step, per] of [
      [15, 3],
      [30, 6],
      [60, 12],
    ] as const) {
      const s = prepareSeries(obs, { timeZone: ZONE, stepMinutes: step, asOf });
      expect(s.window).toEqual({ first: (8 * 60) / step, width: (10 * 60) / step });
      const rows = trainingDays(s);
      expect(rows.map((r) => r.date)).toEqual(['2024-03-25', '2024-03-26', '2024-03-27', '2024-03-28', '2024-03-29', '2024-04-01', '2024-04-02', '2024-04-03', '2024-04-04', '2024-04-05']);
      for (const r of rows) expect([...r.contacts]).toEqual(new Array(s.window.width).fill(per));
    }
    expect(() => prepareSeries(obs, { timeZone: ZONE, stepMinutes: 20 as 15, asOf })).toThrow(RangeError);
  });

  it('adds the repeated hour of a 25-hour day and leaves the skipped hour of a 23-hour day empty', () => {
    // A 24-hour queue with one contact in every real quarter hour.
    const obs: IntervalObservation[] = [];
    for (const [from, to] of [
      ['2024-03-25', '2024-04-01'],
      ['2024-10-21', '2024-10-29'],
    ] as const) {
      for (let t = midnight(from); t < midnight(to); t += 900_000) obs.push({ start: t, contacts: 1 });
    }
    const s = prepareSeries(obs, { timeZone: ZONE, asOf: midnight('2024-11-01') });
    expect(s.window).toEqual({ first: 0, width: 96 });
    const day = (date: string) => [...s.days.find((d) => d.date === date)!.contacts];
    expect(day('2024-10-27').slice(8, 12)).toEqual([2, 2, 2, 2]); // 02:00-02:45 twice
    expect(day('2024-10-27').reduce((a, b) => a + b, 0)).toBe(100);
    expect(day('2024-03-31').slice(8, 12)).toEqual([0, 0, 0, 0]); // 02:00-02:45 never happen
    expect(day('2024-03-31').reduce((a, b) => a + b, 0)).toBe(92);
    expect(day('2024-10-28')).toEqual(new Array(96).fill(1));
  });

  it('tells closed days from open ones, and learns which weekdays are usually open', () => {
    // Five weeks of weekdays; a Wednesday holiday without data, a Thursday with only zero rows,
    // a Tuesday with one stray call at 23:00 and nothing in opening hours.
    const obs = makeSeries({ from: '2024-01-01', to: '2024-02-02', skip: ['2024-01-10'], value: (day) => (isoDate(day) === '2024-01-18' || isoDate(day) === '2024-01-23' ? 0 : 5) });
    obs.push({ start: instantOf(ZONE, dayOfIso('2024-01-23'), 23 * 60), contacts: 1 });
    const s = prepareSeries(obs, { timeZone: ZONE, asOf: midnight('2024-02-05') });
    expect(s.window).toEqual({ first: 32, width: 40 }); // 08:00-18:00, not stretched to 23:00
    expect(statusOf(s, '2024-01-06')).toBe('closed'); // Saturday
    expect(statusOf(s, '2024-01-07')).toBe('closed');
    expect(statusOf(s, '2024-01-10')).toBe('closed'); // holiday, no data
    expect(statusOf(s, '2024-01-18')).toBe('closed'); // zeros only
    expect(statusOf(s, '2024-01-23')).toBe('closed'); // outside the window only
    expect(statusOf(s, '2024-01-09')).toBe('open');
    expect(s.usualOpen).toEqual([true, true, true, true, true, false, false]);
    const rows = trainingDays(s);
    expect(rows).toHaveLength(25 - 3);
    expect(rows.every((r) => r.weekday < 5 && r.contacts.every((x) => x === 5))).toBe(true);
    // The day after an unexpected closure is flagged; a Monday after a weekend is not.
    const flagged = s.days.filter((d) => d.afterClosure).map((d) => d.date);
    expect(flagged).toEqual(['2024-01-11', '2024-01-19', '2024-01-24']);
  });

  it('keeps special days apart, and closes listed closed days', () => {
    const obs = makeSeries({ from: '2024-01-01', to: '2024-01-26', value: () => 4 });
    const s = prepareSeries(obs, { timeZone: ZONE, asOf: midnight('2024-01-29'), specialDays: ['2024-01-12'], closedDays: ['2024-01-17', '2024-01-31'] });
    expect(statusOf(s, '2024-01-12')).toBe('special');
    expect(statusOf(s, '2024-01-17')).toBe('closed');
    expect(trainingDays(s).map((d) => d.date)).not.toContain('2024-01-12');
    expect(trainingDays(s).map((d) => d.date)).not.toContain('2024-01-17');
    expect(trainingDays(s)).toHaveLength(18);
    // Ahead: a listed closure is closed, the day after it follows a closure, weekends stay closed.
    expect(expectedOpen(s, dayOfIso('2024-01-31'))).toBe(false);
    expect(expectedOpen(s, dayOfIso('2024-02-01'))).toBe(true);
    expect(expectedAfterClosure(s, dayOfIso('2024-02-01'))).toBe(true);
    expect(expectedOpen(s, dayOfIso('2024-02-03'))).toBe(false);
    expect(expectedAfterClosure(s, dayOfIso('2024-02-05'))).toBe(false);
  });

  it('uses nothing from asOf on, and keeps today apart', () => {
    const obs = makeSeries({ from: '2024-01-01', to: '2024-01-31', value: (day, minute) => day * 1000 + minute });
    const asOf = instantOf(ZONE, dayOfIso('2024-01-17'), 10 * 60 + 20); // Wednesday 10:20
    const s = prepareSeries(obs, { timeZone: ZONE, asOf });
    expect(s.days[s.days.length - 1]!.date).toBe('2024-01-16');
    expect(s.today.day).toBe(dayOfIso('2024-01-17'));
    expect(s.today.observed).toBe(9); // 08:00 … 10:00 are over; 10:15 is running
    const today = [...s.today.contacts];
    expect(today.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => dayOfIso('2024-01-17') * 1000 + 480 + 15 * i));
    expect(today.slice(10).every((x) => x === 0)).toBe(true);
    // Data after asOf changes nothing.
    const cut = obs.filter((o) => o.start < asOf);
    expect(prepareSeries(cut, { timeZone: ZONE, asOf })).toEqual(s);
  });
});
