/**
 * Agent records of the tenants this instance aggregates, as its own commits left them.
 *
 * Why: an agent's record holds hours of work (a few KB of JSON). Each batch read the records it
 * touched back from Redis and parsed them, and every live snapshot read and parsed the tenant's
 * whole agents hash, several times a second per tenant under load (README, Benchmarks). The
 * lease holder is the only writer of a tenant's agent records (commits are fenced by the lease),
 * so while it holds the lease under one token, what it committed last is what Redis holds.
 *
 * Scoped to a tenure: an entry belongs to one lease token; under any other token (the lease lost
 * and taken again, perhaps after another instance wrote) it is discarded. A batch that loaded
 * records and did not commit (an error anywhere between) leaves the entry `dirty` and the next
 * load discards it, since the fold updates records in place. Bounded: least recently used
 * tenants are dropped past `maxRecords`.
 */
import type { AgentRecord } from '../../engine/agent.ts';

export interface TenantAgents {
  readonly token: string;
  /** Agent id → its record as committed (or being folded by the batch under way); null: none in Redis. */
  readonly records: Map<string, AgentRecord | null>;
  /** Every agent of the tenant is in `records` (read whole once): `agents()` needs no read. */
  complete: boolean;
  /** A batch loaded records from this entry and has not committed yet. */
  dirty: boolean;
}

export class AgentCache {
  /** In order of use, least recent first. */
  private readonly tenants = new Map<string, TenantAgents>();

  constructor(private readonly maxRecords = 50_000) {}

  /** The tenant's entry under `token`, if there is one (without counting as a use). */
  peek(tenant: string, token: string | null): TenantAgents | undefined {
    const e = this.tenants.get(tenant);
    return e && e.token === token ? e : undefined;
  }

  /**
   * The entry a batch folds from: the tenant's under `token`, or a new empty one (another
   * tenure's, or one a batch left dirty, is discarded). Marked dirty until `committed`.
   */
  forBatch(tenant: string, token: string): TenantAgents {
    let e = this.tenants.get(tenant);
    if (e && (e.token !== token || e.dirty)) e = undefined;
    e ??= { token, records: new Map(), complete: false, dirty: false };
    e.dirty = true;
    this.use(tenant, e);
    return e;
  }

  /** The batch folded from `e` is committed: its records are what Redis holds now. */
  committed(tenant: string, e: TenantAgents, records: Iterable<[string, AgentRecord]>): void {
    if (this.tenants.get(tenant) !== e) return;
    for (const [id, r] of records) e.records.set(id, r);
    e.dirty = false;
    this.use(tenant, e);
  }

  /**
   * The tenant's whole agents hash as read while `token` held: fills in the agents the entry
   * lacks (those it has are as new or newer: this instance wrote them) and makes it complete.
   */
  fill(tenant: string, token: string, all: Map<string, AgentRecord>): void {
    const e = this.tenants.get(tenant) ?? { token, records: new Map(), complete: false, dirty: false };
    if (e.token !== token) return;
    for (const [id, r] of all) if (!e.records.has(id)) e.records.set(id, r);
    e.complete = true;
    this.use(tenant, e);
  }

  drop(tenant: string): void {
    this.tenants.delete(tenant);
  }

  private use(tenant: string, e: TenantAgents): void {
    this.tenants.delete(tenant);
    this.tenants.set(tenant, e);
    let size = 0;
    for (const x of this.tenants.values()) size += x.records.size;
    for (const [t, x] of this.tenants) {
      if (size <= this.maxRecords || x === e) break;
      this.tenants.delete(t);
      size -= x.records.size;
    }
  }
}
