/**
 * Local calendar arithmetic in a tenant's time zone, fast enough for a year of 5-minute
 * intervals of a hundred queues: an instant maps to (local day number, minute of the local day)
 * with one cached UTC offset per zone and quarter hour (every UTC offset and every offset change
 * falls on a quarter hour), and day numbers map to ISO dates and weekdays without a Date object.
 *
 * A day number counts local calendar days since 1970-01-01; weekday 0 is Monday, 6 is Sunday.
 */
import { IANAZone } from 'luxon';

const QUARTER = 900_000;
const DAY_MS = 86_400_000;

const offsets = new Map<string, { days: Map<number, number>; quarters: Map<number, number> }>();

function luxonOffset(zone: string, ms: number): number {
  return IANAZone.create(zone).offset(ms) * 60_000;
}

/**
 * UTC offset of `zone` at instant `ms`, in ms. Cached per UTC day when the offset is the same at
 * both ends of the day (no change inside: changes are months apart), else per quarter hour.
 */
export function zoneOffsetMs(zone: string, ms: number): number {
  if (zone === 'UTC') return 0;
  let cache = offsets.get(zone);
  if (!cache) {
    if (!IANAZone.isValidZone(zone)) throw new RangeError(`unknown time zone ${zone}`);
    cache = { days: new Map(), quarters: new Map() };
    offsets.set(zone, cache);
  }
  const dayKey = Math.floor(ms / DAY_MS);
  let off = cache.days.get(dayKey);
  if (off === undefined) {
    const a = luxonOffset(zone, dayKey * DAY_MS);
    const b = luxonOffset(zone, (dayKey + 1) * DAY_MS);
    off = a === b ? a : NaN;
    if (cache.days.size > 100_000) cache.days.clear();
    cache.days.set(dayKey, off);
  }
  if (!Number.isNaN(off)) return off;
  const key = Math.floor(ms / QUARTER);
  off = cache.quarters.get(key);
  if (off === undefined) {
    off = luxonOffset(zone, key * QUARTER);
    if (cache.quarters.size > 100_000) cache.quarters.clear();
    cache.quarters.set(key, off);
  }
  return off;
}

export function isTimeZone(zone: string): boolean {
  return zone === 'UTC' || IANAZone.isValidZone(zone);
}

/** Local day number and minute of the local day (0-1439) of instant `ms` in `zone`. */
export function localDayMinute(zone: string, ms: number): { day: number; minute: number } {
  const local = ms + zoneOffsetMs(zone, ms);
  const day = Math.floor(local / DAY_MS);
  return { day, minute: Math.floor((local - day * DAY_MS) / 60_000) };
}

/**
 * The instant at which local clock time `minute` of local day `day` begins. In a fall-back
 * overlap it is the earlier of the two instants; in a spring-forward gap (a clock time that does
 * not exist) it is that clock time read with the offset from before the change.
 */
export function instantOf(zone: string, day: number, minute: number): number {
  const local = day * DAY_MS + minute * 60_000;
  // Offsets change at most twice a year, so the offsets a day either side cover both candidates.
  const before = zoneOffsetMs(zone, local - DAY_MS);
  const after = zoneOffsetMs(zone, local + DAY_MS);
  const valid = [local - before, local - after].filter((t) => zoneOffsetMs(zone, t) === local - t);
  return valid.length ? Math.min(...valid) : local - before;
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** ISO date (YYYY-MM-DD) of a day number (Howard Hinnant's civil_from_days). */
export function isoDate(day: number): string {
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Day number of an ISO date (YYYY-MM-DD); throws on anything else. */
export function dayOfIso(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  let y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) throw new RangeError(`not an ISO date: ${date}`);
  y -= mo <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const day = era * 146_097 + doe - 719_468;
  if (isoDate(day) !== date) throw new RangeError(`not an ISO date: ${date}`);
  return day;
}
