/**
 * The what-if simulation from the live state (server/wfm/simulate-ahead): it agrees with Erlang C
 * and Erlang A where they apply (an empty floor, a long stationary horizon), a queue already
 * backed up looks worse than an empty one, more agents never look worse (common random
 * numbers), and the state it starts from is read off real agent records.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../simulations/random.ts';
import { applyAgentState, applyAgentWork, emptyAgent, type AgentRecord } from '../../server/engine/agent.ts';
import { zeroCounters } from '../../server/engine/counters.ts';
import { erlangA } from '../../server/wfm/erlang-a.ts';
import { erlangC } from '../../server/wfm/erlang-c.ts';
import {
  ahtEstimate,
  arrivalPlan,
  drawRemaining,
  normalQuantile,
  normalTail,
  patienceEstimate,
  queueFloor,
  simulateOutlook,
  slotsOf,
  withAgentCount,
  type OutlookModel,
  type SlotNow,
} from '../../server/wfm/simulate-ahead/index.ts';
import { agentState, lifecycle } from '../helpers/events.ts';

const idle = (n: number): SlotNow[] => Array.from({ length: n }, () => ({ kind: 'idle' }));

/** 360 calls an hour of 300 s (30 Erlangs), exponential handle times, 20 s threshold, all arrivals count. */
function stationary(over: Partial<OutlookModel> = {}): OutlookModel {
  return {
    horizonSeconds: 600 * 60,
    arrivals: [{ fromSeconds: 0, perHour: 360 }],
    handle: { kind: 'exponential', meanSeconds: 300 },
    patienceSeconds: null,
    waitingSeconds: [],
    slots: idle(35),
    thresholdSeconds: 20,
    shortAbandonSeconds: 0,
    serviceLevelFormula: 'ANSWERED_OF_OFFERED',
    ...over,
  };
}

const LONG = { replications: 200, seed: 'validation', contactBudget: Infinity };

describe('agreement with queueing theory (empty floor, ten hours)', () => {
  it.each([34, 36, 38])('M/M/%i matches Erlang C within 2 points of service level', (n) => {
    const sim = simulateOutlook(stationary({ slots: idle(n) }), LONG);
    const exact = erlangC({ servers: n, traffic: 30, aht: 300, threshold: 20 });
    expect(Math.abs(sim.serviceLevel!.mean - exact.serviceLevel)).toBeLessThan(0.02);
    expect(sim.abandonRate!.mean).toBe(0);
    // ASA within 15 % (it is the noisier number: a mean of waits, most of them zero).
    expect(Math.abs(sim.asaSeconds!.mean - exact.asa)).toBeLessThan(Math.max(1, 0.15 * exact.asa));
  });

  it.each([26, 30, 34])('M/M/%i+M matches Erlang A: service level within 2 points, abandonment within 1', (n) => {
    const sim = simulateOutlook(stationary({ slots: idle(n), patienceSeconds: 120 }), LONG);
    const exact = erlangA({ servers: n, traffic: 30, aht: 300, threshold: 20, patience: 120 });
    expect(Math.abs(sim.serviceLevel!.mean - exact.serviceLevelAnswered)).toBeLessThan(0.02);
    expect(Math.abs(sim.abandonRate!.mean - exact.abandonRate)).toBeLessThan(0.01);
  });

  it("uses the queue's formula: short abandons left out of the denominator raise the level", () => {
    const base = stationary({ slots: idle(27), patienceSeconds: 60, shortAbandonSeconds: 5, horizonSeconds: 3600 });
    const all = simulateOutlook(base, { replications: 100, seed: 1 });
    const excl = simulateOutlook({ ...base, serviceLevelFormula: 'ANSWERED_OF_OFFERED_EXCL_SHORT' }, { replications: 100, seed: 1 });
    const met = simulateOutlook({ ...base, serviceLevelFormula: 'ABANDONS_MET' }, { replications: 100, seed: 1 });
    expect(excl.serviceLevel!.mean).toBeGreaterThan(all.serviceLevel!.mean);
    expect(met.serviceLevel!.mean).toBeGreaterThan(all.serviceLevel!.mean);
  });
});

