/**
 * Two instances on one Redis, both asked to evaluate the same tenants' rules at the same instant:
 * a tenant's rules are evaluated only by the instance that aggregates it, so each transition is
 * stored, published and sent to the webhook once, and subscribers on either instance see it once.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { freePort } from '../helpers/redis-server.ts';
import { redisOrSkip } from '../helpers/require.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';

const url = redisOrSkip();

describe.runIf(url)('alerts with two instances', () => {
  const apps: TestApp[] = [];
  let receiver: Server | undefined;
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    receiver?.closeAllConnections();
    await new Promise((r) => (receiver ? receiver.close(r) : r(null)));
  });

  it('fire, resolve and notify once per transition', async () => {
    const prefix = `alerts2-${randomUUID().slice(0, 8)}`;
    // No ticks: the test decides when each instance evaluates.
    const config = { redisPrefix: prefix, alertTickMs: 60_000, webhookBackoffMs: 100 };
    const [a, b] = await Promise.all(['a', 'b'].map((id) => startApp({ store: 'redis', redisUrl: url!, config: { ...config, instanceId: id } })));
    apps.push(a!, b!);

    const bodies: { alert: { tenant: string; state: string } }[] = [];
    const port = await freePort();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver!.listen(port, '127.0.0.1', () => r()));

    // Several tenants, half of them aggregated by each instance, each with a contact waiting
    // (posted to A) and a webhook.
    const tenants = Array.from({ length: 12 }, () => uniqueTenant());
    const ok = (r: { errors?: unknown }) => expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const now = Date.now();
    const visits = tenants.map((t) => lifecycle({ tenant: t, queue: 'q', contact: 'c1', queuedAt: now - 5000, outcome: { kind: 'answered', after: 4, agent: 'ag' } }));
    for (const [i, t] of tenants.entries()) {
      ok(await a!.graphql(`mutation($i: WebhookInput!) { upsertWebhook(input: $i) { webhook { id } } }`, { i: { tenant: t, url: `http://127.0.0.1:${port}/hook`, secret: 'a-shared-secret-of-floorboard' } }));
      expect((await a!.postEvents(visits[i]!.slice(0, 1))).status).toBe(202);
    }
    await a!.settled();
    await eventually(async () => tenants.every((t) => a!.server.store.holds(t) !== b!.server.store.holds(t)), 10_000, 'each tenant to have one aggregator');
    expect(tenants.filter((t) => b!.server.store.holds(t)).length).toBe(tenants.length / 2);

    const subs = [a!, b!].map((app) => {
      const client = wsClient(app.url, app.token);
      return { client, sub: collect<{ alertChanged: { tenant: string; state: string } }>(client, 'subscription { alertChanged { tenant state } }') };
    });
    const ofTenant = (t: string) => bodies.filter((x) => x.alert.tenant === t).map((x) => x.alert.state);

    // A rule that is true at once, stored without a mutation's evaluation; then both instances
    // are asked to evaluate every tenant in the same instant. Were both to evaluate, both would
    // read "no alert" and both would fire.
    for (const t of tenants) {
      await a!.server.store.putAlertRule({
        id: 'waiting', tenant: t, queue: 'q', metric: 'WAITING', comparator: 'ABOVE', threshold: 0, clearThreshold: null,
        windowMinutes: null, forSeconds: 0, severity: 'CRITICAL', enabled: true, isDefault: false,
      });
    }
    await Promise.all(tenants.flatMap((t) => [a!.server.services.alerts.changed(t), b!.server.services.alerts.changed(t)]));
    await eventually(async () => tenants.every((t) => ofTenant(t).includes('FIRING')), 15_000, 'every FIRING webhook');

    // The contacts are answered (posted to B): each tenant's holder resolves its alert.
    for (const v of visits) expect((await b!.postEvents(v.slice(1))).status).toBe(202);
    await eventually(async () => tenants.every((t) => ofTenant(t).includes('RESOLVED')), 15_000, 'every RESOLVED webhook');
    await Promise.all(tenants.flatMap((t) => [a!.server.services.alerts.changed(t), b!.server.services.alerts.changed(t)]));
    // Deliveries still due would go out within a poll or two.
    await new Promise((r) => setTimeout(r, 1000));
    for (const t of tenants) {
      expect(ofTenant(t), `webhooks of ${t}`).toEqual(['FIRING', 'RESOLVED']);
      const history = await a!.server.store.alertHistory(t, 100);
      expect(history.map((h) => h.state).reverse(), `alert history of ${t}`).toEqual(['FIRING', 'RESOLVED']);
    }
    for (const { client, sub } of subs) {
      for (const t of tenants) {
        await sub.until((m) => m.alertChanged.tenant === t && m.alertChanged.state === 'RESOLVED');
        expect(sub.messages.filter((m) => m.alertChanged.tenant === t).map((m) => m.alertChanged.state)).toEqual(['FIRING', 'RESOLVED']);
      }
      sub.stop();
      await client.dispose();
    }
  }, 60_000);
});
