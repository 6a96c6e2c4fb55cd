/**
 * The staffing function the API calls: the search, `binding`, the float traps of wfm.md §1.1,
 * the result shape per model, and input validation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WfmInputError, erlangC, scheduledAgents, staffing, type StaffingInput, type StaffingResult } from '../../server/wfm/index.ts';

const voice = { ahtSeconds: 180, thresholdSeconds: 20 };

/**
 * The targets of the input that a result misses, in the order that names `binding`. A target
 * is met up to 1e-12, the rounding slack of server/wfm/numbers.ts (fast-check finds inputs whose
 * service level lands within 1e-16 of the target).
 */
function missed(input: Record<string, unknown>, r: StaffingResult): string[] {
  const slack = 1e-12;
  const limits: [string, unknown, (limit: number) => boolean][] = [
    ['SERVICE_LEVEL', input.targetServiceLevel, (t) => r.serviceLevel! >= t - slack],
    ['BLOCKING', input.maxBlocking, (c) => r.blocking! <= c + slack],
    ['ABANDONMENT', input.maxAbandonRate, (c) => r.abandonRate! <= c + slack],
    ['OCCUPANCY', input.maxOccupancy, (c) => r.occupancy! <= c + slack],
  ];
  return limits.filter(([, limit, met]) => typeof limit === 'number' && !met(limit)).map(([binding]) => binding);
}

/** The same queue evaluated with `agents` instead of targets. */
function evaluateAt(input: Record<string, unknown>, agents: number): StaffingResult {
  const { targetServiceLevel, maxOccupancy, maxAbandonRate, maxBlocking, ...queue } = input;
  return staffing({ ...queue, agents } as StaffingInput);
}

describe('floating-point traps (wfm.md §1.1, §5.3)', () => {
  it('staffs 4.9 Erlangs at a 70 % occupancy cap with 7 agents, not 8', () => {
    expect(4.9 / 0.7).toBe(7.000000000000001);
    expect(Math.ceil(4.9 / 0.7)).toBe(8); // what a plain port of pyworkforce answers
    // 588 calls per hour of 30 s is 4.9 Erlangs; 6 agents already answer 73 % within 20 s.
    const r = staffing({ model: 'ERLANG_C', arrivalsPerHour: 588, ahtSeconds: 30, thresholdSeconds: 20, targetServiceLevel: 0.6, maxOccupancy: 0.7 });
    expect(r.trafficErlangs).toBe(4.9);
    expect(r.agents).toBe(7);
    expect(r.binding).toBe('OCCUPANCY');
    expect(r.occupancy).toBe(0.7000000000000001); // 4.9 / 7 in doubles: meets the 0.7 cap
  });

  it('gives the exact rational answer for every occupancy cap 0.70-0.95 and traffic 0.1-200 Erlangs', () => {
    let naiveWrong = 0;
    for (let tenths = 1; tenths <= 2000; tenths++) {
      const traffic = tenths / 10;
      for (let percent = 70; percent <= 95; percent++) {
        const cap = percent / 100;
        // ⌈A / cap⌉ in integers: A / cap = 10·tenths / percent.
        const occupancyAgents = Math.ceil((10 * tenths) / percent);
        if (Math.ceil(traffic / cap) !== occupancyAgents) naiveWrong++;
        const r = staffing({ model: 'ERLANG_C', trafficErlangs: traffic, ...voice, targetServiceLevel: 0.01, maxOccupancy: cap });
        expect(r.agents).toBe(Math.max(Math.floor(traffic) + 1, occupancyAgents));
      }
    }
    // The trap is real: a plain Math.ceil is off by one agent on some hundred of these pairs.
    expect(naiveWrong).toBeGreaterThan(100);
  });

  it('schedules 21 agents at 30 % shrinkage as 30, not 31, and every such quotient exactly', () => {
    expect(21 / (1 - 0.3)).toBe(30.000000000000004);
    expect(staffing({ model: 'ERLANG_C', trafficErlangs: 15, ...voice, agents: 21, shrinkage: 0.3 }).scheduledAgents).toBe(30);
    for (let percent = 0; percent < 60; percent++) {
      for (let agents = 0; agents <= 300; agents++) {
        expect(scheduledAgents(agents, percent / 100)).toBe(Math.ceil((100 * agents) / (100 - percent)));
      }
    }
  });
});

