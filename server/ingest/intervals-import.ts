/**
 * POST /api/import/intervals?tenant=&queue=: history exported from another system, one
 * 15-minute interval a row: `start,offered[,answered,ahtSeconds]` (start ISO-8601, a header
 * line optional). The forecasts learn from it as from the intervals Floorboard aggregated.
 * Offered and answered are stored as counts, AHT as the talk time of the answered contacts;
 * the source has no waits, so no service level comes from imported intervals.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { TENANT_PATTERN } from '../../schema/events.ts';
import { canIngest } from '../auth/principal.ts';
import type { Counters } from '../engine/counters.ts';
import { bucketStart } from '../engine/time.ts';
import type { AppEnv } from '../http/env.ts';
import type { IngestLimits } from './route.ts';

export interface IntervalRow {
  start: number;
  counters: Partial<Counters>;
}

export type ParsedIntervals = { ok: true; rows: IntervalRow[] } | { ok: false; errors: { line: number; message: string }[] };

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Parse the CSV; every row must start a 15-minute interval of the tenant's zone. */
export function parseIntervalsCsv(text: string, timeZone: string, maxRows: number): ParsedIntervals {
  const errors: { line: number; message: string }[] = [];
  const rows: IntervalRow[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const n = i + 1;
    if (line === '' || (n === 1 && /^start\s*,/i.test(line))) return;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length < 2 || cells.length > 4) return void errors.push({ line: n, message: 'expected start,offered[,answered,ahtSeconds]' });
    const [startText, offeredText, answeredText, ahtText] = cells as [string, string, string?, string?];
    const start = ISO.test(startText) ? Date.parse(startText) : NaN;
    if (Number.isNaN(start)) return void errors.push({ line: n, message: `start "${startText}" is not ISO-8601 with an offset, e.g. 2026-11-23T09:15:00Z` });
    if (bucketStart(start, 'MIN15', timeZone) !== start) return void errors.push({ line: n, message: `start ${startText} does not begin a 15-minute interval in ${timeZone}` });
    const count = (text: string | undefined, name: string): number | null | undefined => {
      if (text === undefined || text === '') return undefined;
      const v = Number(text);
      if (!Number.isInteger(v) || v < 0 || v > 1_000_000) {
        errors.push({ line: n, message: `${name} "${text}" must be a whole number from 0 to 1000000` });
        return null;
      }
      return v;
    };
    const offered = count(offeredText, 'offered');
    const answered = count(answeredText, 'answered');
    if (offered === undefined) return void errors.push({ line: n, message: 'offered is required' });
    if (offered === null || answered === null) return;
    if (answered !== undefined && answered > offered) return void errors.push({ line: n, message: `answered (${answered}) exceeds offered (${offered})` });
    let aht: number | undefined;
    if (ahtText !== undefined && ahtText !== '') {
      aht = Number(ahtText);
      if (!Number.isFinite(aht) || aht < 0 || aht > 86_400) return void errors.push({ line: n, message: `ahtSeconds "${ahtText}" must be a number of seconds from 0 to 86400` });
    }
    const counters: Partial<Counters> = { offered };
    const handled = answered ?? (aht !== undefined ? offered : undefined);
    if (answered !== undefined) counters.answered = answered;
    if (aht !== undefined && handled) {
      counters.handled = handled;
      counters.talkMs = Math.round(aht * 1000 * handled);
    }
    rows.push({ start, counters });
  });
  if (rows.length + errors.length > maxRows) return { ok: false, errors: [{ line: 0, message: `at most ${maxRows} rows per request; split the file` }] };
  if (errors.length) return { ok: false, errors: errors.slice(0, 100) };
  if (rows.length === 0) return { ok: false, errors: [{ line: 0, message: 'no rows' }] };
  return { ok: true, rows };
}

export function intervalImportRoutes(limits: IngestLimits) {
  const app = new Hono<AppEnv>();
  app.post(
    '/api/import/intervals',
    bodyLimit({ maxSize: limits.maxBodyBytes, onError: (c) => c.json({ error: `body over ${limits.maxBodyBytes} bytes; split the file` }, 413) }),
    async function importIntervals(c) {
      const principal = c.get('principal');
      if (!principal) return c.json({ error: 'missing or invalid bearer token' }, 401);
      const tenant = c.req.query('tenant') ?? '';
      const queue = c.req.query('queue') ?? '';
      if (!TENANT_PATTERN.test(tenant)) return c.json({ errors: [{ line: 0, message: 'tenant query parameter is required ([A-Za-z0-9._-]{1,64})' }] }, 400);
      if (queue.length < 1 || queue.length > 128 || /[\u0000-\u001f]/.test(queue)) return c.json({ errors: [{ line: 0, message: 'queue query parameter is required (1 to 128 characters)' }] }, 400);
      if (!canIngest(principal, tenant)) return c.json({ error: `token may not import for tenant ${tenant}` }, 403);
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'text/csv' && type !== 'text/plain') return c.json({ error: 'Content-Type must be text/csv' }, 415);
      const { store, settings } = c.get('services');
      const zone = (await settings.tenant(tenant)).settings.timeZone;
      const parsed = parseIntervalsCsv(await c.req.text(), zone, limits.maxEvents * 10);
      if (!parsed.ok) return c.json({ errors: parsed.errors }, 400);
      try {
        await store.importIntervals(tenant, queue, parsed.rows);
      } catch (err) {
        c.header('Retry-After', '1');
        return c.json({ error: `store unavailable (${(err as Error).message}); retry: a re-import replaces, never adds` }, 503);
      }
      settings.invalidate(tenant);
      return c.json({ imported: parsed.rows.length }, 202);
    },
  );
  return app;
}
