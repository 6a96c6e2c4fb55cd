/**
 * The alert engine coalesces changes: a burst of them costs one evaluation, not one each. And it
 * stops cleanly: the server closes the store right after, so nothing may touch it then.
 */
import { describe, expect, it } from 'vitest';
import { SettingsCache } from '../../server/aggregate/settings-cache.ts';
import { AlertEngine } from '../../server/alerts/engine.ts';
import { defaultRule } from '../../server/alerts/rules.ts';
import { DEFAULT_DISPATCH, WebhookDispatcher } from '../../server/notify/dispatcher.ts';
import { MemoryStore } from '../../server/store/memory.ts';

/**
 * An engine over a memory store with one queue and a rule on its live waiting count, so that
 * each evaluation calls `snapshots` once (the default rule alone reads windows, not snapshots).
 */
async function engineWith(snapshots: () => Promise<[]>, minIntervalMs?: number): Promise<AlertEngine> {
  const store = new MemoryStore({ dedupDays: 7, clock: Date.now });
  await store.setQueueSettings('t', 'q', { name: 'Q' });
  await store.putAlertRule({ ...defaultRule('t', 'q', { targetServiceLevel: 0.8 }), id: 'waiting', metric: 'WAITING', comparator: 'ABOVE', threshold: 5, clearThreshold: 4, windowMinutes: null, isDefault: false });
  return new AlertEngine({
    minIntervalMs,
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

  it('starts evaluations of a tenant at least minIntervalMs apart, and never drops the last change', async () => {
    const starts: number[] = [];
    const engine = await engineWith(async () => {
      starts.push(performance.now());
      return [];
    }, 200);
    await engine.changed('t');
    // Changes for 300 ms, every 10 ms: one evaluation at once, then one per 200 ms at most (the
    // times taken are of the snapshot reads, a little after each start, hence the slack).
    const burst: Promise<void>[] = [];
    let lastChange = 0;
    for (let i = 0; i < 30; i++) {
      lastChange = performance.now();
      burst.push(engine.changed('t'));
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(burst);
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(150);
    // The burst's last change is seen: an evaluation started after it was made.
    expect(starts.at(-1)!).toBeGreaterThanOrEqual(lastChange);
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
