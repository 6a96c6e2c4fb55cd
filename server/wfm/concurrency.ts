/**
 * Channels that M/M/n does not describe: chat (an agent holds several contacts at once) and
 * email / back office (work that may be done any time inside a response window).
 *
 * Chat: concurrency applied at requirement time, with a handle time per concurrency level.
 *   The forecast stays in chats; concurrency enters only when chats become agents, as Genesys
 *   Cloud WFM does (wfm.md §1.3: "chat concurrency is applied at requirement time, not in the
 *   forecast"). Koole (CCmath) warns that plain Erlang does not fit chat, and CCmath's Erlang
 *   Chat takes a handle time per concurrency level (`AHT=[3,3.5,4]`, wfm.md §1.2-1.3); a flat
 *   factor (OdeToErlang's +15 % per extra session) cannot say that a third chat slows the other
 *   two. So we solve the queue exactly as a birth-death chain in the number K of chats present:
 *   - each of n agents holds up to m chats; while an agent holds c chats each of them lasts
 *     handleSecondsByConcurrency[c−1] on average (exponential), so that agent finishes chats at
 *     rate c / h_c;
 *   - chats are routed to the least busy agent, so at K ≤ n·m every agent holds ⌊K/n⌋ or ⌈K/n⌉
 *     chats and the total completion rate depends on K alone (the idealisation that makes K
 *     Markov; real routers keep loads close to even the same way);
 *   - beyond n·m chats wait FCFS (no abandonment) while chats finish at D = n·m / h_m, so the
 *     tail is geometric and, as in Erlang C, P(W > t) = P(W > 0)·e^{−(D−λ)t}, ASA = P(W)/(D−λ).
 *   With one slot this is Erlang C with AHT h_1; with the same handle time at every level it is
 *   Erlang C with n·m servers; the tests check both. No steady state when λ ≥ D (Erlang C's
 *   overload convention).
 *
 * Email and back office: workload spread over the SLA window, not per-interval Erlang
 *   (wfm.md §1.3 Assembled: "async (email/back office) staffed over the SLA window and business
 *   hours, not per 15-minute interval"; §5.5). Work arriving in interval i (items × handle
 *   time) must be done within the SLA, so it is spread evenly over the open intervals among
 *   i, i+1, ..., i+w−1 with w = ⌊SLA / interval⌋ (a fluid approximation, a little early for items
 *   that arrive late in interval i). The intervals are taken as a repeating cycle (a typical day or
 *   week): a window that runs past the last interval continues at the first, so all the work is
 *   placed and none leaks off the end. A window with no open interval cannot meet the SLA: its
 *   work goes to the next open interval and is reported as late. Requirements stay fractional,
 *   so that queues can be blended before anything is rounded (wfm.md §1.4, pyworkforce #41).
 */
import { isOverloaded } from './erlang-c.ts';
import {
  WfmInputError,
  atLeast,
  checkFraction,
  checkNumber,
  checkOccupancyCap,
  checkShrinkage,
  floorCount,
  scheduledAgents,
} from './numbers.ts';
import { fewestAgents } from './staffing.ts';

// ------------------------------------------------------------------------------------ chat

export interface ChatMetrics {
  probabilityOfWait: number;
  /** P(wait ≤ threshold) over all chats. */
  serviceLevel: number;
  /** Mean wait for an agent, seconds (Infinity when the agents cannot keep up). */
  asaSeconds: number;
  /** Share of the agents' chat slots in use. */
  slotOccupancy: number;
  /** Share of agent time with at least one chat. */
  agentOccupancy: number;
}

export type ChatStaffingInput = {
  /** Chats offered in the interval. */
  arrivals: number;
  intervalMinutes: number;
  /** Chats one agent may hold at once. */
  slotsPerAgent: number;
  /** Mean duration of one chat while its agent holds 1, 2, ... slotsPerAgent chats (seconds). */
  handleSecondsByConcurrency: readonly number[];
  thresholdSeconds: number;
  shrinkage?: number;
} & ({ agents: number; targetServiceLevel?: never } | { targetServiceLevel: number; agents?: never });

/** Per-chat figures are null when no chats are offered (shared/design/metrics.md: null, never 100 %). */
export interface ChatStaffingResult {
  agents: number;
  /** agents / (1 − shrinkage), rounded up. */
  scheduledAgents: number;
  probabilityOfWait: number | null;
  serviceLevel: number | null;
  asaSeconds: number | null;
  slotOccupancy: number | null;
  agentOccupancy: number | null;
}

const RESCALE_ABOVE = 1e250;
const RESCALE_BY = 1e-250;

/**
 * The chat queue's metrics for `agents` agents with `handleSeconds[c−1]` the mean chat length at
 * concurrency c (its length is the slots per agent). Rates are per second.
 */
