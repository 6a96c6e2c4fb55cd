/**
 * Agent changes on the wire, like queue snapshots (publisher.ts): at most one message per tenant
 * per interval. A quiet tenant's first change goes out at once (leading edge); the changes of a
 * burst are coalesced into one message at the end of the interval, each agent once, as it stands
 * after the last batch that touched it.
 *
 * The records come from the aggregator's commits, which hold every changed agent's record after
 * the batch: publishing reads nothing from the store.
 */
import type { AgentRecord } from '../engine/agent.ts';
import { agentSnapshot, type AgentSnapshot } from './agent-snapshot.ts';

export interface AgentPublisherOptions {
  publish(tenant: string, agents: AgentSnapshot[]): void;
  intervalMs: number;
  clock: () => number;
}

export class AgentPublisher {
  /** tenant → agent id → its latest committed record, not yet published */
  private readonly pending = new Map<string, Map<string, AgentRecord>>();
  private readonly lastSent = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly opts: AgentPublisherOptions) {}

  /**
   * Agents of `tenant` changed; `records` are their records after the change. The Redis store's
   * holder folds the next batch into the same objects, so a record may be newer by the time it
   * is published: the newer state is the one to show.
   */
  changed(tenant: string, records: Iterable<[string, AgentRecord]>): void {
    if (this.stopped) return;
    let waiting = this.pending.get(tenant);
    if (!waiting) this.pending.set(tenant, (waiting = new Map()));
    for (const [id, r] of records) waiting.set(id, r);
    if (waiting.size === 0 || this.timers.has(tenant)) return;
    const now = Date.now();
    const at = Math.max(now, (this.lastSent.get(tenant) ?? -Infinity) + this.opts.intervalMs);
    const timer = setTimeout(() => this.flush(tenant), at - now);
    timer.unref();
    this.timers.set(tenant, timer);
  }

  private flush(tenant: string): void {
    this.timers.delete(tenant);
    const records = this.pending.get(tenant);
    this.pending.delete(tenant);
    if (!records?.size || this.stopped) return;
    this.lastSent.set(tenant, Date.now());
    const now = this.opts.clock();
    this.opts.publish(tenant, [...records].map(([id, r]) => agentSnapshot(tenant, id, r, now)));
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.pending.clear();
  }
}
