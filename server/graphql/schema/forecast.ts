/** Forecasts: contacts, AHT and agents per interval from a queue's history (server/wfm). */
import { canPlan } from '../../auth/principal.ts';
import { WfmInputError } from '../../wfm/index.ts';
import { planQueue, type PlannedForecast, type PlannedPoint, type StaffingPolicy } from '../../wfm/queue-forecast.ts';
import type { QueueStaffingNow } from '../../wfm/staffing-now.ts';
import { builder } from '../builder.ts';
import { badInput, forbidden, requireRead } from '../context.ts';
import { StepEnum } from './intervals.ts';

const finite = (x: number) => (Number.isFinite(x) ? x : null);

const ForecastPointRef = builder.objectRef<PlannedPoint>('ForecastPoint').implement({
  fields: (t) => ({
    start: t.field({ type: 'DateTime', resolve: (p) => p.start }),
    contacts: t.exposeFloat('contacts', { description: 'Expected offered contacts.' }),
    ahtSeconds: t.exposeFloat('ahtSeconds', { nullable: true }),
    requiredAgents: t.exposeInt('requiredAgents', { description: 'Productive agents for the target (Erlang C or A).' }),
    scheduledAgents: t.exposeInt('scheduledAgents', { description: 'requiredAgents / (1 − shrinkage), rounded up.' }),
    actualContacts: t.exposeInt('actualContacts', { nullable: true, description: 'Offered so far in an interval already begun; null for one to come.' }),
  }),
});

const AccuracyRef = builder.objectRef<{ mase: number; wape: number; origins: number }>('ForecastAccuracy').implement({
  description: 'Day-ahead accuracy of the method over its last backtest (rolling origins, history strictly before each day).',
  // MASE is undefined (null) when its scale is: a history the one-week naive forecast fits exactly.
  fields: (t) => ({
    mase: t.float({ nullable: true, resolve: (a) => finite(a.mase) }),
    wape: t.float({ nullable: true, resolve: (a) => finite(a.wape) }),
    origins: t.exposeInt('origins'),
  }),
});

const CandidateRef = builder.objectRef<PlannedForecast['candidates'][number]>('ForecastCandidate').implement({
  fields: (t) => ({
    method: t.exposeString('method'),
    mase: t.float({ nullable: true, resolve: (c) => finite(c.mase) }),
    wape: t.float({ nullable: true, resolve: (c) => finite(c.wape) }),
  }),
});

const StaffingPolicyRef = builder.objectRef<StaffingPolicy>('StaffingPolicy').implement({
  fields: (t) => ({
    model: t.exposeString('model'),
    targetServiceLevel: t.exposeFloat('targetServiceLevel'),
    thresholdSeconds: t.exposeFloat('thresholdSeconds'),
    shrinkage: t.exposeFloat('shrinkage'),
    maxOccupancy: t.exposeFloat('maxOccupancy', { nullable: true }),
    patienceSeconds: t.exposeFloat('patienceSeconds', { nullable: true }),
    ahtSeconds: t.exposeFloat('ahtSeconds', { nullable: true, description: 'The AHT planned with instead of the forecast one, when given.' }),
    chatSlots: t.exposeInt('chatSlots', { description: 'Chats an agent holds at once (chat and messaging queues).' }),
  }),
});

const ForecastRef = builder.objectRef<PlannedForecast>('Forecast').implement({
  fields: (t) => ({
    method: t.exposeString('method', { description: 'The method the backtest chose (seasonal-naive, weekday-average, day-total-smoothing, svd-log, svd-sqrt).' }),
    accuracy: t.field({ type: AccuracyRef, nullable: true, resolve: (f) => f.accuracy }),
    candidates: t.field({ type: [CandidateRef], resolve: (f) => f.candidates }),
    staffing: t.field({ type: StaffingPolicyRef, resolve: (f) => f.staffing }),
    requirementModel: t.exposeString('requirementModel', {
      description: "How contacts become agents: ERLANG per interval (voice), CHAT (concurrency), WORK_IN_SLA_WINDOW (e-mail, or T of an hour or more).",
    }),
    points: t.field({ type: [ForecastPointRef], resolve: (f) => f.points }),
  }),
});

