import { describe, expect, it } from 'vitest';
import { longestWaitAt, msToNextSecond } from '../../web/src/lib/ticking.ts';

describe('longestWaitAt', () => {
  const received = 1_000_000;

  it('grows the server value by the local time elapsed since it arrived', () => {
    const q = { waiting: 2, longestWaitSeconds: 12, receivedAtMs: received };
    expect(longestWaitAt(q, received)).toBe(12);
    expect(longestWaitAt(q, received + 1500)).toBe(13.5);
    expect(longestWaitAt(q, received + 60_000)).toBe(72);
  });

  it('is 0 when nobody waits, whatever the snapshot says', () => {
    expect(longestWaitAt({ waiting: 0, longestWaitSeconds: 30, receivedAtMs: received }, received + 5000)).toBe(0);
  });

  it('never runs backwards when the local clock steps back', () => {
    expect(longestWaitAt({ waiting: 1, longestWaitSeconds: 7, receivedAtMs: received }, received - 3000)).toBe(7);
  });
});

describe('msToNextSecond', () => {
  it('aims at the next whole second', () => {
    expect(msToNextSecond(5_000)).toBe(1000);
    expect(msToNextSecond(5_001)).toBe(999);
    expect(msToNextSecond(5_999)).toBe(1);
  });
});
