/**
 * The aggregator applies batches of different tenants at once (a round holds one batch per
 * tenant, so each tenant's stay in order): while one tenant's commit runs in Redis, the next
 * tenant's batch is folded. A failed batch is handed out again and nothing is counted twice.
 */
import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../server/aggregate/aggregator.ts';
import { SettingsCache } from '../../server/aggregate/settings-cache.ts';
import { bucketStart } from '../../server/engine/time.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import { DEFAULT_TIERS } from '../../server/store/options.ts';
import { eventually } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';

const queuedAt = Date.now() - 60_000;
const offered = async (store: MemoryStore, tenant: string) => (await store.counters(tenant, 'q', 'DAY1', [bucketStart(queuedAt, 'DAY1', 'UTC')]))[0]!.offered;

async function floor(tenants: string[]) {
  const store = new MemoryStore({ dedupDays: 7, clock: Date.now });
  for (const t of tenants) await store.append(t, lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt }));
  return store;
}

describe('aggregator: tenants in parallel', () => {
  it('starts a second tenant’s batch while the first one’s commit is under way', async () => {
    const store = await floor(['a', 'b']);
    const commit = store.commit.bind(store);
    let started = 0;
    let release!: () => void;
    const bothStarted = new Promise<void>((r) => (release = r));
    store.commit = async (...args) => {
      if (++started === 2) release();
      // Each commit waits until the other has started: one batch at a time would never get there.
      await Promise.race([bothStarted, new Promise((_, fail) => setTimeout(() => fail(new Error('commits did not overlap')), 2000))]);
      return commit(...args);
    };
    const aggregator = new Aggregator({ store, settings: new SettingsCache(store, 0), tiers: DEFAULT_TIERS, clock: Date.now, blockMs: 20, roundMs: 60_000 });
    aggregator.start();
    try {
      await eventually(async () => (await offered(store, 'a')) === 1 && (await offered(store, 'b')) === 1, 5000, 'both tenants committed');
      expect(started).toBe(2);
    } finally {
      await aggregator.stop();
    }
  });

  it('hands a failed tenant batch out again while the other tenant’s commits, each counted once', async () => {
    const store = await floor(['a', 'b', 'c']);
    const commit = store.commit.bind(store);
    let failed = false;
    store.commit = async (...args) => {
      if (args[0] === 'b' && !failed) {
        failed = true;
        throw new Error('connection lost');
      }
      return commit(...args);
    };
    const log: string[] = [];
    const aggregator = new Aggregator({ store, settings: new SettingsCache(store, 0), tiers: DEFAULT_TIERS, clock: Date.now, blockMs: 20, parallel: 3, log: (m) => log.push(m) });
    aggregator.start();
    try {
      await eventually(async () => (await store.backlog()) === 0, 5000, 'every batch applied');
      for (const t of ['a', 'b', 'c']) expect(await offered(store, t)).toBe(1);
      expect(failed).toBe(true);
      expect(log.some((m) => m.includes('connection lost'))).toBe(true);
    } finally {
      await aggregator.stop();
    }
  });
});
