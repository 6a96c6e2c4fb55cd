/**
 * A yoga TypedEventTarget over Redis pub/sub with node-redis, so that a snapshot published by
 * the instance that aggregated it reaches subscribers on every instance. The official
 * @graphql-yoga/redis-event-target needs ioredis; this is the same idea for node-redis
 * (stack.md §2.3): SUBSCRIBE on a topic's first local listener, UNSUBSCRIBE on its last,
 * payloads as JSON, parsed once per message and shared by every local listener.
 */
import type { TypedEventTarget } from '@graphql-yoga/typed-event-target';

/** The slice of node-redis used here (structural, like BullMQ's client port). */
export interface PubSubClient {
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(channel: string, listener: (message: string, channel: string) => void): Promise<unknown>;
  unsubscribe(channel: string, listener?: (message: string, channel: string) => void): Promise<unknown>;
}

export function createRedisEventTarget<E extends CustomEvent>(opts: {
  publisher: PubSubClient;
  /** A dedicated connection: a subscribed connection should not also carry commands. */
  subscriber: PubSubClient;
  channelPrefix: string;
  onError?: (err: Error) => void;
}): TypedEventTarget<E> {
  const { publisher, subscriber, channelPrefix } = opts;
  const onError = opts.onError ?? (() => {});
  const listenersByTopic = new Map<string, Set<EventListener>>();
  const fnOf = new WeakMap<object, EventListener>();

  const onMessage = (message: string, channel: string) => {
    const topic = channel.slice(channelPrefix.length);
    const listeners = listenersByTopic.get(topic);
    if (!listeners) return;
    const event = new CustomEvent(topic, { detail: message === '' ? null : JSON.parse(message) });
    for (const l of listeners) {
      // One listener's failure (a subscriber's full buffer, say) must not cost the others the message.
      try {
        l(event);
      } catch (err) {
        onError(err as Error);
      }
    }
  };

  return {
    addEventListener(topic: string, l: EventListenerOrEventListenerObject | null) {
      if (!l) return;
      const fn = fnOf.get(l) ?? ('handleEvent' in l ? l.handleEvent.bind(l) : l);
      fnOf.set(l, fn);
      let listeners = listenersByTopic.get(topic);
      if (!listeners) {
        listenersByTopic.set(topic, (listeners = new Set()));
        subscriber.subscribe(channelPrefix + topic, onMessage).catch(onError);
      }
      listeners.add(fn);
    },
    removeEventListener(topic: string, l: EventListenerOrEventListenerObject | null) {
      const fn = l && fnOf.get(l);
      const listeners = listenersByTopic.get(topic);
      if (!fn || !listeners) return;
      listeners.delete(fn);
      if (listeners.size === 0) {
        listenersByTopic.delete(topic);
        subscriber.unsubscribe(channelPrefix + topic, onMessage).catch(onError);
      }
    },
    dispatchEvent(event: E) {
      publisher.publish(channelPrefix + event.type, event.detail == null ? '' : JSON.stringify(event.detail)).catch(onError);
      return true;
    },
  } as TypedEventTarget<E>;
}