export function chatQueueMetrics(
  agents: number,
  arrivalsPerSecond: number,
  handleSeconds: readonly number[],
  thresholdSeconds: number,
): ChatMetrics {
  if (!Number.isInteger(agents) || agents < 1) throw new RangeError(`agents must be a whole number ≥ 1, got ${agents}`);
  if (!(Number.isFinite(arrivalsPerSecond) && arrivalsPerSecond >= 0)) throw new RangeError(`arrival rate must be ≥ 0, got ${arrivalsPerSecond}`);
  if (handleSeconds.length === 0 || !handleSeconds.every((h) => Number.isFinite(h) && h > 0)) {
    throw new RangeError(`handle times must be one positive duration per concurrency level, got [${handleSeconds.join(', ')}]`);
  }
  const n = agents;
  const m = handleSeconds.length;
  const lambda = arrivalsPerSecond;
  const full = n * m;
  const drain = full / handleSeconds[m - 1]!; // completions per second with every slot busy
  // No steady state when the slots cannot keep up: n·m ≤ λ·h_m, Erlang C's test in slot Erlangs.
  if (isOverloaded(full, lambda * handleSeconds[m - 1]!)) {
    return { probabilityOfWait: 1, serviceLevel: 0, asaSeconds: Infinity, slotOccupancy: 1, agentOccupancy: 1 };
  }
  // Completion rate with K chats spread evenly: r agents hold c+1 chats, n − r hold c.
  const rate = (level: number) => (level === 0 ? 0 : level / handleSeconds[level - 1]!);
  const completions = (chats: number) => {
    const c = Math.floor(chats / n);
    const r = chats - c * n;
    return r === 0 ? n * rate(c) : r * rate(c + 1) + (n - r) * rate(c);
  };
  // π_K relative to π_0, rescaled against overflow like the Erlang A weights.
  let weight = 1;
  let mass = 0; // Σ_{K<nm} π_K
  let slots = 0; // Σ_{K<nm} K·π_K
  let busyAgents = 0; // Σ_{K<nm} min(K, n)·π_K
  for (let chats = 0; chats < full; chats++) {
    if (chats > 0) weight *= lambda / completions(chats);
    mass += weight;
    slots += chats * weight;
    busyAgents += Math.min(chats, n) * weight;
    if (weight > RESCALE_ABOVE) {
      weight *= RESCALE_BY;
      mass *= RESCALE_BY;
      slots *= RESCALE_BY;
      busyAgents *= RESCALE_BY;
    }
  }
  const top = weight * (lambda / completions(full)); // π_{nm}
  const rho = lambda / drain;
  const waiting = top / (1 - rho); // Σ_{j≥0} π_{nm+j}
  const total = mass + waiting;
  const probabilityOfWait = waiting / total;
  return {
    probabilityOfWait,
    serviceLevel: 1 - probabilityOfWait * Math.exp(-(drain - lambda) * thresholdSeconds),
    asaSeconds: probabilityOfWait / (drain - lambda),
    slotOccupancy: (slots + full * waiting) / total / full,
    agentOccupancy: (busyAgents + n * waiting) / total / n,
  };
}

/** Agents for a chat interval: evaluate `agents`, or find the fewest that meet targetServiceLevel. */
export function chatStaffing(input: ChatStaffingInput): ChatStaffingResult {
  const raw = input as unknown as Record<string, unknown>;
  const arrivals = checkNumber('arrivals', raw.arrivals, { min: 0, hint: 'chats offered in the interval' });
  const minutes = checkNumber('intervalMinutes', raw.intervalMinutes, { min: 0, aboveMin: true, hint: 'length of the interval, e.g. 15' });
  const slots = checkNumber('slotsPerAgent', raw.slotsPerAgent, { min: 1, max: 100, integer: true, hint: 'chats an agent may hold at once' });
  const handles = raw.handleSecondsByConcurrency;
  if (!Array.isArray(handles) || handles.length < slots) {
    throw new WfmInputError(
      'handleSecondsByConcurrency',
      `must list the mean chat duration in seconds at each concurrency level 1..${slots} (repeat a value if it does not change)`,
    );
  }
  const handleSeconds = handles.slice(0, slots).map((h, i) =>
    checkNumber(`handleSecondsByConcurrency[${i}]`, h, {
      min: 0,
      aboveMin: true,
      hint: `mean chat duration in seconds while an agent holds ${i + 1}`,
    }),
  );
  const threshold = checkNumber('thresholdSeconds', raw.thresholdSeconds, { min: 0, hint: 'the T of "80 % within T seconds", e.g. 60' });
  const shrinkage = checkShrinkage(raw.shrinkage);
  const evaluating = raw.agents !== undefined && raw.agents !== null;
  const targeting = raw.targetServiceLevel !== undefined && raw.targetServiceLevel !== null;
  if (evaluating === targeting) {
    throw new WfmInputError('agents', 'give either agents (to evaluate that many) or targetServiceLevel (to find the fewest), not both or neither');
  }
  const rate = arrivals / (minutes * 60);
  const metrics = (n: number) => chatQueueMetrics(n, rate, handleSeconds, threshold);

  if (evaluating) {
    const agents = checkNumber('agents', raw.agents, { min: 1, integer: true, hint: 'productive chat agents to evaluate' });
    const result = { agents, scheduledAgents: scheduledAgents(agents, shrinkage) };
    if (arrivals === 0) return { ...result, ...noChats(), slotOccupancy: 0, agentOccupancy: 0 };
    return { ...result, ...metrics(agents) };
  }
  const target = checkFraction('targetServiceLevel', raw.targetServiceLevel, 'of chats answered within thresholdSeconds', '0.8 for 80 %');
  if (arrivals === 0) return { agents: 0, scheduledAgents: 0, ...noChats() };
  // Stable only when n·m / h_m exceeds the arrival rate: start at the first such n.
  const guess = Math.floor((rate * handleSeconds[slots - 1]!) / slots) + 1;
  const agents = fewestAgents({ feasible: (n) => atLeast(metrics(n).serviceLevel, target) }, guess);
  return { ...metrics(agents), agents, scheduledAgents: scheduledAgents(agents, shrinkage) };
}

