/**
 * Many WebSocket clients in a process of their own (so they do not share the server's event
 * loop), driven over IPC by the latency, fan-out and memory benchmarks:
 *
 * - `graphql-ws` clients: the real client library over `ws`, one socket and one subscription
 *   each, as the web app's wallboard uses;
 * - `raw` clients: bare `ws` sockets that JSON.parse each message (what graphql-ws' client
 *   does at the least), for the raw-broadcast baselines.
 *
 * Every message a client receives is read as a queue snapshot (`payload.data.queueUpdated`):
 * the client notes when it first held each `today.offered` of each queue, which is how the
 * latency benchmark knows when every client holds the snapshot of a given event.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { serveRequests } from './ipc.ts';

const now = () => performance.timeOrigin + performance.now();

interface Probe {
  queue: string;
  /** `today.offered` the snapshot of the probe's event shows. */
  offered: number;
  postedAt: number;
}

interface Group {
  kind: 'graphql-ws' | 'raw';
  closers: (() => void)[];
  /** Per client: queue → [offered, first held at] in arrival order. */
  held: Map<string, [number, number][]>[];
  /** Per client: how many messages it received. */
  received: number[];
}

const groups = new Map<string, Group>();
let counted = 0;
let first = Infinity;
let last = -Infinity;
let waiter: { total: number; resolve: () => void } | null = null;
/** The text of the latest message per queue (of the first client): the bytes a raw broadcast sends. */
const sample = new Map<string, string>();

function onMessage(g: Group, i: number, text: string, parsed: any) {
  const t = now();
  counted++;
  if (t < first) first = t;
  if (t > last) last = t;
  g.received[i]!++;
  const s = parsed?.payload?.data?.queueUpdated;
  if (s?.id !== undefined) {
    const offered = Number(s.today?.offered ?? -1);
    let list = g.held[i]!.get(s.id);
    if (!list) g.held[i]!.set(s.id, (list = []));
    if (list.length === 0 || offered > list[list.length - 1]![0]) list.push([offered, t]);
    if (i === 0) sample.set(s.id, text);
  }
  if (waiter && counted >= waiter.total) {
    const w = waiter;
    waiter = null;
    w.resolve();
  }
}

async function openGraphqlWs(g: Group, i: number, url: string, token: string, query: string, variables: Record<string, unknown>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let client: Client;
    // graphql-ws hands the parsed message to `next`; the raw text is kept for the raw baseline's bytes.
    let lastText = '';
    class TappedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { perMessageDeflate: false });
        this.on('message', (data) => {
          lastText = String(data);
        });
      }
    }
    client = createClient({
      url,
      // Only the first client keeps the text: the others do no more than a wallboard would.
      webSocketImpl: i === 0 ? TappedWebSocket : WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: false,
      on: { connected: () => resolve(), error: (e) => reject(e instanceof Error ? e : new Error(`client ${i}: socket error`)) },
    });
    const stop = client.subscribe(
      { query, variables },
      {
        next: (r) => onMessage(g, i, lastText, { payload: r }),
        error: (e) => console.error(`[clients] subscription ${i} failed: ${JSON.stringify(e).slice(0, 300)}`),
        complete: () => {},
      },
    );
    g.closers[i] = () => {
      stop();
      void client.dispose();
    };
  });
}

async function openRaw(g: Group, i: number, url: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.on('open', () => resolve());
    ws.on('error', reject);
    ws.on('message', (data) => {
      const text = String(data);
      onMessage(g, i, text, JSON.parse(text));
    });
    g.closers[i] = () => ws.terminate();
  });
}

serveRequests({
  /** Open `n` clients of a kind as group `name`, `concurrency` connecting at a time. */
  async open(a: { name: string; kind: 'graphql-ws' | 'raw'; url: string; token?: string; n: number; query?: string; variables?: Record<string, unknown>; concurrency?: number }) {
    const g: Group = { kind: a.kind, closers: [], held: [], received: [] };
    groups.set(a.name, g);
    let next = 0;
    const worker = async () => {
      while (next < a.n) {
        const i = next++;
        g.held[i] = new Map();
        g.received[i] = 0;
        if (a.kind === 'raw') await openRaw(g, i, a.url);
        else await openGraphqlWs(g, i, a.url, a.token!, a.query!, a.variables ?? {});
      }
    };
    await Promise.all(Array.from({ length: a.concurrency ?? 50 }, worker));
    return g.closers.length;
  },
  /** Resolves once every client of the group has received at least `n` messages. */
  async settled(a: { name: string; n: number; timeoutMs?: number }) {
    const g = groups.get(a.name)!;
    const deadline = Date.now() + (a.timeoutMs ?? 60_000);
    while (g.received.some((r) => r < a.n)) {
      if (Date.now() > deadline) throw new Error(`${g.received.filter((r) => r < a.n).length} clients of ${a.name} have fewer than ${a.n} messages`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return true;
  },
  /** Start counting messages (of every group) from zero. */
  reset() {
    counted = 0;
    first = Infinity;
    last = -Infinity;
    return true;
  },
  /** Resolves when `total` messages were counted since the reset: the first and last arrival. */
  async count(a: { total: number; timeoutMs?: number }) {
    if (counted < a.total) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiter = null;
          reject(new Error(`only ${counted} of ${a.total} messages within ${a.timeoutMs ?? 60_000} ms`));
        }, a.timeoutMs ?? 60_000);
        waiter = {
          total: a.total,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
      });
    }
    return { counted, first, last };
  },
  /** For each probe, how long after posting each client of the group first held it (ms; null: never). */
  latencies(a: { name: string; probes: Probe[] }) {
    const g = groups.get(a.name)!;
    return a.probes.map((p) =>
      g.held.map((byQueue) => {
        const hit = byQueue.get(p.queue)?.find(([offered]) => offered >= p.offered);
        return hit ? hit[1] - p.postedAt : null;
      }),
    );
  },
  /** The latest message text per queue, as the first client received it. */
  samples() {
    return Object.fromEntries(sample);
  },
  async close(a: { name: string }) {
    const g = groups.get(a.name);
    if (!g) return 0;
    for (const c of g.closers) c?.();
    groups.delete(a.name);
    await new Promise((r) => setTimeout(r, 200));
    return g.closers.length;
  },
  memory() {
    global.gc?.();
    return process.memoryUsage().heapUsed;
  },
  stop() {
    for (const g of groups.values()) for (const c of g.closers) c?.();
    setTimeout(() => process.exit(0), 50);
    return true;
  },
});
process.send!({ type: 'ready', pid: process.pid });
