/**
 * The import routes against a store that fails on demand (in process, no server): a failed
 * append or state save is a 503 with Retry-After, the state only moves after the append, and
 * the same request sent again after the failure gives the right result.
 */
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import type { Principal } from '../../server/auth/principal.ts';
import type { Services } from '../../server/graphql/context.ts';
import type { AppEnv } from '../../server/http/env.ts';
import { importRoutes } from '../../server/ingest/import-routes.ts';
import { QUEUE_LOG_ADAPTER } from '../../server/ingest/adapters/queue-log.ts';
import { MemoryStore } from '../../server/store/memory.ts';

const ADMIN: Principal = { id: 'admin', name: 'admin', role: 'ADMIN', tenants: 'all' };

/** A memory store whose append or setAdapterState throws while the flag says so. */
function flakyStore() {
  const store = new MemoryStore({ dedupDays: 7, clock: Date.now });
  const fail = { append: false, save: false };
  const append = store.append.bind(store);
  const save = store.setAdapterState.bind(store);
  store.append = async (tenant, events) => {
    if (fail.append) throw new Error('connection refused');
    return append(tenant, events);
  };
  store.setAdapterState = async (tenant, adapter, json) => {
    if (fail.save) throw new Error('connection reset');
    return save(tenant, adapter, json);
  };
  return { store, fail };
}

function appWith(store: MemoryStore) {
  const services = { store, settings: { tenant: async () => ({ settings: { timeZone: 'UTC' } }) } } as unknown as Services;
  const app = new Hono<AppEnv>();
  app.use('*', async (c, next) => {
    c.set('services', services);
    c.set('principal', ADMIN);
    await next();
  });
  app.route('/', importRoutes({ maxBodyBytes: 1 << 20, maxEvents: 1000 }));
  return async (body: string) => app.request('/api/import/queue-log?tenant=t1', { method: 'POST', headers: { 'content-type': 'text/plain' }, body });
}

const CALL = ['1763900000|c1|q|NONE|ENTERQUEUE||1|1', '1763900010|c1|q|SIP/1|CONNECT|10|x|1'].join('\n');
const END = '1763900100|c1|q|SIP/1|COMPLETECALLER|10|90|1';

describe('import routes when the store fails', () => {
  it('answers 503 with Retry-After when the append fails, leaving the state as it was', async () => {
    const { store, fail } = flakyStore();
    const post = appWith(store);
    fail.append = true;
    const res = await post(CALL);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect((await res.json()).error).toContain('send the same request again');
    expect(await store.adapterState('t1', QUEUE_LOG_ADAPTER)).toBeNull();
    fail.append = false;
    expect(await (await post(CALL)).json()).toMatchObject({ accepted: 2, duplicates: 0 });
  });

  it('answers 503 when saving the state fails after the append; sending again gives duplicates and saves it', async () => {
    const { store, fail } = flakyStore();
    const post = appWith(store);
    fail.save = true;
    expect((await post(CALL)).status).toBe(503);
    fail.save = false;
    expect(await (await post(CALL)).json()).toMatchObject({ accepted: 0, duplicates: 2 });
    const state = JSON.parse((await store.adapterState('t1', QUEUE_LOG_ADAPTER))!);
    expect(Object.values(state.calls)).toMatchObject([{ contact: 'c1', queue: 'q', agent: '1' }]);
    // The call's end, in the next request, closes the call the saved state holds.
    expect(await (await post(END)).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(JSON.parse((await store.adapterState('t1', QUEUE_LOG_ADAPTER))!).calls).toEqual({});
  });

  it('serializes the requests of one tenant: concurrent pieces all see the state before them', async () => {
    const { store } = flakyStore();
    const post = appWith(store);
    const lines = Array.from({ length: 40 }, (_, i) => `${1763900000 + i}|c${i}|q|NONE|ENTERQUEUE||1|1`);
    const results = await Promise.all(lines.map((l) => post(l).then((r) => r.json())));
    expect(results.every((r) => r.accepted === 1)).toBe(true);
    const state = JSON.parse((await store.adapterState('t1', QUEUE_LOG_ADAPTER))!);
    expect(Object.keys(state.calls)).toHaveLength(40);
  });
});
