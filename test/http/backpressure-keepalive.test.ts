/**
 * Backpressure answers 429 to a batch of any size without breaking the connection: the client
 * reads the 429 (and its Retry-After) and its next request goes over the same kept-alive
 * connection. (Answering before the body was read made Node close the socket under the client.)
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';

describe('ingest backpressure over a kept-alive connection', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ config: { maxBacklogEvents: 1 } });
  });
  afterAll(() => app.close());

  it('answers every refused batch with a 429 on the same connection', async () => {
    const tenant = uniqueTenant();
    // Aggregation stopped: what is posted stays in the backlog.
    await app.server.aggregator.stop();
    expect((await app.postEvents([...lifecycle({ tenant, queue: 'q', contact: 'c0', queuedAt: Date.now() }), ...lifecycle({ tenant, queue: 'q', contact: 'c1', queuedAt: Date.now() })])).status).toBe(202);

    // A batch of a few hundred kilobytes: larger than the socket takes in one write.
    const events = Array.from({ length: 3000 }, (_, i) => lifecycle({ tenant, queue: 'q', contact: `big${i}`, queuedAt: Date.now() })[0]!);
    const body = JSON.stringify(events);
    expect(body.length).toBeGreaterThan(300_000);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const post = () =>
      new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
        const req = http.request(
          new URL('/api/events', app.url),
          { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}`, 'content-length': Buffer.byteLength(body) } },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode!, retryAfter: res.headers['retry-after'] }));
          },
        );
        req.on('socket', (s) => sockets.add(s));
        req.on('error', reject);
        req.end(body);
      });

    // The backlog is sampled twice a second: wait for the first refusal.
    await eventually(async () => (await post()).status === 429, 5000, 'backpressure');
    for (let i = 0; i < 3; i++) expect(await post()).toEqual({ status: 429, retryAfter: '1' });
    // Every request after the first refusal went over one connection.
    expect(sockets.size).toBeLessThanOrEqual(2);
    agent.destroy();
  });
});
