/**
 * Business-hours arithmetic of follow-up due times (server/followups/calendar.ts): validation,
 * the examples, DST days with windows across the change, and property tests over
 * random calendars around DST changes in Madrid, New York, Santiago (at midnight) and Lord Howe
 * (half an hour), and in zones without DST (Manila) or with a +05:45 offset (Kathmandu).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  ALWAYS_OPEN,
  CalendarError,
  WEEKDAYS,
  addBusinessMillis,
  addBusinessMinutes,
  businessMillisBetween,
  compileCalendar,
  isOpen,
  nextOpening,
  parseCalendar,
  validateCalendar,
  type Calendar,
  type CalendarSpec,
  type Weekday,
} from '../../server/followups/calendar.ts';
import { DAY, HOUR, MIN, SCENES, amountMs, instantNear, openMinutes, sceneWithCalendar, weeklyHours } from './oracle.ts';

/** Instant of a local wall time, e.g. local('2025-06-13T16:30', 'Europe/Madrid'). */
function local(iso: string, zone: string): number {
  const dt = DateTime.fromISO(iso, { zone });
  if (!dt.isValid) throw new Error(`bad time ${iso}`);
  return dt.toMillis();
}

/** Local wall time of an instant, 'yyyy-MM-dd HH:mm ccc'. */
function show(t: number, zone: string): string {
  return DateTime.fromMillis(t, { zone }).toFormat('yyyy-MM-dd HH:mm ccc');
}

function days(list: readonly Weekday[], open: string, close: string) {
  return list.map((day) => ({ day, open, close }));
}

const WORKDAYS: Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI'];
const MADRID = 'Europe/Madrid';
const officeHours = (holidays: string[] = [], zone = MADRID): Calendar =>
  compileCalendar({ timeZone: zone, weekly: days(WORKDAYS, '08:00', '17:00'), holidays });

describe('validation', () => {
  it('accepts several windows a day, 24:00 as the end of the day, and an empty week', () => {
    expect(
      validateCalendar({
        timeZone: 'Asia/Kathmandu',
        weekly: [...days(WORKDAYS, '08:00', '12:00'), ...days(WORKDAYS, '13:00', '17:00'), { day: 'SAT', open: '20:00', close: '24:00' }, { day: 'SUN', open: '00:00', close: '02:00' }],
        holidays: ['2025-12-25', '2026-01-01'],
      }),
    ).toEqual([]);
    expect(validateCalendar({ timeZone: 'UTC', weekly: [], holidays: [] })).toEqual([]);
  });

  it('names the field of every problem', () => {
    const problems = validateCalendar({
      timeZone: 'Europe/Madird',
      weekly: [
        { day: 'MON', open: '08:00', close: '12:00' },
        { day: 'MON', open: '11:30', close: '14:00' }, // overlaps the first
        { day: 'TUE', open: '17:00', close: '08:00' }, // backwards
        { day: 'WED', open: '24:00', close: '24:00' }, // 24:00 is no opening time
        { day: 'THU', open: '8:00', close: '25:00' },
        { day: 'FRY' as Weekday, open: '08:00', close: '17:00' },
        { day: 'SAT', open: '09:00', close: '09:00' }, // empty
      ],
      holidays: ['2025-12-25', '2025-02-30', '25/12/2025', '2025-12-25'],
    });
    expect(problems.map((p) => p.field)).toEqual([
      'timeZone',
      'weekly[2]',
      'weekly[3].open',
      'weekly[4].open',
      'weekly[4].close',
      'weekly[5].day',
      'weekly[6]',
      'weekly[1]',
      'holidays[1]',
      'holidays[2]',
      'holidays[3]',
    ]);
    const message = (field: string) => problems.find((p) => p.field === field)?.message;
    expect(message('timeZone')).toMatch(/not an IANA time zone/);
    expect(message('weekly[1]')).toBe('MON 11:30-14:00 overlaps weekly[0] (MON 08:00-12:00)');
    expect(message('weekly[2]')).toMatch(/opens at 17:00 but closes at 08:00/);
    expect(message('weekly[5].day')).toMatch(/use one of MON, TUE/);
    expect(message('holidays[1]')).toMatch(/not a date YYYY-MM-DD/);
    expect(message('holidays[3]')).toBe('2025-12-25 repeats holidays[0]');
  });

  it('rejects input that is not a calendar at all, field by field', () => {
    const bad = { timeZone: 3, weekly: 'MON-FRI', holidays: null } as unknown as CalendarSpec;
    expect(validateCalendar(bad).map((p) => p.field)).toEqual(['timeZone', 'weekly', 'holidays']);
    expect(validateCalendar({ timeZone: 'UTC', weekly: [null as never], holidays: [] }).map((p) => p.field)).toEqual(['weekly[0]']);
  });

  it('parseCalendar answers the problems instead of a calendar; compileCalendar throws them', () => {
    const spec = { timeZone: 'UTC', weekly: [{ day: 'MON' as const, open: '09:00', close: '08:00' }], holidays: [] };
    const parsed = parseCalendar(spec);
    expect(parsed.ok).toBe(false);
    expect(() => compileCalendar(spec)).toThrowError(CalendarError);
    expect(() => compileCalendar(spec)).toThrowError(/weekly\[0\]: opens at 09:00/);
  });

  it('normalises: windows sorted by day and time, holidays sorted, touching windows merged', () => {
    const c = compileCalendar({
      timeZone: MADRID,
      weekly: [
        { day: 'TUE', open: '13:00', close: '17:00' },
        { day: 'MON', open: '12:00', close: '17:00' },
        { day: 'MON', open: '08:00', close: '12:00' },
      ],
      holidays: ['2026-01-06', '2025-12-25'],
    });
    expect(c.weekly.map((w) => `${w.day} ${w.open}-${w.close}`)).toEqual(['MON 08:00-12:00', 'MON 12:00-17:00', 'TUE 13:00-17:00']);
    expect(c.holidays).toEqual(['2025-12-25', '2026-01-06']);
    expect(c.days[0]).toEqual([[480, 1020]]);
  });
});

