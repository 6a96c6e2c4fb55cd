/** Staffing: how many agents a queue needs, by Erlang B, C or A (server/wfm). */
import { withoutNulls } from '../../engine/settings-schema.ts';
import { staffing, WfmInputError, type StaffingInput, type StaffingResult } from '../../wfm/index.ts';
import { builder } from '../builder.ts';
import { badInput, forbidden } from '../context.ts';

const ModelEnum = builder.enumType('StaffingModel', {
  description: 'ERLANG_B: lost calls (trunks, blocking). ERLANG_C: callers wait as long as it takes. ERLANG_A: callers abandon after an exponential patience.',
  values: ['ERLANG_B', 'ERLANG_C', 'ERLANG_A'] as const,
});

const BindingEnum = builder.enumType('StaffingBinding', {
  description: 'Which target decided the agent count.',
  values: ['SERVICE_LEVEL', 'OCCUPANCY', 'ABANDONMENT', 'BLOCKING'] as const,
});

const StaffingInputRef = builder.inputType('StaffingInput', {
  description: 'Give trafficErlangs, or arrivalsPerHour with ahtSeconds; then agents (evaluate exactly that many) or targets (find the fewest).',
  fields: (t) => ({
    model: t.field({ type: ModelEnum, required: true }),
    trafficErlangs: t.float(),
    arrivalsPerHour: t.float(),
    ahtSeconds: t.float(),
    thresholdSeconds: t.float({ description: 'T of the service level (ERLANG_C, ERLANG_A).' }),
    patienceSeconds: t.float({ description: 'Mean patience (ERLANG_A).' }),
    agents: t.int({ description: 'Evaluate exactly this many productive agents.' }),
    targetServiceLevel: t.float({ description: 'Find the fewest agents answering this share within T (a fraction, 0.8).' }),
    maxOccupancy: t.float({ description: 'Cap on occupancy (a fraction, 0.85).' }),
    maxAbandonRate: t.float({ description: 'Cap on abandonment (ERLANG_A; a fraction, 0.05).' }),
    maxBlocking: t.float({ description: 'Cap on blocking (ERLANG_B; a fraction, 0.01).' }),
    shrinkage: t.float({ description: 'Share of paid time not available for contacts (0.3): scheduledAgents = agents / (1 − shrinkage), rounded up.' }),
  }),
});

/** GraphQL floats cannot carry Infinity (the wait of an overloaded Erlang C queue): null, documented. */
const finite = (x: number | null) => (x === null || Number.isFinite(x) ? x : null);

const StaffingResultRef = builder.objectRef<StaffingResult>('StaffingResult').implement({
  fields: (t) => ({
    agents: t.exposeInt('agents', { description: 'Productive agents.' }),
    scheduledAgents: t.exposeInt('scheduledAgents', { description: 'agents / (1 − shrinkage), rounded up (float-safe).' }),
    trafficErlangs: t.exposeFloat('trafficErlangs'),
    probabilityOfWait: t.exposeFloat('probabilityOfWait', { nullable: true }),
    serviceLevel: t.exposeFloat('serviceLevel', { nullable: true, description: 'Answered within T over all arrivals.' }),
    serviceLevelVirtual: t.exposeFloat('serviceLevelVirtual', { nullable: true, description: 'ERLANG_A: P(offered wait ≤ T).' }),
    asaSeconds: t.float({
      nullable: true,
      description: 'Mean wait of answered contacts; null where undefined, and for ERLANG_C at or over capacity (infinite).',
      resolve: (r) => finite(r.asaSeconds),
    }),
    averageWaitSeconds: t.float({
      nullable: true,
      description: 'Mean time in queue over all arrivals, abandoners included; null where undefined or infinite.',
      resolve: (r) => finite(r.averageWaitSeconds),
    }),
    abandonRate: t.exposeFloat('abandonRate', { nullable: true }),
    occupancy: t.exposeFloat('occupancy', { nullable: true }),
    blocking: t.exposeFloat('blocking', { nullable: true }),
    binding: t.field({ type: BindingEnum, nullable: true, resolve: (r) => r.binding }),
  }),
});

builder.queryField('staffing', (t) =>
  t.field({
    type: StaffingResultRef,
    description: 'Agents needed for a queue, or the service an exact number of agents gives.',
    args: { input: t.arg({ type: StaffingInputRef, required: true }) },
    resolve: (_root, { input }, ctx) => {
      if (ctx.principal.role === 'INGEST') throw forbidden('an INGEST token may only post events');
      try {
        // The input type is flat; staffing() checks the combination at run time and names the field.
        return staffing(withoutNulls(input) as unknown as StaffingInput);
      } catch (err) {
        if (err instanceof WfmInputError) throw badInput(`input.${err.field}`, err.message.replace(`${err.field}: `, ''));
        throw err;
      }
    },
  }),
);
