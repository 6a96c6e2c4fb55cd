/**
 * Staffing for one queue and one interval: evaluate a given number of agents, or find the fewest
 * agents that meet every target. The GraphQL API calls `staffing` per queue and interval.
 *
 * Search. Every metric is monotone in the number of agents n (service level rises; occupancy,
 * abandonment and blocking fall), so the agents that meet all targets form an up-set and the
 * answer is its least element. We gallop from a guess near the traffic (1, 2, 4, ... agents away)
 * until the answer is bracketed, then bisect: O(log distance) probes. B(n, A) for every n comes
 * from one ErlangBSeries, warm-started ~12√A below the traffic and extended as the search moves
 * (erlang-b.ts), so an Erlang B or C search costs ~12√A recursion steps plus O(1) per probe,
 * never O(n²); an Erlang A search starts from the Erlang C answer and makes a few passes over
 * the queue states. 9,600 searches (96 intervals × 100 queues) take tens of milliseconds
 * (test/wfm/performance.test.ts). `binding` names the target that decided n: the first one, in
 * the order SERVICE_LEVEL or BLOCKING (the model's main target), ABANDONMENT, OCCUPANCY, that
 * n − 1 agents miss.
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
import {
  WfmInputError,
  atLeast,
  atMost,
  ceilCount,
  checkFraction,
  checkNumber,
  checkOccupancyCap,
  checkShrinkage,
  scheduledAgents,
} from './numbers.ts';

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

/** Larger than any real queue; keeps an unreachable target from searching forever. */
const MAX_AGENTS = 10_000_000;
/** Traffic well beyond the 10,000 Erlangs the maths is tested at, small enough to stay fast. */
const MAX_TRAFFIC = 100_000;

/** A checked input in the units the models use (seconds, Erlangs, fractions). */
interface Problem {
  model: StaffingModel;
  traffic: number;
  aht: number;
  /** 0 under Erlang B, where nobody waits. */
  threshold: number;
  /** Infinity except under Erlang A. */
  patience: number;
  agents: number | null;
  targetServiceLevel: number | null;
  maxOccupancy: number | null;
  maxAbandonRate: number | null;
  maxBlocking: number | null;
  shrinkage: number;
}

/**
 * The targets in the order that names `binding`: the model's main target first (service level
 * for C and A, blocking for B; it binds when a single agent is enough), then abandonment, then
 * occupancy. A target the problem does not set is always met.
 */
const TARGETS: readonly { binding: Binding; met(m: Metrics, p: Problem): boolean }[] = [
  { binding: 'SERVICE_LEVEL', met: (m, p) => p.targetServiceLevel === null || atLeast(m.serviceLevel!, p.targetServiceLevel) },
  { binding: 'BLOCKING', met: (m, p) => p.maxBlocking === null || atMost(m.blocking!, p.maxBlocking) },
  { binding: 'ABANDONMENT', met: (m, p) => p.maxAbandonRate === null || atMost(m.abandonRate!, p.maxAbandonRate) },
  { binding: 'OCCUPANCY', met: (m, p) => p.maxOccupancy === null || atMost(m.occupancy!, p.maxOccupancy) },
];

/**
 * Evaluates `agents`, or finds the fewest agents that meet every target of the input.
 * Throws WfmInputError (with the field) on an input that breaks the contract.
 */
export function staffing(input: StaffingInput): StaffingResult {
  const problem = check(input);
  const { traffic, shrinkage } = problem;
  if (traffic === 0) {
    const agents = problem.agents ?? 0;
    const metrics = { ...NO_CONTACTS, occupancy: agents === 0 ? null : 0 };
    return { agents, scheduledAgents: scheduledAgents(agents, shrinkage), trafficErlangs: 0, ...metrics, binding: null };
  }
  const queue = new Queue(problem);
  let agents = problem.agents;
  let binding: Binding | null = null;
  if (agents === null) {
    agents = fewestAgents(queue, queue.firstGuess());
    binding = queue.missedTarget(agents - 1);
  }
  return { agents, scheduledAgents: scheduledAgents(agents, shrinkage), trafficErlangs: traffic, ...queue.metrics(agents), binding };
}

/** No contacts, no per-contact figure: null rather than a flattering 100 % (design/metrics.md). */
const NO_CONTACTS: Metrics = {
  probabilityOfWait: null,
  serviceLevel: null,
  serviceLevelVirtual: null,
  asaSeconds: null,
  averageWaitSeconds: null,
  abandonRate: null,
  occupancy: null,
  blocking: null,
};

/**
 * One queue and interval for any number of agents: the Erlang B recursion kept across the
 * search, metrics memoised (the search and `binding` revisit n). A class rather than closures:
 * the API builds 9,600 of these per planning run.
 */
class Queue {
  private readonly series: ErlangBSeries;
  private readonly memo = new Map<number, Metrics>();

