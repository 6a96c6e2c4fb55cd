/**
 * The access matrix (issue 9): every operation of the schema (each Query, Mutation and
 * Subscription field) driven by every kind of caller, against the caller's own tenant and a
 * foreign one, over HTTP (POST, SSE) and over graphql-ws; and every /api route over HTTP.
 *
 * The table below is the written policy. It is checked against the schema: a field without
 * an entry fails the first test, so an operation added later cannot go unclassified. Each cell
 * is either allowed (no FORBIDDEN or UNAUTHENTICATED error, and for lists without a tenant,
 * nothing of a tenant the caller may not read) or refused with the right code and no data.
 */
import { GraphQLObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inScope, type Principal, type Role } from '../../server/auth/principal.ts';
import { createApp } from '../../server/http/app.ts';
import { schema } from '../../server/graphql/schema/index.ts';
import { eventually, graphqlOk, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { agentState, lifecycle } from '../helpers/events.ts';
import { limited, TRANSPORTS, Transports, type Result, type Transport } from './transports.ts';

// ---------------------------------------------------------------------------------------------
// Callers: each role in the home tenant, an ADMIN of another tenant only, the ADMIN_TOKEN.

interface Caller {
  name: string;
  role: Role;
  tenants: 'all' | string[];
  token: string;
  /** A client-embed token (a VIEWER of one tenant that may run only what its page needs). */
  embed?: true;
}

/** What a client-embed page needs, and so all an embed token may run (on its own tenant). */
const EMBED_MAY = new Set(['Query.queues', 'Query.queue', 'Query.tenantTotals', 'Query.intervals', 'Query.tenants', 'Query.me', 'Query.embedSession', 'Subscription.queueUpdated']);

const HOME = uniqueTenant('home');
const AWAY = uniqueTenant('away');

const principal = (c: Caller): Principal => ({ id: c.name, name: c.name, role: c.role, tenants: c.tenants === 'all' ? 'all' : new Set(c.tenants) });
const scoped = (c: Caller, t: string | null) => t !== null && inScope(principal(c), t);

/** Who may run an operation, given the caller and the tenant it names (null: it names none). */
type Who = (c: Caller, t: string | null) => boolean;
const anyone: Who = () => true;
const readers: Who = (c, t) => c.role !== 'INGEST' && (t === null || scoped(c, t));
const configurers: Who = (c, t) => (c.role === 'ADMIN' || c.role === 'SUPERVISOR') && (t === null || scoped(c, t));
const planners: Who = (c, t) => (c.role === 'ADMIN' || c.role === 'SUPERVISOR' || c.role === 'PLANNER') && (t === null || scoped(c, t));
/** Acts on no one tenant (API tokens): an ADMIN of every tenant only. */
const globalAdmins: Who = (c) => c.role === 'ADMIN' && c.tenants === 'all';
const notIngest: Who = (c) => c.role !== 'INGEST';

interface Variant {
  /** The operation; `$t` is the tenant it is run against, where it takes one. */
  doc: string;
  vars?: (t: string) => Record<string, unknown>;
  /** 'each': run against the home and the foreign tenant; 'none': the operation names no tenant. */
  tenant: 'each' | 'none';
  who: Who;
  /** For answers that list several tenants' things: the tenants in the answer (a caller may only see its own). */
  tenantsOf?: (data: Record<string, unknown>) => (string | null)[];
  /** How a refusal reads when it is not FORBIDDEN (acknowledgeAlert hides alerts of unreadable tenants). */
  refusal?: (c: Caller, t: string) => { code: string; message: RegExp } | null;
  /** Subscriptions that send nothing until something changes: make something change in `t`. */
  poke?: (t: string) => Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Fixtures every cell can use, made in beforeAll.

let app: TestApp;
let io: Transports;
const fx = { alert: new Map<string, string>(), followUp: new Map<string, string>(), embeds: new Map<string, string[]>() };
const callers: Caller[] = [];
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
let pokeCount = 0;

const admin = <T = any>(q: string, v: Record<string, unknown> = {}) => graphqlOk<T>(app, q, v);
const pokeQueue = async (t: string) => {
  expect((await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: `poke-${++pokeCount}`, queuedAt: Date.now() }))).status).toBe(202);
};
const pokeAgents = async (t: string) => {
  expect((await app.postEvents([agentState(t, `poke-${++pokeCount}`, Date.now(), 'available', { queues: ['q'] })])).status).toBe(202);
};
const pokeAlerts = async (t: string) => {
  await admin('mutation($t: ID!, $id: ID!) { upsertAlertRule(input: { id: $id, tenant: $t, queue: "q", metric: WAITING, comparator: ABOVE, threshold: 0, forSeconds: 0 }) { id } }', {
    t,
    id: `poke-${++pokeCount}`,
  });
};
const pokeFollowUps = async (t: string) => {
  await admin('mutation($t: ID!) { createFollowUp(input: { tenant: $t, kind: CALLBACK, queue: "q" }) { id } }', { t });
};
const pokeLayout = async (t: string) => {
  await admin('mutation($t: ID!) { saveWallLayout(tenant: $t, name: "lobby", layout: { views: [{ panels: [{ kind: QUEUES }] }] }) { name } }', { t });
};

