/**
 * The pausable due-time clock of a follow-up (server/followups/clock.ts): pauses move the due
 * time by the open time spent waiting on the customer, overdue / dueSoon at chosen instants,
 * metOnTime, explicit due times, and properties over random status histories.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CalendarError, addBusinessMillis, businessMillisBetween, compileCalendar, type Calendar } from '../../server/followups/calendar.ts';
import { dueAt, dueInSeconds, dueSoon, metOnTime, overdue, readClock, type DueRule, type FollowUpClock, type FollowUpStatus, type StatusChange } from '../../server/followups/clock.ts';
import { DAY, HOUR, MIN } from './oracle.ts';

const ZONE = 'Europe/Madrid';
const office: Calendar = compileCalendar({
  timeZone: ZONE,
  weekly: (['MON', 'TUE', 'WED', 'THU', 'FRI'] as const).map((day) => ({ day, open: '08:00', close: '17:00' })),
  holidays: ['2025-06-24'],
});

/** Instant of a local Madrid wall time; 'Mon 08:00' style days are the week of Monday 16 June 2025. */
function t(when: string): number {
  const m = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d\d:\d\d(?::\d\d(?:\.\d{3})?)?)$/.exec(when);
  const iso = m ? `2025-06-${16 + ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(m[1]!)}T${m[2]}` : when;
  return DateTime.fromISO(iso, { zone: ZONE }).toMillis();
}

