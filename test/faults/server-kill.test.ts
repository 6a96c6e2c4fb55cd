/**
 * A server process killed (SIGKILL) in the middle of aggregating: restarted with the same
 * instance id, it reads its unacknowledged entries again, and the aggregates equal those of the
 * same events aggregated without a crash (here: by the in-memory store in this process).
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../schema/events.ts';
import { RedisStore } from '../../server/store/redis/store.ts';
import { createFloor } from '../../simulations/floor.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { eventually, startApp } from '../helpers/app.ts';
import { healthy, kill, startServerProcess } from '../helpers/server-process.ts';
import { freePort, redisServerAvailable, startRedis, type RedisServer } from '../helpers/redis-server.ts';

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('CI=true but redis-server is not installed');
const TOKEN = 'kill-test-admin-token-0123456789';

const launch = (port: number, redisUrl: string) =>
  startServerProcess({ port, redisUrl, prefix: 'kill', adminToken: TOKEN, instanceId: 'kill-test' });

const QUERY = '{ queues { tenant id waiting today { offered answered abandoned overflowed handled answeredWithinThreshold shortAbandoned serviceLevel asaSeconds ahtSeconds } } }';
const byKey = (qs: { tenant: string; id: string }[]) => [...qs].sort((a, b) => `${a.tenant}/${a.id}`.localeCompare(`${b.tenant}/${b.id}`));

describe.runIf(available)('a server killed mid-aggregation', () => {
  let redis: RedisServer;
  let proc: ChildProcess | undefined;
  afterAll(async () => {
    proc?.kill('SIGKILL');
    await redis?.stop();
  });

  it('aggregates, after its restart, exactly what a run without the crash does', async () => {
    redis = await startRedis();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // Today's traffic of the simulated floor, so that "today" holds all of it.
    const start = Math.max(Date.now() - 6 * 3_600_000, new Date().setUTCHours(0, 5, 0, 0));
    const events: IngestEvent[] = createFloor(bpo, { seed: 5, startMs: start, runId: 'kill' }).advance(Date.now() - 60_000);
    expect(events.length).toBeGreaterThan(5000);

    proc = launch(port, redis.url);
    await healthy(base);
    const post = async (batch: IngestEvent[]) => {
      const res = await fetch(`${base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(batch) });
      expect(res.status).toBe(202);
    };
    for (let i = 0; i < events.length; i += 2000) await post(events.slice(i, i + 2000));

    // Kill it while the aggregator is still behind.
    const probe = await RedisStore.connect({ url: redis.url, prefix: 'kill', consumer: 'probe', dedupDays: 7, clock: Date.now });
    const backlogAtKill = await probe.backlog();
    await kill(proc!);

    proc = launch(port, redis.url);
    await healthy(base, 'the restarted server');
    await eventually(async () => (await probe.backlog()) === 0, 30_000, 'the restarted server to drain the backlog');
    await probe.close();
    const after = await (await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ query: QUERY }) })).json();

    // The same events, aggregated without a crash.
    const reference = await startApp();
    for (const t of bpo.tenants) await reference.server.store.setTenantSettings(t.id, {});
    for (let i = 0; i < events.length; i += 2000) await reference.postEvents(events.slice(i, i + 2000));
    await reference.settled();
    const expected = (await reference.graphql(QUERY)).data;
    await reference.close();

    console.log(`server killed with ${backlogAtKill} of ${events.length} events not yet aggregated`);
    expect(byKey(after.data.queues)).toEqual(byKey(expected.queues));
  }, 120_000);
});
