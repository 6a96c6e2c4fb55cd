/**
 * Queues, live: one `queueUpdated` subscription for the life of a page. The wallboard follows
 * whole tenants (queue-feed.ts), the drill-down one queue. The never-give-up rules live in
 * live-link.ts; after a reconnect this subscription re-sends the current snapshots first, so
 * nothing needs re-querying.
 */
import type { Connection } from '../stores/connection.ts';
import { QUEUE_UPDATED_SUBSCRIPTION } from './documents.ts';
import { createLiveLink, type LiveLink } from './live-link.ts';
import type { Queue } from './types.ts';

export interface QueueLiveOptions {
  /** One tenant's queues; undefined: every queue the token may see. */
  tenant: string | undefined;
  /** Only these queues of the tenant; undefined: all of them. */
  ids?: string[];
  token: () => string;
  connection: Connection;
  onSnapshot(q: Queue): void;
  onUnauthorized(): void;
  /** The page's link, when it runs other subscriptions too; without one a link of its own. */
  link?: LiveLink;
}

export interface QueueLive {
  /** Drops the socket so the client reconnects at once (used when the link has gone stale). */
  reconnect(): void;
  dispose(): void;
}

export function startQueueLive(opts: QueueLiveOptions): QueueLive {
  const variables = { tenant: opts.tenant ?? null, ...(opts.ids ? { ids: opts.ids } : {}) };
  const link = opts.link ?? createLiveLink(opts);
  const stop = link.subscribe<{ queueUpdated: Queue }>({ query: QUEUE_UPDATED_SUBSCRIPTION, variables }, (data) =>
    opts.onSnapshot(data.queueUpdated),
  );
  return {
    reconnect: link.reconnect,
    dispose() {
      stop();
      // A borrowed link belongs to the page, which disposes it.
      if (!opts.link) link.dispose();
    },
  };
}
