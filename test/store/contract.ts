/**
 * The store contract: every case runs against the memory store and against a real Redis
 * (memory.test.ts, redis.test.ts). The aggregation goes through the production Aggregator.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../schema/events.ts';
import { eventTimeMs } from '../../schema/events.ts';
import { defaultRule } from '../../server/alerts/rules.ts';
import { Aggregator } from '../../server/aggregate/aggregator.ts';
import { SettingsCache } from '../../server/aggregate/settings-cache.ts';
import { agentView } from '../../server/engine/agent.ts';
import { ALL_AGENTS_QUEUE } from '../../server/engine/aggregate.ts';
import { STEPS, bucketRange } from '../../server/engine/time.ts';
import { DEFAULT_TIERS } from '../../server/store/options.ts';
import type { LogBatch, Store } from '../../server/store/port.ts';
import { agentState, lifecycle, type Lifecycle } from '../helpers/events.ts';

export interface StoreFactory {
  make(): Promise<Store>;
}

const tenantId = () => `c-${randomUUID().slice(0, 8)}`;

function harness(store: Store) {
  const settings = new SettingsCache(store, 0);
  const aggregator = new Aggregator({ store, settings, tiers: DEFAULT_TIERS, clock: Date.now });
  return {
    /** Read and apply every pending entry, as the aggregator loop does. */
    async drain() {
      for (let i = 0; i < 1000; i++) {
        const batches = await store.readLog({ count: 100, blockMs: 0 });
        if (batches.length === 0 && (await store.backlog()) === 0) return;
        for (const b of batches) await aggregator.apply(b);
      }
      throw new Error('log did not drain');
    },
    apply: (batch: LogBatch) => aggregator.apply(batch),
    /** Apply events directly, bypassing the ingest dedup (as a resend past the horizon would). */
    async applyDirect(tenant: string, events: IngestEvent[]) {
      await aggregator.apply({ tenant, ids: [], events });
    },
  };
}

/** Everything the aggregates say about a tenant, in a comparable form. */
async function aggregates(store: Store, tenant: string, from: number, to: number) {
  // Every queue, and the tenant-wide bucket of agent time (each agent once).
  const queues = [...(await store.queues(tenant)).map((q) => q.id), ALL_AGENTS_QUEUE];
  const out: Record<string, unknown> = {};
  for (const q of queues) {
    for (const step of STEPS) {
      const starts = bucketRange(from, to, step, 'UTC');
      const counters = await store.counters(tenant, q, step, starts);
      out[`${q}|${step}`] = counters.map((c, i) => [starts[i], c]).filter(([, c]) => Object.values(c as object).some((v) => v !== 0));
    }
    out[`${q}|waiting`] = await store.waiting(tenant, q, 0);
  }
  const agents = await store.agents(tenant);
  out.agents = Object.fromEntries([...agents].map(([a, r]) => [a, agentView(r)]).sort());
  return out;
}

const withTenant = (events: IngestEvent[], tenant: string) => events.map((e) => ({ ...e, tenant }));

