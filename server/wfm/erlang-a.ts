/**
 * Erlang A: M/M/n+M, exact. Arrivals Poisson(λ), handle times Exp(μ = 1/AHT), each caller's
 * patience Exp(θ = 1/patience), n agents, FCFS, unlimited waiting room. Not an approximation:
 * the stationary law of the birth-death chain (wfm.md §1.1, pyworkforce `abandonment.py`), and
 * the wait distribution of a tagged arrival in closed form.
 *
 * Stationary law, relative to state n (all agents busy, nobody queued), with A = λ/μ, γ = θ/μ:
 *   Σ_{k≤n} π_k/π_n = 1/B(n, A)                        (the Erlang B recursion, no factorials)
 *   w_j = π_{n+j}/π_n = Π_{i=1..j} A / (n + i·γ)        (j callers queued)
 * An arrival sees the stationary law (PASTA). If it finds j callers queued, it reaches an agent
 * after V_j = Σ_{i=0..j} Exp(nμ + iθ) (each stage ends when an agent frees up or one of the
 * callers ahead abandons), unless its own patience τ runs out first. Writing k = nμ/θ and
 * x = 1 − e^{−θt}, Rényi's representation gives 1 − e^{−θV_j} ~ Beta(j+1, k) (wfm.md §2.3), so
 *   P(V_j ≤ t)                 = I_x(j+1, k)
 *   P(answered, wait ≤ t | j)  = E[e^{−θV_j}; V_j ≤ t] = k/(k+j+1) · I_x(j+1, k+1)
 *   P(answered | j)            = k/(k+j+1)
 *   E[V_j]                     = Σ_{i=0..j} 1/(nμ + iθ)
 *   E[V_j | answered]          = Σ_{i=0..j} 1/(nμ + (i+1)θ)  (tilting by e^{−θV} adds θ to each stage)
 * and, for a whole first argument, 1 − I_x(j+1, b) = Σ_{i=0..j} C(b+i−1, i)·xⁱ·(1−x)^b, a
 * negative-binomial partial sum: one new term per j. So every metric is a single pass over the
 * queue states, O(1) per state, with no special functions and no uniformisation. The reference
 * implementation computes the same quantities by uniformisation of the tagged caller's chain and
 * checks them against exactly these closed forms to 1.4e-12 (wfm.md §2.3).
 *
 * Numerics: the weights w_j can exceed 1e308 under heavy overload and the negative-binomial terms
 * start at (1−x)^k = e^{−n·t/AHT}, which underflows for large n·t/AHT, so each of the two runs as
 * mantissa × e^{offset}, renormalised by 1e-250 when the mantissa passes 1e250 (pyworkforce's
 * rescale guard). The pass stops once a geometric bound on everything left (weights times queue
 * length) is below 1e-17 of the total mass: past the mode the ratios A/(n + iγ) only fall.
 *
 * Overload (n ≤ A) is fine here: abandonment keeps the chain stable, all metrics stay finite.
 * All times are in the unit shared by `aht`, `patience` and `threshold`.
 */
import { erlangB } from './erlang-b.ts';

export interface ErlangAParams {
  servers: number;
  /** Offered traffic in Erlangs (arrival rate × AHT). */
  traffic: number;
  /** Average handle time. */
  aht: number;
  /** Mean patience 1/θ: how long a caller waits, on average, before hanging up. */
  patience: number;
  /** Service-level threshold t. */
  threshold: number;
}

/**
 * Every service-level and ASA variant that shared/data/erlang/vectors.json names; they differ by
 * several points on the same queue (wfm.md §2.2), so callers pick one explicitly.
 */
