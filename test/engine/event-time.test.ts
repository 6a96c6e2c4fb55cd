/**
 * eventTimeMs reads the UTC form `YYYY-MM-DDTHH:MM:SS[.sss]Z` digit by digit and leaves every
 * other string to Date.parse: whatever the string, it must answer what Date.parse answers.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventTimeMs } from '../../schema/events.ts';

const same = (s: string) => expect(Object.is(eventTimeMs(s), Date.parse(s)), s).toBe(true);

/** Any instant from the year 1000 to 9999. */
const instant = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });

describe('eventTimeMs', () => {
  it('reads ISO-8601 UTC times as Date.parse does, with and without milliseconds', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const iso = new Date(ms).toISOString();
        expect(eventTimeMs(iso)).toBe(ms);
        same(`${iso.slice(0, 19)}Z`);
      }),
      { numRuns: 2000 },
    );
  });

  it('answers as Date.parse for any other string: a character changed, an offset, days and hours out of range', () => {
    const chars = '0123456789-T:.Z+ x';
    fc.assert(
      fc.property(instant, fc.nat(23), fc.nat(chars.length - 1), (ms, at, c) => {
        const iso = new Date(ms).toISOString();
        same(iso.slice(0, at) + chars[c] + iso.slice(at + 1));
      }),
      { numRuns: 2000 },
    );
    for (const s of [
      '2026-02-29T10:00:00Z',
      '2028-02-29T10:00:00.000Z',
      '2026-02-30T10:00:00.000Z',
      '2026-04-31T10:00:00Z',
      '2026-13-01T10:00:00Z',
      '2026-00-10T10:00:00Z',
      '2026-01-01T24:00:00.000Z',
      '2026-01-01T23:60:00Z',
      '2026-01-01T23:59:60Z',
      '2026-01-01T10:00:00.5Z',
      '2026-01-01T10:00:00+02:00',
      '2026-01-01T10:00Z',
      '0099-01-01T00:00:00.000Z',
      '+002026-01-01T00:00:00.000Z',
    ])
      same(s);
  });

  it('takes epoch milliseconds as they are', () => {
    expect(eventTimeMs(1_700_000_000_123)).toBe(1_700_000_000_123);
  });
});
