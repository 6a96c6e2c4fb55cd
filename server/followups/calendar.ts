/**
 * Business-hours calendars of follow-up due times (shared/design/metrics.md "Follow-ups";
 * shared/research/wallboard.md §5: Zendesk, Freshdesk and Salesforce count SLA targets on
 * business hours plus holidays, in the calendar's own time zone).
 *
 * A calendar is weekly opening windows in local wall-clock time, each within one day
 * ('08:00'-'12:00', '13:00'-'17:00'; '24:00' closes at midnight), minus holidays (whole local
 * dates). Windows that touch merge: MON 20:00-24:00 and TUE 00:00-06:00 is one stretch. An empty
 * weekly list is valid and means "never open": counting business time on it throws a
 * CalendarError instead of searching forever, and the open time between two instants is 0.
 *
 * Time is counted in real elapsed milliseconds. A window opens the first time the local clock
 * reads its open time and closes the first time it reads its close time (zone.ts), so every
 * window is one stretch of real time: 01:00-03:00 lasts 1 h on a spring-forward day (02:00 →
 * 03:00) and 3 h on a fall-back day (03:00 → 02:00 in Madrid, 02:00 → 01:00 in New York); a
 * window wholly inside a skipped hour is empty.
 *
 * Amounts are exact to the millisecond. `addBusinessMillis` returns the *first* instant by which
 * the amount of open time has passed: with a positive amount that instant always has open time
 * just before it, so it is inside a window or at a window's close (17:00 Friday, not 08:00
 * Monday), and starting in closed time is the same as starting at the next opening. The work is
 * done window by window, two cached zone lookups per local day, never minute by minute.
 */
import { IANAZone } from 'luxon';
import { DAY_MS, MAX_INSTANT, MINUTE_MS, constantDayOffset, localDay, wallToInstant } from './zone.ts';

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening window of a weekday, local wall-clock 'HH:MM'; close may be '24:00'. */
export interface WeeklyHours {
  readonly day: Weekday;
  readonly open: string;
  readonly close: string;
}

/** A calendar as tenants write it (setBusinessHours). Holidays are local dates 'YYYY-MM-DD'. */
export interface CalendarSpec {
  readonly timeZone: string;
  readonly weekly: readonly WeeklyHours[];
  readonly holidays: readonly string[];
}

/** What is wrong with a spec: `field` is a path such as `weekly[2].close` or `holidays[0]`. */
export interface CalendarProblem {
  readonly field: string;
  readonly message: string;
}

export class CalendarError extends Error {
  constructor(readonly problems: readonly CalendarProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    this.name = 'CalendarError';
  }
}

/** Open minutes of a day, [open, close) in minutes since local midnight. */
type MinuteSpan = readonly [open: number, close: number];

declare const validated: unique symbol;

/**
 * A validated calendar: the only argument the arithmetic takes, and only parseCalendar and
 * compileCalendar make one, so the arithmetic never meets overlapping windows or an unknown zone.
 * It is also a CalendarSpec (windows sorted by day and time, holidays sorted), so it can be stored
 * and shown back as it is.
 */
export interface Calendar extends CalendarSpec {
  /** Open spans of each weekday, MON first, sorted, touching windows merged. */
  readonly days: readonly (readonly MinuteSpan[])[];
  /** Holidays as local day numbers (days since 1970-01-01). */
  readonly holidayDays: ReadonlySet<number>;
  readonly [validated]: true;
}

