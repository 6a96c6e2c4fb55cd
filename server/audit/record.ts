/**
 * Writing and reading the audit log. `recordAudit` is the one call an act makes, after it
 * succeeded (an act that threw never reaches it, so it leaves no entry):
 *
 *   await recordAudit(ctx, 'WEBHOOK_DELETED', { tenant, target: id, summary: { url } });
 */
import { randomUUID } from 'node:crypto';
import { canConfigure, isAdmin, type Principal } from '../auth/principal.ts';
import type { Store } from '../store/port.ts';
import type { AuditAction, AuditEntry } from './entry.ts';
import { redact } from './summary.ts';

/** What an act needs to be recorded: the GraphQLContext has it. */
export interface AuditContext {
  principal: Principal;
  services: { store: Store; clock: () => number };
}

export async function recordAudit(
  ctx: AuditContext,
  action: AuditAction,
  what: { tenant: string | null; target: string; summary?: Record<string, unknown> },
): Promise<AuditEntry> {
  const { id, name, role } = ctx.principal;
  const entry: AuditEntry = {
    id: randomUUID(),
    at: ctx.services.clock(),
    actor: { id, name, role },
    tenant: what.tenant,
    action,
    target: what.target,
    summary: redact(what.summary ?? {}),
  };
  await ctx.services.store.appendAudit(entry);
  return entry;
}

export type AuditReadError = { forbidden: string };

/**
 * The entries a caller may read, newest first. ADMIN: one tenant's log, or with no tenant the
 * global log (every act, API tokens included). SUPERVISOR: the logs of its own tenants (one, or
 * all of them merged), never the global one: it sees who changed its floor, not who holds
 * which token. Anyone else: nothing.
 */
export async function readAudit(
  store: Store,
  principal: Principal,
  q: { tenant: string | null; limit: number; before?: number },
): Promise<AuditEntry[] | AuditReadError> {
  const opts = { limit: q.limit, ...(q.before != null ? { before: q.before } : {}) };
  if (q.tenant != null) {
    if (!canConfigure(principal, q.tenant)) return { forbidden: `not allowed to read the audit log of tenant "${q.tenant}"` };
    return store.auditLog(q.tenant, opts);
  }
  if (isAdmin(principal)) return store.auditLog(null, opts);
  if (principal.role !== 'SUPERVISOR') return { forbidden: 'the audit log is for ADMIN tokens (and SUPERVISOR tokens, for their tenants)' };
  const tenants = principal.tenants === 'all' ? await store.tenants() : [...principal.tenants];
  const logs = await Promise.all(tenants.map((t) => store.auditLog(t, opts)));
  return logs
    .flat()
    .sort((a, b) => b.at - a.at)
    .slice(0, q.limit);
}
