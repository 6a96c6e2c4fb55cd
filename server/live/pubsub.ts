/** The typed topics of live updates, in memory or across instances over Redis pub/sub. */
import { createPubSub, Repeater } from 'graphql-yoga';
import type { Principal } from '../auth/principal.ts';
import { createClient } from 'redis';
import type { Alert } from '../alerts/lifecycle.ts';
import type { FollowUp } from '../followups/record.ts';
import type { QueueSnapshot } from './snapshot.ts';
import { createRedisEventTarget } from './redis-event-target.ts';

/** `queues:<tenant>` carries a tenant's changed snapshots; `queues:*` carries every tenant's. */
export type LiveTopics = {
  queues: [tenant: string, payload: QueueSnapshot[]];
  /** `alerts:<tenant>` and `alerts:*`: one alert per state change. */
  alerts: [tenant: string, payload: Alert];
  /** `followUps:<tenant>` and `followUps:*`: a follow-up's record after each change. */
  followUps: [tenant: string, payload: FollowUp];
};

export type LivePubSub = ReturnType<typeof createPubSub<LiveTopics>>;

export const ALL_TENANTS = '*';

/** Publish to the tenant's topic and to the all-tenants one (for callers who see every tenant). */
export function publishLive<K extends keyof LiveTopics>(pubSub: LivePubSub, topic: K, tenant: string, payload: LiveTopics[K][1]): void {
  const publish = pubSub.publish as (topic: K, id: string, payload: LiveTopics[K][1]) => void;
  publish(topic, tenant, payload);
  publish(topic, ALL_TENANTS, payload);
}

/**
 * What a subscription listens to: one tenant's topic when it names one; the all-tenants topic
 * for a caller who sees every tenant (tenants created later included); else each of the
 * caller's tenants. Callers still check each payload's tenant against the principal.
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
  const merged = sources.length === 1 ? sources[0]! : Repeater.merge(sources);
  return merged[Symbol.asyncIterator]();
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
