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

export function isAdmin(p: Principal): boolean {
  return p.role === 'ADMIN';
}

/** The tenants this principal may read, out of `known`. */
export function readableTenants(p: Principal, known: readonly string[]): string[] {
  return known.filter((t) => canRead(p, t));
}
