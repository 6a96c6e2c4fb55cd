/** Follow-ups end to end: events and mutations, business-hours due times, pauses, counts, alerts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { storeCases } from '../helpers/require.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';

const FIELDS = 'id kind status owner queue dueAt overdue dueSoon dueInSeconds paused metOnTime';
const WEEKDAYS_8_17 = ['MON', 'TUE', 'WED', 'THU', 'FRI'].map((day) => ({ day, open: '08:00', close: '17:00' }));

/** The latest Friday 16:30 UTC at least a week ago. */
function aFriday(): number {
  const d = new Date(Date.now() - 8 * 86_400_000);
  while (d.getUTCDay() !== 5) d.setUTCDate(d.getUTCDate() - 1);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 16, 30);
}

describe.each(storeCases())('follow-ups (%s store)', (_name, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ ...opts, config: { alertTickMs: 100 } });
  });
  afterAll(() => app.close());

  const list = async (t: string, extra = '') => (await app.graphql(`query($t: ID!) { followUps(tenant: $t${extra}) { totalCount nodes { ${FIELDS} } pageInfo { hasNextPage endCursor } } }`, { t })).data.followUps;

  it('counts 120 business minutes from Friday 16:30 on weekdays 08:00-17:00 to Monday 09:30', async () => {
    const t = uniqueTenant();
    const hours = await app.graphql(`mutation($t: ID!, $i: BusinessHoursInput!) { setBusinessHours(tenant: $t, input: $i) { timeZone weekly { day open close } } }`, {
      t,
      i: { timeZone: 'UTC', weekly: WEEKDAYS_8_17, holidays: [] },
    });
    expect(hours.data.setBusinessHours.weekly).toHaveLength(5);
    await app.graphql(`mutation($t: ID!) { setFollowUpPolicy(tenant: $t, input: { kind: CALLBACK, dueMinutes: 120, businessHours: true }) { kind dueMinutes } }`, { t });
    const friday = aFriday();
    const r = await app.postEvents([{ id: `fu-${t}`, type: 'followup.created', at: new Date(friday).toISOString(), tenant: t, followup: 'cb1', kind: 'callback', queue: 'billing', contact: 'c9', owner: 'ana' }]);
    expect(r.status).toBe(202);
    await app.settled();
    const [f] = (await list(t)).nodes;
    expect(f).toMatchObject({ id: 'cb1', kind: 'CALLBACK', status: 'OPEN', owner: 'ana', queue: 'billing', overdue: true, paused: false });
    expect(f.dueAt).toBe(new Date(friday + (3 * 24 - 7) * 3_600_000).toISOString()); // Monday 09:30
  });

  it('pauses while waiting on the customer, and tells whether it was done on time', async () => {
    const t = uniqueTenant();
    const created = await app.graphql(`mutation($i: FollowUpInput!) { createFollowUp(input: $i) { ${FIELDS} } }`, {
      i: { tenant: t, kind: 'PROMISE', queue: 'q', owner: 'li' },
    });
    const f = created.data.createFollowUp;
    expect(f).toMatchObject({ kind: 'PROMISE', status: 'OPEN', overdue: false, paused: false });
    const waiting = await app.graphql(`mutation($t: ID!, $id: ID!) { updateFollowUp(tenant: $t, id: $id, input: { status: WAITING_CUSTOMER, note: "sent the form" }) { status paused } }`, { t, id: f.id });
    expect(waiting.data.updateFollowUp).toEqual({ status: 'WAITING_CUSTOMER', paused: true });
    const done = await app.graphql(`mutation($t: ID!, $id: ID!) { updateFollowUp(tenant: $t, id: $id, input: { status: DONE }) { status metOnTime } }`, { t, id: f.id });
    expect(done.data.updateFollowUp).toEqual({ status: 'DONE', metOnTime: true });
    await app.settled();
    const summary = await app.graphql(`query($t: ID!) { followUpSummary(tenant: $t) { open dueSoon overdue metOnTimeRate } }`, { t });
    expect(summary.data.followUpSummary).toEqual({ open: 0, dueSoon: 0, overdue: 0, metOnTimeRate: 1 });
    const unknown = await app.graphql(`mutation($t: ID!) { updateFollowUp(tenant: $t, id: "nope", input: { status: DONE }) { id } }`, { t });
    expect(unknown.errors?.[0]?.message).toContain('no follow-up nope');
  });

  it('shows overdue follow-ups beside the queue and fires an OVERDUE_FOLLOWUPS alert', async () => {
    const t = uniqueTenant();
    await app.postEvents(lifecycle({ tenant: t, queue: 'q', contact: 'c', queuedAt: Date.now() - 5000 }));
    const past = new Date(Date.now() - 60_000).toISOString();
    for (const n of [1, 2]) await app.graphql(`mutation($i: FollowUpInput!) { createFollowUp(input: $i) { id } }`, { i: { tenant: t, kind: 'CALLBACK', queue: 'q', dueAt: past, id: `late${n}` } });
    await app.graphql(`mutation($i: FollowUpInput!) { createFollowUp(input: $i) { id } }`, { i: { tenant: t, kind: 'CALLBACK', queue: 'q', dueAt: new Date(Date.now() + 5 * 60_000).toISOString(), id: 'soon' } });
    await app.settled();
    // The rule after both are overdue: an alert's value is the metric when it fires.
    await app.graphql(`mutation($i: AlertRuleInput!) { upsertAlertRule(input: $i) { id } }`, { i: { tenant: t, queue: 'q', metric: 'OVERDUE_FOLLOWUPS', comparator: 'ABOVE', threshold: 0, forSeconds: 0 } });
    const q = await app.graphql(`query($t: ID) { queues(tenant: $t) { followUps { open dueSoon overdue } } }`, { t });
    expect(q.data.queues[0].followUps).toEqual({ open: 3, dueSoon: 1, overdue: 2 });
    const overdueOnly = await list(t, ', overdue: true, first: 1');
    expect(overdueOnly).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const page2 = (await app.graphql(`query($t: ID!, $a: String) { followUps(tenant: $t, overdue: true, first: 1, after: $a) { nodes { id } pageInfo { hasNextPage } } }`, { t, a: overdueOnly.pageInfo.endCursor })).data.followUps;
    expect(page2.pageInfo.hasNextPage).toBe(false);
    expect([overdueOnly.nodes[0].id, page2.nodes[0].id].sort()).toEqual(['late1', 'late2']);
    let fired: { value: number }[] = [];
    for (let i = 0; i < 50 && fired.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      fired = (await app.graphql(`query($t: ID) { alerts(tenant: $t, states: [FIRING]) { value rule { metric } } }`, { t })).data.alerts.filter((a: { rule: { metric: string } }) => a.rule.metric === 'OVERDUE_FOLLOWUPS');
    }
    expect(fired[0]?.value).toBe(2);
  });

  it('opens an escalation follow-up when a contact is escalated, and streams changes', async () => {
    const t = uniqueTenant();
    await app.postEvents(lifecycle({ tenant: t, queue: 'tier1', contact: 'x', queuedAt: Date.now() - 5000 }));
    await app.settled();
    const client = wsClient(app.url, app.token);
    const sub = collect<{ followUpChanged: { id: string; kind: string; queue: string } }>(client, `subscription($t: ID) { followUpChanged(tenant: $t) { id kind queue } }`, { t });
    await new Promise((r) => setTimeout(r, 100));
    await app.postEvents(lifecycle({ tenant: t, queue: 'tier1', contact: 'esc', queuedAt: Date.now() - 60_000, outcome: { kind: 'answered', after: 5, agent: 'a', talk: 30, transfer: { escalation: true } } }));
    const msg = await sub.until((m) => m.followUpChanged.kind === 'ESCALATION');
    expect(msg.followUpChanged).toEqual({ id: 'escalation:tier1:esc', kind: 'ESCALATION', queue: 'tier2' });
    sub.stop();
    await client.dispose();
  });

  it('refuses a bad calendar, naming the field', async () => {
    const t = uniqueTenant();
    const r = await app.graphql(`mutation($t: ID!, $i: BusinessHoursInput!) { setBusinessHours(tenant: $t, input: $i) { timeZone } }`, {
      t,
      i: { timeZone: 'UTC', weekly: [{ day: 'MON', open: '08:00', close: '12:00' }, { day: 'MON', open: '11:00', close: '14:00' }], holidays: ['2026-02-30'] },
    });
    expect(r.errors?.[0]?.message).toMatch(/input\.weekly\[1\]/);
  });
});