describe('search', () => {
  const erlangCInput = fc.record({
    model: fc.constant('ERLANG_C' as const),
    trafficErlangs: fc.double({ min: 0.05, max: 3000, noNaN: true }),
    ahtSeconds: fc.double({ min: 30, max: 900, noNaN: true }),
    thresholdSeconds: fc.double({ min: 0, max: 120, noNaN: true }),
    targetServiceLevel: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
    maxOccupancy: fc.option(fc.double({ min: 0.5, max: 1, noNaN: true }), { nil: undefined }),
  });
  const erlangAInput = fc.record({
    model: fc.constant('ERLANG_A' as const),
    trafficErlangs: fc.double({ min: 0.05, max: 3000, noNaN: true }),
    ahtSeconds: fc.double({ min: 30, max: 900, noNaN: true }),
    thresholdSeconds: fc.double({ min: 0, max: 120, noNaN: true }),
    patienceSeconds: fc.double({ min: 10, max: 1800, noNaN: true }),
    targetServiceLevel: fc.double({ min: 0.05, max: 0.99, noNaN: true }),
    maxOccupancy: fc.option(fc.double({ min: 0.5, max: 1, noNaN: true }), { nil: undefined }),
    maxAbandonRate: fc.option(fc.double({ min: 0.005, max: 0.3, noNaN: true }), { nil: undefined }),
  });
  const erlangBInput = fc.record({
    model: fc.constant('ERLANG_B' as const),
    trafficErlangs: fc.double({ min: 0.05, max: 3000, noNaN: true }),
    maxBlocking: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
    maxOccupancy: fc.option(fc.double({ min: 0.5, max: 1, noNaN: true }), { nil: undefined }),
  });

  it('finds the fewest agents: the answer meets every target, one agent fewer misses the binding one first', () => {
    fc.assert(
      fc.property(fc.oneof(erlangCInput, erlangAInput, erlangBInput), (input) => {
        const r = staffing(input);
        expect(missed(input, r)).toEqual([]);
        // Evaluating the answer reproduces the search's metrics.
        expect({ ...evaluateAt(input, r.agents), binding: r.binding }).toEqual(r);
        if (r.agents > 1) expect(missed(input, evaluateAt(input, r.agents - 1))[0]).toBe(r.binding);
      }),
      { numRuns: 300 },
    );
  });

  it('never lowers the service level when agents are added (evaluate mode)', () => {
    fc.assert(
      fc.property(fc.oneof(erlangCInput, erlangAInput), fc.integer({ min: 1, max: 50 }), (input, extra) => {
        const n = Math.max(1, Math.round(input.trafficErlangs) - 10) + extra;
        const r = evaluateAt(input, n);
        const more = evaluateAt(input, n + 1);
        expect(more.serviceLevel!).toBeGreaterThanOrEqual(r.serviceLevel! - 1e-12);
        expect(more.occupancy!).toBeLessThanOrEqual(r.occupancy! + 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('names the binding target', () => {
    const c = { model: 'ERLANG_C', trafficErlangs: 10, ...voice } as const;
    expect(staffing({ ...c, targetServiceLevel: 0.8 }).binding).toBe('SERVICE_LEVEL');
    expect(staffing({ ...c, targetServiceLevel: 0.8, maxOccupancy: 0.6 })).toMatchObject({ agents: 17, binding: 'OCCUPANCY' });
    const a = { model: 'ERLANG_A', trafficErlangs: 10, ...voice, patienceSeconds: 60 } as const;
    expect(staffing({ ...a, targetServiceLevel: 0.8 }).binding).toBe('SERVICE_LEVEL');
    expect(staffing({ ...a, targetServiceLevel: 0.5, maxAbandonRate: 0.01 }).binding).toBe('ABANDONMENT');
    expect(staffing({ model: 'ERLANG_B', trafficErlangs: 10, maxBlocking: 0.02 }).binding).toBe('BLOCKING');
    expect(staffing({ model: 'ERLANG_B', trafficErlangs: 10, maxBlocking: 0.5, maxOccupancy: 0.5 }).binding).toBe('OCCUPANCY');
  });

  it('staffs Erlang A below the load when nothing caps abandonment (wfm.md §2.2: 4373, then 4908 at 2 %)', () => {
    const a = { model: 'ERLANG_A', trafficErlangs: 5000, ahtSeconds: 300, patienceSeconds: 120, thresholdSeconds: 20, targetServiceLevel: 0.8 } as const;
    const uncapped = staffing(a);
    expect(uncapped).toMatchObject({ agents: 4373, binding: 'SERVICE_LEVEL' });
    expect(uncapped.abandonRate).toBeCloseTo(0.125, 3);
    expect(staffing({ ...a, maxAbandonRate: 0.02 })).toMatchObject({ agents: 4908, binding: 'ABANDONMENT' });
  });

  it('handles 10,000 Erlangs in every model', () => {
    const c = staffing({ model: 'ERLANG_C', trafficErlangs: 10_000, ahtSeconds: 300, thresholdSeconds: 20, targetServiceLevel: 0.8 });
    const a = staffing({ model: 'ERLANG_A', trafficErlangs: 10_000, ahtSeconds: 300, thresholdSeconds: 20, patienceSeconds: 180, targetServiceLevel: 0.8, maxAbandonRate: 0.02 });
    const b = staffing({ model: 'ERLANG_B', trafficErlangs: 10_000, maxBlocking: 0.01 });
    expect(c.agents).toBeGreaterThan(10_000);
    expect(c.agents).toBeLessThan(10_100);
    expect(c.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(a.agents).toBeLessThanOrEqual(c.agents);
    expect(a.abandonRate).toBeLessThanOrEqual(0.02);
    expect(b.blocking).toBeLessThanOrEqual(0.01);
    // The neighbour below misses, computed with Erlang C from scratch (no shared recursion).
    expect(erlangC({ servers: c.agents - 1, traffic: 10_000, aht: 300, threshold: 20 }).serviceLevel).toBeLessThan(0.8);
  });
});

describe('result shape', () => {
  it('fills what each model defines and leaves the rest null', () => {
    const b = staffing({ model: 'ERLANG_B', trafficErlangs: 10, agents: 12 });
    expect(b).toMatchObject({ probabilityOfWait: null, serviceLevel: null, serviceLevelVirtual: null, asaSeconds: null, averageWaitSeconds: null, abandonRate: null, binding: null });
    expect(b.blocking).toBeGreaterThan(0);

    const c = staffing({ model: 'ERLANG_C', trafficErlangs: 10, ...voice, agents: 12 });
    expect(c).toMatchObject({ serviceLevelVirtual: null, abandonRate: null, blocking: null, binding: null });
    expect(c.asaSeconds).toBe(c.averageWaitSeconds); // everyone is answered

    const a = staffing({ model: 'ERLANG_A', trafficErlangs: 10, ...voice, patienceSeconds: 60, agents: 12 });
    expect(a.blocking).toBeNull();
    for (const key of ['probabilityOfWait', 'serviceLevel', 'serviceLevelVirtual', 'asaSeconds', 'averageWaitSeconds', 'abandonRate', 'occupancy'] as const) {
      expect(typeof a[key]).toBe('number');
    }
    // Answered-in-time counts abandoners as misses; the virtual wait does not abandon.
    expect(a.serviceLevelVirtual!).toBeGreaterThan(a.serviceLevel!);
  });

  it('defines Erlang C overload: all wait, service level 0, ASA infinite', () => {
    expect(staffing({ model: 'ERLANG_C', trafficErlangs: 10, ...voice, agents: 10 })).toMatchObject({
      probabilityOfWait: 1,
      serviceLevel: 0,
      asaSeconds: Infinity,
      averageWaitSeconds: Infinity,
      occupancy: 1,
    });
  });

  it('needs no agents and reports no per-contact figures when there is no traffic', () => {
    expect(staffing({ model: 'ERLANG_A', trafficErlangs: 0, ...voice, patienceSeconds: 60, targetServiceLevel: 0.8, maxAbandonRate: 0.05 })).toEqual({
      agents: 0,
      scheduledAgents: 0,
      trafficErlangs: 0,
      probabilityOfWait: null,
      serviceLevel: null,
      serviceLevelVirtual: null,
      asaSeconds: null,
      averageWaitSeconds: null,
      abandonRate: null,
      occupancy: null,
      blocking: null,
      binding: null,
    });
    expect(staffing({ model: 'ERLANG_C', arrivalsPerHour: 0, ...voice, agents: 3 })).toMatchObject({ agents: 3, occupancy: 0, serviceLevel: null });
  });

  it('turns arrivals per hour into Erlangs with the AHT', () => {
    const byArrivals = staffing({ model: 'ERLANG_C', arrivalsPerHour: 200, ...voice, targetServiceLevel: 0.8, shrinkage: 0.3 });
    const byTraffic = staffing({ model: 'ERLANG_C', trafficErlangs: 10, ...voice, targetServiceLevel: 0.8, shrinkage: 0.3 });
    expect(byArrivals).toEqual(byTraffic);
    expect(byArrivals).toMatchObject({ agents: 14, scheduledAgents: 20 }); // the "100 calls per 30 minutes" textbook case
  });
});

describe('input validation', () => {
  const fieldOf = (input: StaffingInput) => {
    try {
      staffing(input);
    } catch (error) {
      expect(error).toBeInstanceOf(WfmInputError);
      return { field: (error as WfmInputError).field, message: (error as Error).message };
    }
    throw new Error('accepted');
  };

  it('rejects wrong combinations at compile time and at run time, naming the field', () => {
    expect(
      // @ts-expect-error patience is an Erlang A input
      fieldOf({ model: 'ERLANG_C', trafficErlangs: 10, ...voice, targetServiceLevel: 0.8, patienceSeconds: 60 }),
    ).toMatchObject({ field: 'patienceSeconds', message: expect.stringContaining('ERLANG_A only') });
    expect(
      // @ts-expect-error both agents and a target
      fieldOf({ model: 'ERLANG_C', trafficErlangs: 10, ...voice, agents: 12, targetServiceLevel: 0.8 }),
    ).toMatchObject({ field: 'targetServiceLevel', message: expect.stringContaining('not both') });
    expect(
      // @ts-expect-error both kinds of load
      fieldOf({ model: 'ERLANG_C', trafficErlangs: 10, arrivalsPerHour: 200, ...voice, agents: 12 }),
    ).toMatchObject({ field: 'trafficErlangs', message: expect.stringContaining('exactly one') });
    expect(
      // @ts-expect-error Erlang B has no service-level target
      fieldOf({ model: 'ERLANG_B', trafficErlangs: 10, targetServiceLevel: 0.8 }),
    ).toMatchObject({ field: 'targetServiceLevel', message: expect.stringContaining('maxBlocking') });
    expect(
      // @ts-expect-error Erlang A needs patience
      fieldOf({ model: 'ERLANG_A', trafficErlangs: 10, ...voice, targetServiceLevel: 0.8 }),
    ).toMatchObject({ field: 'patienceSeconds', message: expect.stringContaining('ERLANG_C') });
    expect(
      // @ts-expect-error arrivals need an AHT to become Erlangs
      fieldOf({ model: 'ERLANG_B', arrivalsPerHour: 200, maxBlocking: 0.01 }),
    ).toMatchObject({ field: 'ahtSeconds' });
    // @ts-expect-error neither agents nor a target
    expect(fieldOf({ model: 'ERLANG_C', trafficErlangs: 10, ...voice })).toMatchObject({ field: 'targetServiceLevel' });
    // @ts-expect-error no such model
    expect(fieldOf({ model: 'ERLANG_X', trafficErlangs: 10 })).toMatchObject({ field: 'model' });
    // @ts-expect-error a typo
    expect(fieldOf({ model: 'ERLANG_C', trafficErlangs: 10, ...voice, targetServicelevel: 0.8 })).toMatchObject({
      field: 'targetServicelevel',
      message: expect.stringContaining('not a staffing input'),
    });
  });

  it('says what a number should be', () => {
    const c = { model: 'ERLANG_C', trafficErlangs: 10, ...voice } as const;
    expect(fieldOf({ ...c, targetServiceLevel: 80 })).toMatchObject({ field: 'targetServiceLevel', message: expect.stringContaining('0.8 for 80 %') });
    expect(fieldOf({ ...c, targetServiceLevel: 0.8, shrinkage: 30 })).toMatchObject({ field: 'shrinkage', message: expect.stringContaining('0.3 for 30 %') });
    expect(fieldOf({ ...c, targetServiceLevel: 0.8, maxOccupancy: 0 })).toMatchObject({ field: 'maxOccupancy' });
    expect(fieldOf({ ...c, agents: 12.5 })).toMatchObject({ field: 'agents', message: expect.stringContaining('whole number') });
    expect(fieldOf({ ...c, agents: 0 })).toMatchObject({ field: 'agents' });
    expect(fieldOf({ ...c, trafficErlangs: -1, agents: 3 })).toMatchObject({ field: 'trafficErlangs' });
    expect(fieldOf({ ...c, trafficErlangs: Number.NaN, agents: 3 })).toMatchObject({ field: 'trafficErlangs', message: expect.stringContaining('got NaN') });
    // @ts-expect-error a string where a number belongs
    expect(fieldOf({ ...c, ahtSeconds: '180', agents: 3 })).toMatchObject({ field: 'ahtSeconds', message: expect.stringContaining('got string "180"') });
    expect(fieldOf({ ...c, trafficErlangs: 1e6, agents: 3 })).toMatchObject({ field: 'trafficErlangs', message: expect.stringContaining('at most 100000') });
  });
});
