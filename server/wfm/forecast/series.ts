/**
 * Series preparation: past intervals (start, offered contacts, optional AHT) → one row per local
 * calendar day of the tenant's time zone, with contacts per interval of the day at the planning
 * step (15 minutes by default; 30 and 60 by summing finer intervals; the step must not be finer
 * than the data's own intervals).
 *
 * Open and closed days. A forecast must not learn that a weekend of a weekday-only center, or a
 * holiday, is a day with no demand: such a day is *closed* and never becomes a training row. The
 * open window is the span of intervals of the day in which contacts arrive on at least 5 % of
 * the days with any contact (so a stray night call does not stretch it); a day is open when it
 * has at least one contact inside the window. A day with no data at all, or whose window
 * intervals are all missing or zero, is closed; so is every day in `closedDays`. Inside an open
 * day a missing interval of the window counts as zero contacts (stores omit empty intervals).
 *
 * Special days (`specialDays`: promotions, outages, storms) have data, but it is not typical:
 * they are kept apart from training and backtests.
 *
 * `afterClosure` marks a day whose run of closed days just before it includes an *unexpected*
 * closure, a day of a weekday that is usually open (a holiday): contacts held back come in then
 * (on the bank data the day after a weekday holiday runs 15-35 % above its weekday). A weekday
 * is usually open when at least half of its last eight occurrences were open.
 *
 * No leakage: observations starting at or after `asOf` are dropped, training days are the days
 * before the local day of `asOf` ("today"), and today's intervals before `asOf` are kept apart,
 * for the intraday reforecast only.
 *
 * Time zones: a day is a local calendar day and an interval of the day is local clock time. On a
 * 25-hour day the repeated hour adds into the same intervals; on a 23-hour day the skipped hour
 * is simply empty (contact centers are rarely open at 2 a.m.).
 */
import { dayOfIso, isoDate, localDayMinute, weekdayOf } from './calendar.ts';

export type StepMinutes = 15 | 30 | 60;
export const STEP_MINUTES: readonly StepMinutes[] = [15, 30, 60];

export interface IntervalObservation {
  /** Start of the interval, epoch ms. */
  start: number;
  /** Contacts offered in the interval. */
  contacts: number;
  /** Average handle time of the interval's contacts in seconds, when known. */
  ahtSeconds?: number | null;
}

export interface SeriesOptions {
  /** IANA zone of the tenant: days and intervals are local. */
  timeZone: string;
  /** Planning step in minutes (default 15). */
  stepMinutes?: StepMinutes;
  /** Local dates (YYYY-MM-DD) whose data is atypical: excluded from training and backtests. */
  specialDays?: readonly string[];
  /** Local dates known to be closed (holidays), past or future: forecast as closed. */
  closedDays?: readonly string[];
  /** Only observations starting before this instant are used; its local day is "today". */
  asOf: number;
}

export type DayStatus = 'open' | 'closed' | 'special';

/** One local calendar day; arrays are indexed by interval of the open window. */
export interface SeriesDay {
  readonly day: number;
  readonly date: string;
  /** Monday = 0 … Sunday = 6. */
  readonly weekday: number;
  readonly status: DayStatus;
  /** Contacts per interval of the window. */
  readonly contacts: Float64Array;
  /** Σ AHT × contacts and Σ contacts over the intervals that carried an AHT. */
  readonly ahtSum: Float64Array;
  readonly ahtContacts: Float64Array;
  /** The closed days just before it include a closure of a usually open weekday. */
  readonly afterClosure: boolean;
}

export interface PreparedSeries {
  readonly timeZone: string;
  readonly stepMinutes: StepMinutes;
  readonly slotsPerDay: number;
  /** Open window: intervals of the day first … first + width − 1 (width 0: never open). */
  readonly window: { readonly first: number; readonly width: number };
  /** Every calendar day from the first day with contacts to the day before today. */
  readonly days: readonly SeriesDay[];
  /** Per weekday (Monday = 0): open on at least half of its last eight occurrences. */
  readonly usualOpen: readonly boolean[];
  /** Local day of asOf, with its intervals observed so far. */
  readonly today: {
    readonly day: number;
    readonly weekday: number;
    readonly contacts: Float64Array;
    readonly ahtSum: Float64Array;
    readonly ahtContacts: Float64Array;
    /** Intervals of the window wholly before asOf (0 … width). */
    readonly observed: number;
    /** Any contact today before asOf. */
    readonly hasData: boolean;
  };
  readonly closedDays: ReadonlySet<number>;
  readonly specialDays: ReadonlySet<number>;
}

interface RawDay {
  contacts: Float64Array;
  ahtSum: Float64Array;
  ahtContacts: Float64Array;
}

function rawDay(slots: number): RawDay {
  return { contacts: new Float64Array(slots), ahtSum: new Float64Array(slots), ahtContacts: new Float64Array(slots) };
}

/** Share of the days with contacts on which an interval must see contacts to be in the open window. */
const WINDOW_SHARE = 0.05;

