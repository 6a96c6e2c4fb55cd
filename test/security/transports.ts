/**
 * One GraphQL operation over each real transport, reduced to what an access test needs: the
 * error codes, the data, the HTTP status or WebSocket close code. Queries and mutations go as
 * a POST over HTTP or as a graphql-ws operation; subscriptions over SSE or graphql-ws, as a
 * stream of results.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export type Transport = 'http' | 'ws';
export const TRANSPORTS: readonly Transport[] = ['http', 'ws'];

export interface Result {
  data: Record<string, unknown> | null | undefined;
  errors: { message: string; code: string }[];
  /** HTTP status when the answer was not a GraphQL result (401 before GraphQL). */
  status?: number;
  /** graphql-ws close code when the socket was closed (4403: bad or no token). */
  closeCode?: number;
}

type RawError = { message?: string; extensions?: { code?: string } };
const errorsOf = (errors: readonly RawError[] | undefined): Result['errors'] =>
  (errors ?? []).map((e) => ({ message: String(e.message ?? ''), code: e.extensions?.code ?? 'NONE' }));

/** A subscription's results as they come, until stopped or finished. */
export class Stream {
  readonly results: Result[] = [];
  done = false;
  private waiters: (() => void)[] = [];
  constructor(private readonly stopFn: () => void) {}

  push(r: Result) {
    this.results.push(r);
    this.wake();
  }
  finish() {
    this.done = true;
    this.wake();
  }
  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }
  /** Wait until `pred` holds over the results (or the stream ends, or time runs out). */
  async until(pred: (results: readonly Result[]) => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (pred(this.results)) return true;
      const left = deadline - Date.now();
      if (this.done || left <= 0) return pred(this.results);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, Math.min(left, 250));
      });
    }
  }
  stop() {
    this.stopFn();
    this.finish();
  }
}

export class Transports {
  private readonly clients = new Map<string, Client>();
  constructor(private readonly baseUrl: string) {}

  private client(token: string | null): Client {
    const key = token ?? '';
    let c = this.clients.get(key);
    if (!c) {
      c = createClient({
        url: `${this.baseUrl.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: true,
      });
      this.clients.set(key, c);
    }
    return c;
  }

  /** A query or mutation: its one result. */
  async run(transport: Transport, token: string | null, query: string, variables: Record<string, unknown>): Promise<Result> {
    if (transport === 'http') {
      const res = await fetch(`${this.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown> | null; errors?: RawError[] };
      return { data: body.data, errors: errorsOf(body.errors), status: res.status };
    }
    const s = this.subscribe('ws', token, query, variables);
    await s.until((r) => r.length > 0, 30_000);
    s.stop();
    return s.results[0] ?? { data: undefined, errors: [{ message: 'no result in 30 s', code: 'NO_RESULT' }] };
  }

  /** A subscription (or any operation) as a stream of results. */
  subscribe(transport: Transport, token: string | null, query: string, variables: Record<string, unknown>): Stream {
    return transport === 'http' ? this.sse(token, query, variables) : this.ws(token, query, variables);
  }

  private ws(token: string | null, query: string, variables: Record<string, unknown>): Stream {
    let dispose = () => {};
    const stream = new Stream(() => dispose());
    dispose = this.client(token).subscribe(
      { query, variables },
      {
        next: (r) => stream.push({ data: r.data as Record<string, unknown> | null | undefined, errors: errorsOf(r.errors as RawError[] | undefined) }),
        error: (e) => {
          if (Array.isArray(e)) stream.push({ data: undefined, errors: errorsOf(e as RawError[]) });
          else if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'number') {
            stream.push({ data: undefined, errors: [], closeCode: (e as { code: number }).code });
          } else stream.push({ data: undefined, errors: [{ message: String(e), code: 'SOCKET_ERROR' }] });
          stream.finish();
        },
        complete: () => stream.finish(),
      },
    );
    return stream;
  }

  private sse(token: string | null, query: string, variables: Record<string, unknown>): Stream {
    const abort = new AbortController();
    const stream = new Stream(() => abort.abort());
    void (async () => {
      try {
        const res = await fetch(`${this.baseUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query, variables }),
          signal: abort.signal,
        });
        if (!(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
          const body = (await res.json()) as { data?: Record<string, unknown> | null; errors?: RawError[] };
          stream.push({ data: body.data, errors: errorsOf(body.errors), status: res.status });
          return;
        }
        const decoder = new TextDecoder();
        let buffer = '';
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trimStart())
              .join('\n');
            if (event === 'complete') return;
            if (data) {
              const r = JSON.parse(data) as { data?: Record<string, unknown> | null; errors?: RawError[] };
              stream.push({ data: r.data, errors: errorsOf(r.errors), status: res.status });
            }
          }
        }
      } catch (err) {
        if (!abort.signal.aborted) stream.push({ data: undefined, errors: [{ message: String(err), code: 'SOCKET_ERROR' }] });
      } finally {
        stream.finish();
      }
    })();
    return stream;
  }

  async close() {
    await Promise.all([...this.clients.values()].map((c) => c.dispose()));
  }
}

/** Run `fns` with at most `n` at a time. */
export async function limited<T>(n: number, fns: readonly (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(fns.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, fns.length) }, async () => {
      while (next < fns.length) {
        const i = next++;
        out[i] = await fns[i]!();
      }
    }),
  );
  return out;
}
