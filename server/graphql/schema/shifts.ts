/**
 * Shift plans: the shifts (by template, day and start) that cover a queue's forecast requirement
 * with the least paid time, solved by HiGHS (server/wfm/shifts); under- and over-coverage per
 * interval when full cover is impossible.
 */
import { canPlan } from '../../auth/principal.ts';
import { WfmInputError } from '../../wfm/index.ts';
import { planQueue, type StaffingPolicy } from '../../wfm/queue-forecast.ts';
import { planShifts, shiftPlanCoverageCsv, shiftPlanCsv } from '../../wfm/shifts/index.ts';
import type { IntervalCoverage, PlannedShift, ShiftPlan, ShiftTemplate } from '../../wfm/shifts/types.ts';
import { builder } from '../builder.ts';
import { badInput, forbidden } from '../context.ts';
import { StaffingOverrides } from './forecast.ts';

const BreakInput = builder.inputType('ShiftBreakInput', {
  fields: (t) => ({
    afterMinutes: t.int({ required: true, description: 'Earliest start, minutes after the shift starts.' }),
    latestAfterMinutes: t.int({ description: 'Latest start; the solver places the break between (absent: fixed).' }),
    durationMinutes: t.int({ required: true }),
    paid: t.boolean(),
  }),
});

const StartWindowInput = builder.inputType('ShiftStartWindowInput', {
  fields: (t) => ({ from: t.string({ required: true }), to: t.string({ required: true }), stepMinutes: t.int({ required: true }) }),
});

const TemplateInput = builder.inputType('ShiftTemplateInput', {
  fields: (t) => ({
    id: t.string({ required: true }),
    name: t.string(),
    lengthMinutes: t.int({ required: true }),
    startTimes: t.stringList({ description: "Local 'HH:MM' start times." }),
    startWindow: t.field({ type: StartWindowInput }),
    days: t.stringList({ description: 'MON..SUN; every day when absent.' }),
    breaks: t.field({ type: [BreakInput] }),
    maxCount: t.int(),
  }),
});

const OptionsInput = builder.inputType('ShiftPlanOptionsInput', {
  fields: (t) => ({
    underCoveragePenalty: t.float({ description: 'Cost of one agent missing for one interval, in paid minutes.' }),
    maxAgentsPerDay: t.int(),
    timeLimitSeconds: t.float({ description: 'Solver time limit (default 10 s); the best plan found by then is returned.' }),
  }),
});

const RequestInput = builder.inputType('ShiftPlanRequest', {
  fields: (t) => ({
    tenant: t.id({ required: true }),
    queue: t.id({ required: true }),
    from: t.field({ type: 'DateTime', required: true }),
    to: t.field({ type: 'DateTime', required: true }),
    staffing: t.field({ type: StaffingOverrides }),
    templates: t.field({ type: [TemplateInput], required: true }),
    options: t.field({ type: OptionsInput }),
  }),
});

const BreakRef = builder.objectRef<{ start: number; end: number; paid: boolean; count: number }>('PlannedBreak').implement({
  fields: (t) => ({
    start: t.field({ type: 'DateTime', resolve: (b) => b.start }),
    end: t.field({ type: 'DateTime', resolve: (b) => b.end }),
    paid: t.exposeBoolean('paid'),
    count: t.exposeFloat('count', { description: "How many of the shift's agents take the break then." }),
  }),
});

const ShiftRef = builder.objectRef<PlannedShift>('PlannedShift').implement({
  fields: (t) => ({
    template: t.exposeString('templateId'),
    name: t.exposeString('templateName'),
    day: t.exposeString('day', { description: 'Local date of the start.' }),
    start: t.field({ type: 'DateTime', resolve: (s) => s.start }),
    end: t.field({ type: 'DateTime', resolve: (s) => s.end }),
    startLocal: t.exposeString('startLocal'),
    endLocal: t.exposeString('endLocal'),
    count: t.exposeFloat('count'),
    paidMinutes: t.exposeInt('paidMinutes'),
    breaks: t.field({
      type: [BreakRef],
      resolve: (s) => s.breaks.flatMap((b) => b.placements.map((p) => ({ start: p.start, end: p.start + b.durationMinutes * 60_000, paid: b.paid, count: p.count }))),
    }),
  }),
});

