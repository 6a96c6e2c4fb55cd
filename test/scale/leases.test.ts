/**
 * Tenant leases on a real Redis: a tenant is aggregated by one instance at a time, a holder that
 * lost its lease cannot commit (fencing in Redis, by token), the new holder claims what the old
 * one left pending and applies it once, and tenants are shared fairly between instances.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { Aggregator } from '../../server/aggregate/aggregator.ts';
import { SettingsCache } from '../../server/aggregate/settings-cache.ts';
import type { Commit } from '../../server/engine/aggregate.ts';
import { bucketStart } from '../../server/engine/time.ts';
import { DEFAULT_TIERS } from '../../server/store/options.ts';
import { LeaseLostError, type LogBatch } from '../../server/store/port.ts';
import { RedisStore } from '../../server/store/redis/store.ts';
import { eventually } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { redisOrSkip } from '../helpers/require.ts';

const url = redisOrSkip();

describe.runIf(url)('tenant leases', () => {
  const open: RedisStore[] = [];
  const raw = createClient({ url: url! });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    if (raw.isOpen) raw.destroy();
  });

  /** An instance's store. A long lease by default: no renewal tick interferes unless asked for. */
  async function instance(prefix: string, consumer: string, leaseMs = 60_000) {
    const store = await RedisStore.connect({ url: url!, prefix, consumer, leaseMs, dedupDays: 7, clock: Date.now });
    open.push(store);
    const aggregator = new Aggregator({ store, settings: new SettingsCache(store, 0), tiers: DEFAULT_TIERS, clock: Date.now });
    const read = async (tenant: string): Promise<LogBatch> => {
      for (let i = 0; i < 200; i++) {
        const b = (await store.readLog({ count: 1000, blockMs: 20 })).find((x) => x.tenant === tenant);
        if (b) return b;
      }
      throw new Error(`${consumer} read nothing of ${tenant}`);
    };
    return { store, aggregator, read };
  }

  async function offered(store: RedisStore, tenant: string, at: number): Promise<number> {
    const [c] = await store.counters(tenant, 'q', 'DAY1', [bucketStart(at, 'DAY1', 'UTC')]);
    return c!.offered;
  }

  it('refuses the commit of a holder that lost its lease; the new holder claims and applies its entries once', async () => {
    if (!raw.isOpen) await raw.connect();
    const prefix = `lease-${randomUUID().slice(0, 8)}`;
    const tenant = 't1';
    const now = Date.now();
    const a = await instance(prefix, 'a');
    const b = await instance(prefix, 'b');
    const events = [0, 1, 2].flatMap((i) => lifecycle({ tenant, queue: 'q', contact: `c${i}`, queuedAt: now - 60_000 + i, outcome: { kind: 'abandoned', after: 10 } }));
    await a.store.append(tenant, events);

    // A takes the tenant and reads the batch: the entries are now pending with consumer a.
    const stale = await a.read(tenant);
    expect(stale.ids).toHaveLength(6);
    expect(stale.fence).toMatch(/^a@\d+$/);
    expect(a.store.holds(tenant)).toBe(true);

    // A stalls (a long GC pause, a frozen VM) past its lease: in Redis the lease is gone, while A
    // still believes it holds it. B takes the tenant and claims A's pending entries.
    await raw.del(a.store.keys.lease(tenant));
    const claimed = await b.read(tenant);
    expect(claimed.ids).toEqual(stale.ids);
    expect(claimed.fence).toMatch(/^b@\d+$/);
    await b.aggregator.apply(claimed);

    // A wakes up and commits what it computed: refused by Redis, nothing applied twice.
    await expect(a.aggregator.apply(stale)).rejects.toBeInstanceOf(LeaseLostError);
    expect(a.store.holds(tenant)).toBe(false);
    expect(await offered(b.store, tenant, now)).toBe(3);
    expect(await b.store.backlog()).toBe(0);

    // The fence is the token, not the instance: A holding the lease again, under a new token,
    // still cannot commit work it read under the old one.
    await b.store.close();
    const token = await a.store.leases.acquireNow(tenant);
    expect(token).toMatch(/^a@\d+$/);
    expect(token).not.toBe(stale.fence);
    await expect(a.store.commit(tenant, emptyCommit(), stale.ids, stale.fence)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await offered(a.store, tenant, now)).toBe(3);
    // …while its current tenure goes on: work read under the new token commits.
    expect(a.store.holds(tenant)).toBe(true);
    await a.store.commit(tenant, emptyCommit(), [], token!);
  });

  it('shares tenants fairly and, when an instance leaves, hands its tenants to the others at once', async () => {
    const prefix = `share-${randomUUID().slice(0, 8)}`;
    const tenants = ['t1', 't2', 't3', 't4', 't5', 't6'];
    const now = Date.now();
    const xs = await Promise.all(['a', 'b', 'c'].map((c) => instance(prefix, c, 1500)));
    for (const t of tenants) await xs[0]!.store.append(t, lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: now }));
    // Reading makes each an aggregator: it joins the rotation.
    await Promise.all(xs.map((x) => x.store.readLog({ count: 10, blockMs: 0 })));
    const held = () => xs.map((x) => x.store.leases.tenants().sort());
    await eventually(async () => held().every((h) => h.length === 2), 10_000, `two tenants each, got ${JSON.stringify(held())}`);
    // Disjoint and complete: each tenant has exactly one aggregator.
    expect(held().flat().sort()).toEqual(tenants);

    // An instance leaves cleanly: its leases are given back and taken at once by the others.
    await xs[2]!.store.close();
    xs.pop();
    await eventually(async () => held().every((h) => h.length === 3), 10_000, `three tenants each, got ${JSON.stringify(held())}`);
    expect(held().flat().sort()).toEqual(tenants);
  }, 30_000);

  it('evens out an uneven share: four tenants on three instances end two, one and one', async () => {
    const prefix = `even-${randomUUID().slice(0, 8)}`;
    const tenants = ['t1', 't2', 't3', 't4'];
    const now = Date.now();
    const [a, b, c] = await Promise.all(['a', 'b', 'c'].map((id) => instance(prefix, id, 1500)));
    for (const t of tenants) await a!.store.append(t, lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: now }));
    // Two instances first: two tenants each. Then a third joins, with nothing free to take.
    await Promise.all([a!, b!].map((x) => x.store.readLog({ count: 10, blockMs: 0 })));
    const held = () => [a!, b!, c!].map((x) => x.store.leases.tenants().length);
    await eventually(async () => held()[0] === 2 && held()[1] === 2, 10_000, `two each, got ${held()}`);
    await c!.store.readLog({ count: 10, blockMs: 0 });
    await eventually(async () => [...held()].sort().join() === '1,1,2', 15_000, `2-1-1, got ${held()}`);
    // And it stays so: a few rounds later, nothing has moved back and forth.
    const settled = [a!, b!, c!].map((x) => x.store.leases.tenants().sort());
    await new Promise((r) => setTimeout(r, 2000));
    expect([a!, b!, c!].map((x) => x.store.leases.tenants().sort())).toEqual(settled);
    expect(settled.flat().sort()).toEqual(tenants);
  }, 30_000);
});

/** A commit that changes nothing but acknowledges its entries (enough to test the fence). */
function emptyCommit(): Commit {
  return { visits: new Map(), agents: new Map(), followUps: new Map(), increments: new Map(), waiting: new Map(), queues: new Map(), dirty: new Set() };
}
