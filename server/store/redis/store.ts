/**
 * The production store on Redis (7.0+, no modules). Keys are in keys.ts.
 *
 * - Ingest: one Lua script per tenant batch deduplicates and XADDs (ingest-script.ts); the 202 is
 *   sent after it returns, so an acknowledged batch is in the stream (durable with AOF).
 * - Aggregation: a consumer group per tenant stream; a batch's effects and its XACK go in one
 *   MULTI/EXEC, so a crash before EXEC leaves the entries pending to be read again, and a crash
 *   after leaves them acknowledged: each entry takes effect once.
 */
import { createClient } from 'redis';
import type { IngestEvent } from '../../../schema/events.ts';
import type { AgentRecord } from '../../engine/agent.ts';
import type { Commit } from '../../engine/aggregate.ts';
import { AWAY_REASON_PREFIX, COUNTER_FIELDS, addCounters, countersFrom, type Counters } from '../../engine/counters.ts';
import type { QueueSettings, TenantSettings } from '../../engine/settings.ts';
import type { Step } from '../../engine/time.ts';
import type { VisitRecord } from '../../engine/visit.ts';
import { ALERT_HISTORY, DELIVERY_LOG, VISIT_TTL_MS, arrivalDay, type StoreOptions } from '../options.ts';
import type { Alert } from '../../alerts/lifecycle.ts';
import type { AlertRule } from '../../alerts/rules.ts';
import type { Delivery, DeliveryAttempt, Webhook } from '../../notify/types.ts';
import type { FollowUp } from '../../followups/record.ts';
import type { AppendResult, LogBatch, QueueInfo, Store, StoredToken, WaitingSummary } from '../port.ts';
import { ingestScript } from './ingest-script.ts';
import { hashMaxScript } from './max-script.ts';
import { claimScript } from './claim-script.ts';
import { AGGREGATOR_GROUP, redisKeys, type RedisKeys } from './keys.ts';

function makeClient(url: string, onError: (err: Error) => void) {
  const client = createClient({
    url,
    scripts: { ingest: ingestScript, hashMax: hashMaxScript, claim: claimScript },
    // node-redis 6 gives every command a 5 s AbortSignal timer by default: 3.5× slower bursts
    // (stack.md §2.5). Hot-path clients go without; a dead Redis is detected by the socket.
    commandOptions: { timeout: undefined },
    // While Redis is away, fail at once (ingest answers 503) rather than queue without bound.
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) },
  });
  // Without an 'error' listener a Redis restart would crash the process.
  client.on('error', onError);
  return client;
}
type Client = ReturnType<typeof makeClient>;

export interface RedisStoreOptions extends StoreOptions {
  url: string;
  /** Consumer name in the aggregator group: stable across restarts so pending entries are re-read. */
  consumer: string;
  /** Key prefix (default "fb"). */
  prefix?: string;
  log?: (msg: string) => void;
}

