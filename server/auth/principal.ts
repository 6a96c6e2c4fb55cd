/**
 * Who is calling, and what they may do. Tenancy is a boundary: every read, subscription and
 * ingest asks the principal, never a filter applied after the fact.
 */

export const ROLES = ['ADMIN', 'SUPERVISOR', 'PLANNER', 'VIEWER', 'INGEST'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Token id, or 'admin' for the ADMIN_TOKEN from the environment. */
  id: string;
  name: string;
  role: Role;
  /** Tenants in scope; 'all' for every tenant. */
  tenants: 'all' | ReadonlySet<string>;
  /** When the token stops working (epoch ms); absent: it works until revoked. */
  expiresAt?: number;
  /** Set for a client-embed token: a VIEWER of exactly this one tenant (server/auth/embed.ts). */
  embed?: EmbedScope;
}

/** What a client-embed token may see beyond its role: one tenant, and maybe only some queues. */
export interface EmbedScope {
  tenant: string;
  /** 'all': every queue of the tenant, those created later included. */
  queues: 'all' | ReadonlySet<string>;
}

export function inScope(p: Principal, tenant: string): boolean {
  return p.tenants === 'all' || p.tenants.has(tenant);
}

/** Read live and historical data of a tenant: every role but INGEST. */
export function canRead(p: Principal, tenant: string): boolean {
  return p.role !== 'INGEST' && inScope(p, tenant);
}

/** Post events and imports for a tenant. */
export function canIngest(p: Principal, tenant: string): boolean {
  return (p.role === 'ADMIN' || p.role === 'INGEST') && inScope(p, tenant);
}

/** Change a tenant's settings (queue thresholds, time zone). */
export function canConfigure(p: Principal, tenant: string): boolean {
  return (p.role === 'ADMIN' || p.role === 'SUPERVISOR') && inScope(p, tenant);
}

/** Forecasts, staffing and shift plans of a tenant. */
export function canPlan(p: Principal, tenant: string): boolean {
  return (p.role === 'ADMIN' || p.role === 'PLANNER' || p.role === 'SUPERVISOR') && inScope(p, tenant);
}

/**
 * Create, list and revoke a tenant's client-embed tokens: ADMIN, or SUPERVISOR of the tenant
 * (an account manager hands a client its dashboard without asking an admin). The same people
 * who change the tenant's settings, embed origins included; an embed token itself never can.
 */
export function canManageEmbeds(p: Principal, tenant: string): boolean {
  return canConfigure(p, tenant) && !p.embed;
}

/** The queues of `tenant` the principal may see: 'all', or an embed token's narrowed set. */
export function queueScope(p: Principal, tenant: string): 'all' | ReadonlySet<string> {
  if (!canRead(p, tenant)) return new Set();
  return p.embed ? p.embed.queues : 'all';
}

/** Read one queue: the tenant's readers, but an embed token narrowed to queues only those. */
export function canReadQueue(p: Principal, tenant: string, queue: string): boolean {
  const scope = queueScope(p, tenant);
  return scope === 'all' || scope.has(queue);
}

/**
 * Acts on no one tenant (API tokens, the global audit log): an ADMIN of every tenant. An ADMIN
 * token of some tenants administers those, and must not mint itself a token for all of them.
 */
export function isAdmin(p: Principal): boolean {
  return p.role === 'ADMIN' && p.tenants === 'all';
}

/** The tenants this principal may read, out of `known`. */
export function readableTenants(p: Principal, known: readonly string[]): string[] {
  return known.filter((t) => canRead(p, t));
}
