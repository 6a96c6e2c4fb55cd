/** Wall layouts: saved per tenant and screen name, validated, role-checked, followed live by the TV. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlOk, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { agentState, lifecycle } from '../helpers/events.ts';
import { storeCases } from '../helpers/require.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';

const LAYOUT_FIELDS = 'tenant name timeZone rotateSeconds updatedAt updatedBy views { title panels { kind queues } }';
const SAVE = `mutation($t: ID!, $n: String!, $l: WallLayoutInput!) { saveWallLayout(tenant: $t, name: $n, layout: $l) { ${LAYOUT_FIELDS} } }`;
const LIST = `query($t: ID!) { wallLayouts(tenant: $t) { ${LAYOUT_FIELDS} } }`;
const ONE = `query($t: ID!, $n: String!) { wallLayout(tenant: $t, name: $n) { ${LAYOUT_FIELDS} } }`;
const DELETE = 'mutation($t: ID!, $n: String!) { deleteWallLayout(tenant: $t, name: $n) }';
const CHANGED = `subscription($t: ID!, $n: String!) { wallLayoutChanged(tenant: $t, name: $n) { tenant name layout { ${LAYOUT_FIELDS} } } }`;

async function tokenFor(app: TestApp, role: string, tenants: string[]): Promise<string> {
  const r = await graphqlOk<{ createApiToken: { token: string } }>(app, 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
    i: { name: `${role} of ${tenants.join(',')}`, role, tenants },
  });
  return r.createApiToken.token;
}

const lobby = {
  views: [
    { title: 'Voice', panels: [{ kind: 'QUEUES', queues: ['billing', 'sales'] }, { kind: 'TOTALS' }] },
    { title: null, panels: [{ kind: 'AGENTS', queues: null }, { kind: 'CHART', queues: ['billing'] }] },
  ],
  timeZone: 'VIEWER',
  rotateSeconds: 20,
};

describe.each(storeCases())('wall layouts (%s store)', (_store, opts) => {
  let app: TestApp;
  let tenant: string;
  let other: string;
  beforeAll(async () => {
    app = await startApp(opts);
    tenant = uniqueTenant('wl');
    other = uniqueTenant('wlx');
    const t0 = Date.now() - 60_000;
    await app.postEvents([
      agentState(tenant, 'a1', t0, 'available', { queues: ['billing', 'sales'] }),
      ...lifecycle({ tenant, queue: 'billing', contact: 'c1', queuedAt: t0 }),
      ...lifecycle({ tenant, queue: 'sales', contact: 'c2', queuedAt: t0 }),
      ...lifecycle({ tenant: other, queue: 'billing', contact: 'c3', queuedAt: t0 }),
    ]);
    await app.settled();
  });
  afterAll(() => app.close());

  it('saves a screen for a supervisor, lets a viewer of the tenant read it, and replaces it by name', async () => {
    const supervisor = await tokenFor(app, 'SUPERVISOR', [tenant]);
    const viewer = await tokenFor(app, 'VIEWER', [tenant]);
    const saved = await graphqlOk(app, SAVE, { t: tenant, n: 'lobby', l: lobby }, supervisor);
    expect(saved.saveWallLayout).toMatchObject({
      tenant,
      name: 'lobby',
      timeZone: 'VIEWER',
      rotateSeconds: 20,
      updatedBy: `SUPERVISOR of ${tenant}`,
      views: [
        { title: 'Voice', panels: [{ kind: 'QUEUES', queues: ['billing', 'sales'] }, { kind: 'TOTALS', queues: null }] },
        { title: null, panels: [{ kind: 'AGENTS', queues: null }, { kind: 'CHART', queues: ['billing'] }] },
      ],
    });
    await graphqlOk(app, SAVE, { t: tenant, n: 'agents-only', l: { views: [{ panels: [{ kind: 'AGENTS' }] }] } }, supervisor);

    const list = await graphqlOk(app, LIST, { t: tenant }, viewer);
    expect(list.wallLayouts.map((l: { name: string }) => l.name)).toEqual(['agents-only', 'lobby']);
    expect(list.wallLayouts[0]).toMatchObject({ timeZone: 'TENANT', rotateSeconds: null });

    // Saving under the same name replaces the screen.
    await graphqlOk(app, SAVE, { t: tenant, n: 'lobby', l: { views: [{ panels: [{ kind: 'QUEUES', queues: ['sales'] }] }] } }, supervisor);
    const one = await graphqlOk(app, ONE, { t: tenant, n: 'lobby' }, viewer);
    expect(one.wallLayout.views).toEqual([{ title: null, panels: [{ kind: 'QUEUES', queues: ['sales'] }] }]);
    expect((await graphqlOk(app, LIST, { t: tenant }, viewer)).wallLayouts).toHaveLength(2);
    expect((await graphqlOk(app, ONE, { t: tenant, n: 'nowhere' }, viewer)).wallLayout).toBeNull();
  });

  it('refuses viewers, other tenants and bad layouts with a code and the field at fault, saving nothing', async () => {
    const viewer = await tokenFor(app, 'VIEWER', [tenant]);
    const supervisor = await tokenFor(app, 'SUPERVISOR', [tenant]);
    const foreign = await tokenFor(app, 'SUPERVISOR', [other]);
    const before = (await graphqlOk(app, LIST, { t: tenant })).wallLayouts;

    const cases: [token: string, vars: Record<string, unknown>, code: string, message: RegExp][] = [
      [viewer, { t: tenant, n: 'x', l: lobby }, 'FORBIDDEN', /not allowed to save wall layouts/],
      [foreign, { t: tenant, n: 'x', l: lobby }, 'FORBIDDEN', new RegExp(tenant)],
      [supervisor, { t: tenant, n: 'bad name!', l: lobby }, 'BAD_USER_INPUT', /^name: a screen name is 1 to 64/],
      [supervisor, { t: tenant, n: 'x', l: { views: [] } }, 'BAD_USER_INPUT', /^layout\.views: a layout needs at least one view/],
      [supervisor, { t: tenant, n: 'x', l: { views: [{ panels: [] }] } }, 'BAD_USER_INPUT', /^layout\.views\.0\.panels: a view needs at least one panel/],
      [supervisor, { t: tenant, n: 'x', l: { views: [{ panels: [{ kind: 'QUEUES', queues: ['billing', 'nope'] }] }] } }, 'BAD_USER_INPUT', /^layout\.views\.0\.panels\.0\.queues: unknown queue "nope" \(this tenant has: billing, sales\)/],
      [supervisor, { t: tenant, n: 'x', l: { views: [{ panels: [{ kind: 'CHART', queues: ['billing', 'sales'] }] }] } }, 'BAD_USER_INPUT', /chart shows one queue/],
      [supervisor, { t: tenant, n: 'x', l: { views: [{ panels: [{ kind: 'TOTALS', queues: ['sales'] }] }] } }, 'BAD_USER_INPUT', /totals are of all queues/],
      [supervisor, { t: tenant, n: 'x', l: { views: [{ panels: [{ kind: 'AGENTS' }] }], rotateSeconds: 2 } }, 'BAD_USER_INPUT', /^layout\.rotateSeconds: rotateSeconds must be 5 to 3600/],
      [supervisor, { t: tenant, n: 'x', l: { views: [{ title: 'x'.repeat(81), panels: [{ kind: 'AGENTS' }] }] } }, 'BAD_USER_INPUT', /^layout\.views\.0\.title: title must be at most 80/],
    ];
    for (const [token, vars, code, message] of cases) {
      const r = await app.graphql(SAVE, vars, token);
      expect(r.errors?.[0]?.extensions?.code, JSON.stringify(vars)).toBe(code);
      expect(r.errors?.[0]?.message).toMatch(message);
    }
    // A viewer of another tenant may not even read the screens.
    const otherViewer = await tokenFor(app, 'VIEWER', [other]);
    expect((await app.graphql(LIST, { t: tenant }, otherViewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.graphql(DELETE, { t: tenant, n: 'lobby' }, viewer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await graphqlOk(app, LIST, { t: tenant })).wallLayouts).toEqual(before);
  });

  it('streams the screen to the TV: now, after a save and after a deletion', async () => {
    const supervisor = await tokenFor(app, 'SUPERVISOR', [tenant]);
    const viewer = await tokenFor(app, 'VIEWER', [tenant]);
    const client = wsClient(app.url, viewer);
    const sub = collect(client, CHANGED, { t: tenant, n: 'tv-1' });
    try {
      const first = await sub.until(() => true);
      expect(first.wallLayoutChanged).toEqual({ tenant, name: 'tv-1', layout: null });
      await graphqlOk(app, SAVE, { t: tenant, n: 'tv-1', l: { views: [{ panels: [{ kind: 'AGENTS' }] }] } }, supervisor);
      // Another screen's save is not this screen's business.
      await graphqlOk(app, SAVE, { t: tenant, n: 'tv-2', l: { views: [{ panels: [{ kind: 'QUEUES' }] }] } }, supervisor);
      const saved = await sub.until((m) => m.wallLayoutChanged.layout !== null);
      expect(saved.wallLayoutChanged.layout.views).toEqual([{ title: null, panels: [{ kind: 'AGENTS', queues: null }] }]);
      expect((await graphqlOk(app, DELETE, { t: tenant, n: 'tv-1' }, supervisor)).deleteWallLayout).toBe(true);
      expect((await graphqlOk(app, DELETE, { t: tenant, n: 'tv-1' }, supervisor)).deleteWallLayout).toBe(false);
      await sub.until((m) => sub.messages.indexOf(m) > 1 && m.wallLayoutChanged.layout === null);
      expect(sub.messages.every((m) => m.wallLayoutChanged.name === 'tv-1')).toBe(true);
    } finally {
      sub.stop();
      await client.dispose();
    }
  });
});
