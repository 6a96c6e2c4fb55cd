/**
 * The outlook's simulation: one queue, FCFS, from a given state, R seeded replications.
 *
 * One queue served first come, first served by identical slots (an agent's chat slots are
 * slots too) needs no event list. A contact's fate depends only on the contacts ahead of it, so
 * contacts are taken in queue order and each gets the earliest slot to free up after those
 * ahead took theirs: start = max(arrival, earliest free slot), and it abandons instead when
 * its patience ends first (then it takes no slot). With one min-heap of slot free times that
 * is exact for M/G/n+M (and for any arrival, handle-time and patience laws), and costs
 * O(log slots) per contact. Arrivals stop at the horizon; contacts that arrived in it are
 * followed to their answer or abandonment, however late: nobody arriving later could overtake
 * them.
 *
 * Common random numbers: every replication forks its own streams from the seed, one per kind
 * of draw (arrivals, handle times, patience, the state now), and draws them in contact order.
 * So the same seed with more agents sees the very same callers with the very same calls, and
 * the comparison between agent counts shows the agents' effect, not noise.
 */
import { createRng, type Rng } from '../../../simulations/random.ts';
import { zeroCounters } from '../../engine/counters.ts';
import { serviceLevel } from '../../engine/metrics.ts';
import type { ServiceLevelFormula } from '../../engine/settings.ts';
import { drawHandle, drawRemaining, type HandleTimes } from './handle-times.ts';

/** A slot now: free, on a contact for `elapsedSeconds` so far, or in wrap-up (exponential remainder). */
export type SlotNow = { kind: 'idle' } | { kind: 'busy'; elapsedSeconds: number } | { kind: 'wrapup'; meanSeconds: number };

export interface OutlookModel {
  horizonSeconds: number;
  /** Arrival rate per hour, piecewise constant from each `fromSeconds` (from now) to the next one or the horizon. */
  arrivals: readonly { fromSeconds: number; perHour: number }[];
  handle: HandleTimes;
  /** Mean patience (exponential); null: nobody abandons. */
  patienceSeconds: number | null;
  /** How long each contact waiting now has waited, seconds. */
  waitingSeconds: readonly number[];
  slots: readonly SlotNow[];
  thresholdSeconds: number;
  shortAbandonSeconds: number;
  serviceLevelFormula: ServiceLevelFormula;
}

export interface Band {
  mean: number;
  /** 10th and 90th percentiles over the replications: the range a real interval falls in 8 times out of 10. */
  low: number;
  high: number;
}

export interface OutlookNumbers {
  replications: number;
  /** Mean contacts in the outlook: those waiting now and those arriving before the horizon. */
  contacts: number;
  /** By the queue's formula, over the contacts of the outlook; null when no replication had any. */
  serviceLevel: Band | null;
  /** Abandoned of answered, abandoned and never answered. */
  abandonRate: Band | null;
  asaSeconds: Band | null;
  /** The longest any contact has waited at any moment before the horizon (those waiting now included). */
  longestWaitSeconds: Band;
}

export interface SimOptions {
  replications: number;
  seed: number | string;
  /**
   * Cap on contacts simulated over all replications: a large queue over a long horizon runs
   * fewer replications (never fewer than `minReplications`) rather than taking seconds.
   */
  contactBudget?: number;
  minReplications?: number;
}

export const DEFAULT_CONTACT_BUDGET = 1_000_000;
const DEFAULT_MIN_REPLICATIONS = 20;

interface Replication {
  offered: number;
  serviceLevel: number | null;
  abandonRate: number | null;
  asaSeconds: number | null;
  longestWaitSeconds: number;
}