export function prepareSeries(observations: readonly IntervalObservation[], options: SeriesOptions): PreparedSeries {
  const step = options.stepMinutes ?? 15;
  if (!STEP_MINUTES.includes(step)) throw new RangeError(`stepMinutes must be 15, 30 or 60, not ${String(step)}`);
  const zone = options.timeZone;
  const slotsPerDay = 1440 / step;
  const asOf = options.asOf;
  const today = localDayMinute(zone, asOf);
  const closedDays = new Set((options.closedDays ?? []).map(dayOfIso));
  const specialDays = new Set((options.specialDays ?? []).map(dayOfIso));

  const raw = new Map<number, RawDay>();
  for (const o of observations) {
    if (!(o.start < asOf) || !Number.isFinite(o.contacts) || o.contacts < 0) continue;
    const { day, minute } = localDayMinute(zone, o.start);
    let r = raw.get(day);
    if (!r) raw.set(day, (r = rawDay(slotsPerDay)));
    const slot = Math.floor(minute / step);
    r.contacts[slot]! += o.contacts;
    const aht = o.ahtSeconds;
    if (aht != null && Number.isFinite(aht) && aht > 0 && o.contacts > 0) {
      r.ahtSum[slot]! += aht * o.contacts;
      r.ahtContacts[slot]! += o.contacts;
    }
  }

  // Open window from the past days with contacts.
  const seen = new Int32Array(slotsPerDay);
  let daysWithContacts = 0;
  let firstDay = Infinity;
  for (const [day, r] of raw) {
    if (day >= today.day || closedDays.has(day)) continue;
    let any = false;
    for (let s = 0; s < slotsPerDay; s++) {
      if (r.contacts[s]! > 0) {
        seen[s]!++;
        any = true;
      }
    }
    if (any) {
      daysWithContacts++;
      firstDay = Math.min(firstDay, day);
    }
  }
  const need = Math.max(1, WINDOW_SHARE * daysWithContacts);
  let first = -1;
  let last = -1;
  for (let s = 0; s < slotsPerDay; s++) {
    if (seen[s]! >= need) {
      if (first < 0) first = s;
      last = s;
    }
  }
  const width = first < 0 ? 0 : last - first + 1;
  const cut = (a: Float64Array) => a.slice(first < 0 ? 0 : first, (first < 0 ? 0 : first) + width);

  // Status of every past day.
  const days: { day: number; status: DayStatus; r: RawDay | undefined }[] = [];
  if (Number.isFinite(firstDay)) {
    for (let day = firstDay; day < today.day; day++) {
      const r = raw.get(day);
      let open = false;
      if (r && !closedDays.has(day)) {
        for (let s = 0; s < width; s++) if (r.contacts[first + s]! > 0) open = true;
      }
      days.push({ day, status: open ? (specialDays.has(day) ? 'special' : 'open') : 'closed', r });
    }
  }

  const usualOpen: boolean[] = [];
  for (let w = 0; w < 7; w++) {
    let n = 0;
    let open = 0;
    for (let i = days.length - 1; i >= 0 && n < 8; i--) {
      const d = days[i]!;
      if (weekdayOf(d.day) !== w) continue;
      n++;
      if (d.status !== 'closed') open++;
    }
    usualOpen.push(n > 0 && open >= n / 2);
  }

  const out: SeriesDay[] = [];
  let unexpected = false; // an unexpected closure since the last open day
  for (const d of days) {
    const weekday = weekdayOf(d.day);
    const r = d.status === 'closed' || !d.r ? undefined : d.r;
    out.push({
      day: d.day,
      date: isoDate(d.day),
      weekday,
      status: d.status,
      contacts: r ? cut(r.contacts) : new Float64Array(width),
      ahtSum: r ? cut(r.ahtSum) : new Float64Array(width),
      ahtContacts: r ? cut(r.ahtContacts) : new Float64Array(width),
      afterClosure: d.status !== 'closed' && unexpected,
    });
    if (d.status === 'closed') unexpected ||= usualOpen[weekday]!;
    else unexpected = false;
  }

  const t = raw.get(today.day) ?? rawDay(slotsPerDay);
  const observed = width === 0 ? 0 : Math.min(width, Math.max(0, Math.floor(today.minute / step) - first));
  const todayContacts = cut(t.contacts);
  return {
    timeZone: zone,
    stepMinutes: step,
    slotsPerDay,
    window: { first: Math.max(first, 0), width },
    days: out,
    usualOpen,
    today: {
      day: today.day,
      weekday: weekdayOf(today.day),
      contacts: todayContacts,
      ahtSum: cut(t.ahtSum),
      ahtContacts: cut(t.ahtContacts),
      observed,
      hasData: todayContacts.some((x) => x > 0),
    },
    closedDays,
    specialDays,
  };
}

/** Training rows: the open days (not closed, not special), oldest first. */
export function trainingDays(series: PreparedSeries): SeriesDay[] {
  return series.days.filter((d) => d.status === 'open');
}

/**
 * Whether a day from today on is expected open: not a listed closure, and its weekday usually
 * open (today also counts as open once it has contacts).
 */
export function expectedOpen(series: PreparedSeries, day: number): boolean {
  if (series.window.width === 0 || series.closedDays.has(day)) return false;
  if (day === series.today.day && series.today.hasData) return true;
  return series.usualOpen[weekdayOf(day)]!;
}

/** For a day from today on: does an unexpected closure fall between the last open day and it? */
export function expectedAfterClosure(series: PreparedSeries, day: number): boolean {
  for (let d = day - 1; ; d--) {
    if (d >= series.today.day) {
      if (expectedOpen(series, d)) return false;
      if (series.closedDays.has(d) && series.usualOpen[weekdayOf(d)]) return true;
      continue;
    }
    const past = series.days[d - (series.days[0]?.day ?? d + 1)];
    if (!past) return false;
    if (past.status !== 'closed') return false;
    if (series.usualOpen[past.weekday]) return true;
  }
}
