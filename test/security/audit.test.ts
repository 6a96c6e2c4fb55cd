/**
 * The audit log of administrative acts: each act writes one entry (who, which tenant, what,
 * on which thing, what changed), in the code path of the act, so a refused or failed act
 * writes none; summaries never hold a secret; ADMIN reads everything, a SUPERVISOR its own
 * tenants' logs only. On both stores.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_LOG_CAP, type AuditEntry } from '../../server/audit/entry.ts';
import { eventually, graphqlOk, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { storeCases } from '../helpers/require.ts';

const ENTRY = 'id at tenant action target summary actor { id name role }';
type Row = { id: string; at: string; tenant: string | null; action: string; target: string; summary: string; actor: { id: string; name: string; role: string } };

describe.each(storeCases())('audit log (%s store)', (_name, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ ...opts, config: { alertTickMs: 100 } });
  });
  afterAll(() => app.close());

  const token = async (name: string, role: string, tenants: string[]) =>
    (await graphqlOk(app, 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id } } }', { i: { name, role, tenants } })).createApiToken as {
      token: string;
      apiToken: { id: string };
    };
  const log = async (tenant: string | null, tok = app.token, extra: Record<string, unknown> = {}) =>
    (await graphqlOk<{ auditLog: Row[] }>(app, `query($t: ID, $l: Int, $b: DateTime) { auditLog(tenant: $t, limit: $l, before: $b) { ${ENTRY} } }`, { t: tenant, ...extra }, tok)).auditLog;

  it('records each administrative act once, with actor, tenant, target and what changed', async () => {
    const t = uniqueTenant();
    const sup = await token('floor lead', 'SUPERVISOR', [t]);
    const as = (q: string, v: Record<string, unknown>) => graphqlOk(app, q, v, sup.token);

    await as('mutation($t: ID!) { setTenantSettings(tenant: $t, input: { timeZone: "Europe/Madrid" }) { id } }', { t });
    await as('mutation($t: ID!) { setQueueSettings(tenant: $t, queue: "sales", input: { thresholdSeconds: 30, name: "Sales" }) { thresholdSeconds } }', { t });
    const rule = (await as('mutation($t: ID!) { upsertAlertRule(input: { tenant: $t, queue: "sales", metric: WAITING, comparator: ABOVE, threshold: 0, forSeconds: 0 }) { id } }', { t })).upsertAlertRule.id;
    await as('mutation($t: ID!, $id: ID!) { upsertAlertRule(input: { id: $id, tenant: $t, queue: "sales", metric: WAITING, comparator: ABOVE, threshold: 0.5, forSeconds: 0 }) { id } }', { t, id: rule });
    const hook = await as('mutation($t: ID!) { upsertWebhook(input: { tenant: $t, url: "https://example.com/hook" }) { secret webhook { id } } }', { t });
    const hookSecret: string = hook.upsertWebhook.secret;
    const hookId: string = hook.upsertWebhook.webhook.id;
    await as('mutation($t: ID!, $id: ID) { upsertWebhook(input: { id: $id, tenant: $t, url: "https://example.com/other", secret: "a-new-secret-of-32-characters!!" }) { webhook { id } } }', { t, id: hookId });
    await as('mutation($t: ID!, $id: ID!) { deleteWebhook(tenant: $t, id: $id) }', { t, id: hookId });
    await as('mutation($t: ID!) { setFollowUpPolicy(tenant: $t, input: { kind: CALLBACK, dueMinutes: 60, businessHours: false }) { kind } }', { t });
    await as('mutation($t: ID!) { setBusinessHours(tenant: $t, input: { timeZone: "Europe/Madrid", weekly: [{ day: MON, open: "09:00", close: "17:00" }] }) { timeZone } }', { t });
    const fu = (await as('mutation($t: ID!) { createFollowUp(input: { tenant: $t, kind: CALLBACK, queue: "sales" }) { id } }', { t })).createFollowUp.id;
    await as('mutation($t: ID!, $id: ID!) { updateFollowUp(tenant: $t, id: $id, input: { owner: "ana" }) { id } }', { t, id: fu });
    await as('mutation($t: ID!, $id: ID!) { updateFollowUp(tenant: $t, id: $id, input: { status: DONE }) { id } }', { t, id: fu });

    // An alert fires (someone waits), and the supervisor acknowledges it.
    await app.postEvents(lifecycle({ tenant: t, queue: 'sales', contact: 'c1', queuedAt: Date.now() - 5000 }));
    const alertId = await eventually(async () => (await graphqlOk(app, 'query($t: ID) { alerts(tenant: $t, states: [FIRING]) { id } }', { t })).alerts[0]?.id as string | undefined, 8000, 'the alert to fire');
    await as('mutation($id: ID!) { acknowledgeAlert(id: $id, note: "on it") { state } }', { id: alertId });
    await as('mutation($t: ID!, $id: ID!) { deleteAlertRule(tenant: $t, id: $id) }', { t, id: rule });

    const entries = await log(t);
    expect(entries.map((e) => e.action)).toEqual([
      'ALERT_RULE_DELETED',
      'ALERT_ACKNOWLEDGED',
      'FOLLOWUP_COMPLETED',
      'FOLLOWUP_ASSIGNED',
      'BUSINESS_HOURS_CHANGED',
      'FOLLOWUP_POLICY_CHANGED',
      'WEBHOOK_DELETED',
      'WEBHOOK_UPDATED',
      'WEBHOOK_CREATED',
      'ALERT_RULE_UPDATED',
      'ALERT_RULE_CREATED',
      'QUEUE_SETTINGS_CHANGED',
      'TENANT_SETTINGS_CHANGED',
    ]);
    for (const e of entries) {
      expect(e.actor).toEqual({ id: sup.apiToken.id, name: 'floor lead', role: 'SUPERVISOR' });
      expect(e.tenant).toBe(t);
    }
    const by = (action: string) => {
      const e = entries.find((x) => x.action === action)!;
      return { target: e.target, summary: JSON.parse(e.summary) };
    };
    expect(by('TENANT_SETTINGS_CHANGED')).toEqual({ target: t, summary: { timeZone: { from: 'UTC', to: 'Europe/Madrid' } } });
    expect(by('QUEUE_SETTINGS_CHANGED')).toMatchObject({ target: 'sales', summary: { thresholdSeconds: { from: null, to: 30 }, name: { to: 'Sales' } } });
    expect(by('ALERT_RULE_CREATED')).toMatchObject({ target: rule, summary: { queue: 'sales', metric: 'WAITING', comparator: 'ABOVE', threshold: 0 } });
    expect(by('ALERT_RULE_UPDATED')).toEqual({ target: rule, summary: { threshold: { from: 0, to: 0.5 } } });
    expect(by('ALERT_RULE_DELETED')).toEqual({ target: rule, summary: { queue: 'sales', metric: 'WAITING', comparator: 'ABOVE', threshold: 0.5 } });
    expect(by('ALERT_ACKNOWLEDGED')).toMatchObject({ target: alertId, summary: { rule, queue: 'sales', note: 'on it', until: null } });
    expect(by('WEBHOOK_CREATED')).toEqual({ target: hookId, summary: { url: 'https://example.com/hook', enabled: true, secretChanged: true } });
    expect(by('WEBHOOK_UPDATED')).toEqual({ target: hookId, summary: { url: { from: 'https://example.com/hook', to: 'https://example.com/other' }, secretChanged: true } });
    expect(by('WEBHOOK_DELETED')).toEqual({ target: hookId, summary: { url: 'https://example.com/other' } });
    expect(by('FOLLOWUP_POLICY_CHANGED').summary).toMatchObject({ kind: 'callback', dueMinutes: 60, businessHours: false, was: null });
    expect(by('BUSINESS_HOURS_CHANGED').summary.timeZone).toEqual({ from: null, to: 'Europe/Madrid' });
    expect(by('FOLLOWUP_ASSIGNED')).toEqual({ target: fu, summary: { owner: 'ana' } });
    expect(by('FOLLOWUP_COMPLETED').target).toBe(fu);

    // No secret anywhere in the log: neither the generated signing secret nor the one given.
    const all = JSON.stringify(await log(null));
    expect(all).not.toContain(hookSecret);
    expect(all).not.toContain('a-new-secret-of-32-characters');
    expect(all).not.toContain(sup.token);
  });

  it('records token creation and revocation in the global log, without the secret', async () => {
    const t = uniqueTenant();
    const created = await token('wall tv', 'VIEWER', [t]);
    expect(await graphqlOk(app, 'mutation($id: ID!) { revokeApiToken(id: $id) }', { id: created.apiToken.id })).toEqual({ revokeApiToken: true });
    // Revoking it again changes nothing, and records nothing.
    expect(await graphqlOk(app, 'mutation($id: ID!) { revokeApiToken(id: $id) }', { id: created.apiToken.id })).toEqual({ revokeApiToken: false });
    const mine = (await log(null)).filter((e) => e.target === created.apiToken.id);
    expect(mine.map((e) => [e.action, e.tenant, e.actor.id, JSON.parse(e.summary)])).toEqual([
      ['TOKEN_REVOKED', null, 'admin', { name: 'wall tv', role: 'VIEWER', tenants: [t] }],
      ['TOKEN_CREATED', null, 'admin', { name: 'wall tv', role: 'VIEWER', tenants: [t] }],
    ]);
    expect(JSON.stringify(mine)).not.toContain(created.token);
  });

  it('writes no entry for an act that was refused or failed', async () => {
    const t = uniqueTenant();
    const viewer = await token('v', 'VIEWER', [t]);
    const other = await token('other sup', 'SUPERVISOR', [uniqueTenant()]);
    const attempts: [string, Record<string, unknown>, string][] = [
      ['mutation($t: ID!) { setTenantSettings(tenant: $t, input: { timeZone: "Mars/Olympus" }) { id } }', { t }, app.token],
      ['mutation($t: ID!) { setQueueSettings(tenant: $t, queue: "q", input: { targetServiceLevel: 7 }) { name } }', { t }, app.token],
      ['mutation($t: ID!) { upsertAlertRule(input: { tenant: $t, metric: WAITING, comparator: ABOVE, threshold: -1, windowMinutes: -5 }) { id } }', { t }, app.token],
      ['mutation($t: ID!) { upsertWebhook(input: { tenant: $t, url: "ftp://x" }) { secret } }', { t }, app.token],
      ['mutation { acknowledgeAlert(id: "nope") { id } }', {}, app.token],
      ['mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "x" }) { id } }', { t }, viewer.token],
      ['mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "x" }) { id } }', { t }, other.token],
      ['mutation($t: ID!) { upsertWebhook(input: { tenant: $t, url: "https://example.com" }) { secret } }', { t }, viewer.token],
      ['mutation { createApiToken(input: { name: "x", role: ADMIN, tenants: ["*"] }) { token } }', {}, other.token],
      ['mutation($t: ID!) { updateFollowUp(tenant: $t, id: "nope", input: { owner: "x" }) { id } }', { t }, app.token],
    ];
    const before = (await log(null, app.token, { l: 1000 })).length;
    for (const [q, v, tok] of attempts) {
      const r = await app.graphql(q, v, tok);
      expect(r.errors, q).toBeDefined();
    }
    // Acts that changed nothing (deleting what is not there) answer false and record nothing.
    const noops: [string, Record<string, unknown>][] = [
      ['mutation($t: ID!) { deleteWebhook(tenant: $t, id: "nope") }', { t }],
      ['mutation($t: ID!) { deleteAlertRule(tenant: $t, id: "nope") }', { t }],
      ['mutation { revokeApiToken(id: "nope") }', {}],
    ];
    for (const [q, v] of noops) expect(Object.values(await graphqlOk(app, q, v))).toEqual([false]);
    // The store fails in the middle of an act: the act errs, and leaves no entry.
    const store = app.server.store;
    const put = store.putAlertRule;
    store.putAlertRule = async () => {
      throw new Error('store down');
    };
    try {
      const r = await app.graphql('mutation($t: ID!) { upsertAlertRule(input: { tenant: $t, metric: WAITING, comparator: ABOVE, threshold: 3 }) { id } }', { t });
      expect(r.errors).toBeDefined();
    } finally {
      store.putAlertRule = put;
    }
    expect(await log(t)).toEqual([]);
    expect((await log(null, app.token, { l: 1000 })).length).toBe(before);
  });

  it('is for ADMIN, and for a SUPERVISOR its own tenants only', async () => {
    const t = uniqueTenant();
    const u = uniqueTenant();
    await graphqlOk(app, 'mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "T" }) { id } }', { t });
    await graphqlOk(app, 'mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "U" }) { id } }', { t: u });
    const sup = await token('s', 'SUPERVISOR', [t]);
    expect((await log(t, sup.token)).map((e) => e.action)).toEqual(['TENANT_SETTINGS_CHANGED']);
    // With no tenant: its own tenants' acts, not the global log (tokens) nor other tenants.
    const merged = await log(null, sup.token);
    expect(merged.length).toBeGreaterThan(0);
    expect(merged.every((e) => e.tenant === t)).toBe(true);
    const refused = [
      [u, sup.token],
      ...(await Promise.all(['VIEWER', 'PLANNER', 'INGEST'].map(async (role) => [t, (await token(role, role, [t])).token]))),
      [null, (await token('p', 'PLANNER', [t])).token],
    ] as [string | null, string][];
    for (const [tenant, tok] of refused) {
      const r = await app.graphql('query($t: ID) { auditLog(tenant: $t) { id } }', { t: tenant }, tok);
      expect(r.errors?.[0]?.extensions?.code, `${tenant}`).toBe('FORBIDDEN');
      expect(r.data).toBeNull();
    }
  });

  it('pages newest first with limit and before, and keeps the last entries of each log', async () => {
    const t = uniqueTenant();
    const store = app.server.store;
    const base = Date.now() - 1_000_000;
    const entry = (i: number): AuditEntry => ({
      id: `e${i}`,
      at: base + i,
      actor: { id: 'admin', name: 'admin', role: 'ADMIN' },
      tenant: t,
      action: 'QUEUE_SETTINGS_CHANGED',
      target: `q${i}`,
      summary: { i },
    });
    const n = AUDIT_LOG_CAP + 5;
    for (let i = 0; i < n; i += 500) await Promise.all(Array.from({ length: Math.min(500, n - i) }, (_, k) => i + k).map((k) => store.appendAudit(entry(k))));
    const newest = await log(t, app.token, { l: 3 });
    expect(newest.map((e) => e.target)).toEqual([`q${n - 1}`, `q${n - 2}`, `q${n - 3}`]);
    const next = await log(t, app.token, { l: 2, b: newest[2]!.at });
    expect(next.map((e) => e.target)).toEqual([`q${n - 4}`, `q${n - 5}`]);
    // The oldest five fell off the capped log.
    const tail = await store.auditLog(t, { limit: 10, before: base + 10 });
    expect(tail.map((e) => e.target)).toEqual(['q9', 'q8', 'q7', 'q6', 'q5']);
    const r = await app.graphql('query { auditLog(limit: 5000) { id } }');
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
