/**
 * The alert engine coalesces changes: a burst of them costs one evaluation, not one each. And it
 * stops cleanly: the server closes the store right after, so nothing may touch it then.
 */
import { describe, expect, it } from 'vitest';
import { SettingsCache } from '../../server/aggregate/settings-cache.ts';
import { AlertEngine } from '../../server/alerts/engine.ts';
import { DEFAULT_DISPATCH, WebhookDispatcher } from '../../server/notify/dispatcher.ts';
import { MemoryStore } from '../../server/store/memory.ts';

/** An engine over a memory store with one queue, whose evaluations call `snapshots`. */
async function engineWith(snapshots: () => Promise<[]>): Promise<AlertEngine> {
  const store = new MemoryStore({ dedupDays: 7, clock: Date.now });
  await store.setQueueSettings('t', 'q', { name: 'Q' });
  return new AlertEngine({
    store,
    settings: new SettingsCache(store),
    clock: Date.now,
    snapshots,
    totals: async () => {
      throw new Error('not needed');
    },
    publish: () => {},
    tickMs: 60_000,
  });
}

describe('alert engine', () => {
  it('joins changes that come while an evaluation waits to start', async () => {
    let evaluations = 0;
    const engine = await engineWith(async () => {
      evaluations++;
      return [];
    });
    await Promise.all(Array.from({ length: 10 }, () => engine.changed('t')));
    expect(evaluations).toBe(1);
    // A change after the evaluation has started gets one of its own.
    await engine.changed('t');
    expect(evaluations).toBe(2);
  });

  it('waits for the evaluation under way when stopped, and evaluates nothing after', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started = 0;
    let finished = 0;
    const engine = await engineWith(async () => {
      started++;
      await gate;
      finished++;
      return [];
    });
    const running = engine.changed('t');
    await expect.poll(() => started).toBe(1);
    let stopped = false;
    const stopping = engine.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(false);
    release();
    await stopping;
    await running;
    expect(finished).toBe(1);
    await engine.changed('t');
    expect(started).toBe(1);
  });

  it('notifies webhooks without ever rejecting: a closed store is logged, not thrown', async () => {
    const store = new MemoryStore({ dedupDays: 7, clock: Date.now });
    store.webhooks = async () => {
      throw new Error('The client is closed');
    };
    const logged: string[] = [];
    const dispatcher = new WebhookDispatcher({ ...DEFAULT_DISPATCH, store, clock: Date.now, log: (m) => logged.push(m) });
    await expect(dispatcher.notify('t', { type: 'alert.changed' })).resolves.toBeUndefined();
    expect(logged).toEqual(['webhooks of t: The client is closed']);
  });
});