export interface ErlangAMetrics {
  /** P(all agents busy on arrival). */
  probabilityOfWait: number;
  /** P(abandon) = θ·E[Q]/λ (Little's law on the queue). */
  abandonRate: number;
  /** P(abandon with a wait ≤ t). */
  abandonedWithinThreshold: number;
  /** `sl_answered`: P(answered with wait ≤ t) over all arrivals; abandoners are misses (pyworkforce). */
  serviceLevelAnswered: number;
  /** `sl_virtual`: P(V ≤ t), V the wait of a caller who would never give up (CCmath Erlang X). */
  serviceLevelVirtual: number;
  /** `sl_wait`: P(min(V, τ) ≤ t); an abandon before t counts as met. */
  serviceLevelWait: number;
  /** `sl_answered_excl_short_ab`: answered ≤ t / (arrivals − abandoned ≤ t). */
  serviceLevelAnsweredExclShortAbandons: number;
  /** `asa_all`: mean time in queue over all arrivals, abandoners included = E[Q]/λ. */
  averageWait: number;
  /** `asa_answered`: mean wait of answered callers. */
  asaAnswered: number;
  /** `asa_virtual`: E[V] over all arrivals (CCmath). */
  asaVirtual: number;
  /** E[Q], callers waiting. */
  averageQueueLength: number;
  /** A·(1 − P(abandon))/n: abandoners take no agent time. */
  occupancy: number;
}

/** Above this many queue states the input is degenerate (patience thousands of AHTs on an overloaded queue). */
const MAX_QUEUE_STATES = 10_000_000;
const RESCALE_ABOVE = 1e250;
const RESCALE_BY = 1e-250;
const RESCALE_LOG = Math.log(1e250);
/** Stop when what is left of the mass (weighted by queue length) is below this share of the total. */
const TAIL = 1e-17;

function check({ servers, traffic, aht, patience, threshold }: ErlangAParams): void {
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError(`servers must be a whole number ≥ 1, got ${servers}`);
  if (!(Number.isFinite(traffic) && traffic > 0)) throw new RangeError(`traffic must be a finite number of Erlangs > 0, got ${traffic}`);
  if (!(Number.isFinite(aht) && aht > 0)) throw new RangeError(`aht must be a finite time > 0, got ${aht}`);
  if (!(Number.isFinite(patience) && patience > 0)) {
    throw new RangeError(`patience must be a finite time > 0 (for callers who never abandon use Erlang C), got ${patience}`);
  }
  if (!(Number.isFinite(threshold) && threshold >= 0)) throw new RangeError(`threshold must be a finite time ≥ 0, got ${threshold}`);
}

