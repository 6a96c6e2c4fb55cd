import { describe, expect, it } from 'vitest';
import { liveAlertValue } from '../../web/src/lib/alert-value.ts';
import type { AlertRule, Queue } from '../../web/src/lib/types.ts';

const rule = (over: Partial<AlertRule>): AlertRule => ({
  id: 'r', tenant: 't', queue: 'q', metric: 'WAITING', comparator: 'ABOVE', threshold: 0, clearThreshold: null,
  windowMinutes: null, forSeconds: 0, severity: 'WARNING', enabled: true, isDefault: false, ...over,
});

const stats = { offered: 10, answered: 8, answeredWithinThreshold: 6, abandoned: 2, shortAbandoned: 0, overflowed: 0, serviceLevel: 0.6, asaSeconds: 31, ahtSeconds: 200, abandonRate: 0.2 };
const queue = {
  id: 'q', tenant: 't', name: 'Q', channel: 'voice', language: null, waiting: 3, longestWaitSeconds: 40, oldestQueuedAt: null,
  asOf: '2026-11-23T09:00:00Z', agents: { available: 1, busy: 4, wrapup: 0, away: 1, offline: 0 }, today: stats,
  settings: { thresholdSeconds: 20, targetServiceLevel: 0.8, shortAbandonSeconds: 5, serviceLevelFormula: 'ANSWERED_OF_OFFERED', label: '80/20' },
  receivedAtMs: 1_000_000,
} satisfies Queue & { receivedAtMs: number };

describe('liveAlertValue', () => {
  const at = 1_000_000 + 15_000;
  it("reads the queue's live numbers for its instantaneous metrics, the wait ticking", () => {
    expect(liveAlertValue({ rule: rule({ metric: 'WAITING' }), value: 1 }, queue, at)).toBe(3);
    expect(liveAlertValue({ rule: rule({ metric: 'LONGEST_WAIT' }), value: 20 }, queue, at)).toBe(55);
    expect(liveAlertValue({ rule: rule({ metric: 'AGENTS_AVAILABLE' }), value: 0 }, queue, at)).toBe(1);
  });
  it("reads today's figures for a rule over today, and keeps the server's value for a rolling window", () => {
    expect(liveAlertValue({ rule: rule({ metric: 'SERVICE_LEVEL' }), value: 0.7 }, queue, at)).toBe(0.6);
    expect(liveAlertValue({ rule: rule({ metric: 'ASA' }), value: 25 }, queue, at)).toBe(31);
    expect(liveAlertValue({ rule: rule({ metric: 'ABANDON_RATE' }), value: 0.1 }, queue, at)).toBe(0.2);
    expect(liveAlertValue({ rule: rule({ metric: 'SERVICE_LEVEL', windowMinutes: 30 }), value: 0.7 }, queue, at)).toBe(0.7);
    expect(liveAlertValue({ rule: rule({ metric: 'OCCUPANCY' }), value: 0.95 }, queue, at)).toBe(0.95);
  });
  it("keeps the server's value when the board has no such queue, the rule is tenant-wide, or gone", () => {
    expect(liveAlertValue({ rule: rule({}), value: 7 }, undefined, at)).toBe(7);
    expect(liveAlertValue({ rule: rule({ queue: null }), value: 7 }, queue, at)).toBe(7);
    expect(liveAlertValue({ rule: null, value: 7 }, queue, at)).toBe(7);
  });
});
