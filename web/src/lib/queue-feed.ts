/**
 * Fills the board and keeps it live: one HTTP query for the initial state, then the live
 * subscription of queue-live.ts for the life of the page.
 */
import type { Board } from '../stores/board.ts';
import type { Connection } from '../stores/connection.ts';
import { QUEUES_QUERY, TENANTS_QUERY } from './documents.ts';
import { AuthError, GraphQLRequestError, query } from './graphql.ts';
import type { LiveLink } from './live-link.ts';
import { startQueueLive } from './queue-live.ts';
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
  /** The page's live link, shared with its other subscriptions (the alerts). */
  link?: LiveLink;
}

export interface Feed {
  /** Drops the socket so the client reconnects at once (used when the link has gone stale). */
  reconnect(): void;
  dispose(): void;
}

export function startQueueFeed(opts: FeedOptions): Feed {
  const { board, connection } = opts;
  const aborter = new AbortController();
  let disposed = false;

  const live = startQueueLive({
    tenant: opts.tenant,
    token: opts.token,
    connection,
    onSnapshot: (q) => board.apply(q, Date.now()),
    onUnauthorized: opts.onUnauthorized,
    link: opts.link,
  });

  query<{ queues: Queue[] }>(QUEUES_QUERY, { tenant: opts.tenant ?? null }, opts.token(), aborter.signal)
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

  return {
    reconnect: live.reconnect,
    dispose() {
      disposed = true;
      aborter.abort();
      live.dispose();
    },
  };
}
