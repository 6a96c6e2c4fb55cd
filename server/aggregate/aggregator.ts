/**
 * The aggregation loop: read the event log in batches, fold each tenant batch into a commit
 * with the pure engine, persist it together with the acknowledgement, and tell the live
 * publisher which queues changed. With several instances on one Redis, the store hands each
 * instance the tenants whose lease it holds; a batch whose lease was lost before its commit is
 * refused by the store (LeaseLostError) and left to the tenant's new holder.
 */
import { aggregate, touchedKeys, type Commit, type Tier } from '../engine/aggregate.ts';
import { defaultQueueSettings } from '../engine/settings.ts';
import { LeaseLostError, type LogBatch, type Store } from '../store/port.ts';
import type { SettingsCache } from './settings-cache.ts';

export interface AggregatorOptions {
  store: Store;
  settings: SettingsCache;
  tiers: readonly Tier[];
  clock: () => number;
  /** Called after each committed batch (its dirty queues, its follow-ups, its changed agents). */
  onCommitted?: (tenant: string, commit: Commit) => void;
  log?: (msg: string) => void;
  batchSize?: number;
  blockMs?: number;
  /** A round of batches reads again after this long (ms), so new work of other tenants is not kept waiting. */
  roundMs?: number;
  /** Batches of different tenants applied at once (each tenant's stay in order: a round holds one per tenant). */
  parallel?: number;
}

export const DEFAULT_ROUND_MS = 25;
/**
 * Entries read per tenant at a time. A quiet tenant's event waits for the batch under way, so
 * smaller is fairer; 1,000 rather than 2,000 took p99 for a quiet tenant under 20,000 events/s
 * from about 270 ms to 180 ms for a few per cent of throughput (README, Benchmarks).
 */
export const DEFAULT_BATCH = 1000;
/**
 * One batch at a time left both sides idle in turn: the server waiting for a commit script to
 * run, Redis waiting for the next fold. Two tenants' batches at once keep both busy.
 */
export const DEFAULT_PARALLEL = 2;

export class Aggregator {
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly opts: AggregatorOptions) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.opts.store.wakeReaders();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    // Batches read but not yet applied: a round that ran out of time leaves them to the next,
    // at most one per tenant (their tenants are not read again until they are applied).
    let carried: LogBatch[] = [];
    while (this.running) {
      try {
        const fresh = await this.opts.store.readLog({
          count: this.opts.batchSize ?? DEFAULT_BATCH,
          blockMs: carried.length ? 0 : (this.opts.blockMs ?? 1000),
          skip: new Set(carried.map((b) => b.tenant)),
        });
        // Smallest first: a quiet tenant's few events are not held up behind busy tenants' batches.
        const round = [...carried, ...fresh].sort((x, y) => x.ids.length - y.ids.length);
        // Emptied first: after a failed round, what it held has been handed out again.
        carried = [];
        carried = await this.applyRound(round);
        failures = 0;
      } catch (err) {
        if (!this.running) break;
        // Redis away or a transient failure: entries stay pending and are read again.
        failures++;
        if (failures === 1 || failures % 20 === 0) this.opts.log?.(`aggregator: ${(err as Error).message}; retrying`);
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** failures, 2000)));
      }
    }
  }

  /**
   * Apply a round's batches (one per tenant, smallest first), `parallel` at a time. Once the
   * round's time is up no more are started: they are returned, to be applied after the next read,
   * so that a tenant whose events came in meanwhile waits for the batches under way and not for
   * every busy tenant's (fairness).
   */
  private async applyRound(round: LogBatch[]): Promise<LogBatch[]> {
    const started = performance.now();
    const roundMs = this.opts.roundMs ?? DEFAULT_ROUND_MS;
    const inFlight = new Set<Promise<void>>();
    let failure: { err: unknown } | undefined;
    let first = true;
    while (round.length > 0 || inFlight.size > 0) {
      while (round.length > 0 && inFlight.size < (this.opts.parallel ?? DEFAULT_PARALLEL) && !failure && (first || performance.now() - started < roundMs)) {
        first = false;
        const batch = round.shift()!;
        const p: Promise<void> = this.applyOrYield(batch)
          .catch((err: unknown) => {
            // The store went away mid-batch: its entries go out again (else they would stay
            // pending with this consumer until a restart or a lease change).
            this.opts.store.redeliver(batch.tenant);
            failure ??= { err };
          })
          .finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight);
    }
    if (failure) {
      // What this round read and did not start goes out again too.
      for (const b of round) this.opts.store.redeliver(b.tenant);
      throw failure.err;
    }
    return round;
  }

  private async applyOrYield(batch: LogBatch): Promise<void> {
    try {
      await this.apply(batch);
    } catch (err) {
      // Not a failure: the tenant moved to another instance, which claims these entries.
      if (!(err instanceof LeaseLostError)) throw err;
      this.opts.log?.(`aggregator: ${err.message}`);
    }
  }

  /** Fold one tenant batch and commit it with its acknowledgement. */
  async apply(batch: LogBatch): Promise<void> {
    const { store } = this.opts;
    const config = await this.opts.settings.tenant(batch.tenant);
    const touched = touchedKeys(batch.events);
    const state = await store.loadRecords(batch.tenant, touched);
    const commit = aggregate(batch.events, state, {
      timeZone: config.settings.timeZone,
      followUpPolicies: config.settings.followUpPolicies ?? [],
      tiers: this.opts.tiers,
      now: this.opts.clock(),
      settingsOf: (q, channel) => config.queues.get(q) ?? defaultQueueSettings(q, channel),
    });
    await store.commit(batch.tenant, commit, batch.ids, batch.fence);
    // A queue seen for the first time changes the tenant's queue list.
    if ([...commit.queues.keys()].some((q) => !config.queues.has(q))) this.opts.settings.invalidate(batch.tenant);
    if (commit.dirty.size || commit.followUps.size || commit.agents.size) this.opts.onCommitted?.(batch.tenant, commit);
  }
}
