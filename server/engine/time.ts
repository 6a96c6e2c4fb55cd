/**
 * Interval arithmetic in the tenant's time zone (metrics.md: intervals are aligned to the
 * tenant's zone; "today" starts at local midnight).
 */
import { DateTime, IANAZone } from 'luxon';

export const STEPS = ['SEC10', 'MIN1', 'MIN15', 'HOUR1', 'DAY1'] as const;
export type Step = (typeof STEPS)[number];

/** Width of each step in ms; DAY1 is nominal (local days are 23 to 25 hours long around DST). */
export const STEP_MS: Record<Step, number> = {
  SEC10: 10_000,
  MIN1: 60_000,
  MIN15: 900_000,
  HOUR1: 3_600_000,
  DAY1: 86_400_000,
};

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** UTC offset of `zone` at instant `ms`, in ms, cached per zone and quarter hour (no zone changes offset more often). */
const offsetCache = new Map<string, number>();
function offsetMs(zone: string, ms: number): number {
  if (zone === 'UTC') return 0;
  const key = `${zone}|${Math.floor(ms / 900_000)}`;
  let off = offsetCache.get(key);
  if (off === undefined) {
    off = IANAZone.create(zone).offset(ms) * 60_000;
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, off);
  }
  return off;
}

/** Local midnight before `ms`, cached per zone and quarter hour (every UTC offset is a multiple of 15 min). */
const dayCache = new Map<string, number>();
function dayStart(ms: number, zone: string): number {
  const key = `${zone}|${Math.floor(ms / 900_000)}`;
  let start = dayCache.get(key);
  if (start === undefined) {
    start = DateTime.fromMillis(ms, { zone }).startOf('day').toMillis();
    if (dayCache.size > 50_000) dayCache.clear();
    dayCache.set(key, start);
  }
  return start;
}

/** Start (epoch ms) of the interval of `step` that contains `ms`, aligned to local clock time in `zone`. */
export function bucketStart(ms: number, step: Step, zone: string): number {
  if (step === 'DAY1') return dayStart(ms, zone);
  const width = STEP_MS[step];
  const off = offsetMs(zone, ms);
  // DST changes happen on local hour (rarely half-hour) boundaries, so the offset is constant
  // inside any bucket of an hour or less and the offset at `ms` maps the local start back exactly.
  return Math.floor((ms + off) / width) * width - off;
}

/** The local midnight after the day starting at `start`, cached per zone and day (luxon is slow on hot paths). */
const nextDayCache = new Map<string, number>();
function nextDayStart(start: number, zone: string): number {
  const key = `${zone}|${start}`;
  let next = nextDayCache.get(key);
  if (next === undefined) {
    next = DateTime.fromMillis(start, { zone }).plus({ days: 1 }).startOf('day').toMillis();
    if (nextDayCache.size > 50_000) nextDayCache.clear();
    nextDayCache.set(key, next);
  }
  return next;
}

/** Start of the interval after the one starting at `start`. */
export function nextBucket(start: number, step: Step, zone: string): number {
  if (step === 'DAY1') return nextDayStart(start, zone);
  return start + STEP_MS[step];
}

/** Starts of every interval of `step` overlapping [from, to). */
export function bucketRange(from: number, to: number, step: Step, zone: string): number[] {
  const out: number[] = [];
  for (let s = bucketStart(from, step, zone); s < to; s = nextBucket(s, step, zone)) out.push(s);
  return out;
}
