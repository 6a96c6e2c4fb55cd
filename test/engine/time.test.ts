import { describe, expect, it } from 'vitest';
import { bucketRange, bucketStart } from '../../server/engine/time.ts';

const ms = (iso: string) => Date.parse(iso);
const iso = (n: number) => new Date(n).toISOString();

describe('bucketStart in the tenant time zone', () => {
  it('aligns fixed steps to local clock time', () => {
    // Kathmandu is UTC+05:45: local 10:07 is 04:22Z; the local hour starts at 10:00 = 04:15Z.
    expect(iso(bucketStart(ms('2026-11-23T04:22:00Z'), 'HOUR1', 'Asia/Kathmandu'))).toBe('2026-11-23T04:15:00.000Z');
    expect(iso(bucketStart(ms('2026-11-23T04:22:13Z'), 'MIN15', 'Asia/Kathmandu'))).toBe('2026-11-23T04:15:00.000Z');
    expect(iso(bucketStart(ms('2026-11-23T04:22:13.5Z'), 'SEC10', 'UTC'))).toBe('2026-11-23T04:22:10.000Z');
    expect(iso(bucketStart(ms('2026-11-23T04:22:13Z'), 'MIN1', 'America/New_York'))).toBe('2026-11-23T04:22:00.000Z');
  });

  it('starts days at local midnight, 23 and 25 hours long around DST', () => {
    expect(iso(bucketStart(ms('2026-11-23T03:00:00Z'), 'DAY1', 'America/New_York'))).toBe('2026-11-22T05:00:00.000Z');
    expect(iso(bucketStart(ms('2026-11-23T23:30:00Z'), 'DAY1', 'Asia/Manila'))).toBe('2026-11-23T16:00:00.000Z');
    // Madrid: 2026-03-29 has 23 hours, 2026-10-25 has 25.
    const spring = bucketRange(ms('2026-03-28T23:00:00Z'), ms('2026-03-30T12:00:00Z'), 'DAY1', 'Europe/Madrid');
    expect(spring[1]! - spring[0]!).toBe(23 * 3_600_000);
    const autumn = bucketRange(ms('2026-10-24T22:00:00Z'), ms('2026-10-26T12:00:00Z'), 'DAY1', 'Europe/Madrid');
    expect(autumn[1]! - autumn[0]!).toBe(25 * 3_600_000);
  });

  it('keeps both repeated hours of a DST change apart', () => {
    // 2026-10-25 02:00-03:00 happens twice in Madrid: at 00:xxZ (CEST) and 01:xxZ (CET).
    const first = bucketStart(ms('2026-10-25T00:30:00Z'), 'HOUR1', 'Europe/Madrid');
    const second = bucketStart(ms('2026-10-25T01:30:00Z'), 'HOUR1', 'Europe/Madrid');
    expect(iso(first)).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(second)).toBe('2026-10-25T01:00:00.000Z');
  });

  it('lists the intervals of a range', () => {
    expect(bucketRange(ms('2026-11-23T09:07:00Z'), ms('2026-11-23T10:00:00Z'), 'MIN15', 'UTC').map(iso)).toEqual([
      '2026-11-23T09:00:00.000Z',
      '2026-11-23T09:15:00.000Z',
      '2026-11-23T09:30:00.000Z',
      '2026-11-23T09:45:00.000Z',
    ]);
  });
});
