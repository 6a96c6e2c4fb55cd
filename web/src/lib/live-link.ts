/**
 * A page's live link: one graphql-ws client carrying every subscription the page runs (the
 * wallboard follows queues and alerts over the same socket, so one indicator tells the truth
 * about both). It never gives up: the client retries the socket forever, and an operation the
 * server ends is subscribed again after a backoff.
 */
import type { Connection } from '../stores/connection.ts';
import { createLiveClient, errorMessage, FORBIDDEN_CLOSE_CODE, retryDelayMs } from './graphql.ts';

export interface LiveLinkOptions {
  token: () => string;
  connection: Connection;
  onUnauthorized(): void;
}

export interface LiveOperation {
  query: string;
  variables: Record<string, unknown>;
}

export interface LiveLink {
  /** Runs `operation` until the returned function is called; `onData` gets each result's data. */
  subscribe<T>(operation: LiveOperation, onData: (data: T) => void): () => void;
  /** Called on every (re)connect, so a subscription without replay can re-read what it missed. */
  onConnected(listener: () => void): () => void;
  /** Drops the socket so the client reconnects at once (used when the link has gone stale). */
  reconnect(): void;
  dispose(): void;
}

export function createLiveLink(opts: LiveLinkOptions): LiveLink {
  const { connection } = opts;
  let disposed = false;
  const stops = new Set<() => void>();

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

  function subscribe<T>(operation: LiveOperation, onData: (data: T) => void): () => void {
    let stopped = false;
    let unsubscribe: () => void = () => {};
    let timer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;

    const start = () => {
      unsubscribe = client.subscribe<T>(operation, {
        next: ({ data, errors }) => {
          if (errors?.length) return connection.setProblem(errorMessage(errors));
          failures = 0;
          connection.setProblem(null);
          if (data) onData(data as T);
        },
        // Fires only when the server ends the operation (a GraphQL error, a restart that
        // completes it): a screen never stops listening, so subscribe again after a backoff.
        error: (err) => {
          connection.setProblem(errorMessage(err));
          again();
        },
        complete: again,
      });
    };

    function again() {
      if (stopped || disposed) return;
      clearTimeout(timer);
      timer = setTimeout(start, retryDelayMs(failures++));
    }

    const stop = () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      stops.delete(stop);
    };
    stops.add(stop);
    start();
    return stop;
  }

  return {
    subscribe,
    onConnected: (listener) => client.on('connected', () => listener()),
    reconnect: () => client.terminate(),
    dispose() {
      disposed = true;
      for (const stop of [...stops]) stop();
      void client.dispose();
    },
  };
}
