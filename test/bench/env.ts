/** What the live benchmarks share: a Floorboard server process on a private Redis, and its API. */
import { createClient } from 'redis';
import type { Config } from '../../server/config.ts';
import { spawnChild, type Child } from './ipc.ts';

export const TOKEN = 'bench-admin-token-0123456789';

/** The wallboard's own subscription (web/src/lib/documents.ts): what a screen asks for. */
export { QUEUE_UPDATED_SUBSCRIPTION, QUEUES_QUERY } from '../../web/src/lib/documents.ts';

export interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

export interface Floorboard {
  url: string;
  wsUrl: string;
  child: Child<{ port: number }>;
  memory(): Promise<Memory>;
  backlog(): Promise<number>;
  stop(): Promise<void>;
}

export async function startFloorboard(redisUrl: string, overrides: Partial<Config> = {}, profileDir?: string): Promise<Floorboard> {
  const child = await spawnChild<{ port: number }>(
    './server-process.ts',
    {
      BENCH_SERVER: JSON.stringify({
        redisUrl,
        redisPrefix: 'fb',
        adminToken: TOKEN,
        instanceId: 'bench',
        maxBacklogEvents: 200_000,
        rateLimitPerSecond: 1_000_000,
        rateLimitBurst: 1_000_000,
        ...overrides,
      }),
    },
    { profileDir },
  );
  const url = `http://127.0.0.1:${child.ready.port}`;
  return {
    url,
    wsUrl: `${url.replace('http', 'ws')}/graphql`,
    child,
    memory: () => child.request<Memory>('memory'),
    backlog: () => child.request<number>('backlog'),
    stop: () => child.stop(),
  };
}

export async function postEvents(url: string, events: object[]): Promise<{ accepted: number; duplicates: number }> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(`${url}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(events),
      });
    } catch (err) {
      // A kept-alive connection closed as the request went out: send again (ids deduplicate).
      if (attempt < 5) continue;
      throw err;
    }
    if (res.status === 429 && attempt < 200) {
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { accepted: number; duplicates: number };
  }
}

export async function graphql<T = any>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const j = (await res.json()) as { data?: T; errors?: unknown[] };
  if (j.errors?.length) throw new Error(`GraphQL: ${JSON.stringify(j.errors).slice(0, 500)}`);
  return j.data!;
}

let seq = 0;
/** A contact entering a queue now: one new `offered` for the queue's "today". */
export function queuedEvent(tenant: string, queue: string, tag = 'x'): object {
  const n = ++seq;
  return { id: `${tag}-${process.pid}-${n}`, type: 'contact.queued', at: new Date().toISOString(), tenant, queue, contact: `${tag}-c${process.pid}-${n}`, channel: 'voice' };
}

/** Posts one contact to each queue and waits until the server shows all of them. */
export async function seedQueues(fb: Floorboard, tenant: string, queues: readonly string[]): Promise<Map<string, number>> {
  for (let i = 0; i < queues.length; i += 2000) await postEvents(fb.url, queues.slice(i, i + 2000).map((q) => queuedEvent(tenant, q, 'seed')));
  for (let i = 0; ; i++) {
    const d = await graphql<{ queues: { id: string; today: { offered: number } }[] }>(fb.url, 'query($t: ID) { queues(tenant: $t) { id today { offered } } }', { t: tenant });
    if (d.queues.length >= queues.length && d.queues.every((q) => q.today.offered > 0)) return new Map(d.queues.map((q) => [q.id, q.today.offered]));
    if (i > 600) throw new Error(`tenant ${tenant}: ${d.queues.length} of ${queues.length} queues after a minute`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One section of Redis' INFO, on a connection of its own. */
export async function redisInfo(url: string, section: string): Promise<string> {
  const c = createClient({ url });
  c.on('error', () => {});
  await c.connect();
  try {
    return await c.info(section);
  } finally {
    c.destroy();
  }
}

/** Redis' own memory in use (bytes). */
export async function redisMemory(url: string): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redisInfo(url, 'memory'))![1]);
}

export async function redisPid(url: string): Promise<number> {
  return Number(/process_id:(\d+)/.exec(await redisInfo(url, 'server'))![1]);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const now = () => performance.timeOrigin + performance.now();
