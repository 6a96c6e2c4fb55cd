/**
 * The production store on Redis (7.0+, no modules). Keys are in keys.ts.
 *
 * - Ingest: one Lua script per tenant batch deduplicates and XADDs (ingest-script.ts); the 202 is
 *   sent after it returns, so an acknowledged batch is in the stream (durable with AOF).
 * - Aggregation: a consumer group per tenant stream; each tenant is aggregated by the one instance
 *   holding its lease (leases.ts), which reads its stream (log-reader.ts) and commits a batch's
 *   effects and its XACK in one script fenced by the lease (commit-script.ts): a crash before it leaves
 *   the entries pending, to be claimed by the next holder; a crash after leaves them
 *   acknowledged; a holder that lost its lease meanwhile is refused. Each entry takes effect once.
 * - Every command and script touches the keys of one tenant (one hash slot) or one global key,
 *   so the store runs unchanged on a Redis Cluster (test/scale/cluster-slots.test.ts).
 */
import type { IngestEvent } from '../../../schema/events.ts';
import type { AgentRecord } from '../../engine/agent.ts';
import type { Commit } from '../../engine/aggregate.ts';
import { addCounters, countersFrom, type Counters } from '../../engine/counters.ts';
import type { QueueSettings, TenantSettings } from '../../engine/settings.ts';
import type { Step } from '../../engine/time.ts';
import type { VisitRecord } from '../../engine/visit.ts';
import { ALERT_HISTORY, DELIVERY_LOG, VISIT_TTL_MS, arrivalDay, type StoreOptions } from '../options.ts';
import type { Alert } from '../../alerts/lifecycle.ts';
import type { AlertRule } from '../../alerts/rules.ts';
import { AUDIT_LOG_CAP, type AuditEntry } from '../../audit/entry.ts';
import type { Delivery, DeliveryAttempt, Webhook } from '../../notify/types.ts';
import type { FollowUp } from '../../followups/record.ts';
import { LeaseLostError, type AppendResult, type LogBatch, type QueueInfo, type ReadLogOptions, type Store, type StoredToken, type WaitingSummary } from '../port.ts';
import { AgentCache, type TenantAgents } from './agent-cache.ts';
import { makeClient, type RedisClient as Client } from './client.ts';
import { commitCall } from './commit-script.ts';
import { AGGREGATOR_GROUP, redisKeys, type RedisKeys } from './keys.ts';
import { TenantLeases } from './leases.ts';
import { LogReader } from './log-reader.ts';

/** Default length of a tenant's aggregation lease (TENANT_LEASE_MS). */
export const DEFAULT_LEASE_MS = 10_000;