export class RedisStore implements Store {
  readonly kind = 'redis' as const;
  private readonly client: Client;
  /** Blocking XREADGROUP needs a connection of its own. */
  private readonly reader: Client;
  private readonly groups = new Set<string>();
  /** Tenant list for the log reader, refreshed at most once a second (a new tenant waits ≤ 1 s). */
  private tenantList: { at: number; ids: string[] } = { at: 0, ids: [] };
  /** On start, re-read this consumer's pending entries (delivered before a crash, never acknowledged). */
  private pendingPhase = true;
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
    this.reader = makeClient(opts.url, onError);
  }

  static async connect(opts: RedisStoreOptions): Promise<RedisStore> {
    const store = new RedisStore(opts);
    await Promise.all([store.client.connect(), store.reader.connect()]);
    return store;
  }

  async append(tenant: string, events: readonly IngestEvent[]): Promise<AppendResult> {
    if (events.length === 0) return { accepted: 0, duplicates: 0 };
    const today = arrivalDay(this.opts.clock());
    const keyNames = [this.keys.events(tenant)];
    for (let d = 0; d < this.opts.dedupDays; d++) keyNames.push(this.keys.seen(tenant, today - d));
    const pairs: string[] = [];
    for (const e of events) pairs.push(e.id, JSON.stringify(e));
    // Registering the tenant first: at worst an empty tenant is listed; never an unlisted stream.
    if (!this.tenantList.ids.includes(tenant)) {
      await this.client.sAdd(this.keys.tenants, tenant);
      this.tenantList.at = 0; // this instance's reader picks the new tenant up at once
    }
    const ttl = this.opts.dedupDays * 86_400 + 3_600;
    const [accepted, duplicates] = await this.client.ingest(keyNames, ttl, pairs);
    return { accepted: Number(accepted), duplicates: Number(duplicates) };
  }

  private async ensureGroup(tenant: string): Promise<void> {
    if (this.groups.has(tenant)) return;
    try {
      // From '0': a group created after events were appended still reads all of them.
      await this.client.xGroupCreate(this.keys.events(tenant), AGGREGATOR_GROUP, '0', { MKSTREAM: true });
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
    this.groups.add(tenant);
  }

  async readLog({ count, blockMs }: { count: number; blockMs: number }): Promise<LogBatch[]> {
    if (this.closed) return [];
    if (Date.now() - this.tenantList.at > 1000 || this.tenantList.ids.length === 0) {
      this.tenantList = { at: Date.now(), ids: await this.client.sMembers(this.keys.tenants) };
    }
    const tenants = this.tenantList.ids;
    if (tenants.length === 0) {
      await new Promise((r) => setTimeout(r, Math.min(blockMs, 250)));
      return [];
    }
    for (const t of tenants) await this.ensureGroup(t);
    const pending = this.pendingPhase;
    const streams = tenants.map((t) => ({ key: this.keys.events(t), id: pending ? '0' : '>' }));
    const reply = await this.reader.xReadGroup(AGGREGATOR_GROUP, this.opts.consumer, streams, {
      COUNT: count,
      // BLOCK 0 would wait forever: a caller asking for no wait gets none.
      ...(pending || blockMs <= 0 ? {} : { BLOCK: blockMs }),
    });
    const batches: LogBatch[] = [];
    for (const stream of (reply ?? []) as { name: string; messages: { id: string; message: Record<string, string> | null }[] }[]) {
      const tenant = tenants[streams.findIndex((s) => s.key === stream.name)]!;
      const ids: string[] = [];
      const events: IngestEvent[] = [];
      for (const m of stream.messages) {
        ids.push(m.id);
        // A pending entry trimmed from the stream comes back empty: acknowledge it, nothing to apply.
        if (m.message?.e) events.push(JSON.parse(m.message.e) as IngestEvent);
      }
      if (ids.length) batches.push({ tenant, ids, events });
    }
    if (pending && batches.length === 0) this.pendingPhase = false;
    return batches;
  }

  wakeReaders(): void {
    // A blocking XREADGROUP returns by itself within blockMs; shutdown closes the connection.
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
    const [visitJson, agentJson, followUpJson] = await Promise.all([
      visitKeys.length ? this.client.mGet(visitKeys.map((k) => this.keys.visit(tenant, k))) : Promise.resolve([]),
      agentIds.length ? this.client.hmGet(this.keys.agents(tenant), [...agentIds]) : Promise.resolve([]),
      keys.followUps.length ? this.client.hmGet(this.keys.followUps(tenant), [...keys.followUps]) : Promise.resolve([]),
    ]);
    const visits = new Map<string, VisitRecord>();
    visitKeys.forEach((k, i) => {
      const j = visitJson[i];
      if (j) visits.set(k, JSON.parse(String(j)) as VisitRecord);
    });
    const agents = new Map<string, AgentRecord>();
    agentIds.forEach((a, i) => {
      const j = agentJson[i];
      if (j) agents.set(a, JSON.parse(String(j)) as AgentRecord);
    });
    const followUps = new Map<string, FollowUp>();
    keys.followUps.forEach((id, i) => {
      const j = followUpJson[i];
      if (j) followUps.set(id, JSON.parse(String(j)) as FollowUp);
    });
    return { visits, agents, followUps };
  }

  async commit(tenant: string, c: Commit, ackIds: readonly string[]): Promise<void> {
    const m = this.client.multi();
    for (const [k, rec] of c.visits) {
      m.set(this.keys.visit(tenant, k), JSON.stringify(rec), { expiration: { type: 'PX', value: VISIT_TTL_MS } });
    }
    if (c.agents.size) {
      const fields: Record<string, string> = {};
      for (const [a, rec] of c.agents) fields[a] = JSON.stringify(rec);
      m.hSet(this.keys.agents(tenant), fields);
    }
    if (c.followUps.size) {
      const fields: Record<string, string> = {};
      for (const [id, f] of c.followUps) fields[id] = JSON.stringify(f);
      m.hSet(this.keys.followUps(tenant), fields);
    }
    for (const inc of c.increments.values()) {
      const key = this.keys.bucket(tenant, inc.queue, inc.step, inc.start);
      for (const f of COUNTER_FIELDS) if (inc.counters[f]) m.hIncrBy(key, f, inc.counters[f]);
      for (const [reason, ms] of Object.entries(inc.counters.awayByReason)) if (ms) m.hIncrBy(key, AWAY_REASON_PREFIX + reason, ms);
      if (inc.counters.maxWaitMs > 0) m.hashMax(key, 'maxWaitMs', inc.counters.maxWaitMs);
      m.pExpireAt(key, inc.expiresAt, 'NX');
    }
    for (const [queue, changes] of c.waiting) {
      const add: { score: number; value: string }[] = [];
      const remove: string[] = [];
      for (const [contact, at] of changes) {
        if (at === null) remove.push(contact);
        else add.push({ score: at, value: contact });
      }
      if (add.length) m.zAdd(this.keys.waiting(tenant, queue), add);
      if (remove.length) m.zRem(this.keys.waiting(tenant, queue), remove);
    }
    if (c.queues.size) {
      m.sAdd(this.keys.queueIds(tenant), [...c.queues.keys()]);
      for (const [queue, meta] of c.queues) {
        if (meta.channel) m.hSetNX(this.keys.queueMeta(tenant), queue, JSON.stringify(meta));
      }
    }
    if (ackIds.length) m.xAck(this.keys.events(tenant), AGGREGATOR_GROUP, [...ackIds]);
    await m.exec();
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
    await this.client.sAdd(this.keys.tenants, tenant);
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
    await this.client
      .multi()
      .sAdd(this.keys.tenants, tenant)
      .sAdd(this.keys.queueIds(tenant), queue)
      .hSet(this.keys.queueSettings(tenant), queue, JSON.stringify(merged))
      .exec();
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
    await this.client.multi().sAdd(this.keys.tenants, tenant).sAdd(this.keys.queueIds(tenant), queue).hSet(this.keys.imported(tenant, queue), fields).exec();
  }

  async waiting(tenant: string, queue: string, notBefore: number): Promise<WaitingSummary> {
    const key = this.keys.waiting(tenant, queue);
    const [count, first] = await Promise.all([
      this.client.zCount(key, notBefore, '+inf'),
      this.client.zRangeWithScores(key, notBefore, '+inf', { BY: 'SCORE', LIMIT: { offset: 0, count: 1 } }),
    ]);
    return { count: Number(count), oldest: first[0] ? Number(first[0].score) : null };
  }

  async agents(tenant: string): Promise<Map<string, AgentRecord>> {
    const all = await this.client.hGetAll(this.keys.agents(tenant));
    return new Map(Object.entries(all).map(([a, j]) => [a, JSON.parse(String(j)) as AgentRecord]));
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

  async ping(): Promise<boolean> {
    if (!this.client.isReady) return false;
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    // The reader may be blocked in XREADGROUP: destroy rather than wait for it.
    this.reader.destroy();
    await this.client.close();
  }
}