  constructor(
    private readonly problem: Problem,
    series?: ErlangBSeries,
  ) {
    this.series = series ?? new ErlangBSeries(problem.traffic);
  }

  feasible(agents: number): boolean {
    return this.missedTarget(agents) === null;
  }

  /** The first target that `agents` agents miss, or null; with no agents, the main target. */
  missedTarget(agents: number): Binding | null {
    if (agents === 0) return this.problem.maxBlocking === null ? 'SERVICE_LEVEL' : 'BLOCKING';
    const metrics = this.metrics(agents);
    for (const target of TARGETS) if (!target.met(metrics, this.problem)) return target.binding;
    return null;
  }

  metrics(agents: number): Metrics {
    let metrics = this.memo.get(agents);
    if (metrics === undefined) {
      metrics = this.compute(agents);
      this.memo.set(agents, metrics);
    }
    return metrics;
  }

  /**
   * Where the gallop starts. Erlang C needs n > A (below it the queue has no steady state and
   * the service level is 0) and, with an occupancy cap, n ≥ A / cap exactly (occupancy is A/n),
   * so it starts at the larger of the two, the cap rounded up float-safely. Erlang B can need
   * fewer lines than the traffic (blocked calls take no time), so it starts at A. Erlang A starts
   * at the Erlang C answer for the same targets: cheap (C costs O(1) per probe on the shared B
   * recursion, A a pass over the queue), and within an agent or two of the Erlang A answer unless
   * patience is short; the gallop covers the rest.
   */
  firstGuess(): number {
    const { model, traffic, maxOccupancy } = this.problem;
    if (model === 'ERLANG_B') return Math.max(1, Math.round(traffic));
    if (model === 'ERLANG_A') {
      const erlangC = new Queue({ ...this.problem, model: 'ERLANG_C', maxAbandonRate: null }, this.series);
      return fewestAgents(erlangC, erlangC.firstGuess());
    }
    let stable = Math.floor(traffic) + 1;
    while (isOverloaded(stable, traffic)) stable++;
    return maxOccupancy === null ? stable : Math.max(stable, ceilCount(traffic / maxOccupancy));
  }

  private compute(servers: number): Metrics {
    const { model, traffic, aht, threshold, patience } = this.problem;
    const blocking = this.series.blocking(servers);
    if (model === 'ERLANG_B') {
      const b = erlangBMetricsFromBlocking(servers, traffic, blocking);
      return { ...NO_CONTACTS, occupancy: b.occupancy, blocking: b.blocking };
    }
    if (model === 'ERLANG_C') {
      const c = erlangCFromBlocking({ servers, traffic, aht, threshold }, blocking);
      return {
        ...NO_CONTACTS,
        probabilityOfWait: c.probabilityOfWait,
        serviceLevel: c.serviceLevel,
        asaSeconds: c.asa, // everyone is answered: the mean wait of the answered is over all arrivals
        averageWaitSeconds: c.asa,
        occupancy: c.occupancy,
      };
    }
    const a = erlangAFromBlocking({ servers, traffic, aht, patience, threshold }, blocking);
    return {
      probabilityOfWait: a.probabilityOfWait,
      serviceLevel: a.serviceLevelAnswered,
      serviceLevelVirtual: a.serviceLevelVirtual,
      asaSeconds: a.asaAnswered,
      averageWaitSeconds: a.averageWait,
      abandonRate: a.abandonRate,
      occupancy: a.occupancy,
      blocking: null,
    };
  }
}

/**
 * The least n ≥ 1 with feasible(n), for a monotone feasible(): gallop from the guess (1, 2, 4, ...
 * agents away) to bracket it, then bisect.
 */
export function fewestAgents(test: { feasible(agents: number): boolean }, guess: number): number {
  let low = 0; // infeasible: no agents meet no target
  let high: number; // feasible
  if (test.feasible(guess)) {
    high = guess;
    for (let step = 1; high - step >= 1; step *= 2) {
      if (!test.feasible(high - step)) {
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
      if (test.feasible(n)) {
        high = n;
        break;
      }
      low = n;
    }
  }
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (test.feasible(mid)) high = mid;
    else low = mid;
  }
  return high;
}

// ---------------------------------------------------------------------------------------------
// Input checks: the types above make wrong combinations unrepresentable for TypeScript callers;
// the API hands over parsed JSON, so the same rules are enforced at run time.

