/**
 * Intraday arrival curves: contact centers are busy mid-morning and quiet at night in their
 * customers' local time, so the multiplier is read on the tenant's clock (DST included).
 */
import type { IntradayProfile } from './scenario.ts';

const BUCKET_MS = 15 * 60_000;

/**
 * Minute of the local day (0 <= m < 1440, fractional) of an instant in a time zone.
 * Every zone's UTC offset is a multiple of 15 minutes and changes only on such a boundary,
 * so one Intl lookup per 15-minute bucket is exact; simulated time moves forward, so caching
 * the last bucket makes nearly every call arithmetic.
 */
export function localMinuteOfDay(timeZone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
  let cachedBucket = Number.NaN;
  let cachedMinute = 0;
  return (ms) => {
    const bucket = Math.floor(ms / BUCKET_MS);
    if (bucket !== cachedBucket) {
      let hour = 0;
      let minute = 0;
      for (const part of format.formatToParts(bucket * BUCKET_MS)) {
        if (part.type === 'hour') hour = Number(part.value);
        else if (part.type === 'minute') minute = Number(part.value);
      }
      cachedBucket = bucket;
      cachedMinute = hour * 60 + minute;
    }
    return (cachedMinute + (ms - bucket * BUCKET_MS) / 60_000) % 1440;
  };
}

/**
 * Arrival-rate multiplier at an instant. Each hourly value holds at the middle of its hour
 * and the curve is linear in between (wrapping midnight), so rates never jump.
 * Without a profile the rate is flat (multiplier 1).
 */
export function intradayMultiplier(profile: IntradayProfile | undefined, timeZone: string): { at(ms: number): number; max: number } {
  if (profile === undefined) return { at: () => 1, max: 1 };
  const minuteOf = localMinuteOfDay(timeZone);
  const hours = profile.length;
  return {
    max: Math.max(...profile),
    at(ms) {
      const h = minuteOf(ms) / 60 - 0.5;
      const lower = Math.floor(h);
      const frac = h - lower;
      const i = (lower + hours) % hours;
      const a = profile[i] ?? 0;
      const b = profile[(i + 1) % hours] ?? 0;
      return a + (b - a) * frac;
    },
  };
}
