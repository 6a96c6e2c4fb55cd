/**
 * Ingest and aggregation into Redis, sustained: events per second aggregated while a client
 * posts as fast as the server takes them, for `seconds` (a minute by default), against the
 * practical limit measured in the same run on the same Redis: raw pipelined XADD of the same
 * events' JSON.
 *
 * Floorboard's figure is end to end, with the server in a process of its own: POST
 * /api/events over HTTP in batches of 5,000 (JSON parse, validation, scope, Lua dedup + XADD),
 * then the aggregator (read, records, five interval tiers, agent-time slices, and the batch's
 * effects with its XACK in one fenced transaction). Backpressure (429 while more than 200,000
 * events wait; the client waits the Retry-After) keeps ingest from running away from
 * aggregation, so the figure is what aggregation sustains: the events accepted minus those still
 * waiting when the time is up, over the time. Measured with one server process, then with two
 * on the same Redis (each takes half the requests; the tenants' aggregation is shared by lease).
 */
import { availableParallelism } from 'node:os';
import { createClient } from 'redis';
import { startRedis } from '../helpers/redis-server.ts';
import { TOKEN, redisInfo, redisPid, sleep, startFloorboard, type Floorboard } from './env.ts';
import { cpuSecondsOf } from './ipc.ts';
import { eventTemplate, renameTenants, startLoad, type EventTemplate } from './load.ts';
import type { BenchResult } from './stats.ts';

export interface IngestOptions {
  /** How long the sustained run lasts (s). */
  seconds: number;
  /** How long the raw XADD baseline runs (s). */
  rawSeconds: number;
  /** Copies of the floor live at once (3 tenants each). */
  copies: number;
  /** Requests in flight (as that many connectors posting side by side). */
  inFlight: number;
  /** How long the run with two server processes on the one Redis lasts (s; 0: none). */
  twoInstanceSeconds: number;
  /** Write a CPU profile of the server process here. */
  profileDir?: string;
  log?: (msg: string) => void;
}

/** Where Redis spent its time, by command (INFO commandstats), for BENCH_VERBOSE runs. */
async function redisCommandStats(url: string): Promise<string> {
  const info = await redisInfo(url, 'commandstats');
  const rows = [...info.matchAll(/cmdstat_(\S+):calls=(\d+),usec=(\d+)/g)].map(([, cmd, calls, usec]) => ({ cmd: cmd!, calls: Number(calls), usec: Number(usec) }));
  const total = rows.reduce((s, r) => s + r.usec, 0);
  return rows
    .sort((a, b) => b.usec - a.usec)
    .slice(0, 15)
    .map((r) => `    redis ${r.cmd.padEnd(14)} ${(r.usec / 1e6).toFixed(2).padStart(6)} s ${((100 * r.usec) / total).toFixed(1).padStart(5)} %  ${r.calls} calls, ${(r.usec / r.calls).toFixed(1)} µs each`)
    .join('\n');
}

/** XADD each event's JSON to its tenant's stream, 1,000 per pipeline, for `seconds`. */
async function rawXadd(url: string, template: EventTemplate, copies: number, seconds: number): Promise<{ rate: number; n: number }> {
  const client = createClient({ url, commandOptions: { timeout: undefined } });
  client.on('error', () => {});
  await client.connect();
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  let n = 0;
  let generation = 0;
  outer: for (;;) {
    for (let i = 0; i < template.json.length; i += 1000) {
      for (let copy = 0; copy < copies; copy++) {
        const prefix = `X${generation}c${copy}-`;
        const m = client.multi();
        for (let j = i; j < Math.min(i + 1000, template.json.length); j++) {
          m.xAdd(`raw:{${prefix}${template.events[j]!.tenant}}:events`, '*', { e: renameTenants(template.json[j]!, prefix) });
        }
        await m.execAsPipeline();
        n += Math.min(1000, template.json.length - i);
        if (performance.now() >= until) break outer;
      }
    }
    generation++;
  }
  const rate = n / ((performance.now() - t0) / 1000);
  await client.flushAll();
  client.destroy();
  return { rate, n };
}

