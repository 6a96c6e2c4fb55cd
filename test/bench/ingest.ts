/**
 * Ingest and aggregation into Redis, events per second, against the practical limit: raw
 * pipelined XADD of the same events into one stream, in the same run on the same Redis.
 *
 * Floorboard's figure is end to end: POST /api/events over HTTP (validation, scope, Lua
 * dedup + XADD), then the aggregator (XREADGROUP, records, five interval tiers, XACK in one
 * MULTI), timed from the first request to an empty backlog.
 */
import { createClient } from 'redis';
import type { IngestEvent } from '../../schema/events.ts';
import { configFromEnv } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';
import { createFloor } from '../../simulations/floor.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { startRedis } from '../helpers/redis-server.ts';
import { median, type BenchResult } from './stats.ts';

const BATCH = 5000;

function simulate(runId: string, hours: number): IngestEvent[] {
  const start = Date.now() - hours * 3_600_000;
  const floor = createFloor(bpo, { seed: 11, startMs: start, runId });
  return floor.advance(Date.now());
}

async function rawXadd(url: string, events: IngestEvent[], key: string): Promise<number> {
  const client = createClient({ url, commandOptions: { timeout: undefined } });
  client.on('error', () => {});
  await client.connect();
  const t0 = performance.now();
  for (let i = 0; i < events.length; i += 1000) {
    const m = client.multi();
    for (const e of events.slice(i, i + 1000)) m.xAdd(key, '*', { e: JSON.stringify(e) });
    await m.execAsPipeline();
  }
  const seconds = (performance.now() - t0) / 1000;
  await client.del(key);
  client.destroy();
  return events.length / seconds;
}

async function floorboard(url: string, events: IngestEvent[], prefix: string): Promise<number> {
  const config = configFromEnv({}, { port: 0, host: '127.0.0.1', redisUrl: url, redisPrefix: prefix, adminToken: 'bench-admin-token-0123456789', webDir: null, instanceId: prefix });
  const server = await startServer({ config, log: () => {} });
  const base = `http://127.0.0.1:${server.port}`;
  const t0 = performance.now();
  // Two requests in flight, as two ACD connectors would.
  const batches: IngestEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  const post = async (b: IngestEvent[]) => {
    const res = await fetch(`${base}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.adminToken}` },
      body: JSON.stringify(b),
    });
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  };
  for (let i = 0; i < batches.length; i += 2) await Promise.all(batches.slice(i, i + 2).map(post));
  while ((await server.store.backlog()) > 0) await new Promise((r) => setTimeout(r, 5));
  const seconds = (performance.now() - t0) / 1000;
  await server.close();
  return events.length / seconds;
}

export async function benchIngest(opts: { hours?: number; reps?: number } = {}): Promise<BenchResult> {
  const hours = opts.hours ?? 48;
  const reps = opts.reps ?? 3;
  const redis = await startRedis();
  try {
    const ours: number[] = [];
    const raw: number[] = [];
    let n = 0;
    for (let r = 0; r < reps; r++) {
      const events = simulate(`bench${r}`, hours);
      n = events.length;
      raw.push(await rawXadd(redis.url, events, `bench-raw-${r}`));
      ours.push(await floorboard(redis.url, events, `bench-${r}`));
    }
    return {
      name: 'ingest + aggregation into Redis (HTTP, 5 tiers)',
      unit: 'events/s',
      value: median(ours),
      baselineName: 'raw pipelined XADD of the same events',
      baseline: median(raw),
      note: `${n} simulated events (bpo, ${hours} h) per run, ${reps} runs`,
    };
  } finally {
    await redis.stop();
  }
}
