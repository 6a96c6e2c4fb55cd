import { describe, expect, it } from 'vitest';
import { zeroCounters, type Counters } from '../../server/engine/counters.ts';
import { queueStats, serviceLevel } from '../../server/engine/metrics.ts';
import { defaultQueueSettings, serviceLevelLabel } from '../../server/engine/settings.ts';

const counters = (c: Partial<Counters>): Counters => ({ ...zeroCounters(), ...c });

describe('service level formulas (metrics.md)', () => {
  // A = 80 answered, 70 of them within T; 15 abandoned, 5 short, 8 within T; 5 overflowed, 2 within T.
  const c = counters({
    offered: 100,
    answered: 80,
    answeredWithinThreshold: 70,
    abandoned: 15,
    shortAbandoned: 5,
    abandonedWithinThreshold: 8,
    overflowed: 5,
    overflowedWithinThreshold: 2,
  });

  it.each([
    ['ANSWERED_OF_OFFERED_EXCL_SHORT', 70 / (80 + 15 + 5 - 5)],
    ['ANSWERED_OF_OFFERED', 70 / 100],
    ['ANSWERED_OF_ANSWERED', 70 / 80],
    ['ABANDONS_MET', (70 + 8) / 100],
    ['REMOVED_WITHIN', (70 + 8 + 2) / 100],
  ] as const)('%s', (formula, expected) => {
    expect(serviceLevel(c, formula)).toBeCloseTo(expected, 12);
  });

  it('is null, not 100 %, with nothing in the denominator', () => {
    for (const f of ['ANSWERED_OF_OFFERED_EXCL_SHORT', 'ANSWERED_OF_OFFERED', 'ANSWERED_OF_ANSWERED', 'ABANDONS_MET', 'REMOVED_WITHIN'] as const) {
      expect(serviceLevel(zeroCounters(), f)).toBeNull();
    }
    // Only short abandons: the default formula excludes them all.
    expect(serviceLevel(counters({ abandoned: 2, shortAbandoned: 2 }), 'ANSWERED_OF_OFFERED_EXCL_SHORT')).toBeNull();
  });
});

describe('queueStats', () => {
  it('computes times and rates from sums, exactly', () => {
    const s = queueStats(
      counters({ offered: 3, answered: 2, answeredWithinThreshold: 1, waitAnsweredMs: 35_000, abandoned: 1, shortAbandoned: 1, waitAbandonedMs: 3000, handled: 2, talkMs: 400_000, wrapMs: 60_000 }),
      defaultQueueSettings('q'),
    );
    expect(s.asaSeconds).toBe(17.5);
    expect(s.ahtSeconds).toBe(230);
    expect(s.abandonRate).toBeCloseTo(1 / 3, 15);
    expect(s.abandonRateExclShort).toBe(0);
    expect(s.averageAbandonWaitSeconds).toBe(3);
    expect(s.serviceLevel).toBe(0.5);
    expect(s.label).toBe('80/20 · short abandons < 5 s excluded');
  });

  it('leaves undefined metrics null', () => {
    const s = queueStats(zeroCounters(), defaultQueueSettings('q'));
    expect([s.serviceLevel, s.asaSeconds, s.ahtSeconds, s.abandonRate]).toEqual([null, null, null, null]);
  });
});

describe('settings', () => {
  it('defaults T by channel', () => {
    expect(defaultQueueSettings('a', 'voice').thresholdSeconds).toBe(20);
    expect(defaultQueueSettings('a', 'chat').thresholdSeconds).toBe(60);
    expect(defaultQueueSettings('a', 'messaging').thresholdSeconds).toBe(300);
    expect(defaultQueueSettings('a', 'email').thresholdSeconds).toBe(86_400);
  });

  it('labels the basis as text', () => {
    expect(serviceLevelLabel({ ...defaultQueueSettings('a', 'email'), targetServiceLevel: 0.9 })).toBe('90/24 h · short abandons < 5 s excluded');
    expect(serviceLevelLabel({ ...defaultQueueSettings('a'), serviceLevelFormula: 'ANSWERED_OF_ANSWERED' })).toBe('80/20 · answered of answered');
  });
});
