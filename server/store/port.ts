/**
 * The storage port: one contract, two implementations (Redis in production, memory as the
 * embedded default), both run through the same contract tests (test/store/contract.ts).
 *
 * Three roles share it:
 * - ingest appends validated events to a tenant's durable log, deduplicated by event id;
 * - the aggregator reads the log in batches, loads the records a batch touches and commits
 *   the batch's effects together with its acknowledgement (all or nothing);
 * - readers (GraphQL, the live publisher) read settings, counters, waiting sets and agents.
 */
import type { IngestEvent } from '../../schema/events.ts';
import type { Alert } from '../alerts/lifecycle.ts';
import type { StoredEmbed } from '../auth/embed.ts';
import type { AlertRule } from '../alerts/rules.ts';
import type { AuditEntry } from '../audit/entry.ts';
import type { Delivery, DeliveryAttempt, Webhook } from '../notify/types.ts';
import type { AgentRecord } from '../engine/agent.ts';
import type { Commit, LoadedState } from '../engine/aggregate.ts';
import type { FollowUp } from '../followups/record.ts';
import type { Counters } from '../engine/counters.ts';
import type { QueueSettings, TenantSettings } from '../engine/settings.ts';
import type { Step } from '../engine/time.ts';

export type StoreKind = 'redis' | 'memory';

export interface AppendResult {
  accepted: number;
  duplicates: number;
}

/** A batch of one tenant's log entries, in log order. `ids` acknowledge it. */
export interface LogBatch {
  tenant: string;
  ids: string[];
  events: IngestEvent[];
  /** The lease token the batch was read under (Redis): its commit applies only while it holds. */
  fence?: string;
}

/**
 * A commit refused because this instance no longer holds the tenant's aggregation lease: another
 * instance has taken the tenant over (and will claim the batch's entries). Nothing was applied.
 */
export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

/** What a queue is known as: its registration merged with explicit settings. */
export interface QueueInfo {
  id: string;
  /** From the first `contact.queued` seen (channel, language), before settings override it. */
  channel?: string;
  language?: string;
  settings?: Partial<QueueSettings>;
}

export interface WaitingSummary {
  count: number;
  /** Queued-at of the contact waiting longest (epoch ms), null when nobody waits. */
  oldest: number | null;
}

export interface StoredToken {
  id: string;
  name: string;
  role: string;
  /** Tenants the token may act for; ['*'] for all. */
  tenants: string[];
  createdAt: number;
  /** Refused from this instant (epoch ms); absent: until revoked. Kept as JSON beside the rest. */
  expiresAt?: number;
  /** A client-embed token (role VIEWER, one tenant): what it shows and how. */
  embed?: StoredEmbed;
}

export interface ReadLogOptions {
  count: number;
  blockMs: number;
  /** Tenants not to read this time (the aggregator still holds a batch of theirs); they stay due. */
  skip?: ReadonlySet<string>;
}

export interface Store {
  readonly kind: StoreKind;

  /** Append to the tenant's log, skipping ids seen within the dedup horizon; durable when it resolves. */
  append(tenant: string, events: readonly IngestEvent[]): Promise<AppendResult>;

  /**
   * The next batches of unacknowledged entries (at most `count` per tenant), waiting up to
   * `blockMs` for new ones. Entries read but not acknowledged are delivered again after a restart.
   */
  readLog(opts: ReadLogOptions): Promise<LogBatch[]>;
  /**
   * Deliver again, on a coming `readLog`, the tenant's entries this instance read but did not
   * commit: after a batch failed (the store away), the batches read with it must not be stranded.
   */
  redeliver(tenant: string): void;
  /** Stop a `readLog` that is waiting (used at shutdown). */
  wakeReaders(): void;
  /** Entries appended but not yet committed by an aggregator, over all tenants (aggregation lag). */
  backlog(): Promise<number>;

  loadRecords(tenant: string, keys: { visits: readonly string[]; agents: readonly string[]; followUps: readonly string[] }): Promise<LoadedState>;
  /**
   * Persist a batch's effects and acknowledge its log entries, atomically; with `fence`, only if
   * the lease it was read under still holds (else LeaseLostError). Without one (a batch that did
   * not come from readLog), under this instance's lease of the tenant, taken if free.
   */
  commit(tenant: string, commit: Commit, ackIds: readonly string[], fence?: string): Promise<void>;
  /**
   * Does this instance aggregate the tenant now (hold its lease)? Whatever must happen once per
   * tenant across instances (alert evaluation, periodic republishing) runs only where it does.
   * Always true on the single-process memory store.
   */
  holds(tenant: string): boolean;

  /** Every follow-up of a tenant (records seen only through updates included). */
  followUps(tenant: string): Promise<FollowUp[]>;

