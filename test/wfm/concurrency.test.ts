/**
 * Chat with concurrency (a birth-death chain in the number of chats, handle time per
 * concurrency level) and email / back office (workload spread over the SLA window).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WfmInputError, asyncWorkRequirement, chatQueueMetrics, chatStaffing, erlangC, type ChatStaffingInput } from '../../server/wfm/index.ts';

describe('chat', () => {
  it('is Erlang C when an agent holds one chat', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 300, noNaN: true }), fc.integer({ min: 1, max: 30 }), fc.double({ min: 60, max: 1200, noNaN: true }), fc.double({ min: 0, max: 120, noNaN: true }), (traffic, extra, handle, t) => {
        const servers = Math.floor(traffic) + extra;
        const chat = chatQueueMetrics(servers, traffic / handle, [handle], t);
        const c = erlangC({ servers, traffic, aht: handle, threshold: t });
        if (c.asa === Infinity) {
          expect(chat).toEqual({ probabilityOfWait: 1, serviceLevel: 0, asaSeconds: Infinity, slotOccupancy: 1, agentOccupancy: 1 });
          return;
        }
        // Near overload both computations inherit the rounding of 1 − A/n, amplified by its inverse.
        const tolerance = 1e-13 / (1 - traffic / servers);
        expect(Math.abs(chat.probabilityOfWait - c.probabilityOfWait)).toBeLessThan(tolerance);
        expect(Math.abs(chat.serviceLevel - c.serviceLevel)).toBeLessThan(tolerance);
        expect(Math.abs(chat.asaSeconds - c.asa)).toBeLessThan(tolerance * Math.max(1, c.asa));
        expect(chat.slotOccupancy).toBeCloseTo(c.occupancy, 12);
        expect(chat.agentOccupancy).toBeCloseTo(c.occupancy, 12);
      }),
      { numRuns: 100 },
    );
  });

  it('is Erlang C on every slot when concurrency does not slow chats down', () => {
    for (const [agents, slots, arrivalsPerHour] of [
      [5, 3, 200],
      [20, 2, 700],
      [60, 4, 4000],
    ] as const) {
      const handle = 300;
      const rate = arrivalsPerHour / 3600;
      const chat = chatQueueMetrics(agents, rate, new Array<number>(slots).fill(handle), 30);
      const c = erlangC({ servers: agents * slots, traffic: rate * handle, aht: handle, threshold: 30 });
      expect(chat.probabilityOfWait).toBeCloseTo(c.probabilityOfWait, 12);
      expect(chat.serviceLevel).toBeCloseTo(c.serviceLevel, 12);
      expect(chat.slotOccupancy).toBeCloseTo(c.occupancy, 12);
    }
  });

  it('solves the chain by hand for two agents with two slots', () => {
    // K chats present; even routing: 1 → one agent at level 1, 2 → both at 1, 3 → one at 2 and
    // one at 1, 4 → both at 2 (full); beyond, chats wait while the four finish at 4/h2.
    const [h1, h2, lambda, t] = [240, 400, 1 / 150, 30];
    const rates = [1 / h1, 2 / h1, 2 / h2 + 1 / h1, 4 / h2];
    const pi = [1];
    for (const d of rates) pi.push(pi[pi.length - 1]! * (lambda / d));
    const drain = 4 / h2;
    const waiting = pi[4]! / (1 - lambda / drain);
    const total = pi[0]! + pi[1]! + pi[2]! + pi[3]! + waiting;
    const busySlots = pi[1]! + 2 * pi[2]! + 3 * pi[3]! + 4 * waiting;
    const m = chatQueueMetrics(2, lambda, [h1, h2], t);
    expect(m.probabilityOfWait).toBeCloseTo(waiting / total, 14);
    expect(m.serviceLevel).toBeCloseTo(1 - (waiting / total) * Math.exp(-(drain - lambda) * t), 14);
    expect(m.asaSeconds).toBeCloseTo(waiting / total / (drain - lambda), 12);
    expect(m.slotOccupancy).toBeCloseTo(busySlots / total / 4, 14);
    expect(m.agentOccupancy).toBeCloseTo((pi[1]! + 2 * (pi[2]! + pi[3]! + waiting)) / total / 2, 14);
  });

  it('has no steady state when the agents cannot keep up at full concurrency', () => {
    // 3 agents × 2 slots finish 6 chats per 400 s = 54 an hour; 60 arrive.
    expect(chatQueueMetrics(3, 60 / 3600, [240, 400], 30)).toEqual({ probabilityOfWait: 1, serviceLevel: 0, asaSeconds: Infinity, slotOccupancy: 1, agentOccupancy: 1 });
  });

  const interval: ChatStaffingInput = { arrivals: 120, intervalMinutes: 15, slotsPerAgent: 3, handleSecondsByConcurrency: [420, 540, 660], thresholdSeconds: 60, targetServiceLevel: 0.8, shrinkage: 0.25 };

  it('finds the fewest agents for an interval', () => {
    const r = chatStaffing(interval);
    expect(r.serviceLevel!).toBeGreaterThanOrEqual(0.8);
    const { targetServiceLevel, ...queue } = interval;
    expect(chatStaffing({ ...queue, agents: r.agents - 1 }).serviceLevel!).toBeLessThan(0.8);
    expect(r.scheduledAgents).toBe(Math.ceil(r.agents / 0.75));
    // Concurrency at requirement time: the same chats need more agents one at a time.
    expect(chatStaffing({ ...interval, slotsPerAgent: 1 }).agents).toBeGreaterThan(r.agents);
  });

  it('needs no agents and gives no per-chat figures without chats', () => {
    expect(chatStaffing({ ...interval, arrivals: 0 })).toEqual({
      agents: 0,
      scheduledAgents: 0,
      probabilityOfWait: null,
      serviceLevel: null,
      asaSeconds: null,
      slotOccupancy: null,
      agentOccupancy: null,
    });
  });

  it('says what is wrong with an input', () => {
    expect(() => chatStaffing({ ...interval, handleSecondsByConcurrency: [420, 540] })).toThrow(/handleSecondsByConcurrency.*1\.\.3/);
    expect(() => chatStaffing({ ...interval, handleSecondsByConcurrency: [420, 0, 660] })).toThrow(WfmInputError);
    // @ts-expect-error both agents and a target
    expect(() => chatStaffing({ ...interval, agents: 4 })).toThrow(/not both/);
  });
});

describe('email and back office', () => {
  const day = { intervalMinutes: 60, handleSeconds: 360, slaMinutes: 240 };

  it('spreads an interval\'s work evenly over the open intervals of its SLA window', () => {
    const arrivals = new Array<number>(24).fill(0);
    arrivals[9] = 40; // 40 emails × 6 minutes = 4 hours of work, due within 4 hours
    const r = asyncWorkRequirement({ ...day, arrivals });
    expect(r.workloadHours.slice(9, 13)).toEqual([1, 1, 1, 1]);
    expect(r.workloadHours.reduce((a, b) => a + b)).toBeCloseTo(4, 12);
    expect(r.agents[10]).toBeCloseTo(1, 12);
    expect(r.lateWorkHours).toBe(0);
  });

  it('staffs only open intervals, wraps the window round the cycle, and reports work that cannot meet its SLA', () => {
    const arrivals = new Array<number>(24).fill(10); // 1 hour of work every hour
    const open = arrivals.map((_, hour) => hour >= 8 && hour < 18);
    const r = asyncWorkRequirement({ ...day, arrivals, open, maxOccupancy: 0.8, shrinkage: 0.2 });
    // Every hour's work is placed, none lost: 24 hours of work in the 10 open hours.
    expect(r.workloadHours.reduce((a, b) => a + b)).toBeCloseTo(24, 9);
    r.workloadHours.forEach((hours, hour) => {
      if (!open[hour]) expect(hours).toBe(0);
    });
    // 18:00-04:59 arrivals have no open hour in their 4-hour window: late, done at 08:00.
    expect(r.lateWorkHours).toBeCloseTo(11, 12);
    // 05:00-07:59 arrivals reach the first open hours inside their window.
    expect(r.workloadHours[8]!).toBeGreaterThan(r.workloadHours[12]!);
    expect(r.agents[12]).toBeCloseTo(r.workloadHours[12]! / 0.8, 12);
    expect(r.scheduledAgents[12]).toBeCloseTo(r.agents[12]! / 0.8, 12);

    const wrapped = asyncWorkRequirement({ ...day, arrivals: arrivals.map((_, hour) => (hour === 22 ? 40 : 0)) });
    expect([...wrapped.workloadHours.slice(22), ...wrapped.workloadHours.slice(0, 2)]).toEqual([1, 1, 1, 1]);
  });

  it('counts the window in whole intervals, float-safely', () => {
    expect(0.3 / 0.1).toBe(2.9999999999999996);
    const r = asyncWorkRequirement({ intervalMinutes: 0.1, slaMinutes: 0.3, handleSeconds: 60, arrivals: [3, 0, 0, 0] });
    expect(r.workloadHours.map((h) => h * 60)).toEqual([1, 1, 1, 0]);
  });

  it('says what is wrong with an input', () => {
    expect(() => asyncWorkRequirement({ ...day, slaMinutes: 30, arrivals: [1] })).toThrow(/slaMinutes.*ERLANG_C/);
    expect(() => asyncWorkRequirement({ ...day, arrivals: [1, 2], open: [false, false] })).toThrow(/open/);
    expect(() => asyncWorkRequirement({ ...day, arrivals: [1, 2], open: [true] })).toThrow(/one entry per interval/);
    expect(() => asyncWorkRequirement({ ...day, arrivals: [1, -2] })).toThrow(/arrivals\[1\]/);
  });
});
