/** The real graphql-ws client over ws, collecting a subscription's messages. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export function wsClient(httpUrl: string, token: string | null, extra: Partial<Parameters<typeof createClient>[0]> = {}): Client {
  return createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    ...extra,
  });
}

export interface Collected<T> {
  messages: T[];
  errors: unknown[];
  /** Wait until a message satisfies `pred`. */
  until(pred: (m: T) => boolean, timeoutMs?: number): Promise<T>;
  stop(): void;
}

export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): Collected<T> {
  const messages: T[] = [];
  const errors: unknown[] = [];
  const waiters: (() => void)[] = [];
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (r) => {
        if (r.errors) errors.push(...r.errors);
        if (r.data) messages.push(r.data as T);
        for (const w of waiters.splice(0)) w();
      },
      error: (e) => {
        errors.push(e);
        for (const w of waiters.splice(0)) w();
      },
      complete: () => {},
    },
  );
  return {
    messages,
    errors,
    stop,
    async until(pred, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = messages.find(pred);
        if (hit) return hit;
        if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 500)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, left);
        });
      }
    },
  };
}
