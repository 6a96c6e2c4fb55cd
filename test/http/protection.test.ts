/** Rate limits per token, and backpressure: 429 with Retry-After, nothing stored of a refused batch. */
import { describe, expect, it } from 'vitest';
import { eventually, startApp, uniqueTenant } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';

describe('protection of the service', () => {
  it('limits requests per token, each token to its own bucket', async () => {
    const app = await startApp({ config: { rateLimitPerSecond: 1, rateLimitBurst: 3 } });
    try {
      const t = uniqueTenant();
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: `c${i}`, queuedAt: Date.now() }))).status);
      expect(statuses).toEqual([202, 202, 202, 429]);
      const refused = await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'x', queuedAt: Date.now() }));
      expect(refused.headers.get('retry-after')).toBe('1');
      expect((await refused.json()).error).toContain('too many requests');
      // GraphQL counts too, for the same token.
      expect((await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token}` }, body: '{"query":"{ me { role } }"}' })).status).toBe(429);
      // Another caller is not held back by the first.
      const other = await fetch(`${app.url}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-token' }, body: '[]' });
      expect(other.status).toBe(401);
      // After a second the bucket has a token again.
      await new Promise((r) => setTimeout(r, 1100));
      expect((await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'later', queuedAt: Date.now() }))).status).toBe(202);
    } finally {
      await app.close();
    }
  });

  it('answers ingest with 429 while aggregation is too far behind, and takes it again once it caught up', async () => {
    const app = await startApp({ config: { maxBacklogEvents: 5 } });
    try {
      const t = uniqueTenant();
      await app.server.aggregator.stop();
      const batch = Array.from({ length: 10 }, (_, i) => lifecycle({ tenant: t, queue: 'q', contact: `c${i}`, queuedAt: Date.now() })).flat();
      expect((await app.postEvents(batch)).status).toBe(202);
      // Until the sampled backlog shows the ten, a late batch may still get in: count those.
      let acceptedLate = 0;
      const refused = await eventually(async () => {
        const r = await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: `late${acceptedLate}`, queuedAt: Date.now() }));
        if (r.status === 202) acceptedLate++;
        return r.status === 429 ? r : null;
      }, 3000, 'ingest to push back');
      expect(refused.headers.get('retry-after')).toBe('1');
      app.server.aggregator.start();
      await app.settled();
      await eventually(async () => (await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'again', queuedAt: Date.now() }))).status === 202, 3000, 'ingest to take events again');
      await app.settled();
      const q = await app.graphql(`query($t: ID) { queues(tenant: $t) { today { offered } } }`, { t });
      // The ten, those taken before the push-back, and the one after; the refused one was not stored.
      expect(q.data.queues[0].today.offered).toBe(10 + acceptedLate + 1);
    } finally {
      await app.close();
    }
  });
});
