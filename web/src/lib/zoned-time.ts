/**
 * Calendar days and clock times in a tenant's IANA time zone, with Intl only: the drill-down
 * shows intervals in the tenant's zone (metrics.md), which is often not the browser's, and a date
 * library would weigh more than the page itself.
 */

const FIFTEEN_MINUTES = 900_000;

/** `YYYY-MM-DD`, the value of an `<input type="date">`. */
export type IsoDate = string;

const fieldFormatters = new Map<string, Intl.DateTimeFormat>();

/** Year, month, day, hour, minute, second of an instant as the wall clock in `zone` shows them. */
function wallClock(epochMs: number, zone: string) {
  let f = fieldFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    fieldFormatters.set(zone, f);
  }
  const n: Record<string, number> = {};
  for (const p of f.formatToParts(epochMs)) if (p.type !== 'literal') n[p.type] = Number(p.value);
  return { year: n.year!, month: n.month!, day: n.day!, hour: n.hour!, minute: n.minute!, second: n.second! };
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** How far the wall clock in `zone` is ahead of UTC at `epochMs`, in ms. */
export function zoneOffsetMs(epochMs: number, zone: string): number {
  const w = wallClock(epochMs, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The calendar day in `zone` at `epochMs`. */
export function localDate(epochMs: number, zone: string): IsoDate {
  const w = wallClock(epochMs, zone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (what a URL may carry is checked with this). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = DATE_PATTERN.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The calendar day `days` after `date` (negative: before). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

/**
 * The first instant of `date` in `zone`: local midnight, or where a DST jump skips midnight
 * (America/Santiago, Asia/Beirut some years), the first local time that exists that day.
 */
export function startOfDay(date: IsoDate, zone: string): number {
  const m = DATE_PATTERN.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Two passes: the offset at the first guess is the one in force at midnight unless a change
  // falls between the two instants, and the second pass corrects that.
  let t = wall - zoneOffsetMs(wall, zone);
  t = wall - zoneOffsetMs(t, zone);
  // Offsets change on quarter hours, so the day starts on one: step to its first quarter.
  while (localDate(t, zone) < date) t += FIFTEEN_MINUTES;
  while (localDate(t - FIFTEEN_MINUTES, zone) === date) t -= FIFTEEN_MINUTES;
  return t;
}

/** [start, end) of `date` in `zone`, in epoch ms; 23 or 25 hours long on DST days. */
export function dayRange(date: IsoDate, zone: string): { fromMs: number; toMs: number } {
  return { fromMs: startOfDay(date, zone), toMs: startOfDay(addDays(date, 1), zone) };
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** hh:mm, 24 h, of `epochMs` on the wall clock of `zone`, in the locale's style. */
export function formatTimeOfDay(epochMs: number, zone: string, locale: string): string {
  const key = `${locale}|${zone}`;
  let f = timeFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    timeFormatters.set(key, f);
  }
  return f.format(epochMs);
}
