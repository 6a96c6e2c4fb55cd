/**
 * The embedded store: everything in this process's memory, lost when it stops. It keeps the
 * same semantics as the Redis store (dedup horizon, log delivery and acknowledgement, bucket
 * expiry) so that the contract tests hold for both.
 */
import type { IngestEvent } from '../../schema/events.ts';
import type { AgentRecord } from '../engine/agent.ts';
import type { Commit } from '../engine/aggregate.ts';
import { addCounters, zeroCounters, type Counters } from '../engine/counters.ts';
import type { QueueSettings, TenantSettings } from '../engine/settings.ts';
import type { Step } from '../engine/time.ts';
import type { VisitRecord } from '../engine/visit.ts';
import type { AppendResult, LogBatch, QueueInfo, ReadLogOptions, Store, StoredToken, WaitingSummary } from './port.ts';
import { ALERT_HISTORY, DELIVERY_LOG, VISIT_TTL_MS, type StoreOptions, arrivalDay } from './options.ts';
import type { Alert } from '../alerts/lifecycle.ts';
import type { AlertRule } from '../alerts/rules.ts';
import { AUDIT_LOG_CAP, type AuditEntry } from '../audit/entry.ts';
import type { Delivery, DeliveryAttempt, Webhook } from '../notify/types.ts';
import type { FollowUp } from '../followups/record.ts';

interface TenantData {
  seen: Map<string, number>; // event id → arrival day
  undelivered: { id: string; event: IngestEvent }[];
  unacked: Map<string, IngestEvent>;
  visits: Map<string, { rec: VisitRecord; expiresAt: number }>;
  agents: Map<string, AgentRecord>;
  buckets: Map<string, { counters: Counters; expiresAt: number }>;
  /** queue|start → imported 15-minute counters */
  imported: Map<string, Partial<Counters>>;
  waiting: Map<string, Map<string, number>>;
  queues: Map<string, QueueInfo>;
  settings: Partial<TenantSettings> | null;
  adapters: Map<string, string>;
  alertRules: Map<string, AlertRule>;
  alerts: Map<string, Alert>;
  alertHistory: Alert[];
  followUps: Map<string, FollowUp>;
  webhooks: Map<string, Webhook>;
  /** delivery id → the delivery and when it is due */
  outbox: Map<string, { delivery: Delivery; dueAt: number }>;
  deliveryLog: DeliveryAttempt[];
}