/** One sustained run against `instances` server processes on the Redis at `url`. */
async function sustained(
  url: string,
  rpid: number,
  template: EventTemplate,
  opts: { seconds: number; copies: number; inFlight: number; instances: number; profileDir?: string; log: (msg: string) => void },
) {
  const { log } = opts;
  // Several instances on one Redis share the tenants' aggregation (leases) and take ingest in turn.
  const instances: Floorboard[] = [];
  try {
    for (let i = 0; i < opts.instances; i++) instances.push(await startFloorboard(url, { instanceId: `bench${i}` }, opts.profileDir));
    const serverCpu = () => instances.reduce((s, f) => s + f.child.cpuSeconds(), 0);
    const cpu0 = { server: serverCpu(), redis: cpuSecondsOf(rpid), self: process.cpuUsage() };
    const t0 = performance.now();
    const load = startLoad({ url: instances.map((f) => f.url), token: TOKEN, template, copies: opts.copies, inFlight: opts.inFlight });
    const samples: string[] = [];
    for (let s = 10; s < opts.seconds; s += 10) {
      await sleep(t0 + s * 1000 - performance.now());
      samples.push(`${s}s: ${load.stats.accepted}`);
    }
    await sleep(Math.max(0, t0 + opts.seconds * 1000 - performance.now()));
    const stats = await load.stop();
    const backlog = await instances[0]!.backlog();
    const elapsed = (performance.now() - t0) / 1000;
    const self = process.cpuUsage(cpu0.self);
    const cpu = { server: serverCpu() - cpu0.server, redis: cpuSecondsOf(rpid) - cpu0.redis, load: (self.user + self.system) / 1e6 };
    if (process.env.BENCH_VERBOSE) log(await redisCommandStats(url));
    const aggregated = stats.accepted - backlog;
    const rate = aggregated / elapsed;
    log(
      `  ${opts.instances} instance(s): ${stats.accepted} accepted, ${backlog} waiting at the end, ${stats.refused} requests refused (429), ${stats.socketErrors} cut; ` +
        `${Math.round(rate)} events/s aggregated over ${elapsed.toFixed(1)} s; accepted so far ${samples.join(', ')}`,
    );
    log(
      `  CPU over the run: server${opts.instances > 1 ? 's' : ''} ${cpu.server.toFixed(1)} s, redis ${cpu.redis.toFixed(1)} s, load generator ${cpu.load.toFixed(1)} s ` +
        `(wall ${elapsed.toFixed(1)} s on ${availableParallelism()} cores, shared with everything else running)`,
    );
    return { rate, aggregated, elapsed, cpu };
  } finally {
    for (const f of instances) await f.stop();
  }
}

export async function benchIngest(opts: IngestOptions): Promise<BenchResult[]> {
  const log = opts.log ?? (() => {});
  const redis = await startRedis();
  try {
    const rpid = await redisPid(redis.url);
    const template = eventTemplate(48, 5000);
    log(`  template: ${template.events.length} events (bpo, 48 h), ${template.bodies.length} bodies of ${template.batch}`);

    const raw = await rawXadd(redis.url, template, opts.copies, opts.rawSeconds);
    log(`  raw XADD: ${Math.round(raw.rate)} events/s (${raw.n} in ${opts.rawSeconds} s)`);

    const results: BenchResult[] = [];
    for (const [instances, seconds] of [[1, opts.seconds], [2, opts.twoInstanceSeconds]] as const) {
      if (seconds <= 0) continue;
      const r = await sustained(redis.url, rpid, template, { ...opts, seconds, instances, log });
      results.push({
        name: `ingest + aggregation into Redis, sustained ${seconds} s, ${instances === 1 ? 'one server process' : `${instances} server processes on one Redis`} (HTTP, 5 tiers, agent time)`,
        unit: 'events/s',
        value: r.rate,
        baselineName: 'raw pipelined XADD of the same events',
        baseline: raw.rate,
        target: { min: 40_000, minRatio: 0.3 },
        note:
          `${r.aggregated.toLocaleString('en-US')} events aggregated (${opts.copies} copies of the bpo floor live, ${opts.copies * 3} tenants at a time, batches of 5,000, ${opts.inFlight} requests in flight); ` +
          `CPU: server${instances > 1 ? 's' : ''} ${r.cpu.server.toFixed(0)} s, Redis ${r.cpu.redis.toFixed(0)} s, load generator ${r.cpu.load.toFixed(0)} s in ${r.elapsed.toFixed(0)} s`,
      });
      // The next run starts from an empty Redis, as this one did.
      const c = createClient({ url: redis.url });
      c.on('error', () => {});
      await c.connect();
      await c.flushAll();
      c.destroy();
    }
    return results;
  } finally {
    await redis.stop();
  }
}
