/**
 * The audit log of administrative acts (issue 9): who did what to which thing, when. Entries
 * are written by the code path of the act itself, after the act succeeded, so an act that
 * failed leaves no entry. A summary says what changed and never holds a secret.
 */

/** Every act the log knows. To audit a new act, add its name here and call `recordAudit`. */
export const AUDIT_ACTIONS = [
  'TOKEN_CREATED',
  'TOKEN_REVOKED',
  'ALERT_RULE_CREATED',
  'ALERT_RULE_UPDATED',
  'ALERT_RULE_DELETED',
  'ALERT_ACKNOWLEDGED',
  'TENANT_SETTINGS_CHANGED',
  'QUEUE_SETTINGS_CHANGED',
  'FOLLOWUP_POLICY_CHANGED',
  'BUSINESS_HOURS_CHANGED',
  'WEBHOOK_CREATED',
  'WEBHOOK_UPDATED',
  'WEBHOOK_DELETED',
  'FOLLOWUP_ASSIGNED',
  'FOLLOWUP_COMPLETED',
  'FOLLOWUP_CANCELLED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The caller who acted, as its token said at the time (a token renamed later keeps its old name here). */
export interface AuditActor {
  /** Token id, or 'admin' for the ADMIN_TOKEN of the environment. */
  id: string;
  name: string;
  role: string;
}

export interface AuditEntry {
  id: string;
  /** Epoch ms, by the server's clock. */
  at: number;
  actor: AuditActor;
  /** The tenant acted on; null for acts on no one tenant (API tokens). */
  tenant: string | null;
  action: AuditAction;
  /** Id of the thing acted on: token, rule, alert, queue, webhook, follow-up, or the tenant itself. */
  target: string;
  /** What changed, small and secret-free (see summary.ts). */
  summary: Record<string, unknown>;
}

/** Entries kept per log (each tenant's, and the global one that holds every act). */
export const AUDIT_LOG_CAP = 10_000;
