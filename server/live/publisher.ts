/**
 * Turns "these queues changed" into snapshots on the wire, at most once per queue per interval:
 * a quiet queue's first change goes out at once (leading edge), a burst is coalesced into one
 * snapshot at the end of the interval. Snapshots are built once per tenant tick and published
 * to every instance; subscribers never cause recomputation.
 */
import type { QueueSnapshot } from './snapshot.ts';

export interface PublisherOptions {
  build(tenant: string, queues: string[]): Promise<QueueSnapshot[]>;
  publish(tenant: string, snapshots: QueueSnapshot[]): void;
  /** Every queue, for the periodic refresh. */
  allQueues(): Promise<Map<string, string[]>>;
  intervalMs: number;
  /** Every queue is republished this often even when quiet: "today" rolls over, screens see a heartbeat. */
  refreshMs: number;
  log?: (msg: string) => void;
}

const key = (tenant: string, queue: string) => `${tenant}\u001f${queue}`;

export class LivePublisher {
  private readonly lastSent = new Map<string, number>();
  /** key → when it is due */
  private readonly due = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private refreshTimer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly opts: PublisherOptions) {}

  start(): void {
    this.refreshTimer = setInterval(() => void this.refreshAll(), this.opts.refreshMs);
    this.refreshTimer.unref();
  }

  /** No more snapshots after this; waits for a flush under way, which still reads the store. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.refreshTimer);
    clearTimeout(this.timer);
    this.timer = undefined;
    this.due.clear();
    await this.flushing;
  }

  markDirty(tenant: string, queues: Iterable<string>): void {
    if (this.stopped) return;
    const now = Date.now();
    let earliest = Infinity;
    for (const q of queues) {
      const k = key(tenant, q);
      const at = Math.max(now, (this.lastSent.get(k) ?? -Infinity) + this.opts.intervalMs);
      const prev = this.due.get(k);
      if (prev === undefined || at < prev) this.due.set(k, at);
      earliest = Math.min(earliest, this.due.get(k)!);
    }
    this.schedule(earliest);
  }

  private schedule(at: number) {
    if (this.stopped || at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.flushing = this.flushing.then(() => this.flush());
    }, Math.max(0, at - Date.now()));
  }

  private async flush(): Promise<void> {
    const now = Date.now();
    const byTenant = new Map<string, string[]>();
    let next = Infinity;
    for (const [k, at] of this.due) {
      if (at > now + 2) {
        next = Math.min(next, at);
        continue;
      }
      this.due.delete(k);
      this.lastSent.set(k, now);
      const [tenant, queue] = k.split('\u001f') as [string, string];
      let list = byTenant.get(tenant);
      if (!list) byTenant.set(tenant, (list = []));
      list.push(queue);
    }
    await Promise.all(
      [...byTenant].map(async ([tenant, queues]) => {
        try {
          this.opts.publish(tenant, await this.opts.build(tenant, queues));
        } catch (err) {
          // The store is away: try again next interval rather than lose the change.
          this.opts.log?.(`live: snapshot of ${tenant} failed: ${(err as Error).message}`);
          for (const q of queues) this.due.set(key(tenant, q), now + this.opts.intervalMs);
          next = Math.min(next, now + this.opts.intervalMs);
        }
      }),
    );
    if (next < Infinity) this.schedule(next);
  }

  private async refreshAll(): Promise<void> {
    try {
      for (const [tenant, queues] of await this.opts.allQueues()) this.markDirty(tenant, queues);
    } catch (err) {
      this.opts.log?.(`live: refresh failed: ${(err as Error).message}`);
    }
  }
}