export class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  private readonly data = new Map<string, TenantData>();
  private readonly tokens = new Map<string, StoredToken>();
  /** tenant → its audit log, newest first; null → the global log (every act) */
  private readonly audit = new Map<string | null, AuditEntry[]>();
  private seq = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly opts: StoreOptions) {}

  private tenant(t: string): TenantData {
    let d = this.data.get(t);
    if (!d) {
      d = {
        seen: new Map(),
        undelivered: [],
        unacked: new Map(),
        visits: new Map(),
        agents: new Map(),
        buckets: new Map(),
        imported: new Map(),
        waiting: new Map(),
        queues: new Map(),
        settings: null,
        adapters: new Map(),
        alertRules: new Map(),
        alerts: new Map(),
        alertHistory: [],
        followUps: new Map(),
        webhooks: new Map(),
        outbox: new Map(),
        deliveryLog: [],
      };
      this.data.set(t, d);
    }
    return d;
  }

  async append(tenant: string, events: readonly IngestEvent[]): Promise<AppendResult> {
    const d = this.tenant(tenant);
    const today = arrivalDay(this.opts.clock());
    const horizon = today - this.opts.dedupDays + 1;
    let accepted = 0;
    let duplicates = 0;
    for (const e of events) {
      const day = d.seen.get(e.id);
      if (day !== undefined && day >= horizon) {
        duplicates++;
        continue;
      }
      d.seen.set(e.id, today);
      d.undelivered.push({ id: String(++this.seq), event: e });
      accepted++;
    }
    if (d.seen.size > 10_000 && this.seq % 1000 === 0) {
      for (const [id, day] of d.seen) if (day < horizon) d.seen.delete(id);
    }
    if (accepted) this.wakeReaders();
    return { accepted, duplicates };
  }

  async readLog({ count, blockMs, skip }: ReadLogOptions): Promise<LogBatch[]> {
    let batches = this.take(count, skip);
    if (batches.length === 0 && blockMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, blockMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.push(done);
      });
      batches = this.take(count, skip);
    }
    return batches;
  }

  redeliver(tenant: string): void {
    const d = this.data.get(tenant);
    if (!d || d.unacked.size === 0) return;
    // Back to the front, in log order (ids are a rising sequence).
    const back = [...d.unacked].map(([id, event]) => ({ id, event })).sort((a, b) => Number(a.id) - Number(b.id));
    d.unacked.clear();
    d.undelivered.unshift(...back);
  }

  private take(count: number, skip?: ReadonlySet<string>): LogBatch[] {
    const out: LogBatch[] = [];
    for (const [tenant, d] of this.data) {
      if (d.undelivered.length === 0 || skip?.has(tenant)) continue;
      const entries = d.undelivered.splice(0, count);
      for (const x of entries) d.unacked.set(x.id, x.event);
      out.push({ tenant, ids: entries.map((x) => x.id), events: entries.map((x) => x.event) });
    }
    return out;
  }

  async backlog(): Promise<number> {
    let n = 0;
    for (const d of this.data.values()) n += d.undelivered.length + d.unacked.size;
    return n;
  }

  wakeReaders(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  async loadRecords(tenant: string, keys: { visits: readonly string[]; agents: readonly string[]; followUps: readonly string[] }) {
    const { visits: visitKeys, agents: agentIds } = keys;
    const d = this.tenant(tenant);
    const now = this.opts.clock();
    const visits = new Map<string, VisitRecord>();
    for (const k of visitKeys) {
      const v = d.visits.get(k);
      if (v && v.expiresAt > now) visits.set(k, v.rec);
    }
    // Copies: the aggregator updates agent records in place, and a failed commit must leave the
    // stored ones untouched (as Redis does, where every load parses fresh JSON).
    const agents = new Map<string, AgentRecord>();
    for (const a of agentIds) {
      const r = d.agents.get(a);
      if (r) agents.set(a, structuredClone(r));
    }
    const followUps = new Map<string, FollowUp>();
    for (const id of keys.followUps) {
      const f = d.followUps.get(id);
      if (f) followUps.set(id, structuredClone(f));
    }
    return { visits, agents, followUps };
  }

  /** One process: it aggregates every tenant. */
  holds(): boolean {
    return true;
  }

  async commit(tenant: string, c: Commit, ackIds: readonly string[]): Promise<void> {
    const d = this.tenant(tenant);
    const now = this.opts.clock();
    for (const [k, rec] of c.visits) d.visits.set(k, { rec, expiresAt: now + VISIT_TTL_MS });
    for (const [a, rec] of c.agents) d.agents.set(a, rec);
    for (const [id, f] of c.followUps) d.followUps.set(id, structuredClone(f));
    for (const [key, inc] of c.increments) {
      let b = d.buckets.get(key);
      if (!b || b.expiresAt <= now) d.buckets.set(key, (b = { counters: zeroCounters(), expiresAt: inc.expiresAt }));
      addCounters(b.counters, inc.counters);
    }
    for (const [queue, changes] of c.waiting) {
      let set = d.waiting.get(queue);
      if (!set) d.waiting.set(queue, (set = new Map()));
      for (const [contact, at] of changes) {
        if (at === null) set.delete(contact);
        else set.set(contact, at);
      }
    }
    for (const [queue, meta] of c.queues) {
      const info = d.queues.get(queue) ?? { id: queue };
      info.channel ??= meta.channel;
      info.language ??= meta.language;
      d.queues.set(queue, info);
    }
    for (const id of ackIds) d.unacked.delete(id);
    if (this.seq % 500 === 0) this.sweep(d, now);
  }

  private sweep(d: TenantData, now: number) {
    for (const [k, b] of d.buckets) if (b.expiresAt <= now) d.buckets.delete(k);
    for (const [k, v] of d.visits) if (v.expiresAt <= now) d.visits.delete(k);
  }

  async followUps(tenant: string): Promise<FollowUp[]> {
    return [...(this.data.get(tenant)?.followUps.values() ?? [])].map((f) => structuredClone(f));
  }

  async tenants(): Promise<string[]> {
    return [...this.data.keys()].sort();
  }

  async tenantSettings(tenant: string) {
    return this.data.get(tenant)?.settings ?? null;
  }

  async setTenantSettings(tenant: string, settings: Partial<TenantSettings>) {
    const d = this.tenant(tenant);
    d.settings = { ...d.settings, ...settings };
  }

  async queues(tenant: string): Promise<QueueInfo[]> {
    const d = this.data.get(tenant);
    if (!d) return [];
    return [...d.queues.values()].map((q) => ({ ...q })).sort((a, b) => a.id.localeCompare(b.id));
  }

  async setQueueSettings(tenant: string, queue: string, settings: Partial<QueueSettings>) {
    const d = this.tenant(tenant);
    const info = d.queues.get(queue) ?? { id: queue };
    info.settings = { ...info.settings, ...settings };
    d.queues.set(queue, info);
  }

  async counters(tenant: string, queue: string, step: Step, starts: readonly number[]): Promise<Counters[]> {
    const d = this.data.get(tenant);
    const now = this.opts.clock();
    return starts.map((s) => {
      const b = d?.buckets.get(`${queue}|${step}|${s}`);
      const c = b && b.expiresAt > now ? structuredClone(b.counters) : zeroCounters();
      const imported = step === 'MIN15' ? d?.imported.get(`${queue}|${s}`) : undefined;
      return imported ? addCounters(c, imported) : c;
    });
  }

  async importIntervals(tenant: string, queue: string, rows: readonly { start: number; counters: Partial<Counters> }[]) {
    const d = this.tenant(tenant);
    const info = d.queues.get(queue) ?? { id: queue };
    d.queues.set(queue, info);
    for (const r of rows) d.imported.set(`${queue}|${r.start}`, { ...r.counters });
  }

  async waiting(tenant: string, queue: string, notBefore: number): Promise<WaitingSummary> {
    const set = this.data.get(tenant)?.waiting.get(queue);
    let count = 0;
    let oldest: number | null = null;
    if (set) {
      for (const at of set.values()) {
        if (at < notBefore) continue;
        count++;
        if (oldest === null || at < oldest) oldest = at;
      }
    }
    return { count, oldest };
  }

  async waitingSince(tenant: string, queue: string, notBefore: number, limit: number): Promise<number[]> {
    const set = this.data.get(tenant)?.waiting.get(queue);
    const since = set ? [...set.values()].filter((at) => at >= notBefore) : [];
    return since.sort((a, b) => a - b).slice(0, Math.max(0, limit));
  }

  async agents(tenant: string): Promise<Map<string, AgentRecord>> {
    return new Map(this.data.get(tenant)?.agents ?? []);
  }

  async adapterState(tenant: string, adapter: string) {
    return this.data.get(tenant)?.adapters.get(adapter) ?? null;
  }

  async setAdapterState(tenant: string, adapter: string, json: string) {
    this.tenant(tenant).adapters.set(adapter, json);
  }

  async alertRules(tenant: string): Promise<AlertRule[]> {
    return [...(this.data.get(tenant)?.alertRules.values() ?? [])].map((r) => ({ ...r }));
  }
  async putAlertRule(rule: AlertRule) {
    this.tenant(rule.tenant).alertRules.set(rule.id, { ...rule });
  }
  async deleteAlertRule(tenant: string, id: string) {
    return this.data.get(tenant)?.alertRules.delete(id) ?? false;
  }
  async currentAlerts(tenant: string): Promise<Alert[]> {
    return [...(this.data.get(tenant)?.alerts.values() ?? [])].map((a) => structuredClone(a));
  }
  async putAlert(alert: Alert) {
    const d = this.tenant(alert.tenant);
    d.alerts.set(alert.ruleId, structuredClone(alert));
    d.alertHistory.unshift(structuredClone(alert));
    if (d.alertHistory.length > ALERT_HISTORY) d.alertHistory.length = ALERT_HISTORY;
  }
  async dropCurrentAlert(tenant: string, ruleId: string) {
    this.data.get(tenant)?.alerts.delete(ruleId);
  }
  async alertHistory(tenant: string, limit: number): Promise<Alert[]> {
    return (this.data.get(tenant)?.alertHistory ?? []).slice(0, limit).map((a) => structuredClone(a));
  }

  async webhooks(tenant: string): Promise<Webhook[]> {
    return [...(this.data.get(tenant)?.webhooks.values() ?? [])].map((w) => ({ ...w })).sort((a, b) => a.createdAt - b.createdAt);
  }
  async putWebhook(webhook: Webhook) {
    this.tenant(webhook.tenant).webhooks.set(webhook.id, { ...webhook });
  }
  async deleteWebhook(tenant: string, id: string) {
    return this.data.get(tenant)?.webhooks.delete(id) ?? false;
  }
  async enqueueDeliveries(deliveries: readonly Delivery[], dueAt: number) {
    for (const d of deliveries) this.tenant(d.tenant).outbox.set(d.id, { delivery: { ...d }, dueAt });
  }
  async claimDeliveries(tenant: string, now: number, leaseMs: number, limit: number): Promise<Delivery[]> {
    const outbox = this.data.get(tenant)?.outbox;
    if (!outbox) return [];
    const due = [...outbox.values()].filter((x) => x.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt).slice(0, limit);
    for (const x of due) x.dueAt = now + leaseMs;
    return due.map((x) => ({ ...x.delivery }));
  }
  async rescheduleDelivery(delivery: Delivery, dueAt: number) {
    this.tenant(delivery.tenant).outbox.set(delivery.id, { delivery: { ...delivery }, dueAt });
  }
  async completeDelivery(tenant: string, id: string) {
    this.data.get(tenant)?.outbox.delete(id);
  }
  async logDeliveryAttempt(attempt: DeliveryAttempt) {
    const log = this.tenant(attempt.tenant).deliveryLog;
    log.unshift({ ...attempt });
    if (log.length > DELIVERY_LOG) log.length = DELIVERY_LOG;
  }
  async deliveryLog(tenant: string, limit: number): Promise<DeliveryAttempt[]> {
    return (this.data.get(tenant)?.deliveryLog ?? []).slice(0, limit).map((a) => ({ ...a }));
  }

  async putToken(hash: string, token: StoredToken) {
    this.tokens.set(hash, token);
  }
  async tokenByHash(hash: string) {
    return this.tokens.get(hash) ?? null;
  }
  async listTokens() {
    return [...this.tokens.values()].sort((a, b) => a.createdAt - b.createdAt);
  }
  async deleteToken(id: string) {
    for (const [h, t] of this.tokens) {
      if (t.id === id) {
        this.tokens.delete(h);
        return true;
      }
    }
    return false;
  }

  async appendAudit(entry: AuditEntry) {
    for (const key of entry.tenant === null ? [null] : [null, entry.tenant]) {
      let log = this.audit.get(key);
      if (!log) this.audit.set(key, (log = []));
      log.unshift(structuredClone(entry));
      if (log.length > AUDIT_LOG_CAP) log.length = AUDIT_LOG_CAP;
    }
  }
  async auditLog(tenant: string | null, opts: { limit: number; before?: number }): Promise<AuditEntry[]> {
    return (this.audit.get(tenant) ?? [])
      .filter((e) => opts.before == null || e.at < opts.before)
      .slice(0, opts.limit)
      .map((e) => structuredClone(e));
  }

  async ping() {
    return true;
  }

  async close() {
    this.wakeReaders();
  }
}
