/** GraphQL at /graphql: HTTP, SSE and graphql-ws on one port; tenancy on every path. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_PATH, printedSchema } from '../../server/graphql/print-schema.ts';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { agentState, lifecycle } from '../helpers/events.ts';
import { redisOrSkip, storeCases } from '../helpers/require.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';

const redisUrl = redisOrSkip();
const stores = storeCases();

const QUEUE_FIELDS = 'id tenant name channel waiting longestWaitSeconds oldestQueuedAt asOf agents { available busy wrapup away offline } today { offered answered answeredWithinThreshold abandoned shortAbandoned overflowed serviceLevel asaSeconds ahtSeconds abandonRate label }';

async function tokenFor(app: TestApp, role: string, tenants: string[]): Promise<string> {
  const r = await app.graphql<{ createApiToken: { token: string } }>('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
    i: { name: `${role} test`, role, tenants },
  });
  return r.data!.createApiToken.token;
}

describe.each(stores)('GraphQL (%s store)', (store, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(opts);
  });
  afterAll(() => app.close());

  it('serves today per metrics.md through queues(tenant)', async () => {
    const t = uniqueTenant();
    const t0 = Date.now() - 10 * 60_000;
    await app.postEvents([
      agentState(t, 'a1', t0 - 1000, 'available', { queues: ['billing'] }),
      agentState(t, 'a2', t0 - 1000, 'away', { queues: ['billing'], reason: 'break' }),
      ...lifecycle({ tenant: t, queue: 'billing', contact: 'c1', queuedAt: t0, outcome: { kind: 'answered', after: 10, agent: 'a1', talk: 200, wrap: 40 } }),
      ...lifecycle({ tenant: t, queue: 'billing', contact: 'c2', queuedAt: t0 + 1000, outcome: { kind: 'answered', after: 50, agent: 'a1', talk: 100 } }),
      ...lifecycle({ tenant: t, queue: 'billing', contact: 'c3', queuedAt: t0 + 2000, outcome: { kind: 'abandoned', after: 3 } }),
      ...lifecycle({ tenant: t, queue: 'billing', contact: 'c4', queuedAt: t0 + 3000, outcome: { kind: 'abandoned', after: 30 } }),
      ...lifecycle({ tenant: t, queue: 'billing', contact: 'c5', queuedAt: Date.now() - 42_000 }),
    ]);
    await app.settled();
    const r = await app.graphql(`query($t: ID) { queues(tenant: $t) { ${QUEUE_FIELDS} } }`, { t });
    expect(r.errors).toBeUndefined();
    const [q] = r.data.queues;
    expect(q).toMatchObject({
      id: 'billing',
      tenant: t,
      channel: 'voice',
      waiting: 1,
      agents: { available: 0, busy: 0, wrapup: 1, away: 1, offline: 0 },
      today: {
        offered: 5,
        answered: 2,
        answeredWithinThreshold: 1,
        abandoned: 2,
        shortAbandoned: 1,
        overflowed: 0,
        // A(T) / (A + Ab + F − Ab(S)) = 1 / (2 + 2 − 1)
        serviceLevel: 1 / 3,
        asaSeconds: 30,
        ahtSeconds: (200 + 40 + 100) / 2,
        abandonRate: 2 / 4,
        label: '80/20 · short abandons < 5 s excluded',
      },
    });
    expect(q.longestWaitSeconds).toBeGreaterThanOrEqual(42);
    expect(q.longestWaitSeconds).toBeLessThan(60);
  });

  it('streams the current snapshot first, then each change, over graphql-ws', async () => {
    const t = uniqueTenant();
    await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'c0', queuedAt: Date.now() - 5000 }));
    await app.settled();
    const client = wsClient(app.url, app.token);
    const sub = collect<{ queueUpdated: { id: string; waiting: number; today: { offered: number } } }>(
      client,
      'subscription($t: ID) { queueUpdated(tenant: $t) { id waiting today { offered } } }',
      { t },
    );
    const first = await sub.until(() => true);
    expect(first.queueUpdated).toEqual({ id: 'q', waiting: 1, today: { offered: 1 } });
    await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'c1', queuedAt: Date.now() - 1000 }));
    await sub.until((m) => m.queueUpdated.waiting === 2, 5000);
    // A burst is coalesced: 20 contacts in quick succession give far fewer than 20 snapshots.
    const before = sub.messages.length;
    for (let i = 0; i < 20; i++) await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: `b${i}`, queuedAt: Date.now() - 500 }));
    await sub.until((m) => m.queueUpdated.waiting === 22, 5000);
    expect(sub.messages.length - before).toBeLessThan(20);
    sub.stop();
    await client.dispose();
  });

  it('also answers subscriptions over SSE', async () => {
    const t = uniqueTenant();
    await app.postEvents(lifecycle({ tenant: t, queue: 'sse-q', contact: 'c', queuedAt: Date.now() }));
    await app.settled();
    const ac = new AbortController();
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription($t: ID) { queueUpdated(tenant: $t) { id waiting } }', variables: { t } }),
      signal: ac.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('"sse-q"')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"waiting":1');
    ac.abort();
  });

  it('keeps each caller to its tenants over HTTP and graphql-ws', async () => {
    const mine = uniqueTenant();
    const other = uniqueTenant();
    await app.postEvents([
      ...lifecycle({ tenant: mine, queue: 'm', contact: 'c', queuedAt: Date.now() }),
      ...lifecycle({ tenant: other, queue: 'o', contact: 'c', queuedAt: Date.now() }),
    ]);
    await app.settled();
    const viewer = await tokenFor(app, 'VIEWER', [mine]);
    const all = await app.graphql<{ queues: { tenant: string }[] }>('{ queues { tenant } }', {}, viewer);
    expect(new Set(all.data!.queues.map((q) => q.tenant))).toEqual(new Set([mine]));
    const foreign = await app.graphql('query($t: ID) { queues(tenant: $t) { id } }', { t: other }, viewer);
    expect(foreign.errors?.[0]).toMatchObject({ message: `not allowed to read tenant "${other}"`, extensions: { code: 'FORBIDDEN' } });
    const tenants = await app.graphql<{ tenants: { id: string }[] }>('{ tenants { id } }', {}, viewer);
    expect(tenants.data!.tenants.map((x) => x.id)).toEqual([mine]);
    // Viewers cannot manage tokens or settings.
    expect((await app.graphql('{ apiTokens { id } }', {}, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.graphql(`mutation { setQueueSettings(tenant: "${mine}", queue: "m", input: { thresholdSeconds: 30 }) { name } }`, {}, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const client = wsClient(app.url, viewer);
    const denied = collect(client, 'subscription($t: ID) { queueUpdated(tenant: $t) { id } }', { t: other });
    await expect(denied.until(() => true, 3000)).rejects.toThrow(/not allowed to read tenant/);
    // Without a tenant, only its own queues come, also when others change.
    const own = collect<{ queueUpdated: { tenant: string } }>(client, 'subscription { queueUpdated { tenant } }');
    await own.until((m) => m.queueUpdated.tenant === mine);
    await app.postEvents(lifecycle({ tenant: other, queue: 'o', contact: 'c2', queuedAt: Date.now() }));
    await app.postEvents(lifecycle({ tenant: mine, queue: 'm', contact: 'c2', queuedAt: Date.now() }));
    await new Promise((r) => setTimeout(r, 300));
    expect(own.messages.every((m) => m.queueUpdated.tenant === mine)).toBe(true);
    own.stop();
    await client.dispose();
  });

  it('closes a graphql-ws connection with a bad token with 4403, and refuses HTTP without one', async () => {
    const closed = new Promise<number>((resolve) => {
      const client = wsClient(app.url, 'not-a-token', { on: { closed: (e) => resolve((e as { code: number }).code) } });
      client.subscribe({ query: 'subscription { queueUpdated { id } }' }, { next: () => {}, error: () => {}, complete: () => {} });
    });
    expect(await closed).toBe(4403);
    const res = await fetch(`${app.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ queues { id } }"}' });
    expect(res.status).toBe(401);
  });

  it('changes queue settings, validates them, and the numbers say which basis they use', async () => {
    const t = uniqueTenant();
    const bad = await app.graphql(`mutation { setQueueSettings(tenant: "${t}", queue: "q", input: { targetServiceLevel: 80 }) { name } }`);
    expect(bad.errors?.[0]?.message).toContain('input.targetServiceLevel');
    const tz = await app.graphql(`mutation { setTenantSettings(tenant: "${t}", input: { timeZone: "Mars/Olympus" }) { id } }`);
    expect(tz.errors?.[0]?.message).toBe('input.timeZone: timeZone must be an IANA time zone such as Europe/Madrid');
    const ok = await app.graphql(
      `mutation { setQueueSettings(tenant: "${t}", queue: "q", input: { name: "Billing EN", thresholdSeconds: 30, targetServiceLevel: 0.9, serviceLevelFormula: ANSWERED_OF_ANSWERED }) { name label } }`,
    );
    expect(ok.data.setQueueSettings).toEqual({ name: 'Billing EN', label: '90/30 · answered of answered' });
    const q = await app.graphql(`query($t: ID) { queues(tenant: $t) { name today { serviceLevelFormula thresholdSeconds label } } }`, { t });
    expect(q.data.queues).toEqual([{ name: 'Billing EN', today: { serviceLevelFormula: 'ANSWERED_OF_ANSWERED', thresholdSeconds: 30, label: '90/30 · answered of answered' } }]);
  });
});

describe.runIf(redisUrl)('with Redis, state survives a server restart', () => {
  it('serves the same numbers from a new server process on the same Redis', async () => {
    const prefix = `restart-${uniqueTenant()}`;
    const t = uniqueTenant();
    const first = await startApp({ store: 'redis', redisUrl: redisUrl!, config: { redisPrefix: prefix } });
    await first.postEvents([
      ...lifecycle({ tenant: t, queue: 'q', contact: 'c1', queuedAt: Date.now() - 60_000, outcome: { kind: 'answered', after: 12, agent: 'a' } }),
      ...lifecycle({ tenant: t, queue: 'q', contact: 'c2', queuedAt: Date.now() - 30_000 }),
    ]);
    await first.settled();
    const query = `query($t: ID) { queues(tenant: $t) { waiting oldestQueuedAt today { offered answered asaSeconds } } }`;
    const before = (await first.graphql(query, { t })).data;
    await first.close();
    const second = await startApp({ store: 'redis', redisUrl: redisUrl!, config: { redisPrefix: prefix } });
    expect((await second.graphql(query, { t })).data).toEqual(before);
    expect(before.queues[0]).toMatchObject({ waiting: 1, today: { offered: 2, answered: 1, asaSeconds: 12 } });
    await second.close();
  });
});

describe('schema/schema.graphql', () => {
  it('is the SDL printed from the Pothos schema (run `npm run schema` after changing it)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(printedSchema());
  });
});