describe('the outlook from a live state', () => {
  // Half an hour of a 30-Erlang queue with lognormal calls and impatient callers, 33 agents.
  const live = (over: Partial<OutlookModel> = {}) =>
    stationary({ horizonSeconds: 1800, handle: { kind: 'lognormal', meanSeconds: 300, cv: 1.3 }, patienceSeconds: 180, slots: idle(33), ...over });
  const opts = { replications: 200, seed: 'live' };

  it('is worse with many people already waiting than with none', () => {
    const none = simulateOutlook(live(), opts);
    const backlog = simulateOutlook(live({ waitingSeconds: Array.from({ length: 25 }, (_, i) => 5 + i * 4) }), opts);
    expect(backlog.serviceLevel!.mean).toBeLessThan(none.serviceLevel!.mean - 0.1);
    expect(backlog.abandonRate!.mean).toBeGreaterThan(none.abandonRate!.mean);
    expect(backlog.longestWaitSeconds.mean).toBeGreaterThan(none.longestWaitSeconds.mean);
    // Those waiting are contacts of the outlook too.
    expect(backlog.contacts - none.contacts).toBeCloseTo(25, 6);
    // The one who waited 101 s already has waited at least that long by the end.
    expect(backlog.longestWaitSeconds.low).toBeGreaterThanOrEqual(101);
  });

  it('is worse when every agent is busy than when every agent is free', () => {
    const free = simulateOutlook(live(), opts);
    const busy = simulateOutlook(live({ slots: Array.from({ length: 33 }, () => ({ kind: 'busy', elapsedSeconds: 30 })) }), opts);
    expect(busy.serviceLevel!.mean).toBeLessThan(free.serviceLevel!.mean);
  });

  it('reads the time already spent on calls in progress: long calls (lognormal) tend to run on', () => {
    const busyFor = (s: number) => live({ slots: Array.from({ length: 33 }, () => ({ kind: 'busy', elapsedSeconds: s })) });
    const justStarted = simulateOutlook(busyFor(5), opts);
    const longRunning = simulateOutlook(busyFor(1200), opts);
    expect(longRunning.serviceLevel!.mean).toBeLessThan(justStarted.serviceLevel!.mean);
    // Exponential handle times forget: the time spent changes nothing at all.
    const exp = (s: number) => simulateOutlook({ ...busyFor(s), handle: { kind: 'exponential', meanSeconds: 300 } }, opts);
    expect(exp(1200)).toEqual(exp(5));
  });

  it('never looks worse with more agents (common random numbers): service level up, abandonment and waits down', () => {
    const backlog = Array.from({ length: 12 }, (_, i) => 10 + i * 7);
    const runs = [28, 29, 30, 31, 32, 33, 34, 36, 40].map((n) => simulateOutlook(live({ slots: idle(n), waitingSeconds: backlog }), opts));
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.serviceLevel!.mean).toBeGreaterThanOrEqual(runs[i - 1]!.serviceLevel!.mean);
      expect(runs[i]!.abandonRate!.mean).toBeLessThanOrEqual(runs[i - 1]!.abandonRate!.mean);
      expect(runs[i]!.longestWaitSeconds.mean).toBeLessThanOrEqual(runs[i - 1]!.longestWaitSeconds.mean);
    }
    expect(runs.at(-1)!.serviceLevel!.mean - runs[0]!.serviceLevel!.mean).toBeGreaterThan(0.15);
    // The band is a band: low ≤ mean ≤ high, inside 0..1.
    for (const r of runs) {
      expect(r.serviceLevel!.low).toBeLessThanOrEqual(r.serviceLevel!.mean);
      expect(r.serviceLevel!.high).toBeGreaterThanOrEqual(r.serviceLevel!.mean);
      expect(r.serviceLevel!.low).toBeGreaterThanOrEqual(0);
      expect(r.serviceLevel!.high).toBeLessThanOrEqual(1);
    }
  });

  it('is reproducible: the same inputs and seed give the same numbers; another seed moves them a little', () => {
    const a = simulateOutlook(live(), opts);
    expect(simulateOutlook(live(), opts)).toEqual(a);
    const b = simulateOutlook(live(), { ...opts, seed: 'another' });
    expect(b).not.toEqual(a);
    expect(Math.abs(b.serviceLevel!.mean - a.serviceLevel!.mean)).toBeLessThan(0.03);
  });

  it('with no agent and no abandonment nobody is answered: 0 %, not "no value", and the wait runs to the horizon', () => {
    const r = simulateOutlook(live({ slots: [], patienceSeconds: null, waitingSeconds: [40] }), opts);
    expect(r.serviceLevel).toEqual({ mean: 0, low: 0, high: 0 });
    expect(r.abandonRate!.mean).toBe(0);
    expect(r.asaSeconds).toBeNull();
    expect(r.longestWaitSeconds.mean).toBeCloseTo(1800 + 40, 6);
  });

  it('a quiet queue with nobody waiting has no service level to show', () => {
    const r = simulateOutlook(live({ arrivals: [{ fromSeconds: 0, perHour: 0 }] }), opts);
    expect(r.contacts).toBe(0);
    expect(r.serviceLevel).toBeNull();
    expect(r.longestWaitSeconds.mean).toBe(0);
  });

  it('follows the forecast by interval: a peak later in the horizon brings more contacts than a flat rate would', () => {
    const flat = simulateOutlook(live({ arrivals: [{ fromSeconds: 0, perHour: 360 }] }), opts);
    const peak = simulateOutlook(live({ arrivals: [{ fromSeconds: 0, perHour: 360 }, { fromSeconds: 900, perHour: 720 }] }), opts);
    expect(flat.contacts).toBeGreaterThan(170);
    expect(flat.contacts).toBeLessThan(190);
    expect(peak.contacts).toBeGreaterThan(flat.contacts * 1.4);
    expect(peak.serviceLevel!.mean).toBeLessThan(flat.serviceLevel!.mean);
  });

  it('runs fewer replications for a huge queue over a long horizon, within its contact budget', () => {
    const huge = stationary({ horizonSeconds: 4 * 3600, arrivals: [{ fromSeconds: 0, perHour: 12_000 }], slots: idle(1050) });
    const r = simulateOutlook(huge, { replications: 200, seed: 1, contactBudget: 500_000, minReplications: 5 });
    expect(r.replications).toBe(10);
    expect(r.contacts).toBeGreaterThan(47_000);
  });
});

