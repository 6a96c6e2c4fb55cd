/**
 * Fairness between tenants: a round of busy tenants' batches reads again once its time is up,
 * so a quiet tenant's event (one client's wallboard) waits for the batch under way, not for a batch
 * of every busy tenant on the floor. Against both stores.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../schema/events.ts';
import { Aggregator } from '../../server/aggregate/aggregator.ts';
import { SettingsCache } from '../../server/aggregate/settings-cache.ts';
import { bucketRange } from '../../server/engine/time.ts';
import { MemoryStore } from '../../server/store/memory.ts';
import { DEFAULT_TIERS } from '../../server/store/options.ts';
import type { Store } from '../../server/store/port.ts';
import { RedisStore } from '../../server/store/redis/store.ts';
import { eventually } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { storeCases } from '../helpers/require.ts';

const BUSY = 8;
const PER_BUSY = 1500;
const BATCH = 500;

async function open(c: ReturnType<typeof storeCases>[number][1]): Promise<Store> {
  if (c.store === 'memory') return new MemoryStore({ dedupDays: 7, clock: Date.now });
  return RedisStore.connect({ url: c.redisUrl!, consumer: 'fair', prefix: `fair-${randomUUID().slice(0, 8)}`, dedupDays: 7, clock: Date.now });
}

function busyEvents(tenant: string): IngestEvent[] {
  const t0 = Date.now() - 3_600_000;
  return Array.from({ length: PER_BUSY / 2 }, (_, i) =>
    lifecycle({ tenant, queue: 'q', contact: `c${i}`, queuedAt: t0 + i * 1000, outcome: { kind: 'abandoned', after: 5 } }),
  ).flat();
}

describe.each(storeCases())('fairness between tenants (%s)', (_name, c) => {
  for (const [label, roundMs, most] of [
    ['with a round budget, a quiet tenant waits for the batch under way, and none more', 0, 0],
    ['without one, it waits for the whole round (the contrast the budget removes)', 60_000, BUSY - 1],
  ] as const) {
    it(label, async () => {
      const store = await open(c);
      const busy = Array.from({ length: BUSY }, (_, i) => `busy${i}-${randomUUID().slice(0, 6)}`);
      const quiet = `quiet-${randomUUID().slice(0, 6)}`;
      for (const t of busy) await store.append(t, busyEvents(t));
      // The quiet tenant is known already (on Redis this instance holds its lease): one event before.
      await store.append(quiet, lifecycle({ tenant: quiet, queue: 'q', contact: 'first', queuedAt: Date.now() - 2000 }));
      const commits: string[] = [];
      // The quiet tenant's event arrives while the first round is under way: stored before the
      // round's first commit returns.
      const commit = store.commit.bind(store);
      let arrived = false;
      store.commit = async (...args) => {
        await commit(...args);
        if (arrived || args[0] === quiet) return;
        arrived = true;
        await store.append(quiet, lifecycle({ tenant: quiet, queue: 'q', contact: 'only', queuedAt: Date.now() - 1000 }));
      };
      const aggregator = new Aggregator({
        store,
        settings: new SettingsCache(store, 0),
        tiers: DEFAULT_TIERS,
        clock: Date.now,
        batchSize: BATCH,
        blockMs: 20,
        roundMs,
        onCommitted: (tenant) => void commits.push(tenant),
      });
      aggregator.start();
      try {
        await eventually(async () => commits.filter((t) => t === quiet).length === 2, 20_000, 'the quiet tenant committed again');
        // Busy batches committed after the one under way when the quiet event came.
        const firstBusy = commits.findIndex((t) => t !== quiet);
        const busyBefore = commits.lastIndexOf(quiet) - firstBusy - 1;
        if (roundMs === 0) expect(busyBefore).toBeLessThanOrEqual(most);
        else expect(busyBefore).toBeGreaterThanOrEqual(most);
        // Nothing is lost or counted twice by the rounds cut short: every busy event lands once.
        await eventually(async () => (await store.backlog()) === 0, 30_000, 'every batch applied');
        const hours = bucketRange(Date.now() - 2 * 3_600_000, Date.now() + 3_600_000, 'HOUR1', 'UTC');
        for (const t of busy) {
          const abandoned = (await store.counters(t, 'q', 'HOUR1', hours)).reduce((n, h) => n + h.abandoned, 0);
          expect(abandoned).toBe(PER_BUSY / 2);
        }
      } finally {
        await aggregator.stop();
        await store.close();
      }
    }, 60_000);
  }
});
