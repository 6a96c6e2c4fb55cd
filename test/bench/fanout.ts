/**
 * Fan-out: queue snapshots delivered per second to N graphql-ws subscribers, against a bare
 * `ws` broadcast of the same bytes to N plain sockets.
 *
 * Floorboard: N real graphql-ws clients (the wallboard's subscription to every queue of one
 * tenant, in a process of their own) and a burst: one request with a contact for each of the
 * tenant's 20 queues, so that one tick publishes 20 snapshots and every subscriber is sent 20
 * messages. The rate is N × 20 over the time from the first message any client receives to the
 * last (aggregation before the first message is not fan-out, and not counted).
 *
 * Baseline: the same N as plain `ws` clients (each JSON.parses what it gets) of a bare `ws`
 * server, which sends the text of those 20 messages, as a Floorboard client received them, to
 * every socket; timed the same way.
 */
import { spawnSync } from 'node:child_process';
import { startRedis } from '../helpers/redis-server.ts';
import { QUEUE_UPDATED_SUBSCRIPTION, TOKEN, postEvents, queuedEvent, seedQueues, sleep, startFloorboard, type Floorboard } from './env.ts';
import { spawnChild, type Child } from './ipc.ts';
import { fmt, median, type BenchResult } from './stats.ts';

const K = 20;

/** The open-files limit of processes started from here (`ulimit -n`), or Infinity if unknown. */
function openFilesLimit(): number {
  const r = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : Infinity;
}

export async function benchFanout(opts: { sizes: number[]; bursts: number; profileDir?: string; log?: (msg: string) => void }): Promise<BenchResult[]> {
  const log = opts.log ?? (() => {});
  // Each socket is a file in the server and in the clients' process (plus some to spare).
  const limit = openFilesLimit();
  const sizes = opts.sizes.filter((n) => n + 200 <= limit);
  for (const n of opts.sizes) if (!sizes.includes(n)) log(`  skipping ${n} subscribers: the open-files limit is ${limit} (raise it with ulimit -n)`);
  const redis = await startRedis();
  let fb: Floorboard | undefined;
  let raw: Child<{ port: number }> | undefined;
  let clients: Child | undefined;
  const results: BenchResult[] = [];
  try {
    fb = await startFloorboard(redis.url, { snapshotRefreshMs: 3_600_000 }, opts.profileDir);
    raw = await spawnChild<{ port: number }>('./raw-ws-process.ts');
    // Room for 5,000 sockets with their graphql-ws clients and everything they receive.
    clients = await spawnChild('./clients-process.ts', {}, { maxOldSpaceMb: 4096 });
    const rawUrl = `ws://127.0.0.1:${raw.ready.port}`;

    for (const n of sizes) {
      const tenant = `fan${n}`;
      const queues = Array.from({ length: K }, (_, i) => `q${String(i).padStart(2, '0')}`);
      await seedQueues(fb, tenant, queues);
      const t0 = performance.now();
      await clients.request('open', { name: `fb${n}`, kind: 'graphql-ws', url: fb.wsUrl, token: TOKEN, n, query: QUEUE_UPDATED_SUBSCRIPTION, variables: { tenant } });
      await clients.request('settled', { name: `fb${n}`, n: K, timeoutMs: 300_000 });
      log(`  ${n} graphql-ws subscribers connected, each holding the ${K} current snapshots, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

      /** One burst: delivered per second, its duration, and the CPU the sending server used. */
      const burst = async (server: Child, send: () => Promise<unknown>) => {
        await sleep(400); // past the publisher's interval: the burst goes out at once
        await clients!.request('reset');
        const cpu0 = server.cpuSeconds();
        await send();
        const r = await clients!.request<{ counted: number; first: number; last: number }>('count', { total: n * K, timeoutMs: 300_000 });
        return { rate: (n * K) / ((r.last - r.first) / 1000), ms: r.last - r.first, cpu: server.cpuSeconds() - cpu0 };
      };

      const ours: { rate: number; ms: number; cpu: number }[] = [];
      for (let b = 0; b < opts.bursts; b++) ours.push(await burst(fb.child, () => postEvents(fb!.url, queues.map((q) => queuedEvent(tenant, q, 'burst')))));
      const samples = await clients.request<Record<string, string>>('samples');
      const payloads = queues.map((q) => samples[q]!);
      await clients.request('close', { name: `fb${n}` });

      await clients.request('open', { name: `raw${n}`, kind: 'raw', url: rawUrl, n });
      const base: { rate: number; ms: number; cpu: number }[] = [];
      for (let b = 0; b < opts.bursts; b++) base.push(await burst(raw, () => raw!.request('broadcast', { payloads })));
      await clients.request('close', { name: `raw${n}` });

      const bytes = payloads.reduce((s, p) => s + p.length, 0) / payloads.length;
      log(
        `  ${n}: floorboard ${ours.map((o) => `${fmt(o.rate)}/s (${o.ms.toFixed(0)} ms, server CPU ${o.cpu.toFixed(2)} s)`).join(', ')}; ` +
          `raw ${base.map((o) => `${fmt(o.rate)}/s (${o.ms.toFixed(0)} ms)`).join(', ')}`,
      );
      const cpuPerMessage = (median(ours.map((o) => o.cpu)) / (n * K)) * 1e6;
      const rawCpuPerMessage = (median(base.map((o) => o.cpu)) / (n * K)) * 1e6;
      results.push({
        name: `fan-out to ${n.toLocaleString('en-US')} graphql-ws subscribers`,
        unit: 'snapshots/s',
        value: median(ours.map((o) => o.rate)),
        baselineName: `bare ws broadcast of the same bytes to ${n.toLocaleString('en-US')} sockets`,
        baseline: median(base.map((o) => o.rate)),
        target: { minRatio: 0.5 },
        note:
          `bursts of ${K} queue snapshots (${Math.round(bytes)} bytes each) to every subscriber, median of ${opts.bursts}; ` +
          `server CPU per delivered snapshot ${cpuPerMessage.toFixed(1)} µs (bare ws ${rawCpuPerMessage.toFixed(1)} µs); ` +
          `the ${n.toLocaleString('en-US')} clients share one process, which bounds both rates`,
      });
    }
    return results;
  } finally {
    await clients?.stop();
    await raw?.stop();
    await fb?.stop();
    await redis.stop();
  }
}
