import { describe, expect, it } from 'vitest';
import { EventCalendar } from '../../simulations/calendar.ts';
import { createRng } from '../../simulations/random.ts';

describe('EventCalendar', () => {
  it('pops in time order, whatever the order of scheduling', () => {
    const calendar = new EventCalendar<number>();
    const rng = createRng(1);
    const times = Array.from({ length: 2000 }, () => rng.integer(0, 500));
    times.forEach((t, i) => calendar.schedule(t, i));
    expect(calendar.size).toBe(2000);
    const popped: number[] = [];
    for (let next = calendar.pop(); next !== undefined; next = calendar.pop()) popped.push(next.at);
    expect(popped).toEqual([...times].sort((a, b) => a - b));
    expect(calendar.peekTime()).toBeUndefined();
  });

  it('pops happenings due at the same time in the order they were scheduled', () => {
    const calendar = new EventCalendar<string>();
    for (const [at, item] of [[5, 'a'], [1, 'b'], [5, 'c'], [1, 'd'], [5, 'e'], [3, 'f']] as const) calendar.schedule(at, item);
    const order: string[] = [];
    // Interleave: something scheduled while popping at the same time goes after what was there.
    for (let next = calendar.pop(); next !== undefined; next = calendar.pop()) {
      order.push(next.item);
      if (next.item === 'a') calendar.schedule(5, 'g');
    }
    expect(order).toEqual(['b', 'd', 'f', 'a', 'c', 'e', 'g']);
  });

  it('refuses times that are not finite', () => {
    expect(() => new EventCalendar<number>().schedule(Number.NaN, 1)).toThrow(RangeError);
  });
});
