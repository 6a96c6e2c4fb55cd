/** History: interval statistics, rolling windows, and tenant totals. */
import { STEPS } from '../../engine/time.ts';
import { IntervalRangeError, intervalStats, windowStats, type AgentSeconds, type IntervalStats } from '../../reports/intervals.ts';
import type { QueueGroupTotals, TenantTotals } from '../../live/snapshot.ts';
import { builder } from '../builder.ts';
import { canReadQueue, queueScope } from '../../auth/principal.ts';
import { badInput, forbidden, requireRead, type GraphQLContext } from '../context.ts';
import { AgentCountsRef, QueueRef, QueueStatsRef, StatsRef } from './queue.ts';

export const StepEnum = builder.enumType('Step', {
  description: 'Interval width: 10 s, 1 min, 15 min (the planning interval), 1 h, 1 day. Aligned to the tenant time zone.',
  values: STEPS,
});

const AwayReasonRef = builder.objectRef<{ reason: string; seconds: number }>('AwayReasonSeconds').implement({
  fields: (t) => ({ reason: t.exposeString('reason'), seconds: t.exposeFloat('seconds') }),
});

const AgentSecondsRef = builder.objectRef<AgentSeconds>('AgentSeconds').implement({
  description: 'Agent time spent in the interval, in seconds (offline time is not kept).',
  fields: (t) => ({
    available: t.exposeFloat('available'),
    busy: t.exposeFloat('busy'),
    wrapup: t.exposeFloat('wrapup'),
    away: t.exposeFloat('away'),
    awayByReason: t.field({ type: [AwayReasonRef], resolve: (a) => a.awayByReason }),
  }),
});

const IntervalStatsRef = builder.objectRef<IntervalStats>('IntervalStats').implement({
  description: 'Contacts that entered the queue in the interval starting at `start` (metrics.md), and agent time spent in it.',
  interfaces: [StatsRef],
  fields: (t) => ({
    start: t.field({ type: 'DateTime', resolve: (s) => s.start }),
    maxWaitSeconds: t.exposeFloat('maxWaitSeconds', { nullable: true, description: 'Longest wait of any contact of the interval that has left the queue.' }),
    occupancy: t.exposeFloat('occupancy', {
      nullable: true,
      description: '(busy + wrap-up) / (busy + wrap-up + available) agent time. Per queue from 15 minutes up; all queues (each agent once) from 1 minute up.',
    }),
    agentSeconds: t.field({ type: AgentSecondsRef, resolve: (s) => s.agentSeconds }),
  }),
});

/** A queue the caller may read (an embed token narrowed to some queues may not read the others). */
function requireQueue<Q extends string | null>(ctx: GraphQLContext, tenant: string, queue: Q): Q {
  if (queue !== null && !canReadQueue(ctx.principal, tenant, queue)) throw forbidden(`not allowed to read queue "${queue}" of tenant "${tenant}"`);
  return queue;
}

builder.queryField('intervals', (t) =>
  t.field({
    type: [IntervalStatsRef],
    description: 'Interval statistics of a queue, or of all queues of the tenant (of one channel) summed. Intervals with neither contacts nor agent time are omitted.',
    args: {
      tenant: t.arg.id({ required: true }),
      queue: t.arg.id({ description: 'Omit for all queues of the tenant.' }),
      channel: t.arg.string({ description: 'With no queue: only queues of this channel.' }),
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      step: t.arg({ type: StepEnum, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const tenant = requireRead(ctx, String(args.tenant));
      const queue = args.queue == null ? null : String(args.queue);
      if (queueScope(ctx.principal, tenant) !== 'all' && queue === null) {
        throw forbidden(`this token sees only some queues of tenant "${tenant}": ask for one of them (queue)`);
      }
      requireQueue(ctx, tenant, queue);
      try {
        return await intervalStats(ctx.services.store, ctx.services.settings, {
          tenant,
          queue,
          channel: args.channel ?? null,
          from: args.from,
          to: args.to,
          step: args.step,
        });
      } catch (err) {
        if (err instanceof IntervalRangeError) throw badInput('from/to', err.message);
        throw err;
      }
    },
  }),
);

builder.objectField(QueueRef, 'window', (t) =>
  t.field({
    type: QueueStatsRef,
    description: 'Contacts that entered the queue in the last `minutes` (1 to 1440), exact to 10 s.',
    args: { minutes: t.arg.int({ required: true }) },
    resolve: (q, { minutes }, ctx) => {
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw badInput('minutes', 'must be a whole number from 1 to 1440');
      return windowStats(ctx.services.store, ctx.services.settings, q.tenant, q.id, minutes, ctx.services.clock());
    },
  }),
);

builder.queryField('queue', (t) =>
  t.field({
    type: QueueRef,
    nullable: true,
    description: 'One queue as it is now; null when the tenant has no such queue.',
    args: { tenant: t.arg.id({ required: true }), id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = requireRead(ctx, String(args.tenant));
      const id = requireQueue(ctx, tenant, String(args.id));
      if (!(await ctx.services.settings.tenant(tenant)).queues.has(id)) return null;
      const [snapshot] = await ctx.services.snapshots(tenant, [id]);
      return snapshot ?? null;
    },
  }),
);

const QueueGroupRef = builder.interfaceRef<QueueGroupTotals>('QueueGroupTotals').implement({
  description: 'Totals of a group of queues. Each agent counts once, whatever the number of its queues.',
  fields: (t) => ({
    waiting: t.exposeInt('waiting'),
    longestWaitSeconds: t.exposeFloat('longestWaitSeconds'),
    oldestQueuedAt: t.field({ type: 'DateTime', nullable: true, resolve: (g) => g.oldestQueuedAt }),
    agents: t.field({ type: AgentCountsRef, resolve: (g) => g.agents }),
    today: t.field({ type: QueueStatsRef, resolve: (g) => g.today }),
  }),
});

const ChannelTotalsRef = builder.objectRef<QueueGroupTotals & { channel: string }>('ChannelTotals').implement({
  interfaces: [QueueGroupRef],
  fields: (t) => ({ channel: t.exposeString('channel') }),
});

const TenantTotalsRef = builder.objectRef<TenantTotals>('TenantTotals').implement({
  description: 'The "all queues" row of a tenant, and one per channel.',
  interfaces: [QueueGroupRef],
  fields: (t) => ({
    tenant: t.exposeID('tenant'),
    asOf: t.field({ type: 'DateTime', resolve: (x) => x.asOf }),
    channels: t.field({ type: [ChannelTotalsRef], resolve: (x) => x.channels }),
  }),
});

builder.queryField('tenantTotals', (t) =>
  t.field({
    type: TenantTotalsRef,
    args: { tenant: t.arg.id({ required: true }) },
    description: 'For a token narrowed to some queues (a client embed), the totals of those queues.',
    resolve: (_root, args, ctx) => {
      const tenant = requireRead(ctx, String(args.tenant));
      const scope = queueScope(ctx.principal, tenant);
      return ctx.services.totals(tenant, scope === 'all' ? undefined : scope);
    },
  }),
);
