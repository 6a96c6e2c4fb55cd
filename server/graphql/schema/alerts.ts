/** SLA alerts: rules, alerts with their lifecycle, acknowledgement, and live changes. */
import { randomUUID } from 'node:crypto';
import { AlertNotFoundError, alertTenant } from '../../alerts/engine.ts';
import { ALERT_STATES, AlertStateError, type Alert, type AlertState } from '../../alerts/lifecycle.ts';
import { ALERT_METRICS, COMPARATORS, SEVERITIES, ruleFromInput, ruleInput, type AlertRule } from '../../alerts/rules.ts';
import { canConfigure, canRead } from '../../auth/principal.ts';
import { withoutNulls } from '../../engine/settings-schema.ts';
import { listenLive } from '../../live/pubsub.ts';
import { recordAudit } from '../../audit/record.ts';
import { changes } from '../../audit/summary.ts';
import { builder } from '../builder.ts';
import { badInput, forbidden, requireConfigure, requireRead, visibleTenants, type GraphQLContext } from '../context.ts';

const MetricEnum = builder.enumType('AlertMetric', { values: ALERT_METRICS });
const ComparatorEnum = builder.enumType('AlertComparator', { values: COMPARATORS });
const SeverityEnum = builder.enumType('AlertSeverity', { values: SEVERITIES });
const StateEnum = builder.enumType('AlertState', {
  description: 'PENDING (breached, not yet for forSeconds) → FIRING → ACKNOWLEDGED → RESOLVED.',
  values: ALERT_STATES,
});

export const AlertRuleRef = builder.objectRef<AlertRule>('AlertRule').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    tenant: t.exposeID('tenant'),
    queue: t.exposeID('queue', { nullable: true, description: 'null: all queues of the tenant together.' }),
    metric: t.field({ type: MetricEnum, resolve: (r) => r.metric }),
    comparator: t.field({ type: ComparatorEnum, resolve: (r) => r.comparator }),
    threshold: t.exposeFloat('threshold', { description: 'Rates are fractions (0.8); times are seconds.' }),
    clearThreshold: t.exposeFloat('clearThreshold', { nullable: true, description: 'Hysteresis: a firing alert resolves once the value is back past it.' }),
    windowMinutes: t.exposeInt('windowMinutes', { nullable: true, description: 'Windowed metrics: the last N minutes; null: today.' }),
    forSeconds: t.exposeInt('forSeconds'),
    severity: t.field({ type: SeverityEnum, resolve: (r) => r.severity }),
    enabled: t.exposeBoolean('enabled'),
    isDefault: t.exposeBoolean('isDefault', { description: "Derived from the queue's service-level target; upsert its id to change it." }),
  }),
});

/** An alert with its rule, resolved once per request. */
type AlertView = Alert & { rule: AlertRule | null };

export const AlertRef = builder.objectRef<AlertView>('Alert').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    tenant: t.exposeID('tenant'),
    queue: t.exposeID('queue', { nullable: true }),
    rule: t.field({ type: AlertRuleRef, nullable: true, description: 'null when the rule has since been deleted.', resolve: (a) => a.rule }),
    state: t.field({ type: StateEnum, resolve: (a) => a.state }),
    severity: t.field({ type: SeverityEnum, nullable: true, resolve: (a) => a.rule?.severity ?? null }),
    value: t.exposeFloat('value', { nullable: true, description: 'The metric at the last state change.' }),
    since: t.field({ type: 'DateTime', description: 'When the condition began to hold.', resolve: (a) => a.since }),
    firedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.firedAt }),
    resolvedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.resolvedAt }),
    acknowledgedBy: t.string({ nullable: true, resolve: (a) => a.acknowledgement?.by ?? null }),
    acknowledgedAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.acknowledgement?.at ?? null }),
    acknowledgementNote: t.string({ nullable: true, resolve: (a) => a.acknowledgement?.note ?? null }),
    acknowledgedUntil: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.acknowledgement?.until ?? null }),
  }),
});

