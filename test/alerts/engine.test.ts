/** The alert engine coalesces changes: a burst of them costs one evaluation, not one each. */
import { describe, expect, it } from 'vitest';
import { SettingsCache } from '../../server/aggregate/settings-cache.ts';
import { AlertEngine } from '../../server/alerts/engine.ts';
import { MemoryStore } from '../../server/store/memory.ts';

describe('alert engine', () => {
  it('joins changes that come while an evaluation waits to start', async () => {
    const store = new MemoryStore({ dedupDays: 7, clock: Date.now });
    await store.setQueueSettings('t', 'q', { name: 'Q' });
    let evaluations = 0;
    const engine = new AlertEngine({
      store,
      settings: new SettingsCache(store),
      clock: Date.now,
      snapshots: async () => {
        evaluations++;
        return [];
      },
      totals: async () => {
        throw new Error('not needed');
      },
      publish: () => {},
      tickMs: 60_000,
    });
    await Promise.all(Array.from({ length: 10 }, () => engine.changed('t')));
    expect(evaluations).toBe(1);
    // A change after the evaluation has started gets one of its own.
    await engine.changed('t');
    expect(evaluations).toBe(2);
  });
});
