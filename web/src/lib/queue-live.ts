/**
 * Queues, live: one `queueUpdated` subscription for the life of a page, over one graphql-ws
 * client. The wallboard follows whole tenants (queue-feed.ts), the drill-down one queue. It
 * never gives up: the client retries the socket forever, and an operation the server ends is
 * subscribed again after a backoff; after a reconnect the subscription re-sends the current
 * snapshots first, so nothing needs re-querying.
 */
import type { Connection } from '../stores/connection.ts';
import { QUEUE_UPDATED_SUBSCRIPTION } from './documents.ts';
import { createLiveClient, errorMessage, FORBIDDEN_CLOSE_CODE, retryDelayMs } from './graphql.ts';
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
}

export interface QueueLive {
  /** Drops the socket so the client reconnects at once (used when the link has gone stale). */
  reconnect(): void;
  dispose(): void;
}

export function startQueueLive(opts: QueueLiveOptions): QueueLive {
  const { connection } = opts;
  const variables = { tenant: opts.tenant ?? null, ...(opts.ids ? { ids: opts.ids } : {}) };
  let disposed = false;
  let unsubscribe: () => void = () => {};
  let resubscribeTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  const client = createLiveClient(opts.token, {
    connected: () => {
      connection.setStatus('live');
      connection.heard(Date.now());
    },
    // Every message counts as a sign of life, keep-alive pongs included.
    message: () => connection.heard(Date.now()),
    closed: (event) => {
      if (disposed) return;
      connection.setStatus('reconnecting');
      if ((event as { code?: number } | null)?.code === FORBIDDEN_CLOSE_CODE) opts.onUnauthorized();
    },
  });

  function subscribe() {
    unsubscribe = client.subscribe<{ queueUpdated: Queue }>(
      { query: QUEUE_UPDATED_SUBSCRIPTION, variables },
      {
        next: ({ data, errors }) => {
          if (errors?.length) return connection.setProblem(errorMessage(errors));
          failures = 0;
          connection.setProblem(null);
          if (data?.queueUpdated) opts.onSnapshot(data.queueUpdated);
        },
        // Fires only when the server ends the operation (a GraphQL error, a restart that
        // completes it): a screen never stops listening, so subscribe again after a backoff.
        error: (err) => {
          connection.setProblem(errorMessage(err));
          resubscribeLater();
        },
        complete: resubscribeLater,
      },
    );
  }

  function resubscribeLater() {
    if (disposed) return;
    clearTimeout(resubscribeTimer);
    resubscribeTimer = setTimeout(subscribe, retryDelayMs(failures++));
  }

  subscribe();

  return {
    reconnect: () => client.terminate(),
    dispose() {
      disposed = true;
      clearTimeout(resubscribeTimer);
      unsubscribe();
      void client.dispose();
    },
  };
}
