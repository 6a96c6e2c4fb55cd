/**
 * Evaluates every rule of a tenant on each change (the live publisher calls `changed` after it
 * publishes snapshots) and on time alone (a tick: the longest wait grows without events, a
 * pending alert's forSeconds run out, an acknowledgement lapses). Each tenant's evaluations run
 * one at a time, so two of them never race one transition. Transitions are stored (current
 * alert per rule, and history) and published.
 *
 * With several instances, a tenant's rules are evaluated only by the instance that aggregates
 * it (holds its lease, store.holds): one evaluator per tenant, so a transition is stored,
 * published and sent to webhooks once. Acknowledgements are taken by whichever instance is asked.
 */
import { randomUUID } from 'node:crypto';
import type { SettingsCache } from '../aggregate/settings-cache.ts';
import type { QueueStats } from '../engine/metrics.ts';
import { bucketStart } from '../engine/time.ts';
import { followUpViews, type QueueGroupTotals, type QueueSnapshot, type TenantTotals } from '../live/snapshot.ts';
import { windowOccupancy, windowStats } from '../reports/intervals.ts';
import type { Store } from '../store/port.ts';
import { acknowledge, step, type Acknowledgement, type Alert } from './lifecycle.ts';
import { defaultRule, type AlertRule } from './rules.ts';

export interface AlertEngineOptions {
  store: Store;
  settings: SettingsCache;
  clock: () => number;
  snapshots(tenant: string): Promise<QueueSnapshot[]>;
  totals(tenant: string): Promise<TenantTotals>;
  /** A state change: to subscribers and webhooks (the rule null when it was deleted meanwhile). */
  publish(alert: Alert, rule: AlertRule | null): void;
  tickMs: number;
  /**
   * Evaluations of one tenant start at least this far apart (ms). Under a steady stream of
   * changes a tenant's snapshots are published several times a second; evaluating on every one
   * re-read every queue's rolling windows back to back, a large share of the server's work at
   * full ingest, for alerts whose durations are counted in seconds.
   */
  minIntervalMs?: number;
  log?: (msg: string) => void;
}

/** Alert ids carry their tenant, so that acknowledgeAlert(id) finds (and scope-checks) it. */
export function alertTenant(id: string): string | null {
  const i = id.indexOf(':');
  return i > 0 ? id.slice(0, i) : null;
}

export class AlertNotFoundError extends Error {
  override name = 'AlertNotFoundError';
}

export class AlertEngine {
  private readonly queues = new Map<string, Promise<void>>();
  /** An evaluation queued but not started, per tenant: it will see every change made until it starts. */
  private readonly waiting = new Map<string, Promise<void>>();
  /** When each tenant's last evaluation started (ms, performance.now()). */
  private readonly lastStart = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly opts: AlertEngineOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.tickMs);
    this.timer.unref();
  }

  /** Stops the tick and new evaluations, and waits for those under way: the store closes next. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all(this.queues.values());
  }

  /**
   * A tenant's data changed: evaluate its rules after any evaluation under way, and not sooner
   * than `minIntervalMs` after the last one started. Changes that come while one is waiting to
   * start join it: one evaluation per burst is enough.
   */
  changed(tenant: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const waiting = this.waiting.get(tenant);
    if (waiting) return waiting;
    const next = this.serial(tenant, async () => {
      const wait = (this.lastStart.get(tenant) ?? -Infinity) + (this.opts.minIntervalMs ?? 0) - performance.now();
      if (wait > 0 && !this.stopped) await new Promise((r) => setTimeout(r, wait));
      this.waiting.delete(tenant);
      this.lastStart.set(tenant, performance.now());
      return this.evaluate(tenant);
    });
    this.waiting.set(tenant, next);
    return next;
  }

  private async tick(): Promise<void> {
    try {
      const mine = (await this.opts.store.tenants()).filter((t) => this.opts.store.holds(t));
      await Promise.all(mine.map((t) => this.changed(t)));
    } catch (err) {
      this.opts.log?.(`alerts: ${(err as Error).message}`);
    }
  }

  private serial(tenant: string, f: () => Promise<void>): Promise<void> {
    const next = (this.queues.get(tenant) ?? Promise.resolve()).then(f, f).catch((err) => {
      this.opts.log?.(`alerts of ${tenant}: ${(err as Error).message}`);
    });
    this.queues.set(tenant, next);
    return next;
  }

  /** The rules in force: the tenant's own, and each queue's default unless overridden by id. */
  async rules(tenant: string): Promise<AlertRule[]> {
    const [own, config] = await Promise.all([this.opts.store.alertRules(tenant), this.opts.settings.tenant(tenant)]);
    const ids = new Set(own.map((r) => r.id));
    const defaults = [...config.queues].map(([q, s]) => defaultRule(tenant, q, s)).filter((r) => !ids.has(r.id));
    return [...own, ...defaults];
  }

  private async evaluate(tenant: string): Promise<void> {
    // Checked when the evaluation starts, not when it was asked for: the lease may have moved.
    if (this.stopped || !this.opts.store.holds(tenant)) return;
    // Disabled rules are stepped too: that resolves the alert they had.
    const rules = await this.rules(tenant);
    if (rules.length === 0) return;
    const now = this.opts.clock();
    const current = await this.opts.store.currentAlerts(tenant);
    const byRule = new Map(current.map((a) => [a.ruleId, a]));
    // Snapshots and totals are read only if a rule needs them (the default rules read windows).
    let byQueue: Promise<Map<string, QueueSnapshot>> | undefined;
    let totals: Promise<TenantTotals> | undefined;
    const values = new MetricValues(
      this.opts,
      tenant,
      now,
      () => (byQueue ??= this.opts.snapshots(tenant).then((snaps) => new Map(snaps.map((s) => [s.id, s])))),
      () => (totals ??= this.opts.totals(tenant)),
    );
    // An alert whose rule was deleted resolves: nothing will ever evaluate it again.
    const live = new Set(rules.map((r) => r.id));
    for (const a of current) {
      if (live.has(a.ruleId) || a.state === 'RESOLVED') continue;
      const resolved: Alert = { ...a, state: 'RESOLVED', resolvedAt: now, changedAt: now };
      await this.opts.store.putAlert(resolved);
      this.opts.publish(resolved, null);
    }
    for (const rule of rules) {
      const prev = byRule.get(rule.id) ?? null;
      const t = step(rule, prev, await values.of(rule), now, () => `${tenant}:${randomUUID()}`);
      if (!t.changed) continue;
      if (t.alert) {
        await this.opts.store.putAlert(t.alert);
        this.opts.publish(t.alert, rule);
      } else if (prev) {
        // A pending alert that cleared before firing: gone, and subscribers are told it is over.
        await this.opts.store.dropCurrentAlert(tenant, rule.id);
        this.opts.publish({ ...prev, state: 'RESOLVED', resolvedAt: now, changedAt: now }, rule);
      }
    }
  }

  /** Acknowledge an alert by id, as `by`, optionally until a time. */
  async acknowledge(id: string, ack: Omit<Acknowledgement, 'at'>): Promise<Alert> {
    const tenant = alertTenant(id);
    if (!tenant) throw new AlertNotFoundError(`no alert ${id}`);
    let result: Alert | undefined;
    let failure: unknown;
    await this.serial(tenant, async () => {
      try {
        const alert = (await this.opts.store.currentAlerts(tenant)).find((a) => a.id === id);
        if (!alert) throw new AlertNotFoundError(`no current alert ${id} (resolved alerts cannot be acknowledged)`);
        result = acknowledge(alert, { ...ack, at: this.opts.clock() });
        await this.opts.store.putAlert(result);
        this.opts.publish(result, (await this.rules(tenant)).find((r) => r.id === result!.ruleId) ?? null);
      } catch (err) {
        failure = err;
      }
    });
    if (failure) throw failure;
    return result!;
  }
}

