import { describe, expect, it } from 'vitest';
import { intradayMultiplier, localClock, localMinuteOfDay, nextLocalTime } from '../../simulations/intraday.ts';

describe('localMinuteOfDay', () => {
  it('reads the local clock, across a daylight-saving change', () => {
    const newYork = localMinuteOfDay('America/New_York');
    // 2026-03-08: clocks jump from 02:00 EST to 03:00 EDT.
    expect(newYork(Date.parse('2026-03-08T06:30:00Z'))).toBe(90); // 01:30 EST
    expect(newYork(Date.parse('2026-03-08T07:30:00Z'))).toBe(210); // 03:30 EDT
    expect(newYork(Date.parse('2026-03-08T07:37:30Z'))).toBe(217.5);
    expect(localMinuteOfDay('Asia/Kathmandu')(Date.parse('2026-01-01T00:00:00Z'))).toBe(345); // +05:45
    expect(localMinuteOfDay('UTC')(Date.parse('2026-01-01T23:59:00Z'))).toBe(1439);
  });
});

describe('intradayMultiplier', () => {
  const profile = Array.from({ length: 24 }, (_, h) => h); // value h at hh:30

  it('holds each hourly value at mid-hour and moves linearly in between, wrapping midnight', () => {
    const curve = intradayMultiplier(profile, 'UTC');
    expect(curve.max).toBe(23);
    expect(curve.at(Date.parse('2026-01-01T10:30:00Z'))).toBe(10);
    expect(curve.at(Date.parse('2026-01-01T11:00:00Z'))).toBe(10.5);
    expect(curve.at(Date.parse('2026-01-01T00:00:00Z'))).toBe(11.5); // halfway from 23 (23:30) to 0 (00:30)
  });

  it('is flat without a profile', () => {
    const curve = intradayMultiplier(undefined, 'Europe/Madrid');
    expect([curve.max, curve.at(0)]).toEqual([1, 1]);
  });
});

describe('localClock and nextLocalTime', () => {
  const newYork = localClock('America/New_York');

  it('reads the local weekday, which changes at local midnight', () => {
    expect(newYork.weekday(Date.parse('2026-03-09T03:59:00Z'))).toBe(7); // Sunday 23:59 EDT
    expect(newYork.weekday(Date.parse('2026-03-09T04:00:00Z'))).toBe(1); // Monday 00:00 EDT
    expect(localClock('Asia/Tokyo').weekday(Date.parse('2026-03-08T15:00:00Z'))).toBe(1); // Monday 00:00 JST
  });

  it('finds the next local clock time on the given weekdays, across a daylight-saving change', () => {
    const saturday = Date.parse('2026-03-07T15:00:00Z'); // 10:00 EST
    // Weekdays only: Monday 9 March, 09:00 EDT (UTC−4 since Sunday).
    expect(new Date(nextLocalTime(newYork, saturday, 9 * 60, [1, 2, 3, 4, 5])).toISOString()).toBe('2026-03-09T13:00:00.000Z');
    // Any day: Sunday 09:00 EDT, the first morning after the change.
    expect(new Date(nextLocalTime(newYork, saturday, 9 * 60)).toISOString()).toBe('2026-03-08T13:00:00.000Z');
    // Already that time: now.
    expect(nextLocalTime(newYork, Date.parse('2026-03-09T13:00:00Z'), 9 * 60)).toBe(Date.parse('2026-03-09T13:00:00Z'));
    // 02:30 does not exist on 8 March: the clock reads 03:30 then.
    expect(new Date(nextLocalTime(newYork, saturday, 150)).toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // Autumn: 01:30 happens twice on 1 November; the first one.
    expect(new Date(nextLocalTime(newYork, Date.parse('2026-10-31T16:00:00Z'), 90)).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('weekly profile', () => {
  it('multiplies the intraday curve by the factor of the local day', () => {
    const weekly = [2, 1, 1, 1, 1, 0.5, 0];
    const flatDay = intradayMultiplier(undefined, 'Asia/Tokyo', weekly);
    expect(flatDay.max).toBe(2);
    expect(flatDay.at(Date.parse('2026-03-02T10:00:00+09:00'))).toBe(2); // Monday
    expect(flatDay.at(Date.parse('2026-03-07T10:00:00+09:00'))).toBe(0.5); // Saturday
    expect(flatDay.at(Date.parse('2026-03-08T23:59:00+09:00'))).toBe(0); // Sunday
    const profile = Array.from({ length: 24 }, (_, h) => h);
    const both = intradayMultiplier(profile, 'Asia/Tokyo', weekly);
    expect(both.max).toBe(46);
    expect(both.at(Date.parse('2026-03-02T10:30:00+09:00'))).toBe(20);
  });
});
