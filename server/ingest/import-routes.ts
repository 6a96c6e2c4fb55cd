/**
 * POST /api/import/queue-log and /api/import/amazon-connect: a source's own records, translated
 * into ingest events (events.md) by the adapters in ./adapters, then stored like POST /api/events.
 *
 * Every request is all or nothing: a line or record that cannot be read, or an event that
 * fails validation, refuses the whole request with a 400 naming each. The adapter's state
 * (calls still open, agents' pauses…) is saved only after the events were appended, so a
 * request that failed can be sent again as it was, and one that succeeded can be too: every
 * event id is derived from the record, and the store acknowledges it as a duplicate.
 */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { IANAZone } from 'luxon';
import { parseEvent, tenantId, type IngestEvent } from '../../schema/events.ts';
import { canIngest } from '../auth/principal.ts';
import type { AppEnv } from '../http/env.ts';
import type { AppendResult, Store } from '../store/port.ts';
import { AMAZON_CONNECT_ADAPTER, parseConnectState, translateAmazonConnect } from './adapters/amazon-connect.ts';
import { readJsonValues } from './adapters/jsonc.ts';
import { readQueueLog } from './adapters/queue-log-read.ts';
import { QUEUE_LOG_ADAPTER, parseQueueLogState, translateQueueLog, type AgentIdMode } from './adapters/queue-log.ts';
import { MAX_ERRORS_LISTED } from './parse-body.ts';
import type { IngestLimits } from './route.ts';

const QUEUE_LOG_TYPES = ['text/plain', 'text/csv'];
const CONNECT_TYPES = ['application/json', 'application/x-ndjson', 'application/ndjson', 'application/jsonl'];

export function importRoutes(limits: IngestLimits) {
  const app = new Hono<AppEnv>();
  const serial = new KeyedSerial();
  const limit = () =>
    bodyLimit({
      maxSize: limits.maxBodyBytes,
      onError: (c) => c.json({ error: `body over ${limits.maxBodyBytes} bytes; send the file in several requests` }, 413),
    });

  app.post('/api/import/queue-log', limit(), async function importQueueLog(c) {
    const admitted = admit(c, QUEUE_LOG_TYPES);
    if (admitted instanceof Response) return admitted;
    const { tenant, store } = admitted;
    const agentIds = c.req.query('agentIds') ?? 'normalized';
    if (agentIds !== 'normalized' && agentIds !== 'raw') return c.json({ error: 'agentIds must be normalized or raw' }, 400);
    const tz = c.req.query('tz');
    if (tz !== undefined && !IANAZone.isValidZone(tz)) return c.json({ error: `tz must be an IANA time zone such as Europe/Madrid, not "${tz.slice(0, 64)}"` }, 400);
    // Not fatal on bad UTF-8: caller names in Latin-1 are common in queue_log and unused here.
    const text = new TextDecoder('utf-8').decode(await c.req.arrayBuffer());
    if (text.trim() === '') return c.json({ error: 'the body holds no queue_log line' }, 400);

    return serial.run(`${tenant}\u001f${QUEUE_LOG_ADAPTER}`, async () => {
      let prevJson: string | null;
      let timeZone: string;
      try {
        prevJson = await store.adapterState(tenant, QUEUE_LOG_ADAPTER);
        // Date-times without an offset are the PBX's local time: the tenant's zone unless told.
        timeZone = tz ?? (await c.get('services').settings.tenant(tenant)).settings.timeZone;
      } catch (err) {
        return unavailable(c, err);
      }
      const prev = parseQueueLogState(prevJson);
      const read = readQueueLog(text, { timeZone, csvColumns: prev.csvColumns });
      const t = translateQueueLog(read.records, prev, { tenant, agentIds: agentIds as AgentIdMode });
      const valid = validate(t.events, (e) => e.line);
      const problems = [...read.problems, ...t.problems, ...valid.problems.map((p) => ({ line: p.at, message: p.message }))];
      if (problems.length) {
        problems.sort((a, b) => a.line - b.line);
        return c.json(
          { error: `${problems.length} problem(s) in the queue_log lines; nothing was imported`, errors: problems.slice(0, MAX_ERRORS_LISTED), errorCount: problems.length },
          400,
        );
      }
      if (t.events.length > limits.maxEvents) return tooMany(c, t.events.length, limits.maxEvents, 'lines');
      t.state.csvColumns = read.csvColumns;
      const stored = await appendThenSave(store, tenant, QUEUE_LOG_ADAPTER, valid.events, JSON.stringify(t.state));
      if (!stored.ok) return unavailable(c, stored.err);
      return c.json(
        { accepted: stored.accepted, duplicates: stored.duplicates, lines: read.lines, events: t.events.length, skipped: read.ignored + t.skipped, unknownVerbs: t.unknownVerbs },
        202,
      );
    });
  });

  app.post('/api/import/amazon-connect', limit(), async function importAmazonConnect(c) {
    const admitted = admit(c, CONNECT_TYPES);
    if (admitted instanceof Response) return admitted;
    const { tenant, store } = admitted;
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer());
    } catch {
      return c.json({ error: 'body is not valid UTF-8' }, 400);
    }
    const json = readJsonValues(text);
    if (!json.ok) return c.json({ error: `body is not valid JSON at line ${json.line}, column ${json.column}: ${json.message}`, line: json.line, column: json.column }, 400);
    if (json.values.length === 0) return c.json({ error: 'the body holds no record' }, 400);

    return serial.run(`${tenant}\u001f${AMAZON_CONNECT_ADAPTER}`, async () => {
      let prevJson: string | null;
      try {
        prevJson = await store.adapterState(tenant, AMAZON_CONNECT_ADAPTER);
      } catch (err) {
        return unavailable(c, err);
      }
      const t = translateAmazonConnect(json.values, parseConnectState(prevJson), { tenant });
      const valid = validate(t.events, (e) => e.index);
      const problems = [...t.problems, ...valid.problems.map((p) => ({ index: p.at, message: p.message }))];
      if (problems.length) {
        problems.sort((a, b) => a.index - b.index);
        return c.json(
          { error: `${problems.length} problem(s) in the records; nothing was imported`, errors: problems.slice(0, MAX_ERRORS_LISTED), errorCount: problems.length },
          400,
        );
      }
      if (t.events.length > limits.maxEvents) return tooMany(c, t.events.length, limits.maxEvents, 'records');
      const stored = await appendThenSave(store, tenant, AMAZON_CONNECT_ADAPTER, valid.events, JSON.stringify(t.state));
      if (!stored.ok) return unavailable(c, stored.err);
      return c.json(
        { accepted: stored.accepted, duplicates: stored.duplicates, records: t.records, events: t.events.length, skipped: t.skipped, unknownTypes: t.unknownTypes },
        202,
      );
    });
  });

  return app;
}

