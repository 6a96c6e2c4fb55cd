/** POST /api/events (events.md, Transport). */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { canIngest } from '../auth/principal.ts';
import type { AppEnv } from '../http/env.ts';
import { bodyFormat, byTenant, parseBody } from './parse-body.ts';
import { drain } from '../http/drain.ts';

export interface IngestLimits {
  maxBodyBytes: number;
  maxEvents: number;
  /** True while aggregation is too far behind to take more: ingest answers 429 (backpressure). */
  overloaded?: () => boolean;
}

export function ingestRoutes(limits: IngestLimits) {
  const app = new Hono<AppEnv>();
  app.post(
    '/api/events',
    bodyLimit({
      maxSize: limits.maxBodyBytes,
      onError: (c) => c.json({ error: `body over ${limits.maxBodyBytes} bytes; split the batch` }, 413),
    }),
    async function ingestEvents(c) {
      const principal = c.get('principal');
      if (!principal) return c.json({ error: 'missing or invalid bearer token' }, 401);
      if (limits.overloaded?.()) {
        await drain(c.req.raw); // the body first, or the client sees a reset instead of this 429
        c.header('Retry-After', '1');
        return c.json({ error: 'aggregation is behind: slow down and retry; nothing of this batch was stored' }, 429);
      }
      const format = bodyFormat(c.req.header('content-type'));
      if (!format) return c.json({ error: 'Content-Type must be application/json or application/x-ndjson' }, 415);

      const parsed = parseBody(new Uint8Array(await c.req.arrayBuffer()), format, limits.maxEvents);
      if (!parsed.ok) {
        if (parsed.status === 413) return c.json({ error: parsed.message }, 413);
        return c.json({ errors: parsed.errors, errorCount: parsed.errorCount }, 400);
      }
      const groups = byTenant(parsed.events);
      const refused = [...groups.keys()].filter((t) => !canIngest(principal, t));
      if (refused.length) return c.json({ error: `token may not ingest for tenant(s): ${refused.join(', ')}`, tenants: refused }, 403);

      const { store } = c.get('services');
      let accepted = 0;
      let duplicates = 0;
      try {
        // One atomic append per tenant. A batch spanning tenants is atomic per tenant; after a
        // 503 the whole batch can be sent again: what was stored comes back as duplicates.
        for (const [tenant, events] of groups) {
          const r = await store.append(tenant, events);
          accepted += r.accepted;
          duplicates += r.duplicates;
        }
      } catch (err) {
        c.header('Retry-After', '1');
        return c.json({ error: `event store unavailable (${(err as Error).message}); nothing of the batch may be assumed stored: retry it` }, 503);
      }
      return c.json({ accepted, duplicates }, 202);
    },
  );
  return app;
}
