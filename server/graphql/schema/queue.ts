/** Queues: live snapshots by query and by subscription. */
import { canReadQueue } from '../../auth/principal.ts';
import { ACTIVITIES } from '../../engine/agent.ts';
import type { QueueStats } from '../../engine/metrics.ts';
import { SERVICE_LEVEL_FORMULAS, type QueueSettings } from '../../engine/settings.ts';
import { listenLive } from '../../live/pubsub.ts';
import type { AgentCounts, QueueSnapshot } from '../../live/snapshot.ts';
import { builder } from '../builder.ts';
import { forbidden, visibleTenants, type GraphQLContext } from '../context.ts';
import './scalars.ts';

export const ServiceLevelFormula = builder.enumType('ServiceLevelFormula', {
  description: 'How the service level is computed (shared/design/metrics.md).',
  values: SERVICE_LEVEL_FORMULAS,
});

/** The numbers of a period, shared by QueueStats (today, rolling windows) and IntervalStats. */
export const StatsRef = builder.interfaceRef<QueueStats>('Stats').implement({
  description: 'Counts and metrics of contacts that entered the queue in a period. Rates are fractions 0..1; null where undefined.',
  fields: (t) => ({
    offered: t.exposeInt('offered'),
    answered: t.exposeInt('answered'),
    answeredWithinThreshold: t.exposeInt('answeredWithinThreshold'),
    abandoned: t.exposeInt('abandoned'),
    shortAbandoned: t.exposeInt('shortAbandoned'),
    overflowed: t.exposeInt('overflowed'),
    handled: t.exposeInt('handled'),
    transferredOut: t.exposeInt('transferredOut'),
    escalated: t.exposeInt('escalated'),
    serviceLevel: t.exposeFloat('serviceLevel', { nullable: true }),
    asaSeconds: t.exposeFloat('asaSeconds', { nullable: true }),
    ahtSeconds: t.exposeFloat('ahtSeconds', { nullable: true }),
    abandonRate: t.exposeFloat('abandonRate', { nullable: true }),
    abandonRateExclShort: t.exposeFloat('abandonRateExclShort', { nullable: true }),
    averageAbandonWaitSeconds: t.exposeFloat('averageAbandonWaitSeconds', { nullable: true }),
    serviceLevelFormula: t.field({ type: ServiceLevelFormula, resolve: (s) => s.serviceLevelFormula }),
    thresholdSeconds: t.exposeInt('thresholdSeconds'),
    shortAbandonSeconds: t.exposeInt('shortAbandonSeconds'),
    label: t.exposeString('label', { description: 'The basis as text, e.g. "80/20 · short abandons < 5 s excluded".' }),
  }),
});

export const QueueStatsRef = builder.objectRef<QueueStats>('QueueStats').implement({
  description: 'Contacts that entered the queue in a period (today, a rolling window).',
  interfaces: [StatsRef],
  fields: () => ({}),
});

export const AgentCountsRef = builder.objectRef<AgentCounts>('AgentCounts').implement({
  description: 'Agents by activity now. An agent serving several queues counts in each.',
  fields: (t) => Object.fromEntries(ACTIVITIES.map((a) => [a, t.exposeInt(a)])) as Record<(typeof ACTIVITIES)[number], ReturnType<typeof t.exposeInt>>,
});

export const QueueSettingsRef = builder.objectRef<QueueSettings & { label: string }>('QueueSettings').implement({
  fields: (t) => ({
    name: t.exposeString('name'),
    channel: t.exposeString('channel'),
    language: t.exposeString('language', { nullable: true }),
    thresholdSeconds: t.exposeInt('thresholdSeconds'),
    targetServiceLevel: t.exposeFloat('targetServiceLevel'),
    shortAbandonSeconds: t.exposeInt('shortAbandonSeconds'),
    serviceLevelFormula: t.field({ type: ServiceLevelFormula, resolve: (s) => s.serviceLevelFormula }),
    label: t.exposeString('label'),
  }),
});

const QueueFollowUpsRef = builder.objectRef<QueueSnapshot['followUps']>('QueueFollowUps').implement({
  fields: (t) => ({
    open: t.exposeInt('open'),
    dueSoon: t.exposeInt('dueSoon'),
    overdue: t.exposeInt('overdue'),
    metOnTimeRate: t.exposeFloat('metOnTimeRate', { nullable: true }),
  }),
});

