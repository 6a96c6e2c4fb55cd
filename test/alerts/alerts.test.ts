/** SLA alerts end to end: rules over GraphQL, evaluation on events and on time, graphql-ws changes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { agentState, lifecycle } from '../helpers/events.ts';
import { storeCases } from '../helpers/require.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';

const ALERT = 'id state value queue firedAt acknowledgedBy acknowledgementNote acknowledgedUntil severity rule { id metric isDefault }';

describe.each(storeCases())('alerts (%s store)', (_name, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ ...opts, config: { alertTickMs: 100 } });
  });
  afterAll(() => app.close());

  const upsert = (input: Record<string, unknown>, token?: string) =>
    app.graphql(`mutation($i: AlertRuleInput!) { upsertAlertRule(input: $i) { id metric threshold clearThreshold isDefault } }`, { i: input }, token);

  it('gives every queue a default service-level rule from its target', async () => {
    const t = uniqueTenant();
    await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() }));
    await app.settled();
    const r = await app.graphql(`query($t: ID!) { alertRules(tenant: $t) { id metric comparator threshold clearThreshold windowMinutes forSeconds isDefault } }`, { t });
    expect(r.data.alertRules).toEqual([
      { id: 'default:sl:q', metric: 'SERVICE_LEVEL', comparator: 'BELOW', threshold: 0.8, clearThreshold: 0.82, windowMinutes: 30, forSeconds: 60, isDefault: true },
    ]);
  });

  it('fires when events break the service level, seen FIRING over graphql-ws within seconds', async () => {
    const t = uniqueTenant();
    await upsert({ tenant: t, queue: 'sales', metric: 'SERVICE_LEVEL', comparator: 'BELOW', threshold: 0.8, clearThreshold: 0.85, windowMinutes: 15, forSeconds: 0, severity: 'CRITICAL' });
    const client = wsClient(app.url, app.token);
    const sub = collect<{ alertChanged: { state: string; value: number; severity: string; rule: { metric: string } } }>(client, `subscription($t: ID) { alertChanged(tenant: $t) { ${ALERT} } }`, { t });
    await new Promise((r) => setTimeout(r, 100));
    const now = Date.now();
    // 3 of 4 answered after 60 s: 25 % within 20 s.
    await app.postEvents([
      ...lifecycle({ tenant: t, queue: 'sales', contact: 'a', queuedAt: now - 120_000, outcome: { kind: 'answered', after: 5, agent: 'x' } }),
      ...['b', 'c', 'd'].flatMap((c) => lifecycle({ tenant: t, queue: 'sales', contact: c, queuedAt: now - 110_000, outcome: { kind: 'answered', after: 60, agent: 'y' } })),
    ]);
    const fired = await sub.until((m) => m.alertChanged.state === 'FIRING', 5000);
    expect(fired.alertChanged).toMatchObject({ value: 0.25, severity: 'CRITICAL', rule: { metric: 'SERVICE_LEVEL' } });

    const firing = await app.graphql(`query($t: ID) { alerts(tenant: $t, states: [FIRING]) { ${ALERT} } }`, { t });
    const id = firing.data.alerts[0].id;
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const ack = await app.graphql(`mutation($id: ID!, $u: DateTime) { acknowledgeAlert(id: $id, note: "calling in backup", until: $u) { state acknowledgedBy acknowledgementNote acknowledgedUntil } }`, { id, u: until });
    expect(ack.data.acknowledgeAlert).toEqual({ state: 'ACKNOWLEDGED', acknowledgedBy: 'admin', acknowledgementNote: 'calling in backup', acknowledgedUntil: until });
    await sub.until((m) => m.alertChanged.state === 'ACKNOWLEDGED');

    // Ten quick answers lift the window to 11/14 = 78.6 %: not yet past the clear threshold of 85 %.
    await app.postEvents(Array.from({ length: 10 }, (_, i) => lifecycle({ tenant: t, queue: 'sales', contact: `f${i}`, queuedAt: Date.now() - 30_000, outcome: { kind: 'answered', after: 2, agent: 'x' } })).flat());
    await app.settled();
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.messages.some((m) => m.alertChanged.state === 'RESOLVED')).toBe(false);
    // Ten more: 21/24 = 87.5 %: resolved.
    await app.postEvents(Array.from({ length: 10 }, (_, i) => lifecycle({ tenant: t, queue: 'sales', contact: `g${i}`, queuedAt: Date.now() - 30_000, outcome: { kind: 'answered', after: 2, agent: 'x' } })).flat());
    await sub.until((m) => m.alertChanged.state === 'RESOLVED', 5000);
    const resolved = await app.graphql(`query($t: ID) { alerts(tenant: $t, states: [RESOLVED]) { id state acknowledgedBy } }`, { t });
    expect(resolved.data.alerts).toEqual([{ id, state: 'RESOLVED', acknowledgedBy: 'admin' }]);
    sub.stop();
    await client.dispose();
  });

  it('fires a longest-wait rule on time alone, with no event after the contact queued', async () => {
    const t = uniqueTenant();
    await upsert({ tenant: t, queue: 'q', metric: 'LONGEST_WAIT', comparator: 'ABOVE', threshold: 2, forSeconds: 0 });
    await app.postEvents([agentState(t, 'a', Date.now() - 60_000, 'away', { queues: ['q'], reason: 'lunch' }), ...lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() })]);
    await app.settled();
    const early = await app.graphql(`query($t: ID) { alerts(tenant: $t) { state } }`, { t });
    expect(early.data.alerts).toEqual([]);
    const deadline = Date.now() + 6000;
    let states: string[] = [];
    while (Date.now() < deadline && !states.includes('FIRING')) {
      await new Promise((r) => setTimeout(r, 200));
      states = (await app.graphql(`query($t: ID) { alerts(tenant: $t) { state } }`, { t })).data.alerts.map((a: { state: string }) => a.state);
    }
    expect(states).toEqual(['FIRING']);
  });

  it('sends the alerts in force to a new subscriber, and resolves the alert of a deleted rule', async () => {
    const t = uniqueTenant();
    const rule = (await upsert({ tenant: t, queue: 'q', metric: 'WAITING', comparator: 'ABOVE', threshold: 0, forSeconds: 0 })).data.upsertAlertRule;
    await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() }));
    for (let i = 0; i < 50; i++) {
      if ((await app.graphql(`query($t: ID) { alerts(tenant: $t, states: [FIRING]) { id } }`, { t })).data.alerts.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const client = wsClient(app.url, app.token);
    const sub = collect<{ alertChanged: { state: string; rule: { id: string } | null } }>(client, `subscription($t: ID) { alertChanged(tenant: $t) { state rule { id } } }`, { t });
    const first = await sub.until(() => true);
    expect(first.alertChanged).toEqual({ state: 'FIRING', rule: { id: rule.id } });
    await app.graphql(`mutation($t: ID!, $id: ID!) { deleteAlertRule(tenant: $t, id: $id) }`, { t, id: rule.id });
    const gone = await sub.until((m) => m.alertChanged.state === 'RESOLVED');
    expect(gone.alertChanged.rule).toBeNull();
    sub.stop();
    await client.dispose();
  });

  it('tells the caller who it is', async () => {
    const t = uniqueTenant();
    const viewer = (await app.graphql(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`, { i: { name: 'tv', role: 'VIEWER', tenants: [t] } })).data.createApiToken.token;
    expect((await app.graphql('{ me { name role tenants } }', {}, viewer)).data.me).toEqual({ name: 'tv', role: 'VIEWER', tenants: [t] });
    expect((await app.graphql('{ me { role tenants } }')).data.me).toEqual({ role: 'ADMIN', tenants: ['*'] });
  });

  it('validates rules, naming the field', async () => {
    const t = uniqueTenant();
    expect((await upsert({ tenant: t, metric: 'SERVICE_LEVEL', comparator: 'BELOW', threshold: 80 })).errors?.[0]?.message).toContain('input.threshold');
    expect((await upsert({ tenant: t, metric: 'WAITING', comparator: 'ABOVE', threshold: 5, windowMinutes: 15 })).errors?.[0]?.message).toContain('input.windowMinutes');
    expect((await upsert({ tenant: t, metric: 'WAITING', comparator: 'ABOVE', threshold: 5, clearThreshold: 9 })).errors?.[0]?.message).toContain('input.clearThreshold');
    const ok = await upsert({ tenant: t, metric: 'WAITING', comparator: 'ABOVE', threshold: 5, clearThreshold: 2 });
    expect(ok.data.upsertAlertRule).toMatchObject({ metric: 'WAITING', threshold: 5, clearThreshold: 2, isDefault: false });
    const del = await app.graphql(`mutation($t: ID!, $id: ID!) { deleteAlertRule(tenant: $t, id: $id) }`, { t, id: ok.data.upsertAlertRule.id });
    expect(del.data.deleteAlertRule).toBe(true);
  });

  it('lets only supervisors of the tenant change rules and acknowledge', async () => {
    const t = uniqueTenant();
    const other = uniqueTenant();
    const mk = async (role: string, tenants: string[]) =>
      (await app.graphql(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`, { i: { name: role, role, tenants } })).data.createApiToken.token as string;
    const viewer = await mk('VIEWER', [t]);
    const supervisor = await mk('SUPERVISOR', [t]);
    expect((await upsert({ tenant: t, metric: 'WAITING', comparator: 'ABOVE', threshold: 5 }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await upsert({ tenant: other, metric: 'WAITING', comparator: 'ABOVE', threshold: 5 }, supervisor)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await upsert({ tenant: t, metric: 'WAITING', comparator: 'ABOVE', threshold: 0, forSeconds: 0 }, supervisor)).errors).toBeUndefined();
    await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() }));
    let id: string | undefined;
    for (let i = 0; i < 50 && !id; i++) {
      await new Promise((r) => setTimeout(r, 100));
      id = (await app.graphql(`query($t: ID) { alerts(tenant: $t, states: [FIRING]) { id } }`, { t })).data.alerts[0]?.id;
    }
    expect(id).toBeDefined();
    const byViewer = await app.graphql(`mutation($id: ID!) { acknowledgeAlert(id: $id) { state } }`, { id }, viewer);
    expect(byViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bySupervisor = await app.graphql(`mutation($id: ID!) { acknowledgeAlert(id: $id) { state acknowledgedBy } }`, { id }, supervisor);
    expect(bySupervisor.data.acknowledgeAlert).toEqual({ state: 'ACKNOWLEDGED', acknowledgedBy: 'SUPERVISOR' });
    // A viewer of another tenant sees none of it.
    const stranger = await mk('VIEWER', [other]);
    expect((await app.graphql(`{ alerts { id } }`, {}, stranger)).data.alerts).toEqual([]);
  });
});
