/**
 * Staffing for one queue and one interval: evaluate a given number of agents, or find the fewest
 * agents that meet every target. The GraphQL API calls `staffing` per queue and interval.
 *
 * Search. Every metric is monotone in the number of agents n (service level rises; occupancy,
 * abandonment and blocking fall), so the agents that meet all targets form an up-set and the
 * answer is its least element. We gallop from a guess near the traffic (1, 2, 4, ... agents away)
 * until the answer is bracketed, then bisect: O(log) evaluations. Erlang B(n, A) for every n
 * comes from one ErlangBSeries, extended as the search goes up and never restarted, so an Erlang
 * B or C search costs O(n) for the recursion plus O(1) per probe, and an Erlang A search
 * O(log n) passes over the queue states. `binding` names the target that decided n: the first
 * one, in the order SERVICE_LEVEL or BLOCKING (the model's main target), ABANDONMENT,
 * OCCUPANCY, that n − 1 agents miss.
 *
 * Definitions (shared/data/erlang/vectors.json names them): `serviceLevel` is answered within
 * T over all arrivals (Erlang A: abandoners are misses, `sl_answered`; Erlang C: P(W ≤ T)),
 * `serviceLevelVirtual` the Erlang A P(offered wait ≤ T) (`sl_virtual`, CCmath), `asaSeconds`
 * the mean wait of answered contacts, `averageWaitSeconds` the mean time in queue over all
 * arrivals with abandoners (`asa_all`). With no traffic there are no contacts, so every
 * per-contact figure is null rather than a flattering 100 % (shared/design/metrics.md).
 *
 * Float traps (wfm.md §1.1, §5.3) go through numbers.ts: A / maxOccupancy and
 * agents / (1 − shrinkage) are rounded up with a tolerant ceil and caps are compared with a
 * tolerance, so 4.9 Erlangs at a 70 % occupancy cap need 7 agents, not 8.
 */
import { ErlangBSeries, erlangBMetricsFromBlocking } from './erlang-b.ts';
import { erlangAFromBlocking } from './erlang-a.ts';
import { erlangCFromBlocking, isOverloaded } from './erlang-c.ts';
import { WfmInputError, atLeast, atMost, ceilCount, checkNumber, scheduledAgents } from './numbers.ts';

export type StaffingModel = 'ERLANG_B' | 'ERLANG_C' | 'ERLANG_A';
export type Binding = 'SERVICE_LEVEL' | 'OCCUPANCY' | 'ABANDONMENT' | 'BLOCKING';

/** Offered load: Erlangs directly, or arrivals per hour that ahtSeconds turns into Erlangs. */
type Load = { trafficErlangs: number; arrivalsPerHour?: never } | { arrivalsPerHour: number; trafficErlangs?: never };

/** Evaluate exactly this many productive agents. */
type Evaluate = {
  agents: number;
  targetServiceLevel?: never;
  maxOccupancy?: never;
  maxAbandonRate?: never;
  maxBlocking?: never;
};

interface Shrinkage {
  /** Share of paid time not available for contacts (0.3 for 30 %); only scheduledAgents uses it. Default 0. */
  shrinkage?: number;
}

/** Lost-calls-cleared trunks or lines: nobody waits, so there is no threshold and no patience. */
export type ErlangBStaffingInput = Shrinkage & {
  model: 'ERLANG_B';
  thresholdSeconds?: never;
  patienceSeconds?: never;
  targetServiceLevel?: never;
  maxAbandonRate?: never;
} & (
    | { trafficErlangs: number; arrivalsPerHour?: never; ahtSeconds?: number }
    | { arrivalsPerHour: number; ahtSeconds: number; trafficErlangs?: never }
  ) &
  (Evaluate | { maxBlocking: number; maxOccupancy?: number; agents?: never });

