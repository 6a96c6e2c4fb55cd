/**
 * Requests that take too long are cut with a clear status instead of holding a connection:
 * a client that trickles its body or its headers gets 408 and a closed socket; a query stuck on
 * a stalled store gets 504 TIMEOUT while a mutation is left to finish; long-lived streams (SSE,
 * graphql-ws) are not cut.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'redis';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { redisServerAvailable, startRedis, type RedisServer } from '../helpers/redis-server.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';
import { Transports } from './transports.ts';

/**
 * Open a raw connection, send `head`, then one byte of `drip` every 100 ms until the server
 * answers and closes. Resolves with what the server sent, or rejects after `giveUpMs`.
 */
function trickle(port: number, head: string, drip: string, giveUpMs: number): Promise<{ response: string; bytesSent: number }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let response = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server held a trickling connection open for ${giveUpMs} ms (got ${JSON.stringify(response)})`));
    }, giveUpMs);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (!socket.writable) return;
        socket.write(drip[sent % drip.length]!);
        sent++;
      }, 100);
    });
    socket.on('data', (d) => (response += d.toString('latin1')));
    socket.on('error', () => {}); // writes after the server closed: expected
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ response, bytesSent: sent });
    });
  });
}

describe('slow clients', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ config: { requestTimeoutMs: 1000 } });
  });
  afterAll(() => app.close());

  it('answers 408 and closes the socket when the body trickles in', async () => {
    const head = `POST /api/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${app.token}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`;
    const { response, bytesSent } = await trickle(app.server.port, head, '[', 10_000);
    expect(response).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(response.toLowerCase()).toContain('connection: close');
    // Cut well before the body could have arrived at this pace.
    expect(bytesSent).toBeLessThan(1000);
  });

  it('answers 408 when the headers trickle in (slowloris)', async () => {
    const { response } = await trickle(app.server.port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ', 'abcdefghij', 10_000);
    expect(response).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it('leaves long-lived subscriptions open past the request timeout, over SSE and graphql-ws', async () => {
    const t = uniqueTenant();
    expect((await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'c0', queuedAt: Date.now() }))).status).toBe(202);
    const client = wsClient(app.url, app.token);
    const ws = collect<{ queueUpdated: { waiting: number } }>(client, 'subscription($t: ID) { queueUpdated(tenant: $t) { waiting } }', { t });
    const io = new Transports(app.url);
    const sse = io.subscribe('http', app.token, 'subscription($t: ID) { queueUpdated(tenant: $t) { waiting } }', { t });
    await ws.until((m) => m.queueUpdated.waiting === 1);
    expect(await sse.until((rs) => rs.some((r) => (r.data?.queueUpdated as { waiting: number } | undefined)?.waiting === 1), 5000)).toBe(true);
    // Three request timeouts later, both streams still deliver.
    await new Promise((r) => setTimeout(r, 3000));
    expect((await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'c1', queuedAt: Date.now() }))).status).toBe(202);
    await ws.until((m) => m.queueUpdated.waiting === 2);
    expect(await sse.until((rs) => rs.some((r) => (r.data?.queueUpdated as { waiting: number } | undefined)?.waiting === 2), 5000)).toBe(true);
    expect(sse.results.every((r) => r.errors.length === 0)).toBe(true);
    sse.stop();
    ws.stop();
    await client.dispose();
    await io.close();
  });
});

const available = redisServerAvailable();
if (!available && process.env.CI) throw new Error('CI=true but redis-server is not installed');

describe.runIf(available)('a query stuck on a stalled store', () => {
  let redis: RedisServer;
  let app: TestApp;
  beforeAll(async () => {
    redis = await startRedis();
    app = await startApp({ store: 'redis', redisUrl: redis.url, config: { queryTimeoutMs: 300 } });
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it('is answered 504 TIMEOUT over HTTP (and TIMEOUT over graphql-ws), while a mutation finishes', async () => {
    const t = uniqueTenant();
    expect((await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() }))).status).toBe(202);
    await app.settled();
    const query = (token = app.token) =>
      fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query($t: ID) { queues(tenant: $t) { id waiting } }', variables: { t } }),
      });
    expect((await query()).status).toBe(200);

    // Redis stops answering for 3 s (every client of it, this server's included).
    const pauser = createClient({ url: redis.url });
    await pauser.connect();
    await pauser.sendCommand(['CLIENT', 'PAUSE', '3000', 'ALL']);
    try {
      const started = Date.now();
      const mutation = app.graphql('mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "Paused" }) { name } }', { t });
      const res = await query();
      expect(res.status).toBe(504);
      const body = await res.json();
      expect(body.errors[0].extensions.code).toBe('TIMEOUT');
      expect(body.errors[0].message).toContain('did not finish within 300 ms');
      // Answered long before the store came back.
      expect(Date.now() - started).toBeLessThan(2500);

      const client = wsClient(app.url, app.token);
      const overWs = collect(client, 'query($t: ID) { queues(tenant: $t) { id } }', { t });
      await expect(overWs.until(() => false, 2000)).rejects.toThrow(/TIMEOUT|did not finish/);
      await client.dispose();

      // The mutation was not cut: it finishes once the store answers again.
      const m = await mutation;
      expect(m.errors).toBeUndefined();
      expect(m.data.setTenantSettings.name).toBe('Paused');
    } finally {
      await pauser.sendCommand(['CLIENT', 'UNPAUSE']);
      pauser.destroy();
    }
    const after = await query();
    expect(after.status).toBe(200);
    expect((await after.json()).data.queues).toEqual([{ id: 'q', waiting: 1 }]);
  });
});
