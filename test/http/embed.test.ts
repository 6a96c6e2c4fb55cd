/**
 * Client embeds over real HTTP and a real graphql-ws client: an embed token reads its tenant's
 * live queues and nothing else, narrowing to queues holds on every path, it expires, and a
 * revocation closes what it holds open at once (on another instance too, with Redis); the embed
 * page's frame-ancestors come from the tenant's embedOrigins and every other page keeps 'none'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, postAndSettle, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { redisOrSkip, storeCases } from '../helpers/require.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';

const redisUrl = redisOrSkip();
const stores = storeCases();

const CREATE = `mutation($i: CreateEmbedTokenInput!) {
  createEmbedToken(input: $i) { id token url tenant queues views theme { logoUrl primary background text } expiresAt name createdBy }
}`;

interface Created {
  id: string;
  token: string;
  url: string;
  tenant: string;
  queues: string[] | null;
  views: string[];
  theme: Record<string, string | null>;
  expiresAt: string;
}

async function createEmbed(app: TestApp, input: Record<string, unknown>, as?: string): Promise<Created> {
  const r = await app.graphql<{ createEmbedToken: Created }>(CREATE, { i: input }, as);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!.createEmbedToken;
}

async function apiToken(app: TestApp, role: string, tenants: string[]): Promise<string> {
  const r = await app.graphql<{ createApiToken: { token: string } }>('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
    i: { name: `${role} for embeds`, role, tenants },
  });
  return r.data!.createApiToken.token;
}

const code = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

/** Resolves with the close code of the client's socket. */
function closeCode(onClosed: (listener: (e: unknown) => void) => void): Promise<number> {
  return new Promise((resolve) => onClosed((e) => resolve((e as { code: number }).code)));
}

/** A live graphql-ws subscription of an embed token, with the code its socket closes with. */
function subscribeAs(app: TestApp, token: string, query: string, variables: Record<string, unknown> = {}) {
  let onClose: (e: unknown) => void = () => {};
  const closed = closeCode((l) => (onClose = l));
  const client = wsClient(app.url, token, { on: { closed: (e) => onClose(e) } });
  const sub = collect<any>(client, query, variables);
  return { client, sub, closed };
}