export const QueueRef = builder.objectRef<QueueSnapshot>('Queue').implement({
  description: 'A queue of a tenant as it is now.',
  fields: (t) => ({
    id: t.exposeID('id'),
    tenant: t.exposeID('tenant'),
    name: t.exposeString('name'),
    channel: t.exposeString('channel'),
    language: t.exposeString('language', { nullable: true }),
    waiting: t.exposeInt('waiting', { description: 'Contacts in the queue now.' }),
    longestWaitSeconds: t.exposeFloat('longestWaitSeconds', { description: 'How long the oldest waiting contact has waited, at asOf.' }),
    oldestQueuedAt: t.field({ type: 'DateTime', nullable: true, resolve: (q) => q.oldestQueuedAt }),
    asOf: t.field({ type: 'DateTime', description: 'When this snapshot was computed.', resolve: (q) => q.asOf }),
    agents: t.field({ type: AgentCountsRef, resolve: (q) => q.agents }),
    today: t.field({ type: QueueStatsRef, description: 'Since midnight in the tenant time zone.', resolve: (q) => q.today }),
    settings: t.field({ type: QueueSettingsRef, resolve: (q) => q.settings }),
    followUps: t.field({ type: QueueFollowUpsRef, description: 'Follow-ups of the queue now.', resolve: (q) => q.followUps }),
  }),
});

builder.queryField('queues', (t) =>
  t.field({
    type: [QueueRef],
    description: 'The queues the caller may see, or one tenant\'s.',
    args: { tenant: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const tenants = await visibleTenants(ctx, args.tenant == null ? null : String(args.tenant));
      const all = await Promise.all(tenants.map((tn) => ctx.services.snapshots(tn)));
      // An embed token narrowed to some queues sees those only.
      return all.flat().filter((s) => canReadQueue(ctx.principal, s.tenant, s.id));
    },
  }),
);

/**
 * The current snapshot of every matching queue, then one whenever a queue changes. The topic
 * is listened to before the current state is read, so no change in between is lost; a snapshot
 * older than one already sent is dropped.
 */
async function* queueUpdates(ctx: GraphQLContext, tenant: string | null, ids: readonly string[] | null): AsyncGenerator<QueueSnapshot> {
  const tenants = await visibleTenants(ctx, tenant);
  const p = ctx.principal;
  const outside = (ids ?? []).filter((id) => !tenants.some((tn) => canReadQueue(p, tn, id)));
  if (outside.length) throw forbidden(`not allowed to read queue ${outside.map((q) => `"${q}"`).join(', ')}${tenant ? ` of tenant "${tenant}"` : ''}`);
  const it = listenLive(ctx.services.pubSub, 'queues', p, tenant, tenants);
  const pending = it.next(); // starts listening now
  const wanted = ids ? new Set(ids) : null;
  const sentAt = new Map<string, number>();
  const fresh = (s: QueueSnapshot) => {
    const k = `${s.tenant}\u001f${s.id}`;
    if ((sentAt.get(k) ?? -Infinity) > s.asOf) return false;
    sentAt.set(k, s.asOf);
    return true;
  };
  try {
    const current = (await Promise.all(tenants.map((tn) => ctx.services.snapshots(tn, undefined)))).flat();
    for (const s of current) if (canReadQueue(p, s.tenant, s.id) && (!wanted || wanted.has(s.id)) && fresh(s)) yield s;
    for (let r = await pending; !r.done; r = await it.next()) {
      for (const s of r.value) {
        if (!canReadQueue(p, s.tenant, s.id) || (wanted && !wanted.has(s.id)) || !fresh(s)) continue;
        yield s;
      }
    }
  } finally {
    await it.return?.();
  }
}

builder.subscriptionType({
  fields: (t) => ({
    queueUpdated: t.field({
      type: QueueRef,
      description: 'Current snapshots first, then a new snapshot of a queue whenever it changes (coalesced per tick).',
      args: { tenant: t.arg.id(), ids: t.arg.idList() },
      subscribe: (_root, args, ctx) =>
        queueUpdates(ctx, args.tenant == null ? null : String(args.tenant), args.ids ? args.ids.map(String) : null),
      resolve: (s: QueueSnapshot) => s,
    }),
  }),
});
