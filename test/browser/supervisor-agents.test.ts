/**
 * The supervisor's Agents tab and the drill-down's agents, in real Chromium against the real
 * server (memory store): agent and contact events posted through the ingest API, then the table
 * checked against what the server reports, its filters, sort and count line, a state change
 * arriving live, the too-long flags in words, the queue links, and the drill-down's list.
 * Writes test/.artifacts/supervisor-agents.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlOk as gql, postAndSettle as post, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, chromiumAvailable, textOf, startBrowserApp } from '../helpers/browser.ts';
import { agentState, lifecycle } from '../helpers/events.ts';

const DESK = { width: 1600, height: 1000 };
const MIN = 60_000;

interface WireAgent {
  id: string;
  activity: string;
  reason: string | null;
  queues: string[];
  secondsInState: number | null;
}

const AGENTS = `query($t: ID!) { agents(tenant: $t) { id activity reason queues secondsInState } }`;
const serverAgents = async (app: TestApp, tenant: string) => (await gql<{ agents: WireAgent[] }>(app, AGENTS, { t: tenant })).agents;

const ROWS = '[data-testid="agent-list"] tbody tr.ag-row';
const rowOf = (tenant: string, id: string) => `${ROWS}[data-agent="${tenant}/${id}"]`;

/** `agent:activity` of each row, in the table's order. */
const rows = (page: Page, selector = ROWS) =>
  page.locator(selector).evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-agent')!.split('/')[1]}:${tr.getAttribute('data-activity')}`));

/** This page's live table may take a moment to render its first rows. */
const text = (page: Page, selector: string) => textOf(page, selector, 5000);

