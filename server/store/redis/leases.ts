/**
 * Which instance aggregates which tenant. Aggregation reads and rewrites a tenant's records, so
 * a tenant is folded by one instance at a time: the holder of its lease (`{tenant}:lease`, a
 * fencing token with a PX expiry, lease-scripts.ts). Each instance, every third of a lease:
 *
 * 1. renews the leases it holds (a renewal that finds another token means the lease ran out and
 *    was taken: the tenant is dropped at once);
 * 2. heartbeats in the instance registry (`instances`, one hash: instance → when it last beat,
 *    how many tenants it holds; read whole, a single-key read, fine on a cluster);
 * 3. balances: takes free tenants up to its fair share, ceil(tenants / live instances), and gives
 *    back what it holds beyond that share when others are alive, so a new instance gets work;
 *    and when some instance holds less than floor(tenants / live instances), the most loaded one
 *    gives one tenant back (so 4 tenants on 3 instances end 2-1-1, not 2-2-0);
 * 4. looks for entries of its tenants left pending with another consumer (read by an instance
 *    just before it lost the lease) and has them claimed.
 *
 * A lease counts as held until `validUntil`, a margin before it could have run out in Redis
 * (measured from when its renewal was sent): past that, this instance stops reading, committing
 * and evaluating alerts for the tenant even if Redis is unreachable to tell it so. Commits are
 * fenced in Redis as well (RedisStore.commit), so a paused process can never apply stale work.
 */
import type { RedisClient } from './client.ts';
import { AGGREGATOR_GROUP, type RedisKeys } from './keys.ts';

export interface LeaseOptions {
  instance: string;
  /** A lease not renewed for this long runs out (ms). */
  leaseMs: number;
  log?: (msg: string) => void;
  /** A tenant became ours: first take over whatever its group has pending. */
  onAcquired(tenant: string): void;
  /** A tenant is no longer ours (given back, run out, or taken). */
  onLost(tenant: string): void;
  /** A tenant we hold has entries pending with another consumer: claim them. */
  onStranded(tenant: string): void;
}

interface Held {
  token: string;
  validUntil: number;
}

