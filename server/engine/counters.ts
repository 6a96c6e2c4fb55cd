/**
 * Interval counters: what is stored per queue and interval. Only counts and sums (in integer
 * milliseconds, so sums are exact); every ratio is computed at read time (metrics.ts).
 */

export const COUNTER_FIELDS = [
  'offered',
  'answered',
  'answeredWithinThreshold',
  'abandoned',
  'shortAbandoned',
  'abandonedWithinThreshold',
  'overflowed',
  'overflowedWithinThreshold',
  'waitAnsweredMs',
  'waitAbandonedMs',
  'handled',
  'talkMs',
  'wrapMs',
  'holdMs',
  'transferredOut',
  'escalated',
] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];
export type Counters = Record<CounterField, number>;

export function zeroCounters(): Counters {
  const c = {} as Counters;
  for (const f of COUNTER_FIELDS) c[f] = 0;
  return c;
}

/** `into += delta * sign`, in place. */
export function addCounters(into: Counters, delta: Partial<Counters>, sign = 1): Counters {
  for (const f of COUNTER_FIELDS) {
    const v = delta[f];
    if (v) into[f] += v * sign;
  }
  return into;
}

/** Counters from a stored record whose missing fields are zero (a Redis hash, a partial object). */
export function countersFrom(raw: Record<string, string | number | undefined> | null | undefined): Counters {
  const c = zeroCounters();
  if (!raw) return c;
  for (const f of COUNTER_FIELDS) {
    const v = raw[f];
    if (v !== undefined) c[f] = Number(v);
  }
  return c;
}
