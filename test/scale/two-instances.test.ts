/**
 * Two instances on one Redis: A is a real server process, B a server in this process. Events are
 * posted to both alternately; each tenant is aggregated by one of them (its lease holder); a
 * graphql-ws subscriber on B sees an event posted to A and aggregated there; A is killed
 * (SIGKILL) while behind, and B takes its tenants over, claims what A had read but not committed,
 * and ends with aggregates equal to a single instance's run of the same events.
 */
import type { ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../schema/events.ts';
import { AGGREGATOR_GROUP, redisKeys } from '../../server/store/redis/keys.ts';
import { createFloor } from '../../simulations/floor.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { ADMIN_TOKEN, eventually, startApp, type TestApp } from '../helpers/app.ts';
import { freePort, redisServerAvailable, startRedis, type RedisServer } from '../helpers/redis-server.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('CI=true but redis-server is not installed');
if (!available) console.warn('!!! SKIPPING the two-instance test: no redis-server on this machine (it runs in CI)');

const PREFIX = 'two';
/** Short leases so that the takeover after the kill takes seconds, not ten. */
const LEASE_MS = 2000;

const launch = (port: number, redisUrl: string, instance: string) =>
  startServerProcess({
    port,
    redisUrl,
    prefix: PREFIX,
    adminToken: ADMIN_TOKEN,
    instanceId: instance,
    env: { TENANT_LEASE_MS: String(LEASE_MS), SNAPSHOT_INTERVAL_MS: '50', RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000' },
  });

async function post(base: string, events: IngestEvent[]): Promise<void> {
  const res = await fetch(`${base}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(events),
  });
  expect(res.status, await res.clone().text()).toBe(202);
}

async function gql(base: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** Everything a tenant's aggregates say that does not depend on the instant of the query. */
const AGGREGATES = `query($t: ID!, $from: DateTime!, $to: DateTime!) {
  queues(tenant: $t) { id waiting agents { available busy wrapup away offline }
    today { offered answered answeredWithinThreshold abandoned shortAbandoned overflowed handled transferredOut escalated asaSeconds ahtSeconds } }
  tenantTotals(tenant: $t) { waiting agents { available busy wrapup away offline } today { offered answered abandoned handled }
    channels { channel today { offered answered abandoned } } }
  intervals(tenant: $t, from: $from, to: $to, step: MIN15) { start offered answered abandoned overflowed handled maxWaitSeconds
    agentSeconds { available busy wrapup away } }
}`;

describe.runIf(available)('two instances on one Redis', () => {
  let redis: RedisServer;
  let a: ChildProcess | undefined;
  let b: TestApp | undefined;
  let reference: TestApp | undefined;
  let raw: { destroy(): void } | undefined;
  afterAll(async () => {
    a?.kill('SIGKILL');
    await b?.close();
    await reference?.close();
    raw?.destroy();
    await redis?.stop();
  });

  it('share the tenants, deliver across instances, survive one being killed, and count everything once', async () => {
    redis = await startRedis();
    const keys = redisKeys(PREFIX);
    const r = createClient({ url: redis.url });
    raw = r;
    await r.connect();

    const portA = await freePort();
    const baseA = `http://127.0.0.1:${portA}`;
    a = launch(portA, redis.url, 'a');
    b = await startApp({ store: 'redis', redisUrl: redis.url, config: { redisPrefix: PREFIX, instanceId: 'b', tenantLeaseMs: LEASE_MS } });
    await eventually(async () => (await fetch(`${baseA}/healthz`)).ok, 30_000, 'instance A to start');

    // Six hours of the simulated BPO floor (3 tenants).
    const start = Date.now() - 6 * 3_600_000;
    const events = createFloor(bpo, { seed: 8, startMs: start, runId: 'two' }).advance(Date.now() - 60_000);
    expect(events.length).toBeGreaterThan(3000);
    const tenants = bpo.tenants.map((t) => t.id).sort();
    // Small batches first, then large ones: A's reads become full batches of 2,000 entries, long
    // enough to be caught in the middle of one.
    const batches: IngestEvent[][] = [];
    const tenth = Math.ceil(events.length / 10);
    for (let i = 0; i < events.length; ) {
      const size = i < tenth ? 500 : 5000;
      batches.push(events.slice(i, i + size));
      i += size;
    }
    const bases = [baseA, b.url];

    // A first tenth, alternately to A and B, and aggregated: both instances hold tenants.
    const warm = Math.ceil(tenth / 500);
    for (let i = 0; i < warm; i++) await post(bases[i % 2]!, batches[i]!);
    await b.settled();
    const owners = async () => Object.fromEntries(await Promise.all(tenants.map(async (t) => [t, String(await r.get(keys.lease(t))).split('@')[0]] as const)));
    const before = await owners();
    expect(new Set(Object.values(before))).toEqual(new Set(['a', 'b']));
    const ofA = tenants.filter((t) => before[t] === 'a');

    // A subscriber on B; an event for one of A's tenants, posted to A: aggregated and published
    // by A, delivered to B's subscriber through Redis pub/sub.
    const watched = ofA[0]!;
    const ws = wsClient(b.url, ADMIN_TOKEN);
    const sub = collect<{ queueUpdated: { tenant: string; id: string; waiting: number; today: { offered: number } } }>(
      ws,
      'subscription($t: ID) { queueUpdated(tenant: $t) { tenant id waiting today { offered } } }',
      { t: watched },
    );
    const probe: IngestEvent = { id: 'probe-1', type: 'contact.queued', tenant: watched, queue: 'probe', contact: 'probe-c', channel: 'voice', at: new Date(Date.now() - 30_000).toISOString() };
    await post(baseA, [probe]);
    await sub.until((m) => m.queueUpdated.id === 'probe' && m.queueUpdated.waiting === 1, 20_000);

    // The rest, alternately; from halfway on, A is killed the moment it holds entries it has
    // read but not committed (a batch in the middle of its aggregation).
    const readByA = async () =>
      (await Promise.all(ofA.map((t) => r.xPending(keys.events(t), AGGREGATOR_GROUP))))
        .flatMap((p) => p.consumers ?? [])
        .filter((c) => String(c.name) === 'a')
        .reduce((n, c) => n + c.deliveriesCounter, 0);
    const half = warm + 1;
    let next = warm;
    let killedWith = 0;
    while (next < batches.length && !killedWith) {
      await post(bases[next % 2]!, batches[next]!);
      next++;
      for (let k = 0; next > half && k < 200 && !killedWith; k++) {
        if ((await readByA()) > 0) {
          a.kill('SIGKILL');
          killedWith = 1;
        }
      }
    }
    expect(killedWith, 'A was never caught in the middle of a batch').toBe(1);
    await new Promise((resolve) => a!.once('exit', resolve));
    a = undefined;
    const stranded = await readByA();
    console.log(`A killed after ${next} of ${batches.length} batches, with ${stranded} entries of ${ofA.join(', ')} read but not committed`);
    expect(stranded).toBeGreaterThan(0);
    for (; next < batches.length; next++) await post(b.url, batches[next]!);

    // B takes A's tenants once their leases run out, claims A's entries, and drains everything.
    await eventually(async () => (await b!.server.store.backlog()) === 0 && tenants.every((t) => b!.server.store.holds(t)), 60_000, 'B to take over and drain');
    expect(Object.values(await owners())).toEqual(tenants.map(() => 'b'));

    // The same events, aggregated by one instance with no crash.
    reference = await startApp();
    for (const t of bpo.tenants) await reference.server.store.setTenantSettings(t.id, {});
    for (const batch of batches) await post(reference.url, batch);
    await post(reference.url, [probe]);
    await reference.settled();

    const window = { from: new Date(start - 86_400_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() };
    for (const t of tenants) {
      const got = await gql(b.url, AGGREGATES, { t, ...window });
      const want = await gql(reference.url, AGGREGATES, { t, ...window });
      expect(got, `aggregates of ${t}`).toEqual(want);
    }

    // B's subscriber ends on the final state of the watched tenant: B publishes what it took over.
    const final = (await gql(b.url, AGGREGATES, { t: watched, ...window })).queues as { id: string; today: { offered: number } }[];
    await eventually(
      async () =>
        final.every((q) => {
          const last = sub.messages.filter((m) => m.queueUpdated.id === q.id).at(-1);
          return last?.queueUpdated.today.offered === q.today.offered;
        }),
      20_000,
      'the subscriber on B to hold the final snapshots',
    );
    sub.stop();
    await ws.dispose();
  }, 240_000);
});