function noChats() {
  return { probabilityOfWait: null, serviceLevel: null, asaSeconds: null, slotOccupancy: null, agentOccupancy: null };
}

// ------------------------------------------------------------------------ email / back office

export interface AsyncWorkInput {
  intervalMinutes: number;
  /** Items arriving in each interval; the intervals form a repeating cycle (a day, a week). */
  arrivals: readonly number[];
  /** Whether agents work each interval (business hours); all open when absent. */
  open?: readonly boolean[];
  /** Work per item, seconds. */
  handleSeconds: number;
  /** Every item is to be done within this many minutes of arriving; at least one interval. */
  slaMinutes: number;
  /** Share of productive time spent on the work (default 1). */
  maxOccupancy?: number;
  shrinkage?: number;
}

export interface AsyncWorkResult {
  /** Work placed in each interval, hours. */
  workloadHours: number[];
  /** Productive agents needed in each interval, fractional (round only when scheduling). */
  agents: number[];
  /** agents / (1 − shrinkage), fractional. */
  scheduledAgents: number[];
  /** Work whose SLA window has no open interval: placed in the next open interval, past its SLA. */
  lateWorkHours: number;
}

/** Spreads each interval's workload over the open intervals of its SLA window. */
export function asyncWorkRequirement(input: AsyncWorkInput): AsyncWorkResult {
  const minutes = checkNumber('intervalMinutes', input.intervalMinutes, { min: 0, aboveMin: true, hint: 'length of one interval, e.g. 15' });
  const handle = checkNumber('handleSeconds', input.handleSeconds, { min: 0, aboveMin: true, hint: 'work per item in seconds' });
  const sla = checkNumber('slaMinutes', input.slaMinutes, {
    min: minutes,
    hint: 'minutes within which an item must be done; for answers within one interval use ERLANG_C per interval',
  });
  const occupancy = input.maxOccupancy === undefined ? 1 : checkOccupancyCap(input.maxOccupancy);
  const shrinkage = checkShrinkage(input.shrinkage);
  const size = input.arrivals.length;
  if (size === 0) throw new WfmInputError('arrivals', 'must list the items arriving in each interval of the cycle');
  const work = input.arrivals.map((items, i) => (checkNumber(`arrivals[${i}]`, items, { min: 0, hint: 'items arriving in the interval' }) * handle) / 3600);
  const open = input.open ?? work.map(() => true);
  if (open.length !== size) throw new WfmInputError('open', `must have one entry per interval (${size}), got ${open.length}`);
  if (!open.includes(true)) throw new WfmInputError('open', 'must mark at least one interval as open: nobody could ever do the work');

  // w = ⌊SLA / interval⌋, float-safe; a window longer than the cycle is the whole cycle.
  const window = Math.min(size, floorCount(sla / minutes));

  // O(intervals × window): at most a week of quarter hours squared, well under a millisecond per queue.
  const placed = new Array<number>(size).fill(0);
  let lateWorkHours = 0;
  work.forEach((hours, i) => {
    if (hours === 0) return;
    const slots: number[] = [];
    for (let l = i; l < i + window; l++) if (open[l % size]) slots.push(l % size);
    if (slots.length === 0) {
      let next = i + window;
      while (!open[next % size]) next++;
      slots.push(next % size);
      lateWorkHours += hours;
    }
    for (const l of slots) placed[l] = placed[l]! + hours / slots.length;
  });

  const intervalHours = minutes / 60;
  const agents = placed.map((hours) => hours / intervalHours / occupancy);
  return {
    workloadHours: placed,
    agents,
    scheduledAgents: agents.map((a) => a / (1 - shrinkage)),
    lateWorkHours,
  };
}