describe.skipIf(!chromiumAvailable())('the supervisor’s agents in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ({ app, browser } = await startBrowserApp());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /**
   * Seven agents: ana available 3 min, bo on a break 20 min (over its 15), cy at lunch 19 min
   * (under its hour), di on a call for 2 min, ed in wrap-up 7 min (over its 5), gus on two chats
   * of three for 1 min, fay signed out.
   */
  async function floor(tenant: string) {
    await gql(app, `mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "Acme Insurance", timeZone: "Europe/Madrid" }) { id } }`, { t: tenant });
    const now = Date.now();
    await post(app, [
      agentState(tenant, 'ana', now - 3 * MIN, 'available', { queues: ['billing', 'sales'] }),
      agentState(tenant, 'bo', now - 20 * MIN, 'away', { queues: ['billing'], reason: 'break' }),
      agentState(tenant, 'cy', now - 19 * MIN, 'away', { queues: ['sales'], reason: 'lunch' }),
      agentState(tenant, 'di', now - 30 * MIN, 'available', { queues: ['billing'] }),
      ...lifecycle({ tenant, queue: 'billing', contact: 'c-1', queuedAt: now - 2 * MIN - 5000, outcome: { kind: 'answered', after: 5, agent: 'di' } }),
      agentState(tenant, 'ed', now - 40 * MIN, 'available', { queues: ['claims'] }),
      ...lifecycle({ tenant, queue: 'claims', contact: 'c-2', queuedAt: now - 12 * MIN, outcome: { kind: 'answered', after: 10, agent: 'ed', talk: 5 * 60 - 10 } }),
      { ...agentState(tenant, 'gus', now - 30 * MIN, 'available', { queues: ['webchat'] }), capacity: { chat: 3 } },
      ...lifecycle({ tenant, queue: 'webchat', channel: 'chat', contact: 'c-3', queuedAt: now - MIN - 5000, outcome: { kind: 'answered', after: 5, agent: 'gus' } }),
      ...lifecycle({ tenant, queue: 'webchat', channel: 'chat', contact: 'c-4', queuedAt: now - MIN - 4000, outcome: { kind: 'answered', after: 5, agent: 'gus' } }),
      agentState(tenant, 'fay', now - 50 * MIN, 'available', { queues: ['billing'] }),
      agentState(tenant, 'fay', now - 45 * MIN, 'offline'),
    ]);
    for (const [q, name] of [['billing', 'Billing'], ['sales', 'Sales'], ['claims', 'Claims'], ['webchat', 'Web chat']] as const) {
      await gql(app, `mutation($t: ID!, $q: ID!, $n: String!) { setQueueSettings(tenant: $t, queue: $q, input: { name: $n }) { label } }`, { t: tenant, q, n: name });
    }
  }

  it('lists the tenant’s agents as the server has them, filters and sorts them, follows a change live and flags who is too long in a state', async () => {
    const tenant = uniqueTenant('acme');
    await floor(tenant);
    const server = await serverAgents(app, tenant);
    expect(server.map((a) => `${a.id}:${a.activity}`).sort()).toEqual(['ana:AVAILABLE', 'bo:AWAY', 'cy:AWAY', 'di:BUSY', 'ed:WRAPUP', 'fay:OFFLINE', 'gus:BUSY']);

    const page = await browser.newPage({ viewport: DESK, timezoneId: 'Europe/Madrid' });
    await page.goto(`${app.url}/supervisor/${tenant}?view=agents#token=${app.token}`);
    await expect.poll(() => page.locator(ROWS).count()).toBe(6);
    expect(await page.locator('[data-testid="tab-agents"]').getAttribute('aria-selected')).toBe('true');

    // Exactly the signed-in agents the server reports, in the same activities, longest in state first.
    const signedIn = server.filter((a) => a.activity !== 'OFFLINE').sort((a, b) => b.secondsInState! - a.secondsInState!);
    expect(await rows(page)).toEqual(signedIn.map((a) => `${a.id}:${a.activity.toLowerCase()}`));
    expect(await rows(page)).toEqual(['bo:away', 'cy:away', 'ed:wrapup', 'ana:available', 'di:busy', 'gus:busy']);

    // Each row: colour AND icon AND word, the reason, the time, the slots, the queues by name.
    const bo = rowOf(tenant, 'bo');
    expect(await text(page, `${bo} [data-testid="agent-state"]`)).toBe('‖ Away');
    expect(await text(page, `${bo} [data-testid="agent-reason"]`)).toBe('Break');
    expect(await text(page, `${bo} [data-metric="time-in-state"]`)).toMatch(/^(20|21):\d\d$/);
    expect(await text(page, `${bo} [data-testid="agent-queues"]`)).toBe('Billing');
    expect(await text(page, `${rowOf(tenant, 'ana')} [data-testid="agent-queues"]`)).toBe('Billing, Sales');
    expect(await text(page, `${rowOf(tenant, 'di')} [data-testid="agent-state"]`)).toBe('● Busy');
    expect(await text(page, `${rowOf(tenant, 'ed')} [data-testid="agent-state"]`)).toBe('◐ Wrap-up');
    expect(await text(page, `${rowOf(tenant, 'gus')} [data-metric="slots"]`)).toBe('2/3');
    expect(await text(page, `${rowOf(tenant, 'ana')} [data-testid="agent-reason"]`)).toBe('–');
    const colours = await page.locator(`${ROWS} .ag-state`).evaluateAll((els) => els.map((e) => getComputedStyle(e).color));
    expect(new Set(colours).size).toBe(4); // away, wrap-up, available, busy: four colours

    // Too long, in words: the break over 15 min and the wrap-up over 5 min; the 19-minute lunch is within its hour.
    expect(await text(page, `${bo} [data-testid="agent-over-limit"]`)).toBe('⚠ over 15 min');
    expect(await text(page, `${rowOf(tenant, 'ed')} [data-testid="agent-over-limit"]`)).toBe('⚠ over 5 min');
    expect(await page.locator(`${rowOf(tenant, 'cy')} [data-testid="agent-over-limit"]`).count()).toBe(0);
    expect(await page.locator(`${ROWS}[data-over="true"]`).count()).toBe(2);
    expect(await text(page, '[data-testid="agent-over-filter"]')).toBe('⚠ 2 over limit');
    expect(await text(page, '[data-testid="agent-limits"]')).toContain('Away over 15 min');

    // The count line, per activity (offline counted), which is also the activity filter.
    const counts = () =>
      page.locator('[data-testid="agent-activity-filter"] button').evaluateAll((bs) => bs.map((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim()));
    expect(await counts()).toEqual(['6 Signed in', '● 2 Busy', '◐ 1 Wrap-up', '○ 1 Available', '‖ 2 Away', '× 1 Offline']);
    expect(await text(page, '[data-testid="agent-away-reasons"]')).toBe('‖ Away: Break 1 · Lunch 1');

    // Time in state ticks locally.
    const before = await text(page, `${bo} [data-metric="time-in-state"]`);
    await expect.poll(() => text(page, `${bo} [data-metric="time-in-state"]`)).not.toBe(before);

    await page.screenshot({ path: new URL('supervisor-agents.png', ARTIFACTS).pathname });

    // Filters: away only, then offline (listed only on demand), by queue, over the limit only.
    await page.click('[data-testid="agent-activity-filter"] button[data-filter="away"]');
    await expect.poll(() => rows(page)).toEqual(['bo:away', 'cy:away']);
    expect(page.url()).toContain('activity=away');
    await page.click('[data-testid="agent-activity-filter"] button[data-filter="offline"]');
    await expect.poll(() => rows(page)).toEqual(['fay:offline']);
    await page.click('[data-testid="agent-activity-filter"] button[data-filter="signed-in"]');
    await page.selectOption('[data-testid="agent-queue-filter"]', 'billing');
    await expect.poll(() => rows(page)).toEqual(['bo:away', 'ana:available', 'di:busy']);
    expect(page.url()).toContain('queue=billing');
    // The counts follow the queue.
    expect(await counts()).toEqual(['3 Signed in', '● 1 Busy', '◐ 0 Wrap-up', '○ 1 Available', '‖ 1 Away', '× 1 Offline']);
    await page.selectOption('[data-testid="agent-queue-filter"]', '');
    await page.click('[data-testid="agent-over-filter"]');
    await expect.poll(() => rows(page)).toEqual(['bo:away', 'ed:wrapup']);
    await page.click('[data-testid="agent-clear-filters"]');
    await expect.poll(() => page.locator(ROWS).count()).toBe(6);

    // Sort by name, and back.
    await page.click('[data-testid="agent-sort"] button[data-sort="name"]');
    await expect.poll(() => rows(page)).toEqual(['ana:available', 'bo:away', 'cy:away', 'di:busy', 'ed:wrapup', 'gus:busy']);
    expect(page.url()).toContain('sort=name');
    await page.click('[data-testid="agent-sort"] button[data-sort="time"]');
    await expect.poll(() => rows(page)).toEqual(['bo:away', 'cy:away', 'ed:wrapup', 'ana:available', 'di:busy', 'gus:busy']);

    // A change posted to the server shows up without a reload: bo back from the break, ana off to one.
    const now = Date.now();
    await post(app, [agentState(tenant, 'bo', now, 'available'), agentState(tenant, 'ana', now, 'away', { reason: 'break' })]);
    await expect.poll(() => page.locator(bo).getAttribute('data-activity')).toBe('available');
    await expect.poll(() => text(page, `${rowOf(tenant, 'ana')} [data-testid="agent-state"]`)).toBe('‖ Away');
    expect(await text(page, `${rowOf(tenant, 'ana')} [data-testid="agent-reason"]`)).toBe('Break');
    expect(await text(page, `${rowOf(tenant, 'ana')} [data-metric="time-in-state"]`)).toMatch(/^00:0\d$/);
    expect(await page.locator(`${bo} [data-testid="agent-over-limit"]`).count()).toBe(0);
    await expect.poll(() => text(page, '[data-testid="agent-over-filter"]')).toBe('⚠ 1 over limit');
    // Fresh states go to the bottom of "longest in state"; the table still matches the server.
    const after = (await serverAgents(app, tenant)).filter((a) => a.activity !== 'OFFLINE');
    expect((await rows(page)).sort()).toEqual(after.map((a) => `${a.id}:${a.activity.toLowerCase()}`).sort());
    expect((await rows(page)).slice(0, 2)).toEqual(['cy:away', 'ed:wrapup']);

    // In Spanish: one agent's words, and the flag.
    await page.click('header button.lang');
    await expect.poll(() => text(page, `${rowOf(tenant, 'ed')} [data-testid="agent-state"]`)).toBe('◐ Cierre');
    expect(await text(page, `${rowOf(tenant, 'ed')} [data-testid="agent-over-limit"]`)).toBe('⚠ más de 5 min');
    expect(await text(page, `${rowOf(tenant, 'cy')} [data-testid="agent-reason"]`)).toBe('Comida');
    await page.click('header button.lang');

    // A queue name leads to its drill-down, which lists the queue's signed-in agents.
    await page.click(`${rowOf(tenant, 'di')} [data-testid="agent-queues"] a[data-queue="billing"]`);
    await page.waitForURL(`**/queue/${tenant}/billing`);
    const list = '[data-testid="queue-agent-list"] tbody tr.ag-row';
    await expect.poll(() => page.locator(list).count()).toBe(3);
    const billing = (await serverAgents(app, tenant)).filter((a) => a.queues.includes('billing') && a.activity !== 'OFFLINE');
    expect((await rows(page, list)).sort()).toEqual(billing.map((a) => `${a.id}:${a.activity.toLowerCase()}`).sort());
    expect(await rows(page, list)).toEqual(['di:busy', 'ana:away', 'bo:available']);
    // The same cells, compact: the reason stands for "away"; this queue first and not a link.
    const ana = `${list}[data-agent="${tenant}/ana"]`;
    expect(await text(page, `${ana} [data-testid="agent-state"]`)).toBe('‖ Break');
    expect(await text(page, `${ana} [data-testid="agent-queues"]`)).toBe('Billing, Sales');
    expect(await page.locator(`${ana} [data-testid="agent-queues"] a`).evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([`/queue/${tenant}/sales`]);
    expect(await page.locator('[data-testid="queue-agent-over"]').count()).toBe(0);
    await page.screenshot({ path: new URL('queue-detail-agents.png', ARTIFACTS).pathname });
    // Live here too.
    await post(app, [...lifecycle({ tenant, queue: 'billing', contact: 'c-9', queuedAt: Date.now() - 3000, outcome: { kind: 'answered', after: 2, agent: 'bo' } })]);
    await expect.poll(() => page.locator(`${list}[data-agent="${tenant}/bo"]`).getAttribute('data-activity')).toBe('busy');

    // Claims: its agent in a long wrap-up is flagged in words there too.
    await page.goto(`${app.url}/queue/${tenant}/claims`);
    await expect.poll(() => rows(page, list)).toEqual(['ed:wrapup']);
    expect(await text(page, `${list} [data-testid="agent-over-limit"]`)).toBe('⚠ over 5 min');
    expect(await text(page, '[data-testid="queue-agent-over"]')).toBe('⚠ 1 over limit');
    await page.close();
  });

  it('is there for a VIEWER, and asks which tenant when the address names none', async () => {
    const tenant = uniqueTenant('globex');
    await floor(tenant);
    const { createApiToken } = await gql(app, `mutation($t: String!) { createApiToken(input: { name: "desk", role: VIEWER, tenants: [$t] }) { token } }`, { t: tenant });
    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/supervisor/${tenant}?view=agents&activity=away#token=${createApiToken.token}`);
    await expect.poll(() => rows(page)).toEqual(['bo:away', 'cy:away']);
    await page.close();

    // An admin token sees every tenant: the tab asks for one, then shows it.
    const admin = await browser.newPage({ viewport: DESK });
    await admin.goto(`${app.url}/supervisor?view=agents#token=${app.token}`);
    await admin.locator(`[data-testid="agents-tenant-picker"] button[data-tenant="${tenant}"]`).click({ timeout: 8000 });
    await admin.waitForURL(`**/supervisor/${tenant}?view=agents`);
    await expect.poll(() => admin.locator(ROWS).count()).toBe(6);
    await admin.close();
  });
});
