/**
 * How long an acknowledgement holds. An acknowledgement with an end does not silence the rule
 * (research wallboard.md §1.3 item 6): when `until` passes and the breach still holds, the alert
 * fires again. "End of shift" is a wall-clock time in the tenant's zone.
 */
import { addDays, localDate, zoneOffsetMs, type IsoDate } from './zoned-time.ts';

export const UNTIL_CHOICES = ['none', '15m', '1h', 'shift'] as const;
export type UntilChoice = (typeof UNTIL_CHOICES)[number];

const MINUTE = 60_000;

/**
 * Shift changes, in minutes after local midnight: the three 8-hour shifts of a 24/7 floor.
 * Floorboard has no rosters yet, so these are fixed; the choice shows the time it means, so
 * nobody acknowledges "until end of shift" without seeing when that is.
 */
export const SHIFT_ENDS_MINUTES: readonly number[] = [6 * 60, 14 * 60, 22 * 60];

/** A shift end closer than this is no shift left: the next one is meant. */
const MIN_SHIFT_LEFT_MS = 5 * MINUTE;

/** The instant the wall clock in `zone` reads `minuteOfDay` on `date`. In a DST gap (a time
 * that does not exist that day) it lands an hour off, which is fine for a shift change. */
export function zonedWallTime(date: IsoDate, minuteOfDay: number, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, mo - 1, d, 0, minuteOfDay);
  // Two passes, as zoned-time.ts's startOfDay: the second uses the offset in force at the guess.
  const guess = wall - zoneOffsetMs(wall, zone);
  return wall - zoneOffsetMs(guess, zone);
}

/** The next shift change in `zone` at least a few minutes after `nowMs`. */
export function nextShiftEnd(nowMs: number, zone: string, ends: readonly number[] = SHIFT_ENDS_MINUTES): number {
  const today = localDate(nowMs, zone);
  for (const date of [today, addDays(today, 1)]) {
    for (const minute of [...ends].sort((a, b) => a - b)) {
      const at = zonedWallTime(date, minute, zone);
      if (at - nowMs >= MIN_SHIFT_LEFT_MS) return at;
    }
  }
  // Unreachable with any end in the day; a day ahead is the safe answer if `ends` is empty.
  return nowMs + 24 * 60 * MINUTE;
}

/** The `until` to send for a choice made at `nowMs`; null: until the alert resolves. */
export function untilFor(choice: UntilChoice, nowMs: number, zone: string): number | null {
  switch (choice) {
    case 'none':
      return null;
    case '15m':
      return nowMs + 15 * MINUTE;
    case '1h':
      return nowMs + 60 * MINUTE;
    case 'shift':
      return nextShiftEnd(nowMs, zone);
  }
}