const FIELDS: Record<StaffingModel, { always: readonly string[]; target: readonly string[] }> = {
  ERLANG_B: { always: ['model', 'trafficErlangs', 'arrivalsPerHour', 'ahtSeconds', 'shrinkage'], target: ['maxBlocking', 'maxOccupancy'] },
  ERLANG_C: {
    always: ['model', 'trafficErlangs', 'arrivalsPerHour', 'ahtSeconds', 'thresholdSeconds', 'shrinkage'],
    target: ['targetServiceLevel', 'maxOccupancy'],
  },
  ERLANG_A: {
    always: ['model', 'trafficErlangs', 'arrivalsPerHour', 'ahtSeconds', 'thresholdSeconds', 'patienceSeconds', 'shrinkage'],
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

function given(raw: Record<string, unknown>, field: string): boolean {
  return raw[field] !== undefined && raw[field] !== null;
}

/** An optional target strictly between 0 and 1, or null when absent. */
function fraction(raw: Record<string, unknown>, field: string, of: string, example: string): number | null {
  return given(raw, field) ? checkFraction(field, raw[field], of, example) : null;
}

function check(input: StaffingInput): Problem {
  const raw = input as unknown as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null) throw new WfmInputError('input', 'must be an object');
  const model = raw.model;
  if (model !== 'ERLANG_B' && model !== 'ERLANG_C' && model !== 'ERLANG_A') {
    throw new WfmInputError('model', `must be ERLANG_B, ERLANG_C or ERLANG_A, got ${JSON.stringify(model)}`);
  }
  const fields = FIELDS[model];
  const evaluating = given(raw, 'agents');
  for (const field of Object.keys(raw)) {
    if (!given(raw, field) || fields.always.includes(field) || field === 'agents') continue;
    if (fields.target.includes(field)) {
      if (!evaluating) continue;
      throw new WfmInputError(field, 'give either agents (to evaluate that many) or targets (to find the fewest agents), not both');
    }
    const where = WHERE[field];
    throw new WfmInputError(field, where ? `applies to ${where}; remove it for ${model}` : 'is not a staffing input; remove it');
  }
  const mainTarget = model === 'ERLANG_B' ? 'maxBlocking' : 'targetServiceLevel';
  if (!evaluating && !given(raw, mainTarget)) {
    throw new WfmInputError(mainTarget, `is required for ${model} to find the fewest agents; or give agents to evaluate a staffing`);
  }

  const needsAht = model !== 'ERLANG_B' || given(raw, 'arrivalsPerHour') || given(raw, 'ahtSeconds');
  const aht = needsAht ? checkNumber('ahtSeconds', raw.ahtSeconds, { min: 0, aboveMin: true, hint: AHT_HINT }) : 0;
  return {
    model,
    traffic: load(raw, aht),
    aht,
    threshold: model === 'ERLANG_B' ? 0 : checkNumber('thresholdSeconds', raw.thresholdSeconds, { min: 0, hint: THRESHOLD_HINT }),
    patience: model === 'ERLANG_A' ? checkNumber('patienceSeconds', raw.patienceSeconds, { min: 0, aboveMin: true, hint: PATIENCE_HINT }) : Infinity,
    agents: evaluating ? checkNumber('agents', raw.agents, { min: 1, max: MAX_AGENTS, integer: true, hint: 'productive agents to evaluate' }) : null,
    targetServiceLevel: fraction(raw, 'targetServiceLevel', 'of contacts answered within thresholdSeconds', '0.8 for 80 %'),
    maxOccupancy: given(raw, 'maxOccupancy') ? checkOccupancyCap(raw.maxOccupancy) : null,
    maxAbandonRate: fraction(raw, 'maxAbandonRate', 'of arrivals that hang up', '0.05 for 5 %'),
    maxBlocking: fraction(raw, 'maxBlocking', 'of calls that find every line busy', '0.01 for 1 %'),
    shrinkage: checkShrinkage(raw.shrinkage),
  };
}

const AHT_HINT = 'average handle time in seconds: talk + hold + wrap-up';
const THRESHOLD_HINT = 'the T of "80 % within T seconds", e.g. 20';
const PATIENCE_HINT = 'mean time callers wait before hanging up, in seconds; for callers who never hang up use ERLANG_C';
const TRAFFIC_HINT = 'offered load in Erlangs: arrivals per hour × AHT seconds / 3600';

function load(raw: Record<string, unknown>, aht: number): number {
  if (given(raw, 'trafficErlangs') === given(raw, 'arrivalsPerHour')) {
    throw new WfmInputError('trafficErlangs', 'give exactly one of trafficErlangs or arrivalsPerHour (with ahtSeconds)');
  }
  if (given(raw, 'trafficErlangs')) {
    return checkNumber('trafficErlangs', raw.trafficErlangs, { min: 0, max: MAX_TRAFFIC, hint: TRAFFIC_HINT });
  }
  const arrivals = checkNumber('arrivalsPerHour', raw.arrivalsPerHour, { min: 0, hint: 'contacts offered per hour' });
  // Multiply before dividing: 588 × 30 / 3600 is exactly the double nearest 4.9.
  const traffic = (arrivals * aht) / 3600;
  if (traffic > MAX_TRAFFIC) {
    throw new WfmInputError('arrivalsPerHour', `makes ${traffic} Erlangs with ahtSeconds ${aht}; at most ${MAX_TRAFFIC} Erlangs per queue`);
  }
  return traffic;
}
