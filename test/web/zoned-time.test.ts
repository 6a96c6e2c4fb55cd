import { describe, expect, it } from 'vitest';
import { addDays, dayRange, formatTimeOfDay, isIsoDate, localDate, startOfDay, zoneOffsetMs } from '../../web/src/lib/zoned-time.ts';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

describe('zoneOffsetMs', () => {
  it('reads the offset in force at an instant, DST included', () => {
    expect(zoneOffsetMs(at('2026-11-23T10:00:00Z'), 'UTC')).toBe(0);
    expect(zoneOffsetMs(at('2026-11-23T10:00:00Z'), 'Europe/Madrid')).toBe(HOUR);
    expect(zoneOffsetMs(at('2026-07-01T10:00:00Z'), 'Europe/Madrid')).toBe(2 * HOUR);
    expect(zoneOffsetMs(at('2026-11-23T10:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(at('2026-11-23T10:00:00Z'), 'America/Bogota')).toBe(-5 * HOUR);
  });
});

describe('localDate', () => {
  it('is the calendar day on the zone wall clock', () => {
    const t = at('2026-11-23T23:30:00Z');
    expect(localDate(t, 'UTC')).toBe('2026-11-23');
    expect(localDate(t, 'Europe/Madrid')).toBe('2026-11-24');
    expect(localDate(t, 'America/Bogota')).toBe('2026-11-23');
  });
});

describe('startOfDay and dayRange', () => {
  it('is local midnight', () => {
    expect(startOfDay('2026-11-23', 'UTC')).toBe(at('2026-11-23T00:00:00Z'));
    expect(startOfDay('2026-11-23', 'Europe/Madrid')).toBe(at('2026-11-22T23:00:00Z'));
    expect(startOfDay('2026-11-23', 'Asia/Kolkata')).toBe(at('2026-11-22T18:30:00Z'));
    expect(startOfDay('2026-11-23', 'America/Bogota')).toBe(at('2026-11-23T05:00:00Z'));
  });

  it('makes DST days 23 and 25 hours long', () => {
    const spring = dayRange('2026-03-29', 'Europe/Madrid');
    expect(spring.fromMs).toBe(at('2026-03-28T23:00:00Z'));
    expect(spring.toMs - spring.fromMs).toBe(23 * HOUR);
    const autumn = dayRange('2026-10-25', 'Europe/Madrid');
    expect(autumn.toMs - autumn.fromMs).toBe(25 * HOUR);
    expect(dayRange('2026-11-23', 'UTC').toMs - dayRange('2026-11-23', 'UTC').fromMs).toBe(24 * HOUR);
  });

  it('starts at the first existing time when DST skips midnight', () => {
    // Chile moved clocks from 00:00 to 01:00 on 2024-09-08: the day starts at 01:00 local (-03:00).
    expect(startOfDay('2024-09-08', 'America/Santiago')).toBe(at('2024-09-08T04:00:00Z'));
    expect(localDate(startOfDay('2024-09-08', 'America/Santiago') - 1, 'America/Santiago')).toBe('2024-09-07');
  });
});

describe('calendar helpers', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('accepts real YYYY-MM-DD days only', () => {
    expect(isIsoDate('2026-11-23')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-1-3')).toBe(false);
    expect(isIsoDate('')).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });

  it('formats hh:mm on the zone wall clock, 24 h', () => {
    const t = at('2026-11-23T14:15:00Z');
    expect(formatTimeOfDay(t, 'UTC', 'en-GB')).toBe('14:15');
    expect(formatTimeOfDay(t, 'Europe/Madrid', 'es-ES')).toBe('15:15');
    expect(formatTimeOfDay(t, 'America/New_York', 'en-US')).toBe('09:15');
  });
});
