/**
 * Starts the real server for a test: real HTTP on a free port, the built web app, and either
 * store. Tests that need Redis get it from the run's redis-server (global setup) and isolate
 * themselves by tenant id.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { expect, inject } from 'vitest';
import { configFromEnv, type Config } from '../../server/config.ts';
import { startServer, type RunningServer } from '../../server/server.ts';

export const WEB_DIR = fileURLToPath(new URL('../../dist/web', import.meta.url));
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestApp {
  url: string;
  token: string;
  server: RunningServer;
  postEvents(events: object[], opts?: { token?: string; contentType?: string }): Promise<Response>;
  graphql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** Resolves once everything posted so far is aggregated (the store's backlog is empty). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export function redisUrl(): string {
  return inject('redisUrl');
}

/** Tenant ids unique to a test, so tests sharing one Redis never see each other's data. */
export function uniqueTenant(prefix = 't'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export async function startApp(opts: { store?: 'memory' | 'redis'; redisUrl?: string; config?: Partial<Config>; clock?: () => number } = {}): Promise<TestApp> {
  const store = opts.store ?? 'memory';
  const url = store === 'redis' ? (opts.redisUrl ?? redisUrl()) : undefined;
  if (store === 'redis' && !url) throw new Error('startApp: Redis requested but no redis-server is available');
  const config = configFromEnv(
    {},
    {
      port: 0,
      host: '127.0.0.1',
      adminToken: ADMIN_TOKEN,
      adminTokenGenerated: false,
      redisUrl: url ?? null,
      redisPrefix: `test-${randomUUID().slice(0, 8)}`,
      instanceId: `test-${randomUUID().slice(0, 8)}`,
      webDir: WEB_DIR,
      snapshotIntervalMs: 50,
      // Tests post in bursts; the rate limiter has tests of its own with low limits.
      rateLimitPerSecond: 100_000,
      rateLimitBurst: 100_000,
      ...opts.config,
    },
  );
  const server = await startServer({ config, log: () => {}, ...(opts.clock ? { clock: opts.clock } : {}) });
  const base = `http://127.0.0.1:${server.port}`;
  const app: TestApp = {
    url: base,
    token: ADMIN_TOKEN,
    server,
    postEvents: (events, o = {}) =>
      fetch(`${base}/api/events`, {
        method: 'POST',
        headers: { 'content-type': o.contentType ?? 'application/json', authorization: `Bearer ${o.token ?? ADMIN_TOKEN}` },
        body: JSON.stringify(events),
      }),
    graphql: async (query, variables = {}, token = ADMIN_TOKEN) => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return res.json() as Promise<any>;
    },
    settled: () => eventually(async () => (await server.store.backlog()) === 0, 10_000, 'aggregation to catch up').then(() => {}),
    close: () => server.close(),
  };
  return app;
}

/** Poll `fn` until it returns a truthy value or `timeoutMs` passes. */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Post events that must be accepted, and wait until they are aggregated. */
export async function postAndSettle(app: TestApp, events: object[]): Promise<void> {
  const res = await app.postEvents(events);
  expect(res.status, await res.clone().text()).toBe(202);
  await app.settled();
}

/** A GraphQL operation that must succeed: its data. */
export async function graphqlOk<T = any>(app: TestApp, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const res = await app.graphql<T>(query, variables, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data!;
}
