/** History import: 15-minute intervals from another system, idempotent, refused whole when wrong. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { storeCases } from '../helpers/require.ts';

describe.each(storeCases())('POST /api/import/intervals (%s store)', (_name, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(opts);
  });
  afterAll(() => app.close());

  const post = (tenant: string, queue: string, body: string, token = app.token, type = 'text/csv') =>
    fetch(`${app.url}/api/import/intervals?tenant=${tenant}&queue=${queue}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });

  it('stores the intervals, readable as 15-minute history, and a re-import replaces them', async () => {
    const t = uniqueTenant();
    const csv = 'start,offered,answered,ahtSeconds\n2026-10-05T09:00:00Z,40,38,250\n2026-10-05T09:15:00Z,52,50,240.5\n2026-10-05T09:30:00Z,47\n';
    const res = await post(t, 'cards', csv);
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ imported: 3 });
    expect((await post(t, 'cards', csv)).status).toBe(202);
    const r = await app.graphql(`query($t: ID!) { intervals(tenant: $t, queue: "cards", from: "2026-10-05T09:00:00Z", to: "2026-10-05T10:00:00Z", step: MIN15) { start offered answered ahtSeconds } }`, { t });
    expect(r.data.intervals).toEqual([
      { start: '2026-10-05T09:00:00.000Z', offered: 40, answered: 38, ahtSeconds: 250 },
      { start: '2026-10-05T09:15:00.000Z', offered: 52, answered: 50, ahtSeconds: 240.5 },
      { start: '2026-10-05T09:30:00.000Z', offered: 47, answered: 0, ahtSeconds: null },
    ]);
    expect((await app.graphql(`query($t: ID) { queues(tenant: $t) { id } }`, { t })).data.queues).toEqual([{ id: 'cards' }]);
  });

  it('refuses the whole file with the line and problem of each bad row', async () => {
    const t = uniqueTenant();
    const res = await post(t, 'q', '2026-10-05T09:00:00Z,10,12\n2026-10-05T09:07:00Z,3\nyesterday,4\n2026-10-05T09:30:00Z,-1\n2026-10-05T09:45:00Z,5,4,250\n');
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      { line: 1, message: 'answered (12) exceeds offered (10)' },
      { line: 2, message: 'start 2026-10-05T09:07:00Z does not begin a 15-minute interval in UTC' },
      { line: 3, message: expect.stringContaining('is not ISO-8601') },
      { line: 4, message: expect.stringContaining('offered "-1"') },
    ]);
    const r = await app.graphql(`query($t: ID!) { intervals(tenant: $t, queue: "q", from: "2026-10-05T09:00:00Z", to: "2026-10-05T10:00:00Z", step: MIN15) { offered } }`, { t });
    expect(r.data.intervals).toEqual([]);
  });

  it('answers 400 without tenant or queue, 401, 403 for a viewer, 415 for JSON', async () => {
    const t = uniqueTenant();
    const row = '2026-10-05T09:00:00Z,1\n';
    expect((await fetch(`${app.url}/api/import/intervals?queue=q`, { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': 'text/csv' }, body: row })).status).toBe(400);
    expect((await post(t, '', row)).status).toBe(400);
    expect((await post(t, 'q', row, 'nope')).status).toBe(401);
    const viewer = (await app.graphql(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`, { i: { name: 'v', role: 'VIEWER', tenants: [t] } })).data.createApiToken.token;
    expect((await post(t, 'q', row, viewer)).status).toBe(403);
    expect((await post(t, 'q', row, app.token, 'application/json')).status).toBe(415);
  });
});
