import { describe, expect, it } from 'vitest';
import { intradayMultiplier, localMinuteOfDay } from '../../simulations/intraday.ts';

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