function show(ms: number): string {
  return DateTime.fromMillis(ms, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm ccc');
}

function clock(due: DueRule, createdAt: number, history: [string, FollowUpStatus][] = [], calendar = office): FollowUpClock {
  return { due, calendar, createdAt, history: history.map(([at, status]) => ({ at: t(at), status })) };
}

const business = (dueMinutes: number): DueRule => ({ dueMinutes, businessHours: true });

describe('due time of a policy target', () => {
  it('runs on the business calendar: 120 minutes from Friday 16:30 is due Monday 09:30', () => {
    const c = clock(business(120), t('2025-06-13T16:30'));
    const r = readClock(c, t('2025-06-13T16:30'));
    expect(show(r.dueAt)).toBe('2025-06-16 09:30 Mon');
    expect(r).toMatchObject({ state: 'running', status: 'open', clockSecondsLeft: 7200, overdue: false, dueSoon: false, metOnTime: null });
    expect(r.dueInSeconds).toBe((t('Mon 09:30') - t('2025-06-13T16:30')) / 1000); // wall-clock time until due
    // Over the weekend the clock shows the same two hours left.
    expect(readClock(c, t('2025-06-15T12:00')).clockSecondsLeft).toBe(5400);
    expect(readClock(c, t('2025-06-15T12:00')).dueAt).toBe(r.dueAt);
  });

  it('a policy without businessHours counts calendar time', () => {
    const c = clock({ dueMinutes: 120, businessHours: false }, t('2025-06-13T16:30'), [
      ['2025-06-13T17:00', 'waiting_customer'],
      ['2025-06-13T17:30', 'in_progress'],
    ]);
    expect(show(dueAt(c, t('2025-06-13T16:31')))).toBe('2025-06-13 18:30 Fri');
    expect(show(dueAt(c, t('2025-06-13T18:00')))).toBe('2025-06-13 19:00 Fri');
  });

  it('pause and resume move the due time later by the open time spent waiting on the customer', () => {
    // 8 h from Monday 08:00 is due Monday 16:00; waiting from 15:00 to Tuesday 09:00 spends 2 + 1 open hours.
    const created = t('Mon 08:00');
    const noPause = clock(business(480), created);
    expect(show(dueAt(noPause, t('Mon 08:00')))).toBe('2025-06-16 16:00 Mon');
    const paused = clock(business(480), created, [
      ['Mon 15:00', 'waiting_customer'],
      ['Tue 09:00', 'open'],
    ]);
    expect(show(dueAt(paused, t('Tue 09:00')))).toBe('2025-06-17 10:00 Tue');
    expect(businessMillisBetween(office, t('Mon 16:00'), t('Tue 10:00'))).toBe(3 * HOUR);
    // While paused, the due time is where the hour left would end if the clock ran from now on.
    const during = readClock(paused, t('Mon 16:30'));
    expect(during).toMatchObject({ state: 'paused', status: 'waiting_customer', clockSecondsLeft: 3600, overdue: false, dueSoon: false });
    expect(show(during.dueAt)).toBe('2025-06-17 08:30 Tue');
    expect(show(dueAt(paused, t('Mon 22:00')))).toBe('2025-06-17 09:00 Tue');
  });

  it('closed time while paused moves nothing: a pause over the night costs only the open minutes in it', () => {
    const c = clock(business(60), t('Mon 16:50'), [
      ['Mon 16:55', 'waiting_customer'],
      ['Tue 07:00', 'in_progress'],
    ]);
    // 5 min used, 5 min of open time paused (16:55-17:00), 55 left from Tuesday 08:00.
    expect(show(dueAt(c, t('Tue 07:00')))).toBe('2025-06-17 08:55 Tue');
  });

  it('skips the tenant holiday', () => {
    // Tuesday 24 June 2025 is a holiday in the calendar.
    expect(show(dueAt(clock(business(60), t('2025-06-23T16:30')), t('2025-06-23T16:30')))).toBe('2025-06-25 08:30 Wed');
  });
});

describe('overdue and dueSoon', () => {
  const c = clock(business(60), t('Mon 08:00'));

  it('flags at chosen instants (15 minutes warning by default)', () => {
    const at = (s: string) => readClock(c, t(s));
    expect(at('Mon 08:44:59.999')).toMatchObject({ dueSoon: false, overdue: false });
    expect(at('Mon 08:45')).toMatchObject({ dueSoon: true, overdue: false, dueInSeconds: 900 });
    expect(at('Mon 09:00')).toMatchObject({ dueSoon: true, overdue: false, dueInSeconds: 0 });
    expect(at('Mon 09:00:00.001')).toMatchObject({ dueSoon: false, overdue: true, dueInSeconds: -0.001, clockSecondsLeft: -0.001 });
    expect(at('Tue 10:00')).toMatchObject({ overdue: true, clockSecondsLeft: -(8 * 3600 + 2 * 3600) });
    expect(dueSoon(c, t('Mon 08:30'), 30)).toBe(true);
    expect(dueSoon(c, t('Mon 08:30'))).toBe(false);
    expect(overdue(c, t('Mon 09:01'))).toBe(true);
    expect(dueInSeconds(c, t('Mon 08:00'))).toBe(3600);
  });

  it('a budget run out at Friday 17:00 is overdue over the weekend although no business time passes', () => {
    const friday = clock(business(60), t('2025-06-20T16:00'));
    const r = readClock(friday, t('2025-06-21T10:00'));
    expect(show(r.dueAt)).toBe('2025-06-20 17:00 Fri');
    expect(r).toMatchObject({ overdue: true, clockSecondsLeft: 0 });
  });

  it('due soon in business minutes left is not due soon over the weekend, but on Monday morning', () => {
    const late = clock(business(15), t('2025-06-13T16:50'));
    expect(show(dueAt(late, t('2025-06-13T16:55')))).toBe('2025-06-16 08:05 Mon');
    expect(dueSoon(late, t('2025-06-13T16:55'))).toBe(false);
    expect(dueSoon(late, t('Mon 07:50'))).toBe(true);
  });

  it('a paused clock is never due soon; one paused after its breach stays overdue', () => {
    const pausedSoon = clock(business(60), t('Mon 08:00'), [['Mon 08:50', 'waiting_customer']]);
    expect(readClock(pausedSoon, t('Mon 08:55'))).toMatchObject({ state: 'paused', dueSoon: false, overdue: false, clockSecondsLeft: 600 });
    const pausedLate = clock(business(60), t('Mon 08:00'), [['Mon 09:10', 'waiting_customer']]);
    const r = readClock(pausedLate, t('Mon 12:00'));
    expect(r).toMatchObject({ state: 'paused', overdue: true, clockSecondsLeft: -600 });
    expect(show(r.dueAt)).toBe('2025-06-16 09:00 Mon');
  });

  it('done or cancelled follow-ups are neither overdue nor due soon', () => {
    const done = clock(business(60), t('Mon 08:00'), [['Mon 10:00', 'done']]);
    expect(readClock(done, t('Mon 11:00'))).toMatchObject({ state: 'stopped', overdue: false, dueSoon: false });
    const cancelled = clock(business(60), t('Mon 08:00'), [['Mon 08:55', 'cancelled']]);
    expect(readClock(cancelled, t('Mon 08:56'))).toMatchObject({ state: 'stopped', overdue: false, dueSoon: false, metOnTime: null });
  });
});

describe('metOnTime', () => {
  const doneAt = (s: string, more: [string, FollowUpStatus][] = []) => metOnTime(clock(business(60), t('Mon 08:00'), [...more, [s, 'done']]), t('Mon 18:00'));

  it('is whether it was done at or before the due time', () => {
    expect(doneAt('Mon 08:59')).toBe(true);
    expect(doneAt('Mon 09:00')).toBe(true);
    expect(doneAt('Mon 09:00:00.001')).toBe(false);
    expect(doneAt('Mon 09:20', [['Mon 08:30', 'waiting_customer'], ['Mon 09:00', 'in_progress']])).toBe(true);
    expect(metOnTime(clock(business(60), t('Mon 08:00')), t('Mon 08:30'))).toBeNull();
  });

  it('a reopened follow-up runs on from where it stopped and is judged at its last completion', () => {
    const c = clock(business(60), t('Mon 08:00'), [
      ['Mon 08:30', 'done'],
      ['Mon 10:00', 'open'],
      ['Mon 10:45', 'done'],
    ]);
    expect(metOnTime(c, t('Mon 09:00'))).toBe(true);
    expect(readClock(c, t('Mon 10:10'))).toMatchObject({ state: 'running', metOnTime: null, clockSecondsLeft: 20 * 60 });
    expect(show(dueAt(c, t('Mon 10:10')))).toBe('2025-06-16 10:30 Mon');
    expect(metOnTime(c, t('Mon 11:00'))).toBe(false);
  });
});

describe('explicit due time', () => {
  const fixed = (history: [string, FollowUpStatus][] = []) => clock({ dueAt: t('Mon 15:00') }, t('Mon 09:00'), history);

  it('is a fixed wall-clock instant that waiting on the customer does not move', () => {
    const c = fixed([['Mon 10:00', 'waiting_customer']]);
    const r = readClock(c, t('Mon 14:50'));
    expect(r).toMatchObject({ dueAt: t('Mon 15:00'), state: 'running', status: 'waiting_customer', clockSecondsLeft: null, dueSoon: true });
    expect(overdue(c, t('Mon 15:01'))).toBe(true);
    expect(metOnTime(fixed([['Mon 14:59', 'done']]), t('Mon 16:00'))).toBe(true);
    expect(metOnTime(fixed([['Mon 15:01', 'done']]), t('Mon 16:00'))).toBe(false);
  });
});

describe('history and input', () => {
  it('reads the history in time order, whatever the order given; changes before creation set the first status', () => {
    const sorted = clock(business(120), t('Mon 08:00'), [
      ['Mon 08:30', 'waiting_customer'],
      ['Mon 09:00', 'in_progress'],
    ]);
    const shuffled = clock(business(120), t('Mon 08:00'), [
      ['Mon 09:00', 'in_progress'],
      ['Mon 08:30', 'waiting_customer'],
    ]);
    expect(readClock(shuffled, t('Mon 09:30'))).toEqual(readClock(sorted, t('Mon 09:30')));
    expect(show(dueAt(sorted, t('Mon 09:30')))).toBe('2025-06-16 10:30 Mon');
    const early = clock(business(120), t('Mon 08:00'), [['2025-06-15T20:00', 'waiting_customer']]);
    expect(readClock(early, t('Mon 09:00'))).toMatchObject({ state: 'paused', clockSecondsLeft: 7200 });
    // Changes after the reading instant are not known yet.
    expect(readClock(sorted, t('Mon 08:15'))).toMatchObject({ state: 'running', clockSecondsLeft: 105 * 60 });
  });

  it('rejects what it cannot read', () => {
    const c = clock(business(60), t('Mon 08:00'));
    expect(() => readClock(c, t('Mon 07:00'))).toThrowError(/before createdAt/);
    expect(() => readClock(clock(business(0), t('Mon 08:00')), t('Mon 09:00'))).toThrowError(/dueMinutes must be a number > 0/);
    expect(() => readClock({ ...c, history: [{ at: t('Mon 08:10'), status: 'pending' as FollowUpStatus }] }, t('Mon 09:00'))).toThrowError(/history\[0\]\.status/);
    expect(() => readClock(c, t('Mon 09:00'), -1)).toThrowError(/warningMinutes/);
    const never = compileCalendar({ timeZone: ZONE, weekly: [], holidays: [] });
    expect(() => readClock(clock(business(60), t('Mon 08:00'), [], never), t('Mon 09:00'))).toThrowError(CalendarError);
    expect(dueAt(clock({ dueMinutes: 60, businessHours: false }, t('Mon 08:00'), [], never), t('Mon 08:00'))).toBe(t('Mon 09:00'));
  });
});

describe('properties over random histories', () => {
  const statuses: FollowUpStatus[] = ['open', 'in_progress', 'waiting_customer', 'done', 'cancelled'];
  const scenario = fc.record({
    created: fc.integer({ min: t('2025-03-24T00:00'), max: t('2025-04-04T00:00') }), // across the March DST change
    minutes: fc.integer({ min: 1, max: 3000 }),
    steps: fc.array(fc.record({ after: fc.integer({ min: 0, max: 2 * DAY }), status: fc.constantFrom(...statuses) }), { maxLength: 6 }),
    reads: fc.array(fc.integer({ min: 0, max: 12 * DAY }), { minLength: 2, maxLength: 5 }),
  });
  const build = (s: { created: number; minutes: number; steps: { after: number; status: FollowUpStatus }[] }): FollowUpClock => {
    let at = s.created;
    const history: StatusChange[] = s.steps.map((step) => ({ at: (at += step.after), status: step.status }));
    return { due: business(s.minutes), calendar: office, createdAt: s.created, history };
  };

  /** Open time of the calendar during which the clock did not run, from creation to `at`. */
  function stoppedOpenTime(c: FollowUpClock, at: number): number {
    let total = 0;
    let status: FollowUpStatus = 'open';
    let since = c.createdAt;
    for (const change of [...c.history.filter((h) => h.at <= at), { at, status: 'open' as const }]) {
      if (status !== 'open' && status !== 'in_progress') total += businessMillisBetween(office, since, change.at);
      status = change.status;
      since = change.at;
    }
    return total;
  }

  it('before the breach the due time is creation + target + the open time the clock stood still; after it, fixed', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const c = build(s);
        const readings = [...s.reads].sort((a, b) => a - b).map((d) => readClock(c, s.created + d));
        for (const r of readings) {
          expect(r.dueInSeconds).toBe((r.dueAt - r.at) / 1000);
          if (r.state !== 'stopped' && r.clockSecondsLeft! > 0) {
            expect(r.dueAt).toBe(addBusinessMillis(office, s.created, s.minutes * MIN + stoppedOpenTime(c, r.at)));
            expect(r.overdue).toBe(false);
          }
          if (r.state !== 'stopped' && r.clockSecondsLeft! < 0) expect(r.overdue).toBe(true);
          if (r.overdue) expect(r.clockSecondsLeft).toBeLessThanOrEqual(0);
        }
        // The due time never moves earlier, the clock never gains time, and a breach is for good.
        for (let i = 1; i < readings.length; i++) {
          const [prev, next] = [readings[i - 1]!, readings[i]!];
          expect(next.dueAt).toBeGreaterThanOrEqual(prev.dueAt);
          expect(next.clockSecondsLeft!).toBeLessThanOrEqual(prev.clockSecondsLeft!);
          if (prev.overdue || prev.clockSecondsLeft! < 0) expect(next.dueAt).toBe(prev.dueAt);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('without pauses the due time is the target counted on the calendar from creation', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const c = build({ ...s, steps: s.steps.map((step) => ({ ...step, status: step.status === 'waiting_customer' ? 'in_progress' : step.status === 'done' || step.status === 'cancelled' ? 'open' : step.status })) });
        for (const d of s.reads) expect(dueAt(c, s.created + d)).toBe(addBusinessMillis(office, s.created, s.minutes * MIN));
      }),
    );
  });
});