const TIME = /^(\d\d):(\d\d)$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** Minutes since midnight of 'HH:MM' (00:00-23:59, and 24:00 when `endOfDay`), or null. */
function parseTime(value: unknown, endOfDay: boolean): number | null {
  const m = typeof value === 'string' ? TIME.exec(value) : null;
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (endOfDay && h === 24 && min === 0) return 1440;
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/** Local day number of 'YYYY-MM-DD' if it is a real date, else null. */
function parseDate(value: unknown): number | null {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // not Date.UTC: it reads years 0-99 as 1900-1999
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.getTime() / DAY_MS;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Every problem of a spec, each naming its field; empty when the spec is a valid calendar. */
export function validateCalendar(spec: CalendarSpec): CalendarProblem[] {
  return check(spec).problems;
}

interface Checked {
  problems: CalendarProblem[];
  windows: { day: number; open: number; close: number; index: number }[];
  holidayDays: number[];
}

function check(spec: CalendarSpec): Checked {
  const problems: CalendarProblem[] = [];
  const windows: Checked['windows'] = [];
  const holidayDays: number[] = [];
  // Specs arrive from GraphQL and the config file; type the fields loosely to check them at run time.
  const raw = spec as unknown as { timeZone?: unknown; weekly?: unknown; holidays?: unknown };

  if (typeof raw.timeZone !== 'string' || !IANAZone.isValidZone(raw.timeZone)) {
    problems.push({ field: 'timeZone', message: `${JSON.stringify(raw.timeZone)} is not an IANA time zone; use a name such as Europe/Madrid` });
  }

  if (!Array.isArray(raw.weekly)) {
    problems.push({ field: 'weekly', message: 'must be a list of {day, open, close} windows (an empty list means never open)' });
  } else {
    raw.weekly.forEach((w: Partial<Record<keyof WeeklyHours, unknown>> | null, index) => {
      const field = `weekly[${index}]`;
      if (typeof w !== 'object' || w === null) {
        problems.push({ field, message: 'must be an object {day, open, close}' });
        return;
      }
      const day = WEEKDAYS.indexOf(w.day as Weekday);
      if (day < 0) problems.push({ field: `${field}.day`, message: `${JSON.stringify(w.day)} is not a weekday; use one of ${WEEKDAYS.join(', ')}` });
      const open = parseTime(w.open, false);
      if (open === null) problems.push({ field: `${field}.open`, message: `${JSON.stringify(w.open)} is not a time HH:MM from 00:00 to 23:59` });
      const close = parseTime(w.close, true);
      if (close === null) problems.push({ field: `${field}.close`, message: `${JSON.stringify(w.close)} is not a time HH:MM from 00:01 to 24:00` });
      if (open === null || close === null) return;
      if (open >= close) {
        problems.push({
          field,
          message: `opens at ${hhmm(open)} but closes at ${hhmm(close)}: open must be before close, and a window cannot cross midnight (split 22:00-06:00 into 22:00-24:00 and 00:00-06:00 of the next day)`,
        });
        return;
      }
      if (day >= 0) windows.push({ day, open, close, index });
    });
  }
  windows.sort((a, b) => a.day - b.day || a.open - b.open || a.index - b.index);
  for (let i = 1; i < windows.length; i++) {
    const prev = windows[i - 1]!;
    const w = windows[i]!;
    if (w.day === prev.day && w.open < prev.close) {
      const later = w.index > prev.index ? w : prev;
      const earlier = later === w ? prev : w;
      problems.push({
        field: `weekly[${later.index}]`,
        message: `${WEEKDAYS[later.day]} ${hhmm(later.open)}-${hhmm(later.close)} overlaps weekly[${earlier.index}] (${WEEKDAYS[earlier.day]} ${hhmm(earlier.open)}-${hhmm(earlier.close)})`,
      });
    }
  }

  if (!Array.isArray(raw.holidays)) {
    problems.push({ field: 'holidays', message: 'must be a list of local dates YYYY-MM-DD (may be empty)' });
  } else {
    const seen = new Map<number, number>();
    raw.holidays.forEach((h: unknown, index) => {
      const day = parseDate(h);
      if (day === null) {
        problems.push({ field: `holidays[${index}]`, message: `${JSON.stringify(h)} is not a date YYYY-MM-DD` });
        return;
      }
      const first = seen.get(day);
      if (first !== undefined) problems.push({ field: `holidays[${index}]`, message: `${h} repeats holidays[${first}]` });
      else {
        seen.set(day, index);
        holidayDays.push(day);
      }
    });
  }
  return { problems, windows, holidayDays };
}

export type ParsedCalendar = { ok: true; calendar: Calendar } | { ok: false; problems: CalendarProblem[] };

/** Validate and compile a spec: a Calendar, or every problem by field. */
export function parseCalendar(spec: CalendarSpec): ParsedCalendar {
  const { problems, windows, holidayDays } = check(spec);
  if (problems.length) return { ok: false, problems };
  const days: [number, number][][] = WEEKDAYS.map(() => []);
  for (const w of windows) {
    const spans = days[w.day]!;
    const last = spans[spans.length - 1];
    if (last && last[1] === w.open) last[1] = w.close;
    else spans.push([w.open, w.close]);
  }
  holidayDays.sort((a, b) => a - b);
  const calendar = {
    timeZone: spec.timeZone,
    weekly: windows.map((w) => ({ day: WEEKDAYS[w.day]!, open: hhmm(w.open), close: hhmm(w.close) })),
    holidays: holidayDays.map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10)),
    days,
    holidayDays: new Set(holidayDays),
  };
  return { ok: true, calendar: calendar as unknown as Calendar };
}

/** parseCalendar for specs that must be valid (constants, tests): throws CalendarError otherwise. */
export function compileCalendar(spec: CalendarSpec): Calendar {
  const parsed = parseCalendar(spec);
  if (!parsed.ok) throw new CalendarError(parsed.problems);
  return parsed.calendar;
}

/** Open all day every day: business time is calendar time (policies with businessHours: false). */
export const ALWAYS_OPEN: Calendar = compileCalendar({
  timeZone: 'UTC',
  weekly: WEEKDAYS.map((day) => ({ day, open: '00:00', close: '24:00' })),
  holidays: [],
});

// ---- arithmetic ------------------------------------------------------------------------------

function isNeverOpen(c: Calendar): boolean {
  return c.days.every((spans) => spans.length === 0);
}

/** Every minute of every day and no holiday: open time is elapsed time, whatever the zone. */
function isAlwaysOpen(c: Calendar): boolean {
  return c.holidayDays.size === 0 && c.days.every((spans) => spans.length === 1 && spans[0]![0] === 0 && spans[0]![1] === 1440);
}

