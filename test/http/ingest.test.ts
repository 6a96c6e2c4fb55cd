/** POST /api/events over real HTTP, exactly as events.md says, on both stores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeCases } from '../helpers/require.ts';
import { lifecycle } from '../helpers/events.ts';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';

const stores = storeCases();

describe.each(stores)('POST /api/events (%s store)', (store, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ ...opts, config: { maxBatchEvents: 50, maxBodyBytes: 64 * 1024 } });
  });
  afterAll(() => app.close());

  const today = async (tenant: string) => {
    await app.settled();
    const r = await app.graphql<{ queues: { id: string; waiting: number; today: { offered: number; abandoned: number } }[] }>(
      'query($t: ID) { queues(tenant: $t) { id waiting today { offered abandoned } } }',
      { t: tenant },
    );
    return r.data!.queues;
  };

  it('accepts a batch with 202 {accepted, duplicates} and is idempotent on id', async () => {
    const t = uniqueTenant();
    const events = lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() - 60_000, outcome: { kind: 'abandoned', after: 30 } });
    const first = await app.postEvents(events);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0 });
    const again = await app.postEvents([...events, events[0]!]);
    expect(await again.json()).toEqual({ accepted: 0, duplicates: 3 });
    expect(await today(t)).toEqual([{ id: 'q', waiting: 0, today: { offered: 1, abandoned: 1 } }]);
  });

  it('takes one event as a JSON object, and NDJSON with blank lines', async () => {
    const t = uniqueTenant();
    const [queued, abandoned] = lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() - 60_000, outcome: { kind: 'abandoned', after: 30 } });
    const one = await fetch(`${app.url}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(queued),
    });
    expect(await one.json()).toEqual({ accepted: 1, duplicates: 0 });
    const nd = await fetch(`${app.url}/api/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/x-ndjson' },
      body: `\n${JSON.stringify(queued)}\n\n${JSON.stringify(abandoned)}\n`,
    });
    expect(await nd.json()).toEqual({ accepted: 1, duplicates: 1 });
  });

  it('refuses the whole batch with 400 naming index, field and problem of each bad event', async () => {
    const t = uniqueTenant();
    const good = lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() });
    const res = await app.postEvents([
      ...good,
      { id: 'x1', type: 'contact.queued', at: '2026-02-30T10:00:00Z', tenant: t, contact: 'c2', queue: 'q', channel: 'voice' },
      { id: 'x2', type: 'contact.teleported', at: Date.now(), tenant: t },
      { id: 'x3', type: 'agent.state', at: Date.now(), tenant: t, agent: 'a', state: 'sleeping' },
    ]);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { index: number; path: string; message: string }[] };
    expect(body.errors).toEqual([
      { index: 1, path: 'at', message: expect.stringContaining('ISO-8601') },
      { index: 2, path: 'type', message: expect.stringContaining('unknown event type "contact.teleported"') },
      { index: 3, path: 'state', message: 'state must be one of available, away, offline' },
    ]);
    // Nothing of it was stored: the valid event, sent again, is accepted as new.
    expect(await (await app.postEvents(good)).json()).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('answers 400 for a body that is not JSON, not UTF-8, or empty', async () => {
    const post = (body: BodyInit, type = 'application/json') =>
      fetch(`${app.url}/api/events`, { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': type }, body });
    const notJson = await post('{"id": ');
    expect(notJson.status).toBe(400);
    expect(JSON.stringify(await notJson.json())).toContain('not valid JSON');
    const badNd = await post('{"id":1}\nnope\n', 'application/x-ndjson');
    expect((await badNd.json()).errors[0]).toMatchObject({ index: 1, message: expect.stringContaining('line 2') });
    const notUtf8 = await post(new Uint8Array([0x5b, 0xff, 0xfe, 0x5d]));
    expect(notUtf8.status).toBe(400);
    expect(JSON.stringify(await notUtf8.json())).toContain('UTF-8');
    expect((await post('[]')).status).toBe(400);
  });

  it('answers 401 without a valid token, 415 for other content types, 413 over the limits', async () => {
    const events = lifecycle({ tenant: uniqueTenant(), queue: 'q', contact: 'c', queuedAt: Date.now() });
    expect((await fetch(`${app.url}/api/events`, { method: 'POST', body: '[]', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await app.postEvents(events, { token: 'wrong-token' })).status).toBe(401);
    expect((await app.postEvents(events, { contentType: 'text/plain' })).status).toBe(415);
    const many = Array.from({ length: 51 }, (_, i) => ({ ...events[0]!, id: `m${i}` }));
    const tooMany = await app.postEvents(many);
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).error).toContain('at most 50 events');
    const huge = await app.postEvents([{ ...events[0]!, note: 'x'.repeat(70 * 1024) }]);
    expect(huge.status).toBe(413);
  });

  it('answers 403 when the token may not ingest for a tenant of the batch, storing nothing', async () => {
    const mine = uniqueTenant();
    const other = uniqueTenant();
    const created = await app.graphql<{ createApiToken: { token: string } }>(
      'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }',
      { i: { name: 'acd feed', role: 'INGEST', tenants: [mine] } },
    );
    const token = created.data!.createApiToken.token;
    const ok = lifecycle({ tenant: mine, queue: 'q', contact: 'c', queuedAt: Date.now() });
    const foreign = lifecycle({ tenant: other, queue: 'q', contact: 'c', queuedAt: Date.now() });
    const res = await app.postEvents([...ok, ...foreign], { token });
    expect(res.status).toBe(403);
    expect((await res.json()).tenants).toEqual([other]);
    expect((await app.postEvents(ok, { token })).status).toBe(202);
    // A VIEWER token reads but never ingests.
    const viewer = await app.graphql<{ createApiToken: { token: string } }>(
      'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }',
      { i: { name: 'tv', role: 'VIEWER', tenants: [mine] } },
    );
    expect((await app.postEvents(ok, { token: viewer.data!.createApiToken.token })).status).toBe(403);
  });

  it('reports health with the store kind', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', store });
  });
});