const tenantsIn = (list: unknown) => (list as { tenant: string | null }[]).map((x) => x.tenant);

// ---------------------------------------------------------------------------------------------
// The policy: every field of the schema, with the least arguments that make a valid call.

const day = 86_400_000;
const MATRIX: Record<string, Variant[]> = {
  // Queries
  'Query.agents': [
    { doc: 'query($t: ID) { agents(tenant: $t) { tenant id } }', vars: (t) => ({ t }), tenant: 'each', who: readers },
    { doc: '{ agents { tenant id } }', tenant: 'none', who: anyone, tenantsOf: (d) => tenantsIn(d.agents) },
  ],
  'Query.alertRules': [{ doc: 'query($t: ID!) { alertRules(tenant: $t) { id } }', vars: (t) => ({ t }), tenant: 'each', who: readers }],
  'Query.alerts': [
    { doc: 'query($t: ID) { alerts(tenant: $t) { id tenant } }', vars: (t) => ({ t }), tenant: 'each', who: readers },
    { doc: '{ alerts { id tenant } }', tenant: 'none', who: anyone, tenantsOf: (d) => tenantsIn(d.alerts) },
  ],
  'Query.apiTokens': [{ doc: '{ apiTokens { id } }', tenant: 'none', who: globalAdmins }],
  'Query.auditLog': [
    { doc: 'query($t: ID) { auditLog(tenant: $t) { id tenant } }', vars: (t) => ({ t }), tenant: 'each', who: configurers },
    // No tenant: ADMIN reads the global log; a SUPERVISOR its tenants' logs merged; nobody else.
    { doc: '{ auditLog { id tenant } }', tenant: 'none', who: (c) => globalAdmins(c, null) || c.role === 'SUPERVISOR', tenantsOf: (d) => tenantsIn(d.auditLog) },
  ],
  'Query.embedSession': [{ doc: '{ embedSession { tenant } }', tenant: 'none', who: anyone }],
  'Query.embedTokens': [{ doc: 'query($t: ID!) { embedTokens(tenant: $t) { id } }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],
  'Query.followUpSummary': [{ doc: 'query($t: ID!) { followUpSummary(tenant: $t) { open } }', vars: (t) => ({ t }), tenant: 'each', who: readers }],
  'Query.followUps': [{ doc: 'query($t: ID!) { followUps(tenant: $t) { totalCount } }', vars: (t) => ({ t }), tenant: 'each', who: readers }],
  'Query.forecast': [
    {
      doc: 'query($t: ID!, $f: DateTime!, $to: DateTime!) { forecast(tenant: $t, queue: "q", from: $f, to: $to, step: HOUR1) { __typename } }',
      vars: (t) => ({ t, f: iso(now + day), to: iso(now + day + 3_600_000) }),
      tenant: 'each',
      who: planners,
    },
  ],
  'Query.intervals': [
    {
      doc: 'query($t: ID!, $f: DateTime!, $to: DateTime!) { intervals(tenant: $t, from: $f, to: $to, step: MIN15) { __typename } }',
      vars: (t) => ({ t, f: iso(now - 3_600_000), to: iso(now) }),
      tenant: 'each',
      who: readers,
    },
  ],
  'Query.me': [{ doc: '{ me { role } }', tenant: 'none', who: anyone }],
  'Query.queue': [{ doc: 'query($t: ID!) { queue(tenant: $t, id: "q") { id } }', vars: (t) => ({ t }), tenant: 'each', who: readers }],
  'Query.queues': [
    { doc: 'query($t: ID) { queues(tenant: $t) { id tenant } }', vars: (t) => ({ t }), tenant: 'each', who: readers },
    { doc: '{ queues { id tenant } }', tenant: 'none', who: anyone, tenantsOf: (d) => tenantsIn(d.queues) },
  ],
  'Query.shiftPlan': [
    {
      // A start time that is no time: refused as bad input only after the caller passed.
      doc: 'query($i: ShiftPlanRequest!) { shiftPlan(input: $i) { __typename } }',
      vars: (t) => ({ i: { tenant: t, queue: 'q', from: iso(now + day), to: iso(now + 2 * day), templates: [{ id: 'x', lengthMinutes: 480, startTimes: ['25:00'] }] } }),
      tenant: 'each',
      who: planners,
    },
  ],
  'Query.simulateAhead': [
    { doc: 'query($t: ID!) { simulateAhead(tenant: $t, queue: "no-such-queue", agents: 1, minutes: 5) { __typename } }', vars: (t) => ({ t }), tenant: 'each', who: planners },
  ],
  'Query.staffing': [
    {
      // A calculator on the caller's numbers, no tenant's data: every reading role.
      doc: '{ staffing(input: { model: ERLANG_C, arrivalsPerHour: 100, ahtSeconds: 180, targetServiceLevel: 0.8, thresholdSeconds: 20 }) { __typename } }',
      tenant: 'none',
      who: notIngest,
    },
  ],
  'Query.staffingNow': [{ doc: 'query($t: ID!) { staffingNow(tenant: $t) { __typename } }', vars: (t) => ({ t }), tenant: 'each', who: readers }],
  'Query.tenantTotals': [{ doc: 'query($t: ID!) { tenantTotals(tenant: $t) { __typename } }', vars: (t) => ({ t }), tenant: 'each', who: readers }],
  'Query.tenants': [{ doc: '{ tenants { id } }', tenant: 'none', who: anyone, tenantsOf: (d) => (d.tenants as { id: string }[]).map((x) => x.id) }],
  'Query.wallLayout': [{ doc: 'query($t: ID!) { wallLayout(tenant: $t, name: "lobby") { name } }', vars: (t) => ({ t }), tenant: 'each', who: readers }],
  'Query.wallLayouts': [{ doc: 'query($t: ID!) { wallLayouts(tenant: $t) { name } }', vars: (t) => ({ t }), tenant: 'each', who: readers }],
  'Query.webhookDeliveries': [{ doc: 'query($t: ID!) { webhookDeliveries(tenant: $t) { __typename } }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],
  'Query.webhooks': [{ doc: 'query($t: ID!) { webhooks(tenant: $t) { id } }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],

  // Mutations
  'Mutation.acknowledgeAlert': [
    {
      doc: 'mutation($id: ID!) { acknowledgeAlert(id: $id, note: "matrix") { id } }',
      vars: (t) => ({ id: fx.alert.get(t) }),
      tenant: 'each',
      who: configurers,
      // An alert of a tenant the caller may not read is "no alert": its existence is not told.
      refusal: (c, t) => (readers(c, t) ? null : { code: 'BAD_USER_INPUT', message: /no alert/ }),
    },
  ],
  'Mutation.createApiToken': [{ doc: 'mutation($t: String!) { createApiToken(input: { name: "m", role: VIEWER, tenants: [$t] }) { apiToken { id } } }', vars: () => ({ t: HOME }), tenant: 'none', who: globalAdmins }],
  'Mutation.createEmbedToken': [{ doc: 'mutation($t: ID!) { createEmbedToken(input: { tenant: $t }) { id } }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],
  'Mutation.createFollowUp': [{ doc: 'mutation($t: ID!) { createFollowUp(input: { tenant: $t, kind: CALLBACK }) { id } }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],
  'Mutation.deleteAlertRule': [{ doc: 'mutation($t: ID!) { deleteAlertRule(tenant: $t, id: "no-such-rule") }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],
  'Mutation.deleteWallLayout': [{ doc: 'mutation($t: ID!) { deleteWallLayout(tenant: $t, name: "no-such-screen") }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],
  'Mutation.deleteWebhook': [{ doc: 'mutation($t: ID!) { deleteWebhook(tenant: $t, id: "no-such-hook") }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],
  'Mutation.revokeEmbedToken': [
    // A fresh embed token of the tenant for every cell: a revoked one is "no such token" (false) for everyone.
    { doc: 'mutation($k: String!) { revokeEmbedToken(token: $k) }', vars: (t) => ({ k: fx.embeds.get(t)!.pop() ?? 'pool ran dry' }), tenant: 'each', who: configurers },
  ],
  'Mutation.revokeApiToken': [{ doc: 'mutation { revokeApiToken(id: "no-such-token") }', tenant: 'none', who: globalAdmins }],
  'Mutation.saveWallLayout': [
    { doc: 'mutation($t: ID!) { saveWallLayout(tenant: $t, name: "matrix", layout: { views: [{ panels: [{ kind: QUEUES }] }] }) { name } }', vars: (t) => ({ t }), tenant: 'each', who: configurers },
  ],
  'Mutation.setBusinessHours': [
    {
      doc: 'mutation($t: ID!) { setBusinessHours(tenant: $t, input: { timeZone: "UTC", weekly: [{ day: MON, open: "09:00", close: "17:00" }] }) { timeZone } }',
      vars: (t) => ({ t }),
      tenant: 'each',
      who: configurers,
    },
  ],
  'Mutation.setFollowUpPolicy': [
    { doc: 'mutation($t: ID!) { setFollowUpPolicy(tenant: $t, input: { kind: CALLBACK, dueMinutes: 60, businessHours: false }) { kind } }', vars: (t) => ({ t }), tenant: 'each', who: configurers },
  ],
  'Mutation.setQueueSettings': [{ doc: 'mutation($t: ID!) { setQueueSettings(tenant: $t, queue: "q", input: { name: "Q" }) { name } }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],
  'Mutation.setTenantSettings': [{ doc: 'mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "T" }) { id } }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],
  'Mutation.updateFollowUp': [
    { doc: 'mutation($t: ID!, $id: ID!) { updateFollowUp(tenant: $t, id: $id, input: { note: "matrix" }) { id } }', vars: (t) => ({ t, id: fx.followUp.get(t) }), tenant: 'each', who: configurers },
  ],
  'Mutation.upsertAlertRule': [
    { doc: 'mutation($t: ID!) { upsertAlertRule(input: { tenant: $t, metric: WAITING, comparator: ABOVE, threshold: 100000 }) { id } }', vars: (t) => ({ t }), tenant: 'each', who: configurers },
  ],
  'Mutation.upsertWebhook': [{ doc: 'mutation($t: ID!) { upsertWebhook(input: { tenant: $t, url: "https://example.com/h" }) { webhook { id } } }', vars: (t) => ({ t }), tenant: 'each', who: configurers }],

  // Subscriptions
  'Subscription.agentsUpdated': [
    { doc: 'subscription($t: ID) { agentsUpdated(tenant: $t) { tenant } }', vars: (t) => ({ t }), tenant: 'each', who: readers, poke: pokeAgents },
    { doc: 'subscription { agentsUpdated { tenant } }', tenant: 'none', who: anyone, tenantsOf: (d) => [(d.agentsUpdated as { tenant: string }).tenant], poke: pokeAgents },
  ],
  'Subscription.alertChanged': [
    { doc: 'subscription($t: ID) { alertChanged(tenant: $t) { tenant } }', vars: (t) => ({ t }), tenant: 'each', who: readers, poke: pokeAlerts },
    { doc: 'subscription { alertChanged { tenant } }', tenant: 'none', who: anyone, tenantsOf: (d) => [(d.alertChanged as { tenant: string }).tenant], poke: pokeAlerts },
  ],
  'Subscription.followUpChanged': [
    { doc: 'subscription($t: ID) { followUpChanged(tenant: $t) { tenant } }', vars: (t) => ({ t }), tenant: 'each', who: readers, poke: pokeFollowUps },
    { doc: 'subscription { followUpChanged { tenant } }', tenant: 'none', who: anyone, tenantsOf: (d) => [(d.followUpChanged as { tenant: string }).tenant], poke: pokeFollowUps },
  ],
  'Subscription.queueUpdated': [
    { doc: 'subscription($t: ID) { queueUpdated(tenant: $t) { tenant } }', vars: (t) => ({ t }), tenant: 'each', who: readers, poke: pokeQueue },
    { doc: 'subscription { queueUpdated { tenant } }', tenant: 'none', who: anyone, tenantsOf: (d) => [(d.queueUpdated as { tenant: string }).tenant], poke: pokeQueue },
  ],
  'Subscription.wallLayoutChanged': [
    { doc: 'subscription($t: ID!) { wallLayoutChanged(tenant: $t, name: "lobby") { tenant } }', vars: (t) => ({ t }), tenant: 'each', who: readers, poke: pokeLayout },
  ],
};

// ---------------------------------------------------------------------------------------------
// The REST routes: every /api route of the app, with a valid request for a tenant.

interface RestEntry {
  request: (t: string) => { path: string; method: string; type?: string; body?: string };
  who: Who;
  ok: number;
}
const ingesters: Who = (c, t) => (c.role === 'ADMIN' || c.role === 'INGEST') && scoped(c, t);
const epoch = Math.floor(now / 1000);
const REST: Record<string, RestEntry> = {
  'POST /api/events': {
    request: (t) => ({ method: 'POST', path: '/api/events', type: 'application/json', body: JSON.stringify(lifecycle({ tenant: t, queue: 'q', contact: `rest-${++pokeCount}`, queuedAt: now })) }),
    who: ingesters,
    ok: 202,
  },
  'POST /api/import/queue-log': {
    request: (t) => ({ method: 'POST', path: `/api/import/queue-log?tenant=${t}`, type: 'text/plain', body: `${epoch}|ql-${++pokeCount}|q|NONE|ENTERQUEUE||1|1\n` }),
    who: ingesters,
    ok: 202,
  },
  'POST /api/import/amazon-connect': {
    request: (t) => ({
      method: 'POST',
      path: `/api/import/amazon-connect?tenant=${t}`,
      type: 'application/json',
      body: JSON.stringify({
        'detail-type': 'Amazon Connect Contact Event',
        source: 'aws.connect',
        time: iso(now),
        detail: { eventType: 'QUEUED', contactId: `ac-${++pokeCount}`, channel: 'VOICE', initiationMethod: 'INBOUND', queueInfo: { queueArn: 'arn:aws:connect:eu-west-1:1:instance/i/queue/q', queueType: 'STANDARD', enqueueTimestamp: iso(now) } },
      }),
    }),
    who: ingesters,
    ok: 202,
  },
  'POST /api/import/intervals': {
    request: (t) => ({ method: 'POST', path: `/api/import/intervals?tenant=${t}&queue=q`, type: 'text/csv', body: 'start,offered\n2026-10-05T09:00:00Z,40\n' }),
    who: ingesters,
    ok: 202,
  },
  'GET /api/reports/intervals.csv': {
    request: (t) => ({ method: 'GET', path: `/api/reports/intervals.csv?tenant=${t}&queue=q&from=${iso(now - 3_600_000)}&to=${iso(now)}&step=MIN15` }),
    who: readers,
    ok: 200,
  },
};

/** The /api routes the app serves (its catch-all 404 aside). */
function apiRoutes(): string[] {
  const probe = createApp({
    services: {} as never,
    tokens: {} as never,
    yoga: {} as never,
    limits: { maxBodyBytes: 1, maxEvents: 1 },
    webDir: null,
    rateLimit: { perSecond: 1, burst: 1 },
  });
  return [...new Set(probe.routes.filter((r) => r.path.startsWith('/api/') && !r.path.endsWith('*') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))].sort();
}

// ---------------------------------------------------------------------------------------------
// Judging one cell.

const isDenial = (code: string) => code === 'FORBIDDEN' || code === 'UNAUTHENTICATED';
/** Errors that mean the cell itself is wrong (a bad document), not a decision about the caller. */
const isBroken = (code: string) => code === 'GRAPHQL_VALIDATION_FAILED' || code === 'GRAPHQL_PARSE_FAILED' || code === 'BAD_REQUEST' || code === 'INTERNAL_SERVER_ERROR' || code === 'NO_RESULT' || code === 'SOCKET_ERROR';

function fieldOf(key: string) {
  return key.slice(key.indexOf('.') + 1);
}

/** What went wrong with one cell, or null. */
function judge(key: string, v: Variant, c: Caller, t: string | null, r: Result | undefined): string | null {
  const where = `${key} as ${c.name}${t ? ` on ${t === HOME ? 'its own tenant' : 'a foreign tenant'}` : ''}`;
  if (!r) return `${where}: no answer`;
  const broken = r.errors.find((e) => isBroken(e.code));
  if (broken) return `${where}: ${broken.code} ${broken.message}`;
  // An embed token is turned away before any resolver runs: always FORBIDDEN.
  const special = t !== null && !c.embed ? v.refusal?.(c, t) : null;
  const refusedBy = r.errors.find((e) => isDenial(e.code) || (special && e.code === special.code && special.message.test(e.message)));
  const allowed = c.embed ? EMBED_MAY.has(key) && readers(c, t) : v.who(c, t);
  if (allowed) {
    if (refusedBy) return `${where}: should be allowed, got ${refusedBy.code} "${refusedBy.message}"`;
    if (v.tenantsOf && r.data?.[fieldOf(key)] != null && !(c.role === 'ADMIN' && c.tenants === 'all')) {
      const leaked = v.tenantsOf(r.data).filter((x) => x === null || !scoped(c, x));
      if (leaked.length) return `${where}: answered with things of tenants it may not read: ${JSON.stringify(leaked)}`;
    }
    return null;
  }
  const want = special ?? { code: 'FORBIDDEN', message: /./ };
  if (!refusedBy || refusedBy.code !== want.code) return `${where}: should be refused with ${want.code}, got ${JSON.stringify(r.errors)} data ${JSON.stringify(r.data)}`;
  if (r.data?.[fieldOf(key)] != null) return `${where}: refused but data came too: ${JSON.stringify(r.data)}`;
  return null;
}

/** One cell: the first result of a query, mutation or subscription (poking a quiet subscription until it speaks). */
async function firstResult(transport: Transport, key: string, v: Variant, token: string | null, t: string | null): Promise<Result | undefined> {
  const vars = t !== null && v.vars ? v.vars(t) : v.vars ? v.vars(HOME) : {};
  if (!key.startsWith('Subscription.')) return io.run(transport, token, v.doc, vars);
  const s = io.subscribe(transport, token, v.doc, vars);
  try {
    for (let round = 0; round < 40; round++) {
      if (await s.until((rs) => rs.length > 0, round === 0 ? 1500 : 500)) break;
      if (v.poke && t !== null) await v.poke(t);
    }
    return s.results[0];
  } finally {
    s.stop();
  }
}

/**
 * A subscription that names no tenant, for every caller at once: poke the foreign tenant, then
 * the home one, round after round, until every caller who reads the home tenant has heard of
 * it three times and an all-tenant ADMIN has heard of both; then nobody may have heard of a
 * tenant it may not read (a leak would have come with the foreign pokes, published first).
 */
async function unscopedSubscription(transport: Transport, key: string, v: Variant): Promise<string[]> {
  const field = fieldOf(key);
  const streams = callers.map((c) => ({ c, s: io.subscribe(transport, c.token, v.doc, {}) }));
  const tenantsHeard = (rs: readonly Result[]) => rs.flatMap((r) => (r.data?.[field] != null ? v.tenantsOf!(r.data) : []));
  const enough = () =>
    streams.every(({ c, s }) => {
      const heard = tenantsHeard(s.results);
      if (c.role === 'ADMIN' && c.tenants === 'all') return heard.filter((x) => x === HOME).length >= 3 && heard.includes(AWAY);
      const mayHear = c.embed ? EMBED_MAY.has(key) : readers(c, HOME);
      return !mayHear || heard.filter((x) => x === HOME).length >= 3;
    });
  const problems: string[] = [];
  try {
    for (let round = 0; round < 60 && !enough(); round++) {
      await v.poke!(AWAY);
      await v.poke!(HOME);
      await streams[0]!.s.until(() => enough(), 400);
    }
    if (!enough()) problems.push(`${key} (no tenant) over ${transport}: callers did not hear of their own tenant: ${streams.map(({ c, s }) => `${c.name}=${JSON.stringify(tenantsHeard(s.results))}`).join(' ')}`);
    for (const { c, s } of streams) {
      for (const r of s.results) {
        const p = judge(key, v, c, null, r);
        if (p) problems.push(`${p} (over ${transport})`);
      }
    }
  } finally {
    for (const { s } of streams) s.stop();
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

const schemaFields = () =>
  (['Query', 'Mutation', 'Subscription'] as const).flatMap((type) => {
    const t = schema.getType(type);
    return t instanceof GraphQLObjectType ? Object.keys(t.getFields()).map((f) => `${type}.${f}`) : [];
  });

describe('the access matrix', () => {
  beforeAll(async () => {
    app = await startApp({ config: { alertTickMs: 100 } });
    io = new Transports(app.url);
    for (const t of [HOME, AWAY]) {
      await admin('mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "x" }) { id } }', { t });
      const res = await app.postEvents([agentState(t, 'a1', now - 60_000, 'available', { queues: ['q'] }), ...lifecycle({ tenant: t, queue: 'q', contact: 'waiting', queuedAt: now - 30_000 })]);
      expect(res.status).toBe(202);
      await pokeAlerts(t);
      fx.alert.set(t, await eventually(async () => (await admin(`query($t: ID) { alerts(tenant: $t, states: [FIRING]) { id } }`, { t })).alerts[0]?.id as string | undefined, 10_000, 'an alert to fire'));
      fx.followUp.set(t, (await admin('mutation($t: ID!) { createFollowUp(input: { tenant: $t, kind: CALLBACK, queue: "q" }) { id } }', { t })).createFollowUp.id);
      await pokeLayout(t);
      await admin('mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "y" }) { id } }', { t });
      const pool: string[] = [];
      for (let i = 0; i < 20; i++) pool.push((await admin('mutation($t: ID!) { createEmbedToken(input: { tenant: $t }) { token } }', { t })).createEmbedToken.token);
      fx.embeds.set(t, pool);
    }
    await app.settled();
    const token = async (name: string, role: Role, tenants: string[]) => {
      const r = await admin('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', { i: { name, role, tenants } });
      callers.push({ name, role, tenants, token: r.createApiToken.token });
    };
    callers.push({ name: 'ADMIN', role: 'ADMIN', tenants: 'all', token: app.token });
    // An ADMIN token of one tenant: an admin there, a stranger elsewhere and to global acts.
    await token('ADMIN of the foreign tenant', 'ADMIN', [AWAY]);
    for (const role of ['SUPERVISOR', 'PLANNER', 'VIEWER', 'INGEST'] as const) await token(role, role, [HOME]);
    const embed = (await admin('mutation($t: ID!) { createEmbedToken(input: { tenant: $t }) { token } }', { t: HOME })).createEmbedToken.token;
    callers.push({ name: 'EMBED', role: 'VIEWER', tenants: [HOME], token: embed, embed: true });
  }, 60_000);
  afterAll(async () => {
    await io?.close();
    await app?.close();
  });

  it('classifies every operation of the schema and every /api route', () => {
    const fields = schemaFields();
    const missing = fields.filter((f) => !(f in MATRIX));
    const stale = Object.keys(MATRIX).filter((f) => !fields.includes(f));
    expect(
      missing,
      `unclassified operations: add an entry for each to MATRIX in test/security/access-matrix.test.ts (who may run it, with the least valid arguments): ${missing.join(', ')}`,
    ).toEqual([]);
    expect(stale, `MATRIX has entries for operations that no longer exist: remove them`).toEqual([]);
    const routes = apiRoutes();
    const unclassified = routes.filter((r) => !(r in REST));
    expect(unclassified, `unclassified /api routes: add each to REST in test/security/access-matrix.test.ts`).toEqual([]);
    expect(Object.keys(REST).filter((r) => !routes.includes(r)), 'REST has routes that no longer exist').toEqual([]);
  });

  // One test per operation: every caller, both tenants, both transports.
  for (const key of Object.keys(MATRIX)) {
    it(`${key}: each caller, its own and a foreign tenant, over HTTP and graphql-ws`, async () => {
      if (!schemaFields().includes(key)) return; // reported by the classification test
      const problems: string[] = [];
      for (const v of MATRIX[key]!) {
        if (v.tenant === 'none' && v.tenantsOf && key.startsWith('Subscription.')) {
          for (const tr of TRANSPORTS) problems.push(...(await unscopedSubscription(tr, key, v)));
          continue;
        }
        const targets = v.tenant === 'each' ? [HOME, AWAY] : [null];
        const cells = callers.flatMap((c) => targets.flatMap((t) => TRANSPORTS.map((tr) => ({ c, t, tr }))));
        const results = await limited(
          6,
          cells.map(({ c, t, tr }) => () => firstResult(tr, key, v, c.token, t)),
        );
        cells.forEach(({ c, t, tr }, i) => {
          const p = judge(key, v, c, t, results[i]);
          if (p) problems.push(`${p} (over ${tr})`);
        });
        // Without a token, or with a wrong one: 401 over HTTP, the socket closed with 4403.
        for (const token of [null, 'fbt_not-a-token-at-all-0000000000']) {
          for (const tr of TRANSPORTS) {
            const r = await firstResult(tr, key, { ...v, poke: undefined }, token, v.tenant === 'each' ? HOME : null);
            const ok = tr === 'http' ? r?.status === 401 && r.errors.some((e) => e.code === 'UNAUTHENTICATED') : r?.closeCode === 4403;
            if (!ok) problems.push(`${key} ${token ? 'with a wrong token' : 'without a token'} over ${tr}: ${JSON.stringify(r)}`);
          }
        }
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }

  for (const route of Object.keys(REST)) {
    it(`${route}: each caller, its own and a foreign tenant`, async () => {
      const e = REST[route]!;
      const problems: string[] = [];
      const send = async (token: string | null, t: string) => {
        const r = e.request(t);
        const res = await fetch(`${app.url}${r.path}`, {
          method: r.method,
          headers: { ...(r.type ? { 'content-type': r.type } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
          ...(r.body !== undefined ? { body: r.body } : {}),
        });
        return { status: res.status, body: await res.text() };
      };
      for (const c of callers) {
        for (const t of [HOME, AWAY]) {
          const got = await send(c.token, t);
          const want = !c.embed && e.who(c, t) ? e.ok : 403;
          if (got.status !== want) problems.push(`${route} as ${c.name} on ${t === HOME ? 'its own' : 'a foreign'} tenant: want ${want}, got ${got.status} ${got.body.slice(0, 200)}`);
        }
      }
      for (const token of [null, 'fbt_not-a-token-at-all-0000000000']) {
        const got = await send(token, HOME);
        if (got.status !== 401) problems.push(`${route} ${token ? 'with a wrong token' : 'without a token'}: want 401, got ${got.status}`);
      }
      expect(problems).toEqual([]);
    }, 60_000);
  }
});
