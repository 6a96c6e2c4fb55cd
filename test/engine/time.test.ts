import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { bucketRange, bucketStart, nextBucket, STEP_MS, STEPS, type Step } from '../../server/engine/time.ts';

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

describe('the cached interval arithmetic', () => {
  /** bucketStart as luxon answers it, uncached: the local offset at the instant, or local midnight. */
  const luxonStart = (ms: number, step: Step, zone: string) => {
    if (step === 'DAY1') return DateTime.fromMillis(ms, { zone }).startOf('day').toMillis();
    const off = IANAZone.create(zone).offset(ms) * 60_000;
    return Math.floor((ms + off) / STEP_MS[step]) * STEP_MS[step] - off;
  };
  const luxonNext = (start: number, step: Step, zone: string) =>
    step === 'DAY1' ? DateTime.fromMillis(start, { zone }).plus({ days: 1 }).startOf('day').toMillis() : start + STEP_MS[step];

  // The offset changes of 2026: spring and autumn in New York and Madrid, Santiago's at local
  // midnight, Lord Howe's half hour; Kathmandu (+05:45) and UTC have none.
  const changes: [string, string][] = [
    ['America/New_York', '2026-03-08T07:00:00Z'],
    ['America/New_York', '2026-11-01T06:00:00Z'],
    ['Europe/Madrid', '2026-03-29T01:00:00Z'],
    ['Europe/Madrid', '2026-10-25T01:00:00Z'],
    ['America/Santiago', '2026-04-05T03:00:00Z'],
    ['America/Santiago', '2026-09-06T04:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
    ['UTC', '2026-06-01T00:00:00Z'],
  ];
  const HOUR = 3_600_000;
  const ask = fc.record({
    change: fc.nat(changes.length - 1),
    offset: fc.oneof(fc.integer({ min: -3 * HOUR, max: 3 * HOUR }), fc.integer({ min: -72 * HOUR, max: 72 * HOUR })),
    step: fc.constantFrom(...STEPS),
  });

  it('equals luxon for any instants around DST changes, asked in any order', () => {
    fc.assert(
      fc.property(fc.array(ask, { minLength: 1, maxLength: 40 }), (asks) => {
        for (const { change, offset, step } of asks) {
          const [zone, iso] = changes[change]!;
          const ms = Date.parse(iso) + offset;
          const start = bucketStart(ms, step, zone);
          expect(start).toBe(luxonStart(ms, step, zone));
          expect(nextBucket(start, step, zone)).toBe(luxonNext(start, step, zone));
        }
      }),
      { numRuns: 500 },
    );
  });
});
