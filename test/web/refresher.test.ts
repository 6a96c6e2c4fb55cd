import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefresher } from '../../web/src/lib/refresher.ts';

describe('createRefresher', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  const start = () => {
    const run = vi.fn();
    const r = createRefresher(run, { everyMs: 60_000, minGapMs: 15_000 });
    return { run, r };
  };

  it('refreshes on its period when nothing happens', () => {
    const { run, r } = start();
    vi.advanceTimersByTime(59_999);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(run).toHaveBeenCalledTimes(2);
    r.dispose();
  });

  it('refreshes at once on a poke when the last refresh is old enough', () => {
    const { run, r } = start();
    vi.advanceTimersByTime(20_000);
    r.poke();
    expect(run).toHaveBeenCalledTimes(1);
    // The period restarts from that refresh.
    vi.advanceTimersByTime(59_999);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
    r.dispose();
  });

  it('coalesces pokes inside the minimum gap into one refresh at its end', () => {
    const { run, r } = start();
    vi.advanceTimersByTime(5_000);
    r.poke();
    r.poke();
    vi.advanceTimersByTime(4_000);
    r.poke();
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(6_000); // 15 s after the start
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(14_000);
    r.poke();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    r.dispose();
  });

  it('does nothing after dispose', () => {
    const { run, r } = start();
    r.poke();
    r.dispose();
    vi.advanceTimersByTime(600_000);
    r.poke();
    expect(run).not.toHaveBeenCalled();
  });
});
