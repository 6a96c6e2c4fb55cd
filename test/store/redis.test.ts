import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../schema/events.ts';
import { Aggregator } from '../../server/aggregate/aggregator.ts';
import { SettingsCache } from '../../server/aggregate/settings-cache.ts';
import { bucketStart } from '../../server/engine/time.ts';
import { DEFAULT_TIERS } from '../../server/store/options.ts';
import { RedisStore } from '../../server/store/redis/store.ts';
import { redisOrSkip } from '../helpers/require.ts';
import { lifecycle } from '../helpers/events.ts';
import { readBatchOf } from '../helpers/log.ts';
import { storeContract } from './contract.ts';

const url = redisOrSkip();
/** Each store gets a key prefix of its own: tests sharing the run's Redis never read each other's streams. */
const connect = (consumer = `c-${randomUUID().slice(0, 8)}`, prefix = `t-${randomUUID().slice(0, 8)}`) =>
  RedisStore.connect({ url: url!, consumer, prefix, dedupDays: 7, clock: Date.now });

storeContract('redis', () => (url ? { make: () => connect() } : null));

describe.runIf(url)('redis store: delivery across restarts', () => {
  it('delivers entries read but never acknowledged again to the restarted consumer', async () => {
    const consumer = `crash-${randomUUID().slice(0, 8)}`;
    const prefix = `crash-${randomUUID().slice(0, 8)}`;
    const tenant = `t-${randomUUID().slice(0, 8)}`;
    const first = await connect(consumer, prefix);
    await first.append(tenant, lifecycle({ tenant, queue: 'q', contact: 'c', queuedAt: Date.now() }));
    // Read until our tenant's entry is delivered, then "crash" without committing.
    let delivered: string[] = [];
    for (let i = 0; i < 50 && delivered.length === 0; i++) {
      delivered = (await first.readLog({ count: 1000, blockMs: 10 })).filter((b) => b.tenant === tenant).flatMap((b) => b.ids);
    }
    expect(delivered).toHaveLength(1);
    await first.close();

    const second = await connect(consumer, prefix);
    const again = (await second.readLog({ count: 1000, blockMs: 10 })).filter((b) => b.tenant === tenant);
    expect(again.flatMap((b) => b.ids)).toEqual(delivered);
    await second.close();
  });
});

describe.runIf(url)('redis store: one commit of a big batch', () => {
  it('applies thousands of waiting contacts and acknowledgements in one fenced script call', async () => {
    const store = await connect();
    const aggregator = new Aggregator({ store, settings: new SettingsCache(store, 0), tiers: DEFAULT_TIERS, clock: Date.now });
    const tenant = `big-${randomUUID().slice(0, 8)}`;
    const queuedAt = Date.now() - 60_000;
    // 5,000 contacts queued: 10,000 arguments of ZADD and 5,000 of XACK, past the script's
    // slices of 4,000 arguments per command (Lua's C stack would not take them in one).
    const queued = Array.from({ length: 5000 }, (_, i) => lifecycle({ tenant, queue: 'big', contact: `c${i}`, queuedAt })[0]!);
    const drain = async (expected: number) => {
      let applied = 0;
      for (let i = 0; i < 100 && applied < expected; i++) {
        for (const b of await store.readLog({ count: 10_000, blockMs: 10 })) {
          if (b.tenant !== tenant) continue;
          await aggregator.apply(b);
          applied += b.ids.length;
        }
      }
      expect(applied).toBe(expected);
    };
    expect((await store.append(tenant, queued)).accepted).toBe(5000);
    await drain(5000);
    expect(await store.waiting(tenant, 'big', 0)).toEqual({ count: 5000, oldest: queuedAt });
    expect(await store.backlog()).toBe(0);

    // Every one abandons: the same batch removes them all again, and the day counts each once.
    const gone = queued.map((e, i) => ({ ...e, id: `${e.id}-x`, type: 'contact.abandoned' as const, at: new Date(queuedAt + 30_000 + i).toISOString() }));
    await store.append(tenant, gone as IngestEvent[]);
    await drain(5000);
    expect(await store.waiting(tenant, 'big', 0)).toEqual({ count: 0, oldest: null });
    const day = await store.counters(tenant, 'big', 'DAY1', [bucketStart(queuedAt, 'DAY1', 'UTC')]);
    expect(day[0]).toMatchObject({ offered: 5000, abandoned: 5000 });
    await store.close();
  });
});

