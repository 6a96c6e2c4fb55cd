/**
 * Wires the store, aggregator, live publisher, GraphQL and HTTP into a running server. Used by
 * main.ts (production), demo.ts and the tests, so that all three run the same thing.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Aggregator } from './aggregate/aggregator.ts';
import { AlertEngine } from './alerts/engine.ts';
import { DEFAULT_DISPATCH, WebhookDispatcher } from './notify/dispatcher.ts';
import { StaffingNow } from './wfm/staffing-now.ts';
import { SettingsCache } from './aggregate/settings-cache.ts';
import { TokenService } from './auth/tokens.ts';
import type { Config } from './config.ts';
import { applyConfigFile, readConfigFile, tiersOf } from './config-file.ts';
import type { Tier } from './engine/aggregate.ts';
import type { Services } from './graphql/context.ts';
import { createYogaServer } from './graphql/yoga.ts';
import { createApp } from './http/app.ts';
import { attachGraphQLWs } from './http/ws.ts';
import { LivePublisher } from './live/publisher.ts';
import { createMemoryPubSub, createRedisPubSub, publishLive, type LivePubSub } from './live/pubsub.ts';
import { buildSnapshots, buildTenantTotals } from './live/snapshot.ts';
import { MemoryStore } from './store/memory.ts';
import type { Store } from './store/port.ts';
import { RedisStore } from './store/redis/store.ts';

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  services: Services;
  aggregator: Aggregator;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  clock?: () => number;
  tiers?: readonly Tier[];
  log?: (msg: string) => void;
}

export async function startServer({ config, clock = Date.now, tiers: tiersOption, log = console.log }: StartOptions): Promise<RunningServer> {
  // Read before connecting anything: a bad file stops the start with a message naming the field.
  const file = config.configFile ? readConfigFile(config.configFile) : null;
  const tiers = tiersOption ?? tiersOf(file);
  const storeOpts = { dedupDays: config.dedupDays, clock };
  let pubSub: LivePubSub;
  let closePubSub = async () => {};
  let store: Store;
  if (config.redisUrl) {
    const redis = await RedisStore.connect({ ...storeOpts, url: config.redisUrl, prefix: config.redisPrefix, consumer: config.instanceId, log });
    store = redis;
    const ps = await createRedisPubSub(config.redisUrl, redis.keys.live, log);
    pubSub = ps.pubSub;
    closePubSub = ps.close;
  } else {
    store = new MemoryStore(storeOpts);
    pubSub = createMemoryPubSub();
  }

  if (file) await applyConfigFile(store, file);
  const settings = new SettingsCache(store);
  const snapshots = (tenant: string, queues?: Iterable<string>) => buildSnapshots(store, settings, tenant, queues, clock());

  const totals = (tenant: string) => buildTenantTotals(store, settings, tenant, clock());
  const webhooks = new WebhookDispatcher({
    ...DEFAULT_DISPATCH,
    store,
    clock,
    baseBackoffMs: config.webhookBackoffMs,
    giveUpAfterMs: config.webhookGiveUpMs,
    log,
  });
  const alerts = new AlertEngine({
    store,
    settings,
    clock,
    snapshots: (tenant) => snapshots(tenant),
    totals,
    publish: (alert, rule) => {
      publishLive(pubSub, 'alerts', alert.tenant, alert);
      // Receivers are paged for alerts that fired, were acknowledged or resolved; not for pending ones.
      if (alert.state !== 'PENDING') void webhooks.notify(alert.tenant, { type: 'alert.changed', sentAt: new Date(clock()).toISOString(), alert, rule });
    },
    tickMs: config.alertTickMs,
    log,
  });

  const live = new LivePublisher({
    build: (tenant, queues) => snapshots(tenant, queues),
    publish: (tenant, snaps) => {
      publishLive(pubSub, 'queues', tenant, snaps);
      // Every change is a moment to evaluate the tenant's alert rules.
      void alerts.changed(tenant);
    },
    allQueues: async () => {
      const out = new Map<string, string[]>();
      for (const t of await store.tenants()) out.set(t, [...(await settings.tenant(t)).queues.keys()]);
      return out;
    },
    intervalMs: config.snapshotIntervalMs,
    refreshMs: config.snapshotRefreshMs,
    log,
  });

  const aggregator = new Aggregator({
    store,
    settings,
    tiers,
    clock,
    log,
    onCommitted: (tenant, commit) => {
      live.markDirty(tenant, commit.dirty);
      for (const f of commit.followUps.values()) publishLive(pubSub, 'followUps', tenant, f);
    },
  });

  const tokens = new TokenService(store, config.adminToken, clock);
  const services: Services = {
    store,
    settings,
    pubSub,
    tokens,
    clock,
    snapshots,
    totals,
    alerts,
    webhooks,
    staffingNow: new StaffingNow(store, settings),
    settingsChanged: async (tenant) => {
      settings.invalidate(tenant);
      live.markDirty(tenant, (await settings.tenant(tenant)).queues.keys());
    },
  };

  // Backpressure: the backlog, sampled every half second (a read per request would be its own load).
  let backlog = 0;
  const backlogTimer = setInterval(() => {
    store.backlog().then((n) => (backlog = n), () => {});
  }, 500);
  backlogTimer.unref();

  const yoga = createYogaServer({ graphiql: config.graphiql, introspectionForAll: !config.production });
  const app = createApp({
    services,
    tokens,
    yoga,
    webDir: config.webDir,
    limits: { maxBodyBytes: config.maxBodyBytes, maxEvents: config.maxBatchEvents, overloaded: () => backlog > config.maxBacklogEvents },
    rateLimit: { perSecond: config.rateLimitPerSecond, burst: config.rateLimitBurst },
  });

  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s as Server));
  });
  const ws = attachGraphQLWs(server, { yoga, tokens, services });
  aggregator.start();
  live.start();
  alerts.start();
  webhooks.start();

  const port = (server.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    store,
    services,
    aggregator,
    async close() {
      clearInterval(backlogTimer);
      alerts.stop();
      await webhooks.stop();
      live.stop();
      await aggregator.stop();
      await ws.close();
      server.closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
      await closePubSub();
      await store.close();
    },
  };
}
