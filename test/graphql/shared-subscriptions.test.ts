/**
 * Identical queueUpdated subscriptions share one execution (server/live/shared-subscriptions.ts):
 * every subscriber still gets exactly what its own subscription would have given it, under its
 * own subscription id; a late joiner starts with the current snapshot of every queue; callers,
 * queries or variables that differ never share; the shared source stops with its last member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { collect, wsClient, type Collected } from '../helpers/ws-client.ts';

const WALL = 'subscription($t: ID) { queueUpdated(tenant: $t) { tenant id name today { offered } } }';
type Update = { queueUpdated: { tenant: string; id: string; name: string; today: { offered: number } } };

async function tokenFor(app: TestApp, role: string, tenants: string[]): Promise<string> {
  const r = await app.graphql<{ createApiToken: { token: string } }>('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
    i: { name: `${role} shared test`, role, tenants },
  });
  return r.data!.createApiToken.token;
}

/** The newest offered count per queue a subscriber holds. */
const held = (c: Collected<Update>) => {
  const out = new Map<string, number>();
  for (const m of c.messages) out.set(m.queueUpdated.id, m.queueUpdated.today.offered);
  return out;
};

describe('shared queueUpdated subscriptions', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  const offered = async (t: string) =>
    new Map((await app.graphql<{ queues: { id: string; today: { offered: number } }[] }>('query($t: ID) { queues(tenant: $t) { id today { offered } } }', { t })).data!.queues.map((q) => [q.id, q.today.offered]));

  it('runs once for identical subscriptions, and each subscriber gets every snapshot', async () => {
    const t = uniqueTenant();
    await app.postEvents([...lifecycle({ tenant: t, queue: 'a', contact: 'c1', queuedAt: Date.now() }), ...lifecycle({ tenant: t, queue: 'b', contact: 'c2', queuedAt: Date.now() })]);
    await app.settled();
    const groupsBefore = app.server.ws.shared.stats().groups;

    // Three screens with the same token and query, on two sockets (one with two subscriptions).
    const one = wsClient(app.url, app.token);
    const two = wsClient(app.url, app.token);
    const subs = [collect<Update>(one, WALL, { t }), collect<Update>(one, WALL, { t }), collect<Update>(two, WALL, { t })];
    for (const s of subs) await eventually(async () => held(s).size === 2, 5000, 'the current snapshots');
    expect(app.server.ws.shared.stats().groups).toBe(groupsBefore + 1);

    await app.postEvents(lifecycle({ tenant: t, queue: 'a', contact: 'c3', queuedAt: Date.now() }));
    for (const s of subs) await s.until((m) => m.queueUpdated.id === 'a' && m.queueUpdated.today.offered === 2);
    // Each got it once, with the data its own execution would have given.
    for (const s of subs) {
      expect(s.errors).toEqual([]);
      expect(s.messages.filter((m) => m.queueUpdated.id === 'a' && m.queueUpdated.today.offered === 2)).toHaveLength(1);
      expect(s.messages.at(-1)).toEqual({ queueUpdated: { tenant: t, id: 'a', name: 'a', today: { offered: 2 } } });
    }

    // One leaves: the others go on.
    subs[0]!.stop();
    await app.postEvents(lifecycle({ tenant: t, queue: 'b', contact: 'c4', queuedAt: Date.now() }));
    for (const s of subs.slice(1)) await s.until((m) => m.queueUpdated.id === 'b' && m.queueUpdated.today.offered === 2);
    expect(subs[0]!.messages.some((m) => m.queueUpdated.id === 'b' && m.queueUpdated.today.offered === 2)).toBe(false);

    // The last one leaves: the shared source stops.
    subs[1]!.stop();
    subs[2]!.stop();
    await eventually(async () => app.server.ws.shared.stats().groups === groupsBefore, 5000, 'the group to close');
    await Promise.all([one.dispose(), two.dispose()]);
  });

  it('starts a late subscriber with the current snapshot of every queue', async () => {
    const t = uniqueTenant();
    await app.postEvents(lifecycle({ tenant: t, queue: 'a', contact: 'c1', queuedAt: Date.now() }));
    await app.settled();
    const early = wsClient(app.url, app.token);
    const first = collect<Update>(early, WALL, { t });
    await first.until((m) => m.queueUpdated.id === 'a');

    // Queues change, one appears, while the group runs.
    await app.postEvents([...lifecycle({ tenant: t, queue: 'a', contact: 'c2', queuedAt: Date.now() }), ...lifecycle({ tenant: t, queue: 'new', contact: 'c3', queuedAt: Date.now() })]);
    await first.until((m) => m.queueUpdated.id === 'new');
    await eventually(async () => held(first).get('a') === 2, 5000, 'the update of a');

    const late = wsClient(app.url, app.token);
    const second = collect<Update>(late, WALL, { t });
    await eventually(async () => held(second).size === 2, 5000, 'the late subscriber to hold every queue');
    expect(held(second)).toEqual(await offered(t));
    expect(held(second)).toEqual(held(first));
    first.stop();
    second.stop();
    await Promise.all([early.dispose(), late.dispose()]);
  });

  it('never shares between callers, queries or variables that differ', async () => {
    const mine = uniqueTenant('mine');
    const other = uniqueTenant('other');
    await app.postEvents([...lifecycle({ tenant: mine, queue: 'm', contact: 'c1', queuedAt: Date.now() }), ...lifecycle({ tenant: other, queue: 'o', contact: 'c2', queuedAt: Date.now() })]);
    await app.settled();
    const viewerMine = await tokenFor(app, 'VIEWER', [mine]);
    const viewerOther = await tokenFor(app, 'VIEWER', [other]);
    const groupsBefore = app.server.ws.shared.stats().groups;

    const a = wsClient(app.url, viewerMine);
    const b = wsClient(app.url, viewerOther);
    const c = wsClient(app.url, app.token);
    // The same query without a tenant: each caller's own tenants.
    const subA = collect<Update>(a, WALL);
    const subB = collect<Update>(b, WALL);
    // Another variable, another selection: groups of their own.
    const subC = collect<Update>(c, WALL, { t: mine });
    const subD = collect<Update>(c, 'subscription($t: ID) { queueUpdated(tenant: $t) { tenant id today { offered answered } } }', { t: mine });
    await subA.until((m) => m.queueUpdated.tenant === mine);
    await subB.until((m) => m.queueUpdated.tenant === other);
    await subC.until((m) => m.queueUpdated.tenant === mine);
    await subD.until((m) => m.queueUpdated.tenant === mine);
    expect(app.server.ws.shared.stats().groups).toBe(groupsBefore + 4);

    await app.postEvents([...lifecycle({ tenant: mine, queue: 'm', contact: 'c3', queuedAt: Date.now() }), ...lifecycle({ tenant: other, queue: 'o', contact: 'c4', queuedAt: Date.now() })]);
    await subA.until((m) => m.queueUpdated.today.offered === 2);
    await subB.until((m) => m.queueUpdated.today.offered === 2);
    expect(subA.messages.every((m) => m.queueUpdated.tenant === mine)).toBe(true);
    expect(subB.messages.every((m) => m.queueUpdated.tenant === other)).toBe(true);
    for (const s of [subA, subB, subC, subD]) s.stop();
    await Promise.all([a.dispose(), b.dispose(), c.dispose()]);
  });

  it('leaves subscriptions it cannot key by queue to graphql-ws, and refuses what the caller may not read', async () => {
    const t = uniqueTenant();
    await app.postEvents(lifecycle({ tenant: t, queue: 'a', contact: 'c1', queuedAt: Date.now() }));
    await app.settled();
    const groupsBefore = app.server.ws.shared.stats().groups;
    const client = wsClient(app.url, app.token);
    // No tenant and id selected: not shared, served as before.
    const plain = collect<{ queueUpdated: { name: string; today: { offered: number } } }>(client, 'subscription($t: ID) { queueUpdated(tenant: $t) { name today { offered } } }', { t });
    await plain.until((m) => m.queueUpdated.name === 'a');
    expect(app.server.ws.shared.stats().groups).toBe(groupsBefore);
    await app.postEvents(lifecycle({ tenant: t, queue: 'a', contact: 'c2', queuedAt: Date.now() }));
    await plain.until((m) => m.queueUpdated.today.offered === 2);
    plain.stop();

    // A shareable query the caller may not run fails as before, for each subscriber.
    const viewer = await tokenFor(app, 'VIEWER', [uniqueTenant()]);
    const denied = wsClient(app.url, viewer);
    const d1 = collect(denied, WALL, { t });
    const d2 = collect(denied, WALL, { t });
    await expect(d1.until(() => true, 3000)).rejects.toThrow(/not allowed to read tenant/);
    await expect(d2.until(() => true, 3000)).rejects.toThrow(/not allowed to read tenant/);
    await eventually(async () => app.server.ws.shared.stats().groups === groupsBefore, 5000, 'no group left behind');
    await Promise.all([client.dispose(), denied.dispose()]);
  });
});
