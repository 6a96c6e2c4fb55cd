/**
 * Erlang C: M/M/n with an infinite queue and customers who never give up.
 *
 * With traffic A = λ·AHT Erlangs, n servers and B = B(n, A) from the Erlang B recursion:
 *   P(W > 0) = C(n, A) = n·B / (n − A·(1 − B))                (no factorials; wfm.md §1.1)
 *   P(W ≤ t) = 1 − C·exp(−(n − A)·t / AHT)                     (service level, all arrivals)
 *   E[W]     = C·AHT / (n − A)                                 (ASA: everyone is answered)
 *   E[W | W > 0] = AHT / (n − A),  occupancy = A / n.
 * Times are in whatever unit `aht` and `threshold` share.
 *
 * Overload (n ≤ A, up to rounding noise) has no steady state: the queue grows without bound.
 * The convention of shared/data/erlang/vectors.json holds there: P(W) = 1, service level 0,
 * ASA ∞; occupancy is 1 (every agent always busy), never the meaningless A/n > 1, and no wait
 * is ever negative (phubers/erlang #7, wfm.md §1.4).
 */
import { erlangB } from './erlang-b.ts';
import { atMost } from './numbers.ts';

export interface ErlangCParams {
  servers: number;
  /** Offered traffic in Erlangs (arrival rate × AHT). */
  traffic: number;
  /** Average handle time, in the unit of `threshold`. */
  aht: number;
  /** Service-level threshold t. */
  threshold: number;
}

export interface ErlangCMetrics {
  probabilityOfWait: number;
  /** P(W ≤ t) over all arrivals. */
  serviceLevel: number;
  /** E[W] over all arrivals (every arrival is answered). */
  asa: number;
  /** E[W | W > 0]. */
  averageWaitIfWaiting: number;
  occupancy: number;
}

/** n ≤ A, with A within rounding noise of n counting as equal (no steady state). */
export function isOverloaded(servers: number, traffic: number): boolean {
  return atMost(servers, traffic);
}

function check({ servers, traffic, aht, threshold }: ErlangCParams): void {
  if (!Number.isInteger(servers) || servers < 1) throw new RangeError(`servers must be a whole number ≥ 1, got ${servers}`);
  if (!(Number.isFinite(traffic) && traffic > 0)) throw new RangeError(`traffic must be a finite number of Erlangs > 0, got ${traffic}`);
  if (!(Number.isFinite(aht) && aht > 0)) throw new RangeError(`aht must be a finite time > 0, got ${aht}`);
  if (!(Number.isFinite(threshold) && threshold >= 0)) throw new RangeError(`threshold must be a finite time ≥ 0, got ${threshold}`);
}

/** Erlang C metrics when B(n, A) is already known (a staffing search keeps the B recursion). */
export function erlangCFromBlocking(params: ErlangCParams, blocking: number): ErlangCMetrics {
  check(params);
  const { servers: n, traffic: a, aht, threshold } = params;
  if (isOverloaded(n, a)) {
    return { probabilityOfWait: 1, serviceLevel: 0, asa: Infinity, averageWaitIfWaiting: Infinity, occupancy: 1 };
  }
  const pWait = (n * blocking) / (n - a * (1 - blocking));
  const waitIfWaiting = aht / (n - a);
  return {
    probabilityOfWait: pWait,
    serviceLevel: 1 - pWait * Math.exp((-(n - a) * threshold) / aht),
    asa: pWait * waitIfWaiting,
    averageWaitIfWaiting: waitIfWaiting,
    occupancy: a / n,
  };
}

export function erlangC(params: ErlangCParams): ErlangCMetrics {
  return erlangCFromBlocking(params, erlangB(params.servers, params.traffic));
}
