/** An instant for a desk list, on the wall clock of its tenant: "14:02" today, "23 Nov, 14:02"
 * on another day, so a resolved alert from yesterday never reads as one from this afternoon. */
import { formatTimeOfDay, localDate } from './zoned-time.ts';

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

export function formatWhen(epochMs: number, nowMs: number, zone: string, locale: string): string {
  const time = formatTimeOfDay(epochMs, zone, locale);
  if (localDate(epochMs, zone) === localDate(nowMs, zone)) return time;
  const key = `${locale}|${zone}`;
  let f = dayFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, day: 'numeric', month: 'short' });
    dayFormatters.set(key, f);
  }
  return `${f.format(epochMs)}, ${time}`;
}
