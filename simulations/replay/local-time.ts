/**
 * Wall-clock time in a named zone, to and from instants. Call records give a date and an
 * HH:MM:SS in the call center's zone; events need instants. Converting 60,000 records through
 * luxon's DateTime objects takes seconds, so this does the same arithmetic on numbers, asking
 * luxon's zone only for UTC offsets, cached per quarter hour (no zone changes its offset more
 * often than that).
 */
import { IANAZone } from 'luxon';

/** Whether `name` is an IANA zone this runtime knows. */
export function isKnownZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

const zones = new Map<string, IANAZone>();
function zoneOf(name: string): IANAZone {
  let zone = zones.get(name);
  if (zone === undefined) {
    if (!IANAZone.isValidZone(name)) throw new RangeError(`unknown time zone ${JSON.stringify(name)}`);
    zone = IANAZone.create(name);
    zones.set(name, zone);
  }
  return zone;
}

/** Offsets per zone by quarter hour since 1970. */
const offsets = new Map<string, Map<number, number>>();
/** UTC offset of `zone` at instant `ms`, in ms. */
export function offsetMs(zone: string, ms: number): number {
  let byQuarter = offsets.get(zone);
  if (byQuarter === undefined) offsets.set(zone, (byQuarter = new Map()));
  const quarter = Math.floor(ms / 900_000);
  let off = byQuarter.get(quarter);
  if (off === undefined) {
    off = zoneOf(zone).offset(ms) * 60_000;
    if (byQuarter.size > 200_000) byQuarter.clear();
    byQuarter.set(quarter, off);
  }
  return off;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^(\d{1,2}):(\d{2}):(\d{2})$/;

const dayNumbers = new Map<string, number>();
/** Days since 1970-01-01 of a calendar date YYYY-MM-DD (no zone involved). */
export function dayNumber(date: string): number {
  const known = dayNumbers.get(date);
  if (known !== undefined) return known;
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(date)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  if (new Date(ms).getUTCDate() !== d || mo < 1 || mo > 12) throw new RangeError(`no such date: ${date}`);
  if (dayNumbers.size > 100_000) dayNumbers.clear();
  dayNumbers.set(date, ms / 86_400_000);
  return ms / 86_400_000;
}

const dates = new Map<number, string>();
/** The calendar date YYYY-MM-DD of a day number. */
export function dateOfDay(day: number): string {
  let date = dates.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    if (dates.size > 100_000) dates.clear();
    dates.set(day, date);
  }
  return date;
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return dateOfDay(dayNumber(date) + days);
}

/** Seconds since midnight of HH:MM:SS (blank or malformed: null). */
export function clockSeconds(clock: string): number | null {
  const m = CLOCK.exec(clock);
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h > 23 || mi > 59 || s > 59) return null;
  return h * 3600 + mi * 60 + s;
}

/**
 * The instant at which clocks in `zone` read `seconds` after midnight of `day`. A wall time
 * that never happened (in a spring-forward gap) is read as far after the gap; one that happened
 * twice (in a fall-back overlap) as the earlier. That is java.time's and Temporal's
 * "compatible" rule; luxon's answer in an overlap depends on the offset in force when it runs.
 */
export function localToEpochMs(day: number, seconds: number, zone: string): number {
  const wall = day * 86_400_000 + seconds * 1000;
  // The offset at the wall time read as UTC is a guess; the offset at the corrected instant
  // confirms it, except near a change, where one more step settles it.
  const o1 = offsetMs(zone, wall);
  const guess = wall - o1;
  const o2 = offsetMs(zone, guess);
  let at: number;
  if (o1 === o2) {
    at = guess;
  } else {
    const retry = wall - o2;
    const o3 = offsetMs(zone, retry);
    if (o2 !== o3) return wall - Math.min(o2, o3); // in a gap
    at = retry;
  }
  // An overlap: a larger offset shortly before (no clock change moves more than 3 hours) may
  // read the same wall time at an earlier instant.
  const before = offsetMs(zone, at - 3 * 3_600_000);
  if (before > offsetMs(zone, at)) {
    const earlier = wall - before;
    if (offsetMs(zone, earlier) === before) return earlier;
  }
  return at;
}

/** ISO-8601 with the zone's offset at that instant, e.g. 1999-01-04T13:01:51+02:00 (seconds precision). */
export function isoWithOffset(ms: number, zone: string): string {
  const off = offsetMs(zone, ms);
  const local = new Date(ms + off).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off) / 60_000;
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  const frac = ms % 1000 === 0 ? '' : `.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`;
  return `${local}${frac}${sign}${hh}:${mm}`;
}

/** Calendar date (YYYY-MM-DD) in `zone` at instant `ms`. */
export function localDate(ms: number, zone: string): string {
  return new Date(ms + offsetMs(zone, ms)).toISOString().slice(0, 10);
}
