/**
 * The lease holder's agent cache (server/store/redis/agent-cache.ts): scoped to one lease token,
 * discarded after a batch that loaded from it and did not commit, never newer-overwritten by a
 * whole-hash read, bounded; and on a real Redis, what the holder answers from it is what Redis
 * holds, through commits, a refused commit and a failed batch.
 */
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { Aggregator } from '../../server/aggregate/aggregator.ts';
import { SettingsCache } from '../../server/aggregate/settings-cache.ts';
import type { AgentRecord } from '../../server/engine/agent.ts';
import { DEFAULT_TIERS } from '../../server/store/options.ts';
import { LeaseLostError } from '../../server/store/port.ts';
import { AgentCache } from '../../server/store/redis/agent-cache.ts';
import { RedisStore } from '../../server/store/redis/store.ts';
import { agentState, lifecycle } from '../helpers/events.ts';
import { readBatchOf } from '../helpers/log.ts';
import { redisOrSkip } from '../helpers/require.ts';

const rec = (presence: AgentRecord['presence']): AgentRecord => ({ presence, work: {} });

describe('agent cache', () => {
  it('keeps an entry for one lease token only', () => {
    const cache = new AgentCache();
    const e = cache.forBatch('t', 'a@1');
    e.records.set('x', rec('available'));
    cache.committed('t', e, []);
    expect(cache.peek('t', 'a@1')?.records.get('x')?.presence).toBe('available');
    expect(cache.peek('t', 'a@2')).toBeUndefined();
    // Another tenure starts empty: another instance may have written meanwhile.
    expect(cache.forBatch('t', 'a@2').records.size).toBe(0);
    expect(cache.peek('t', 'a@1')).toBeUndefined();
  });

  it('discards an entry a batch loaded from and never committed (its records were folded in place)', () => {
    const cache = new AgentCache();
    const e = cache.forBatch('t', 'a@1');
    e.records.set('x', rec('away'));
    expect(e.dirty).toBe(true);
    const next = cache.forBatch('t', 'a@1');
    expect(next).not.toBe(e);
    expect(next.records.size).toBe(0);
    // A late "committed" for the discarded entry changes nothing.
    cache.committed('t', e, [['y', rec('available')]]);
    expect(cache.peek('t', 'a@1')).toBe(next);
    expect(next.records.has('y')).toBe(false);
  });

  it('fills in from a whole-hash read without overwriting what this instance wrote since', () => {
    const cache = new AgentCache();
    const e = cache.forBatch('t', 'a@1');
    cache.committed('t', e, [['x', rec('away')]]);
    cache.fill('t', 'a@1', new Map([['x', rec('available')], ['y', rec('offline')]]));
    expect(e.complete).toBe(true);
    expect(e.records.get('x')?.presence).toBe('away');
    expect(e.records.get('y')?.presence).toBe('offline');
    // A read made under another token is not taken.
    cache.fill('t', 'b@9', new Map([['z', rec('available')]]));
    expect(e.records.has('z')).toBe(false);
  });

  it('drops the least recently used tenants past its bound', () => {
    const cache = new AgentCache(3);
    for (const t of ['t1', 't2', 't3']) {
      const e = cache.forBatch(t, 'a@1');
      cache.committed(t, e, [['x', rec('available')], ['y', rec('available')]]);
    }
    expect(cache.peek('t1', 'a@1')).toBeUndefined();
    expect(cache.peek('t2', 'a@1')).toBeUndefined();
    expect(cache.peek('t3', 'a@1')?.records.size).toBe(2);
  });
});

const url = redisOrSkip();

describe.runIf(url)('agent cache on Redis: the holder answers what Redis holds', () => {
  const open: RedisStore[] = [];
  const raw = createClient({ url: url! });
  afterAll(async () => {
    await Promise.all(open.map((s) => s.close()));
    if (raw.isOpen) raw.destroy();
  });
  const connect = async (prefix: string, consumer: string) => {
    const store = await RedisStore.connect({ url: url!, prefix, consumer, leaseMs: 60_000, dedupDays: 7, clock: Date.now });
    open.push(store);
    return store;
  };
  /** The agents hash as stored, parsed: what a store that does not hold the tenant reads. */
  const inRedis = async (store: RedisStore, tenant: string) => {
    const all = await raw.hGetAll(store.keys.agents(tenant));
    return new Map(Object.entries(all).map(([a, j]) => [a, JSON.parse(j) as AgentRecord]));
  };

  it('through commits, a batch that failed before its commit, and a refused commit', async () => {
    if (!raw.isOpen) await raw.connect();
    const prefix = `ac-${randomUUID().slice(0, 8)}`;
    const tenant = 't';
    const now = Date.now();
    const store = await connect(prefix, 'a');
    const aggregator = new Aggregator({ store, settings: new SettingsCache(store, 0), tiers: DEFAULT_TIERS, clock: Date.now });

    // Two agents sign in; one takes a call. The holder reads the hash whole once (a snapshot).
    await store.append(tenant, [agentState(tenant, 'ann', now - 120_000, 'available', { queues: ['q'] }), agentState(tenant, 'bob', now - 120_000, 'available', { queues: ['q'] })]);
    await aggregator.apply(await readBatchOf(store, tenant));
    expect(await store.agents(tenant)).toEqual(await inRedis(store, tenant));
    await store.append(tenant, lifecycle({ tenant, queue: 'q', contact: 'c1', queuedAt: now - 60_000, outcome: { kind: 'answered', after: 5, agent: 'ann', talk: 30 } }));
    await aggregator.apply(await readBatchOf(store, tenant));
    const afterCall = await store.agents(tenant);
    expect(afterCall).toEqual(await inRedis(store, tenant));
    expect(Object.keys(afterCall.get('ann')!.work)).toHaveLength(1);

    // A batch folds in place and then fails before its commit: the next batch starts from Redis.
    await store.append(tenant, [agentState(tenant, 'bob', now - 30_000, 'away', { reason: 'lunch' })]);
    const failing = await readBatchOf(store, tenant);
    const loaded = await store.loadRecords(tenant, { visits: [], agents: ['bob'], followUps: [] });
    loaded.agents.get('bob')!.work.phantom = { queue: 'q', an: now - 40_000 };
    store.redeliver(tenant);
    await aggregator.apply(await readBatchOf(store, tenant));
    expect(failing.ids.length).toBe(1);
    const afterRetry = await store.agents(tenant);
    expect(afterRetry.get('bob')?.presence).toBe('away');
    expect(afterRetry.get('bob')?.work).toEqual({});
    expect(afterRetry).toEqual(await inRedis(store, tenant));

    // The lease is lost mid-batch: the commit is refused and nothing of it stays in the cache.
    await store.append(tenant, [agentState(tenant, 'ann', now - 10_000, 'offline')]);
    const stale = await readBatchOf(store, tenant);
    await raw.del(store.keys.lease(tenant));
    await raw.set(store.keys.lease(tenant), 'other@999', { PX: 60_000 });
    await expect(aggregator.apply(stale)).rejects.toBeInstanceOf(LeaseLostError);
    expect(store.holds(tenant)).toBe(false);
    expect((await store.agents(tenant)).get('ann')?.presence).toBe('available');
    expect(await store.agents(tenant)).toEqual(await inRedis(store, tenant));
  });
});
