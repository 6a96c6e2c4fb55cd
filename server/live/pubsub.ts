/** The typed topics of live updates, in memory or across instances over Redis pub/sub. */
import { createPubSub, Repeater } from 'graphql-yoga';
import type { Principal } from '../auth/principal.ts';
import { createClient } from 'redis';
import type { Alert } from '../alerts/lifecycle.ts';
import type { FollowUp } from '../followups/record.ts';
import type { QueueSnapshot } from './snapshot.ts';
import type { AgentSnapshot } from './agent-snapshot.ts';
import type { WallLayout } from '../wall/layout.ts';
import { coalesce, type Coalescing } from './coalesce.ts';
import { createRedisEventTarget } from './redis-event-target.ts';

/** `queues:<tenant>` carries a tenant's changed snapshots; `queues:*` carries every tenant's. */
export type LiveTopics = {
  /** `tokenRevoked:*`: a token was revoked; every instance closes what it holds open (auth/revocation.ts). */
  tokenRevoked: [all: typeof ALL_TENANTS, payload: { id: string }];
  queues: [tenant: string, payload: QueueSnapshot[]];
  /** `alerts:<tenant>` and `alerts:*`: one alert per state change. */
  alerts: [tenant: string, payload: Alert];
  /** `followUps:<tenant>` and `followUps:*`: a follow-up's record after each change. */
  followUps: [tenant: string, payload: FollowUp];
  /** `agents:<tenant>` and `agents:*`: the agents that changed in a tick. */
  agents: [tenant: string, payload: { tenant: string; agents: AgentSnapshot[] }];
  /** `wallLayouts:<tenant>`: a screen's layout after a save, or null after its deletion. */
  wallLayouts: [tenant: string, payload: { tenant: string; name: string; layout: WallLayout | null }];
};

export type LivePubSub = ReturnType<typeof createPubSub<LiveTopics>>;

export const ALL_TENANTS = '*';

/** Publish to the tenant's topic and to the all-tenants one (for callers who see every tenant). */
export function publishLive<K extends keyof LiveTopics>(pubSub: LivePubSub, topic: K, tenant: string, payload: LiveTopics[K][1]): void {
  const publish = pubSub.publish as (topic: K, id: string, payload: LiveTopics[K][1]) => void;
  publish(topic, tenant, payload);
  publish(topic, ALL_TENANTS, payload);
}

const itemKey = (tenant: string, id: string) => `${tenant}\u001f${id}`;

/**
 * How each topic's payloads coalesce for a subscriber that lags (coalesce.ts): snapshots keep
 * only the newest per queue or agent; state changes are kept in order up to a bound, then only
 * the newest per alert, follow-up or layout.
 */
const COALESCING: { [K in keyof LiveTopics]?: Coalescing<LiveTopics[K][1], any> } = {
  queues: {
    keepChanges: 0,
    split: (snaps) => snaps.map((s) => [itemKey(s.tenant, s.id), s] as const),
    join: (items) => [items],
  } satisfies Coalescing<QueueSnapshot[], QueueSnapshot>,
  agents: {
    keepChanges: 0,
    split: (p) => p.agents.map((a) => [itemKey(p.tenant, a.id), a] as const),
    join: (items) => {
      const byTenant = new Map<string, AgentSnapshot[]>();
      for (const a of items) {
        const list = byTenant.get(a.tenant);
        if (list) list.push(a);
        else byTenant.set(a.tenant, [a]);
      }
      return [...byTenant].map(([tenant, agents]) => ({ tenant, agents }));
    },
  } satisfies Coalescing<LiveTopics['agents'][1], AgentSnapshot>,
  alerts: { keepChanges: 100, split: (a) => [[itemKey(a.tenant, a.id), a]], join: (items) => items } satisfies Coalescing<Alert, Alert>,
  followUps: { keepChanges: 100, split: (f) => [[itemKey(f.tenant, f.id), f]], join: (items) => items } satisfies Coalescing<FollowUp, FollowUp>,
  wallLayouts: {
    keepChanges: 100,
    split: (p) => [[itemKey(p.tenant, p.name), p]],
    join: (items) => items,
  } satisfies Coalescing<LiveTopics['wallLayouts'][1], LiveTopics['wallLayouts'][1]>,
};

/**
 * What a subscription listens to: one tenant's topic when it names one; the all-tenants topic
 * for a caller who sees every tenant (tenants created later included); else each of the
 * caller's tenants. Callers still check each payload's tenant against the principal. What the
 * caller has not pulled yet coalesces (COALESCING): a slow subscriber costs a bounded buffer.
 */
export function listenLive<K extends keyof LiveTopics>(
  pubSub: LivePubSub,
  topic: K,
  principal: Principal,
  tenant: string | null,
  tenants: readonly string[],
): AsyncIterator<LiveTopics[K][1]> {
  const subscribe = pubSub.subscribe as (topic: K, id: string) => Repeater<LiveTopics[K][1]>;
  const sources = tenant ? [subscribe(topic, tenant)] : principal.tenants === 'all' ? [subscribe(topic, ALL_TENANTS)] : tenants.map((tn) => subscribe(topic, tn));
  const merged = (sources.length === 1 ? sources[0]! : Repeater.merge(sources))[Symbol.asyncIterator]();
  const coalescing = COALESCING[topic] as Coalescing<LiveTopics[K][1], unknown> | undefined;
  return coalescing ? coalesce(merged, coalescing) : merged;
}

export function createMemoryPubSub(): LivePubSub {
  return createPubSub<LiveTopics>();
}

export async function createRedisPubSub(url: string, channelPrefix: string, log: (msg: string) => void): Promise<{ pubSub: LivePubSub; close(): Promise<void> }> {
  const onError = (err: Error) => log(`redis pub/sub: ${err.message}`);
  const publisher = createClient({ url, commandOptions: { timeout: undefined } });
  publisher.on('error', onError);
  const subscriber = publisher.duplicate();
  subscriber.on('error', onError);
  await Promise.all([publisher.connect(), subscriber.connect()]);
  const eventTarget = createRedisEventTarget<CustomEvent>({ publisher, subscriber, channelPrefix, onError });
  return {
    pubSub: createPubSub<LiveTopics>({ eventTarget }),
    close: async () => {
      subscriber.destroy();
      publisher.destroy();
    },
  };
}
