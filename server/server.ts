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
import { relayRevocations } from './auth/revocation.ts';
import { TokenService } from './auth/tokens.ts';
import type { Config } from './config.ts';
import { applyConfigFile, readConfigFile, tiersOf } from './config-file.ts';
import type { Tier } from './engine/aggregate.ts';
import type { Services } from './graphql/context.ts';
import { createYogaServer } from './graphql/yoga.ts';
import { createApp } from './http/app.ts';
import { requestTimeouts } from './http/timeouts.ts';
import { attachGraphQLWs } from './http/ws.ts';
import { LivePublisher } from './live/publisher.ts';
import { AgentPublisher } from './live/agent-publisher.ts';
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
  /** The graphql-ws server (its open sockets, for tests and diagnostics). */
  ws: ReturnType<typeof attachGraphQLWs>;
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
    const redis = await RedisStore.connect({
      ...storeOpts,
      url: config.redisUrl,
      prefix: config.redisPrefix,
      consumer: config.instanceId,
      leaseMs: config.tenantLeaseMs,
      log,
    });
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

  const totals = (tenant: string, queues?: ReadonlySet<string>) => buildTenantTotals(store, settings, tenant, clock(), queues);
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
    // At most one evaluation per tenant per snapshot interval: the pace the screens see changes at.
    minIntervalMs: config.snapshotIntervalMs,
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
      // Each tenant's heartbeat comes from the instance that aggregates it, not from every instance.
      for (const t of await store.tenants()) if (store.holds(t)) out.set(t, [...(await settings.tenant(t)).queues.keys()]);
      return out;
    },
    intervalMs: config.snapshotIntervalMs,
    refreshMs: config.snapshotRefreshMs,
    log,
  });

  // The agent grid's changes: the commit holds each changed agent's record, throttled like snapshots.
  const agentsLive = new AgentPublisher({
    publish: (tenant, agents) => publishLive(pubSub, 'agents', tenant, { tenant, agents }),
    intervalMs: config.snapshotIntervalMs,
    clock,
  });

  const aggregator = new Aggregator({
    store,
    settings,
    tiers,
    clock,
    log,
    onCommitted: (tenant, commit) => {
      live.markDirty(tenant, commit.dirty);
      if (commit.agents.size) agentsLive.changed(tenant, commit.agents);
      for (const f of commit.followUps.values()) publishLive(pubSub, 'followUps', tenant, f);
    },
  });

  const tokens = new TokenService(store, config.adminToken, clock);
  // A revoked token's open sockets and streams close on every instance, not just this one.
  const revocations = relayRevocations(pubSub, tokens, log);
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

  const yoga = createYogaServer({ graphiql: config.graphiql, introspectionForAll: !config.production, queryTimeoutMs: config.queryTimeoutMs });
  const app = createApp({
    services,
    tokens,
    yoga,
    webDir: config.webDir,
    limits: { maxBodyBytes: config.maxBodyBytes, maxEvents: config.maxBatchEvents, overloaded: () => backlog > config.maxBacklogEvents },
    rateLimit: { perSecond: config.rateLimitPerSecond, burst: config.rateLimitBurst },
  });

  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: requestTimeouts(config.requestTimeoutMs) }, () => resolve(s as Server));
  });
  const ws = attachGraphQLWs(server, { yoga, tokens, services, maxBufferedBytes: config.wsMaxBufferedBytes });
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
    ws,
    async close() {
      clearInterval(backlogTimer);
      // Producers before consumers: nothing may reach the store once it closes below.
      await live.stop();
      agentsLive.stop();
      await aggregator.stop();
      await alerts.stop();
      await webhooks.stop();
      await ws.close();
      await revocations.close();
      server.closeAllConnections?.();
      await new Promise<void>((r) => server.close(() => r()));
      await closePubSub();
      await store.close();
    },
  };
}
