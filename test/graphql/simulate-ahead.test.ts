/**
 * simulateAhead over GraphQL on both stores: a floor fed through the ingest API (agents on calls,
 * callers waiting, the last hour's calls), the outlook with the agents there now and with more,
 * what it assumed and from where (recent actuals, or the forecast of an imported history),
 * reproducibility, who may ask, and the answers to bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlOk, postAndSettle, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { agentState, lifecycle } from '../helpers/events.ts';
import { storeCases } from '../helpers/require.ts';

const MIN = 60_000;
const DAY = 86_400_000;
/** The server's clock stands still, half a minute into a minute: the same question gets the same answer. */
const NOW = Math.floor(Date.now() / MIN) * MIN + 30_000;

const OUTLOOK = `query($t: ID!, $q: ID!, $n: Int!, $m: Int!) { simulateAhead(tenant: $t, queue: $q, agents: $n, minutes: $m) {
  tenant queue asOf minutes agents staffedAgents waiting replications contacts
  serviceLevel { mean low high } abandonRate { mean low high } asaSeconds { mean low high } longestWaitSeconds { mean low high }
  assumptions { arrivalsPerHour arrivalBasis ahtSeconds ahtBasis handleTimeCv patienceSeconds patienceBasis slotsPerAgent thresholdSeconds targetServiceLevel serviceLevelFormula label } } }`;