describe('examples', () => {
  it("the issue's example: 120 minutes from Friday 16:30 on weekdays 08:00-17:00 is due Monday 09:30", () => {
    const due = addBusinessMinutes(officeHours(), local('2025-06-13T16:30', MADRID), 120);
    expect(show(due, MADRID)).toBe('2025-06-16 09:30 Mon');
  });

  it('a long weekend with a Monday holiday is due on Tuesday', () => {
    const due = addBusinessMinutes(officeHours(['2025-06-16']), local('2025-06-13T16:30', MADRID), 120);
    expect(show(due, MADRID)).toBe('2025-06-17 09:30 Tue');
  });

  it('a run of holidays (Christmas to Twelfth Night, around a weekend) is skipped whole', () => {
    const c = officeHours(['2025-12-24', '2025-12-25', '2025-12-26', '2025-12-29', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06']);
    expect(show(addBusinessMinutes(c, local('2025-12-23T16:00', MADRID), 120), MADRID)).toBe('2026-01-07 09:00 Wed');
    expect(businessMillisBetween(c, local('2025-12-23T16:00', MADRID), local('2026-01-07T09:00', MADRID))).toBe(2 * HOUR);
  });

  it('a run starting at 23:59 on Saturday starts counting at the next opening', () => {
    const sat = local('2025-06-14T23:59', MADRID);
    expect(show(addBusinessMinutes(officeHours(), sat, 60), MADRID)).toBe('2025-06-16 09:00 Mon');
    // Open round the clock at weekends: the count runs straight through midnight.
    const weekend = compileCalendar({ timeZone: MADRID, weekly: days(['SAT', 'SUN'], '00:00', '24:00'), holidays: [] });
    expect(show(addBusinessMinutes(weekend, sat, 2), MADRID)).toBe('2025-06-15 00:01 Sun');
    expect(show(addBusinessMinutes(weekend, sat, 24 * 60 + 1), MADRID)).toBe('2025-06-16 00:00 Mon');
    expect(show(addBusinessMinutes(weekend, sat, 24 * 60 + 2), MADRID)).toBe('2025-06-21 00:01 Sat');
  });

  it('two windows a day leave the lunch gap out', () => {
    const c = compileCalendar({ timeZone: MADRID, weekly: [...days(WORKDAYS, '08:00', '12:00'), ...days(WORKDAYS, '13:00', '17:00')], holidays: [] });
    expect(show(addBusinessMinutes(c, local('2025-06-16T11:30', MADRID), 60), MADRID)).toBe('2025-06-16 13:30 Mon');
    expect(show(addBusinessMinutes(c, local('2025-06-16T12:20', MADRID), 60), MADRID)).toBe('2025-06-16 14:00 Mon');
    expect(businessMillisBetween(c, local('2025-06-16T00:00', MADRID), local('2025-06-17T00:00', MADRID))).toBe(8 * HOUR);
  });

  it('ends at a window close rather than at the next opening', () => {
    const friday = local('2025-06-13T16:00', MADRID);
    expect(show(addBusinessMinutes(officeHours(), friday, 60), MADRID)).toBe('2025-06-13 17:00 Fri');
    expect(isOpen(officeHours(), local('2025-06-13T17:00', MADRID))).toBe(false);
    expect(isOpen(officeHours(), local('2025-06-13T08:00', MADRID))).toBe(true);
  });

  it('counts fractional minutes to the millisecond', () => {
    const from = local('2025-06-16T10:00', MADRID);
    expect(addBusinessMinutes(officeHours(), from, 0.5) - from).toBe(30_000);
    expect(addBusinessMinutes(officeHours(), from, 1 / 60_000) - from).toBe(1);
    expect(addBusinessMillis(officeHours(), from, 0)).toBe(from);
  });

  it('works in +05:45 and in zones without DST', () => {
    const kathmandu = officeHours([], 'Asia/Kathmandu');
    expect(new Date(nextOpening(kathmandu, Date.parse('2025-06-16T00:00:00Z'))).toISOString()).toBe('2025-06-16T02:15:00.000Z');
    const manila = officeHours([], 'Asia/Manila');
    expect(new Date(addBusinessMinutes(manila, Date.parse('2025-06-13T08:30:00Z'), 120)).toISOString()).toBe('2025-06-16T01:30:00.000Z');
  });

  it('computes 30 days of business minutes window by window, quickly', () => {
    const c = officeHours(['2025-04-18']); // crosses the March DST change and Good Friday
    const started = performance.now();
    const due = addBusinessMinutes(c, local('2025-01-06T08:00', MADRID), 30 * 24 * 60); // 80 business days of 9 h
    expect(performance.now() - started).toBeLessThan(200);
    expect(show(due, MADRID)).toBe('2025-04-28 17:00 Mon');
    expect(businessMillisBetween(c, local('2025-01-06T08:00', MADRID), due)).toBe(30 * DAY);
    // Ten years of calendar time on the 24/7 calendar and on a zone-bound one.
    const madrid247 = compileCalendar({ timeZone: MADRID, weekly: days(WEEKDAYS, '00:00', '24:00'), holidays: ['1900-01-01'] });
    const from = Date.parse('2025-01-01T00:00:00Z');
    expect(addBusinessMillis(madrid247, from, 3653 * DAY)).toBe(from + 3653 * DAY);
    expect(addBusinessMillis(ALWAYS_OPEN, from, 3653 * DAY)).toBe(from + 3653 * DAY);
  });

  it('a calendar with no opening hours fails clearly instead of searching forever', () => {
    const never = compileCalendar({ timeZone: MADRID, weekly: [], holidays: [] });
    const t = local('2025-06-16T10:00', MADRID);
    expect(() => addBusinessMinutes(never, t, 1)).toThrowError(CalendarError);
    expect(() => addBusinessMinutes(never, t, 1)).toThrowError(/weekly: the calendar has no opening hours/);
    expect(() => nextOpening(never, t)).toThrowError(CalendarError);
    expect(addBusinessMinutes(never, t, 0)).toBe(t);
    expect(businessMillisBetween(never, t, t + 365 * DAY)).toBe(0);
    expect(isOpen(never, t)).toBe(false);
  });

  it('rejects amounts and instants it cannot count', () => {
    const t = local('2025-06-16T10:00', MADRID);
    expect(() => addBusinessMinutes(officeHours(), t, -1)).toThrowError(RangeError);
    expect(() => addBusinessMinutes(officeHours(), t, Number.NaN)).toThrowError(RangeError);
    expect(() => addBusinessMillis(officeHours(), t, 1.5)).toThrowError(RangeError);
    expect(() => addBusinessMinutes(officeHours(), t + 0.5, 1)).toThrowError(RangeError);
    expect(() => businessMillisBetween(officeHours(), t, Infinity)).toThrowError(RangeError);
  });
});

describe('DST days with a window across the change (real elapsed time is counted)', () => {
  const sundays = (zone: string, open: string, close: string) => compileCalendar({ timeZone: zone, weekly: [{ day: 'SUN', open, close }], holidays: [] });
  const sundayTotal = (c: Calendar, date: string) => businessMillisBetween(c, local(`${date}T00:00`, c.timeZone) - DAY, local(`${date}T00:00`, c.timeZone) + 2 * DAY);

  it('Madrid: 01:00-03:00 lasts 1 h on the spring-forward Sunday, 3 h on the fall-back Sunday, 2 h otherwise', () => {
    const c = sundays(MADRID, '01:00', '03:00');
    expect(sundayTotal(c, '2025-03-30')).toBe(1 * HOUR);
    expect(sundayTotal(c, '2025-10-26')).toBe(3 * HOUR);
    expect(sundayTotal(c, '2025-06-15')).toBe(2 * HOUR);
    // 90 minutes from the spring-forward Sunday's opening: 60 that day, 30 the next Sunday.
    expect(show(addBusinessMinutes(c, local('2025-03-30T00:00', MADRID), 90), MADRID)).toBe('2025-04-06 01:30 Sun');
    // 150 minutes from the fall-back Sunday's opening end 02:30 the second time round (CET).
    const due = addBusinessMinutes(c, local('2025-10-26T01:00', MADRID), 150);
    expect(new Date(due).toISOString()).toBe('2025-10-26T01:30:00.000Z');
  });

  it('New York: 01:00-03:00 lasts 1 h on the spring-forward Sunday and 3 h on the fall-back Sunday', () => {
    const c = sundays('America/New_York', '01:00', '03:00');
    expect(sundayTotal(c, '2025-03-09')).toBe(1 * HOUR);
    expect(sundayTotal(c, '2025-11-02')).toBe(3 * HOUR);
  });

  it('a window inside the skipped hour is empty that day; one ending inside the repeated hour closes the first time round', () => {
    expect(sundayTotal(sundays(MADRID, '02:00', '02:30'), '2025-03-30')).toBe(0);
    expect(sundayTotal(sundays(MADRID, '02:15', '03:30'), '2025-03-30')).toBe(30 * MIN); // opens at the jump, 03:00
    expect(sundayTotal(sundays(MADRID, '01:00', '02:30'), '2025-10-26')).toBe(90 * MIN);
    expect(sundayTotal(sundays(MADRID, '02:30', '04:00'), '2025-10-26')).toBe(150 * MIN); // open through the repeated hour
  });

  it('Santiago changes at midnight: windows of adjacent days still meet without gap or overlap', () => {
    const zone = 'America/Santiago';
    const allWeek = compileCalendar({ timeZone: zone, weekly: days(WEEKDAYS, '00:00', '24:00'), holidays: ['1900-01-01'] });
    for (const day of ['2025-04-05', '2025-09-06']) {
      const from = local(`${day}T12:00`, zone);
      expect(businessMillisBetween(allWeek, from, from + 2 * DAY)).toBe(2 * DAY);
    }
    // Saturday 5 April has 25 hours: the clock goes from 24:00 back to 23:00.
    const saturdays = compileCalendar({ timeZone: zone, weekly: [{ day: 'SAT', open: '00:00', close: '24:00' }], holidays: [] });
    expect(businessMillisBetween(saturdays, local('2025-04-04T12:00', zone), local('2025-04-07T12:00', zone))).toBe(25 * HOUR);
    // Sunday 7 September starts at 01:00: 23 hours.
    const sundaysOnly = compileCalendar({ timeZone: zone, weekly: [{ day: 'SUN', open: '00:00', close: '24:00' }], holidays: [] });
    expect(businessMillisBetween(sundaysOnly, local('2025-09-05T12:00', zone), local('2025-09-09T12:00', zone))).toBe(23 * HOUR);
  });
});

describe('properties', () => {
  const compiled = new Map<CalendarSpec, Calendar>();
  const cal = (spec: CalendarSpec) => {
    let c = compiled.get(spec);
    if (!c) compiled.set(spec, (c = compileCalendar(spec)));
    return c;
  };
  const around = sceneWithCalendar.chain(({ scene, spec }) => fc.record({ scene: fc.constant(scene), spec: fc.constant(spec), from: instantNear(scene.at) }));

  it('random weekly hours are valid calendars', () => {
    fc.assert(fc.property(weeklyHours, (weekly) => validateCalendar({ timeZone: 'UTC', weekly, holidays: [] }).length === 0));
  });

  it('agrees with a minute-by-minute reading of the wall clock (Intl), around every scene', () => {
    const minuteAligned = sceneWithCalendar.chain(({ scene, spec }) =>
      fc.record({ spec: fc.constant(spec), from: fc.integer({ min: -36 * 60, max: 36 * 60 }).map((m) => scene.at + m * MIN), minutes: fc.integer({ min: 1, max: 36 * 60 }) }),
    );
    fc.assert(
      fc.property(minuteAligned, ({ spec, from, minutes }) => {
        const c = cal(spec);
        const open = openMinutes(spec, from, minutes);
        const count = open.filter(Boolean).length;
        expect(businessMillisBetween(c, from, from + minutes * MIN)).toBe(count * MIN);
        expect(isOpen(c, from)).toBe(open[0]);
        if (count > 0) {
          // The count-th open minute ends where `count` minutes of open time are used up.
          let seen = 0;
          const last = open.findIndex((o) => o && ++seen === count);
          expect(addBusinessMinutes(c, from, count)).toBe(from + (last + 1) * MIN);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('counts exactly what it adds: businessMillisBetween(a, add(a, m)) = m', () => {
    fc.assert(
      fc.property(around, amountMs, ({ spec, from }, m) => {
        expect(businessMillisBetween(cal(spec), from, addBusinessMillis(cal(spec), from, m))).toBe(m);
      }),
    );
  });

  it('lands in open time or at a window close: the millisecond before the due time is open', () => {
    fc.assert(
      fc.property(around, amountMs, ({ spec, from }, m) => {
        const c = cal(spec);
        const due = addBusinessMillis(c, from, m);
        expect(due).toBeGreaterThan(from);
        expect(isOpen(c, due - 1)).toBe(true);
        expect(businessMillisBetween(c, from, due - 1)).toBe(m - 1);
      }),
    );
  });

  it('adding a then b equals adding a + b', () => {
    fc.assert(
      fc.property(around, amountMs, amountMs, ({ spec, from }, a, b) => {
        const c = cal(spec);
        expect(addBusinessMillis(c, addBusinessMillis(c, from, a), b)).toBe(addBusinessMillis(c, from, a + b));
      }),
    );
  });

  it('is monotonic in the amount and in the start', () => {
    fc.assert(
      fc.property(around, amountMs, amountMs, fc.integer({ min: 0, max: 2 * DAY }), ({ spec, from }, m1, m2, later) => {
        const c = cal(spec);
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(addBusinessMillis(c, from, lo)).toBeLessThanOrEqual(addBusinessMillis(c, from, hi));
        expect(addBusinessMillis(c, from, m1)).toBeLessThanOrEqual(addBusinessMillis(c, from + later, m1));
      }),
    );
  });

  it('starting anywhere in closed time equals starting at the next opening', () => {
    fc.assert(
      fc.property(around, amountMs, ({ spec, from }, m) => {
        const c = cal(spec);
        const opening = nextOpening(c, from);
        expect(opening).toBeGreaterThanOrEqual(from);
        expect(businessMillisBetween(c, from, opening)).toBe(0);
        expect(isOpen(c, opening)).toBe(true);
        expect(addBusinessMillis(c, from, m)).toBe(addBusinessMillis(c, opening, m));
        const inBetween = from + Math.floor((opening - from) / 2);
        expect(addBusinessMillis(c, inBetween, m)).toBe(addBusinessMillis(c, opening, m));
      }),
    );
  });

  it('open time between instants is additive, antisymmetric and at most the elapsed time', () => {
    fc.assert(
      fc.property(around, fc.integer({ min: -3 * DAY, max: 3 * DAY }), fc.integer({ min: -3 * DAY, max: 3 * DAY }), ({ spec, from }, d1, d2) => {
        const c = cal(spec);
        const [a, b, m] = [from, from + d1, from + d2];
        expect(businessMillisBetween(c, a, b) + businessMillisBetween(c, b, m)).toBe(businessMillisBetween(c, a, m));
        expect(businessMillisBetween(c, b, a)).toBe(-businessMillisBetween(c, a, b) || 0);
        expect(Math.abs(businessMillisBetween(c, a, b))).toBeLessThanOrEqual(Math.abs(b - a));
      }),
    );
  });

  it('inverse: adding the open time between a and b lands on b when b is open or at a close, else on the last close before b', () => {
    fc.assert(
      fc.property(around, fc.integer({ min: 0, max: 3 * DAY }), ({ spec, from }, d) => {
        const c = cal(spec);
        const b = from + d;
        const back = addBusinessMillis(c, from, businessMillisBetween(c, from, b));
        expect(back).toBeLessThanOrEqual(b);
        expect(businessMillisBetween(c, back, b)).toBe(0);
        if (back < b && back > from) expect(isOpen(c, back - 1) && !isOpen(c, back)).toBe(true);
        if (isOpen(c, b - 1)) expect(back).toBe(b);
      }),
    );
  });

  it('never counts a holiday: a calendar with one more holiday counts that local day less', () => {
    fc.assert(
      fc.property(around, fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 4 * DAY }), ({ scene, spec, from }, dayShift, d) => {
        const date = DateTime.fromMillis(scene.at + dayShift * DAY, { zone: spec.timeZone }).toISODate()!;
        if (spec.holidays.includes(date)) return;
        const plain = cal(spec);
        const withHoliday = compileCalendar({ ...spec, holidays: [...spec.holidays, date] });
        // The holiday's own open time, cut to [from, from + d].
        const dayStart = local(`${date}T00:00`, spec.timeZone);
        const dayWindowStart = Math.max(from, dayStart - 2 * HOUR);
        const dayWindowEnd = Math.min(from + d, dayStart + 26 * HOUR);
        let holidayOpen = 0;
        if (dayWindowEnd > dayWindowStart) {
          const hc = compileCalendar({ ...spec, holidays: [], weekly: spec.weekly.filter((w) => w.day === WEEKDAYS[(DateTime.fromISO(date).weekday + 6) % 7]) });
          // Only windows of that weekday, restricted to that date by the ±2 h margin (no window crosses midnight).
          holidayOpen = businessMillisBetween(hc, dayWindowStart, dayWindowEnd);
        }
        expect(businessMillisBetween(withHoliday, from, from + d)).toBe(businessMillisBetween(plain, from, from + d) - holidayOpen);
        const due = addBusinessMillis(withHoliday, from, Math.max(1, holidayOpen));
        expect(DateTime.fromMillis(due - 1, { zone: spec.timeZone }).toISODate()).not.toBe(date);
      }),
      { numRuns: 60 },
    );
  });

  it('the 24/7 calendar is plain addition, in any zone and across every DST change', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCENES), fc.integer({ min: -3 * DAY, max: 3 * DAY }), amountMs, (scene, offset, m) => {
        const from = scene.at + offset;
        expect(addBusinessMillis(ALWAYS_OPEN, from, m)).toBe(from + m);
        // The same hours bound to a zone, with a holiday long past so that no shortcut applies.
        const c = cal(allWeekIn(scene.zone));
        expect(addBusinessMillis(c, from, m)).toBe(from + m);
        expect(businessMillisBetween(c, from, from + m)).toBe(m);
      }),
    );
  });
});

const allWeekSpecs = new Map<string, CalendarSpec>();
function allWeekIn(zone: string): CalendarSpec {
  let spec = allWeekSpecs.get(zone);
  if (!spec) allWeekSpecs.set(zone, (spec = { timeZone: zone, weekly: days(WEEKDAYS, '00:00', '24:00'), holidays: ['1900-01-01'] }));
  return spec;
}
