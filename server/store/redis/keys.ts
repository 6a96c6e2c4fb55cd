/**
 * Every Redis key Floorboard uses, in one place (BullMQ's QueueKeys idea). Tenant keys carry the
 * tenant in a hash tag, `<prefix>:{tenant}:…`, so a Redis Cluster keeps a tenant on one slot and every
 * multi-key command and transaction of a tenant stays on it. Ids inside keys are URI-encoded so
 * that a ':' or a brace in a queue id cannot make two keys collide or move the hash tag.
 */
import type { Step } from '../../engine/time.ts';

const enc = encodeURIComponent;

/** The keys under `prefix` (default "fb"): deployments, or tests, sharing a Redis stay apart. */
export function redisKeys(prefix = 'fb') {
  const t = (tenant: string) => `${prefix}:{${tenant}}`;
  return {
    /** set of tenant ids (global: read by the aggregator to find streams) */
    tenants: `${prefix}:tenants`,
    /** hash: SHA-256 of a token secret → JSON StoredToken (global) */
    tokens: `${prefix}:tokens`,
    /** list of JSON AuditEntry of every administrative act, newest first, capped */
    auditAll: `${prefix}:audit`,
    /** pub/sub channel prefix of live snapshots */
    live: `${prefix}:live:`,
    /** hash: instance id → JSON {at, held}, its last heartbeat (ms, Redis clock) and tenants held; read whole, one key */
    instances: `${prefix}:instances`,
    /** pub/sub channel: a tenant id, published after ingest appended to its stream (wakes its aggregator) */
    wake: `${prefix}:wake`,
    /** string: `<instance>@<n>`, the tenant's aggregation lease (PX), n from leaseSeq: a fencing token */
    lease: (tenant: string) => `${t(tenant)}:lease`,
    /** counter: the last fencing number handed out for the tenant's lease (never reused) */
    leaseSeq: (tenant: string) => `${t(tenant)}:lease-seq`,
    /** stream of the tenant's events, field `e` = the event's JSON */
    events: (tenant: string) => `${t(tenant)}:events`,
    /** set of event ids that arrived on a UTC day (dedup horizon) */
    seen: (tenant: string, day: number) => `${t(tenant)}:seen:${day}`,
    /** string: JSON VisitRecord of one contact in one queue */
    visit: (tenant: string, visitKey: string) => `${t(tenant)}:v:${enc(visitKey)}`,
    /** hash: agent id → JSON AgentRecord */
    agents: (tenant: string) => `${t(tenant)}:agents`,
    /** hash of counters of one queue and interval */
    bucket: (tenant: string, queue: string, step: Step, start: number) => `${t(tenant)}:b:${enc(queue)}:${step}:${start}`,
    /** hash: 15-minute interval start (ms) → JSON counters imported from another system */
    imported: (tenant: string, queue: string) => `${t(tenant)}:imp:${enc(queue)}`,
    /** sorted set: contacts waiting in a queue, score = queued at (ms) */
    waiting: (tenant: string, queue: string) => `${t(tenant)}:w:${enc(queue)}`,
    /** set of queue ids seen */
    queueIds: (tenant: string) => `${t(tenant)}:queues`,
    /** hash: queue id → JSON {channel, language} from its first contact.queued */
    queueMeta: (tenant: string) => `${t(tenant)}:qmeta`,
    /** hash: queue id → JSON explicit QueueSettings */
    queueSettings: (tenant: string) => `${t(tenant)}:qsettings`,
    /** string: JSON TenantSettings */
    tenantSettings: (tenant: string) => `${t(tenant)}:settings`,
    /** hash: rule id → JSON AlertRule */
    alertRules: (tenant: string) => `${t(tenant)}:alert-rules`,
    /** hash: rule id → JSON Alert, the rule's latest alert */
    alerts: (tenant: string) => `${t(tenant)}:alerts`,
    /** list of JSON Alert state changes, newest first, capped */
    alertHistory: (tenant: string) => `${t(tenant)}:alert-history`,
    /** hash: follow-up id → JSON FollowUp */
    followUps: (tenant: string) => `${t(tenant)}:followups`,
    /** hash: webhook id → JSON Webhook */
    webhooks: (tenant: string) => `${t(tenant)}:webhooks`,
    /** sorted set: delivery id, score = when it is due (or its lease ends) */
    outboxDue: (tenant: string) => `${t(tenant)}:outbox:due`,
    /** hash: delivery id → JSON Delivery */
    outbox: (tenant: string) => `${t(tenant)}:outbox`,
    /** list of JSON DeliveryAttempt, newest first, capped */
    deliveryLog: (tenant: string) => `${t(tenant)}:delivery-log`,
    /** list of JSON AuditEntry of the tenant's administrative acts, newest first, capped */
    audit: (tenant: string) => `${t(tenant)}:audit`,
    /** hash: adapter name → JSON state carried across import requests */
    adapters: (tenant: string) => `${t(tenant)}:adapters`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** The consumer group of the aggregators on every tenant stream. */
export const AGGREGATOR_GROUP = 'agg';