const CoverageRef = builder.objectRef<IntervalCoverage>('IntervalCoverage').implement({
  fields: (t) => ({
    start: t.field({ type: 'DateTime', resolve: (c) => c.start }),
    required: t.exposeFloat('required'),
    scheduled: t.exposeFloat('scheduled'),
    onBreak: t.exposeFloat('onBreak'),
    under: t.exposeFloat('under'),
    over: t.exposeFloat('over'),
  }),
});

const CsvRef = builder.objectRef<{ shifts: string; coverage: string }>('ShiftPlanCsv').implement({
  fields: (t) => ({ shifts: t.exposeString('shifts'), coverage: t.exposeString('coverage') }),
});

const PlanRef = builder.objectRef<ShiftPlan>('ShiftPlan').implement({
  fields: (t) => ({
    status: t.exposeString('status', { description: 'OPTIMAL, TIME_LIMIT (best found by then), FEASIBLE or NO_SOLUTION.' }),
    paidMinutes: t.float({ resolve: (p) => p.totals.paidMinutes }),
    shiftCount: t.float({ resolve: (p) => p.totals.shifts }),
    underAgentIntervals: t.float({ resolve: (p) => p.totals.underAgentIntervals }),
    overAgentIntervals: t.float({ resolve: (p) => p.totals.overAgentIntervals }),
    intervalsUnder: t.int({ resolve: (p) => p.totals.intervalsUnder }),
    gap: t.exposeFloat('gap', { nullable: true }),
    shifts: t.field({ type: [ShiftRef], resolve: (p) => p.shifts }),
    coverage: t.field({ type: [CoverageRef], resolve: (p) => p.coverage }),
    csv: t.field({ type: CsvRef, resolve: (p) => ({ shifts: shiftPlanCsv(p), coverage: shiftPlanCoverageCsv(p) }) }),
  }),
});

builder.queryField('shiftPlan', (t) =>
  t.field({
    type: PlanRef,
    description: "Shifts covering the queue's forecast requirement (scheduled agents per 15 minutes) with the least paid time.",
    args: { input: t.arg({ type: RequestInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const tenant = String(input.tenant);
      if (!canPlan(ctx.principal, tenant)) throw forbidden(`not allowed to plan for tenant "${tenant}"`);
      if (!(input.to > input.from)) throw badInput('input.to', 'must be after from');
      if (input.to - input.from > 7 * 86_400_000) throw badInput('input.to', 'a shift plan covers at most 7 days');
      const now = ctx.services.clock();
      const staffing = Object.fromEntries(Object.entries((input.staffing ?? {}) as object).filter(([, v]) => v != null)) as Partial<StaffingPolicy>;
      try {
        const forecast = await planQueue(ctx.services.store, ctx.services.settings, { tenant, queue: String(input.queue), from: input.from, to: input.to, stepMinutes: 15, asOf: now, now, staffing });
        const zone = (await ctx.services.settings.tenant(tenant)).settings.timeZone;
        const templates = input.templates.map((tp) => JSON.parse(JSON.stringify(tp, (_k, v) => (v === null ? undefined : v))) as ShiftTemplate);
        const options = Object.fromEntries(Object.entries(input.options ?? {}).filter(([, v]) => v != null));
        return await planShifts({
          timeZone: zone,
          intervalMinutes: 15,
          intervals: forecast.points.map((p) => ({ start: p.start, required: p.scheduledAgents })),
          templates,
          options: { timeLimitSeconds: 10, ...options },
        });
      } catch (err) {
        if (err instanceof WfmInputError) throw badInput(`input.${err.field}`, err.message.replace(`${err.field}: `, ''));
        if (err instanceof RangeError) throw badInput('input', err.message);
        throw err;
      }
    },
  }),
);