export function storeContract(name: string, factory: StoreFactory | (() => StoreFactory | null)) {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let h: ReturnType<typeof harness>;

    beforeAll(async () => {
      const f = typeof factory === 'function' ? factory() : factory;
      if (!f) return;
      store = await f.make();
      h = harness(store);
    });
    afterAll(async () => {
      await store?.close();
    });

    const T0 = Date.now() - 3 * 3_600_000;

    it('appends durably and counts duplicates within and across batches', async () => {
      const t = tenantId();
      const evs = lifecycle({ tenant: t, queue: 'q', contact: 'c1', queuedAt: T0, outcome: { kind: 'abandoned', after: 40 } });
      expect(await store.append(t, [...evs, evs[0]!])).toEqual({ accepted: 2, duplicates: 1 });
      expect(await store.append(t, evs)).toEqual({ accepted: 0, duplicates: 2 });
      expect(await store.backlog()).toBeGreaterThanOrEqual(2);
      await h.drain();
      expect(await store.backlog()).toBe(0);
      const [day] = await store.counters(t, 'q', 'DAY1', [bucketRange(T0, T0 + 1, 'DAY1', 'UTC')[0]!]);
      expect(day).toMatchObject({ offered: 1, abandoned: 1, waitAbandonedMs: 40_000 });
    });

    it('delivers again what was read but not committed, after a failed batch', async () => {
      const [a, b] = [tenantId(), tenantId()];
      const evs = (t: string) => lifecycle({ tenant: t, queue: 'q', contact: 'c1', queuedAt: T0, outcome: { kind: 'abandoned', after: 10 } });
      await store.append(a, evs(a));
      await store.append(b, evs(b));
      /** Reads until each wanted tenant's batch came; other tests' entries are applied, not left behind. */
      const read = async (...want: string[]): Promise<Map<string, LogBatch>> => {
        const got = new Map<string, LogBatch>();
        for (let i = 0; i < 300 && got.size < want.length; i++) {
          for (const batch of await store.readLog({ count: 100, blockMs: 0 })) {
            if (want.includes(batch.tenant)) got.set(batch.tenant, batch);
            else await h.apply(batch);
          }
          if (got.size < want.length) await new Promise((r) => setTimeout(r, 10));
        }
        expect([...got.keys()].sort(), 'batches read').toEqual([...want].sort());
        return got;
      };
      const firstRound = await read(a, b);
      const fromB = firstRound.get(b)!;
      expect(fromB.events).toHaveLength(2);
      // a's batch fails (its commit never happens): it must come again.
      store.redeliver(a);
      const again = (await read(a)).get(a)!;
      expect(again.ids).toEqual(firstRound.get(a)!.ids);
      await h.apply(fromB);
      await h.apply(again);
      await h.drain();
      for (const t of [a, b]) {
        const [day] = await store.counters(t, 'q', 'DAY1', [bucketRange(T0, T0 + 1, 'DAY1', 'UTC')[0]!]);
        expect(day).toMatchObject({ offered: 1, abandoned: 1 });
      }
    });

    it('registers queues with what contact.queued told, and keeps tenants apart', async () => {
      const a = tenantId();
      const b = tenantId();
      await store.append(a, lifecycle({ tenant: a, queue: 'chat-es', contact: 'c', channel: 'chat', queuedAt: T0 }));
      await store.append(b, lifecycle({ tenant: b, queue: 'other', contact: 'c', queuedAt: T0 }));
      await h.drain();
      expect(await store.queues(a)).toEqual([{ id: 'chat-es', channel: 'chat' }]);
      expect((await store.queues(b)).map((q) => q.id)).toEqual(['other']);
      expect(await store.waiting(a, 'chat-es', 0)).toEqual({ count: 1, oldest: T0 });
      expect(await store.waiting(b, 'chat-es', 0)).toEqual({ count: 0, oldest: null });
      expect(await store.tenants()).toEqual(expect.arrayContaining([a, b]));
    });

    it('ignores waiting contacts queued before the horizon asked for', async () => {
      const t = tenantId();
      await store.append(t, [
        ...lifecycle({ tenant: t, queue: 'q', contact: 'old', queuedAt: T0 - 86_400_000 }),
        ...lifecycle({ tenant: t, queue: 'q', contact: 'new', queuedAt: T0 }),
      ]);
      await h.drain();
      expect(await store.waiting(t, 'q', T0 - 3_600_000)).toEqual({ count: 1, oldest: T0 });
    });

    it('stores tenant and queue settings, merging partial updates', async () => {
      const t = tenantId();
      await store.setTenantSettings(t, { timeZone: 'Europe/Madrid' });
      await store.setTenantSettings(t, { name: 'Acme' });
      expect(await store.tenantSettings(t)).toEqual({ timeZone: 'Europe/Madrid', name: 'Acme' });
      await store.setQueueSettings(t, 'q', { thresholdSeconds: 30 });
      await store.setQueueSettings(t, 'q', { name: 'Billing' });
      expect(await store.queues(t)).toEqual([{ id: 'q', settings: { thresholdSeconds: 30, name: 'Billing' } }]);
    });

    it('keeps adapter state per tenant and adapter', async () => {
      const a = tenantId();
      const b = tenantId();
      expect(await store.adapterState(a, 'queue-log')).toBeNull();
      await store.setAdapterState(a, 'queue-log', '{"open":{"c1":1}}');
      expect(await store.adapterState(a, 'queue-log')).toBe('{"open":{"c1":1}}');
      expect(await store.adapterState(b, 'queue-log')).toBeNull();
      expect(await store.adapterState(a, 'amazon-connect')).toBeNull();
    });

    it('keeps alert rules, each rule\'s current alert, and the history of changes', async () => {
      const t = tenantId();
      const rule = { ...defaultRule(t, 'q', { targetServiceLevel: 0.8 }), isDefault: false };
      await store.putAlertRule(rule);
      await store.putAlertRule({ ...rule, id: 'r2', metric: 'WAITING' as const, comparator: 'ABOVE' as const, threshold: 5 });
      expect((await store.alertRules(t)).map((r) => r.id).sort()).toEqual(['default:sl:q', 'r2']);
      expect(await store.deleteAlertRule(t, 'r2')).toBe(true);
      expect(await store.deleteAlertRule(t, 'r2')).toBe(false);
      const base = { id: `${t}:1`, ruleId: rule.id, tenant: t, queue: 'q', value: 0.5, since: 1, firedAt: null, resolvedAt: null, acknowledgement: null, changedAt: 1 };
      await store.putAlert({ ...base, state: 'PENDING' });
      await store.putAlert({ ...base, state: 'FIRING', firedAt: 2, changedAt: 2 });
      expect(await store.currentAlerts(t)).toEqual([{ ...base, state: 'FIRING', firedAt: 2, changedAt: 2 }]);
      expect((await store.alertHistory(t, 10)).map((a) => a.state)).toEqual(['FIRING', 'PENDING']);
      await store.dropCurrentAlert(t, rule.id);
      expect(await store.currentAlerts(t)).toEqual([]);
      expect(await store.currentAlerts(tenantId())).toEqual([]);
    });

    it('keeps webhooks, and an outbox whose deliveries are leased to one taker at a time', async () => {
      const t = tenantId();
      await store.putWebhook({ id: 'w1', tenant: t, url: 'http://127.0.0.1:9/hook', secret: 's', enabled: true, createdAt: 1 });
      expect((await store.webhooks(t)).map((w) => w.id)).toEqual(['w1']);
      const d = (id: string) => ({ id, tenant: t, webhookId: 'w1', body: `{"n":"${id}"}`, attempts: 0, createdAt: 1 });
      await store.enqueueDeliveries([d('a'), d('b'), d('c')], 100);
      expect(await store.claimDeliveries(t, 50, 1000, 10)).toEqual([]);
      const first = await store.claimDeliveries(t, 100, 1000, 2);
      expect(first).toHaveLength(2);
      const second = await store.claimDeliveries(t, 150, 1000, 10);
      expect(second.map((x) => x.id)).toEqual(['a', 'b', 'c'].filter((id) => !first.some((f) => f.id === id)));
      // Leases of 1 s: nothing is due until they run out, then all three are again.
      expect(await store.claimDeliveries(t, 900, 1000, 10)).toEqual([]);
      await store.rescheduleDelivery({ ...first[0]!, attempts: 1 }, 5000);
      await store.completeDelivery(t, first[1]!.id);
      const again = await store.claimDeliveries(t, 1200, 1000, 10);
      expect(again.map((x) => x.id)).toEqual([second[0]!.id]);
      // At 5 s the rescheduled one is due, and so is the one leased at 1.2 s.
      const later = await store.claimDeliveries(t, 5000, 1000, 10);
      expect(later).toHaveLength(2);
      expect(later).toContainEqual({ ...first[0]!, attempts: 1 });
      await store.logDeliveryAttempt({ deliveryId: 'a', webhookId: 'w1', tenant: t, at: 1, attempt: 1, outcome: 'FAILED', status: 503, error: null, nextAttemptAt: 2 });
      await store.logDeliveryAttempt({ deliveryId: 'a', webhookId: 'w1', tenant: t, at: 2, attempt: 2, outcome: 'DELIVERED', status: 204, error: null, nextAttemptAt: null });
      expect((await store.deliveryLog(t, 10)).map((x) => x.outcome)).toEqual(['DELIVERED', 'FAILED']);
      expect(await store.deleteWebhook(t, 'w1')).toBe(true);
    });

    it('stores tokens by hash and lists, finds and deletes them', async () => {
      const id = randomUUID();
      const hash = randomUUID().replace(/-/g, '');
      await store.putToken(hash, { id, name: 'wall', role: 'VIEWER', tenants: ['x'], createdAt: 1 });
      expect(await store.tokenByHash(hash)).toMatchObject({ id, role: 'VIEWER' });
      expect((await store.listTokens()).map((t) => t.id)).toContain(id);
      expect(await store.deleteToken(id)).toBe(true);
      expect(await store.tokenByHash(hash)).toBeNull();
      expect(await store.deleteToken(id)).toBe(false);
    });

    it('gives identical aggregates for the same events shuffled, re-batched and duplicated', async () => {
      const lifecycleArb = fc.record({
        queue: fc.constantFrom('q1', 'q2'),
        offset: fc.integer({ min: 0, max: 7200 }),
        outcome: fc.oneof(
          fc.constant(undefined),
          fc.record({ kind: fc.constant('abandoned' as const), after: fc.integer({ min: 0, max: 120 }) }),
          fc.record({ kind: fc.constant('overflowed' as const), after: fc.integer({ min: 0, max: 300 }) }),
          fc.record({
            kind: fc.constant('answered' as const),
            after: fc.integer({ min: 0, max: 90 }),
            agent: fc.constantFrom('a1', 'a2', 'a3'),
            talk: fc.option(fc.integer({ min: 1, max: 900 }), { nil: undefined }),
            wrap: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
            transfer: fc.option(fc.record({ escalation: fc.boolean() }), { nil: undefined }),
          }),
        ),
      });
      const presenceArb = fc.record({
        agent: fc.constantFrom('a1', 'a2', 'a3'),
        offset: fc.integer({ min: -600, max: 7200 }),
        state: fc.constantFrom('available' as const, 'away' as const, 'offline' as const),
        queues: fc.option(fc.subarray(['q1', 'q2'], { minLength: 1 }), { nil: undefined }),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(lifecycleArb, { minLength: 1, maxLength: 25 }),
          fc.array(presenceArb, { maxLength: 8 }),
          fc.infiniteStream(fc.nat()),
          async (visits, presences, rand) => {
            const ref = tenantId();
            const events: IngestEvent[] = [
              ...visits.flatMap((v, i) =>
                lifecycle({ tenant: ref, queue: v.queue, contact: `c${i}`, queuedAt: T0 + v.offset * 1000, outcome: v.outcome as Lifecycle['outcome'] }),
              ),
              ...presences.map((p) => agentState(ref, p.agent, T0 + p.offset * 1000, p.state, p.queues ? { queues: p.queues, reason: 'break' } : {})),
            ];
            // Reference: in event-time order, one batch.
            const ordered = [...events].sort((x, y) => eventTimeMs(x.at) - eventTimeMs(y.at));
            await store.append(ref, ordered);

            // Shuffled, with a third of the events repeated, in batches of random size.
            const r = rand[Symbol.iterator]();
            const next = () => r.next().value as number;
            const noisy = [...events, ...events.filter(() => next() % 3 === 0)];
            for (let i = noisy.length - 1; i > 0; i--) {
              const j = next() % (i + 1);
              [noisy[i], noisy[j]] = [noisy[j]!, noisy[i]!];
            }
            const viaIngest = tenantId();
            const direct = tenantId();
            for (let i = 0; i < noisy.length; ) {
              const size = 1 + (next() % 7);
              const chunk = noisy.slice(i, i + size);
              await store.append(viaIngest, withTenant(chunk, viaIngest));
              await h.applyDirect(direct, withTenant(chunk, direct));
              i += size;
            }
            await h.drain();

            // Every event lies in [T0 − 10 min, T0 + 2 h 20 min].
            const from = T0 - 15 * 60_000;
            const to = T0 + 155 * 60_000;
            const expected = await aggregates(store, ref, from, to);
            expect(await aggregates(store, viaIngest, from, to)).toEqual(expected);
            expect(await aggregates(store, direct, from, to)).toEqual(expected);
          },
        ),
        { numRuns: 25 },
      );
    }, 120_000);
  });
}
