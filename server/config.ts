/** Configuration from the environment, validated: a wrong value stops the start with a clear message. */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';

const intFrom = (name: string, def: number, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(def);

const EnvSchema = z.object({
  PORT: intFrom('PORT', 8080, 0, 65535),
  HOST: z.string().default('0.0.0.0'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must look like redis://host:6379')
    .optional(),
  ADMIN_TOKEN: z.string().min(16, 'ADMIN_TOKEN must be at least 16 characters').optional(),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, 'REDIS_PREFIX must match [A-Za-z0-9._-]{1,32}').default('fb'),
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'INSTANCE_ID must match [A-Za-z0-9._-]{1,64}').optional(),
  DEDUP_DAYS: intFrom('DEDUP_DAYS', 7, 1, 90),
  SNAPSHOT_INTERVAL_MS: intFrom('SNAPSHOT_INTERVAL_MS', 250, 10, 60_000),
  SNAPSHOT_REFRESH_MS: intFrom('SNAPSHOT_REFRESH_MS', 30_000, 1000, 3_600_000),
  ALERT_TICK_MS: intFrom('ALERT_TICK_MS', 1000, 50, 60_000),
  WEBHOOK_BACKOFF_MS: intFrom('WEBHOOK_BACKOFF_MS', 1000, 10, 600_000),
  WEBHOOK_GIVE_UP_HOURS: intFrom('WEBHOOK_GIVE_UP_HOURS', 24, 1, 720),
  RATE_LIMIT_PER_SECOND: intFrom('RATE_LIMIT_PER_SECOND', 100, 1, 1_000_000),
  RATE_LIMIT_BURST: intFrom('RATE_LIMIT_BURST', 500, 1, 1_000_000),
  MAX_BACKLOG_EVENTS: intFrom('MAX_BACKLOG_EVENTS', 2_000_000, 1, 1_000_000_000),
  MAX_BATCH_EVENTS: intFrom('MAX_BATCH_EVENTS', 10_000, 1, 1_000_000),
  MAX_BODY_BYTES: intFrom('MAX_BODY_BYTES', 5 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  TENANT_LEASE_MS: intFrom('TENANT_LEASE_MS', 10_000, 1000, 600_000),
  WS_MAX_BUFFERED_BYTES: intFrom('WS_MAX_BUFFERED_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
  REQUEST_TIMEOUT_MS: intFrom('REQUEST_TIMEOUT_MS', 60_000, 100, 3_600_000),
  QUERY_TIMEOUT_MS: intFrom('QUERY_TIMEOUT_MS', 30_000, 10, 3_600_000),
  WEB_DIR: z.string().optional(),
  GRAPHIQL: z.enum(['true', 'false']).optional(),
  FLOORBOARD_CONFIG: z.string().optional(),
  NODE_ENV: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  redisUrl: string | null;
  /** Prefix of every Redis key and channel: deployments sharing a Redis stay apart. */
  redisPrefix: string;
  adminToken: string;
  /** The admin token was generated at start (no ADMIN_TOKEN): print it. */
  adminTokenGenerated: boolean;
  /** Consumer name in the aggregator group and holder name of tenant leases: unique per process. */
  instanceId: string;
  /** A tenant's aggregation lease runs out this long after its holder last renewed it (every third of it). */
  tenantLeaseMs: number;
  /** Above this many bytes queued for a WebSocket, its subscriptions skip to the latest snapshot. */
  wsMaxBufferedBytes: number;
  dedupDays: number;
  snapshotIntervalMs: number;
  snapshotRefreshMs: number;
  /** Alert rules are evaluated this often even without events (the longest wait grows on its own). */
  alertTickMs: number;
  /** First webhook retry after this long, doubling up to 5 minutes. */
  webhookBackoffMs: number;
  /** A delivery still failing after this long is given up (and logged). */
  webhookGiveUpMs: number;
  maxBatchEvents: number;
  /** Requests per second per token (or client address), after a burst. */
  rateLimitPerSecond: number;
  rateLimitBurst: number;
  /** Ingest answers 429 while more events than this wait to be aggregated. */
  maxBacklogEvents: number;
  maxBodyBytes: number;
  /** A request whose headers and body have not all arrived by then gets 408 (slow clients, slowloris). */
  requestTimeoutMs: number;
  /** A GraphQL query still executing after this long is answered 504 TIMEOUT. */
  queryTimeoutMs: number;
  webDir: string | null;
  graphiql: boolean;
  /** Path of the JSON config file (tenants, queues, retention), or null. */
  configFile: string | null;
  /** NODE_ENV=production: only ADMIN tokens may introspect the schema. */
  production: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `overrides` win over the environment (tests and the demo use them). */
export function configFromEnv(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new ConfigError(`invalid configuration:\n${parsed.error.issues.map((i) => `  - ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    adminToken: e.ADMIN_TOKEN ?? randomBytes(24).toString('base64url'),
    adminTokenGenerated: !e.ADMIN_TOKEN,
    // Host and port: stable across restarts (pending work is picked up at once) and distinct
    // for several instances on one host.
    instanceId: e.INSTANCE_ID ?? `${hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 58)}-${e.PORT}`,
    tenantLeaseMs: e.TENANT_LEASE_MS,
    wsMaxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
    dedupDays: e.DEDUP_DAYS,
    snapshotIntervalMs: e.SNAPSHOT_INTERVAL_MS,
    snapshotRefreshMs: e.SNAPSHOT_REFRESH_MS,
    alertTickMs: e.ALERT_TICK_MS,
    webhookBackoffMs: e.WEBHOOK_BACKOFF_MS,
    webhookGiveUpMs: e.WEBHOOK_GIVE_UP_HOURS * 3_600_000,
    maxBatchEvents: e.MAX_BATCH_EVENTS,
    rateLimitPerSecond: e.RATE_LIMIT_PER_SECOND,
    rateLimitBurst: e.RATE_LIMIT_BURST,
    maxBacklogEvents: e.MAX_BACKLOG_EVENTS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    queryTimeoutMs: e.QUERY_TIMEOUT_MS,
    webDir: e.WEB_DIR ?? null,
    graphiql: e.GRAPHIQL ? e.GRAPHIQL === 'true' : true,
    configFile: e.FLOORBOARD_CONFIG ?? null,
    production: e.NODE_ENV === 'production',
    ...overrides,
  };
}