export function checkModel(m: OutlookModel): void {
  const bad = (what: string) => {
    throw new RangeError(`outlook model: ${what}`);
  };
  if (!(Number.isFinite(m.horizonSeconds) && m.horizonSeconds > 0)) bad(`horizonSeconds must be > 0, got ${m.horizonSeconds}`);
  if (!(m.handle.meanSeconds > 0 && Number.isFinite(m.handle.meanSeconds))) bad(`handle time mean must be > 0, got ${m.handle.meanSeconds}`);
  if (m.patienceSeconds !== null && !(m.patienceSeconds > 0 && Number.isFinite(m.patienceSeconds))) bad(`patienceSeconds must be > 0 or null, got ${m.patienceSeconds}`);
  for (const a of m.arrivals) if (!(a.perHour >= 0 && Number.isFinite(a.perHour))) bad(`arrival rate must be ≥ 0, got ${a.perHour}`);
  if (!(m.thresholdSeconds >= 0)) bad(`thresholdSeconds must be ≥ 0, got ${m.thresholdSeconds}`);
}

/** Expected contacts of one replication: the budget divides by it. */
export function expectedContacts(m: OutlookModel): number {
  let n = m.waitingSeconds.length;
  segments(m).forEach((s) => (n += (s.perHour / 3600) * (s.to - s.from)));
  return n;
}

function segments(m: OutlookModel): { from: number; to: number; perHour: number }[] {
  const sorted = [...m.arrivals].sort((a, b) => a.fromSeconds - b.fromSeconds);
  return sorted
    .map((a, i) => ({ from: Math.max(0, a.fromSeconds), to: Math.min(m.horizonSeconds, sorted[i + 1]?.fromSeconds ?? m.horizonSeconds), perHour: a.perHour }))
    .filter((s) => s.to > s.from);
}

export function replicationCount(m: OutlookModel, o: SimOptions): number {
  const budget = o.contactBudget ?? DEFAULT_CONTACT_BUDGET;
  const fit = Math.floor(budget / Math.max(1, expectedContacts(m)));
  return Math.max(Math.min(o.replications, o.minReplications ?? DEFAULT_MIN_REPLICATIONS), Math.min(o.replications, fit));
}

/** Slot free times as a binary min-heap (fixed size: a slot taken is a slot freed later). */
class SlotHeap {
  private readonly h: Float64Array;
  constructor(times: number[]) {
    this.h = Float64Array.from(times);
    for (let i = (this.h.length >> 1) - 1; i >= 0; i--) this.down(i);
  }
  get size() {
    return this.h.length;
  }
  peek(): number {
    return this.h[0]!;
  }
  replaceTop(t: number): void {
    this.h[0] = t;
    this.down(0);
  }
  private down(i: number): void {
    const h = this.h;
    const n = h.length;
    const v = h[i]!;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && h[c + 1]! < h[c]!) c++;
      if (h[c]! >= v) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = v;
  }
}

