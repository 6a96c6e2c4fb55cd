/**
 * Fills the board and keeps it live: one HTTP query for the initial state, then one
 * `queueUpdated` subscription for the life of the page. After a reconnect the subscription
 * itself sends the current snapshot of every queue first, so nothing needs re-querying.
 */
import type { Board } from '../stores/board.ts';
import type { Connection } from '../stores/connection.ts';
import { QUEUE_UPDATED_SUBSCRIPTION, QUEUES_QUERY, TENANTS_QUERY } from './documents.ts';
import {
  AuthError,
  createLiveClient,
  errorMessage,
  FORBIDDEN_CLOSE_CODE,
  GraphQLRequestError,
  query,
  retryDelayMs,
} from './graphql.ts';
import type { Queue, Tenant } from './types.ts';

export interface FeedOptions {
  /** Show one tenant's queues; undefined shows every queue the token may see. */
  tenant: string | undefined;
  token: () => string;
  /** A fresh, empty board: the feed only ever adds to it. */
  board: Board;
  connection: Connection;
  onTenants(tenants: Tenant[]): void;
  onUnauthorized(): void;
}

export interface Feed {
  /** Drops the socket so the client reconnects at once (used when the link has gone stale). */
  reconnect(): void;
  dispose(): void;
}

export function startQueueFeed(opts: FeedOptions): Feed {
  const { board, connection } = opts;
  const variables = { tenant: opts.tenant ?? null };
  const aborter = new AbortController();
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
          if (data?.queueUpdated) board.apply(data.queueUpdated, Date.now());
        },
        // The client retries the socket forever by itself; these fire only when the server ends
        // the operation (a GraphQL error, a restart that completes it). A wallboard never stops
        // listening, so it subscribes again after a backoff.
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

  query<{ queues: Queue[] }>(QUEUES_QUERY, variables, opts.token(), aborter.signal)
    .then(({ queues }) => {
      if (!disposed) board.applyAll(queues, Date.now());
    })
    .catch((err: unknown) => {
      if (disposed) return;
      if (err instanceof AuthError) opts.onUnauthorized();
      else if (err instanceof GraphQLRequestError) connection.setProblem(err.message);
      // An unreachable server needs no words: the indicator says "reconnecting", and the
      // subscription sends every current snapshot once it gets through.
    });

  // Tenant names only dress up headings; without them the board shows tenant ids, so any
  // failure here (a token that may not list tenants) is ignored.
  query<{ tenants: Tenant[] }>(TENANTS_QUERY, {}, opts.token(), aborter.signal)
    .then(({ tenants }) => {
      if (!disposed) opts.onTenants(tenants);
    })
    .catch(() => {});

  subscribe();

  return {
    reconnect: () => client.terminate(),
    dispose() {
      disposed = true;
      aborter.abort();
      clearTimeout(resubscribeTimer);
      unsubscribe();
      void client.dispose();
    },
  };
}
