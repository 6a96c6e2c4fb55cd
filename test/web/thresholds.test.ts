import { describe, expect, it } from 'vitest';
import { serviceLevelLevel, waitLevel, worstLevel } from '../../web/src/lib/thresholds.ts';

describe('waitLevel', () => {
  it('is ok up to the threshold, amber above it and red above twice it', () => {
    expect(waitLevel(0, 20)).toBe('ok');
    expect(waitLevel(20, 20)).toBe('ok');
    expect(waitLevel(20.5, 20)).toBe('warn');
    expect(waitLevel(40, 20)).toBe('warn');
    expect(waitLevel(40.5, 20)).toBe('alert');
  });
});

describe('serviceLevelLevel', () => {
  it('has nothing to judge without a service level', () => {
    expect(serviceLevelLevel(null, 0.8)).toBe('none');
  });

  it('is ok at or above target, amber within ten points below, red further down', () => {
    expect(serviceLevelLevel(0.95, 0.8)).toBe('ok');
    expect(serviceLevelLevel(0.8, 0.8)).toBe('ok');
    expect(serviceLevelLevel(0.7999999999999999, 0.8)).toBe('ok');
    expect(serviceLevelLevel(0.79, 0.8)).toBe('warn');
    expect(serviceLevelLevel(0.7, 0.8)).toBe('warn');
    expect(serviceLevelLevel(0.69, 0.8)).toBe('alert');
    expect(serviceLevelLevel(0, 0.8)).toBe('alert');
  });
});

describe('worstLevel', () => {
  it('picks the most severe level', () => {
    expect(worstLevel()).toBe('none');
    expect(worstLevel('ok', 'none')).toBe('ok');
    expect(worstLevel('ok', 'warn', 'ok')).toBe('warn');
    expect(worstLevel('warn', 'alert', 'none')).toBe('alert');
  });
});