/** Callers wait as long as it takes. */
export type ErlangCStaffingInput = Shrinkage &
  Load & {
    model: 'ERLANG_C';
    ahtSeconds: number;
    thresholdSeconds: number;
    patienceSeconds?: never;
    maxAbandonRate?: never;
    maxBlocking?: never;
  } & (Evaluate | { targetServiceLevel: number; maxOccupancy?: number; agents?: never });

/** Callers abandon after an exponential patience with mean patienceSeconds. */
export type ErlangAStaffingInput = Shrinkage &
  Load & {
    model: 'ERLANG_A';
    ahtSeconds: number;
    thresholdSeconds: number;
    patienceSeconds: number;
    maxBlocking?: never;
  } & (Evaluate | { targetServiceLevel: number; maxOccupancy?: number; maxAbandonRate?: number; agents?: never });

export type StaffingInput = ErlangBStaffingInput | ErlangCStaffingInput | ErlangAStaffingInput;

export interface StaffingResult {
  /** Productive agents (on the phones). */
  agents: number;
  /** agents / (1 − shrinkage), rounded up: agents to put on the schedule. */
  scheduledAgents: number;
  trafficErlangs: number;
  probabilityOfWait: number | null;
  /** Answered within thresholdSeconds over all arrivals. */
  serviceLevel: number | null;
  /** Erlang A only: P(offered wait ≤ threshold), the wait of a caller who never gives up. */
  serviceLevelVirtual: number | null;
  /** Mean wait of answered contacts, seconds (Infinity for Erlang C in overload). */
  asaSeconds: number | null;
  /** Mean time in queue over all arrivals, abandoners included, seconds. */
  averageWaitSeconds: number | null;
  abandonRate: number | null;
  occupancy: number | null;
  blocking: number | null;
  /** Which target decided the agent count; null when agents was given (or there is no traffic). */
  binding: Binding | null;
}

type Metrics = Omit<StaffingResult, 'agents' | 'scheduledAgents' | 'trafficErlangs' | 'binding'>;

interface Constraint {
  binding: Binding;
  met(metrics: Metrics): boolean;
}

/** Larger than any real queue; keeps an unreachable target from searching forever. */
const MAX_AGENTS = 10_000_000;
/** Traffic well beyond the 10,000 Erlangs the maths is tested at, small enough to stay fast. */
const MAX_TRAFFIC = 100_000;

const FIELDS: Record<StaffingModel, { always: string[]; evaluate: string[]; target: string[] }> = {
  ERLANG_B: {
    always: ['model', 'trafficErlangs', 'arrivalsPerHour', 'ahtSeconds', 'shrinkage'],
    evaluate: ['agents'],
    target: ['maxBlocking', 'maxOccupancy'],
  },
  ERLANG_C: {
    always: ['model', 'trafficErlangs', 'arrivalsPerHour', 'ahtSeconds', 'thresholdSeconds', 'shrinkage'],
    evaluate: ['agents'],
    target: ['targetServiceLevel', 'maxOccupancy'],
  },
  ERLANG_A: {
    always: ['model', 'trafficErlangs', 'arrivalsPerHour', 'ahtSeconds', 'thresholdSeconds', 'patienceSeconds', 'shrinkage'],
    evaluate: ['agents'],
    target: ['targetServiceLevel', 'maxOccupancy', 'maxAbandonRate'],
  },
};

const WHERE: Record<string, string> = {
  thresholdSeconds: 'ERLANG_C and ERLANG_A (nobody waits under ERLANG_B)',
  patienceSeconds: 'ERLANG_A only (use ERLANG_A to model abandonment)',
  targetServiceLevel: 'ERLANG_C and ERLANG_A (ERLANG_B targets maxBlocking)',
  maxAbandonRate: 'ERLANG_A only',
  maxBlocking: 'ERLANG_B only',
};