/** The value of a rule's metric now; null where it is undefined (no contacts yet, no agent time). */
class MetricValues {
  private readonly windows = new Map<string, Promise<QueueStats>>();
  /** The tenant's follow-ups, read once per evaluation whatever the number of rules on them. */
  private followUps: ReturnType<typeof followUpViews> | undefined;

  constructor(
    private readonly opts: AlertEngineOptions,
    private readonly tenant: string,
    private readonly now: number,
    private readonly snapshots: () => Promise<Map<string, QueueSnapshot>>,
    private readonly totals: () => Promise<TenantTotals>,
  ) {}

  private async live(rule: AlertRule): Promise<QueueGroupTotals | QueueSnapshot | null> {
    return rule.queue ? ((await this.snapshots()).get(rule.queue) ?? null) : this.totals();
  }

  /** Today, or the rule's rolling window (one read per queue and window per evaluation). */
  private async period(rule: AlertRule): Promise<QueueStats | null> {
    if (rule.windowMinutes === null) return (await this.live(rule))?.today ?? null;
    const key = `${rule.queue ?? ''}|${rule.windowMinutes}`;
    let w = this.windows.get(key);
    if (!w) {
      w = windowStats(this.opts.store, this.opts.settings, this.tenant, rule.queue, rule.windowMinutes, this.now);
      this.windows.set(key, w);
    }
    return w;
  }

  async of(rule: AlertRule): Promise<number | null> {
    switch (rule.metric) {
      case 'WAITING':
        return (await this.live(rule))?.waiting ?? null;
      case 'LONGEST_WAIT': {
        // From the oldest queued time, not the snapshot's figure: it grows between events.
        const l = await this.live(rule);
        if (!l) return null;
        return l.oldestQueuedAt === null ? 0 : Math.max(0, (this.now - l.oldestQueuedAt) / 1000);
      }
      case 'AGENTS_AVAILABLE':
        return (await this.live(rule))?.agents.available ?? null;
      case 'SERVICE_LEVEL':
        return (await this.period(rule))?.serviceLevel ?? null;
      case 'ASA':
        return (await this.period(rule))?.asaSeconds ?? null;
      case 'ABANDON_RATE':
        return (await this.period(rule))?.abandonRate ?? null;
      case 'OCCUPANCY': {
        const config = await this.opts.settings.tenant(this.tenant);
        const minutes = rule.windowMinutes ?? Math.ceil((this.now - bucketStart(this.now, 'DAY1', config.settings.timeZone)) / 60_000);
        return windowOccupancy(this.opts.store, this.opts.settings, this.tenant, rule.queue, Math.max(1, minutes), this.now);
      }
      case 'OVERDUE_FOLLOWUPS': {
        const views = await (this.followUps ??= followUpViews(this.opts.store, this.opts.settings, this.tenant, this.now));
        return views.filter((v) => v.clock.overdue && (rule.queue === null || v.queue === rule.queue)).length;
      }
    }
  }
}
