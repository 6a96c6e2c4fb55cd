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

/**
 * Luxon answers per zone, cached (luxon is slow on hot paths, and aggregation asks several times
 * per event): UTC offsets and local midnights per quarter hour (every UTC offset is a multiple of
 * 15 min and no zone changes offset more often), and the local midnight after each day start.
 * Numeric keys in one cache per zone, and the last quarter asked about kept aside: a batch asks
 * about the same few quarters in turn, and a string key built per call was a tenth of the
 * aggregation time.
 */
class ZoneCache {
  readonly offsets = new Map<number, number>();
  readonly days = new Map<number, number>();
  readonly nextDays = new Map<number, number>();
  offsetQuarter = NaN;
  offset = 0;
  dayQuarter = NaN;
  day = 0;
  constructor(readonly zone: string) {}
}
const CACHE_LIMIT = 50_000;
const zoneCaches = new Map<string, ZoneCache>();
function zoneCache(zone: string): ZoneCache {
  let c = zoneCaches.get(zone);
  if (!c) zoneCaches.set(zone, (c = new ZoneCache(zone)));
  return c;
}

/** UTC offset of `zone` at instant `ms`, in ms. */
function offsetMs(c: ZoneCache, ms: number): number {
  const quarter = Math.floor(ms / 900_000);
  if (quarter === c.offsetQuarter) return c.offset;
  let off = c.offsets.get(quarter);
  if (off === undefined) {
    off = IANAZone.create(c.zone).offset(ms) * 60_000;
    if (c.offsets.size > CACHE_LIMIT) c.offsets.clear();
    c.offsets.set(quarter, off);
  }
  c.offsetQuarter = quarter;
  return (c.offset = off);
}

/** Local midnight before `ms`. */
function dayStart(c: ZoneCache, ms: number): number {
  const quarter = Math.floor(ms / 900_000);
  if (quarter === c.dayQuarter) return c.day;
  let start = c.days.get(quarter);
  if (start === undefined) {
    start = DateTime.fromMillis(ms, { zone: c.zone }).startOf('day').toMillis();
    if (c.days.size > CACHE_LIMIT) c.days.clear();
    c.days.set(quarter, start);
  }
  c.dayQuarter = quarter;
  return (c.day = start);
}

/** Start (epoch ms) of the interval of `step` that contains `ms`, aligned to local clock time in `zone`. */
export function bucketStart(ms: number, step: Step, zone: string): number {
  if (step === 'DAY1') return dayStart(zoneCache(zone), ms);
  const width = STEP_MS[step];
  const off = zone === 'UTC' ? 0 : offsetMs(zoneCache(zone), ms);
  // DST changes happen on local hour (rarely half-hour) boundaries, so the offset is constant
  // inside any bucket of an hour or less and the offset at `ms` maps the local start back exactly.
  return Math.floor((ms + off) / width) * width - off;
}

/** The local midnight after the day starting at `start`. */
function nextDayStart(c: ZoneCache, start: number): number {
  let next = c.nextDays.get(start);
  if (next === undefined) {
    next = DateTime.fromMillis(start, { zone: c.zone }).plus({ days: 1 }).startOf('day').toMillis();
    if (c.nextDays.size > CACHE_LIMIT) c.nextDays.clear();
    c.nextDays.set(start, next);
  }
  return next;
}

/** Start of the interval after the one starting at `start`. */
export function nextBucket(start: number, step: Step, zone: string): number {
  if (step === 'DAY1') return nextDayStart(zoneCache(zone), start);
  return start + STEP_MS[step];
}

/** Starts of every interval of `step` overlapping [from, to). */
export function bucketRange(from: number, to: number, step: Step, zone: string): number[] {
  const out: number[] = [];
  for (let s = bucketStart(from, step, zone); s < to; s = nextBucket(s, step, zone)) out.push(s);
  return out;
}
