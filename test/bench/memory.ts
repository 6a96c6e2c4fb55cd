/**
 * Memory: what 1,000 live queues and 1,000 graphql-ws subscribers cost the server process
 * (heap in use plus external memory, after a full GC, against the same server before), with
 * baselines measured in the same run:
 *
 * - queues: the size of those 1,000 queues' snapshots as JSON (the data a screen is sent):
 *   the server keeps what it needs in Redis (reported beside), so its own share should be
 *   small next to it;
 * - subscribers: a bare `ws` server holding 1,000 plain sockets, measured the same way.
 */
import { startRedis } from '../helpers/redis-server.ts';
import { QUEUE_UPDATED_SUBSCRIPTION, QUEUES_QUERY, TOKEN, graphql, redisMemory, seedQueues, sleep, startFloorboard, type Floorboard, type Memory } from './env.ts';
import { spawnChild, type Child } from './ipc.ts';
import type { BenchResult } from './stats.ts';

const used = (m: Memory) => m.heapUsed + m.external;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

export async function benchMemory(opts: { log?: (msg: string) => void } = {}): Promise<BenchResult[]> {
  const log = opts.log ?? (() => {});
  const redis = await startRedis();
  let fb: Floorboard | undefined;
  let raw: Child<{ port: number }> | undefined;
  let clients: Child | undefined;
  try {
    fb = await startFloorboard(redis.url, { snapshotRefreshMs: 3_600_000 });
    raw = await spawnChild<{ port: number }>('./raw-ws-process.ts');
    clients = await spawnChild('./clients-process.ts');
    // Warm up (code loaded, caches of one tenant filled) before the first reading.
    await seedQueues(fb, 'warm', ['w0', 'w1']);
    await sleep(1000);

    // 1,000 queues live: each has had a contact, has a snapshot published and an alert rule.
    const r0 = await redisMemory(redis.url);
    const q0 = await fb.memory();
    const queues = Array.from({ length: 1000 }, (_, i) => `q${String(i).padStart(4, '0')}`);
    await seedQueues(fb, 'mem', queues);
    await sleep(2000); // the snapshots published, the alert engine's first tick done
    const q1 = await fb.memory();
    const r1 = await redisMemory(redis.url);
    const json = JSON.stringify(await graphql(fb.url, QUEUES_QUERY, { tenant: 'mem' })).length;
    log(`  1,000 queues: server heap+external ${mb(used(q0))} → ${mb(used(q1))}, RSS ${mb(q0.rss)} → ${mb(q1.rss)}; Redis ${mb(r0)} → ${mb(r1)}; snapshots as JSON ${mb(json)}`);

    // 1,000 graphql-ws subscribers of a tenant's 4 queues, each holding the current snapshots.
    await seedQueues(fb, 'subs', ['s0', 's1', 's2', 's3']);
    await sleep(500);
    const s0 = await fb.memory();
    await clients.request('open', { name: 'fb', kind: 'graphql-ws', url: fb.wsUrl, token: TOKEN, n: 1000, query: QUEUE_UPDATED_SUBSCRIPTION, variables: { tenant: 'subs' } });
    await clients.request('settled', { name: 'fb', n: 4 });
    await sleep(500);
    const s1 = await fb.memory();
    await clients.request('close', { name: 'fb' });

    const w0 = await raw.request<Memory>('memory');
    await clients.request('open', { name: 'raw', kind: 'raw', url: `ws://127.0.0.1:${raw.ready.port}`, n: 1000 });
    await sleep(500);
    const w1 = await raw.request<Memory>('memory');
    await clients.request('close', { name: 'raw' });
    log(`  1,000 subscribers: server heap+external ${mb(used(s0))} → ${mb(used(s1))}, RSS ${mb(s0.rss)} → ${mb(s1.rss)}; bare ws ${mb(used(w0))} → ${mb(used(w1))}, RSS ${mb(w0.rss)} → ${mb(w1.rss)}`);

    return [
      {
        name: 'server memory per 1,000 live queues (heap + external, after GC)',
        unit: 'bytes',
        value: used(q1) - used(q0),
        baselineName: 'the 1,000 snapshots as JSON',
        baseline: json,
        format: mb,
        note: `RSS +${mb(q1.rss - q0.rss)}; Redis +${mb(r1 - r0)} for them (records, interval buckets, waiting sets); no target`,
      },
      {
        name: 'server memory per 1,000 graphql-ws subscribers (heap + external, after GC)',
        unit: 'bytes',
        value: used(s1) - used(s0),
        baselineName: 'bare ws server, 1,000 plain sockets',
        baseline: used(w1) - used(w0),
        format: mb,
        note: `each subscribed to a tenant's 4 queues with the wallboard's query; RSS +${mb(s1.rss - s0.rss)} (bare ws +${mb(w1.rss - w0.rss)}); no target`,
      },
    ];
  } finally {
    await clients?.stop();
    await raw?.stop();
    await fb?.stop();
    await redis.stop();
  }
}