  tenants(): Promise<string[]>;
  tenantSettings(tenant: string): Promise<Partial<TenantSettings> | null>;
  setTenantSettings(tenant: string, settings: Partial<TenantSettings>): Promise<void>;
  queues(tenant: string): Promise<QueueInfo[]>;
  setQueueSettings(tenant: string, queue: string, settings: Partial<QueueSettings>): Promise<void>;

  /**
   * Counters of the buckets starting at `starts` (zero where absent), in that order. At MIN15,
   * intervals imported from another system (importIntervals) are added in.
   */
  counters(tenant: string, queue: string, step: Step, starts: readonly number[]): Promise<Counters[]>;
  /**
   * History exported from another system, per 15-minute interval: stored as given (a re-import
   * replaces, never adds), apart from the counters the events build.
   */
  importIntervals(tenant: string, queue: string, rows: readonly { start: number; counters: Partial<Counters> }[]): Promise<void>;
  /** Waiting contacts of a queue, ignoring those queued before `notBefore` (lost terminal events). */
  waiting(tenant: string, queue: string, notBefore: number): Promise<WaitingSummary>;
  /**
   * Queued-at (epoch ms) of each contact waiting in a queue, oldest first, at most `limit` of
   * them, ignoring those queued before `notBefore` (the what-if simulation starts from them).
   */
  waitingSince(tenant: string, queue: string, notBefore: number, limit: number): Promise<number[]>;
  agents(tenant: string): Promise<Map<string, AgentRecord>>;

  /**
   * State an import adapter carries from one request to the next (a queue_log file arrives in
   * chunks: calls open in one chunk end in another). Opaque JSON, per tenant and adapter.
   */
  adapterState(tenant: string, adapter: string): Promise<string | null>;
  setAdapterState(tenant: string, adapter: string, json: string): Promise<void>;

  /** Alert rules a user wrote (or a default rule overridden), by tenant. */
  alertRules(tenant: string): Promise<AlertRule[]>;
  putAlertRule(rule: AlertRule): Promise<void>;
  deleteAlertRule(tenant: string, id: string): Promise<boolean>;
  /** The latest alert of each rule of a tenant (a RESOLVED one stays until the next begins). */
  currentAlerts(tenant: string): Promise<Alert[]>;
  /** Record an alert's new state: it becomes its rule's current alert and joins the history. */
  putAlert(alert: Alert): Promise<void>;
  /** A pending alert that cleared before firing leaves no trace. */
  dropCurrentAlert(tenant: string, ruleId: string): Promise<void>;
  /** Alert state changes, newest first (the last 1,000 per tenant are kept). */
  alertHistory(tenant: string, limit: number): Promise<Alert[]>;

  webhooks(tenant: string): Promise<Webhook[]>;
  putWebhook(webhook: Webhook): Promise<void>;
  deleteWebhook(tenant: string, id: string): Promise<boolean>;
  /** Put deliveries in the outbox, due at `dueAt`. */
  enqueueDeliveries(deliveries: readonly Delivery[], dueAt: number): Promise<void>;
  /**
   * Take up to `limit` deliveries of a tenant due by `now`, leasing them until `now + leaseMs`
   * (atomically: two instances never take the same one; a crashed taker's lease runs out).
   */
  claimDeliveries(tenant: string, now: number, leaseMs: number, limit: number): Promise<Delivery[]>;
  /** After a failed attempt: due again at `dueAt`, with its attempt count. */
  rescheduleDelivery(delivery: Delivery, dueAt: number): Promise<void>;
  /** Delivered, or given up: out of the outbox. */
  completeDelivery(tenant: string, id: string): Promise<void>;
  logDeliveryAttempt(attempt: DeliveryAttempt): Promise<void>;
  /** The delivery log, newest first (the last 1,000 attempts per tenant are kept). */
  deliveryLog(tenant: string, limit: number): Promise<DeliveryAttempt[]>;

  /** API tokens, stored by the SHA-256 of their secret. */
  putToken(hash: string, token: StoredToken): Promise<void>;
  tokenByHash(hash: string): Promise<StoredToken | null>;
  listTokens(): Promise<StoredToken[]>;
  deleteToken(id: string): Promise<boolean>;

  /**
   * Record an administrative act: in its tenant's log (when it has one) and in the global log,
   * which holds every act. Each log keeps its last AUDIT_LOG_CAP entries.
   */
  appendAudit(entry: AuditEntry): Promise<void>;
  /** A tenant's log, or (null) the global one: newest first, only entries before `before` (epoch ms) if given. */
  auditLog(tenant: string | null, opts: { limit: number; before?: number }): Promise<AuditEntry[]>;

  /** Is the backing service reachable? */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
