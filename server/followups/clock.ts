/**
 * The due-time clock of one follow-up (shared/design/metrics.md "Follow-ups": dueSoon, overdue,
 * metOnTime; the clock pauses while waiting_customer).
 *
 * A policy target (setFollowUpPolicy: dueMinutes, businessHours) is a budget of clock time: open
 * time of the tenant's calendar when businessHours, plain elapsed time otherwise. The clock runs
 * while the follow-up is open or in_progress, pauses while waiting_customer (Zendesk's pausable
 * metrics, Freshdesk's "SLA timer off" statuses, Salesforce's Stopped; wallboard.md §5) and stops
 * while done or cancelled; a reopened follow-up runs again from where it stopped.
 *
 * - Due time. Until the budget runs out it is where the remaining budget would end if the clock ran
 *   from now on: fixed while running, moving later while paused by exactly the open time spent
 *   paused. Once the budget runs out while running, the due time is that instant for good: pausing
 *   or closing after the breach does not undo it.
 * - An explicit due time (`dueAt`) is a promise for a wall-clock instant ("call back at 15:00").
 *   Nothing moves it: waiting on the customer does not pause it (Freshdesk: a manual due date sticks).
 * - overdue: not done/cancelled and past the due time (at the due instant itself it is not yet
 *   overdue). A clock paused after its breach stays overdue.
 * - dueSoon: running, not overdue, due within the warning window of wall-clock time (default 15
 *   min). A paused clock is never due soon: it cannot run out while the customer has the ball.
 * - metOnTime: when done, whether it was done at or before the due time; null otherwise
 *   (cancelled follow-ups do not count in "done before due / done").
 *
 * A calendar with no opening hours cannot run out a businessHours budget: reading such a clock
 * throws the calendar's CalendarError.
 */
import { ALWAYS_OPEN, addBusinessMillis, businessMillisBetween, type Calendar } from './calendar.ts';
import { MAX_INSTANT, MINUTE_MS } from './zone.ts';

