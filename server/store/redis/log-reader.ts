/**
 * Reads the event streams of the tenants this instance holds (leases.ts), one stream per
 * command: a read of several tenants' streams at once would span hash slots, which a Redis
 * Cluster refuses. So reads do not block in Redis; a tenant is read when there may be something
 * to read ("hot"): when it was acquired, when ingest on any instance signals it (the `wake`
 * channel, or a local append), while its last read came back full, and on a slow poll that
 * covers a signal lost while the subscriber reconnected.
 *
 * A tenant just acquired is first drained of what its group has pending, with XAUTOCLAIM from
 * the start of the pending list (min idle 0: once the lease is ours, whoever read those entries
 * can no longer commit them). The same happens after a failed commit, and when the lease
 * manager finds entries stranded with another consumer.
 */
import type { IngestEvent } from '../../../schema/events.ts';
import type { LogBatch, ReadLogOptions } from '../port.ts';
import type { RedisClient } from './client.ts';
import { AGGREGATOR_GROUP, type RedisKeys } from './keys.ts';
import type { TenantLeases } from './leases.ts';

type StreamMessage = { id: string; message: Record<string, string> | null };

export class LogReader {
  /** Tenants to read on the next call. */
  private readonly hot = new Set<string>();
  /** Tenants whose pending entries are to be claimed and read first. */
  private readonly claiming = new Set<string>();
  /** Signals per tenant, so that a signal during a read keeps the tenant hot. */
  private readonly signals = new Map<string, number>();
  private readonly groups = new Set<string>();
  private waiters: (() => void)[] = [];
  private lastPoll = 0;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly leases: TenantLeases,
    private readonly consumer: string,
    /** Every held tenant is read at least this often, signalled or not. */
    private readonly pollMs = 5000,
  ) {}

  /** New entries may be in the tenant's stream. */
  signal(tenant: string): void {
    this.signals.set(tenant, (this.signals.get(tenant) ?? 0) + 1);
    if (!this.leases.holds(tenant)) return;
    this.hot.add(tenant);
    this.wake();
  }

  /** Read every held tenant on the next call (after the wake subscriber reconnected, say). */
  signalAll(): void {
    for (const t of this.leases.tenants()) this.hot.add(t);
    this.wake();
  }

  /** Claim and read the tenant's pending entries before its new ones. */
  claim(tenant: string): void {
    this.claiming.add(tenant);
    this.signal(tenant);
  }

  forget(tenant: string): void {
    this.hot.delete(tenant);
    this.claiming.delete(tenant);
  }

  /** Let a waiting read return (new work, or shutdown). */
  wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  async read({ count, blockMs, skip }: ReadLogOptions): Promise<LogBatch[]> {
    if (Date.now() - this.lastPoll >= this.pollMs) {
      this.lastPoll = Date.now();
      for (const t of this.leases.tenants()) this.hot.add(t);
    }
    let tenants = this.ready(skip);
    if (tenants.length === 0 && blockMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(blockMs, this.pollMs));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.push(done);
      });
      tenants = this.ready(skip);
    }
    const results = await Promise.allSettled(tenants.map((t) => this.readTenant(t, count)));
    const batches: LogBatch[] = [];
    let failure: unknown;
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') {
        if (r.value) batches.push(r.value);
      } else {
        // The entries may have been delivered to us before the reply was lost: claim them next time.
        failure ??= r.reason;
        this.claim(tenants[i]!);
      }
    });
    if (failure && batches.length === 0) throw failure;
    return batches;
  }

  /** The hot tenants still held, but those skipped this time (they stay hot). */
  private ready(skip?: ReadonlySet<string>): string[] {
    const out: string[] = [];
    for (const t of this.hot) {
      if (!this.leases.holds(t)) this.forget(t);
      else if (!skip?.has(t)) out.push(t);
    }
    return out;
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

  private async readTenant(tenant: string, count: number): Promise<LogBatch | null> {
    const fence = this.leases.token(tenant);
    if (!fence) return null;
    await this.ensureGroup(tenant);
    const stream = this.keys.events(tenant);
    const signalsBefore = this.signals.get(tenant) ?? 0;
    let messages: StreamMessage[] = [];
    if (this.claiming.has(tenant)) {
      // From the start each time: what was claimed and committed is acknowledged by now.
      const r = await this.client.xAutoClaim(stream, AGGREGATOR_GROUP, this.consumer, 0, '0-0', { COUNT: count });
      for (const m of r.messages) if (m) messages.push(m);
      // Entries trimmed from the stream meanwhile were dropped from the pending list by XAUTOCLAIM.
      if (messages.length === 0 && r.deletedMessages.length === 0) this.claiming.delete(tenant);
    }
    if (!this.claiming.has(tenant)) {
      const reply = (await this.client.xReadGroup(AGGREGATOR_GROUP, this.consumer, { key: stream, id: '>' }, { COUNT: count })) as { messages: StreamMessage[] }[] | null;
      messages = reply?.[0]?.messages ?? [];
      // Less than asked for: the stream is read to its end, unless a signal came meanwhile.
      if (messages.length < count && (this.signals.get(tenant) ?? 0) === signalsBefore) this.hot.delete(tenant);
    }
    if (messages.length === 0) return null;
    const ids: string[] = [];
    const events: IngestEvent[] = [];
    for (const m of messages) {
      ids.push(m.id);
      // An entry whose body is gone is acknowledged with the batch: nothing to apply.
      if (m.message?.e) events.push(JSON.parse(m.message.e) as IngestEvent);
    }
    return { tenant, ids, events, fence };
  }
}
