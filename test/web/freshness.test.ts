import { describe, expect, it } from 'vitest';
import { indicator, isStale, STALE_AFTER_MS } from '../../web/src/lib/freshness.ts';

describe('freshness', () => {
  const heard = 1_000_000;

  it('turns stale 30 s after the last message or pong', () => {
    expect(STALE_AFTER_MS).toBe(30_000);
    expect(isStale(heard, heard + 29_999)).toBe(false);
    expect(isStale(heard, heard + 30_000)).toBe(true);
  });

  it('is never stale before anything was heard: there is no data to be old', () => {
    expect(isStale(null, heard)).toBe(false);
    expect(indicator('connecting', null, heard)).toBe('connecting');
  });

  it('shows stale over whatever the socket claims', () => {
    expect(indicator('live', heard, heard + 1000)).toBe('live');
    expect(indicator('reconnecting', heard, heard + 1000)).toBe('reconnecting');
    expect(indicator('live', heard, heard + 31_000)).toBe('stale');
    expect(indicator('reconnecting', heard, heard + 31_000)).toBe('stale');
  });
});