const NEVER_OPEN: CalendarProblem = {
  field: 'weekly',
  message: 'the calendar has no opening hours, so no business time can be counted on it',
};

function checkInstant(name: string, t: number): void {
  if (!Number.isSafeInteger(t) || Math.abs(t) > MAX_INSTANT) throw new RangeError(`${name} must be an instant in epoch ms (a whole number within the Date range), got ${t}`);
}

/** Open stretches [start, end) of real time on local day `day`, in order; empty on holidays. */
function dayWindows(c: Calendar, day: number): [number, number][] {
  if (c.holidayDays.has(day)) return [];
  const spans = c.days[(((day + 3) % 7) + 7) % 7]!; // day 0, 1970-01-01, was a Thursday
  if (spans.length === 0) return [];
  const offset = constantDayOffset(c.timeZone, day);
  const midnight = day * DAY_MS;
  const out: [number, number][] = [];
  for (const [open, close] of spans) {
    const start = wallToInstant(c.timeZone, midnight + open * MINUTE_MS, offset);
    const end = wallToInstant(c.timeZone, midnight + close * MINUTE_MS, offset);
    if (end > start) out.push([start, end]); // empty when a skipped hour swallows the window
  }
  return out;
}

/**
 * Open stretches ending after `from`, in order, the first cut to start at `from`. Endless on a
 * calendar with opening hours: each week has some, of which holidays remove at most one per
 * holiday and skipped DST hours at most two a year; `2·holidays + 10` weeks without any can
 * only mean a broken zone database, and stop the search rather than spin.
 */
function* openStretches(c: Calendar, from: number): Generator<[number, number]> {
  if (isNeverOpen(c)) throw new CalendarError([NEVER_OPEN]);
  const maxClosedDays = 7 * (2 * c.holidayDays.size + 10);
  let closedDays = 0;
  for (let day = localDay(c.timeZone, from); ; day++) {
    let found = false;
    for (const [start, end] of dayWindows(c, day)) {
      if (end <= from) continue;
      found = true;
      yield [Math.max(start, from), end];
    }
    closedDays = found ? 0 : closedDays + 1;
    if (closedDays > maxClosedDays) throw new Error(`${c.timeZone}: no open time in ${maxClosedDays} days from ${new Date(from).toISOString()}`);
  }
}

/**
 * The instant by which `amount` ms of open time have passed, counting from `fromMs`: the first
 * instant t with businessMillisBetween(c, fromMs, t) = amount. 0 returns `fromMs` itself.
 */
export function addBusinessMillis(c: Calendar, fromMs: number, amount: number): number {
  checkInstant('fromMs', fromMs);
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`amount must be a whole number of ms ≥ 0, got ${amount}`);
  if (amount === 0) return fromMs;
  if (isAlwaysOpen(c)) return fromMs + amount;
  let left = amount;
  for (const [start, end] of openStretches(c, fromMs)) {
    if (left <= end - start) return start + left;
    left -= end - start;
  }
  throw new Error('unreachable: openStretches is endless');
}

/**
 * The due time `minutes` of open time after `fromMs` (see addBusinessMillis). Minutes may be
 * fractional; they are counted as minutes × 60 000 rounded to the ms, so a minute count taken from
 * businessMillisBetween / 60 000 comes back to the same ms.
 */
export function addBusinessMinutes(c: Calendar, fromMs: number, minutes: number): number {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a number ≥ 0, got ${minutes}`);
  return addBusinessMillis(c, fromMs, Math.round(minutes * MINUTE_MS));
}

/**
 * Open time in ms between two instants, signed: negative when toMs is before fromMs, so "due in"
 * turns negative once due. Inverse of addBusinessMillis: addBusinessMillis(c, a,
 * businessMillisBetween(c, a, b)) is b when b is in open time or at a window's close, otherwise the
 * close of the last window before b (or a, when no open time lies between a and b).
 */
export function businessMillisBetween(c: Calendar, fromMs: number, toMs: number): number {
  checkInstant('fromMs', fromMs);
  checkInstant('toMs', toMs);
  if (toMs < fromMs) {
    const back = businessMillisBetween(c, toMs, fromMs);
    return back === 0 ? 0 : -back;
  }
  if (toMs === fromMs || isNeverOpen(c)) return 0;
  if (isAlwaysOpen(c)) return toMs - fromMs;
  let total = 0;
  for (const [start, end] of openStretches(c, fromMs)) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - start;
  }
  return total;
}

/** Whether the calendar is open at instant `t` (windows are [open, close): open at 08:00, closed at 17:00). */
export function isOpen(c: Calendar, t: number): boolean {
  checkInstant('t', t);
  if (isNeverOpen(c)) return false;
  for (const [start] of openStretches(c, t)) return start === t;
  return false;
}

/** The first open instant at or after `t` (`t` itself when open). Throws CalendarError on a never-open calendar. */
export function nextOpening(c: Calendar, t: number): number {
  checkInstant('t', t);
  for (const [start] of openStretches(c, t)) return start;
  throw new Error('unreachable: openStretches is endless');
}
