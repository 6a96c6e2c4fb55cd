/**
 * Redis stops and comes back: while it is away the service says so on /healthz and answers
 * ingest with 503 instead of accepting what it cannot store; it reconnects by itself, and every
 * batch it acknowledged with 202 is counted exactly once afterwards. A private redis-server with
 * AOF (appendfsync always), killed and restarted on the same port and directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { redisServerAvailable, startRedis, type RedisServer } from '../helpers/redis-server.ts';

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('CI=true but redis-server is not installed');
if (!available) console.warn('!!! SKIPPING the Redis fault tests: no redis-server on this machine (they run in CI)');

describe.runIf(available)('Redis restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fb-fault-'));
  let redis: RedisServer;
  let app: TestApp;
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the outage, refuses ingest with 503, recovers, and counts every 202 exactly once', async () => {
    redis = await startRedis({ appendOnly: true, dir });
    app = await startApp({ store: 'redis', redisUrl: redis.url });
    const t = uniqueTenant();
    const now = Date.now();
    const accepted: string[] = [];
    const post = async (i: number) => {
      const events = lifecycle({ tenant: t, queue: 'q', contact: `c${i}`, queuedAt: now - 60_000 + i, outcome: { kind: 'abandoned', after: 10 } });
      const res = await app.postEvents(events);
      if (res.status === 202) accepted.push(`c${i}`);
      else expect(res.status).toBe(503);
      return res;
    };
    for (let i = 0; i < 20; i++) await post(i);
    expect(accepted).toHaveLength(20);
    await app.settled();

    await redis.stop();
    await eventually(async () => (await fetch(`${app.url}/healthz`)).status === 503, 5000, '/healthz to report the outage');
    const during = await post(100);
    expect(during.status).toBe(503);
    expect(during.headers.get('retry-after')).toBe('1');
    const health = await (await fetch(`${app.url}/healthz`)).json();
    expect(health).toEqual({ status: 'unavailable', store: 'redis' });

    redis = await startRedis({ appendOnly: true, dir, port: redis.port });
    await eventually(async () => (await fetch(`${app.url}/healthz`)).status === 200, 10_000, 'reconnection');
    for (let i = 20; i < 40; i++) await post(i);
    // A client that got 503 sends again: once in, counted once.
    expect((await post(100)).status).toBe(202);
    await app.settled();
    const r = await app.graphql(`query($t: ID) { queues(tenant: $t) { today { offered abandoned } } }`, { t });
    expect(r.data.queues[0].today).toEqual({ offered: accepted.length, abandoned: accepted.length });
    expect(accepted).toHaveLength(41);
  }, 60_000);
});
