/** What a supervisor does to alerts: acknowledge one, switch a rule on or off. */
import { ACKNOWLEDGE_ALERT_MUTATION, UPSERT_ALERT_RULE_MUTATION } from './documents.ts';
import { GraphQLRequestError, query } from './graphql.ts';
import type { Alert, AlertRule } from './types.ts';

export async function acknowledgeAlert(
  args: { id: string; note: string; untilMs: number | null },
  token: string,
): Promise<Alert> {
  const note = args.note.trim();
  const variables = { id: args.id, note: note || null, until: args.untilMs === null ? null : new Date(args.untilMs).toISOString() };
  const { acknowledgeAlert: alert } = await query<{ acknowledgeAlert: Alert }>(ACKNOWLEDGE_ALERT_MUTATION, variables, token);
  return alert;
}

/** The upsert input that keeps every field of `rule` but `enabled`: upserting replaces the
 * whole rule, so leaving a field out would reset it to its default. */
export function ruleInput(rule: AlertRule, enabled: boolean): Record<string, unknown> {
  return {
    id: rule.id,
    tenant: rule.tenant,
    queue: rule.queue,
    metric: rule.metric,
    comparator: rule.comparator,
    threshold: rule.threshold,
    clearThreshold: rule.clearThreshold,
    windowMinutes: rule.windowMinutes,
    forSeconds: rule.forSeconds,
    severity: rule.severity,
    enabled,
  };
}

export async function setRuleEnabled(rule: AlertRule, enabled: boolean, token: string): Promise<AlertRule> {
  const { upsertAlertRule } = await query<{ upsertAlertRule: AlertRule }>(UPSERT_ALERT_RULE_MUTATION, { input: ruleInput(rule, enabled) }, token);
  return upsertAlertRule;
}

/**
 * True when the server refused the operation for the token's role (GraphQL FORBIDDEN). The
 * client's GraphQLRequestError keeps the server's message but not its error code, so this
 * reads the message, which for every FORBIDDEN the server raises starts "not allowed to" or
 * says the operation "needs an ADMIN token".
 */
export function isForbidden(err: unknown): boolean {
  return err instanceof GraphQLRequestError && /\bnot allowed to\b|\bneeds an? [A-Z]+ token\b/.test(err.message);
}

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