describe.each(stores)('client embeds (%s store)', (_store, opts) => {
  let app: TestApp;
  let a: string;
  let b: string;

  beforeAll(async () => {
    app = await startApp(opts);
    a = uniqueTenant('acme');
    b = uniqueTenant('bank');
    const now = Date.now();
    await postAndSettle(app, [
      ...lifecycle({ tenant: a, queue: 'cards', contact: 'c1', queuedAt: now - 60_000, outcome: { kind: 'answered', after: 5, agent: 'x', talk: 30 } }),
      ...lifecycle({ tenant: a, queue: 'cards', contact: 'c2', queuedAt: now - 50_000 }),
      ...lifecycle({ tenant: a, queue: 'loans', contact: 'c3', queuedAt: now - 40_000, outcome: { kind: 'abandoned', after: 20 } }),
      ...lifecycle({ tenant: a, queue: 'loans', contact: 'c4', queuedAt: now - 30_000, outcome: { kind: 'abandoned', after: 12 } }),
      ...lifecycle({ tenant: b, queue: 'vip', contact: 'c1', queuedAt: now - 20_000 }),
    ]);
  });
  afterAll(() => app.close());

  it('creates a token for a tenant and reads that tenant: queues, totals, intervals, live', async () => {
    const e = await createEmbed(app, {
      tenant: a,
      name: 'Acme portal',
      views: ['CHART', 'QUEUES'],
      theme: { logoUrl: 'https://acme.example/logo.svg', primary: '#0A66C2', background: '#fff' },
      ttlSeconds: 3600,
    });
    expect(e.url).toBe(`${app.url}/embed/${a}#token=${e.token}`);
    expect(e).toMatchObject({ tenant: a, queues: null, views: ['QUEUES', 'CHART'], theme: { logoUrl: 'https://acme.example/logo.svg', primary: '#0a66c2', background: '#fff', text: null } });
    expect(Date.parse(e.expiresAt) - Date.now()).toBeGreaterThan(3590_000);

    const r = await app.graphql(
      `query($t: ID!) { me { role tenants } embedSession { tenant queues views theme { primary } }
         queues(tenant: $t) { id today { offered } } tenants { id } tenantTotals(tenant: $t) { today { offered } }
         intervals(tenant: $t, from: "${new Date(Date.now() - 3_600_000).toISOString()}", to: "${new Date(Date.now() + 60_000).toISOString()}", step: HOUR1) { offered } }`,
      { t: a },
      e.token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.me).toEqual({ role: 'VIEWER', tenants: [a] });
    expect(r.data.embedSession).toEqual({ tenant: a, queues: null, views: ['QUEUES', 'CHART'], theme: { primary: '#0a66c2' } });
    expect(r.data.queues.map((q: { id: string }) => q.id).sort()).toEqual(['cards', 'loans']);
    expect(r.data.tenants).toEqual([{ id: a }]);
    expect(r.data.tenantTotals.today.offered).toBe(4);
    expect(r.data.intervals.reduce((s: number, x: { offered: number }) => s + x.offered, 0)).toBe(4);
    // Without a tenant, "the queues the caller may see" are its tenant's.
    const mine = await app.graphql('{ queues { tenant } }', {}, e.token);
    expect(new Set(mine.data.queues.map((q: { tenant: string }) => q.tenant))).toEqual(new Set([a]));

    const { client, sub } = subscribeAs(app, e.token, 'subscription($t: ID) { queueUpdated(tenant: $t) { id waiting } }', { t: a });
    await sub.until((m) => m.queueUpdated.id === 'cards' && m.queueUpdated.waiting === 1);
    await app.postEvents(lifecycle({ tenant: a, queue: 'cards', contact: 'live-1', queuedAt: Date.now() }));
    await sub.until((m) => m.queueUpdated.id === 'cards' && m.queueUpdated.waiting === 2);
    await client.dispose();
  });

  it('is refused for another tenant, over HTTP and graphql-ws', async () => {
    const e = await createEmbed(app, { tenant: a });
    for (const q of [`{ queues(tenant: "${b}") { id } }`, `{ queue(tenant: "${b}", id: "vip") { id } }`, `{ tenantTotals(tenant: "${b}") { waiting } }`]) {
      const r = await app.graphql(q, {}, e.token);
      expect(r.errors?.[0], q).toMatchObject({ message: `not allowed to read tenant "${b}"`, extensions: { code: 'FORBIDDEN' } });
      expect(r.data?.queues ?? r.data?.queue ?? r.data?.tenantTotals ?? null).toBeNull();
    }
    const { client, sub } = subscribeAs(app, e.token, 'subscription($t: ID) { queueUpdated(tenant: $t) { id } }', { t: b });
    await expect(sub.until(() => true, 3000)).rejects.toThrow(/not allowed to read tenant/);

    // Unscoped, it follows its own tenant only: another tenant's change never reaches it. The
    // admin's subscription to that tenant witnesses that the change was published before ours.
    const own = collect<{ queueUpdated: { tenant: string; id: string; waiting: number } }>(client, 'subscription { queueUpdated { tenant id waiting } }');
    await own.until((m) => m.queueUpdated.id === 'cards');
    const adminWs = wsClient(app.url, app.token);
    const witness = collect<{ queueUpdated: { waiting: number } }>(adminWs, 'subscription($t: ID) { queueUpdated(tenant: $t) { waiting } }', { t: b });
    await witness.until(() => true);
    await app.postEvents(lifecycle({ tenant: b, queue: 'vip', contact: 'w-2', queuedAt: Date.now() }));
    await witness.until((m) => m.queueUpdated.waiting === 2);
    await app.postEvents(lifecycle({ tenant: a, queue: 'loans', contact: 'w-3', queuedAt: Date.now() }));
    await own.until((m) => m.queueUpdated.id === 'loans' && m.queueUpdated.waiting === 1);
    expect(own.messages.filter((m) => m.queueUpdated.tenant !== a)).toEqual([]);
    await adminWs.dispose();
    await client.dispose();
  });

  it('is refused for ingest, imports and reports (403), for mutations and for reads beyond the embed', async () => {
    const e = await createEmbed(app, { tenant: a });
    const offered = async () => (await app.graphql(`{ queue(tenant: "${a}", id: "cards") { today { offered } } }`)).data.queue.today.offered as number;
    const before = await offered();
    const ingest = await app.postEvents(lifecycle({ tenant: a, queue: 'cards', contact: 'nope', queuedAt: Date.now() }), { token: e.token });
    expect(ingest.status).toBe(403);
    expect((await ingest.json()).error).toMatch(/embed token/);
    const auth = { authorization: `Bearer ${e.token}` };
    const imported = await fetch(`${app.url}/api/import/queue-log?tenant=${a}`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: '1700000000|c1|cards|NONE|ENTERQUEUE||1001|1\n' });
    expect(imported.status).toBe(403);
    const csv = await fetch(`${app.url}/api/reports/intervals.csv?tenant=${a}&queue=cards&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z&step=MIN15`, { headers: auth });
    expect(csv.status).toBe(403);
    // Nothing of the refused ingest was stored.
    await app.settled();
    expect(await offered()).toBe(before);

    const mutations = [
      `mutation { setTenantSettings(tenant: "${a}", input: { name: "pwned" }) { id } }`,
      `mutation { setQueueSettings(tenant: "${a}", queue: "cards", input: { thresholdSeconds: 1 }) { name } }`,
      `mutation { acknowledgeAlert(id: "${a}:default:sl:cards") { id } }`,
      `mutation { createEmbedToken(input: { tenant: "${a}" }) { token } }`,
      `mutation { revokeEmbedToken(token: "${e.token}") }`,
      `mutation { createApiToken(input: { name: "x", role: ADMIN, tenants: ["*"] }) { token } }`,
      // One allowed field beside a mutation does not make it a query.
      `mutation { revokeApiToken(id: "${e.id}") }`,
    ];
    for (const m of mutations) {
      const r = await app.graphql(m, {}, e.token);
      expect(code(r), m).toBe('FORBIDDEN');
    }
    for (const q of [
      `{ alerts(tenant: "${a}") { id } }`,
      `{ followUps(tenant: "${a}") { totalCount } }`,
      `{ embedTokens(tenant: "${a}") { id } }`,
      `{ queues(tenant: "${a}") { id } alertRules(tenant: "${a}") { id } }`,
      // Fragments do not smuggle a field past the allowlist.
      `query { ...F } fragment F on Query { webhooks(tenant: "${a}") { id } }`,
    ]) {
      const r = await app.graphql(q, {}, e.token);
      expect(r.errors?.[0], q).toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      expect(r.errors?.[0]?.message, q).toMatch(/embed token/);
    }
    const { client, sub } = subscribeAs(app, e.token, `subscription { alertChanged(tenant: "${a}") { id } }`);
    await expect(sub.until(() => true, 3000)).rejects.toThrow(/embed token/);
    await client.dispose();
    // The tenant's name is as it was.
    expect((await app.graphql(`{ tenants { id name } }`, {}, e.token)).data.tenants).toEqual([{ id: a, name: a }]);
  });

  it('narrowed to some queues, filters lists and refuses the other queues by name', async () => {
    const e = await createEmbed(app, { tenant: a, queues: ['cards'] });
    expect(e.queues).toEqual(['cards']);
    const list = await app.graphql(`{ queues(tenant: "${a}") { id } tenantTotals(tenant: "${a}") { waiting today { offered abandoned } } }`, {}, e.token);
    expect(list.errors).toBeUndefined();
    expect(list.data.queues).toEqual([{ id: 'cards' }]);
    // The totals are of its queues: loans' two abandons are not in them.
    expect(list.data.tenantTotals.today.abandoned).toBe(0);
    const admin = await app.graphql(`{ queue(tenant: "${a}", id: "cards") { waiting today { offered } } }`);
    expect(list.data.tenantTotals.today.offered).toBe(admin.data.queue.today.offered);
    expect(list.data.tenantTotals.waiting).toBe(admin.data.queue.waiting);

    const day = `from: "${new Date(Date.now() - 3_600_000).toISOString()}", to: "${new Date(Date.now() + 60_000).toISOString()}", step: HOUR1`;
    for (const q of [`{ queue(tenant: "${a}", id: "loans") { id } }`, `{ intervals(tenant: "${a}", queue: "loans", ${day}) { offered } }`]) {
      const r = await app.graphql(q, {}, e.token);
      expect(r.errors?.[0], q).toMatchObject({ message: `not allowed to read queue "loans" of tenant "${a}"`, extensions: { code: 'FORBIDDEN' } });
    }
    const wide = await app.graphql(`{ intervals(tenant: "${a}", ${day}) { offered } }`, {}, e.token);
    expect(wide.errors?.[0]?.message).toMatch(/sees only some queues/);
    const own = await app.graphql(`{ intervals(tenant: "${a}", queue: "cards", ${day}) { offered } }`, {}, e.token);
    expect(own.errors).toBeUndefined();

    const { client, sub } = subscribeAs(app, e.token, `subscription { queueUpdated(tenant: "${a}") { id waiting } }`);
    await sub.until((m) => m.queueUpdated.id === 'cards');
    // Both queues change in one batch, so both snapshots are published together: once cards'
    // new one is here, loans' would be too, were it let through.
    await app.postEvents([
      ...lifecycle({ tenant: a, queue: 'loans', contact: 'n-1', queuedAt: Date.now() }),
      ...lifecycle({ tenant: a, queue: 'cards', contact: 'n-2', queuedAt: Date.now() }),
    ]);
    const before = admin.data.queue.waiting;
    await sub.until((m) => m.queueUpdated.id === 'cards' && m.queueUpdated.waiting === before + 1);
    expect(sub.messages.map((m) => m.queueUpdated.id).filter((id: string) => id !== 'cards')).toEqual([]);
    const named = collect(client, `subscription { queueUpdated(tenant: "${a}", ids: ["loans"]) { id } }`);
    await expect(named.until(() => true, 3000)).rejects.toThrow(/not allowed to read queue \\"loans\\" of tenant/);
    await client.dispose();
  });

  it('is made and revoked by ADMIN or a SUPERVISOR of the tenant, listed without secrets, and validated', async () => {
    const supA = await apiToken(app, 'SUPERVISOR', [a]);
    const supB = await apiToken(app, 'SUPERVISOR', [b]);
    const viewerA = await apiToken(app, 'VIEWER', [a]);
    const plannerA = await apiToken(app, 'PLANNER', [a]);
    const e = await createEmbed(app, { tenant: a, name: 'lobby TV' }, supA);
    for (const who of [supB, viewerA, plannerA]) {
      const r = await app.graphql(CREATE, { i: { tenant: a } }, who);
      expect(r.errors?.[0]).toMatchObject({ message: `not allowed to manage the client embeds of tenant "${a}" (ADMIN, or SUPERVISOR of the tenant)`, extensions: { code: 'FORBIDDEN' } });
      expect(code(await app.graphql(`{ embedTokens(tenant: "${a}") { id } }`, {}, who))).toBe('FORBIDDEN');
      expect(code(await app.graphql(`mutation { revokeEmbedToken(token: "${e.id}") }`, {}, who))).toBe('FORBIDDEN');
    }
    const listed = await app.graphql(`{ embedTokens(tenant: "${a}") { id name tenant queues views expired createdBy expiresAt } }`, {}, supA);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.embedTokens.find((x: { id: string }) => x.id === e.id)).toMatchObject({ name: 'lobby TV', tenant: a, queues: null, views: ['QUEUES', 'TOTALS'], expired: false, createdBy: 'SUPERVISOR for embeds' });
    expect(JSON.stringify(listed.data)).not.toContain(e.token);
    expect((await app.graphql(`{ embedTokens(tenant: "${a}") { token } }`, {}, supA)).errors?.[0]?.message).toMatch(/Cannot query field "token"/);
    // Embed tokens are not API tokens: the admin's list of those does not show them.
    const apiList = await app.graphql('{ apiTokens { id } }');
    expect(apiList.data.apiTokens.map((x: { id: string }) => x.id)).not.toContain(e.id);
    // A supervisor's revocation through this mutation is for embed tokens only.
    expect((await app.graphql(`mutation { revokeEmbedToken(token: "${supB}") }`, {}, supA)).data.revokeEmbedToken).toBe(false);
    expect((await app.graphql('{ me { role } }', {}, supB)).data.me.role).toBe('SUPERVISOR');

    const bad: [Record<string, unknown>, string][] = [
      [{ tenant: a, theme: { primary: 'blue' } }, 'input.theme.primary: primary must be a hex colour such as #0a66c2'],
      [{ tenant: a, theme: { logoUrl: 'http://acme.example/logo.png' } }, 'input.theme.logoUrl: logoUrl must be an https:// URL'],
      [{ tenant: a, theme: { logoUrl: 'javascript:alert(1)' } }, 'input.theme.logoUrl: logoUrl must be an https:// URL'],
      [{ tenant: a, queues: ['cards', 'nope'] }, `input.queues: tenant "${a}" has no queue "nope" (its queues: cards, loans)`],
      [{ tenant: a, queues: [] }, 'input.queues: leave queues out to show every queue of the tenant, or name at least one'],
      [{ tenant: a, views: [] }, 'input.views: name at least one view'],
      [{ tenant: a, ttlSeconds: 0 }, 'input.ttlSeconds: ttlSeconds must be at least 1'],
      [{ tenant: a, ttlSeconds: 10 ** 9 }, 'input.ttlSeconds: ttlSeconds must be at most'],
      [{ tenant: uniqueTenant('ghost') }, 'input.tenant: no tenant'],
      [{ tenant: 'a b' }, 'input.tenant: must match'],
    ];
    for (const [input, message] of bad) {
      const r = await app.graphql(CREATE, { i: input });
      expect(r.errors?.[0]?.message, JSON.stringify(input)).toContain(message);
      expect(code(r)).toBe('BAD_USER_INPUT');
    }
    expect((await app.graphql(`mutation { revokeEmbedToken(token: "${e.id}") }`, {}, supA)).data.revokeEmbedToken).toBe(true);
    expect((await app.graphql(`mutation { revokeEmbedToken(token: "${e.id}") }`, {}, supA)).data.revokeEmbedToken).toBe(false);
  });

  it('expires: refused over HTTP afterwards, and its open socket is closed when it does', async () => {
    const e = await createEmbed(app, { tenant: a, ttlSeconds: 2 });
    const { sub, closed } = subscribeAs(app, e.token, `subscription { queueUpdated(tenant: "${a}") { id } }`);
    await sub.until(() => true);
    expect(await closed).toBe(4403);
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${e.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ queues { id } }' }),
    });
    expect(res.status).toBe(401);
    const listed = await app.graphql(`{ embedTokens(tenant: "${a}") { id expired } }`);
    expect(listed.data.embedTokens.find((x: { id: string }) => x.id === e.id)).toEqual({ id: e.id, expired: true });
  });

  it('revocation closes its open graphql-ws socket and SSE stream at once; later requests get 401', async () => {
    const e = await createEmbed(app, { tenant: a });
    const { sub, closed } = subscribeAs(app, e.token, `subscription { queueUpdated(tenant: "${a}") { id } }`);
    await sub.until(() => true);
    const sse = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${e.token}`, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: `subscription { queueUpdated(tenant: "${a}") { id } }` }),
    });
    const reader = sse.body!.getReader();
    let text = '';
    while (!text.includes('"cards"')) text += new TextDecoder().decode((await reader.read()).value);
    // Another (unrelated) token's socket stays open.
    const other = await createEmbed(app, { tenant: a });
    const bystander = subscribeAs(app, other.token, `subscription { queueUpdated(tenant: "${a}") { id } }`);
    await bystander.sub.until(() => true);

    const revoked = await app.graphql(`mutation($t: String!) { revokeEmbedToken(token: $t) }`, { t: e.token });
    expect(revoked.data.revokeEmbedToken).toBe(true);
    expect(await closed).toBe(4403);
    // The SSE stream ends, with the reason as its last event.
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += new TextDecoder().decode(r.value);
    expect(text).toContain('the token was revoked');

    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${e.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ queues { id } }' }),
    });
    expect(res.status).toBe(401);
    const again = subscribeAs(app, e.token, `subscription { queueUpdated(tenant: "${a}") { id } }`);
    expect(await again.closed).toBe(4403);

    await app.postEvents(lifecycle({ tenant: a, queue: 'cards', contact: 'bystander', queuedAt: Date.now() }));
    const n = bystander.sub.messages.length;
    await bystander.sub.until(() => bystander.sub.messages.length > n);
    await bystander.client.dispose();
  });

  it('a socket whose token vanished without a message (a lost pub/sub message) refuses its next operation and closes', async () => {
    const e = await createEmbed(app, { tenant: a });
    const { client, sub, closed } = subscribeAs(app, e.token, `subscription { queueUpdated(tenant: "${a}") { id } }`);
    await sub.until(() => true);
    // Straight from the store: no revocation is announced to anyone.
    expect(await app.server.store.deleteToken(e.id)).toBe(true);
    const next = collect(client, `subscription { queueUpdated(tenant: "${a}") { id } }`);
    await expect(next.until(() => true, 3000)).rejects.toThrow(/revoked or has expired/);
    expect(await closed).toBe(4403);
  });

  it('a quiet socket whose token vanished without a message is closed by the periodic re-check; valid tokens stay open', async () => {
    const gone = await createEmbed(app, { tenant: a });
    const kept = await createEmbed(app, { tenant: a });
    const q = `subscription { queueUpdated(tenant: "${a}") { id } }`;
    // Two sockets of the vanished token (one lookup serves both), one of a valid token.
    const [one, two, valid] = [subscribeAs(app, gone.token, q), subscribeAs(app, gone.token, q), subscribeAs(app, kept.token, q)];
    await Promise.all([one.sub.until(() => true), two.sub.until(() => true), valid.sub.until(() => true)]);
    expect(await app.server.store.deleteToken(gone.id)).toBe(true);
    // What the TOKEN_RECHECK_MS timer runs (every 30 s): no operation needed to find out.
    await app.server.ws.recheck();
    expect(await one.closed).toBe(4403);
    expect(await two.closed).toBe(4403);
    await app.postEvents(lifecycle({ tenant: a, queue: 'cards', contact: 'after-recheck', queuedAt: Date.now() }));
    const n = valid.sub.messages.length;
    await valid.sub.until(() => valid.sub.messages.length > n);
    await valid.client.dispose();
  });

  it("sends the tenant's embedOrigins as frame-ancestors on its embed page, and 'none' everywhere else", async () => {
    const set = await app.graphql(`mutation($t: ID!, $o: [String!]) { setTenantSettings(tenant: $t, input: { embedOrigins: $o }) { embedOrigins } }`, {
      t: a,
      o: ['https://Portal.Acme.example/', 'https://*.acme-group.example', 'https://portal.acme.example'],
    });
    expect(set.errors).toBeUndefined();
    expect(set.data.setTenantSettings.embedOrigins).toEqual(['https://portal.acme.example', 'https://*.acme-group.example']);

    const page = await fetch(`${app.url}/embed/${a}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe('frame-ancestors https://portal.acme.example https://*.acme-group.example');
    expect(page.headers.get('x-frame-options')).toBeNull();
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');

    for (const path of [`/embed/${b}`, `/embed/${uniqueTenant('nobody')}`, `/wall/${a}`, '/', `/queue/${a}/cards`, '/graphql', '/healthz', `/embed/${a}/extra`]) {
      const res = await fetch(`${app.url}${path}`, { headers: { accept: 'text/html' } });
      expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
    expect((await fetch(`${app.url}/wall/${a}`)).headers.get('x-frame-options')).toBe('DENY');

    for (const o of ['http://acme.example', 'https://acme.example/portal', "https://acme.example 'unsafe-inline'", 'https://acme.example;script-src *', '*']) {
      const r = await app.graphql(`mutation($t: ID!, $o: [String!]) { setTenantSettings(tenant: $t, input: { embedOrigins: $o }) { id } }`, { t: a, o: [o] });
      expect(code(r), o).toBe('BAD_USER_INPUT');
      expect(r.errors?.[0]?.message, o).toContain('is not an origin such as https://');
    }
    // Refused input left the origins as they were; [] clears them.
    expect((await fetch(`${app.url}/embed/${a}`)).headers.get('content-security-policy')).toContain('https://portal.acme.example');
    await app.graphql(`mutation($t: ID!) { setTenantSettings(tenant: $t, input: { embedOrigins: [] }) { id } }`, { t: a });
    expect((await fetch(`${app.url}/embed/${a}`)).headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
  });
});

describe.runIf(redisUrl)('client embeds across instances', () => {
  it('a revocation on one instance closes the sockets the token holds on another', async () => {
    const prefix = `embed-${uniqueTenant()}`;
    const one = await startApp({ store: 'redis', redisUrl: redisUrl!, config: { redisPrefix: prefix } });
    const two = await startApp({ store: 'redis', redisUrl: redisUrl!, config: { redisPrefix: prefix } });
    try {
      const t = uniqueTenant();
      await postAndSettle(one, lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() }));
      const e = await createEmbed(one, { tenant: t });
      const { sub, closed } = subscribeAs(two, e.token, `subscription { queueUpdated(tenant: "${t}") { id } }`);
      await sub.until(() => true);
      expect((await one.graphql(`mutation { revokeEmbedToken(token: "${e.id}") }`)).data.revokeEmbedToken).toBe(true);
      expect(await closed).toBe(4403);
      const res = await fetch(`${two.url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${e.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ queues { id } }' }),
      });
      expect(res.status).toBe(401);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
