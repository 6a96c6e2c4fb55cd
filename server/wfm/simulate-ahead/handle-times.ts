/**
 * Handle times for the outlook: a fresh contact's, and what is left of one already under way.
 *
 * A contact an agent has been on for 7 minutes is not a fresh contact: with the right-skewed
 * handle times of real centers (the bank's records: CV 1.25-1.47, shared/research/wfm.md), a
 * long call tends to go on longer still. So the remaining time is drawn from the handle-time
 * law conditioned on the time already spent, X − e given X > e; only the exponential law
 * forgets (its remainder is a fresh draw, which is what makes Erlang C and A work).
 */
import type { Rng } from '../../../simulations/random.ts';

export type HandleTimes =
  | { kind: 'exponential'; meanSeconds: number }
  /** Lognormal with this mean and coefficient of variation (sd / mean). */
  | { kind: 'lognormal'; meanSeconds: number; cv: number };

export function drawHandle(h: HandleTimes, rng: Rng): number {
  return h.kind === 'exponential' ? rng.exponential(h.meanSeconds) : rng.lognormal(h.meanSeconds, h.cv);
}

/** What is left of a handle time that has run `elapsedSeconds` already. */
export function drawRemaining(h: HandleTimes, elapsedSeconds: number, rng: Rng): number {
  if (h.kind === 'exponential') return drawHandle(h, rng);
  if (h.cv <= 0) return Math.max(0, h.meanSeconds - Math.max(0, elapsedSeconds));
  if (!(elapsedSeconds > 0)) return drawHandle(h, rng);
  const sigma = Math.sqrt(Math.log(1 + h.cv * h.cv));
  const mu = Math.log(h.meanSeconds) - (sigma * sigma) / 2;
  const z = (Math.log(elapsedSeconds) - mu) / sigma;
  const tail = normalTail(z);
  if (!(tail > 1e-300)) {
    // Far in the tail the excess of a lognormal over e is about e·σ/z on average (Mills ratio).
    return rng.exponential((elapsedSeconds * sigma) / z);
  }
  // Inverse transform inside the tail: V uniform on (0, P(X > e)), X = exp(μ + σ·Φ̄⁻¹(V)).
  const v = Math.min(tail * (1 - rng.next()), 1 - 2 ** -53); // (0, tail], and below 1
  const x = Math.exp(mu + sigma * -normalQuantile(v));
  return Math.max(0, x - elapsedSeconds);
}

/** Φ̄(z) = P(Z > z) for a standard normal Z, through erfc (relative error < 1.2e-7). */
export function normalTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * erfc by the Chebyshev-fitted exponential of Numerical Recipes (erfcc): fractional error below
 * 1.2e-7 everywhere, including deep in the tail where 1 − erf would cancel to nothing.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

// Acklam's rational approximation of the normal quantile (relative error < 1.15e-9).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

/** Φ⁻¹(p) for p in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: p must be in (0, 1), got ${p}`);
  const [a0, a1, a2, a3, a4, a5] = A as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = B as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = C as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = D as [number, number, number, number];
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1);
}
