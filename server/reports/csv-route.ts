/** GET /api/reports/intervals.csv: the interval table as CSV, for spreadsheets and other systems. */
import { Hono } from 'hono';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { canRead } from '../auth/principal.ts';
import { STEPS } from '../engine/time.ts';
import type { AppEnv } from '../http/env.ts';
import { TENANT_PATTERN } from '../../schema/events.ts';
import { IntervalRangeError, intervalStats, type IntervalStats } from './intervals.ts';

const isoInstant = (name: string) =>
  z
    .string({ error: `${name} is required (ISO-8601, e.g. 2026-11-23T00:00:00Z)` })
    .refine((s) => /\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s)), `${name} must be ISO-8601, e.g. 2026-11-23T00:00:00Z`)
    .transform((s) => Date.parse(s));

const Params = z.object({
  tenant: z.string({ error: 'tenant is required' }).regex(TENANT_PATTERN, 'tenant must match [A-Za-z0-9._-]{1,64}'),
  queue: z.string().min(1).max(128).optional(),
  channel: z.string().min(1).max(32).optional(),
  from: isoInstant('from'),
  to: isoInstant('to'),
  step: z.enum(STEPS, { error: `step must be one of ${STEPS.join(', ')}` }),
});

const COLUMNS: [string, (r: IntervalStats, zone: string) => string | number | null][] = [
  ['start', (r) => new Date(r.start).toISOString()],
  ['start_local', (r, zone) => DateTime.fromMillis(r.start, { zone }).toFormat("yyyy-LL-dd'T'HH:mm:ss")],
  ['offered', (r) => r.offered],
  ['answered', (r) => r.answered],
  ['answered_within_threshold', (r) => r.answeredWithinThreshold],
  ['abandoned', (r) => r.abandoned],
  ['short_abandoned', (r) => r.shortAbandoned],
  ['overflowed', (r) => r.overflowed],
  ['handled', (r) => r.handled],
  ['transferred_out', (r) => r.transferredOut],
  ['escalated', (r) => r.escalated],
  ['service_level', (r) => r.serviceLevel],
  ['asa_seconds', (r) => r.asaSeconds],
  ['aht_seconds', (r) => r.ahtSeconds],
  ['abandon_rate', (r) => r.abandonRate],
  ['max_wait_seconds', (r) => r.maxWaitSeconds],
  ['occupancy', (r) => r.occupancy],
  ['available_seconds', (r) => r.agentSeconds.available],
  ['busy_seconds', (r) => r.agentSeconds.busy],
  ['wrapup_seconds', (r) => r.agentSeconds.wrapup],
  ['away_seconds', (r) => r.agentSeconds.away],
  ['service_level_formula', (r) => r.serviceLevelFormula],
  ['threshold_seconds', (r) => r.thresholdSeconds],
];

/** RFC 4180: quote a field holding a comma, quote or line break. */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function intervalsCsv(rows: IntervalStats[], zone: string): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const r of rows) lines.push(COLUMNS.map(([, get]) => csvField(get(r, zone))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function reportRoutes() {
  const app = new Hono<AppEnv>();
  app.get('/api/reports/intervals.csv', async function intervalsReport(c) {
    const principal = c.get('principal');
    if (!principal) return c.json({ error: 'missing or invalid bearer token' }, 401);
    const parsed = Params.safeParse(c.req.query());
    if (!parsed.success) {
      return c.json({ errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }, 400);
    }
    const p = parsed.data;
    if (!canRead(principal, p.tenant)) return c.json({ error: `not allowed to read tenant "${p.tenant}"` }, 403);
    const { store, settings } = c.get('services');
    try {
      const rows = await intervalStats(store, settings, { ...p, queue: p.queue ?? null, channel: p.channel ?? null });
      const zone = (await settings.tenant(p.tenant)).settings.timeZone;
      const name = `${p.tenant}-${p.queue ?? 'all'}-${p.step}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
      c.header('Content-Disposition', `attachment; filename="${name}"`);
      return c.body(intervalsCsv(rows, zone), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    } catch (err) {
      if (err instanceof IntervalRangeError) return c.json({ errors: [{ path: 'from', message: err.message }] }, 400);
      throw err;
    }
  });
  return app;
}
