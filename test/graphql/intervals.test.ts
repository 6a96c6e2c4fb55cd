/** History through the API: intervals, rolling windows, tenant totals and the CSV export, on both stores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { agentState, lifecycle } from '../helpers/events.ts';
import { storeCases } from '../helpers/require.ts';

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe.each(storeCases())('intervals and totals (%s store)', (_name, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(opts);
  });
  afterAll(() => app.close());

  const intervals = async (vars: Record<string, unknown>) => {
    const r = await app.graphql(
      `query($t: ID!, $q: ID, $c: String, $from: DateTime!, $to: DateTime!, $step: Step!) {
        intervals(tenant: $t, queue: $q, channel: $c, from: $from, to: $to, step: $step) {
          start offered answered answeredWithinThreshold abandoned shortAbandoned handled serviceLevel asaSeconds ahtSeconds maxWaitSeconds label
        } }`,
      vars,
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.intervals as Record<string, any>[];
  };

  it('gives each 15-minute interval the contacts that entered it, with max wait', async () => {
    const t = uniqueTenant();
    // Three hours ago, aligned to a quarter hour: intervals i0, i1 (empty), i2.
    const i0 = Math.floor((Date.now() - 3 * 3_600_000) / (15 * MIN)) * 15 * MIN;
    const i2 = i0 + 30 * MIN;
    await app.postEvents([
      ...lifecycle({ tenant: t, queue: 'q', contact: 'a', queuedAt: i0 + 1000, outcome: { kind: 'answered', after: 15, agent: 'x', talk: 100, wrap: 20 } }),
      // Entered at the very end of i0, answered in i1: it belongs to i0.
      ...lifecycle({ tenant: t, queue: 'q', contact: 'b', queuedAt: i0 + 15 * MIN - 1000, outcome: { kind: 'answered', after: 45, agent: 'y', talk: 60 } }),
      ...lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: i2 + 5000, outcome: { kind: 'abandoned', after: 2 } }),
      ...lifecycle({ tenant: t, queue: 'q', contact: 'd', queuedAt: i2 + 6000, outcome: { kind: 'abandoned', after: 90 } }),
    ]);
    await app.settled();
    // The middle interval has no arrivals but agent time (b was answered in it): only rows with contacts here.
    const rows = (await intervals({ t, q: 'q', from: iso(i0), to: iso(i0 + 45 * MIN), step: 'MIN15' })).filter((r) => r.offered > 0);
    expect(rows).toEqual([
      {
        start: iso(i0),
        offered: 2,
        answered: 2,
        answeredWithinThreshold: 1,
        abandoned: 0,
        shortAbandoned: 0,
        handled: 2,
        serviceLevel: 0.5,
        asaSeconds: 30,
        ahtSeconds: (100 + 20 + 60) / 2,
        maxWaitSeconds: 45,
        label: '80/20 · short abandons < 5 s excluded',
      },
      {
        start: iso(i2),
        offered: 2,
        answered: 0,
        answeredWithinThreshold: 0,
        abandoned: 2,
        shortAbandoned: 1,
        handled: 0,
        serviceLevel: 0,
        asaSeconds: null,
        ahtSeconds: null,
        maxWaitSeconds: 90,
        label: '80/20 · short abandons < 5 s excluded',
      },
    ]);
    // The same contacts by hour and by 10 seconds add up to the same totals.
    const hours = await intervals({ t, q: 'q', from: iso(i0 - 3_600_000), to: iso(i0 + 2 * 3_600_000), step: 'HOUR1' });
    expect(hours.reduce((n, r) => n + r.offered, 0)).toBe(4);
    const tens = await intervals({ t, q: 'q', from: iso(i0), to: iso(i0 + 45 * MIN), step: 'SEC10' });
    expect(tens.map((r) => [r.start, r.offered])).toEqual([
      [iso(i0), 1],
      [iso(i0 + 15 * MIN - 10_000), 1],
      [iso(i2), 2],
    ]);
  });

  it('aligns days to the tenant time zone and lands backfilled history in its day', async () => {
    const t = uniqueTenant();
    await app.graphql(`mutation { setTenantSettings(tenant: "${t}", input: { timeZone: "Asia/Manila" }) { id } }`);
    // 23:30 and 00:30 Manila time, five days ago: two local days (UTC+8, no DST).
    const day = Date.UTC(2026, 0, 1) + Math.floor((Date.now() - 5 * 86_400_000 - Date.UTC(2026, 0, 1)) / 86_400_000) * 86_400_000;
    const lateEvening = day - 8 * 3_600_000 + 23.5 * 3_600_000;
    await app.postEvents([
      ...lifecycle({ tenant: t, queue: 'q', contact: 'e', queuedAt: lateEvening, outcome: { kind: 'answered', after: 5, agent: 'x' } }),
      ...lifecycle({ tenant: t, queue: 'q', contact: 'f', queuedAt: lateEvening + 3_600_000, outcome: { kind: 'answered', after: 5, agent: 'x' } }),
    ]);
    await app.settled();
    const days = await intervals({ t, q: 'q', from: iso(lateEvening - 86_400_000), to: iso(lateEvening + 86_400_000), step: 'DAY1' });
    const localMidnight = day - 8 * 3_600_000;
    expect(days.map((r) => [r.start, r.offered])).toEqual([
      [iso(localMidnight), 1],
      [iso(localMidnight + 86_400_000), 1],
    ]);
    // 10-second buckets keep two days: five days back they are gone, the 15-minute ones are not.
    expect(await intervals({ t, q: 'q', from: iso(lateEvening - MIN), to: iso(lateEvening + MIN), step: 'SEC10' })).toEqual([]);
    expect((await intervals({ t, q: 'q', from: iso(lateEvening - MIN), to: iso(lateEvening + 15 * MIN), step: 'MIN15' }))[0]?.offered).toBe(1);
  });

  it('answers rolling windows with the contacts that entered inside them', async () => {
    const t = uniqueTenant();
    const now = Date.now();
    await app.postEvents([
      ...lifecycle({ tenant: t, queue: 'w', contact: 'old', queuedAt: now - 50 * MIN, outcome: { kind: 'abandoned', after: 30 } }),
      ...lifecycle({ tenant: t, queue: 'w', contact: 'mid', queuedAt: now - 20 * MIN, outcome: { kind: 'answered', after: 10, agent: 'x' } }),
      ...lifecycle({ tenant: t, queue: 'w', contact: 'new', queuedAt: now - 2 * MIN, outcome: { kind: 'answered', after: 30, agent: 'x' } }),
    ]);
    await app.settled();
    const r = await app.graphql(`query($t: ID!) { queue(tenant: $t, id: "w") {
      w15: window(minutes: 15) { offered answered abandoned asaSeconds }
      w30: window(minutes: 30) { offered answered abandoned asaSeconds }
      w60: window(minutes: 60) { offered answered abandoned asaSeconds } } }`, { t });
    expect(r.data.queue).toEqual({
      w15: { offered: 1, answered: 1, abandoned: 0, asaSeconds: 30 },
      w30: { offered: 2, answered: 2, abandoned: 0, asaSeconds: 20 },
      w60: { offered: 3, answered: 2, abandoned: 1, asaSeconds: 20 },
    });
    const bad = await app.graphql(`query($t: ID!) { queue(tenant: $t, id: "w") { window(minutes: 0) { offered } } }`, { t });
    expect(bad.errors?.[0]?.message).toContain('minutes');
    expect((await app.graphql(`query($t: ID!) { queue(tenant: $t, id: "nope") { id } }`, { t })).data.queue).toBeNull();
  });

  it('totals a tenant across queues and channels, counting an agent once', async () => {
    const t = uniqueTenant();
    const now = Date.now();
    await app.postEvents([
      agentState(t, 'both', now - 10 * MIN, 'available', { queues: ['v1', 'v2'] }),
      agentState(t, 'chatter', now - 10 * MIN, 'away', { queues: ['c1'], reason: 'break' }),
      ...lifecycle({ tenant: t, queue: 'v1', contact: 'a', queuedAt: now - 5 * MIN, outcome: { kind: 'answered', after: 10, agent: 'both', talk: 30, wrap: 5 } }),
      ...lifecycle({ tenant: t, queue: 'v2', contact: 'b', queuedAt: now - 60_000 }),
      ...lifecycle({ tenant: t, queue: 'c1', contact: 'c', channel: 'chat', queuedAt: now - 30_000 }),
    ]);
    await app.settled();
    const r = await app.graphql(`query($t: ID!) { tenantTotals(tenant: $t) {
      waiting agents { available away } today { offered answered label }
      channels { channel waiting agents { available away } today { offered } } } }`, { t });
    expect(r.data.tenantTotals).toEqual({
      waiting: 2,
      agents: { available: 1, away: 1 },
      today: { offered: 3, answered: 1, label: "all queues · each contact against its own queue's threshold" },
      channels: [
        { channel: 'chat', waiting: 1, agents: { available: 0, away: 1 }, today: { offered: 1 } },
        { channel: 'voice', waiting: 1, agents: { available: 1, away: 0 }, today: { offered: 2 } },
      ],
    });
    // The queues' own rows count the two-queue agent in each.
    const q = await app.graphql(`query($t: ID) { queues(tenant: $t) { id agents { available } } }`, { t });
    expect(q.data.queues).toEqual([
      { id: 'c1', agents: { available: 0 } },
      { id: 'v1', agents: { available: 1 } },
      { id: 'v2', agents: { available: 1 } },
    ]);
    // All queues summed through intervals too, and by channel.
    const from = iso(now - 3_600_000);
    const to = iso(now + 60_000);
    const all = await intervals({ t, from, to, step: 'DAY1' });
    expect(all.reduce((n, x) => n + x.offered, 0)).toBe(3);
    const chat = await intervals({ t, c: 'chat', from, to, step: 'DAY1' });
    expect(chat.reduce((n, x) => n + x.offered, 0)).toBe(1);
  });

  it('slices agent time into intervals for occupancy, per queue and for the tenant', async () => {
    const t = uniqueTenant();
    const i0 = Math.floor((Date.now() - 4 * 3_600_000) / (15 * MIN)) * 15 * MIN;
    // Agent a serves q: available from i0, a contact answered at i0+5min, talk 6 min, wrap 1 min,
    // available again, a break from i0+20min to i0+25min, available until i0+30min (its last event).
    await app.postEvents([
      agentState(t, 'a', i0, 'available', { queues: ['q'] }),
      ...lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: i0 + 5 * MIN - 10_000, outcome: { kind: 'answered', after: 10, agent: 'a', talk: 360, wrap: 60 } }),
      agentState(t, 'a', i0 + 20 * MIN, 'away', { reason: 'break' }),
      agentState(t, 'a', i0 + 25 * MIN, 'available'),
      agentState(t, 'a', i0 + 30 * MIN, 'offline'),
    ]);
    await app.settled();
    const r = await app.graphql(`query($t: ID!, $from: DateTime!, $to: DateTime!) {
      q: intervals(tenant: $t, queue: "q", from: $from, to: $to, step: MIN15) { start occupancy agentSeconds { available busy wrapup away awayByReason { reason seconds } } }
      all: intervals(tenant: $t, from: $from, to: $to, step: MIN1) { start occupancy } }`, { t, from: iso(i0), to: iso(i0 + 30 * MIN) });
    expect(r.errors).toBeUndefined();
    expect(r.data.q).toEqual([
      { start: iso(i0), occupancy: 420 / 900, agentSeconds: { available: 480, busy: 360, wrapup: 60, away: 0, awayByReason: [] } },
      { start: iso(i0 + 15 * MIN), occupancy: 0, agentSeconds: { available: 600, busy: 0, wrapup: 0, away: 300, awayByReason: [{ reason: 'break', seconds: 300 }] } },
    ]);
    const minutes = r.data.all as { start: string; occupancy: number | null }[];
    expect(minutes.find((m) => m.start === iso(i0 + 6 * MIN))?.occupancy).toBe(1);
    expect(minutes.find((m) => m.start === iso(i0 + 1 * MIN))?.occupancy).toBe(0);
    expect(minutes.find((m) => m.start === iso(i0 + 21 * MIN))?.occupancy).toBeNull();
  });

  it('exports the interval table as CSV with the same numbers, and refuses bad requests', async () => {
    const t = uniqueTenant();
    const i0 = Math.floor((Date.now() - 2 * 3_600_000) / (15 * MIN)) * 15 * MIN;
    await app.postEvents(lifecycle({ tenant: t, queue: 'q,1', contact: 'a', queuedAt: i0 + 1000, outcome: { kind: 'answered', after: 12, agent: 'x', talk: 50 } }));
    await app.settled();
    const url = (params: Record<string, string>) => `${app.url}/api/reports/intervals.csv?${new URLSearchParams(params)}`;
    const auth = { authorization: `Bearer ${app.token}` };
    const ok = await fetch(url({ tenant: t, queue: 'q,1', from: iso(i0), to: iso(i0 + 30 * MIN), step: 'MIN15' }), { headers: auth });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/csv');
    const [header, row, end] = (await ok.text()).split('\r\n');
    expect(header).toBe(
      'start,start_local,offered,answered,answered_within_threshold,abandoned,short_abandoned,overflowed,handled,transferred_out,escalated,service_level,asa_seconds,aht_seconds,abandon_rate,max_wait_seconds,occupancy,available_seconds,busy_seconds,wrapup_seconds,away_seconds,service_level_formula,threshold_seconds',
    );
    // The agent x is known only from this one contact: 50 s busy, nothing else, so occupancy 1.
    expect(row).toBe(`${iso(i0)},${iso(i0).slice(0, 19)},1,1,1,0,0,0,1,0,0,1,12,50,0,12,1,0,50,0,0,ANSWERED_OF_OFFERED_EXCL_SHORT,20`);
    expect(end).toBe('');
    const bad = await fetch(url({ tenant: t, from: 'yesterday', to: iso(i0), step: 'WEEK' }), { headers: auth });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { path: string }) => e.path)).toEqual(['from', 'step']);
    expect((await fetch(url({ tenant: t, from: iso(i0), to: iso(i0 + MIN), step: 'MIN1' }))).status).toBe(401);
    const huge = await fetch(url({ tenant: t, from: iso(i0 - 400 * 86_400_000), to: iso(i0), step: 'SEC10' }), { headers: auth });
    expect(huge.status).toBe(400);
  });
});