function replicate(m: OutlookModel, segs: { from: number; to: number; perHour: number }[], rng: Rng): Replication {
  const arrivalsRng = rng.fork('arrivals');
  const handleRng = rng.fork('handle');
  const patienceRng = rng.fork('patience');
  const stateRng = rng.fork('state');
  const H = m.horizonSeconds;
  const T = m.thresholdSeconds;
  const S = m.shortAbandonSeconds;
  const patience = m.patienceSeconds;

  const heap = new SlotHeap(
    m.slots.map((s) => (s.kind === 'idle' ? 0 : s.kind === 'busy' ? drawRemaining(m.handle, s.elapsedSeconds, stateRng) : stateRng.exponential(s.meanSeconds))),
  );
  const c = zeroCounters();
  let never = 0; // no slot and no patience: waits beyond any horizon
  let longest = 0;

  /** One contact, in queue order, with its patience counted from its arrival. */
  const serve = (arrival: number, patienceFromArrival: number) => {
    c.offered++;
    const start = heap.size > 0 ? Math.max(arrival, heap.peek()) : Infinity;
    const wait = start - arrival;
    let leave: number;
    if (wait > patienceFromArrival) {
      leave = arrival + patienceFromArrival;
      c.abandoned++;
      c.waitAbandonedMs += patienceFromArrival * 1000;
      if (patienceFromArrival < S) c.shortAbandoned++;
      if (patienceFromArrival <= T) c.abandonedWithinThreshold++;
      // Its handle time is drawn all the same, so the callers behind it keep theirs.
      drawHandle(m.handle, handleRng);
    } else if (start === Infinity) {
      leave = Infinity;
      never++;
      drawHandle(m.handle, handleRng);
    } else {
      leave = start;
      heap.replaceTop(start + drawHandle(m.handle, handleRng));
      c.answered++;
      c.waitAnsweredMs += wait * 1000;
      if (wait <= T) c.answeredWithinThreshold++;
    }
    const waitedInWindow = Math.min(leave, H) - arrival;
    if (waitedInWindow > longest) longest = waitedInWindow;
  };

  // Those waiting now, longest first. Exponential patience forgets: who has waited w without
  // hanging up has w plus a fresh patience.
  const waiting = [...m.waitingSeconds].sort((a, b) => b - a);
  for (const w of waiting) serve(-w, patience === null ? Infinity : w + patienceRng.exponential(patience));
  for (const s of segs) {
    if (s.perHour <= 0) continue;
    const gap = 3600 / s.perHour;
    for (let t = s.from + arrivalsRng.exponential(gap); t < s.to; t += arrivalsRng.exponential(gap)) {
      serve(t, patience === null ? Infinity : patienceRng.exponential(patience));
    }
  }

  // Never answered (no agent, nobody abandons) is a miss, as an overflow after T is.
  c.overflowed = never;
  const removed = c.answered + c.abandoned + never;
  return {
    offered: c.offered,
    serviceLevel: serviceLevel(c, m.serviceLevelFormula),
    abandonRate: removed > 0 ? c.abandoned / removed : null,
    asaSeconds: c.answered > 0 ? c.waitAnsweredMs / 1000 / c.answered : null,
    longestWaitSeconds: longest,
  };
}

function quantile(sorted: readonly number[], p: number): number {
  const x = (sorted.length - 1) * p;
  const i = Math.floor(x);
  const lo = sorted[i]!;
  const hi = sorted[Math.min(sorted.length - 1, i + 1)]!;
  return lo + (hi - lo) * (x - i);
}

function band(values: (number | null)[]): Band | null {
  const v = values.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  return { mean: v.reduce((s, x) => s + x, 0) / v.length, low: quantile(v, 0.1), high: quantile(v, 0.9) };
}

function summarise(reps: Replication[]): OutlookNumbers {
  return {
    replications: reps.length,
    contacts: reps.reduce((s, r) => s + r.offered, 0) / Math.max(1, reps.length),
    serviceLevel: band(reps.map((r) => r.serviceLevel)),
    abandonRate: band(reps.map((r) => r.abandonRate)),
    asaSeconds: band(reps.map((r) => r.asaSeconds)),
    longestWaitSeconds: band(reps.map((r) => r.longestWaitSeconds)) ?? { mean: 0, low: 0, high: 0 },
  };
}

/** R replications at once (tests, small models). */
export function simulateOutlook(m: OutlookModel, o: SimOptions): OutlookNumbers {
  checkModel(m);
  const segs = segments(m);
  const base = createRng(o.seed);
  const n = replicationCount(m, o);
  const reps: Replication[] = [];
  for (let r = 0; r < n; r++) reps.push(replicate(m, segs, base.fork(`rep:${r}`)));
  return summarise(reps);
}

/**
 * The same numbers as `simulateOutlook`, giving the event loop back every few milliseconds so
 * a large outlook never stalls the live feeds the server also serves.
 */
export async function simulateOutlookAsync(m: OutlookModel, o: SimOptions, sliceMs = 8): Promise<OutlookNumbers> {
  checkModel(m);
  const segs = segments(m);
  const base = createRng(o.seed);
  const n = replicationCount(m, o);
  const reps: Replication[] = [];
  let sliceStart = performance.now();
  for (let r = 0; r < n; r++) {
    reps.push(replicate(m, segs, base.fork(`rep:${r}`)));
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return summarise(reps);
}
