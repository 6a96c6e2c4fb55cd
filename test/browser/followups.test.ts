/**
 * Follow-ups on screen, in real Chromium against the real server (memory store): follow-ups
 * posted through the ingest API, then their counts on the wall's tiles and header, and the
 * supervisor's list: order, filters, countdowns, assign, status changes, a new one, paging,
 * what a VIEWER token sees, and the tenant picker.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, uniqueTenant, type TestApp, postAndSettle as post, graphqlOk as gql } from '../helpers/app.ts';
import { ARTIFACTS, chromiumAvailable, textOf, startBrowserApp } from '../helpers/browser.ts';
import { agentState, lifecycle, nextId } from '../helpers/events.ts';

const FULL_HD = { width: 1920, height: 1080 };
const DESK = { width: 1600, height: 1000 };
const MADRID = { timezoneId: 'Europe/Madrid' };
const MIN = 60_000;



async function waitForText(page: Page, selector: string, want: string | RegExp, timeoutMs = 8000): Promise<string> {
  let last = '';
  await eventually(
    async () => {
      last = await textOf(page, selector).catch(() => '');
      return typeof want === 'string' ? last === want : want.test(last);
    },
    timeoutMs,
    `"${selector}" to read ${String(want)} (last: ${JSON.stringify(last)})`,
  );
  return last;
}

async function waitForCount(page: Page, selector: string, n: number, what: string, timeoutMs = 8000) {
  await eventually(async () => (await page.locator(selector).count()) === n, timeoutMs, what);
}

const overflow = (page: Page) =>
  page.evaluate(() => {
    const wall = document.querySelector('.wall')!;
    return { wall: wall.scrollHeight - wall.clientHeight, page: document.documentElement.scrollHeight - window.innerHeight };
  });

/** A follow-up owed, as the ingest API takes it. */
function followUp(tenant: string, id: string, over: { queue?: string; contact?: string; owner?: string; dueInMs?: number; kind?: string; note?: string; createdAgoMs?: number }) {
  const now = Date.now();
  return {
    id: nextId('fu'),
    type: 'followup.created',
    at: new Date(now - (over.createdAgoMs ?? 30 * MIN)).toISOString(),
    tenant,
    followup: id,
    kind: over.kind ?? 'callback',
    ...(over.queue ? { queue: over.queue } : {}),
    ...(over.contact ? { contact: over.contact } : {}),
    ...(over.owner ? { owner: over.owner } : {}),
    ...(over.note ? { note: over.note } : {}),
    ...(over.dueInMs !== undefined ? { dueAt: new Date(now + over.dueInMs).toISOString() } : {}),
  };
}

const FOLLOW_UP = `query($t: ID!, $s: [FollowUpStatus!]) { followUps(tenant: $t, status: $s, first: 500) { nodes { id status owner paused overdue note } } }`;

async function serverFollowUp(app: TestApp, tenant: string, id: string) {
  const all = ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'DONE', 'CANCELLED'];
  const { followUps } = await gql(app, FOLLOW_UP, { t: tenant, s: all });
  return followUps.nodes.find((n: { id: string }) => n.id === id);
}

