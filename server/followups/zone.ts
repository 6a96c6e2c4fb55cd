/**
 * Local wall-clock time of an IANA zone, as the business-hours calendar reads it.
 *
 * A "wall" value is local date and time written as if it were UTC epoch ms
 * (day number × 86 400 000 + ms into the day), so local days are plain integers and a window
 * 08:00-17:00 on day d is the wall range [d·DAY + 8 h, d·DAY + 17 h).
 *
 * Around DST the wall clock skips (spring forward) or repeats (fall back) local times, so a wall
 * value maps to zero or two instants. The calendar reads the wall clock *made monotonic*: an
 * instant's calendar time is the latest wall time reached so far. `firstInstantAtWall(zone, w)`
 * is then the one instant at which calendar time reaches w: the first instant whose wall time is
 * w or later. A skipped time is reached when the clock jumps past it; a repeated time is reached
 * the first time round, and during the repeated hour the calendar holds at the minute before the
 * change (a window open then stays open for the extra real hour, a closed one stays closed).
 */
import { IANAZone } from 'luxon';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * Instants the calendar accepts: inside the Date range with three years to spare, so that day
 * arithmetic near a bound never asks the zone database for an offset it cannot give.
 */
export const MAX_INSTANT = 8.64e15 - 1e11;

/** UTC offset of `zone` at instant `t` in ms (an exact multiple of the second for every modern zone). */
function rawOffsetMs(zone: string, t: number): number {
  const minutes = IANAZone.create(zone).offset(t);
  if (!Number.isFinite(minutes)) throw new RangeError(`no UTC offset for ${zone} at ${t}: instant out of range`);
  return Math.round(minutes * MINUTE_MS);
}

/**
 * Offsets looked up at day-aligned sample points (see constantDayOffset), cached: a zone lookup
 * costs ~10 µs through Intl and the same days come back for every follow-up of a tenant. The
 * cache holds exact answers (keyed by the exact instant), so it never changes a result.
 */
const sampled = new Map<string, number>();
function sampledOffsetMs(zone: string, t: number): number {
  const key = `${zone} ${t}`;
  let off = sampled.get(key);
  if (off === undefined) {
    off = rawOffsetMs(zone, t);
    if (sampled.size >= 100_000) sampled.clear();
    sampled.set(key, off);
  }
  return off;
}

/** Local day number (days since 1970-01-01 in the zone's calendar) of instant `t`. */
export function localDay(zone: string, t: number): number {
  return Math.floor((t + rawOffsetMs(zone, t)) / DAY_MS);
}

/**
 * The offset in force throughout local day `day` and far enough either side for every wall time
 * of the day (00:00 to 24:00) to map to exactly one instant, or null when an offset change may be
 * that close. UTC offsets lie within −12 h..+14 h, so the instants of the day's wall times lie in
 * [day − 14 h, day + 24 h + 12 h]; equal offsets just outside both ends mean no change inside
 * (the zone database has no pair of changes that cancel within two days).
 */
export function constantDayOffset(zone: string, day: number): number | null {
  const start = day * DAY_MS;
  const before = sampledOffsetMs(zone, start - 15 * HOUR_MS);
  const after = sampledOffsetMs(zone, start + DAY_MS + 13 * HOUR_MS);
  return before === after ? before : null;
}

/**
 * The first instant whose local wall time is `wall` or later (see the module comment). The two
 * offsets in force around `wall` give the candidate instants wall − offset; a candidate is real
 * when the zone has that offset there. In a fall-back overlap both are real and the earlier one
 * wins; in a spring-forward gap neither is, and the answer is the change itself, found by
 * bisection between them (the gap is at most a few hours: ~22 lookups, a few times a year).
 */
export function firstInstantAtWall(zone: string, wall: number): number {
  const early = sampledOffsetMs(zone, wall - 15 * HOUR_MS);
  const late = sampledOffsetMs(zone, wall + 13 * HOUR_MS);
  let best = Infinity;
  for (const off of [early, late]) {
    const t = wall - off;
    if (t < best && rawOffsetMs(zone, t) === off) best = t;
  }
  if (best !== Infinity) return best;
  // Gap: before the change the wall time is short of `wall`, after it past `wall`.
  let lo = wall - Math.max(early, late);
  let hi = wall - Math.min(early, late);
  if (!(lo + rawOffsetMs(zone, lo) < wall && hi + rawOffsetMs(zone, hi) >= wall)) {
    throw new Error(`${zone}: more than one UTC offset change near local time ${new Date(wall).toISOString().slice(0, 16)}`);
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + rawOffsetMs(zone, mid) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Instant of wall time `wall` on a day whose offset is `dayOffset` (null: look it up). */
export function wallToInstant(zone: string, wall: number, dayOffset: number | null): number {
  return dayOffset === null ? firstInstantAtWall(zone, wall) : wall - dayOffset;
}