/** Erlang A metrics when B(n, A) is already known (a staffing search keeps the B recursion). */
export function erlangAFromBlocking(params: ErlangAParams, blocking: number): ErlangAMetrics {
  check(params);
  const { servers: n, traffic: a, aht, patience, threshold: t } = params;
  const gamma = aht / patience; // θ/μ
  const k = (n * patience) / aht; // nμ/θ
  const x = -Math.expm1(-t / patience); // 1 − e^{−θt}, exact for small θt
  const survive = Math.exp(-t / patience); // 1 − x

  // Mass of the states with an idle agent, relative to π_n: 1/B − 1 (Infinity if B underflowed).
  const idleMass = 1 / blocking - 1;

  // Queue weights w_j, as w · e^{wOffset}, and the sums over j weighted by them.
  let w = 1;
  let wOffset = 0;
  let sumW = 0; // Σ w_j                                  → P(wait)
  let sumQ = 0; // Σ j·w_j                                → E[Q]
  let sumLate = 0; // Σ w_j·P(V_j > t)                     → sl_virtual, sl_wait
  let sumAnsweredInTime = 0; // Σ w_j·P(answered ≤ t | j) → sl_answered
  let sumV = 0; // Σ w_j·E[V_j]·μ                          → asa_virtual
  let sumVAnswered = 0; // Σ w_j·P(answered | j)·E[V_j | answered]·μ → asa_answered

  // Negative-binomial terms C(k+j−1, j)·xʲ·(1−x)^k, as nb · e^{nbOffset}; (1−x)^k = e^{−n·t/AHT}.
  let nb = 1;
  let nbOffset = (-n * t) / aht;
  let nbScale = Math.exp(nbOffset);
  let nbSum = 0; // Σ_{i≤j} terms of NB(k):   1 − I_x(j+1, k)
  let nbSumNext = 0; // Σ_{i≤j} terms of NB(k+1), without the common (1−x) factor

  let stagesMu = 0; // Σ_{i=0..j} μ/(nμ + iθ) = Σ 1/(n + iγ)
  let stagesAnsweredMu = 0; // Σ_{i=0..j} 1/(n + (i+1)γ)

  let stage = 1 / n; // 1/(n + jγ): μ over the rate at which stage j ends
  for (let j = 0; ; j++) {
    if (j > 0) {
      w *= a * stage;
      nb *= ((k + j - 1) / j) * x;
    }
    nbSum += nb;
    nbSumNext += nb * (1 + j / k); // C(k+j, j) = C(k+j−1, j)·(k+j)/k
    const late = Math.min(1, nbSum * nbScale);
    const answeredLate = Math.min(1, nbSumNext * nbScale * survive);
    const answered = k / (k + j + 1);
    const nextStage = 1 / (n + (j + 1) * gamma);
    stagesMu += stage;
    stagesAnsweredMu += nextStage;

    sumW += w;
    sumQ += j * w;
    sumLate += w * late;
    sumAnsweredInTime += w * answered * (1 - answeredLate);
    sumV += w * stagesMu;
    sumVAnswered += w * answered * stagesAnsweredMu;

    if (w > RESCALE_ABOVE) {
      w *= RESCALE_BY;
      sumW *= RESCALE_BY;
      sumQ *= RESCALE_BY;
      sumLate *= RESCALE_BY;
      sumAnsweredInTime *= RESCALE_BY;
      sumV *= RESCALE_BY;
      sumVAnswered *= RESCALE_BY;
      wOffset += RESCALE_LOG;
    }
    if (nb > RESCALE_ABOVE) {
      nb *= RESCALE_BY;
      nbSum *= RESCALE_BY;
      nbSumNext *= RESCALE_BY;
      nbOffset += RESCALE_LOG;
      nbScale = Math.exp(nbOffset);
    }

    stage = nextStage;
    const ratio = a * nextStage; // w_{j+1}/w_j, falling in j
    if (ratio < 1) {
      const left = ((w * ratio) / (1 - ratio)) * (j + 1 + 1 / (1 - ratio));
      if (left <= TAIL * (idleMass * Math.exp(-wOffset) + sumW)) break;
    }
    if (j >= MAX_QUEUE_STATES) {
      throw new RangeError(
        `Erlang A needs more than ${MAX_QUEUE_STATES} queue states here: patience ${patience} is extreme next to AHT ${aht} ` +
          `on ${n} agents for ${a} Erlangs; use Erlang C for callers who (almost) never abandon`,
      );
    }
  }

  const total = idleMass * Math.exp(-wOffset) + sumW;
  const probabilityOfWait = sumW / total;
  const averageQueueLength = sumQ / total;
  const abandonRate = (gamma * averageQueueLength) / a; // θ·E[Q]/λ
  const serviceLevelVirtual = 1 - sumLate / total;
  const serviceLevelAnswered = 1 - probabilityOfWait + sumAnsweredInTime / total;
  // P(V > t and τ > t) = P(V > t)·e^{−θt}: patience is independent of the queue.
  const serviceLevelWait = 1 - (survive * sumLate) / total;
  const abandonedWithinThreshold = serviceLevelWait - serviceLevelAnswered;
  return {
    probabilityOfWait,
    abandonRate,
    abandonedWithinThreshold,
    serviceLevelAnswered,
    serviceLevelVirtual,
    serviceLevelWait,
    serviceLevelAnsweredExclShortAbandons: serviceLevelAnswered / (1 - abandonedWithinThreshold),
    averageWait: (averageQueueLength * aht) / a, // E[Q]/λ
    asaAnswered: (aht * sumVAnswered) / total / (1 - abandonRate),
    asaVirtual: (aht * sumV) / total,
    averageQueueLength,
    // < 1 in exact arithmetic; deep in overload rounding can land an ulp above.
    occupancy: Math.min(1, (a * (1 - abandonRate)) / n),
  };
}

export function erlangA(params: ErlangAParams): ErlangAMetrics {
  return erlangAFromBlocking(params, erlangB(params.servers, params.traffic));
}
