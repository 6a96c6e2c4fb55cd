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
  // Agent time spent in the interval (offline time is outside occupancy and not kept).
  'availableMs',
  'busyMs',
  'wrapupMs',
  'awayMs',
] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];

/**
 * Additive counters, plus the longest wait of any resolved contact of the interval. That one is
 * a maximum, not a sum: it is merged with max and never lowered (a late event can only lower a
 * wait when the same contact reports two different outcomes, which the max keeps at the larger).
 */
export type Counters = Record<CounterField, number> & {
  maxWaitMs: number;
  /** Away time by reason (break, lunch, …): reasons are free text, so a map beside the fixed fields. */
  awayByReason: Record<string, number>;
};

/** Stored as hash fields `awayMs:<reason>`. */
export const AWAY_REASON_PREFIX = 'awayMs:';

export function zeroCounters(): Counters {
  // A literal (one hidden class, no per-field adds): aggregation makes thousands per batch.
  return {
    offered: 0,
    answered: 0,
    answeredWithinThreshold: 0,
    abandoned: 0,
    shortAbandoned: 0,
    abandonedWithinThreshold: 0,
    overflowed: 0,
    overflowedWithinThreshold: 0,
    waitAnsweredMs: 0,
    waitAbandonedMs: 0,
    handled: 0,
    talkMs: 0,
    wrapMs: 0,
    holdMs: 0,
    transferredOut: 0,
    escalated: 0,
    availableMs: 0,
    busyMs: 0,
    wrapupMs: 0,
    awayMs: 0,
    maxWaitMs: 0,
    awayByReason: {},
  } satisfies Record<CounterField, number> & Pick<Counters, 'maxWaitMs' | 'awayByReason'>;
}

/** `into += delta * sign`, in place; a positive delta also raises the max wait. */
export function addCounters(into: Counters, delta: Partial<Counters>, sign = 1): Counters {
  for (const f of COUNTER_FIELDS) {
    const v = delta[f];
    if (v) into[f] += v * sign;
  }
  if (sign > 0 && delta.maxWaitMs !== undefined && delta.maxWaitMs > into.maxWaitMs) into.maxWaitMs = delta.maxWaitMs;
  if (delta.awayByReason) {
    for (const [reason, ms] of Object.entries(delta.awayByReason)) {
      const v = (into.awayByReason[reason] ?? 0) + ms * sign;
      if (v === 0) delete into.awayByReason[reason];
      else into.awayByReason[reason] = v;
    }
  }
  return into;
}

export function isZero(c: Counters): boolean {
  return c.maxWaitMs === 0 && COUNTER_FIELDS.every((f) => c[f] === 0) && Object.keys(c.awayByReason).length === 0;
}

/** Counters from a stored record whose missing fields are zero (a Redis hash, a partial object). */
export function countersFrom(raw: Record<string, string | number | undefined> | null | undefined): Counters {
  const c = zeroCounters();
  if (!raw) return c;
  for (const f of COUNTER_FIELDS) {
    const v = raw[f];
    if (v !== undefined) c[f] = Number(v);
  }
  if (raw.maxWaitMs !== undefined) c.maxWaitMs = Number(raw.maxWaitMs);
  for (const [k, v] of Object.entries(raw)) {
    if (k.startsWith(AWAY_REASON_PREFIX) && v !== undefined && Number(v) !== 0) c.awayByReason[k.slice(AWAY_REASON_PREFIX.length)] = Number(v);
  }
  return c;
}
