/**
 * What the outlook assumes about the coming minutes, and where each number comes from:
 * arrivals from the queue's forecast (its 15-minute points, today's intraday reforecast
 * included), or the rate of the last hour when there is no forecast; AHT from the forecast or
 * the last hours' handled contacts; patience from the last hours' abandonment.
 *
 * Patience is Erlang A's θ estimated as Mandelbaum and Zeltyn do (shared/research/wfm.md,
 * "Patience"): abandons ÷ total time spent waiting, the maximum-likelihood estimate for
 * exponential patience, with the contacts still waiting counted as the censored waits they
 * are. No abandonment seen: nobody abandons (no basis for anything else).
 */
import type { Counters } from '../../engine/counters.ts';

/** Where a number came from. DEFAULT: nothing known, a stated assumption. NONE: nothing to assume (no arrivals, no abandonment). */
export type Basis = 'FORECAST' | 'RECENT' | 'DEFAULT' | 'NONE';

/** AHT assumed when neither the forecast nor recent contacts tell: a typical voice handle time, said as such. */
export const DEFAULT_AHT_SECONDS = 300;

export interface ForecastSlice {
  /** Interval start (epoch ms) and length. */
  start: number;
  stepMs: number;
  contacts: number;
  ahtSeconds: number | null;
}

export interface ArrivalPlan {
  segments: { fromSeconds: number; perHour: number }[];
  /** Mean over the horizon. */
  perHour: number;
  basis: Basis;
}

/**
 * Arrivals per hour over [now, now + horizon): the forecast's where it expects any contact in
 * the horizon, otherwise the last hour's actual rate, flat.
 */
export function arrivalPlan(args: { now: number; horizonMs: number; forecast: readonly ForecastSlice[] | null; recent: { offered: number; spanMs: number } }): ArrivalPlan {
  const { now, horizonMs } = args;
  const end = now + horizonMs;
  const segments: { fromSeconds: number; perHour: number }[] = [];
  let expected = 0;
  let covered = now;
  for (const p of [...(args.forecast ?? [])].sort((a, b) => a.start - b.start)) {
    const from = Math.max(p.start, covered);
    const to = Math.min(p.start + p.stepMs, end);
    if (to <= from) continue;
    // A gap in the forecast (no point) counts as no arrivals, not as the previous rate.
    if (from > covered) segments.push({ fromSeconds: (covered - now) / 1000, perHour: 0 });
    const perHour = (Math.max(0, p.contacts) * 3_600_000) / p.stepMs;
    segments.push({ fromSeconds: (from - now) / 1000, perHour });
    expected += (perHour * (to - from)) / 3_600_000;
    covered = to;
  }
  if (expected > 0) {
    if (covered < end) segments.push({ fromSeconds: (covered - now) / 1000, perHour: 0 });
    return { segments, perHour: (expected * 3_600_000) / horizonMs, basis: 'FORECAST' };
  }
  const { offered, spanMs } = args.recent;
  if (offered > 0 && spanMs > 0) {
    const perHour = (offered * 3_600_000) / spanMs;
    return { segments: [{ fromSeconds: 0, perHour }], perHour, basis: 'RECENT' };
  }
  return { segments: [{ fromSeconds: 0, perHour: 0 }], perHour: 0, basis: 'NONE' };
}

/** AHT over the horizon: the forecast's, weighted by its contacts; else the recent one; else the default. */
export function ahtEstimate(args: { now: number; horizonMs: number; forecast: readonly ForecastSlice[] | null; recent: Pick<Counters, 'handled' | 'talkMs' | 'wrapMs'> }): { seconds: number; basis: Basis } {
  const end = args.now + args.horizonMs;
  let weight = 0;
  let sum = 0;
  for (const p of args.forecast ?? []) {
    const overlap = Math.min(p.start + p.stepMs, end) - Math.max(p.start, args.now);
    if (overlap <= 0 || p.ahtSeconds === null || !(p.ahtSeconds > 0) || !(p.contacts > 0)) continue;
    const w = (p.contacts * overlap) / p.stepMs;
    weight += w;
    sum += w * p.ahtSeconds;
  }
  if (weight > 0) return { seconds: sum / weight, basis: 'FORECAST' };
  const r = args.recent;
  if (r.handled > 0 && r.talkMs + r.wrapMs > 0) return { seconds: (r.talkMs + r.wrapMs) / 1000 / r.handled, basis: 'RECENT' };
  return { seconds: DEFAULT_AHT_SECONDS, basis: 'DEFAULT' };
}

/** Mean wrap-up per handled contact, seconds (what is left of a wrap-up in progress); null when none was reported. */
export function wrapMeanSeconds(recent: Pick<Counters, 'handled' | 'wrapMs'>): number | null {
  return recent.handled > 0 && recent.wrapMs > 0 ? recent.wrapMs / 1000 / recent.handled : null;
}

/**
 * Mean patience 1/θ, θ = abandons ÷ time waited (answered and abandoned contacts' waits, and
 * what those still waiting have waited so far).
 */
export function patienceEstimate(recent: Pick<Counters, 'abandoned' | 'waitAnsweredMs' | 'waitAbandonedMs'>, waitingMs: readonly number[]): { seconds: number | null; basis: Basis } {
  if (recent.abandoned <= 0) return { seconds: null, basis: 'NONE' };
  const waitedMs = recent.waitAnsweredMs + recent.waitAbandonedMs + waitingMs.reduce((s, w) => s + w, 0);
  // Abandons with no time waited at all (a source reporting zero waits): patience of a second, not zero.
  return { seconds: Math.max(1, waitedMs / 1000 / recent.abandoned), basis: 'RECENT' };
}
