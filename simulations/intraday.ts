/**
 * Arrival curves: contact centers are busy mid-morning and quiet at night in their customers'
 * local time, and busier on Monday than on Sunday, so multipliers are read on the tenant's
 * clock (DST included).
 */
import type { IntradayProfile, QueueSpec, WeeklyProfile } from './scenario.ts';

const BUCKET_MS = 15 * 60_000;
const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local clock of a time zone: minute of the day (fractional) and ISO weekday (1 = Monday). */
export interface LocalClock {
  minuteOfDay(ms: number): number;
  weekday(ms: number): number;
}

/**
 * Every zone's UTC offset is a multiple of 15 minutes and changes only on such a boundary, so
 * one Intl lookup per 15-minute bucket is exact; simulated time moves forward, so caching the
 * last bucket makes nearly every call arithmetic.
 */
export function localClock(timeZone: string): LocalClock {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', weekday: 'short', hour: '2-digit', minute: '2-digit' });
  let cachedBucket = Number.NaN;
  let cachedMinute = 0;
  let cachedWeekday = 1;
  const load = (ms: number): number => {
    const bucket = Math.floor(ms / BUCKET_MS);
    if (bucket !== cachedBucket) {
      let hour = 0;
      let minute = 0;
      for (const part of format.formatToParts(bucket * BUCKET_MS)) {
        if (part.type === 'hour') hour = Number(part.value);
        else if (part.type === 'minute') minute = Number(part.value);
        else if (part.type === 'weekday') cachedWeekday = WEEKDAYS[part.value] ?? 1;
      }
      cachedBucket = bucket;
      cachedMinute = hour * 60 + minute;
    }
    return bucket;
  };
  return {
    minuteOfDay(ms) {
      const bucket = load(ms);
      return (cachedMinute + (ms - bucket * BUCKET_MS) / 60_000) % 1440;
    },
    weekday(ms) {
      // A bucket never straddles local midnight (offsets are whole quarter hours).
      load(ms);
      return cachedWeekday;
    },
  };
}

/** Minute of the local day (0 <= m < 1440, fractional) of an instant in a time zone. */
export function localMinuteOfDay(timeZone: string): (ms: number) => number {
  const clock = localClock(timeZone);
  return (ms) => clock.minuteOfDay(ms);
}

/**
 * The first instant at or after `fromMs` when the local clock of `clock` reads `minute`
 * (minute of the day) on one of `days` (ISO weekdays; all when absent). On a day when that
 * clock time does not exist (skipped by a daylight-saving change), the clock reads an hour
 * later then (03:30 for a skipped 02:30).
 */
export function nextLocalTime(clock: LocalClock, fromMs: number, minute: number, days?: readonly number[]): number {
  let from = fromMs;
  for (let i = 0; i < 10; i++) {
    const now = clock.minuteOfDay(from);
    let candidate = from + Math.round(((minute - now + 1440) % 1440) * 60_000);
    // A clock change in between moves the local time: correct by what the clock reads there.
    const drift = ((clock.minuteOfDay(candidate) - minute + 720 + 1440) % 1440) - 720;
    if (drift !== 0) {
      const corrected = candidate - Math.round(drift * 60_000);
      // Keep the correction only where the clock does read that time (not skipped by the change).
      if (corrected >= from && clock.minuteOfDay(corrected) === minute) candidate = corrected;
    }
    if (days === undefined || days.includes(clock.weekday(candidate))) return candidate;
    from = candidate + 60_000;
  }
  throw new RangeError(`no local time ${minute} within 10 days on weekdays ${days?.join(',')}`);
}

/**
 * Arrival-rate multiplier at an instant: the intraday curve times the day's weekly factor.
 * Each hourly value holds at the middle of its hour and the curve is linear in between
 * (wrapping midnight), so rates never jump within a day. Without profiles the rate is flat.
 */
export function intradayMultiplier(
  profile: IntradayProfile | undefined,
  timeZone: string,
  weekly?: WeeklyProfile,
): { at(ms: number): number; max: number } {
  if (profile === undefined && weekly === undefined) return { at: () => 1, max: 1 };
  const clock = localClock(timeZone);
  const dayFactor = weekly === undefined ? () => 1 : (ms: number) => weekly[clock.weekday(ms) - 1] ?? 0;
  const hours = profile?.length ?? 0;
  return {
    max: (profile === undefined ? 1 : Math.max(...profile)) * (weekly === undefined ? 1 : Math.max(...weekly)),
    at(ms) {
      if (profile === undefined) return dayFactor(ms);
      const h = clock.minuteOfDay(ms) / 60 - 0.5;
      const lower = Math.floor(h);
      const frac = h - lower;
      const i = (lower + hours) % hours;
      const a = profile[i] ?? 0;
      const b = profile[(i + 1) % hours] ?? 0;
      return (a + (b - a) * frac) * dayFactor(ms);
    },
  };
}

/**
 * A queue's arrival rate per hour at an instant, and its peak (the rate thinning draws at):
 * the forecast's within its intervals, else the mean rate times the intraday and weekly curves.
 */
export function arrivalRate(spec: Pick<QueueSpec, 'arrivalsPerHour' | 'intraday' | 'weekly' | 'forecast'>, timeZone: string): { at(ms: number): number; max: number } {
  const curve = intradayMultiplier(spec.intraday, timeZone, spec.weekly);
  const mean = spec.arrivalsPerHour;
  const forecast = spec.forecast;
  if (forecast === undefined) return { max: mean * curve.max, at: (ms) => mean * curve.at(ms) };
  const startMs = Date.parse(forecast.start);
  const stepMs = forecast.intervalMinutes * 60_000;
  const values = forecast.arrivalsPerHour;
  const endMs = startMs + stepMs * values.length;
  return {
    max: Math.max(mean * curve.max, ...values),
    at: (ms) => (ms >= startMs && ms < endMs ? (values[Math.floor((ms - startMs) / stepMs)] ?? 0) : mean * curve.at(ms)),
  };
}