async function tokenFor(app: TestApp, role: string, tenants: string[]): Promise<string> {
  const r = await graphqlOk<{ createApiToken: { token: string } }>(app, 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', { i: { name: `${role} test`, role, tenants } });
  return r.createApiToken.token;
}

describe.each(storeCases())('simulateAhead (%s store)', (_store, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ ...opts, clock: () => NOW });
  });
  afterAll(() => app?.close());

  /**
   * Billing now: three agents free, two on calls (for 3 min and 1 min), one on a break; six
   * callers waiting 10 to 100 s; in the last hour 27 calls answered (230 s handled each) and 3
   * abandoned. Returns the waits and abandons it posted, for the expected patience.
   */
  async function billingFloor(t: string) {
    const events = [
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((a) => agentState(t, a, NOW - 30 * MIN, 'available', { queues: ['billing'] })),
      agentState(t, 'a6', NOW - 30 * MIN, 'away', { queues: ['billing'], reason: 'break' }),
    ];
    let answeredWaitS = 0;
    let abandonedWaitS = 0;
    let abandoned = 0;
    for (let i = 0; i < 30; i++) {
      const queuedAt = NOW - 55 * MIN + i * 100_000;
      if (i % 8 === 7) {
        const after = 30 + i;
        abandonedWaitS += after;
        abandoned++;
        events.push(...lifecycle({ tenant: t, queue: 'billing', contact: `h${i}`, queuedAt, outcome: { kind: 'abandoned', after } }));
      } else {
        const after = 5 + (i % 5) * 8;
        answeredWaitS += after;
        events.push(...lifecycle({ tenant: t, queue: 'billing', contact: `h${i}`, queuedAt, outcome: { kind: 'answered', after, agent: `a${1 + (i % 3)}`, talk: 200, wrap: 30 } }));
      }
    }
    // On calls now: answered 3 minutes and 1 minute ago, after 10 s in the queue.
    events.push(...lifecycle({ tenant: t, queue: 'billing', contact: 'busy1', queuedAt: NOW - 190_000, outcome: { kind: 'answered', after: 10, agent: 'a4' } }));
    events.push(...lifecycle({ tenant: t, queue: 'billing', contact: 'busy2', queuedAt: NOW - 70_000, outcome: { kind: 'answered', after: 10, agent: 'a5' } }));
    answeredWaitS += 20;
    const waiting = [100, 80, 60, 40, 20, 10];
    for (const [i, s] of waiting.entries()) events.push(...lifecycle({ tenant: t, queue: 'billing', contact: `w${i}`, queuedAt: NOW - s * 1000 }));
    await postAndSettle(app, events);
    return { answeredWaitS, abandonedWaitS, waitingS: waiting.reduce((a, b) => a + b, 0), abandoned, offeredLastHour: 30 + 2 + waiting.length };
  }

  it('simulates the coming half hour from the live floor, with the agents there now and with more', async () => {
    const t = uniqueTenant('sim');
    const posted = await billingFloor(t);
    const now = (await graphqlOk(app, OUTLOOK, { t, q: 'billing', n: 5, m: 30 })).simulateAhead;
    expect(now).toMatchObject({ tenant: t, queue: 'billing', asOf: new Date(NOW).toISOString(), minutes: 30, agents: 5, staffedAgents: 5, waiting: 6, replications: 200 });

    // What it assumed, and from where: no forecast history, so the last hour and the last four.
    const a = now.assumptions;
    expect(a.arrivalBasis).toBe('RECENT');
    // 38 contacts entered the queue in the hour and a half-minute of 1-minute buckets before now.
    expect(a.arrivalsPerHour).toBeCloseTo((posted.offeredLastHour * 3600) / 3630, 9);
    expect(a).toMatchObject({ ahtSeconds: 230, ahtBasis: 'RECENT', handleTimeCv: 1.3, patienceBasis: 'RECENT', slotsPerAgent: 1, thresholdSeconds: 20, targetServiceLevel: 0.8, serviceLevelFormula: 'ANSWERED_OF_OFFERED_EXCL_SHORT' });
    expect(a.patienceSeconds).toBeCloseTo((posted.answeredWaitS + posted.abandonedWaitS + posted.waitingS) / posted.abandoned, 6);
    expect(a.label).toBe('80/20 · short abandons < 5 s excluded');

    // Six waiting now and arrivals for half an hour at that rate.
    expect(now.contacts).toBeGreaterThan(6 + 0.8 * (a.arrivalsPerHour / 2));
    expect(now.contacts).toBeLessThan(6 + 1.2 * (a.arrivalsPerHour / 2));
    // The one waiting 100 s has waited at least that long whatever happens next.
    expect(now.longestWaitSeconds.low).toBeGreaterThanOrEqual(100);
    for (const band of [now.serviceLevel, now.abandonRate]) {
      expect(band.low).toBeLessThanOrEqual(band.mean);
      expect(band.mean).toBeLessThanOrEqual(band.high);
      expect(band.low).toBeGreaterThanOrEqual(0);
      expect(band.high).toBeLessThanOrEqual(1);
    }

    // With two more agents: no worse anywhere, better on the service level.
    const more = (await graphqlOk(app, OUTLOOK, { t, q: 'billing', n: 7, m: 30 })).simulateAhead;
    expect(more.staffedAgents).toBe(5);
    expect(more.serviceLevel.mean).toBeGreaterThan(now.serviceLevel.mean);
    expect(more.abandonRate.mean).toBeLessThanOrEqual(now.abandonRate.mean);
    expect(more.longestWaitSeconds.mean).toBeLessThanOrEqual(now.longestWaitSeconds.mean);
    // With nobody, nobody is answered.
    const none = (await graphqlOk(app, OUTLOOK, { t, q: 'billing', n: 0, m: 30 })).simulateAhead;
    expect(none.serviceLevel.mean).toBe(0);
    expect(none.asaSeconds).toBeNull();
    expect(none.abandonRate.mean).toBeGreaterThan(now.abandonRate.mean);

    // The same question in the same state gets the same answer.
    expect((await graphqlOk(app, OUTLOOK, { t, q: 'billing', n: 5, m: 30 })).simulateAhead).toEqual(now);
  });

  it('takes arrivals and AHT from the forecast when the queue has history', async () => {
    const t = uniqueTenant('simfc');
    // Eight weeks of a flat 40 calls per quarter hour of 240 s, round the clock, up to today.
    const today = Math.floor(NOW / DAY) * DAY;
    const rows = ['start,offered,answered,ahtSeconds'];
    for (let s = today - 56 * DAY; s < today; s += 900_000) rows.push(`${new Date(s).toISOString()},40,40,240`);
    const res = await fetch(`${app.url}/api/import/intervals?tenant=${t}&queue=sales`, { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': 'text/csv' }, body: rows.join('\n') });
    expect(res.status, await res.text()).toBe(202);
    await postAndSettle(app, ['s1', 's2', 's3'].map((a) => agentState(t, a, NOW - 10 * MIN, 'available', { queues: ['sales'] })));

    const o = (await graphqlOk(app, OUTLOOK, { t, q: 'sales', n: 3, m: 60 })).simulateAhead;
    expect(o.assumptions).toMatchObject({ arrivalBasis: 'FORECAST', ahtBasis: 'FORECAST', patienceBasis: 'NONE', patienceSeconds: null });
    expect(o.assumptions.arrivalsPerHour / 160).toBeCloseTo(1, 1);
    expect(o.assumptions.ahtSeconds).toBeCloseTo(240, 6);
    // 160 calls an hour of 240 s are 10.7 Erlangs: three agents drown, and nobody hangs up.
    expect(o.serviceLevel.mean).toBeLessThan(0.2);
    expect(o.abandonRate.mean).toBe(0);
    const enough = (await graphqlOk(app, OUTLOOK, { t, q: 'sales', n: 16, m: 60 })).simulateAhead;
    expect(enough.serviceLevel.mean).toBeGreaterThan(0.8);
  });

  it("gives a chat queue its concurrency: the agents' own capacity, two slots for an added one", async () => {
    /** One chat agent holding two chats, one chat waiting 30 s. */
    const chatFloor = async (capacity: number) => {
      const t = uniqueTenant('simchat');
      await postAndSettle(app, [
        { ...agentState(t, 'c1', NOW - 10 * MIN, 'available', { queues: ['chat'] }), capacity: { chat: capacity } },
        ...lifecycle({ tenant: t, queue: 'chat', contact: 'x1', channel: 'chat', queuedAt: NOW - 5 * MIN, outcome: { kind: 'answered', after: 20, agent: 'c1' } }),
        ...lifecycle({ tenant: t, queue: 'chat', contact: 'x2', channel: 'chat', queuedAt: NOW - 4 * MIN, outcome: { kind: 'answered', after: 20, agent: 'c1' } }),
        ...lifecycle({ tenant: t, queue: 'chat', contact: 'x3', channel: 'chat', queuedAt: NOW - 30_000 }),
      ]);
      return t;
    };
    const three = (await graphqlOk(app, OUTLOOK, { t: await chatFloor(3), q: 'chat', n: 1, m: 15 })).simulateAhead;
    const two = (await graphqlOk(app, OUTLOOK, { t: await chatFloor(2), q: 'chat', n: 1, m: 15 })).simulateAhead;
    for (const o of [three, two]) {
      expect(o).toMatchObject({ staffedAgents: 1, waiting: 1 });
      expect(o.assumptions).toMatchObject({ slotsPerAgent: 2, thresholdSeconds: 60, ahtBasis: 'DEFAULT', ahtSeconds: 300 });
    }
    // A third slot free takes the waiting chat at once; with both slots taken it waits for one to end.
    expect(three.serviceLevel.mean).toBeGreaterThan(two.serviceLevel.mean + 0.2);
    expect(three.longestWaitSeconds.mean).toBeLessThan(two.longestWaitSeconds.mean);
  });

  it('lets only those who plan or run the floor ask: a foreign tenant, a viewer and an ingest token are refused', async () => {
    const t = uniqueTenant('simauth');
    await postAndSettle(app, lifecycle({ tenant: t, queue: 'billing', contact: 'c1', queuedAt: NOW - 20_000 }));
    const vars = { t, q: 'billing', n: 2, m: 15 };
    for (const [role, tenants] of [
      ['SUPERVISOR', ['someone-else']],
      ['VIEWER', [t]],
      ['INGEST', [t]],
    ] as const) {
      const r = await app.graphql(OUTLOOK, vars, await tokenFor(app, role, [...tenants]));
      expect(r.data ?? null, role).toBeNull();
      expect(r.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
    }
    for (const role of ['SUPERVISOR', 'PLANNER']) {
      const o = (await graphqlOk(app, OUTLOOK, vars, await tokenFor(app, role, [t]))).simulateAhead;
      expect(o.waiting).toBe(1);
    }
  });

  it('names what is wrong with the question', async () => {
    const t = uniqueTenant('simbad');
    await postAndSettle(app, lifecycle({ tenant: t, queue: 'billing', contact: 'c1', queuedAt: NOW - 20_000 }));
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ n: -1 }, 'agents', /agents: must be 0 to 10000, got -1/],
      [{ n: 10_001 }, 'agents', /agents: must be 0 to 10000/],
      [{ m: 0 }, 'minutes', /minutes: must be 1 to 240, got 0/],
      [{ m: 241 }, 'minutes', /minutes: must be 1 to 240/],
      [{ q: 'nope' }, 'queue', /queue: no queue "nope" in tenant/],
    ];
    for (const [over, field, message] of cases) {
      const r = await app.graphql(OUTLOOK, { t, q: 'billing', n: 2, m: 15, ...over });
      expect(r.data ?? null).toBeNull();
      expect(r.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT', field } });
    }
  });
});
