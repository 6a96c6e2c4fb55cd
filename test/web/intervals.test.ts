import { describe, expect, it } from 'vitest';
import {
  chartColumns,
  csvFileName,
  intervalSpanLabel,
  intervalsCsvPath,
  intervalTotals,
  serviceLevelFromCounts,
  tableRows,
} from '../../web/src/lib/intervals.ts';
import type { IntervalStats } from '../../web/src/lib/types.ts';

const Q = 900_000;
const DAY_START = Date.parse('2026-11-23T00:00:00Z');

function row(startMs: number, over: Partial<IntervalStats> = {}): IntervalStats {
  return {
    start: new Date(startMs).toISOString(),
    offered: 4,
    answered: 3,
    answeredWithinThreshold: 2,
    abandoned: 1,
    shortAbandoned: 0,
    overflowed: 0,
    handled: 3,
    serviceLevel: 0.5,
    asaSeconds: 10,
    ahtSeconds: 100,
    abandonRate: 0.25,
    maxWaitSeconds: 40,
    serviceLevelFormula: 'ANSWERED_OF_OFFERED_EXCL_SHORT',
    thresholdSeconds: 20,
    label: '80/20 · short abandons < 5 s excluded',
    ...over,
  };
}

describe('chartColumns', () => {
  const frame = { fromMs: DAY_START, toMs: DAY_START + 2 * 3_600_000, stepMs: Q, target: 0.8 };

  it('has one entry per interval of the range, at its middle, in epoch seconds', () => {
    const c = chartColumns([], { ...frame, nowMs: frame.toMs });
    expect(c.x).toHaveLength(8);
    expect(c.x[0]).toBe((DAY_START + Q / 2) / 1000);
    expect(c.x[7]).toBe((DAY_START + 7 * Q + Q / 2) / 1000);
    expect(c.target).toEqual(Array(8).fill(80));
  });

  it('puts rows in their interval and fills gaps: past zero counts, undefined service level, future nothing', () => {
    const rows = [row(DAY_START + Q, { offered: 5, answered: 4, serviceLevel: 0.75 }), row(DAY_START + 3 * Q, { serviceLevel: null })];
    // Now is inside the fifth interval: intervals 5..7 have not begun.
    const c = chartColumns(rows, { ...frame, nowMs: DAY_START + 4 * Q + 60_000 });
    expect(c.offered).toEqual([0, 5, 0, 4, 0, null, null, null]);
    expect(c.answered).toEqual([0, 4, 0, 3, 0, null, null, null]);
    expect(c.serviceLevel).toEqual([null, 75, null, null, null, null, null, null]);
  });

  it('keeps rows that are off the grid and drops rows outside the range', () => {
    const rows = [row(DAY_START + Q / 2, { offered: 1 }), row(DAY_START - Q, { offered: 9 }), row(frame.toMs, { offered: 9 })];
    const c = chartColumns(rows, { ...frame, nowMs: frame.toMs });
    expect(c.x).toHaveLength(9);
    expect(c.offered.slice(0, 3)).toEqual([0, 1, 0]);
    expect(c.offered.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(1);
  });

  it('draws no target line without a target', () => {
    expect(chartColumns([], { ...frame, nowMs: 0, target: null }).target.every((v) => v === null)).toBe(true);
  });
});

describe('tableRows', () => {
  it('keeps intervals with contacts, oldest first', () => {
    const rows = [row(DAY_START + 2 * Q), row(DAY_START + Q, { offered: 0, answered: 0 }), row(DAY_START)];
    expect(tableRows(rows).map((r) => Date.parse(r.start))).toEqual([DAY_START, DAY_START + 2 * Q]);
  });
});

describe('serviceLevelFromCounts', () => {
  const c = { answered: 8, answeredWithinThreshold: 6, abandoned: 3, shortAbandoned: 1, overflowed: 1 };

  it('follows the formula', () => {
    expect(serviceLevelFromCounts(c, 'ANSWERED_OF_OFFERED_EXCL_SHORT')).toBeCloseTo(6 / 11);
    expect(serviceLevelFromCounts(c, 'ANSWERED_OF_OFFERED')).toBeCloseTo(6 / 12);
    expect(serviceLevelFromCounts(c, 'ANSWERED_OF_ANSWERED')).toBeCloseTo(6 / 8);
  });

  it('is null without the terms it needs or with nothing in the denominator', () => {
    expect(serviceLevelFromCounts(c, 'ABANDONS_MET')).toBeNull();
    expect(serviceLevelFromCounts(c, 'REMOVED_WITHIN')).toBeNull();
    expect(serviceLevelFromCounts({ ...c, answered: 0, answeredWithinThreshold: 0 }, 'ANSWERED_OF_ANSWERED')).toBeNull();
  });
});

describe('intervalTotals', () => {
  it('sums counts, weights averages by what they average over, and takes the longest wait', () => {
    const rows = [
      row(DAY_START, { offered: 2, answered: 2, answeredWithinThreshold: 2, abandoned: 0, asaSeconds: 10, handled: 1, ahtSeconds: 100, maxWaitSeconds: 12 }),
      row(DAY_START + Q, { offered: 4, answered: 2, answeredWithinThreshold: 0, abandoned: 2, shortAbandoned: 1, asaSeconds: 40, handled: 3, ahtSeconds: 200, maxWaitSeconds: 70 }),
    ];
    expect(intervalTotals(rows)).toEqual({
      offered: 6,
      answered: 4,
      abandoned: 2,
      serviceLevel: 2 / 5,
      asaSeconds: 25,
      ahtSeconds: 175,
      maxWaitSeconds: 70,
    });
  });

  it('leaves undefined what nothing defines, and service level when formulas differ', () => {
    expect(intervalTotals([])).toMatchObject({ offered: 0, serviceLevel: null, asaSeconds: null, ahtSeconds: null, maxWaitSeconds: null });
    const mixed = [row(DAY_START), row(DAY_START + Q, { serviceLevelFormula: 'ANSWERED_OF_ANSWERED' })];
    expect(intervalTotals(mixed).serviceLevel).toBeNull();
    const noAsa = [row(DAY_START, { answered: 0, asaSeconds: null }), row(DAY_START + Q, { answered: 2, asaSeconds: 30 })];
    expect(intervalTotals(noAsa).asaSeconds).toBe(30);
  });
});

describe('labels and the CSV link', () => {
  it('names an interval by its span on the tenant clock', () => {
    expect(intervalSpanLabel(Date.parse('2026-11-23T09:15:00Z'), Q, 'UTC', 'en-GB')).toBe('09:15–09:30');
    expect(intervalSpanLabel(Date.parse('2026-11-23T23:00:00Z'), 3_600_000, 'Europe/Madrid', 'es-ES')).toBe('00:00–01:00');
  });

  it('asks the report endpoint for the day shown, without any token', () => {
    const path = intervalsCsvPath({ tenant: 'acme', queue: 'billing en', fromMs: DAY_START, toMs: DAY_START + 86_400_000, step: 'MIN15' });
    const url = new URL(path, 'http://x');
    expect(url.pathname).toBe('/api/reports/intervals.csv');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 'acme',
      queue: 'billing en',
      from: '2026-11-23T00:00:00.000Z',
      to: '2026-11-24T00:00:00.000Z',
      step: 'MIN15',
    });
  });

  it('makes a file name safe on any file system', () => {
    expect(csvFileName('billing-en', '2026-11-23', 'MIN15')).toBe('billing-en_2026-11-23_15min.csv');
    expect(csvFileName('a/b:c', '2026-11-23', 'HOUR1')).toBe('a_b_c_2026-11-23_1h.csv');
  });
});