describe('remaining handle time of a contact in progress', () => {
  it('Φ̄ and Φ⁻¹ are inverses, deep into the tail', () => {
    for (const p of [1e-12, 1e-6, 0.01, 0.3, 0.5, 0.9, 0.999]) expect(normalTail(-normalQuantile(p)) / p).toBeCloseTo(1, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  });

  it('is X − e given X > e: the same mean as drawing until a call outlasts e', () => {
    const h = { kind: 'lognormal' as const, meanSeconds: 300, cv: 1.3 };
    const rng = createRng('residual');
    const rejection = createRng('rejection');
    for (const e of [60, 300, 900]) {
      let a = 0;
      let b = 0;
      let nb = 0;
      const n = 40_000;
      for (let i = 0; i < n; i++) a += drawRemaining(h, e, rng);
      while (nb < n) {
        const x = rejection.lognormal(300, 1.3);
        if (x > e) {
          b += x - e;
          nb++;
        }
      }
      expect(a / n / (b / n)).toBeGreaterThan(0.95);
      expect(a / n / (b / n)).toBeLessThan(1.05);
    }
    // A lognormal call that has run long has more left on average than a fresh one.
    let fresh = 0;
    let old = 0;
    for (let i = 0; i < 20_000; i++) {
      fresh += drawRemaining(h, 0, rng);
      old += drawRemaining(h, 1200, rng);
    }
    expect(old).toBeGreaterThan(fresh * 1.5);
  });
});

describe('the floor now, from agent records', () => {
  const NOW = Date.parse('2025-03-10T10:00:00Z');
  const at = (sAgo: number) => NOW - sAgo * 1000;

  /** Agent records folded from contract events by the engine, as the aggregator stores them. */
  function records(): Map<string, AgentRecord> {
    const recs = new Map<string, AgentRecord>();
    const rec = (id: string) => recs.get(id) ?? recs.set(id, emptyAgent()).get(id)!;
    const state = (id: string, sAgo: number, s: 'available' | 'away' | 'offline', queues: string[], extra: { capacity?: Record<string, number> } = {}) => {
      const e = agentState('t', id, at(sAgo), s, { queues });
      applyAgentState(rec(id), extra.capacity ? { ...e, capacity: extra.capacity } as never : (e as never));
    };
    const work = (id: string, contact: string, queue: string, answeredAgo: number, talk?: number) => {
      for (const e of lifecycle({ tenant: 't', queue, contact, queuedAt: at(answeredAgo + 10), outcome: { kind: 'answered', after: 10, agent: id, ...(talk !== undefined ? { talk } : {}) } })) {
        if (e.type !== 'contact.queued') applyAgentWork(rec(id), contact, e as never);
      }
    };
    state('free', 600, 'available', ['billing']);
    state('on-call', 600, 'available', ['billing']);
    work('on-call', 'c1', 'billing', 240);
    state('wrapping', 600, 'available', ['billing']);
    work('wrapping', 'c2', 'billing', 200, 150); // ended 50 s ago, not wrapped
    state('break', 600, 'away', ['billing']);
    state('gone', 600, 'offline', ['billing']);
    state('sales-only', 600, 'available', ['sales']);
    // Serves sales, but is on a billing contact: taken for billing now (as the live counts do).
    state('borrowed', 600, 'available', ['sales']);
    work('borrowed', 'c3', 'billing', 30);
    return recs;
  }

  it('counts the agents the live snapshot counts, with their contacts and wrap-up', () => {
    const floor = queueFloor({ queue: 'billing', channel: 'voice', now: NOW, waitingSince: [at(12), at(95), at(40)], agents: records() });
    expect(floor.waitingMs).toEqual([95_000, 40_000, 12_000]);
    expect(floor.agents.map((a) => a.id)).toEqual(['borrowed', 'free', 'on-call', 'wrapping']);
    const byId = new Map(floor.agents.map((a) => [a.id, a]));
    expect(byId.get('on-call')).toMatchObject({ slots: 1, contactsMs: [240_000], wrapup: false });
    expect(byId.get('borrowed')).toMatchObject({ contactsMs: [30_000] });
    expect(byId.get('wrapping')).toMatchObject({ contactsMs: [], wrapup: true });
    expect(byId.get('free')).toMatchObject({ contactsMs: [], wrapup: false });

    const slots = slotsOf(floor, 20);
    expect(slots).toEqual([
      { kind: 'busy', elapsedSeconds: 30 },
      { kind: 'idle' },
      { kind: 'busy', elapsedSeconds: 240 },
      { kind: 'wrapup', meanSeconds: 20 },
    ]);
    // No wrap-up ever reported: an agent shown in wrap-up is taken as free.
    expect(slotsOf(floor, null).filter((s) => s.kind === 'idle')).toHaveLength(2);
  });

  it('sets the number of agents: adds free ones, and removes the free first, then those in wrap-up, then the busy', () => {
    const floor = queueFloor({ queue: 'billing', channel: 'voice', now: NOW, waitingSince: [], agents: records() });
    const more = withAgentCount(floor, 6, 'voice');
    expect(more.agents).toHaveLength(6);
    expect(more.agents.slice(4).every((a) => a.contactsMs.length === 0 && !a.wrapup && a.slots === 1)).toBe(true);
    expect(withAgentCount(floor, 3, 'voice').agents.map((a) => a.id)).toEqual(['borrowed', 'on-call', 'wrapping']);
    expect(withAgentCount(floor, 2, 'voice').agents.map((a) => a.id)).toEqual(['borrowed', 'on-call']);
    expect(withAgentCount(floor, 0, 'voice').agents).toEqual([]);
    expect(() => withAgentCount(floor, -1, 'voice')).toThrow(RangeError);
  });

  it('gives chat agents their slots: their own capacity, or two each', () => {
    const recs = new Map<string, AgentRecord>();
    const a = emptyAgent();
    applyAgentState(a, { ...agentState('t', 'three', at(60), 'available', { queues: ['chat'] }), capacity: { chat: 3, voice: 1 } } as never);
    recs.set('three', a);
    const b = emptyAgent();
    applyAgentState(b, agentState('t', 'plain', at(60), 'available', { queues: ['chat'] }) as never);
    recs.set('plain', b);
    const floor = queueFloor({ queue: 'chat', channel: 'chat', now: NOW, waitingSince: [], agents: recs });
    expect(floor.agents.map((x) => [x.id, x.slots])).toEqual([
      ['plain', 2],
      ['three', 3],
    ]);
    expect(withAgentCount(floor, 3, 'chat').agents[2]!.slots).toBe(2);
    // Five chat agents of two slots serve exactly as ten one-slot agents do.
    const model = stationary({ horizonSeconds: 1800, slots: slotsOf(withAgentCount({ waitingMs: [], agents: [] }, 5, 'chat'), null) });
    expect(model.slots).toHaveLength(10);
    expect(simulateOutlook(model, { replications: 50, seed: 3 })).toEqual(simulateOutlook({ ...model, slots: idle(10) }, { replications: 50, seed: 3 }));
  });
});

describe('what the outlook assumes', () => {
  const NOW = Date.parse('2025-03-10T10:05:00Z');
  const Q = 900_000;
  const point = (start: number, contacts: number, ahtSeconds: number | null = 240) => ({ start, stepMs: Q, contacts, ahtSeconds });

  it('takes arrivals from the forecast by interval, the part of the current one that is left included', () => {
    const forecast = [point(NOW - 5 * 60_000, 30), point(NOW + 10 * 60_000, 60)];
    const plan = arrivalPlan({ now: NOW, horizonMs: 25 * 60_000, forecast, recent: { offered: 999, spanMs: 3_600_000 } });
    expect(plan.basis).toBe('FORECAST');
    expect(plan.segments).toEqual([
      { fromSeconds: 0, perHour: 120 },
      { fromSeconds: 600, perHour: 240 },
    ]);
    // 10 min at 120/h and 15 min at 240/h: 80 contacts in 25 minutes.
    expect(plan.perHour).toBeCloseTo(192, 9);
    // Past the last point nothing is expected (not the last rate, carried on).
    const longer = arrivalPlan({ now: NOW, horizonMs: 30 * 60_000, forecast, recent: { offered: 999, spanMs: 3_600_000 } });
    expect(longer.segments.at(-1)).toEqual({ fromSeconds: 1500, perHour: 0 });
    expect(longer.perHour).toBeCloseTo(160, 9);
  });

  it('falls back to the last hour when the forecast expects nothing, and says so', () => {
    const plan = arrivalPlan({ now: NOW, horizonMs: 15 * 60_000, forecast: [point(NOW - 5 * 60_000, 0)], recent: { offered: 45, spanMs: 3_600_000 } });
    expect(plan).toEqual({ segments: [{ fromSeconds: 0, perHour: 45 }], perHour: 45, basis: 'RECENT' });
    expect(arrivalPlan({ now: NOW, horizonMs: 60_000, forecast: null, recent: { offered: 0, spanMs: 3_600_000 } }).basis).toBe('NONE');
  });

  it('takes AHT from the forecast, weighted by contacts, else from recent handling, else a stated default', () => {
    const recent = { ...zeroCounters(), handled: 10, talkMs: 2_000_000, wrapMs: 500_000 };
    const forecast = [point(NOW - 5 * 60_000, 30, 200), point(NOW + 10 * 60_000, 60, 300)];
    // Weights: 30 × 10/15 = 20 contacts at 200 s, 60 × 15/15 = 60 at 300 s.
    expect(ahtEstimate({ now: NOW, horizonMs: 25 * 60_000, forecast, recent })).toEqual({ seconds: 275, basis: 'FORECAST' });
    expect(ahtEstimate({ now: NOW, horizonMs: 30 * 60_000, forecast: [point(NOW, 10, null)], recent })).toEqual({ seconds: 250, basis: 'RECENT' });
    expect(ahtEstimate({ now: NOW, horizonMs: 30 * 60_000, forecast: null, recent: zeroCounters() })).toEqual({ seconds: 300, basis: 'DEFAULT' });
  });

  it("estimates patience as Erlang A's θ: abandons over time waited, the censored waits of those still waiting included", () => {
    const recent = { ...zeroCounters(), abandoned: 4, waitAnsweredMs: 300_000, waitAbandonedMs: 200_000 };
    expect(patienceEstimate(recent, [100_000])).toEqual({ seconds: 150, basis: 'RECENT' });
    expect(patienceEstimate({ ...recent, abandoned: 0 }, [100_000])).toEqual({ seconds: null, basis: 'NONE' });
  });
});
