/** What-if from now: a queue's coming minutes simulated from its live state (server/wfm/simulate-ahead). */
import { canPlan } from '../../auth/principal.ts';
import type { Band } from '../../wfm/simulate-ahead/index.ts';
import { LIMITS, simulateAhead, UnknownQueueError, type OutlookAssumptions, type SimulationOutlook } from '../../wfm/simulate-ahead/index.ts';
import { builder } from '../builder.ts';
import { badInput, forbidden } from '../context.ts';
import { ServiceLevelFormula } from './queue.ts';

const BasisEnum = builder.enumType('OutlookBasis', {
  description:
    "Where an assumption comes from. FORECAST: the queue's forecast for the coming intervals. RECENT: the last hour's arrivals, the last four hours' handle times or abandonment. DEFAULT: nothing known, a stated default. NONE: nothing to assume (no arrivals expected, no abandonment seen).",
  values: ['FORECAST', 'RECENT', 'DEFAULT', 'NONE'] as const,
});

const BandRef = builder.objectRef<Band>('OutlookBand').implement({
  description: 'Over the replications: the mean, and the 10th to 90th percentile (the range the real interval falls in 8 times out of 10).',
  fields: (t) => ({
    mean: t.exposeFloat('mean'),
    low: t.exposeFloat('low', { description: '10th percentile.' }),
    high: t.exposeFloat('high', { description: '90th percentile.' }),
  }),
});

const AssumptionsRef = builder.objectRef<OutlookAssumptions>('SimulationAssumptions').implement({
  fields: (t) => ({
    arrivalsPerHour: t.exposeFloat('arrivalsPerHour', { description: 'Mean over the horizon (the forecast may vary by interval).' }),
    arrivalBasis: t.field({ type: BasisEnum, resolve: (a) => a.arrivalBasis }),
    ahtSeconds: t.exposeFloat('ahtSeconds'),
    ahtBasis: t.field({ type: BasisEnum, resolve: (a) => a.ahtBasis }),
    handleTimeCv: t.exposeFloat('handleTimeCv', { description: 'Handle times are lognormal with this coefficient of variation.' }),
    patienceSeconds: t.exposeFloat('patienceSeconds', { nullable: true, description: 'Mean (exponential) patience; null: nobody abandons.' }),
    patienceBasis: t.field({ type: BasisEnum, resolve: (a) => a.patienceBasis }),
    slotsPerAgent: t.exposeInt('slotsPerAgent', { description: 'Contacts an added agent holds at once (chat concurrency); agents on the floor keep their own capacity.' }),
    thresholdSeconds: t.exposeFloat('thresholdSeconds'),
    targetServiceLevel: t.exposeFloat('targetServiceLevel'),
    serviceLevelFormula: t.field({ type: ServiceLevelFormula, resolve: (a) => a.serviceLevelFormula }),
    label: t.exposeString('label'),
  }),
});

const OutlookRef = builder.objectRef<SimulationOutlook>('SimulationOutlook').implement({
  description:
    'The coming minutes of a queue with a number of agents, simulated from now: the contacts waiting now and those expected to arrive before the horizon, each followed to its answer or abandonment.',
  fields: (t) => ({
    tenant: t.exposeID('tenant'),
    queue: t.exposeID('queue'),
    asOf: t.field({ type: 'DateTime', resolve: (o) => o.asOf }),
    minutes: t.exposeInt('minutes'),
    agents: t.exposeInt('agents', { description: 'Agents simulated.' }),
    staffedAgents: t.exposeInt('staffedAgents', { description: 'Agents on the queue now (available, busy or in wrap-up).' }),
    waiting: t.exposeInt('waiting', { description: 'Contacts waiting now.' }),
    replications: t.exposeInt('replications'),
    contacts: t.exposeFloat('contacts', { description: 'Mean contacts of the outlook: waiting now plus arriving before the horizon.' }),
    serviceLevel: t.field({ type: BandRef, nullable: true, description: "By the queue's formula; null without contacts.", resolve: (o) => o.serviceLevel }),
    abandonRate: t.field({ type: BandRef, nullable: true, resolve: (o) => o.abandonRate }),
    asaSeconds: t.field({ type: BandRef, nullable: true, description: 'Mean wait of answered contacts.', resolve: (o) => o.asaSeconds }),
    longestWaitSeconds: t.field({ type: BandRef, description: 'The longest wait anyone has reached before the horizon.', resolve: (o) => o.longestWaitSeconds }),
    assumptions: t.field({ type: AssumptionsRef, resolve: (o) => o.assumptions }),
  }),
});

builder.queryField('simulateAhead', (t) =>
  t.field({
    type: OutlookRef,
    description: `What-if from now: service level, abandonment and longest wait of the next \`minutes\` (${LIMITS.minutes.min}-${LIMITS.minutes.max}) with \`agents\` agents (${LIMITS.agents.min}-${LIMITS.agents.max}) on the queue, from 200 seeded simulations. ADMIN, SUPERVISOR or PLANNER of the tenant.`,
    args: {
      tenant: t.arg.id({ required: true }),
      queue: t.arg.id({ required: true }),
      agents: t.arg.int({ required: true }),
      minutes: t.arg.int({ required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const tenant = String(args.tenant);
      // A staffing question, and CPU on the server: for those who plan or run the floor.
      if (!canPlan(ctx.principal, tenant)) throw forbidden(`not allowed to run what-ifs for tenant "${tenant}" (ADMIN, SUPERVISOR or PLANNER)`);
      const { agents, minutes } = args;
      if (agents < LIMITS.agents.min || agents > LIMITS.agents.max) throw badInput('agents', `must be ${LIMITS.agents.min} to ${LIMITS.agents.max}, got ${agents}`);
      if (minutes < LIMITS.minutes.min || minutes > LIMITS.minutes.max) throw badInput('minutes', `must be ${LIMITS.minutes.min} to ${LIMITS.minutes.max}, got ${minutes}`);
      try {
        return await simulateAhead(ctx.services, { tenant, queue: String(args.queue), agents, minutes, now: ctx.services.clock() });
      } catch (err) {
        if (err instanceof UnknownQueueError) throw badInput('queue', err.message);
        throw err;
      }
    },
  }),
);
