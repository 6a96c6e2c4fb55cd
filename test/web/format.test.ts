import { describe, expect, it } from 'vitest';
import { DASH, formatClock, formatDuration, formatPercent } from '../../web/src/lib/format.ts';

describe('formatDuration', () => {
  it('shows mm:ss under an hour and h:mm:ss from an hour on', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(5)).toBe('00:05');
    expect(formatDuration(65)).toBe('01:05');
    expect(formatDuration(3599)).toBe('59:59');
    expect(formatDuration(3600)).toBe('1:00:00');
    expect(formatDuration(36_061)).toBe('10:01:01');
  });

  it('drops fractions so a ticking value changes once a second', () => {
    expect(formatDuration(59.999)).toBe('00:59');
    expect(formatDuration(60.001)).toBe('01:00');
  });

  it('shows a dash for no value and clamps negatives to zero', () => {
    expect(formatDuration(null)).toBe(DASH);
    expect(formatDuration(undefined)).toBe(DASH);
    expect(formatDuration(Number.NaN)).toBe(DASH);
    expect(formatDuration(-3)).toBe('00:00');
  });
});

describe('formatPercent', () => {
  it('formats fractions as whole percentages in the locale style', () => {
    expect(formatPercent(0.834, 'en-GB')).toBe('83%');
    expect(formatPercent(1, 'en-GB')).toBe('100%');
    expect(formatPercent(0, 'en-GB')).toBe('0%');
    expect(formatPercent(0.834, 'es-ES')).toBe('83\u00a0%');
  });

  it('rounds by default and truncates on request, so 79.6 % never reads as an 80 % target met', () => {
    expect(formatPercent(0.796, 'en-GB')).toBe('80%');
    expect(formatPercent(0.796, 'en-GB', { floor: true })).toBe('79%');
    // Floating point: 0.8 may arrive as 0.7999999999999999 and must still show 80 %.
    expect(formatPercent(0.7999999999999999, 'en-GB', { floor: true })).toBe('80%');
    expect(formatPercent(0.29, 'en-GB', { floor: true })).toBe('29%');
  });

  it('shows a dash, never 0 % or 100 %, when the rate is undefined', () => {
    expect(formatPercent(null, 'en-GB')).toBe(DASH);
    expect(formatPercent(undefined, 'en-GB', { floor: true })).toBe(DASH);
  });
});

describe('formatClock', () => {
  it('shows 24-hour hh:mm:ss in local time', () => {
    const at = new Date(2026, 10, 23, 9, 5, 7).getTime();
    expect(formatClock(at, 'en-GB')).toBe('09:05:07');
    expect(formatClock(new Date(2026, 10, 23, 21, 0, 0).getTime(), 'es-ES')).toBe('21:00:00');
  });
});
