/** A started app (test/helpers/app.ts) with helpers for the import routes, over real HTTP. */
import { ADMIN_TOKEN, eventually, startApp, type TestApp } from '../helpers/app.ts';
import type { StoreCase } from '../helpers/require.ts';

export interface ImportTestApp extends TestApp {
  /** Base URL serving /api/import/*. */
  importUrl: string;
  postQueueLog(tenant: string | null, text: string, o?: { token?: string; contentType?: string; query?: Record<string, string> }): Promise<Response>;
  postConnect(tenant: string | null, text: string, o?: { token?: string; contentType?: string }): Promise<Response>;
  /** Today's numbers of every queue of the tenant, once aggregation caught up (time-dependent fields left out). */
  queues(tenant: string): Promise<QueueRow[]>;
  setTimeZone(tenant: string, zone: string): Promise<void>;
  createToken(role: 'INGEST' | 'VIEWER', tenants: string[]): Promise<string>;
}

export interface QueueRow {
  id: string;
  waiting: number;
  agents: { available: number; busy: number; wrapup: number; away: number; offline: number };
  today: {
    offered: number;
    answered: number;
    abandoned: number;
    overflowed: number;
    transferredOut: number;
    handled: number;
    asaSeconds: number | null;
    averageAbandonWaitSeconds: number | null;
    ahtSeconds: number | null;
  };
}

export const LIMITS = { maxBodyBytes: 256 * 1024, maxEvents: 2000 };

export async function startImportApp(store: StoreCase): Promise<ImportTestApp> {
  const app = await startApp({ ...store, config: { maxBodyBytes: LIMITS.maxBodyBytes, maxBatchEvents: LIMITS.maxEvents } });
  const importUrl = app.url;

  const url = (path: string, tenant: string | null, query: Record<string, string> = {}) => {
    const q = new URLSearchParams(query);
    if (tenant !== null) q.set('tenant', tenant);
    return `${importUrl}${path}?${q}`;
  };

  return {
    ...app,
    importUrl,
    postQueueLog: (tenant, text, o = {}) =>
      fetch(url('/api/import/queue-log', tenant, o.query), {
        method: 'POST',
        headers: { authorization: `Bearer ${o.token ?? ADMIN_TOKEN}`, 'content-type': o.contentType ?? 'text/plain' },
        body: text,
      }),
    postConnect: (tenant, text, o = {}) =>
      fetch(url('/api/import/amazon-connect', tenant), {
        method: 'POST',
        headers: { authorization: `Bearer ${o.token ?? ADMIN_TOKEN}`, 'content-type': o.contentType ?? 'application/json' },
        body: text,
      }),
    async queues(tenant) {
      await app.settled();
      const r = await app.graphql<{ queues: QueueRow[] }>(
        `query($t: ID) { queues(tenant: $t) { id waiting agents { available busy wrapup away offline }
          today { offered answered abandoned overflowed transferredOut handled asaSeconds averageAbandonWaitSeconds ahtSeconds } } }`,
        { t: tenant },
      );
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!.queues.sort((a, b) => a.id.localeCompare(b.id));
    },
    async setTimeZone(tenant, zone) {
      const r = await app.graphql('mutation($t: ID!, $i: TenantSettingsInput!) { setTenantSettings(tenant: $t, input: $i) { id } }', { t: tenant, i: { timeZone: zone } });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      await eventually(async () => (await app.server.services.settings.tenant(tenant)).settings.timeZone === zone, 5000, 'the time zone to apply');
    },
    async createToken(role, tenants) {
      const r = await app.graphql<{ createApiToken: { token: string } }>('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
        i: { name: `import ${role}`, role, tenants },
      });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!.createApiToken.token;
    },
    close: () => app.close(),
  };
}