export const StaffingOverrides = builder.inputType('ForecastStaffingInput', {
  description: "What-if: plan with these instead of the queue's settings (target, T) and the defaults (Erlang C, 30 % shrinkage, 85 % occupancy cap).",
  fields: (t) => ({
    model: t.string({ description: 'ERLANG_C or ERLANG_A' }),
    targetServiceLevel: t.float(),
    thresholdSeconds: t.float(),
    shrinkage: t.float(),
    maxOccupancy: t.float(),
    patienceSeconds: t.float(),
    ahtSeconds: t.float(),
    chatSlots: t.int({ description: 'Chats an agent holds at once (default 2).' }),
  }),
});

builder.queryField('forecast', (t) =>
  t.field({
    type: ForecastRef,
    description: 'Contacts, AHT and agents per interval. asOf: use only history before that instant (audit a past forecast).',
    args: {
      tenant: t.arg.id({ required: true }),
      queue: t.arg.id({ required: true }),
      from: t.arg({ type: 'DateTime', required: true }),
      to: t.arg({ type: 'DateTime', required: true }),
      step: t.arg({ type: StepEnum, required: true }),
      asOf: t.arg({ type: 'DateTime' }),
      staffing: t.arg({ type: StaffingOverrides }),
      specialDays: t.arg.stringList({ description: 'Local dates YYYY-MM-DD left out of training.' }),
    },
    resolve: async (_root, args, ctx) => {
      const tenant = String(args.tenant);
      if (!canPlan(ctx.principal, tenant)) throw forbidden(`not allowed to plan for tenant "${tenant}"`);
      const stepMinutes = args.step === 'MIN15' ? 15 : args.step === 'HOUR1' ? 60 : null;
      if (stepMinutes === null) throw badInput('step', 'forecasts are made at MIN15 or HOUR1');
      if (!(args.to > args.from)) throw badInput('to', 'must be after from');
      if (args.to - args.from > 31 * 86_400_000) throw badInput('to', 'a forecast covers at most 31 days');
      const s = args.staffing ?? {};
      if (s.model != null && s.model !== 'ERLANG_C' && s.model !== 'ERLANG_A') throw badInput('staffing.model', 'must be ERLANG_C or ERLANG_A');
      const overrides: Partial<StaffingPolicy> = Object.fromEntries(Object.entries(s).filter(([, v]) => v != null));
      const now = ctx.services.clock();
      try {
        return await planQueue(ctx.services.store, ctx.services.settings, {
          tenant,
          queue: String(args.queue),
          from: args.from,
          to: args.to,
          stepMinutes,
          asOf: args.asOf ?? now,
          now,
          ...(args.specialDays ? { specialDays: args.specialDays } : {}),
          staffing: overrides,
        });
      } catch (err) {
        if (err instanceof WfmInputError) throw badInput(`staffing.${err.field}`, err.message.replace(`${err.field}: `, ''));
        if (err instanceof RangeError) throw badInput('from/to', err.message);
        throw err;
      }
    },
  }),
);

const StaffingNowRef = builder.objectRef<QueueStaffingNow>('QueueStaffingNow').implement({
  description: 'Staffed against required for the current 15-minute interval.',
  fields: (t) => ({
    queue: t.exposeID('queue'),
    intervalStart: t.field({ type: 'DateTime', resolve: (s) => s.intervalStart }),
    requiredAgents: t.exposeInt('requiredAgents', { description: "Productive agents the interval's forecast needs." }),
    scheduledAgents: t.exposeInt('scheduledAgents'),
    staffedAgents: t.exposeInt('staffedAgents', { description: 'Agents available, busy or in wrap-up now.' }),
    gap: t.exposeInt('gap', { description: 'staffed − required: negative when short.' }),
  }),
});

builder.queryField('staffingNow', (t) =>
  t.field({
    type: [StaffingNowRef],
    description: "The staffing gap of each queue now: its forecast's requirement for the current interval against the agents on the floor.",
    args: { tenant: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = requireRead(ctx, String(args.tenant));
      return ctx.services.staffingNow.forTenant(tenant, await ctx.services.snapshots(tenant), ctx.services.clock());
    },
  }),
);
