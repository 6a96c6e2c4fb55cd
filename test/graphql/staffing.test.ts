/** The staffing calculator over GraphQL: the maths of server/wfm, its errors as 400-style answers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';

describe('staffing over GraphQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  const q = `query($i: StaffingInput!) { staffing(input: $i) {
    agents scheduledAgents trafficErlangs probabilityOfWait serviceLevel serviceLevelVirtual asaSeconds averageWaitSeconds abandonRate occupancy blocking binding } }`;

  it('finds the fewest agents for 80/20 (the classic 360 calls/h × 240 s: 24 Erlangs)', async () => {
    const r = await app.graphql(q, { i: { model: 'ERLANG_C', arrivalsPerHour: 360, ahtSeconds: 240, thresholdSeconds: 20, targetServiceLevel: 0.8, shrinkage: 0.3 } });
    expect(r.errors).toBeUndefined();
    const s = r.data.staffing;
    expect(s.trafficErlangs).toBeCloseTo(24, 12);
    expect(s.agents).toBeGreaterThan(24);
    expect(s.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(s.scheduledAgents).toBe(Math.ceil(s.agents / 0.7 - 1e-9));
    expect(s.binding).toBe('SERVICE_LEVEL');
    // One agent fewer misses the target: the answer is the fewest.
    const fewer = await app.graphql(q, { i: { model: 'ERLANG_C', trafficErlangs: 24, ahtSeconds: 240, thresholdSeconds: 20, agents: s.agents - 1 } });
    expect(fewer.data.staffing.serviceLevel).toBeLessThan(0.8);
  });

  it('evaluates Erlang A with abandonment, and sends null for an infinite wait', async () => {
    const a = await app.graphql(q, { i: { model: 'ERLANG_A', trafficErlangs: 24, ahtSeconds: 240, thresholdSeconds: 20, patienceSeconds: 120, agents: 24 } });
    expect(a.data.staffing.abandonRate).toBeGreaterThan(0);
    expect(a.data.staffing.serviceLevelVirtual).not.toBeNull();
    const overload = await app.graphql(q, { i: { model: 'ERLANG_C', trafficErlangs: 24, ahtSeconds: 240, thresholdSeconds: 20, agents: 20 } });
    expect(overload.data.staffing).toMatchObject({ probabilityOfWait: 1, serviceLevel: 0, asaSeconds: null });
  });

  it('names the field of a wrong input', async () => {
    const r = await app.graphql(q, { i: { model: 'ERLANG_C', trafficErlangs: 24, ahtSeconds: 240, thresholdSeconds: 20, targetServiceLevel: 80 } });
    expect(r.errors?.[0]).toMatchObject({ message: expect.stringContaining('input.targetServiceLevel'), extensions: { code: 'BAD_USER_INPUT' } });
    const both = await app.graphql(q, { i: { model: 'ERLANG_C', trafficErlangs: 24, arrivalsPerHour: 360, ahtSeconds: 240, thresholdSeconds: 20, agents: 30 } });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
