/**
 * Redis Cluster readiness. Two instances run against a one-node Redis Cluster (cluster mode on,
 * every slot on the one node), which refuses any multi-key command, transaction or script whose
 * keys span slots (CROSSSLOT; scripts start with `#!lua`, so even keys they do not declare are
 * checked). Every feature that writes is exercised: ingest, aggregation (leases, fenced commits,
 * claims), settings, alert rules, alerts and their webhooks (outbox claim), acknowledgements,
 * follow-ups, imports, tokens. MONITOR records every command; each operation (a command, a
 * MULTI…EXEC, a script with the commands it ran) is checked to stay on one slot, by the CRC16
 * of the cluster specification, which is itself checked against CLUSTER KEYSLOT.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { claimScript } from '../../server/store/redis/claim-script.ts';
import { commitScript } from '../../server/store/redis/commit-script.ts';
import { ingestScript } from '../../server/store/redis/ingest-script.ts';
import { redisKeys } from '../../server/store/redis/keys.ts';
import { acquireLeaseScript, releaseLeaseScript, renewLeaseScript } from '../../server/store/redis/lease-scripts.ts';
import { eventually, graphqlOk, startApp, type TestApp } from '../helpers/app.ts';
import { agentState, lifecycle } from '../helpers/events.ts';
import { freePort, redisServerAvailable, startRedis, type RedisServer } from '../helpers/redis-server.ts';
import { operations, parseMonitorLine, type MonitorLine } from './monitor.ts';
import { crc16, keySlot } from './slots.ts';

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('CI=true but redis-server is not installed');
if (!available) console.warn('!!! SKIPPING the Redis Cluster test: no redis-server on this machine (it runs in CI)');

const SCRIPTS = new Map(
  Object.entries({ ingestScript, claimScript, commitScript, acquireLeaseScript, renewLeaseScript, releaseLeaseScript }).map(([name, s]) => [
    createHash('sha1').update(s.SCRIPT).digest('hex'),
    name.replace(/Script$/, ''),
  ]),
);

describe('cluster key slots (CRC16 per the specification)', () => {
  it('computes the specification check value and honours hash tags', () => {
    expect(crc16(Buffer.from('123456789'))).toBe(0x31c3);
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(keySlot('foo{}{bar}')).toBe(keySlot('foo{}{bar}')); // empty tag: the whole key
    expect(keySlot('foo{{bar}}zap')).toBe(keySlot('{bar'));
  });
});

describe.runIf(available)('on a Redis Cluster', () => {
  let redis: RedisServer;
  const apps: TestApp[] = [];
  let receiver: Server | undefined;
  const clients: { destroy(): void }[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    for (const c of clients) c.destroy();
    receiver?.closeAllConnections();
    await new Promise((r) => (receiver ? receiver.close(r) : r(null)));
    await redis?.stop();
  });

  it('runs every feature with each multi-key operation on one slot', async () => {
    redis = await startRedis({ args: ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'] });
    const admin = createClient({ url: redis.url });
    clients.push(admin);
    await admin.connect();
    await admin.sendCommand(['CLUSTER', 'ADDSLOTSRANGE', '0', '16383']);
    await eventually(async () => String(await admin.sendCommand(['CLUSTER', 'INFO'])).includes('cluster_state:ok'), 10_000, 'the cluster to be up');

    // Our CRC16 agrees with the server on the keys we use (tenant ids with dots, dashes, digits).
    const keys = redisKeys('fb');
    for (const t of ['acme', 'a.b-c_9', 'x']) {
      for (const key of [keys.events(t), keys.lease(t), keys.visit(t, 'q\u001fc'), keys.bucket(t, 'q:1', 'MIN15', 0), keys.tenants, keys.instances]) {
        expect(keySlot(key), key).toBe(Number(await admin.sendCommand(['CLUSTER', 'KEYSLOT', key])));
      }
    }

    const lines: MonitorLine[] = [];
    const monitor = admin.duplicate();
    clients.push(monitor);
    await monitor.connect();
    await monitor.monitor((line: string) => {
      const parsed = parseMonitorLine(line);
      if (parsed) lines.push(parsed);
    });

    const bodies: string[] = [];
    const port = await freePort();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver!.listen(port, '127.0.0.1', () => r()));

    const config = { redisPrefix: 'cl', tenantLeaseMs: 1500, alertTickMs: 200, webhookBackoffMs: 100 };
    const [a, b] = await Promise.all(['a', 'b'].map((id) => startApp({ store: 'redis', redisUrl: redis.url, config: { ...config, instanceId: id } })));
    apps.push(a!, b!);

    const tenants = ['acme', 'globex'];
    const now = Date.now();
    for (const [i, t] of tenants.entries()) {
      const app = i ? b! : a!;
      await graphqlOk(app, 'mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "T", timeZone: "Europe/Madrid" }) { id } }', { t });
      await graphqlOk(app, 'mutation($t: ID!) { setQueueSettings(tenant: $t, queue: "q", input: { name: "Q", thresholdSeconds: 20 }) { name } }', { t });
      await graphqlOk(app, 'mutation($i: WebhookInput!) { upsertWebhook(input: $i) { webhook { id } } }', { i: { tenant: t, url: `http://127.0.0.1:${port}/hook`, secret: 'a-shared-secret-of-floorboard' } });
      await graphqlOk(app, 'mutation($i: AlertRuleInput!) { upsertAlertRule(input: $i) { id } }', {
        i: { tenant: t, queue: 'q', metric: 'WAITING', comparator: 'ABOVE', threshold: 0, forSeconds: 0, severity: 'CRITICAL' },
      });
      const events = [
        agentState(t, 'ag1', now - 120_000, 'available', { queues: ['q'] }),
        ...lifecycle({ tenant: t, queue: 'q', contact: 'c1', queuedAt: now - 100_000, outcome: { kind: 'answered', after: 5, agent: 'ag1', talk: 30, wrap: 5 } }),
        ...lifecycle({ tenant: t, queue: 'q', contact: 'c2', queuedAt: now - 90_000, outcome: { kind: 'abandoned', after: 12 } }),
        ...lifecycle({ tenant: t, queue: 'q', contact: 'c3', queuedAt: now - 5_000 }),
      ];
      expect((await a!.postEvents(events.slice(0, 4))).status).toBe(202);
      expect((await b!.postEvents(events.slice(4))).status).toBe(202);
      await graphqlOk(app, 'mutation($i: FollowUpInput!) { createFollowUp(input: $i) { id } }', { i: { tenant: t, kind: 'CALLBACK', queue: 'q', contact: 'c2' } });
      const csv = await fetch(`${app.url}/api/import/intervals?tenant=${t}&queue=q`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.token}`, 'content-type': 'text/csv' },
        body: 'start,offered,answered,ahtSeconds\n2026-10-05T09:00:00Z,40,38,250\n',
      });
      expect(csv.status).toBe(202);
      const s = Math.floor(now / 1000) - 60;
      const log = await fetch(`${app.url}/api/import/queue-log?tenant=${t}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.token}`, 'content-type': 'text/plain' },
        body: `${s}|call-1|ql|NONE|ENTERQUEUE||100|1\n${s + 4}|call-1|ql|Agent/1|CONNECT|4|1|3\n`,
      });
      expect(log.status).toBe(202);
    }
    await graphqlOk(a!, 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', { i: { name: 'viewer', role: 'VIEWER', tenants } });

    // Alerts fire on each tenant's holder and reach the webhook through the outbox; one is acknowledged.
    await eventually(async () => tenants.every((t) => bodies.some((x) => JSON.parse(x).alert?.tenant === t)), 15_000, 'the webhooks');
    const alert = await eventually(async () => (await graphqlOk(b!, 'query { alerts(tenant: "acme", states: [FIRING]) { id } }')).alerts[0], 10_000, 'a firing alert');
    await graphqlOk(b!, 'mutation($id: ID!) { acknowledgeAlert(id: $id, note: "on it") { id } }', { id: alert.id });

    // A leaves: B takes its tenants over (lease, claim of what A left pending).
    await b!.settled();
    await a!.close();
    apps.shift();
    await eventually(async () => tenants.every((t) => b!.server.store.holds(t)), 10_000, 'B to hold every tenant');
    expect((await b!.postEvents(lifecycle({ tenant: 'acme', queue: 'q', contact: 'c4', queuedAt: now - 1000, outcome: { kind: 'abandoned', after: 0.5 } }))).status).toBe(202);
    await b!.settled();
    for (const t of tenants) {
      const q = (await graphqlOk(b!, 'query($t: ID) { queues(tenant: $t) { id today { offered } } }', { t })).queues.find((x: { id: string }) => x.id === 'q');
      expect(q.today.offered).toBe(t === 'acme' ? 4 : 3);
    }

    // A command the cluster refused never reaches MONITOR: its error is counted instead. No
    // command was rejected (CROSSSLOT), and scripts failed only as expected: NOSCRIPT (node-redis
    // then sends EVAL), never on a key's slot.
    const info = (section: string) => admin.sendCommand(['INFO', section]).then(String);
    const errors = await info('errorstats');
    const count = (name: string) => Number(new RegExp(`errorstat_${name}:count=(\\d+)`).exec(errors)?.[1] ?? 0);
    expect(count('CROSSSLOT')).toBe(0);
    const stats = (await info('commandstats')).split(/\r?\n/).filter((l) => l.startsWith('cmdstat_'));
    expect(stats.filter((l) => !l.includes('rejected_calls=0,'))).toEqual([]);
    const failed = (cmd: string) => Number(new RegExp(`^cmdstat_${cmd}:.*failed_calls=(\\d+)`, 'm').exec(stats.join('\n'))?.[1] ?? 0);
    expect(failed('evalsha') + failed('eval')).toBe(count('NOSCRIPT'));

    // Every operation Redis saw, by kind; those with keys in more than one slot are failures.
    monitor.destroy();
    clients.pop();
    const ops = await operations(admin, lines, SCRIPTS);
    const kinds = new Map<string, number>();
    const crossSlot: string[] = [];
    for (const op of ops) {
      if (op.keys.length < 2) continue;
      kinds.set(op.kind, (kinds.get(op.kind) ?? 0) + 1);
      const slots = new Set(op.keys.map((k) => keySlot(k)));
      if (slots.size > 1) crossSlot.push(`${op.kind}: ${op.keys.map((k) => k.toString()).join(' ')}`);
    }
    console.log(`multi-key operations seen: ${[...kinds].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
    expect(crossSlot).toEqual([]);
    for (const kind of ['script:ingest', 'script:acquireLease', 'script:claim', 'script:commit', 'MULTI']) expect(kinds.has(kind), kind).toBe(true);
  }, 90_000);
});
