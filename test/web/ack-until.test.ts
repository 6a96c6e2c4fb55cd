import { describe, expect, it } from 'vitest';
import { nextShiftEnd, untilFor, zonedWallTime } from '../../web/src/lib/ack-until.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe('untilFor', () => {
  const now = at('2026-11-23T10:07:30Z');
  it('gives no end for "until resolved", and 15 min or 1 h from the moment of the click', () => {
    expect(untilFor('none', now, 'Europe/Madrid')).toBeNull();
    expect(iso(untilFor('15m', now, 'Europe/Madrid'))).toBe('2026-11-23T10:22:30.000Z');
    expect(iso(untilFor('1h', now, 'Europe/Madrid'))).toBe('2026-11-23T11:07:30.000Z');
  });
  it('ends a shift at the next shift change on the tenant\'s wall clock', () => {
    // 11:07 in Madrid (UTC+1 in November): the 14:00 change.
    expect(iso(untilFor('shift', now, 'Europe/Madrid'))).toBe('2026-11-23T13:00:00.000Z');
    // Same instant in New York is 05:07: the 06:00 change there.
    expect(iso(untilFor('shift', now, 'America/New_York'))).toBe('2026-11-23T11:00:00.000Z');
  });
});

describe('nextShiftEnd', () => {
  it('skips a change only minutes away, and rolls over to tomorrow after the last one', () => {
    expect(iso(nextShiftEnd(at('2026-11-23T12:57:00Z'), 'Europe/Madrid'))).toBe('2026-11-23T21:00:00.000Z'); // 13:57 → 22:00
    expect(iso(nextShiftEnd(at('2026-11-23T12:50:00Z'), 'Europe/Madrid'))).toBe('2026-11-23T13:00:00.000Z'); // 13:50 → 14:00
    expect(iso(nextShiftEnd(at('2026-11-23T22:30:00Z'), 'Europe/Madrid'))).toBe('2026-11-24T05:00:00.000Z'); // 23:30 → 06:00
  });
  it('follows summer time and the day clocks change', () => {
    expect(iso(nextShiftEnd(at('2026-07-01T10:00:00Z'), 'Europe/Madrid'))).toBe('2026-07-01T12:00:00.000Z'); // UTC+2
    // 29 March 2026: Madrid jumps from 02:00 to 03:00; 06:00 that morning is already summer time.
    expect(iso(nextShiftEnd(at('2026-03-29T00:30:00Z'), 'Europe/Madrid'))).toBe('2026-03-29T04:00:00.000Z');
  });
  it('takes the ends in any order', () => {
    expect(iso(nextShiftEnd(at('2026-11-23T10:00:00Z'), 'UTC', [20 * 60, 8 * 60]))).toBe('2026-11-23T20:00:00.000Z');
  });
});

describe('zonedWallTime', () => {
  it('finds the instant a zone\'s wall clock shows a time', () => {
    expect(iso(zonedWallTime('2026-11-23', 14 * 60, 'Europe/Madrid'))).toBe('2026-11-23T13:00:00.000Z');
    expect(iso(zonedWallTime('2026-11-23', 9 * 60 + 30, 'Asia/Kolkata'))).toBe('2026-11-23T04:00:00.000Z');
    expect(iso(zonedWallTime('2026-11-23', 0, 'UTC'))).toBe('2026-11-23T00:00:00.000Z');
  });
});
