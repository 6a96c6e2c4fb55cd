/** Webhooks: signed alert notifications, retried while the receiver is down, logged. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs } from '../../server/notify/dispatcher.ts';
import { signature, verifySignature } from '../../server/notify/sign.ts';
import { eventually, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { storeCases } from '../helpers/require.ts';
import { freePort } from '../helpers/redis-server.ts';

describe('signatures and backoff', () => {
  it('verifies its own signature, and refuses a changed body, another secret or an old timestamp', () => {
    const now = 1_800_000_000;
    const sig = signature('s3cret-s3cret-s3cret', '{"a":1}', now);
    expect(verifySignature('s3cret-s3cret-s3cret', '{"a":1}', sig, now)).toBe(true);
    expect(verifySignature('s3cret-s3cret-s3cret', '{"a":2}', sig, now)).toBe(false);
    expect(verifySignature('another-secret-000', '{"a":1}', sig, now)).toBe(false);
    expect(verifySignature('s3cret-s3cret-s3cret', '{"a":1}', sig, now + 301)).toBe(false);
    expect(verifySignature('s3cret-s3cret-s3cret', '{"a":1}', 'garbage', now)).toBe(false);
  });

  it('backs off exponentially, capped', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 1000, 5000))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });
});

/** A receiver that can go down and come back on the same port. */
class Receiver {
  readonly received: { body: string; signature: string | null }[] = [];
  private server: Server | null = null;
  constructor(readonly port: number) {}
  async up() {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        this.received.push({ body, signature: (req.headers['x-floorboard-signature'] as string) ?? null });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', () => r()));
  }
  async down() {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
    this.server = null;
  }
}

describe.each(storeCases())('webhooks (%s store)', (_name, opts) => {
  let app: TestApp;
  let receiver: Receiver;
  beforeAll(async () => {
    app = await startApp({ ...opts, config: { alertTickMs: 100, webhookBackoffMs: 100 } });
    receiver = new Receiver(await freePort());
    await receiver.up();
  });
  afterAll(async () => {
    await app.close();
    await receiver.down().catch(() => {});
  });

  it('signs each alert change, retries while the receiver is down, and logs every attempt', async () => {
    const t = uniqueTenant();
    const secret = 'a-shared-secret-of-floorboard';
    const saved = await app.graphql(`mutation($i: WebhookInput!) { upsertWebhook(input: $i) { webhook { id url enabled } secret } }`, {
      i: { tenant: t, url: `http://127.0.0.1:${receiver.port}/hooks`, secret },
    });
    expect(saved.data.upsertWebhook).toMatchObject({ webhook: { enabled: true }, secret: null });
    await app.graphql(`mutation($i: AlertRuleInput!) { upsertAlertRule(input: $i) { id } }`, {
      i: { tenant: t, queue: 'q', metric: 'WAITING', comparator: 'ABOVE', threshold: 0, forSeconds: 0, severity: 'CRITICAL' },
    });
    await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() - 1000 }));
    const fired = await eventually(async () => receiver.received.find((r) => JSON.parse(r.body).alert?.tenant === t), 5000, 'the FIRING notification');
    const payload = JSON.parse(fired.body);
    expect(payload).toMatchObject({ type: 'alert.changed', alert: { state: 'FIRING', queue: 'q', value: 1 }, rule: { metric: 'WAITING', severity: 'CRITICAL' } });
    expect(verifySignature(secret, fired.body, fired.signature, Math.floor(Date.now() / 1000))).toBe(true);

    // The receiver goes down; the contact is answered, the alert resolves meanwhile.
    await receiver.down();
    await app.postEvents([{ id: `ans-${t}`, type: 'contact.answered', at: new Date().toISOString(), tenant: t, contact: 'c', queue: 'q', agent: 'a' }]);
    const failures = await eventually(async () => {
      const log = (await app.graphql(`query($t: ID!) { webhookDeliveries(tenant: $t) { outcome status error nextAttemptAt } }`, { t })).data.webhookDeliveries;
      return log.filter((x: { outcome: string }) => x.outcome === 'FAILED').length >= 2 ? log : null;
    }, 5000, 'failed attempts while the receiver is down');
    expect(failures[0]).toMatchObject({ outcome: 'FAILED', status: null, error: expect.any(String), nextAttemptAt: expect.any(String) });

    await receiver.up();
    const resolved = await eventually(async () => receiver.received.find((r) => JSON.parse(r.body).alert?.tenant === t && JSON.parse(r.body).alert.state === 'RESOLVED'), 10_000, 'the RESOLVED notification after the receiver came back');
    expect(verifySignature(secret, resolved.body, resolved.signature, Math.floor(Date.now() / 1000))).toBe(true);
    const log = (await app.graphql(`query($t: ID!) { webhookDeliveries(tenant: $t) { outcome attempt } }`, { t })).data.webhookDeliveries;
    expect(log[0]).toMatchObject({ outcome: 'DELIVERED' });
    expect(log[0].attempt).toBeGreaterThan(2);
    expect(log.filter((x: { outcome: string }) => x.outcome === 'DELIVERED')).toHaveLength(2);
  });

  it('validates webhooks and generates a secret shown once', async () => {
    const t = uniqueTenant();
    const bad = await app.graphql(`mutation { upsertWebhook(input: { tenant: "${t}", url: "ftp://example" }) { secret } }`);
    expect(bad.errors?.[0]?.message).toContain('input.url');
    const short = await app.graphql(`mutation { upsertWebhook(input: { tenant: "${t}", url: "https://example.org/h", secret: "short" }) { secret } }`);
    expect(short.errors?.[0]?.message).toContain('input.secret');
    const made = await app.graphql(`mutation { upsertWebhook(input: { tenant: "${t}", url: "https://example.org/h" }) { webhook { id } secret } }`);
    expect(made.data.upsertWebhook.secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const id = made.data.upsertWebhook.webhook.id;
    const again = await app.graphql(`mutation { upsertWebhook(input: { id: "${id}", tenant: "${t}", url: "https://example.org/h2", enabled: false }) { webhook { url enabled } secret } }`);
    expect(again.data.upsertWebhook).toEqual({ webhook: { url: 'https://example.org/h2', enabled: false }, secret: null });
  });
});