/** FNV-1a: a stable, instance-specific order of tenants, so instances try different ones first. */
function rank(instance: string, tenant: string): number {
  let h = 0x811c9dc5;
  const s = `${instance}\u001f${tenant}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class TenantLeases {
  private readonly held = new Map<string, Held>();
  /** Tenants given back to balance the load, not to be taken again before this time (ms). */
  private readonly givenBack = new Map<string, number>();
  /** Instances seen holding less than their floor: id → the heartbeat that said so. */
  private readonly short = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | null = null;
  private again = false;
  private started = 0;
  private lastBeat = 0;
  private stopped = false;

  constructor(
    private readonly client: RedisClient,
    private readonly keys: RedisKeys,
    private readonly opts: LeaseOptions,
  ) {}

  get leaseMs(): number {
    return this.opts.leaseMs;
  }

  get running(): boolean {
    return this.started > 0 && !this.stopped;
  }

  /** Join: register, take a share of the tenants, and keep doing so every third of a lease. */
  start(): Promise<void> {
    if (this.started) return this.ticking ?? Promise.resolve();
    this.started = Date.now();
    this.timer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.opts.leaseMs / 3)));
    this.timer.unref();
    return this.tick();
  }

  /** The token this instance holds the tenant's lease under, or null. */
  token(tenant: string): string | null {
    const h = this.held.get(tenant);
    if (!h) return null;
    if (Date.now() >= h.validUntil) {
      this.drop(tenant);
      return null;
    }
    return h.token;
  }

  holds(tenant: string): boolean {
    return this.token(tenant) !== null;
  }

  /** The tenants held now. */
  tenants(): string[] {
    return [...this.held.keys()].filter((t) => this.holds(t));
  }

  /** Something may have changed (a tenant appeared): balance now rather than at the next tick. */
  nudge(): void {
    if (this.running) void this.tick();
  }

  /** Take a free lease at once (a commit of a batch that did not come from the log). */
  async acquireNow(tenant: string): Promise<string | null> {
    return (await this.acquire(tenant)) ? this.token(tenant) : null;
  }

  /** Leave: give every lease back so that the others take the tenants at once, and deregister. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking?.catch(() => {});
    const held = [...this.held];
    this.held.clear();
    await Promise.allSettled([
      ...held.map(([t, h]) => this.client.releaseLease(this.keys.lease(t), h.token)),
      ...(this.started ? [this.client.hDel(this.keys.instances, this.opts.instance)] : []),
    ]);
  }

  private tick(): Promise<void> {
    if (this.ticking) {
      this.again = true;
      return this.ticking;
    }
    this.ticking = (async () => {
      try {
        do {
          this.again = false;
          await this.round();
        } while (this.again && !this.stopped);
      } catch (err) {
        if (!this.stopped) this.opts.log?.(`leases: ${(err as Error).message}`);
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  private async round(): Promise<void> {
    if (this.stopped) return;
    await this.renew();
    const tenants = (await this.client.sMembers(this.keys.tenants)).map(String);
    // Balanced over the registered tenants only (a lease taken by acquireNow may be of another).
    const listed = new Set(tenants);
    const mine = this.tenants().filter((t) => listed.has(t));
    const others = await this.heartbeat(mine.length);
    const live = others.length + 1;
    const share = Math.ceil(tenants.length / live);
    const floor = Math.floor(tenants.length / live);
    const byRank = (a: string, b: string) => rank(this.opts.instance, a) - rank(this.opts.instance, b);
    if (mine.length > share && live > 1) {
      // Give back the ones this instance ranks last: the same ones each time, no flapping.
      await Promise.all(mine.sort(byRank).slice(share).map((t) => this.release(t)));
    } else if (mine.length > floor && this.stillShort(others, floor) && others.every((o) => o.held < mine.length || (o.held === mine.length && o.id > this.opts.instance))) {
      // Someone is short while this instance is the most loaded: one tenant goes back.
      await this.release(mine.sort(byRank).at(-1)!);
    } else if (mine.length < share) {
      const free = tenants.filter((t) => !this.held.has(t) && !((this.givenBack.get(t) ?? 0) > Date.now())).sort(byRank);
      let room = share - mine.length;
      // A few at a time: each is one small script, most fail fast where others hold the lease.
      for (let i = 0; i < free.length && room > 0 && !this.stopped; ) {
        const batch = free.slice(i, i + room);
        i += batch.length;
        room -= (await Promise.all(batch.map((t) => this.acquire(t)))).filter(Boolean).length;
      }
    }
    await this.findStranded();
    // What this instance holds after the round, for the others' balancing.
    await this.client.hSet(this.keys.instances, this.opts.instance, JSON.stringify({ at: this.lastBeat, held: this.tenants().filter((t) => listed.has(t)).length }));
  }

  /**
   * Is some instance short of its floor in two heartbeats running? One heartbeat may predate a
   * tenant it has just taken; giving one back on that would only move tenants back and forth.
   */
  private stillShort(others: { id: string; at: number; held: number }[], floor: number): boolean {
    let found = false;
    for (const o of others) {
      const seen = this.short.get(o.id);
      if (o.held >= floor) this.short.delete(o.id);
      else if (seen === undefined) this.short.set(o.id, o.at);
      else if (o.at > seen) found = true;
    }
    for (const id of this.short.keys()) if (!others.some((o) => o.id === id)) this.short.delete(id);
    return found;
  }

  /**
   * Beat (on Redis' clock: instances whose clocks disagree still agree on who is alive) and
   * return the other live instances with what they hold.
   */
  private async heartbeat(held: number): Promise<{ id: string; at: number; held: number }[]> {
    const [sec, usec] = await this.client.time();
    const now = Number(sec) * 1000 + Math.floor(Number(usec) / 1000);
    this.lastBeat = now;
    const { instances } = this.keys;
    await this.client.hSet(instances, this.opts.instance, JSON.stringify({ at: now, held }));
    const others: { id: string; at: number; held: number }[] = [];
    const gone: string[] = [];
    for (const [id, json] of Object.entries(await this.client.hGetAll(instances))) {
      if (id === this.opts.instance) continue;
      const beat = JSON.parse(String(json)) as { at: number; held: number };
      if (beat.at >= now - this.opts.leaseMs) others.push({ id, at: beat.at, held: beat.held });
      else if (beat.at < now - 10 * this.opts.leaseMs) gone.push(id);
    }
    if (gone.length) await this.client.hDel(instances, gone);
    return others;
  }

  private async renew(): Promise<void> {
    await Promise.all(
      [...this.held].map(async ([tenant, h]) => {
        const sent = Date.now();
        try {
          if (await this.client.renewLease(this.keys.lease(tenant), h.token, this.opts.leaseMs)) h.validUntil = this.validFrom(sent);
          else this.drop(tenant);
        } catch {
          // Redis away: the lease stays ours until validUntil; past it the tenant is dropped.
        }
      }),
    );
  }

  /** Held from `sent` (when the request left) on, a tenth of a lease short of its expiry in Redis. */
  private validFrom(sent: number): number {
    return sent + this.opts.leaseMs - Math.max(50, Math.floor(this.opts.leaseMs / 10));
  }

  private async acquire(tenant: string): Promise<boolean> {
    const sent = Date.now();
    // In its first lease period a restarted instance takes back the leases of its previous life.
    const adopt = this.started > 0 && sent - this.started < this.opts.leaseMs;
    const token = await this.client.acquireLease(this.keys.lease(tenant), this.keys.leaseSeq(tenant), this.opts.instance, this.opts.leaseMs, adopt);
    if (!token) return false;
    if (this.stopped) {
      await this.client.releaseLease(this.keys.lease(tenant), token);
      return false;
    }
    this.held.set(tenant, { token, validUntil: this.validFrom(sent) });
    this.opts.onAcquired(tenant);
    return true;
  }

  /** Give a tenant back for another instance to take: this one leaves it alone for a lease. */
  private async release(tenant: string): Promise<void> {
    const h = this.held.get(tenant);
    if (!h) return;
    this.drop(tenant);
    const now = Date.now();
    for (const [t, until] of this.givenBack) if (until <= now) this.givenBack.delete(t);
    this.givenBack.set(tenant, now + this.opts.leaseMs);
    await this.client.releaseLease(this.keys.lease(tenant), h.token);
  }

  /** A commit found the lease gone: stop treating the tenant as ours at once. */
  lost(tenant: string): void {
    this.drop(tenant);
  }

  private drop(tenant: string): void {
    if (this.held.delete(tenant)) this.opts.onLost(tenant);
  }

  private async findStranded(): Promise<void> {
    await Promise.all(
      this.tenants().map(async (tenant) => {
        try {
          const p = await this.client.xPending(this.keys.events(tenant), AGGREGATOR_GROUP);
          if (p.consumers?.some((c) => String(c.name) !== this.opts.instance && c.deliveriesCounter > 0)) this.opts.onStranded(tenant);
        } catch {
          // No group yet: nothing can be pending.
        }
      }),
    );
  }
}