/** A checked input in the units the models use (seconds, Erlangs, fractions). */
interface Problem {
  model: StaffingModel;
  traffic: number;
  aht: number;
  threshold: number;
  patience: number;
  agents: number | null;
  targetServiceLevel: number | null;
  maxOccupancy: number | null;
  maxAbandonRate: number | null;
  maxBlocking: number | null;
  shrinkage: number;
}

/**
 * Evaluates `agents`, or finds the fewest agents that meet every target of the input.
 * Throws WfmInputError (with the field) on an input that breaks the contract.
 */
export function staffing(input: StaffingInput): StaffingResult {
  const problem = check(input);
  const { traffic, shrinkage } = problem;
  if (traffic === 0) {
    const agents = problem.agents ?? 0;
    return {
      ...noContacts(),
      agents,
      scheduledAgents: scheduledAgents(agents, shrinkage),
      trafficErlangs: 0,
      occupancy: agents === 0 ? null : 0,
      binding: null,
    };
  }
  const evaluate = evaluator(problem);
  if (problem.agents !== null) {
    return { ...evaluate(problem.agents), agents: problem.agents, scheduledAgents: scheduledAgents(problem.agents, shrinkage), trafficErlangs: traffic, binding: null };
  }
  const constraints = constraintsOf(problem);
  const feasible = (n: number) => constraints.every((c) => c.met(evaluate(n)));
  const agents = fewestAgents(feasible, firstGuess(problem));
  // n − 1 agents miss at least one target (agents is the least feasible n); name the first.
  const short = agents - 1;
  const binding = short === 0 ? constraints[0]!.binding : constraints.find((c) => !c.met(evaluate(short)))!.binding;
  return { ...evaluate(agents), agents, scheduledAgents: scheduledAgents(agents, shrinkage), trafficErlangs: traffic, binding };
}

function noContacts(): Metrics {
  return {
    probabilityOfWait: null,
    serviceLevel: null,
    serviceLevelVirtual: null,
    asaSeconds: null,
    averageWaitSeconds: null,
    abandonRate: null,
    occupancy: null,
    blocking: null,
  };
}

/** Metrics of the problem's queue for n agents, memoised: the search and `binding` revisit n. */
function evaluator(problem: Problem): (agents: number) => Metrics {
  const { model, traffic, aht, threshold, patience } = problem;
  const series = new ErlangBSeries(traffic);
  const memo = new Map<number, Metrics>();
  const compute = (servers: number): Metrics => {
    const blocking = series.blocking(servers);
    if (model === 'ERLANG_B') {
      return { ...noContacts(), ...erlangBMetricsFromBlocking(servers, traffic, blocking) };
    }
    if (model === 'ERLANG_C') {
      const c = erlangCFromBlocking({ servers, traffic, aht, threshold }, blocking);
      return {
        ...noContacts(),
        probabilityOfWait: c.probabilityOfWait,
        serviceLevel: c.serviceLevel,
        asaSeconds: c.asa, // everyone is answered: the mean wait of answered = over all arrivals
        averageWaitSeconds: c.asa,
        occupancy: c.occupancy,
      };
    }
    const m = erlangAFromBlocking({ servers, traffic, aht, patience, threshold }, blocking);
    return {
      ...noContacts(),
      probabilityOfWait: m.probabilityOfWait,
      serviceLevel: m.serviceLevelAnswered,
      serviceLevelVirtual: m.serviceLevelVirtual,
      asaSeconds: m.asaAnswered,
      averageWaitSeconds: m.averageWait,
      abandonRate: m.abandonRate,
      occupancy: m.occupancy,
    };
  };
  return (agents) => {
    let metrics = memo.get(agents);
    if (metrics === undefined) {
      metrics = compute(agents);
      memo.set(agents, metrics);
    }
    return metrics;
  };
}

