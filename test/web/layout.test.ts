import { describe, expect, it } from 'vitest';
import { boardLayout, HEADROOM, MAX_SCALE, MIN_SCALE } from '../../web/src/lib/layout.ts';

/** Columns and the ideal fit (the scale before the headroom kept for what does not scale). */
function shape(...groups: number[]) {
  const { columns, scale } = boardLayout(groups);
  return { columns, fit: scale / HEADROOM, scale };
}

describe('boardLayout', () => {
  it('puts twelve queues in the 4 × 3 baseline', () => {
    expect(shape(12).columns).toBe(4);
    expect(shape(12).fit).toBeCloseTo(1, 6);
    expect(shape(10).columns).toBe(4);
  });

  it('gives few queues bigger tiles so the board fills the screen', () => {
    expect(shape(1)).toMatchObject({ columns: 1, scale: MAX_SCALE });
    expect(shape(2).columns).toBe(2);
    expect(shape(2).fit).toBeCloseTo(2.04, 2); // two halves of the width, one gap fewer
    expect(shape(4).columns).toBe(2);
    expect(shape(4).fit).toBeCloseTo(1.52, 2); // two rows
    expect(shape(3)).toEqual(shape(4));
    expect(shape(6).columns).toBe(3);
    expect(shape(6).fit).toBeCloseTo(1.347, 2);
  });

  it('prefers fewer, wider columns when two shapes fit equally', () => {
    // 8 tiles: 3 × 3 and 4 × 2 both fit at the baseline size.
    expect(shape(8).columns).toBe(3);
    expect(shape(8).fit).toBeCloseTo(1, 6);
  });

  it('shrinks for many queues, down to a floor below which the wall scrolls', () => {
    expect(shape(15).columns).toBe(5);
    expect(shape(15).fit).toBeCloseTo(0.792, 2);
    expect(shape(20).columns).toBe(5);
    expect(shape(20).fit).toBeCloseTo(0.74, 2);
    expect(shape(200)).toMatchObject({ columns: 6, scale: MIN_SCALE });
  });

  it('counts rows per tenant section and leaves room for their headings', () => {
    // Ten queues in one section fit 4 × 3; split 5 + 5 under two headings, 4 columns would need
    // 2 + 2 rows, so 5 columns of one row each win.
    expect(shape(5, 5).columns).toBe(5);
    expect(shape(5, 5).scale).toBeLessThan(shape(10).scale);
  });

  it('keeps the baseline for an empty board', () => {
    expect(shape()).toMatchObject({ columns: 4, scale: HEADROOM });
  });
});