describe.runIf(url)('redis store: interval buckets', () => {
  it('writes a new bucket whole with its expiry, then adds to it and raises its max wait, expiry unchanged', async () => {
    const store = await connect();
    const aggregator = new Aggregator({ store, settings: new SettingsCache(store, 0), tiers: DEFAULT_TIERS, clock: Date.now });
    const tenant = `bk-${randomUUID().slice(0, 8)}`;
    const raw = createClient({ url: url! });
    await raw.connect();
    const apply = async (events: IngestEvent[]) => {
      await store.append(tenant, events);
      await aggregator.apply(await readBatchOf(store, tenant));
    };
    // Both contacts in one 10-second interval (UTC: the test tenant's zone).
    const start = bucketStart(Date.now() - 120_000, 'SEC10', 'UTC');
    await apply(lifecycle({ tenant, queue: 'q', contact: 'a', queuedAt: start + 1000, outcome: { kind: 'abandoned', after: 4 } }));
    const keys = DEFAULT_TIERS.map((t) => store.keys.bucket(tenant, 'q', t.step, bucketStart(start, t.step, 'UTC')));
    const expiries = await Promise.all(keys.map((k) => raw.pExpireTime(k)));
    expect(expiries).toEqual(DEFAULT_TIERS.map((t) => bucketStart(start, t.step, 'UTC') + t.retentionMs));
    await apply(lifecycle({ tenant, queue: 'q', contact: 'b', queuedAt: start + 2000, outcome: { kind: 'abandoned', after: 7 } }));
    expect(await Promise.all(keys.map((k) => raw.pExpireTime(k)))).toEqual(expiries);
    const [sec10] = await store.counters(tenant, 'q', 'SEC10', [start]);
    expect(sec10).toMatchObject({ offered: 2, abandoned: 2, waitAbandonedMs: 11_000, maxWaitMs: 7000 });
    raw.destroy();
    await store.close();
  });
});

describe.runIf(url)('redis store: the event stream is trimmed', () => {
  it('drops entries once committed, never one still pending or not yet read', async () => {
    const store = await connect();
    const aggregator = new Aggregator({ store, settings: new SettingsCache(store, 0), tiers: DEFAULT_TIERS, clock: Date.now });
    const tenant = `trim-${randomUUID().slice(0, 8)}`;
    const raw = createClient({ url: url! });
    await raw.connect();
    const stream = store.keys.events(tenant);
    const queued = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => lifecycle({ tenant, queue: 'q', contact: `c${from + i}`, queuedAt: Date.now() - 60_000 })[0]!);
    const read = (count: number) => readBatchOf(store, tenant, count);

    // 600 read and left uncommitted (a holder that died mid-batch), then 600 more committed.
    await store.append(tenant, queued(0, 600));
    const stranded = await read(600);
    await store.append(tenant, queued(600, 600));
    await aggregator.apply(await read(600));
    // Everything from the oldest pending entry on is still there.
    expect(await raw.xLen(stream)).toBeGreaterThanOrEqual(1200);
    expect(await raw.xRange(stream, stranded.ids[0]!, stranded.ids[0]!)).toHaveLength(1);

    // Once the stranded batch is committed too, the applied entries are trimmed (whole nodes).
    store.redeliver(tenant);
    await aggregator.apply(await read(600));
    expect(await raw.xLen(stream)).toBeLessThan(200);
    expect(await store.waiting(tenant, 'q', 0)).toMatchObject({ count: 1200 });
    expect(await store.backlog()).toBe(0);

    // Entries appended and not yet read survive a commit of others.
    await store.append(tenant, queued(1200, 300));
    const next = await read(100);
    await aggregator.apply(next);
    expect(await raw.xLen(stream)).toBeGreaterThanOrEqual(200);
    await aggregator.apply(await read(1000));
    expect(await store.waiting(tenant, 'q', 0)).toMatchObject({ count: 1500 });
    raw.destroy();
    await store.close();
  });
});