/** The targets of a search, the model's main one first (it binds when one agent is enough). */
function constraintsOf(problem: Problem): Constraint[] {
  const { targetServiceLevel, maxBlocking, maxAbandonRate, maxOccupancy } = problem;
  const list: Constraint[] = [];
  if (targetServiceLevel !== null) list.push({ binding: 'SERVICE_LEVEL', met: (m) => atLeast(m.serviceLevel!, targetServiceLevel) });
  if (maxBlocking !== null) list.push({ binding: 'BLOCKING', met: (m) => atMost(m.blocking!, maxBlocking) });
  if (maxAbandonRate !== null) list.push({ binding: 'ABANDONMENT', met: (m) => atMost(m.abandonRate!, maxAbandonRate) });
  if (maxOccupancy !== null) list.push({ binding: 'OCCUPANCY', met: (m) => atMost(m.occupancy!, maxOccupancy) });
  return list;
}

/**
 * Where the gallop starts. Erlang C needs n > A (below it the queue has no steady state and the
 * service level is 0) and, with an occupancy cap, n ≥ A / cap exactly (occupancy is A/n), so it
 * starts at the larger of the two, the cap rounded up float-safely. Erlang A and B can need fewer
 * agents than the traffic (abandoned and blocked calls take no agent time), so they start at A.
 */
function firstGuess({ model, traffic, maxOccupancy }: Problem): number {
  if (model !== 'ERLANG_C') return Math.max(1, Math.round(traffic));
  let stable = Math.floor(traffic) + 1;
  while (isOverloaded(stable, traffic)) stable++;
  return maxOccupancy === null ? stable : Math.max(stable, ceilCount(traffic / maxOccupancy));
}

/** The least n ≥ 1 with feasible(n), for a monotone feasible(): gallop to bracket it, then bisect. */
export function fewestAgents(feasible: (n: number) => boolean, guess: number): number {
  let low = 0; // infeasible (0 agents never meet a target)
  let high: number; // feasible
  if (feasible(guess)) {
    high = guess;
    for (let step = 1; high - step >= 1; step *= 2) {
      if (!feasible(high - step)) {
        low = high - step;
        break;
      }
      high -= step;
    }
  } else {
    low = guess;
    for (let step = 1; ; step *= 2) {
      const n = low + step;
      if (n > MAX_AGENTS) throw new RangeError(`no staffing up to ${MAX_AGENTS} agents meets the targets`);
      if (feasible(n)) {
        high = n;
        break;
      }
      low = n;
    }
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (feasible(mid)) high = mid;
    else low = mid;
  }
  return high;
}

// ---------------------------------------------------------------------------------------------
// Input checks: the types above make wrong combinations unrepresentable for TypeScript callers;
// the API hands over parsed JSON, so the same rules are enforced at run time.

