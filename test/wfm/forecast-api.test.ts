/** The forecast API: history imported, a day-ahead forecast with agents, and asOf cutting history. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';

const DAY = 86_400_000;

/** Weekdays 09:00-17:00 UTC, a smooth intraday curve, exactly weekly. */
function historyCsv(fromDay: number, days: number, spike = 1): string {
  const rows = ['start,offered,answered,ahtSeconds'];
  for (let d = 0; d < days; d++) {
    const day = fromDay + d * DAY;
    const wd = new Date(day).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    for (let i = 0; i < 32; i++) {
      const start = day + 9 * 3_600_000 + i * 900_000;
      const offered = Math.round((20 + 10 * Math.sin((i / 32) * Math.PI)) * spike);
      rows.push(`${new Date(start).toISOString()},${offered},${offered},240`);
    }
  }
  return rows.join('\n');
}

describe('forecast over GraphQL', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(() => app.close());

  const today = Math.floor(Date.now() / DAY) * DAY;
  const importCsv = (t: string, csv: string) =>
    fetch(`${app.url}/api/import/intervals?tenant=${t}&queue=sales`, { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': 'text/csv' }, body: csv });
  const Q = `query($t: ID!, $from: DateTime!, $to: DateTime!, $asOf: DateTime, $s: ForecastStaffingInput) {
    forecast(tenant: $t, queue: "sales", from: $from, to: $to, step: MIN15, asOf: $asOf, staffing: $s) {
      method accuracy { mase wape origins } staffing { targetServiceLevel thresholdSeconds shrinkage }
      points { start contacts ahtSeconds requiredAgents scheduledAgents actualContacts } } }`;

  it('forecasts the next weekday from ten weeks of history, with the agents it needs', async () => {
    const t = uniqueTenant();
    expect((await importCsv(t, historyCsv(today - 70 * DAY, 70))).status).toBe(202);
    // The next weekday.
    let day = today + DAY;
    while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY;
    const r = await app.graphql(Q, { t, from: new Date(day).toISOString(), to: new Date(day + DAY).toISOString() });
    expect(r.errors).toBeUndefined();
    const f = r.data.forecast;
    expect(f.staffing).toEqual({ targetServiceLevel: 0.8, thresholdSeconds: 20, shrinkage: 0.3 });
    const open = f.points.filter((p: { contacts: number }) => p.contacts > 0);
    expect(open).toHaveLength(32);
    // An exactly weekly series is forecast (nearly) exactly.
    expect(open[16].contacts).toBeCloseTo(30, 0);
    expect(open[0].ahtSeconds).toBeCloseTo(240, 6);
    expect(open[16].requiredAgents).toBeGreaterThan(open[0].requiredAgents);
    expect(open[16].scheduledAgents).toBeGreaterThan(open[16].requiredAgents);
    expect(f.points.every((p: { actualContacts: number | null }) => p.actualContacts === null)).toBe(true);
    // An exactly weekly history leaves MASE undefined (its scale is zero); WAPE says how close.
    expect(f.accuracy.mase).toBeNull();
    expect(f.accuracy.wape).toBeLessThan(0.05);

    // What-if: a higher target needs more agents.
    const stricter = await app.graphql(Q, { t, from: new Date(day).toISOString(), to: new Date(day + DAY).toISOString(), s: { targetServiceLevel: 0.95, thresholdSeconds: 10 } });
    const peak = (x: { points: { requiredAgents: number }[] }) => Math.max(...x.points.map((p) => p.requiredAgents));
    expect(peak(stricter.data.forecast)).toBeGreaterThan(peak(f));
  });

  it('staffs chat by concurrency and e-mail as work inside its SLA window', async () => {
    const t = uniqueTenant();
    const rows = ['start,offered,answered,ahtSeconds'];
    for (let s = today - 56 * DAY; s < today; s += 900_000) rows.push(`${new Date(s).toISOString()},40,40,300`);
    for (const [queue, channel] of [['sales', 'voice'], ['chat', 'chat'], ['mail', 'email']] as const) {
      await fetch(`${app.url}/api/import/intervals?tenant=${t}&queue=${queue}`, { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': 'text/csv' }, body: rows.join('\n') });
      await app.graphql(`mutation($t: ID!, $q: ID!, $c: String!) { setQueueSettings(tenant: $t, queue: $q, input: { channel: $c }) { channel } }`, { t, q: queue, c: channel });
    }
    const day = today + DAY;
    const q = `query($t: ID!, $q: ID!, $from: DateTime!, $to: DateTime!, $s: ForecastStaffingInput) { forecast(tenant: $t, queue: $q, from: $from, to: $to, step: HOUR1, staffing: $s) { requirementModel points { requiredAgents } } }`;
    const vars = (queue: string, s?: object) => ({ t, q: queue, from: new Date(day).toISOString(), to: new Date(day + DAY).toISOString(), ...(s ? { s } : {}) });
    const peak = (r: { data?: { forecast: { points: { requiredAgents: number }[] } } }) => Math.max(...r.data!.forecast.points.map((p) => p.requiredAgents));
    const voice = await app.graphql(q, vars('sales'));
    const chat = await app.graphql(q, vars('chat'));
    const mail = await app.graphql(q, vars('mail'));
    expect([voice.data.forecast.requirementModel, chat.data.forecast.requirementModel, mail.data.forecast.requirementModel]).toEqual(['ERLANG', 'CHAT', 'WORK_IN_SLA_WINDOW']);
    // Two chats at a time need fewer agents than the same contacts on the phone.
    expect(peak(chat)).toBeLessThan(peak(voice));
    // E-mail: 160 items an hour of 300 s = 13.3 hours of work an hour, spread round the clock.
    expect(peak(mail)).toBeGreaterThanOrEqual(14);
    expect(peak(mail)).toBeLessThanOrEqual(22);
    const threeSlots = await app.graphql(q, vars('chat', { chatSlots: 3 }));
    expect(peak(threeSlots)).toBeLessThan(peak(chat));
  });

  it('uses only history before asOf', async () => {
    const t = uniqueTenant();
    await importCsv(t, historyCsv(today - 70 * DAY, 63));
    const asOf = today - 7 * DAY;
    let day = asOf;
    while ([0, 6].includes(new Date(day).getUTCDay())) day += DAY;
    const vars = { t, from: new Date(day).toISOString(), to: new Date(day + DAY).toISOString(), asOf: new Date(asOf).toISOString() };
    const before = (await app.graphql(Q, vars)).data.forecast.points.map((p: { contacts: number }) => p.contacts);
    // The week after asOf, at three times the volume: the forecast as of asOf does not see it.
    await importCsv(t, historyCsv(asOf, 7, 3));
    const after = await app.graphql(Q, vars);
    expect(after.data.forecast.points.map((p: { contacts: number }) => p.contacts)).toEqual(before);
    // But the actual contacts of those past intervals are there to compare with.
    expect(after.data.forecast.points.some((p: { actualContacts: number | null }) => (p.actualContacts ?? 0) > 0)).toBe(true);
  });

  it('tells staffed against required for the current interval (the staffing gap)', async () => {
    const t = uniqueTenant();
    // Round the clock, 40 contacts a quarter hour at 300 s: some 13 agents at any hour.
    const rows = ['start,offered,answered,ahtSeconds'];
    for (let s = today - 56 * DAY; s < today; s += 900_000) rows.push(`${new Date(s).toISOString()},40,40,300`);
    expect((await importCsv(t, rows.join('\n'))).status).toBe(202);
    await app.postEvents(['a1', 'a2', 'a3'].map((a, i) => ({ id: `${t}-${a}`, type: 'agent.state', at: new Date(Date.now() - 60_000).toISOString(), tenant: t, agent: a, state: i < 2 ? 'available' : 'away', queues: ['sales'] })));
    await app.settled();
    const r = await app.graphql(`query($t: ID!) { staffingNow(tenant: $t) { queue intervalStart requiredAgents scheduledAgents staffedAgents gap } }`, { t });
    expect(r.errors).toBeUndefined();
    const [s] = r.data.staffingNow;
    expect(s).toMatchObject({ queue: 'sales', staffedAgents: 2 });
    expect(s.requiredAgents).toBeGreaterThan(10);
    expect(s.gap).toBe(2 - s.requiredAgents);
    expect(Date.parse(s.intervalStart) % 900_000).toBe(0);
  });

  it('is for planners, supervisors and admins of the tenant', async () => {
    const t = uniqueTenant();
    const viewer = (await app.graphql(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`, { i: { name: 'v', role: 'VIEWER', tenants: [t] } })).data.createApiToken.token;
    const r = await app.graphql(Q, { t, from: new Date(today).toISOString(), to: new Date(today + DAY).toISOString() }, viewer);
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