/** Token, tenant and content type, checked in the order /api/events checks them. */
function admit(c: Context<AppEnv>, types: readonly string[]): { tenant: string; store: Store } | Response {
  const principal = c.get('principal');
  if (!principal) return c.json({ error: 'missing or invalid bearer token' }, 401);
  const raw = c.req.query('tenant');
  if (raw === undefined || raw === '') return c.json({ error: 'the tenant query parameter is required, e.g. ?tenant=acme' }, 400);
  const parsed = tenantId.safeParse(raw);
  if (!parsed.success) return c.json({ error: `tenant query parameter: ${parsed.error.issues[0]!.message}` }, 400);
  const tenant = parsed.data;
  if (!canIngest(principal, tenant)) return c.json({ error: `token may not ingest for tenant ${tenant}`, tenants: [tenant] }, 403);
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!types.includes(type)) return c.json({ error: `Content-Type must be ${types.join(' or ')}` }, 415);
  return { tenant, store: c.get('services').store };
}

/**
 * Every produced event through the contract's validation: the events as validated, or the
 * problems, each pointing at its source record.
 */
function validate<T extends { event: IngestEvent }>(events: readonly T[], where: (e: T) => number): { events: IngestEvent[]; problems: { at: number; message: string }[] } {
  const out: IngestEvent[] = [];
  const problems: { at: number; message: string }[] = [];
  for (const e of events) {
    const r = parseEvent(e.event, 0);
    if (r.ok) out.push(r.event);
    else for (const err of r.errors) problems.push({ at: where(e), message: `makes an invalid ${e.event.type} event: ${err.path ? `${err.path}: ` : ''}${err.message}` });
  }
  return { events: out, problems };
}

/** Append, then save the adapter's state: in that order, so a failure never skips events. */
async function appendThenSave(store: Store, tenant: string, adapter: string, events: IngestEvent[], state: string): Promise<({ ok: true } & AppendResult) | { ok: false; err: unknown }> {
  try {
    const r = events.length ? await store.append(tenant, events) : { accepted: 0, duplicates: 0 };
    await store.setAdapterState(tenant, adapter, state);
    return { ok: true, ...r };
  } catch (err) {
    return { ok: false, err };
  }
}

function unavailable(c: Context<AppEnv>, err: unknown) {
  c.header('Retry-After', '1');
  return c.json({ error: `event store unavailable (${(err as Error).message}); send the same request again: what was stored comes back as duplicates` }, 503);
}

function tooMany(c: Context<AppEnv>, n: number, max: number, unit: string) {
  return c.json({ error: `the request makes ${n} events, over the limit of ${max}; send fewer ${unit} per request` }, 413);
}

/**
 * Requests of one tenant and adapter run one at a time in this process: each reads the state
 * the previous one saved. (Two server processes importing the same tenant's file at once are
 * not serialized: run one importer per tenant.)
 */
class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(fn);
    const tail = next.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