function check(input: StaffingInput): Problem {
  const raw = input as unknown as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null) throw new WfmInputError('input', 'must be an object');
  const model = raw.model;
  if (model !== 'ERLANG_B' && model !== 'ERLANG_C' && model !== 'ERLANG_A') {
    throw new WfmInputError('model', `must be ERLANG_B, ERLANG_C or ERLANG_A, got ${JSON.stringify(model)}`);
  }
  const given = (field: string) => raw[field] !== undefined && raw[field] !== null;

  const evaluating = given('agents');
  const fields = FIELDS[model];
  const targets = fields.target.filter(given);
  if (evaluating && targets.length > 0) {
    throw new WfmInputError(targets[0]!, 'give either agents (to evaluate that many) or targets (to find the fewest agents), not both');
  }
  const allowed = new Set([...fields.always, ...(evaluating ? fields.evaluate : fields.target)]);
  for (const field of Object.keys(raw)) {
    if (!given(field) || allowed.has(field)) continue;
    const where = WHERE[field];
    throw new WfmInputError(field, where ? `applies to ${where}; remove it for ${model}` : `is not a staffing input; remove it`);
  }
  const mainTarget = model === 'ERLANG_B' ? 'maxBlocking' : 'targetServiceLevel';
  if (!evaluating && !given(mainTarget)) {
    throw new WfmInputError(mainTarget, `is required for ${model}: give it to find the fewest agents, or give agents to evaluate a staffing`);
  }

  const optional = (field: string, check: () => number) => (given(field) ? check() : null);
  const needsAht = model !== 'ERLANG_B' || given('arrivalsPerHour');
  const aht = needsAht || given('ahtSeconds') ? checkNumber('ahtSeconds', raw.ahtSeconds, { min: 0, aboveMin: true, hint: 'average handle time in seconds: talk + hold + wrap-up' }) : 0;
  const traffic = load(raw, given, aht);

  return {
    model,
    traffic,
    aht,
    threshold:
      model === 'ERLANG_B' ? 0 : checkNumber('thresholdSeconds', raw.thresholdSeconds, { min: 0, hint: 'the T of "80 % within T seconds", e.g. 20' }),
    patience:
      model === 'ERLANG_A'
        ? checkNumber('patienceSeconds', raw.patienceSeconds, { min: 0, aboveMin: true, hint: 'mean time callers wait before hanging up, in seconds; for callers who never hang up use ERLANG_C' })
        : Infinity,
    agents: optional('agents', () =>
      checkNumber('agents', raw.agents, { min: 1, max: MAX_AGENTS, integer: true, hint: 'productive agents to evaluate' }),
    ),
    targetServiceLevel: optional('targetServiceLevel', () =>
      checkNumber('targetServiceLevel', raw.targetServiceLevel, { min: 0, aboveMin: true, max: 1, belowMax: true, hint: 'a fraction of contacts answered within thresholdSeconds: 0.8 for 80 %' }),
    ),
    maxOccupancy: optional('maxOccupancy', () =>
      checkNumber('maxOccupancy', raw.maxOccupancy, { min: 0, aboveMin: true, max: 1, hint: 'a fraction of agent time busy with contacts: 0.85 for 85 %; 1 means no cap' }),
    ),
    maxAbandonRate: optional('maxAbandonRate', () =>
      checkNumber('maxAbandonRate', raw.maxAbandonRate, { min: 0, aboveMin: true, max: 1, belowMax: true, hint: 'a fraction of arrivals that hang up: 0.05 for 5 %' }),
    ),
    maxBlocking: optional('maxBlocking', () =>
      checkNumber('maxBlocking', raw.maxBlocking, { min: 0, aboveMin: true, max: 1, belowMax: true, hint: 'a fraction of calls that find every line busy: 0.01 for 1 %' }),
    ),
    shrinkage: given('shrinkage')
      ? checkNumber('shrinkage', raw.shrinkage, { min: 0, max: 1, belowMax: true, hint: 'a fraction of paid time off the phones: 0.3 for 30 %' })
      : 0,
  };
}

function load(raw: Record<string, unknown>, given: (field: string) => boolean, aht: number): number {
  if (given('trafficErlangs') === given('arrivalsPerHour')) {
    throw new WfmInputError('trafficErlangs', 'give exactly one of trafficErlangs or arrivalsPerHour (with ahtSeconds)');
  }
  if (given('trafficErlangs')) {
    return checkNumber('trafficErlangs', raw.trafficErlangs, { min: 0, max: MAX_TRAFFIC, hint: 'offered load in Erlangs: arrivals per hour × AHT seconds / 3600' });
  }
  const arrivals = checkNumber('arrivalsPerHour', raw.arrivalsPerHour, { min: 0, hint: 'contacts offered per hour' });
  // Multiply before dividing: 588 × 30 / 3600 is exactly the double nearest 4.9.
  const traffic = (arrivals * aht) / 3600;
  if (traffic > MAX_TRAFFIC) {
    throw new WfmInputError('arrivalsPerHour', `makes ${traffic} Erlangs with ahtSeconds ${aht}; at most ${MAX_TRAFFIC} Erlangs per queue`);
  }
  return traffic;
}