export const FOLLOW_UP_STATUSES = ['open', 'in_progress', 'waiting_customer', 'done', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** The follow-up entered `status` at `at` (epoch ms). */
export interface StatusChange {
  readonly at: number;
  readonly status: FollowUpStatus;
}

/**
 * Where the due time comes from: a policy target (a FollowUpPolicy fits as it is), or an explicit
 * instant. Never both.
 */
export type DueRule =
  | { readonly dueMinutes: number; readonly businessHours: boolean; readonly dueAt?: never }
  | { readonly dueAt: number; readonly dueMinutes?: never; readonly businessHours?: never };

export interface FollowUpClock {
  readonly due: DueRule;
  /** The tenant's calendar; read only when the rule says businessHours. */
  readonly calendar: Calendar;
  /** When the clock starts; the follow-up is open until the first status change. */
  readonly createdAt: number;
  /** Status changes in any order; changes before createdAt set the status at creation, of two at the same instant the later listed wins. */
  readonly history: readonly StatusChange[];
}

/** running: counts down; paused: waiting on the customer; stopped: done or cancelled. */
export type ClockState = 'running' | 'paused' | 'stopped';

export interface ClockReading {
  readonly at: number;
  readonly status: FollowUpStatus;
  readonly state: ClockState;
  /** Due instant (epoch ms), as of `at` (see the module comment). */
  readonly dueAt: number;
  /** Wall-clock seconds from `at` to the due time; negative once past it. */
  readonly dueInSeconds: number;
  /**
   * Clock time left of a policy target, in seconds of business time (or elapsed time without
   * businessHours); negative by the clock time run since the breach; frozen while paused or
   * stopped. null for an explicit due time, which has no clock.
   */
  readonly clockSecondsLeft: number | null;
  readonly overdue: boolean;
  readonly dueSoon: boolean;
  readonly metOnTime: boolean | null;
}

const RUNNING: ReadonlySet<FollowUpStatus> = new Set(['open', 'in_progress']);
const STOPPED: ReadonlySet<FollowUpStatus> = new Set(['done', 'cancelled']);

function checkInstant(field: string, t: number): void {
  if (!Number.isSafeInteger(t) || Math.abs(t) > MAX_INSTANT) throw new RangeError(`${field} must be an instant in epoch ms, got ${t}`);
}

/** The status changes up to `at`, in time order, clamped to createdAt. */
function changesUntil(clock: FollowUpClock, at: number): StatusChange[] {
  return clock.history
    .map((c, index) => {
      checkInstant(`history[${index}].at`, c.at);
      if (!FOLLOW_UP_STATUSES.includes(c.status)) throw new RangeError(`history[${index}].status must be one of ${FOLLOW_UP_STATUSES.join(', ')}, got ${JSON.stringify(c.status)}`);
      return { at: Math.max(c.at, clock.createdAt), status: c.status, index };
    })
    .filter((c) => c.at <= at)
    .sort((a, b) => a.at - b.at || a.index - b.index);
}

/** Consecutive stretches [start, end) of one status from createdAt to `at`, the last one ending at `at`. */
function segments(clock: FollowUpClock, at: number): { start: number; end: number; status: FollowUpStatus }[] {
  const out: { start: number; end: number; status: FollowUpStatus }[] = [];
  let status: FollowUpStatus = 'open';
  let since = clock.createdAt;
  for (const change of changesUntil(clock, at)) {
    if (change.at > since) out.push({ start: since, end: change.at, status });
    status = change.status;
    since = change.at;
  }
  out.push({ start: since, end: at, status });
  return out;
}

/** Read the clock at instant `at` (≥ createdAt), with a dueSoon window of `warningMinutes`. */
export function readClock(clock: FollowUpClock, at: number, warningMinutes = 15): ClockReading {
  checkInstant('createdAt', clock.createdAt);
  checkInstant('at', at);
  if (at < clock.createdAt) throw new RangeError(`at (${at}) is before createdAt (${clock.createdAt}): the follow-up did not exist yet`);
  if (!Number.isFinite(warningMinutes) || warningMinutes < 0) throw new RangeError(`warningMinutes must be a number ≥ 0, got ${warningMinutes}`);

  const segs = segments(clock, at);
  const current = segs[segs.length - 1]!;
  const status = current.status;
  const { due } = clock;

  let dueAt: number;
  let clockLeft: number | null = null;
  let paused: boolean;
  if (due.dueAt !== undefined) {
    checkInstant('due.dueAt', due.dueAt);
    dueAt = due.dueAt;
    paused = false; // an explicit due time has no clock to pause
  } else {
    if (!Number.isFinite(due.dueMinutes) || due.dueMinutes <= 0) throw new RangeError(`due.dueMinutes must be a number > 0, got ${due.dueMinutes}`);
    const calendar = due.businessHours ? clock.calendar : ALWAYS_OPEN;
    let left = Math.round(due.dueMinutes * MINUTE_MS);
    if (left === 0) throw new RangeError(`due.dueMinutes must be at least 1 ms, got ${due.dueMinutes}`);
    let breachAt: number | null = null;
    for (const s of segs) {
      if (!RUNNING.has(s.status) || s.end === s.start) continue;
      const used = businessMillisBetween(calendar, s.start, s.end);
      // The budget runs out inside this stretch: the first instant with `left` of it used.
      if (breachAt === null && used >= left) breachAt = addBusinessMillis(calendar, s.start, left);
      left -= used;
    }
    clockLeft = left;
    // Not yet run out: where the rest would end if the clock ran from now on (from the stop, once stopped).
    dueAt = breachAt ?? addBusinessMillis(calendar, STOPPED.has(status) ? current.start : at, left);
    paused = status === 'waiting_customer';
  }

  const state: ClockState = STOPPED.has(status) ? 'stopped' : paused ? 'paused' : 'running';
  const overdue = state !== 'stopped' && at > dueAt;
  return {
    at,
    status,
    state,
    dueAt,
    dueInSeconds: (dueAt - at) / 1000,
    clockSecondsLeft: clockLeft === null ? null : clockLeft / 1000,
    overdue,
    dueSoon: state === 'running' && !overdue && dueAt - at <= warningMinutes * MINUTE_MS,
    metOnTime: status === 'done' ? current.start <= dueAt : null,
  };
}

/** Due instant as of `at`. */
export function dueAt(clock: FollowUpClock, at: number): number {
  return readClock(clock, at).dueAt;
}

/** Wall-clock seconds from `at` to the due time, negative once past it. */
export function dueInSeconds(clock: FollowUpClock, at: number): number {
  return readClock(clock, at).dueInSeconds;
}

export function overdue(clock: FollowUpClock, at: number): boolean {
  return readClock(clock, at).overdue;
}

export function dueSoon(clock: FollowUpClock, at: number, warningMinutes = 15): boolean {
  return readClock(clock, at, warningMinutes).dueSoon;
}

/** Done at or before the due time; null unless done at `at`. */
export function metOnTime(clock: FollowUpClock, at: number): boolean | null {
  return readClock(clock, at).metOnTime;
}