describe.skipIf(!chromiumAvailable())('follow-ups in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ({ app, browser } = await startBrowserApp({ config: { alertTickMs: 100 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** Twelve named queues in Madrid time, each with an agent and a quiet morning; `billing` with a caller waiting. */
  async function floor(tenant: string) {
    await gql(app, `mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "Acme Insurance", timeZone: "Europe/Madrid" }) { id } }`, { t: tenant });
    const now = Date.now();
    const queues = ['billing', 'claims', 'sales', 'support', 'renewals', 'roadside', 'fraud', 'premium', 'onboarding', 'returns', 'general', 'partners'];
    await post(app, [
      ...queues.flatMap((q, i) => [
        agentState(tenant, `${q}-a`, now - 20 * MIN, 'available', { queues: [q] }),
        agentState(tenant, `${q}-b`, now - 20 * MIN, i % 3 ? 'available' : 'away', { queues: [q], reason: 'break' }),
        ...lifecycle({ tenant, queue: q, contact: `${q}-early`, queuedAt: now - 50 * MIN, outcome: { kind: 'answered', after: 6 + i, agent: `${q}-a`, talk: 120, wrap: 10 } }),
      ]),
      ...lifecycle({ tenant, queue: 'billing', contact: 'caller-1', queuedAt: now - 12_000 }),
    ]);
    for (const q of queues) {
      await gql(app, `mutation($t: ID!, $q: ID!, $n: String!) { setQueueSettings(tenant: $t, queue: $q, input: { name: $n }) { label } }`, {
        t: tenant,
        q,
        n: q[0]!.toUpperCase() + q.slice(1),
      });
    }
  }

  it('counts follow-ups on the tiles, lists them most urgent first, and assigns, closes and pauses them from the desk', async () => {
    const tenant = uniqueTenant('acme');
    await floor(tenant);
    await post(app, [
      // Billing: one overdue, one due in 5 minutes.
      followUp(tenant, 'cb-late', { queue: 'billing', contact: 'c-1042', dueInMs: -12 * MIN, note: 'Refund not received, promised a call' }),
      followUp(tenant, 'cb-soon', { queue: 'billing', contact: 'c-2077', owner: 'marta', dueInMs: 5 * MIN }),
      // Elsewhere: claims two overdue, sales due soon and later, support later.
      followUp(tenant, 'esc-claims-1', { queue: 'claims', kind: 'escalation', contact: 'c-3310', owner: 'luis', dueInMs: -70 * MIN, note: 'Customer asked for a manager' }),
      followUp(tenant, 'cb-claims-2', { queue: 'claims', contact: 'c-3311', dueInMs: -3 * MIN }),
      followUp(tenant, 'cb-claims-3', { queue: 'claims', contact: 'c-3312', dueInMs: 95 * MIN }),
      followUp(tenant, 'pr-sales-1', { queue: 'sales', kind: 'promise', contact: 'c-4400', owner: 'ana', dueInMs: 11 * MIN, note: 'Send the quote by e-mail' }),
      followUp(tenant, 'cb-sales-2', { queue: 'sales', contact: 'c-4401', dueInMs: 3 * 60 * MIN }),
      followUp(tenant, 'cb-support-1', { queue: 'support', contact: 'c-5120', owner: 'marta', dueInMs: 26 * 60 * MIN }),
    ]);

    // ----- the wall -----
    const wall = await browser.newPage({ viewport: FULL_HD, ...MADRID });
    await wall.goto(`${app.url}/wall/${tenant}#token=${app.token}`);
    await waitForCount(wall, '.tile', 12, 'twelve tiles');
    const billing = `[data-queue="${tenant}/billing"]`;
    await waitForText(wall, `${billing} [data-testid="tile-followups"]`, '1 overdue · 1 due soon · 2 open');
    expect(await wall.locator(`${billing} [data-testid="tile-followups"]`).getAttribute('data-worst')).toBe('overdue');
    expect(await textOf(wall, `[data-queue="${tenant}/claims"] [data-testid="tile-followups"]`)).toBe('2 overdue · 3 open');
    expect(await textOf(wall, `[data-queue="${tenant}/sales"] [data-testid="tile-followups"]`)).toBe('1 due soon · 2 open');
    expect(await textOf(wall, `[data-queue="${tenant}/support"] [data-testid="tile-followups"]`)).toBe('1 open');
    // A queue with none says nothing about follow-ups; its formula line is whole.
    expect(await wall.locator(`[data-queue="${tenant}/renewals"] [data-testid="tile-followups"]`).count()).toBe(0);
    expect(await textOf(wall, `[data-queue="${tenant}/renewals"] [data-metric="formula"]`)).toMatch(/80\/20/);
    // The overdue part is on red, and in words.
    const overdueBg = await wall.locator(`${billing} .tile-fu-part[data-part="overdue"]`).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(overdueBg).toBe('rgb(255, 92, 92)');
    // The tenant's total in the header, leading to the overdue ones.
    expect(await textOf(wall, '[data-testid="header-followups"]')).toBe('Follow-ups · 3 overdue');
    // Same height as a tile without follow-ups, and twelve still fit the screen.
    const heights = await wall.locator('.tile').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().height)));
    expect(new Set(heights).size).toBe(1);
    expect(await overflow(wall)).toEqual({ wall: 0, page: 0 });
    await wall.screenshot({ path: new URL('wallboard-followups.png', ARTIFACTS).pathname });

    // ----- the desk, from the wall's header -----
    const desk = await browser.newPage({ viewport: DESK, ...MADRID });
    await desk.goto(`${app.url}/wall/${tenant}#token=${app.token}`);
    await desk.locator('[data-testid="header-followups"]').click({ timeout: 8000 });
    await desk.waitForURL(`**/supervisor/${tenant}?view=followups&overdue=1`);
    const list = '[data-testid="followup-list"] tbody tr.fu-row';
    await waitForCount(desk, list, 3, 'the three overdue ones');
    expect(await desk.locator('[data-testid="followup-overdue-filter"]').getAttribute('aria-pressed')).toBe('true');
    // Most overdue first.
    expect(await desk.locator(list).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-followup-id')))).toEqual(['esc-claims-1', 'cb-late', 'cb-claims-2']);
    expect(await textOf(desk, '[data-testid="tab-followups"] .tab-count')).toBe('3');

    // All open, then billing only.
    await desk.click('[data-testid="followup-overdue-filter"]');
    await waitForCount(desk, list, 8, 'all eight open');
    await desk.selectOption('[data-testid="followup-queue-filter"]', 'billing');
    await waitForCount(desk, list, 2, 'billing: two');
    expect(desk.url()).toContain('queue=billing');
    const late = `${list}[data-followup-id="cb-late"]`;
    const soon = `${list}[data-followup-id="cb-soon"]`;
    expect(await desk.locator(list).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-followup-id')))).toEqual(['cb-late', 'cb-soon']);
    expect(await textOf(desk, `${late} [data-testid="followup-countdown"]`)).toMatch(/^overdue by 1[12] min$/);
    expect(await desk.locator(late).getAttribute('data-tone')).toBe('overdue');
    expect(await textOf(desk, `${soon} [data-testid="followup-countdown"]`)).toMatch(/^due in [45] min$/);
    expect(await desk.locator(soon).getAttribute('data-tone')).toBe('soon');
    // The due time on the tenant's clock: Madrid.
    const dueAt = Date.now() + 5 * MIN;
    const madrid = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
    expect([`due ${madrid(dueAt - MIN)}`, `due ${madrid(dueAt)}`]).toContain(await textOf(desk, `${soon} [data-testid="followup-due"]`));
    expect(await textOf(desk, `${late} .fu-contact`)).toBe('c-1042');
    expect(await textOf(desk, `${late} .fu-kind`)).toBe('Callback');
    expect(await textOf(desk, `${late} [data-testid="followup-owner"]`)).toMatch(/^Unassigned/);

    // Assign the overdue one to Ana.
    await desk.click(`${late} [data-testid="followup-assign"]`);
    await desk.fill(`${late} input[name="owner"]`, 'ana');
    await desk.click(`${late} [data-testid="followup-save-owner"]`);
    await waitForText(desk, `${late} .fu-owner-name`, 'ana');
    expect(await serverFollowUp(app, tenant, 'cb-late')).toMatchObject({ owner: 'ana', status: 'OPEN' });
    await waitForText(desk, '[data-testid="followup-flash"]', '✓ Callback · Billing · c-1042 assigned to ana');

    // Done: it leaves the list of open ones, the server has it, and the wall follows.
    await desk.click(`${late} [data-testid="followup-done"]`);
    await waitForCount(desk, late, 0, 'cb-late gone from the open list');
    expect(await serverFollowUp(app, tenant, 'cb-late')).toMatchObject({ status: 'DONE', owner: 'ana' });
    await waitForText(wall, `${billing} [data-testid="tile-followups"]`, '1 due soon · 1 open');
    await waitForText(wall, '[data-testid="header-followups"]', 'Follow-ups · 2 overdue');
    await waitForText(desk, '[data-testid="followup-counts"] [data-state="overdue"]', '2 overdue');

    // Waiting on the customer: a fixed due time does not pause, and the row says so.
    await desk.click(`${soon} [data-testid="followup-waiting"]`);
    await waitForText(desk, `${soon} [data-testid="followup-status"]`, 'Waiting on customer');
    expect(await desk.locator(`${soon}`).getAttribute('data-paused')).toBe('false');
    expect(await textOf(desk, `${soon} [data-testid="followup-countdown"]`)).toMatch(/^due in [345] min$/);
    expect(await serverFollowUp(app, tenant, 'cb-soon')).toMatchObject({ status: 'WAITING_CUSTOMER', paused: false });

    // A new one from the form, due by the client's policy (a callback: 4 hours)…
    await desk.click('[data-testid="followup-new-toggle"]');
    // The list's queue is the likely one.
    expect(await desk.locator('[data-testid="followup-new"] select[name="queue"]').inputValue()).toBe('billing');
    await desk.click('[data-testid="followup-new"] button[data-kind="callback"]');
    await desk.selectOption('[data-testid="followup-new"] select[name="queue"]', 'billing');
    await desk.fill('[data-testid="followup-new"] input[name="contact"]', 'c-7788');
    await desk.fill('[data-testid="followup-new"] input[name="note"]', 'Wants the new policy documents explained');
    await desk.click('[data-testid="followup-create"]');
    await waitForCount(desk, list, 2, 'the new one listed');
    const created = desk.locator(list).filter({ hasText: 'c-7788' });
    expect(await created.locator('[data-testid="followup-countdown"]').textContent()).toMatch(/^due in (4 h|3 h 59 min)$/);
    const createdId = (await created.getAttribute('data-followup-id'))!;
    // …whose clock does pause while waiting on the customer.
    await created.locator('[data-testid="followup-waiting"]').click();
    await eventually(async () => (await created.getAttribute('data-paused')) === 'true', 5000, 'new one paused');
    expect(await created.locator('[data-testid="followup-countdown"]').textContent()).toBe('paused: waiting on customer');
    expect(await created.locator('[data-testid="followup-due"]').textContent()).toMatch(/^(4 h|3 h 59 min) left on the clock$/);
    expect(await created.getAttribute('data-tone')).toBe('paused');
    expect(await serverFollowUp(app, tenant, createdId)).toMatchObject({ status: 'WAITING_CUSTOMER', paused: true, note: 'Wants the new policy documents explained' });
    await waitForText(wall, `${billing} [data-testid="tile-followups"]`, '1 due soon · 2 open');

    // Live: a follow-up made elsewhere appears without a reload, one closed elsewhere goes.
    await desk.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
    await post(app, [followUp(tenant, 'cb-live', { queue: 'billing', contact: 'c-9001', dueInMs: 40 * MIN, createdAgoMs: 1000 })]);
    await waitForCount(desk, `${list}[data-followup-id="cb-live"]`, 1, 'pushed follow-up listed');
    await gql(app, `mutation($t: ID!) { updateFollowUp(tenant: $t, id: "cb-live", input: { status: CANCELLED }) { id } }`, { t: tenant });
    await waitForCount(desk, `${list}[data-followup-id="cb-live"]`, 0, 'cancelled elsewhere, gone');
    expect(await desk.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);

    // The whole tenant for the picture: every queue, most urgent first, one in progress, one being assigned.
    await desk.selectOption('[data-testid="followup-queue-filter"]', '');
    await waitForCount(desk, list, 8, 'all open again');
    await desk.click(`${list}[data-followup-id="cb-claims-3"] [data-testid="followup-start"]`);
    await waitForText(desk, `${list}[data-followup-id="cb-claims-3"] [data-testid="followup-status"]`, 'In progress');
    // In progress: no "Start" any more, its slot kept empty so the buttons still line up.
    expect(await desk.locator(`${list}[data-followup-id="cb-claims-3"] [data-testid="followup-start"]`).count()).toBe(0);
    expect(await desk.locator(`${list}[data-followup-id="cb-claims-3"] .fu-action-ghost`).count()).toBe(1);
    // Waiting on the customer: back to work reads "Resume".
    expect(await textOf(desk, `${list}[data-followup-id="cb-soon"] [data-testid="followup-start"] .fu-label-stack > span:first-child`)).toBe('Resume');
    await desk.click(`${list}[data-followup-id="cb-claims-2"] [data-testid="followup-assign"]`);
    await desk.fill(`${list}[data-followup-id="cb-claims-2"] input[name="owner"]`, 'jordi');
    await desk.mouse.move(0, 0);
    await desk.screenshot({ path: new URL('supervisor-followups.png', ARTIFACTS).pathname });

    // Closed ones are a filter away, with whether they were on time.
    await desk.click('[data-testid="followup-status-filter"] button[data-filter="DONE"]');
    await waitForCount(desk, list, 1, 'the one done');
    expect(await textOf(desk, `${late} [data-testid="followup-countdown"]`)).toBe('Done');
    expect(await textOf(desk, `${late} [data-testid="followup-due"]`)).toBe('done late');
    expect(await desk.locator(`${late} [data-testid="followup-reopen"]`).count()).toBe(1);
    await wall.close();
    await desk.close();
  });

  it('shows a VIEWER the list without write controls, and shows the refusal if the buttons were offered anyway', async () => {
    const tenant = uniqueTenant('acme');
    await post(app, [
      ...lifecycle({ tenant, queue: 'billing', contact: 'caller-1', queuedAt: Date.now() - 5000 }),
      followUp(tenant, 'cb-late', { queue: 'billing', contact: 'c-1', dueInMs: -5 * MIN }),
      followUp(tenant, 'cb-soon', { queue: 'billing', contact: 'c-2', dueInMs: 5 * MIN }),
    ]);
    const { createApiToken } = await gql(app, `mutation($t: String!) { createApiToken(input: { name: "lobby screen", role: VIEWER, tenants: [$t] }) { token } }`, { t: tenant });
    const viewer = createApiToken.token as string;

    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/supervisor/${tenant}?view=followups#token=${viewer}`);
    const list = '[data-testid="followup-list"] tbody tr.fu-row';
    await waitForCount(page, list, 2, 'both, seen by the viewer');
    await page.locator('[data-testid="followup-readonly"]').waitFor({ timeout: 5000 });
    expect(await textOf(page, '[data-testid="followup-readonly"]')).toBe('View only: this token may not change follow-ups.');
    for (const control of ['followup-assign', 'followup-start', 'followup-waiting', 'followup-done', 'followup-cancel', 'followup-new-toggle', 'followup-new']) {
      expect(await page.locator(`[data-testid="${control}"]`).count(), control).toBe(0);
    }
    expect(await page.locator('.fu-actions-head').count()).toBe(0);
    await page.close();

    // A server that said nothing about the role (`me` failing): the buttons show, and the
    // server's refusal lands on the row, in words; the token stays signed in.
    const blind = await browser.newPage({ viewport: DESK });
    await blind.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('query Me')) return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ errors: [{ message: 'me is unavailable' }] }) });
      return route.fallback();
    });
    await blind.goto(`${app.url}/supervisor/${tenant}?view=followups#token=${viewer}`);
    const late = `${list}[data-followup-id="cb-late"]`;
    await waitForCount(blind, `${late} [data-testid="followup-done"]`, 1, 'the done button, offered');
    await blind.click(`${late} [data-testid="followup-done"]`);
    await waitForText(blind, '[data-testid="followup-error"]', /^⚠ Your token may not change follow-ups \(server: not allowed to .*\)$/);
    expect(await serverFollowUp(app, tenant, 'cb-late')).toMatchObject({ status: 'OPEN' });
    expect(await blind.evaluate(() => localStorage.getItem('floorboard.token'))).toBe(viewer);
    await blind.close();
  });

  it('pages with "Load more", and asks which client when the token sees several', async () => {
    const tenant = uniqueTenant('bulk');
    await post(app, Array.from({ length: 57 }, (_, i) => followUp(tenant, `fu-${String(i).padStart(2, '0')}`, { queue: 'q', contact: `c-${i}`, dueInMs: (i + 1) * 10 * MIN })));
    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/supervisor/${tenant}?view=followups#token=${app.token}`);
    const list = '[data-testid="followup-list"] tbody tr.fu-row';
    await waitForCount(page, list, 50, 'the first page');
    expect(await textOf(page, '[data-testid="followup-count"]')).toBe('50 of 57');
    expect(await textOf(page, '[data-testid="followup-load-more"]')).toBe('Load 7 more');
    await page.click('[data-testid="followup-load-more"]');
    await waitForCount(page, list, 57, 'all of them');
    expect(await page.locator('[data-testid="followup-load-more"]').count()).toBe(0);
    const ids = await page.locator(list).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-followup-id')));
    expect(ids).toEqual(Array.from({ length: 57 }, (_, i) => `fu-${String(i).padStart(2, '0')}`));

    // /supervisor with no client: this admin token sees several, so it is asked which.
    await page.goto(`${app.url}/supervisor?view=followups`);
    await page.locator('[data-testid="followup-tenant-picker"]').waitFor({ timeout: 5000 });
    await page.click(`[data-testid="followup-tenant-picker"] button[data-tenant="${tenant}"]`);
    await page.waitForURL(`**/supervisor/${tenant}?view=followups`);
    await waitForCount(page, list, 50, 'the picked client\'s follow-ups');
    await page.close();
  });
});
