/**
 * What a follow-up looks like at an instant: its status and clock on the tenant's calendar,
 * read from the record. Shared by GraphQL, the wallboard counts and the OVERDUE_FOLLOWUPS rule.
 */
import type { TenantSettings } from '../engine/settings.ts';
import { ALWAYS_OPEN, compileCalendar, type Calendar, type CalendarSpec } from './calendar.ts';
import { readClock, type ClockReading } from './clock.ts';
import { currentStatus, type FollowUp, type FollowUpKind } from './record.ts';

export interface FollowUpView extends Omit<FollowUp, 'kind' | 'createdAt' | 'due'> {
  kind: FollowUpKind;
  createdAt: number;
  clock: ClockReading;
}

/** Compiled calendars by spec, so a tenant's calendar is validated and built once. */
const compiled = new Map<string, Calendar>();

export function calendarOf(settings: Pick<TenantSettings, 'businessHours'>): Calendar {
  const spec: CalendarSpec | undefined = settings.businessHours;
  if (!spec) return ALWAYS_OPEN;
  const key = JSON.stringify(spec);
  let c = compiled.get(key);
  if (!c) {
    c = compileCalendar(spec);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, c);
  }
  return c;
}

/** The follow-up at `now`, or null while its followup.created event has not been seen. */
export function viewFollowUp(f: FollowUp, calendar: Calendar, now: number, warningMinutes = 15): FollowUpView | null {
  if (f.kind === null || f.createdAt === null || f.due === null) return null;
  const clock = readClock({ due: f.due, calendar, createdAt: f.createdAt, history: f.history }, Math.max(now, f.createdAt), warningMinutes);
  return { ...f, kind: f.kind, createdAt: f.createdAt, clock };
}

export interface FollowUpCounts {
  open: number;
  dueSoon: number;
  overdue: number;
  /** Done on time / done, of those done today; null when none was done. */
  metOnTimeRate: number | null;
}

const isOpen = (v: FollowUpView) => v.clock.status !== 'done' && v.clock.status !== 'cancelled';

export function countFollowUps(views: readonly FollowUpView[], doneSince: number): FollowUpCounts {
  let open = 0;
  let dueSoon = 0;
  let overdue = 0;
  let done = 0;
  let met = 0;
  for (const v of views) {
    if (isOpen(v)) {
      open++;
      if (v.clock.overdue) overdue++;
      else if (v.clock.dueSoon) dueSoon++;
    } else if (v.clock.status === 'done') {
      const doneAt = [...v.history].reverse().find((h) => h.status === 'done')?.at ?? 0;
      if (doneAt >= doneSince) {
        done++;
        if (v.clock.metOnTime) met++;
      }
    }
  }
  return { open, dueSoon, overdue, metOnTimeRate: done > 0 ? met / done : null };
}

export { currentStatus };
