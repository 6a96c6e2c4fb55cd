/** The typed topics of live updates, in memory or across instances over Redis pub/sub. */
import { createPubSub } from 'graphql-yoga';
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
  /** `followUps:<tenant>`: a follow-up's record after each change. */
  followUps: [tenant: string, payload: FollowUp];
};

export type LivePubSub = ReturnType<typeof createPubSub<LiveTopics>>;

export const ALL_TENANTS = '*';

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