async function withRules(ctx: GraphQLContext, alerts: Alert[]): Promise<AlertView[]> {
  const rules = new Map<string, Map<string, AlertRule>>();
  for (const t of new Set(alerts.map((a) => a.tenant))) {
    rules.set(t, new Map((await ctx.services.alerts.rules(t)).map((r) => [r.id, r])));
  }
  return alerts.map((a) => ({ ...a, rule: rules.get(a.tenant)?.get(a.ruleId) ?? null }));
}

builder.queryField('alertRules', (t) =>
  t.field({
    type: [AlertRuleRef],
    description: "The rules in force: the tenant's own, and each queue's default service-level rule.",
    args: { tenant: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.alerts.rules(requireRead(ctx, String(args.tenant))),
  }),
);

builder.queryField('alerts', (t) =>
  t.field({
    type: [AlertRef],
    description: 'Alerts, newest change first: current ones, and resolved ones from the history.',
    args: { tenant: t.arg.id(), states: t.arg({ type: [StateEnum] }) },
    resolve: async (_root, args, ctx) => {
      const tenants = await visibleTenants(ctx, args.tenant == null ? null : String(args.tenant));
      const wanted = new Set<AlertState>(args.states ?? ['PENDING', 'FIRING', 'ACKNOWLEDGED']);
      const latest = new Map<string, Alert>();
      for (const tn of tenants) {
        const [current, history] = await Promise.all([
          ctx.services.store.currentAlerts(tn),
          wanted.has('RESOLVED') ? ctx.services.store.alertHistory(tn, 200) : Promise.resolve([]),
        ]);
        // History is newest first: the first sighting of an id is its latest state.
        for (const a of [...current, ...history]) if (!latest.has(a.id) || latest.get(a.id)!.changedAt < a.changedAt) latest.set(a.id, a);
      }
      const list = [...latest.values()].filter((a) => wanted.has(a.state)).sort((a, b) => b.changedAt - a.changedAt);
      return withRules(ctx, list);
    },
  }),
);

const AlertRuleInputRef = builder.inputType('AlertRuleInput', {
  fields: (t) => ({
    id: t.id({ description: 'Give an existing id (e.g. default:sl:<queue>) to change that rule; omit to create one.' }),
    tenant: t.id({ required: true }),
    queue: t.id({ description: 'Omit for all queues of the tenant together.' }),
    metric: t.field({ type: MetricEnum, required: true }),
    comparator: t.field({ type: ComparatorEnum, required: true }),
    threshold: t.float({ required: true }),
    clearThreshold: t.float(),
    windowMinutes: t.int(),
    forSeconds: t.int(),
    severity: t.field({ type: SeverityEnum }),
    enabled: t.boolean(),
  }),
});

builder.mutationField('upsertAlertRule', (t) =>
  t.field({
    type: AlertRuleRef,
    args: { input: t.arg({ type: AlertRuleInputRef, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireConfigure(ctx, String(input.tenant), 'change the alert rules');
      const parsed = ruleInput.safeParse(withoutNulls({ ...input, id: input.id == null ? undefined : String(input.id), tenant: String(input.tenant), queue: input.queue == null ? undefined : String(input.queue) }));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw badInput(`input.${issue.path.join('.')}`, issue.message);
      }
      const rule = ruleFromInput(parsed.data, parsed.data.id ?? `rule:${randomUUID()}`);
      const before = parsed.data.id == null ? undefined : (await ctx.services.alerts.rules(rule.tenant)).find((r) => r.id === rule.id);
      await ctx.services.store.putAlertRule(rule);
      void ctx.services.alerts.changed(rule.tenant);
      const { id: _id, tenant: _tenant, ...fields } = rule;
      await recordAudit(ctx, before ? 'ALERT_RULE_UPDATED' : 'ALERT_RULE_CREATED', { tenant: rule.tenant, target: rule.id, summary: before ? changes(before, fields) : fields });
      return rule;
    },
  }),
);

builder.mutationField('deleteAlertRule', (t) =>
  t.boolean({
    description: "Delete a rule. Deleting an override of a queue's default rule brings the default back; to silence it, upsert it with enabled: false.",
    args: { tenant: t.arg.id({ required: true }), id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = requireConfigure(ctx, String(args.tenant), 'change the alert rules');
      const id = String(args.id);
      const before = (await ctx.services.store.alertRules(tenant)).find((r) => r.id === id);
      const deleted = await ctx.services.store.deleteAlertRule(tenant, id);
      void ctx.services.alerts.changed(tenant);
      if (deleted) {
        const summary = before ? { queue: before.queue, metric: before.metric, comparator: before.comparator, threshold: before.threshold } : {};
        await recordAudit(ctx, 'ALERT_RULE_DELETED', { tenant, target: id, summary });
      }
      return deleted;
    },
  }),
);

builder.mutationField('acknowledgeAlert', (t) =>
  t.field({
    type: AlertRef,
    description: 'Acknowledge a firing alert: who (the token), a note, and optionally until when; then it fires again if still breaching.',
    args: { id: t.arg.id({ required: true }), note: t.arg.string(), until: t.arg({ type: 'DateTime' }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const tenant = alertTenant(id);
      if (!tenant || !canRead(ctx.principal, tenant)) throw badInput('id', `no alert ${id}`);
      // Acknowledging is a supervisor's act: ADMIN or SUPERVISOR of the tenant.
      if (!canConfigure(ctx.principal, tenant)) throw forbidden(`not allowed to acknowledge alerts of tenant "${tenant}"`);
      if (args.note != null && args.note.length > 2000) throw badInput('note', 'must be at most 2000 characters');
      try {
        const alert = await ctx.services.alerts.acknowledge(id, { by: ctx.principal.name, note: args.note ?? null, until: args.until ?? null });
        await recordAudit(ctx, 'ALERT_ACKNOWLEDGED', {
          tenant,
          target: id,
          summary: { rule: alert.ruleId, queue: alert.queue, note: args.note ?? null, until: args.until == null ? null : new Date(args.until).toISOString() },
        });
        return (await withRules(ctx, [alert]))[0]!;
      } catch (err) {
        if (err instanceof AlertNotFoundError) throw badInput('id', err.message);
        if (err instanceof AlertStateError) throw badInput(err.message.includes('until') ? 'until' : 'id', err.message);
        throw err;
      }
    },
  }),
);

builder.subscriptionField('alertChanged', (t) =>
  t.field({
    type: AlertRef,
    description: 'The alerts in force first (PENDING, FIRING, ACKNOWLEDGED), then each state change of an alert the caller may see.',
    args: { tenant: t.arg.id() },
    subscribe: async (_root, args, ctx) => {
      const tenant = args.tenant == null ? null : String(args.tenant);
      const tenants = await visibleTenants(ctx, tenant);
      const it = listenLive(ctx.services.pubSub, 'alerts', ctx.principal, tenant, tenants);
      const first = it.next(); // listening before the current state is read: nothing in between is lost
      const current = (await Promise.all(tenants.map((tn) => ctx.services.store.currentAlerts(tn)))).flat().filter((a) => a.state !== 'RESOLVED');
      return (async function* () {
        try {
          // The alerts in force first, as queueUpdated sends current snapshots: a reconnecting
          // screen needs no separate query.
          for (const a of current.sort((x, y) => x.changedAt - y.changedAt)) yield a;
          for (let r = await first; !r.done; r = await it.next()) if (canRead(ctx.principal, r.value.tenant)) yield r.value;
        } finally {
          await it.return?.();
        }
      })();
    },
    resolve: async (alert: Alert, _args, ctx) => (await withRules(ctx, [alert]))[0]!,
  }),
);
