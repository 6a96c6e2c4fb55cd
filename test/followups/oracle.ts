/**
 * Test support for the calendar: scenes around DST changes, random calendars, and a brute-force
 * oracle that walks real time minute by minute reading the wall clock through Intl (not through
 * server/followups/zone.ts), so the window-by-window arithmetic is checked against the
 * definition rather than against itself.
 */
import fc from 'fast-check';
import { WEEKDAYS, type CalendarSpec, type WeeklyHours } from '../../server/followups/calendar.ts';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** A zone and an instant worth testing around: a DST change, or an ordinary week without one. */
export interface Scene {
  name: string;
  zone: string;
  at: number;
}

export const SCENES: Scene[] = [
  { name: 'Madrid spring forward 02:00→03:00', zone: 'Europe/Madrid', at: Date.parse('2025-03-30T01:00:00Z') },
  { name: 'Madrid fall back 03:00→02:00', zone: 'Europe/Madrid', at: Date.parse('2025-10-26T01:00:00Z') },
  { name: 'New York spring forward 02:00→03:00', zone: 'America/New_York', at: Date.parse('2025-03-09T07:00:00Z') },
  { name: 'New York fall back 02:00→01:00', zone: 'America/New_York', at: Date.parse('2025-11-02T06:00:00Z') },
  { name: 'Santiago fall back at midnight 24:00→23:00', zone: 'America/Santiago', at: Date.parse('2025-04-06T03:00:00Z') },
  { name: 'Santiago spring forward at midnight 00:00→01:00', zone: 'America/Santiago', at: Date.parse('2025-09-07T04:00:00Z') },
  { name: 'Lord Howe half-hour fall back 02:00→01:30', zone: 'Australia/Lord_Howe', at: Date.parse('2025-04-05T15:00:00Z') },
  { name: 'Manila, no DST', zone: 'Asia/Manila', at: Date.parse('2025-06-15T00:00:00Z') },
  { name: 'Kathmandu, UTC+05:45', zone: 'Asia/Kathmandu', at: Date.parse('2025-06-15T00:00:00Z') },
];

// ---- the oracle ------------------------------------------------------------------------------

const formats = new Map<string, Intl.DateTimeFormat>();
const walls = new Map<string, number>();

/** Local wall time of instant `t` (whole minutes) as naive ms, read through Intl. */
export function wallOf(zone: string, t: number): number {
  const key = `${zone} ${t}`;
  const cached = walls.get(key);
  if (cached !== undefined) return cached;
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    formats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, Number(x.value)]));
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
  walls.set(key, wall);
  return wall;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/**
 * Whether the calendar is open when its clock reads `wall`: the clock made monotonic (the
 * running maximum of the wall time), as calendar.ts defines it.
 */
function openAtWall(spec: CalendarSpec, wall: number): boolean {
  const day = Math.floor(wall / DAY);
  const date = new Date(day * DAY).toISOString().slice(0, 10);
  if (spec.holidays.includes(date)) return false;
  const weekday = WEEKDAYS[(((day + 3) % 7) + 7) % 7];
  const minute = (wall - day * DAY) / MIN;
  return spec.weekly.some((w) => w.day === weekday && minutesOf(w.open) <= minute && minute < minutesOf(w.close));
}

/**
 * Open minutes of each whole minute from `from` (minute-aligned) on, as booleans, `count` of them.
 * Starts reading the clock a day earlier so that the running maximum has seen any repeated hour.
 */
export function openMinutes(spec: CalendarSpec, from: number, count: number): boolean[] {
  let max = -Infinity;
  for (let t = from - DAY; t < from; t += MIN) max = Math.max(max, wallOf(spec.timeZone, t));
  const out: boolean[] = [];
  for (let i = 0; i < count; i++) {
    max = Math.max(max, wallOf(spec.timeZone, from + i * MIN));
    out.push(openAtWall(spec, max));
  }
  return out;
}

// ---- arbitraries -----------------------------------------------------------------------------

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Minutes of the day, biased to the hours where DST changes happen and to midnight. */
const minuteOfDay = fc.oneof(
  fc.integer({ min: 0, max: 1440 }),
  fc.constantFrom(0, 30, 60, 90, 120, 150, 180, 210, 240, 1380, 1410, 1440),
  fc.integer({ min: 0, max: 300 }),
);

/** 0-3 non-overlapping windows of one day, as sorted distinct cut points taken in pairs. */
const dayWindows = fc.uniqueArray(minuteOfDay, { minLength: 0, maxLength: 6 }).map((cuts) => {
  const sorted = [...cuts].sort((a, b) => a - b);
  const spans: [number, number][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) spans.push([sorted[i]!, sorted[i + 1]!]);
  return spans;
});

/** Weekly hours with at least one window somewhere in the week. */
export const weeklyHours: fc.Arbitrary<WeeklyHours[]> = fc
  .tuple(...WEEKDAYS.map(() => dayWindows))
  .map((days) => days.flatMap((spans, i) => spans.map(([o, c]) => ({ day: WEEKDAYS[i]!, open: hhmm(o), close: hhmm(c) }))))
  .filter((w) => w.length > 0);

/** Local dates within a week either side of `at`. */
export function holidaysNear(at: number): fc.Arbitrary<string[]> {
  return fc.uniqueArray(fc.integer({ min: -8, max: 8 }), { maxLength: 4 }).map((ds) => ds.map((d) => new Date(at + d * DAY).toISOString().slice(0, 10)));
}

/** A scene with a random calendar in its zone. */
export const sceneWithCalendar: fc.Arbitrary<{ scene: Scene; spec: CalendarSpec }> = fc
  .constantFrom(...SCENES)
  .chain((scene) =>
    fc.record({
      scene: fc.constant(scene),
      spec: fc.record({ timeZone: fc.constant(scene.zone), weekly: weeklyHours, holidays: holidaysNear(scene.at) }),
    }),
  );

/** An instant within `span` either side of `at`, to the ms. */
export function instantNear(at: number, span = 3 * DAY): fc.Arbitrary<number> {
  return fc.integer({ min: at - span, max: at + span });
}

/** Amounts of open time in ms: small, whole minutes and hours, up to two days. */
export const amountMs = fc.oneof(fc.integer({ min: 1, max: 2 * DAY }), fc.integer({ min: 1, max: 48 * 60 }).map((m) => m * MIN), fc.integer({ min: 1, max: 5_000 }));