export interface RedisStoreOptions extends StoreOptions {
  url: string;
  /** Consumer name in the aggregator group: stable across restarts so pending entries are re-read. */
  consumer: string;
  /** Key prefix (default "fb"). */
  prefix?: string;
  log?: (msg: string) => void;
  /** A tenant's aggregation lease runs out this long after its last renewal (ms; renewed every third). */
  leaseMs?: number;
}

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly client: Client;
  /** The aggregator's reads and commits (large replies and scripts) go on a connection of their own. */
  private readonly aggregation: Client;
  /** Subscribed to the wake channel: ingest on any instance signals the tenant's holder. */
  private readonly wakeSubscriber: Client;
  /** Tenants this instance has registered in the tenant set (or seen there). */
  private readonly known = new Set<string>();
  readonly leases: TenantLeases;
  private readonly reader: LogReader;
  /** Agent records of the tenants this instance aggregates, as its commits left them. */
  private readonly agentCache = new AgentCache();
  private closed = false;
  private lastError = 0;
  readonly keys: RedisKeys;

  private constructor(private readonly opts: RedisStoreOptions) {
    this.keys = redisKeys(opts.prefix);
    const onError = (err: Error) => {
      // Reconnection is automatic; say so at most every 5 s rather than flood the log.
      const now = Date.now();
      if (now - this.lastError > 5000) opts.log?.(`redis: ${err.message} (reconnecting)`);
      this.lastError = now;
    };
    this.client = makeClient(opts.url, onError);
    this.aggregation = makeClient(opts.url, onError);
    this.wakeSubscriber = makeClient(opts.url, onError);
    this.leases = new TenantLeases(this.client, this.keys, {
      instance: opts.consumer,
      leaseMs: opts.leaseMs ?? DEFAULT_LEASE_MS,
      log: opts.log,
      onAcquired: (t) => this.reader.claim(t),
      onLost: (t) => {
        this.reader.forget(t);
        this.agentCache.drop(t);
      },
      onStranded: (t) => this.reader.claim(t),
    });
    this.reader = new LogReader(this.aggregation, this.keys, this.leases, opts.consumer);
  }

  static async connect(opts: RedisStoreOptions): Promise<RedisStore> {
    const store = new RedisStore(opts);
    await Promise.all([store.client.connect(), store.aggregation.connect(), store.wakeSubscriber.connect()]);
    await store.wakeSubscriber.subscribe(store.keys.wake, (tenant) => store.woken(tenant));
    // Signals published while the subscriber was reconnecting are lost: read everything once.
    store.wakeSubscriber.on('ready', () => store.reader.signalAll());
    return store;
  }

  /** Ingest on some instance appended to the tenant's stream. */
  private woken(tenant: string): void {
    this.reader.signal(tenant);
    // A tenant new to this instance may have no aggregator yet: balance now.
    if (!this.known.has(tenant)) {
      this.known.add(tenant);
      if (!this.leases.holds(tenant)) this.leases.nudge();
    }
  }

  holds(tenant: string): boolean {
    return this.leases.holds(tenant);
  }

  /**
   * List the tenant in the tenant set: its own command, as the set is a global key (one slot)
   * and the tenant's keys live in another. A tenant new to this instance may need an aggregator.
   */
  private async register(tenant: string): Promise<void> {
    if (this.known.has(tenant)) return;
    await this.client.sAdd(this.keys.tenants, tenant);
    this.known.add(tenant);
    this.leases.nudge();
  }

  async append(tenant: string, events: readonly IngestEvent[]): Promise<AppendResult> {
    if (events.length === 0) return { accepted: 0, duplicates: 0 };
    const today = arrivalDay(this.opts.clock());
    const keyNames = [this.keys.events(tenant)];
    for (let d = 0; d < this.opts.dedupDays; d++) keyNames.push(this.keys.seen(tenant, today - d));
    const pairs: string[] = [];
    for (const e of events) pairs.push(e.id, JSON.stringify(e));
    // Registering the tenant first: at worst an empty tenant is listed; never an unlisted stream.
    await this.register(tenant);
    const ttl = this.opts.dedupDays * 86_400 + 3_600;
    const [accepted, duplicates] = await this.client.ingest(keyNames, ttl, pairs);
    if (Number(accepted) > 0) {
      this.reader.signal(tenant);
      // The holder may be another instance. The events are stored already: a lost signal only
      // delays them until the holder's next poll, so it must not fail the request.
      this.client.publish(this.keys.wake, tenant).catch(() => {});
    }
    return { accepted: Number(accepted), duplicates: Number(duplicates) };
  }

  redeliver(tenant: string): void {
    this.reader.claim(tenant);
  }

  async readLog(opts: ReadLogOptions): Promise<LogBatch[]> {
    if (this.closed) return [];
    // The first read makes this instance an aggregator: it joins the lease rotation (a store
    // opened only to read or ingest never takes tenants).
    if (!this.leases.running) await this.leases.start();
    return this.reader.read(opts);
  }

  wakeReaders(): void {
    this.reader.wake();
  }

  async backlog(): Promise<number> {
    const tenants = await this.client.sMembers(this.keys.tenants);
    let n = 0;
    for (const t of tenants) {
      const stream = this.keys.events(t);
      let groups: { name: unknown; pending: unknown; lag: unknown; 'last-delivered-id': unknown }[];
      try {
        groups = (await this.client.xInfoGroups(stream)) as unknown as typeof groups;
      } catch {
        continue; // no stream yet: nothing appended
      }
      const g = groups.find((x) => String(x.name) === AGGREGATOR_GROUP);
      // Without the group nothing was read yet: the whole stream is backlog.
      if (!g) n += Number(await this.client.xLen(stream));
      else if (g.lag != null) n += Number(g.pending) + Number(g.lag);
      else {
        // Redis reports no lag when it cannot tell (after an AOF reload, say): count what lies
        // after the last delivered entry instead (up to 10,000: a lower bound beyond).
        const after = await this.client.xRange(stream, `(${String(g['last-delivered-id'])}`, '+', { COUNT: 10_000 });
        n += Number(g.pending) + (after?.length ?? 0);
      }
    }
    return n;
  }

  async loadRecords(tenant: string, keys: { visits: readonly string[]; agents: readonly string[]; followUps: readonly string[] }) {
    const { visits: visitKeys, agents: agentIds } = keys;
    // The holder folds agents from its cache; only those it has not seen this tenure are read.
    const token = this.leases.token(tenant);
    const cached = token ? this.agentCache.forBatch(tenant, token) : null;
    const agentsToRead = cached ? agentIds.filter((a) => !cached.complete && !cached.records.has(a)) : agentIds;
    const [visitJson, agentJson, followUpJson] = await Promise.all([
      visitKeys.length ? this.client.mGet(visitKeys.map((k) => this.keys.visit(tenant, k))) : Promise.resolve([]),
      agentsToRead.length ? this.client.hmGet(this.keys.agents(tenant), [...agentsToRead]) : Promise.resolve([]),
      keys.followUps.length ? this.client.hmGet(this.keys.followUps(tenant), [...keys.followUps]) : Promise.resolve([]),
    ]);
    const visits = new Map<string, VisitRecord>();
    visitKeys.forEach((k, i) => {
      const j = visitJson[i];
      if (j) visits.set(k, JSON.parse(String(j)) as VisitRecord);
    });
    agentsToRead.forEach((a, i) => {
      const j = agentJson[i];
      cached?.records.set(a, j ? (JSON.parse(String(j)) as AgentRecord) : null);
    });
    const agents = new Map<string, AgentRecord>();
    agentIds.forEach((a, i) => {
      const r = cached ? cached.records.get(a) : agentJson[i] ? (JSON.parse(String(agentJson[i])) as AgentRecord) : null;
      if (r) agents.set(a, r);
    });
    const followUps = new Map<string, FollowUp>();
    keys.followUps.forEach((id, i) => {
      const j = followUpJson[i];
      if (j) followUps.set(id, JSON.parse(String(j)) as FollowUp);
    });
    return { visits, agents, followUps };
  }

  /**
   * Fenced: one script (commit-script.ts) checks that the tenant's lease still carries the token
   * the batch was read under and only then writes the batch's effects and its XACK, atomically.
   * A holder that lost its lease meanwhile (however long it was paused) cannot apply what it
   * computed from records another holder has since changed. The tokens are never reused
   * (lease-scripts.ts), so "still ours" means "ours all along".
   */
  async commit(tenant: string, c: Commit, ackIds: readonly string[], fence?: string): Promise<void> {
    const token = fence ?? this.leases.token(tenant) ?? (await this.leases.acquireNow(tenant));
    if (!token) throw new LeaseLostError(`tenant ${tenant} is aggregated by another instance`);
    let reply;
    try {
      reply = await this.aggregation.commit(commitCall(this.keys, tenant, c, ackIds, token, AGGREGATOR_GROUP, VISIT_TTL_MS));
    } catch (err) {
      // Applied or not (a reply lost with the connection), the entries are acknowledged or still
      // pending with this consumer: claiming them again sorts it out.
      this.reader.claim(tenant);
      this.agentCache.drop(tenant);
      throw err;
    }
    if (reply.ok) {
      const cached = this.agentCache.peek(tenant, token);
      if (cached) this.agentCache.committed(tenant, cached, c.agents);
      return;
    }
    // The cache's records were folded in place for a batch that will not be applied.
    this.agentCache.drop(tenant);
    // The batch's tenure is over; the tenant is still ours only if the lease carries the
    // token this instance holds now (taken again since the batch was read).
    if (reply.current !== this.leases.token(tenant)) this.leases.lost(tenant);
    throw new LeaseLostError(`tenant ${tenant}: the lease was lost before the commit (now ${reply.current ?? 'free'}); nothing applied`);
  }

  async followUps(tenant: string): Promise<FollowUp[]> {
    return (await this.client.hVals(this.keys.followUps(tenant))).map((j) => JSON.parse(String(j)) as FollowUp);
  }

  async tenants(): Promise<string[]> {
    return (await this.client.sMembers(this.keys.tenants)).sort();
  }

  async tenantSettings(tenant: string): Promise<Partial<TenantSettings> | null> {
    const j = await this.client.get(this.keys.tenantSettings(tenant));
    return j ? (JSON.parse(String(j)) as Partial<TenantSettings>) : null;
  }

  async setTenantSettings(tenant: string, settings: Partial<TenantSettings>): Promise<void> {
    const prev = (await this.tenantSettings(tenant)) ?? {};
    await this.register(tenant);
    await this.client.set(this.keys.tenantSettings(tenant), JSON.stringify({ ...prev, ...settings }));
  }

  async queues(tenant: string): Promise<QueueInfo[]> {
    const [ids, meta, settings] = await Promise.all([
      this.client.sMembers(this.keys.queueIds(tenant)),
      this.client.hGetAll(this.keys.queueMeta(tenant)),
      this.client.hGetAll(this.keys.queueSettings(tenant)),
    ]);
    return ids.sort().map((id) => {
      const m = meta[id] ? (JSON.parse(String(meta[id])) as { channel?: string; language?: string }) : {};
      const info: QueueInfo = { id, ...m };
      if (settings[id]) info.settings = JSON.parse(String(settings[id])) as Partial<QueueSettings>;
      return info;
    });
  }

  async setQueueSettings(tenant: string, queue: string, settings: Partial<QueueSettings>): Promise<void> {
    const prev = await this.client.hGet(this.keys.queueSettings(tenant), queue);
    const merged = { ...(prev ? (JSON.parse(String(prev)) as object) : {}), ...settings };
    await this.register(tenant);
    await this.client.multi().sAdd(this.keys.queueIds(tenant), queue).hSet(this.keys.queueSettings(tenant), queue, JSON.stringify(merged)).exec();
  }

  async counters(tenant: string, queue: string, step: Step, starts: readonly number[]): Promise<Counters[]> {
    const [hashes, imported] = await Promise.all([
      Promise.all(starts.map((s) => this.client.hGetAll(this.keys.bucket(tenant, queue, step, s)))),
      step === 'MIN15' && starts.length ? this.client.hmGet(this.keys.imported(tenant, queue), starts.map(String)) : Promise.resolve([]),
    ]);
    return hashes.map((h, i) => {
      const c = countersFrom(h as Record<string, string>);
      const imp = imported[i];
      return imp ? addCounters(c, JSON.parse(String(imp)) as Partial<Counters>) : c;
    });
  }

  async importIntervals(tenant: string, queue: string, rows: readonly { start: number; counters: Partial<Counters> }[]): Promise<void> {
    if (rows.length === 0) return;
    const fields: Record<string, string> = {};
    for (const r of rows) fields[String(r.start)] = JSON.stringify(r.counters);
    await this.register(tenant);
    await this.client.multi().sAdd(this.keys.queueIds(tenant), queue).hSet(this.keys.imported(tenant, queue), fields).exec();
  }

  async waiting(tenant: string, queue: string, notBefore: number): Promise<WaitingSummary> {
    const key = this.keys.waiting(tenant, queue);
    const [count, first] = await Promise.all([
      this.client.zCount(key, notBefore, '+inf'),
      this.client.zRangeWithScores(key, notBefore, '+inf', { BY: 'SCORE', LIMIT: { offset: 0, count: 1 } }),
    ]);
    return { count: Number(count), oldest: first[0] ? Number(first[0].score) : null };
  }

  async waitingSince(tenant: string, queue: string, notBefore: number, limit: number): Promise<number[]> {
    if (limit <= 0) return [];
    const rows = await this.client.zRangeWithScores(this.keys.waiting(tenant, queue), notBefore, '+inf', { BY: 'SCORE', LIMIT: { offset: 0, count: limit } });
    return rows.map((r) => Number(r.score));
  }

  /**
   * The holder answers from its cache once it has read the hash whole this tenure; the records
   * may include the batch being committed (what a commit that fails would have written is what
   * the tenant's next holder computes again from the same events).
   */
  async agents(tenant: string): Promise<Map<string, AgentRecord>> {
    const token = this.leases.token(tenant);
    const cached = this.agentCache.peek(tenant, token);
    if (cached?.complete) {
      const out = new Map<string, AgentRecord>();
      for (const [id, r] of cached.records) if (r) out.set(id, r);
      return out;
    }
    const all = await this.client.hGetAll(this.keys.agents(tenant));
    const records = new Map(Object.entries(all).map(([a, j]) => [a, JSON.parse(String(j)) as AgentRecord]));
    if (token) this.agentCache.fill(tenant, token, records);
    return records;
  }

  async adapterState(tenant: string, adapter: string): Promise<string | null> {
    const j = await this.client.hGet(this.keys.adapters(tenant), adapter);
    return j == null ? null : String(j);
  }

  async setAdapterState(tenant: string, adapter: string, json: string): Promise<void> {
    await this.client.hSet(this.keys.adapters(tenant), adapter, json);
  }

  async alertRules(tenant: string): Promise<AlertRule[]> {
    return (await this.client.hVals(this.keys.alertRules(tenant))).map((j) => JSON.parse(String(j)) as AlertRule);
  }

  async putAlertRule(rule: AlertRule): Promise<void> {
    await this.client.hSet(this.keys.alertRules(rule.tenant), rule.id, JSON.stringify(rule));
  }

  async deleteAlertRule(tenant: string, id: string): Promise<boolean> {
    return (await this.client.hDel(this.keys.alertRules(tenant), id)) > 0;
  }

  async currentAlerts(tenant: string): Promise<Alert[]> {
    return (await this.client.hVals(this.keys.alerts(tenant))).map((j) => JSON.parse(String(j)) as Alert);
  }

  async putAlert(alert: Alert): Promise<void> {
    const json = JSON.stringify(alert);
    await this.client
      .multi()
      .hSet(this.keys.alerts(alert.tenant), alert.ruleId, json)
      .lPush(this.keys.alertHistory(alert.tenant), json)
      .lTrim(this.keys.alertHistory(alert.tenant), 0, ALERT_HISTORY - 1)
      .exec();
  }

  async dropCurrentAlert(tenant: string, ruleId: string): Promise<void> {
    await this.client.hDel(this.keys.alerts(tenant), ruleId);
  }

  async alertHistory(tenant: string, limit: number): Promise<Alert[]> {
    return (await this.client.lRange(this.keys.alertHistory(tenant), 0, limit - 1)).map((j) => JSON.parse(String(j)) as Alert);
  }

  async webhooks(tenant: string): Promise<Webhook[]> {
    const all = (await this.client.hVals(this.keys.webhooks(tenant))).map((j) => JSON.parse(String(j)) as Webhook);
    return all.sort((a, b) => a.createdAt - b.createdAt);
  }

  async putWebhook(webhook: Webhook): Promise<void> {
    await this.client.hSet(this.keys.webhooks(webhook.tenant), webhook.id, JSON.stringify(webhook));
  }

  async deleteWebhook(tenant: string, id: string): Promise<boolean> {
    return (await this.client.hDel(this.keys.webhooks(tenant), id)) > 0;
  }

  async enqueueDeliveries(deliveries: readonly Delivery[], dueAt: number): Promise<void> {
    if (deliveries.length === 0) return;
    const m = this.client.multi();
    for (const d of deliveries) {
      m.hSet(this.keys.outbox(d.tenant), d.id, JSON.stringify(d));
      m.zAdd(this.keys.outboxDue(d.tenant), { score: dueAt, value: d.id });
    }
    await m.exec();
  }

  async claimDeliveries(tenant: string, now: number, leaseMs: number, limit: number): Promise<Delivery[]> {
    const json = await this.client.claim(this.keys.outboxDue(tenant), this.keys.outbox(tenant), now, now + leaseMs, limit);
    return json.map((j) => JSON.parse(String(j)) as Delivery);
  }

  async rescheduleDelivery(delivery: Delivery, dueAt: number): Promise<void> {
    await this.client
      .multi()
      .hSet(this.keys.outbox(delivery.tenant), delivery.id, JSON.stringify(delivery))
      .zAdd(this.keys.outboxDue(delivery.tenant), { score: dueAt, value: delivery.id })
      .exec();
  }

  async completeDelivery(tenant: string, id: string): Promise<void> {
    await this.client.multi().zRem(this.keys.outboxDue(tenant), id).hDel(this.keys.outbox(tenant), id).exec();
  }

  async logDeliveryAttempt(attempt: DeliveryAttempt): Promise<void> {
    await this.client
      .multi()
      .lPush(this.keys.deliveryLog(attempt.tenant), JSON.stringify(attempt))
      .lTrim(this.keys.deliveryLog(attempt.tenant), 0, DELIVERY_LOG - 1)
      .exec();
  }

  async deliveryLog(tenant: string, limit: number): Promise<DeliveryAttempt[]> {
    return (await this.client.lRange(this.keys.deliveryLog(tenant), 0, limit - 1)).map((j) => JSON.parse(String(j)) as DeliveryAttempt);
  }

  async putToken(hash: string, token: StoredToken): Promise<void> {
    await this.client.hSet(this.keys.tokens, hash, JSON.stringify(token));
  }

  async tokenByHash(hash: string): Promise<StoredToken | null> {
    const j = await this.client.hGet(this.keys.tokens, hash);
    return j ? (JSON.parse(String(j)) as StoredToken) : null;
  }

  async listTokens(): Promise<StoredToken[]> {
    const all = await this.client.hVals(this.keys.tokens);
    return all.map((j) => JSON.parse(String(j)) as StoredToken).sort((a, b) => a.createdAt - b.createdAt);
  }

  async deleteToken(id: string): Promise<boolean> {
    const all = await this.client.hGetAll(this.keys.tokens);
    for (const [hash, j] of Object.entries(all)) {
      if ((JSON.parse(String(j)) as StoredToken).id === id) return (await this.client.hDel(this.keys.tokens, hash)) > 0;
    }
    return false;
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    const json = JSON.stringify(entry);
    // Two transactions: the global log and the tenant's are in different hash slots (a cluster
    // refuses a transaction across slots).
    const all = this.client.multi().lPush(this.keys.auditAll, json).lTrim(this.keys.auditAll, 0, AUDIT_LOG_CAP - 1).exec();
    const own = entry.tenant === null ? null : this.client.multi().lPush(this.keys.audit(entry.tenant), json).lTrim(this.keys.audit(entry.tenant), 0, AUDIT_LOG_CAP - 1).exec();
    await Promise.all([all, own]);
  }

  async auditLog(tenant: string | null, opts: { limit: number; before?: number }): Promise<AuditEntry[]> {
    const key = tenant === null ? this.keys.auditAll : this.keys.audit(tenant);
    const out: AuditEntry[] = [];
    // Newest first; with `before`, read on in pages past the newer entries.
    const page = Math.max(opts.limit, 200);
    for (let from = 0; out.length < opts.limit && from < AUDIT_LOG_CAP; from += page) {
      const rows = await this.client.lRange(key, from, from + page - 1);
      for (const j of rows) {
        const e = JSON.parse(String(j)) as AuditEntry;
        if (opts.before == null || e.at < opts.before) out.push(e);
        if (out.length === opts.limit) break;
      }
      if (rows.length < page) break;
    }
    return out;
  }

  async ping(): Promise<boolean> {
    if (!this.client.isReady) return false;
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reader.wake();
    // Leases given back: the other instances take the tenants over at once, not after expiry.
    await this.leases.stop();
    this.wakeSubscriber.destroy();
    this.aggregation.destroy();
    await this.client.close();
  }
}
