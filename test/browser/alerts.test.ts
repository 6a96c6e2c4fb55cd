/**
 * Alerts on screen, in real Chromium against the real server (memory store, alerts evaluated
 * every 100 ms): rules upserted over GraphQL, contacts posted through the ingest API, then the
 * wallboard's tiles and banner and the supervisor's acknowledge, rules and refusals.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, uniqueTenant, type TestApp, postAndSettle as post, graphqlOk as gql } from '../helpers/app.ts';
import { ARTIFACTS, chromiumAvailable, textOf, startBrowserApp } from '../helpers/browser.ts';
import { agentState, lifecycle, nextId } from '../helpers/events.ts';

const FULL_HD = { width: 1920, height: 1080 };
const DESK = { width: 1600, height: 1000 };
/** The floor's screens run on its own clock, so the header and the alert times agree. */
const MADRID = { timezoneId: 'Europe/Madrid' };



async function upsertRule(app: TestApp, input: Record<string, unknown>): Promise<string> {
  const data = await gql(app, `mutation($i: AlertRuleInput!) { upsertAlertRule(input: $i) { id } }`, { i: input });
  return data.upsertAlertRule.id;
}

/** The id of the alert of `rule` once it is in `state` on the server. */
async function alertOf(app: TestApp, tenant: string, rule: string, state: string): Promise<string> {
  return eventually(
    async () => {
      const data = await gql(app, `query($t: ID, $s: [AlertState!]) { alerts(tenant: $t, states: $s) { id rule { id } } }`, { t: tenant, s: [state] });
      return data.alerts.find((a: { rule: { id: string } | null }) => a.rule?.id === rule)?.id as string | undefined;
    },
    8000,
    `an alert of ${rule} in state ${state}`,
  );
}

async function waitForCount(page: Page, selector: string, n: number, what: string, timeoutMs = 8000) {
  await eventually(async () => (await page.locator(selector).count()) === n, timeoutMs, what);
}

/** How far the wall and the page scroll: 0 and 0 when everything fits the screen. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const wall = document.querySelector('.wall')!;
    return { wall: wall.scrollHeight - wall.clientHeight, page: document.documentElement.scrollHeight - window.innerHeight };
  });

describe.skipIf(!chromiumAvailable())('alerts in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ({ app, browser } = await startBrowserApp({ config: { alertTickMs: 100 } }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A floor of six queues, named, in Madrid time; the busy ones get rules that fire. */
  async function floor(tenant: string) {
    await gql(app, `mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "Acme Insurance", timeZone: "Europe/Madrid" }) { id } }`, { t: tenant });
    const now = Date.now();
    const queues = ['billing', 'claims', 'sales', 'support', 'renewals', 'roadside'];
    const names: Record<string, string> = { billing: 'Billing', claims: 'Claims', sales: 'Sales', support: 'Support', renewals: 'Renewals', roadside: 'Roadside' };
    await post(app, [
      ...queues.flatMap((q, i) => [
        agentState(tenant, `${q}-a`, now - 600_000, 'available', { queues: [q] }),
        agentState(tenant, `${q}-b`, now - 600_000, i % 2 ? 'away' : 'available', { queues: [q], reason: 'break' }),
        // A morning of quick answers: service level met, so no default rule fires.
        ...lifecycle({ tenant, queue: q, contact: `${q}-early-1`, queuedAt: now - 50 * 60_000, outcome: { kind: 'answered', after: 6, agent: `${q}-a`, talk: 120, wrap: 10 } }),
        ...lifecycle({ tenant, queue: q, contact: `${q}-early-2`, queuedAt: now - 40 * 60_000, outcome: { kind: 'answered', after: 9, agent: `${q}-a`, talk: 90, wrap: 10 } }),
      ]),
    ]);
    for (const q of queues) {
      await gql(app, `mutation($t: ID!, $q: ID!, $n: String!) { setQueueSettings(tenant: $t, queue: $q, input: { name: $n }) { label } }`, { t: tenant, q, n: names[q] });
    }
  }

  it('colours the tile and lists the alert, acknowledges it from /supervisor, and clears both when the queue recovers', async () => {
    const tenant = uniqueTenant('acme');
    await floor(tenant);
    const waiting = await upsertRule(app, { tenant, queue: 'billing', metric: 'WAITING', comparator: 'ABOVE', threshold: 0, forSeconds: 0, severity: 'CRITICAL' });
    const claimsWait = await upsertRule(app, { tenant, queue: 'claims', metric: 'LONGEST_WAIT', comparator: 'ABOVE', threshold: 30, forSeconds: 0, severity: 'CRITICAL' });
    const supportWait = await upsertRule(app, { tenant, queue: 'support', metric: 'LONGEST_WAIT', comparator: 'ABOVE', threshold: 20, forSeconds: 0, severity: 'WARNING' });
    await upsertRule(app, { tenant, metric: 'AGENTS_AVAILABLE', comparator: 'BELOW', threshold: 10, forSeconds: 0, severity: 'INFO' });
    const now = Date.now();
    // Claims and support first, billing after: alerts start when the server first sees the breach,
    // so claims' alert is the older of the two critical ones.
    await post(app, [
      { id: nextId(), type: 'contact.queued', at: new Date(now - 95_000).toISOString(), tenant, queue: 'claims', contact: 'k1', channel: 'voice' },
      { id: nextId(), type: 'contact.queued', at: new Date(now - 35_000).toISOString(), tenant, queue: 'support', contact: 's1', channel: 'voice' },
    ]);
    await alertOf(app, tenant, claimsWait, 'FIRING');
    await post(app, [{ id: nextId(), type: 'contact.queued', at: new Date(now - 4000).toISOString(), tenant, queue: 'billing', contact: 'b1', channel: 'voice' }]);
    const billingAlert = await alertOf(app, tenant, waiting, 'FIRING');

    const wall = await browser.newPage({ viewport: FULL_HD, ...MADRID });
    await wall.goto(`${app.url}/#token=${app.token}`);
    const tile = `[data-queue="${tenant}/billing"]`;
    const row = `[data-testid="alert-banner"] [data-alert-id="${billingAlert}"]`;

    // The tile wears the critical state, in words as well as colour.
    await waitForCount(wall, `${tile}[data-alert="critical"][data-alert-state="firing"]`, 1, 'billing tile critical');
    expect(await textOf(wall, `${tile} [data-testid="tile-alert"]`)).toBe('⚠ Critical Waiting above 0');
    // The banner lists it: severity, queue, metric in words, value, since when.
    await waitForCount(wall, row, 1, 'billing in the banner');
    expect(await wall.locator(row).getAttribute('data-state')).toBe('firing');
    expect(await textOf(wall, `${row} .ab-sev`)).toBe('⚠ Critical');
    expect(await textOf(wall, `${row} .ab-where`)).toBe('Billing');
    expect(await textOf(wall, `${row} .ab-what`)).toBe('Waiting above 0');
    expect(await textOf(wall, `${row} .ab-value`)).toBe('1');
    expect(await textOf(wall, `${row} .ab-since`)).toMatch(/^since \d\d:\d\d$/);
    // Other alerts: a second critical, a warning, and the tenant-wide one, in the banner only.
    await waitForCount(wall, '[data-testid="alert-banner"] .ab-row', 4, 'four alerts in the banner');
    expect(await textOf(wall, '[data-testid="alert-banner"] .ab-row[data-severity="info"] .ab-where')).toBe('All queues');
    expect(await wall.locator('.tile[data-alert="info"]').count()).toBe(0);
    // Most urgent first, then oldest: claims (critical, older) before billing (critical), then the rest.
    const order = await wall.locator('[data-testid="alert-banner"] .ab-where').allTextContents();
    expect(order).toEqual(['Claims', 'Billing', 'Support', 'All queues']);
    // The time since ticks on its own.
    const elapsed = await textOf(wall, `${row} .ab-elapsed`);
    await wall.waitForTimeout(1200);
    expect(await textOf(wall, `${row} .ab-elapsed`)).not.toBe(elapsed);
    // The banner takes its room from the tiles, which shrink: nothing scrolls, nothing is covered.
    expect(await overflow(wall)).toEqual({ wall: 0, page: 0 });
    expect(await textOf(wall, '[data-testid="header-nav"]')).toBe('Alerts · 4');

    // Acknowledge from the supervisor's desk, with a note, for an hour.
    const desk = await browser.newPage({ viewport: DESK, ...MADRID });
    await desk.goto(`${app.url}/wall/${tenant}#token=${app.token}`);
    await desk.click('[data-testid="header-nav"]');
    await desk.waitForURL(`**/supervisor/${tenant}`);
    const card = `.acard[data-alert-id="${billingAlert}"]`;
    await waitForCount(desk, card, 1, 'billing alert on the desk');
    expect(await textOf(desk, `${card} [data-testid="alert-state"]`)).toBe('Firing');
    await desk.fill(`${card} input[name="note"]`, 'calling in backup');
    await desk.click(`${card} button[data-until="1h"]`);
    const before = Date.now();
    await desk.click(`${card} [data-testid="acknowledge"]`);
    await eventually(async () => (await textOf(desk, `${card} [data-testid="alert-state"]`)) === 'Acknowledged', 5000, 'acknowledged on the desk');
    expect(await textOf(desk, `${card} [data-testid="alert-ack"]`)).toMatch(/^✓ admin at \d\d:\d\d · “calling in backup” · until .*\d\d:\d\d$/);
    const [acked] = (await gql(app, `query($t: ID) { alerts(tenant: $t, states: [ACKNOWLEDGED]) { id acknowledgedBy acknowledgementNote acknowledgedUntil } }`, { t: tenant })).alerts;
    expect(acked).toMatchObject({ id: billingAlert, acknowledgedBy: 'admin', acknowledgementNote: 'calling in backup' });
    const until = Date.parse(acked.acknowledgedUntil);
    expect(until).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
    expect(until).toBeLessThanOrEqual(Date.now() + 3_600_000 + 1000);

    // The wall, still open, follows: a calmer tile and the acknowledgement in the banner.
    await waitForCount(wall, `${row}[data-state="acknowledged"]`, 1, 'acknowledged in the banner');
    expect(await textOf(wall, `${row} .ab-ack`)).toMatch(/^✓ Acknowledged by admin · “calling in backup” · until \d\d:\d\d$/);
    await waitForCount(wall, `${tile}[data-alert-state="acknowledged"]`, 1, 'billing tile acknowledged');
    expect(await textOf(wall, `${tile} [data-testid="tile-alert"]`)).toBe('⚠ Critical ✓ admin · “calling in backup”');
    // Firing rows stay ahead of acknowledged ones.
    expect(await wall.locator('[data-testid="alert-banner"] .ab-where').allTextContents()).toEqual(['Claims', 'Support', 'All queues', 'Billing']);
    expect(await textOf(wall, '[data-testid="header-nav"]')).toBe('Alerts · 3');
    await wall.screenshot({ path: new URL('wallboard-alert.png', ARTIFACTS).pathname });

    // Billing's caller is answered: the rule clears, the banner entry goes, the tile is plain again.
    await post(app, [{ id: nextId(), type: 'contact.answered', at: new Date().toISOString(), tenant, queue: 'billing', contact: 'b1', agent: 'billing-a' }]);
    await waitForCount(wall, row, 0, 'billing gone from the banner');
    await waitForCount(wall, `${tile}[data-alert]`, 0, 'billing tile back to normal');
    expect(await textOf(wall, `${tile} [data-metric="formula"]`)).toMatch(/80\/20/);
    // …and on the desk it moves to the recently resolved, with who had acknowledged it.
    await waitForCount(desk, card, 0, 'billing off the current list');
    expect(await textOf(desk, `[data-testid="resolved"] tr[data-alert-id="${billingAlert}"] .cell-ack`)).toBe('✓ admin · “calling in backup”');

    // Switching support's rule off resolves its alert, on the desk and on the wall.
    const supportRule = `[data-testid="rules"] tr[data-rule-id="${supportWait}"] [data-testid="rule-toggle"]`;
    expect(await desk.locator(supportRule).getAttribute('aria-checked')).toBe('true');
    await desk.click(supportRule);
    await eventually(async () => (await desk.locator(supportRule).getAttribute('aria-checked')) === 'false', 5000, 'support rule off');
    const rules = (await gql(app, `query($t: ID!) { alertRules(tenant: $t) { id enabled threshold severity forSeconds } }`, { t: tenant })).alertRules;
    expect(rules.find((r: { id: string }) => r.id === supportWait)).toEqual({ id: supportWait, enabled: false, threshold: 20, severity: 'WARNING', forSeconds: 0 });
    expect(rules.find((r: { id: string }) => r.id === claimsWait)).toMatchObject({ enabled: true });
    await waitForCount(wall, '[data-testid="alert-banner"] .ab-row[data-severity="warning"]', 0, 'support gone from the banner');

    // Someone else acknowledges the tenant-wide alert through the API: the desk shows it live.
    const [info] = (await gql(app, `query($t: ID) { alerts(tenant: $t, states: [FIRING]) { id queue } }`, { t: tenant })).alerts.filter((a: { queue: string | null }) => a.queue === null);
    await gql(app, `mutation($id: ID!) { acknowledgeAlert(id: $id, note: "two agents back from lunch at 14:00") { state } }`, { id: info.id });
    await waitForCount(desk, `.acard[data-alert-id="${info.id}"][data-state="acknowledged"]`, 1, 'info acknowledged on the desk');
    await desk.screenshot({ path: new URL('supervisor.png', ARTIFACTS).pathname });
    await wall.close();
    await desk.close();
  });

  it('shows a VIEWER the alerts but its acknowledge and rule switch come back refused, in words', async () => {
    const tenant = uniqueTenant('acme');
    await floor(tenant);
    const rule = await upsertRule(app, { tenant, queue: 'sales', metric: 'WAITING', comparator: 'ABOVE', threshold: 0, forSeconds: 0, severity: 'CRITICAL' });
    await post(app, lifecycle({ tenant, queue: 'sales', contact: 'v1', queuedAt: Date.now() - 2000 }));
    const id = await alertOf(app, tenant, rule, 'FIRING');
    const { createApiToken } = await gql(app, `mutation($t: String!) { createApiToken(input: { name: "lobby screen", role: VIEWER, tenants: [$t] }) { token } }`, { t: tenant });

    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/supervisor/${tenant}#token=${createApiToken.token}`);
    const card = `.acard[data-alert-id="${id}"]`;
    await waitForCount(page, card, 1, 'the alert, seen by the viewer');
    expect(await textOf(page, `${card} .acard-what`)).toBe('Waiting above 0');
    await page.fill(`${card} input[name="note"]`, 'on it');
    await page.click(`${card} [data-testid="acknowledge"]`);
    await page.locator(`${card} [data-testid="acknowledge-error"]`).waitFor({ timeout: 5000 });
    expect(await textOf(page, `${card} [data-testid="acknowledge-error"]`)).toMatch(
      /^⚠ Your token may not acknowledge alerts \(server: not allowed to acknowledge alerts of tenant "acme-[0-9a-f]+"\)$/,
    );
    expect(await textOf(page, `${card} [data-testid="alert-state"]`)).toBe('Firing');

    const toggle = `[data-testid="rules"] tr[data-rule-id="${rule}"] [data-testid="rule-toggle"]`;
    await page.click(toggle);
    await page.locator('[data-testid="rule-error"]').waitFor({ timeout: 5000 });
    expect(await textOf(page, '[data-testid="rule-error"]')).toMatch(/^⚠ Your token may not change alert rules \(server: not allowed to/);
    expect(await page.locator(toggle).getAttribute('aria-checked')).toBe('true');

    // The server agrees: still firing, rule still on, and the viewer still signed in.
    expect((await gql(app, `query($t: ID) { alerts(tenant: $t, states: [FIRING]) { id } }`, { t: tenant })).alerts).toEqual([{ id }]);
    expect(await page.evaluate(() => localStorage.getItem('floorboard.token'))).toBe(createApiToken.token);
    await page.close();
  });

  it('keeps the banner to four lines with "+N more", and twelve tiles still fit a 1080p wall', async () => {
    const tenant = uniqueTenant('big');
    const names = ['billing', 'support', 'sales', 'retention', 'claims', 'premium', 'onboarding', 'returns', 'fraud', 'collections', 'general', 'partners'];
    const now = Date.now();
    await post(app, names.flatMap((queue, i) => [
      agentState(tenant, `ag-${i}`, now - 120_000, 'available', { queues: [queue] }),
      ...lifecycle({ tenant, queue, contact: `early-${i}`, queuedAt: now - 50 * 60_000, outcome: { kind: 'answered', after: 5, agent: `ag-${i}`, talk: 60, wrap: 5 } }),
    ]));
    const busy = names.slice(0, 7);
    for (const queue of busy) {
      await upsertRule(app, { tenant, queue, metric: 'WAITING', comparator: 'ABOVE', threshold: 0, forSeconds: 0, severity: queue === 'claims' ? 'CRITICAL' : 'WARNING' });
    }
    await post(app, busy.map((queue, i) => ({ id: nextId(), type: 'contact.queued', at: new Date(now - i * 1000).toISOString(), tenant, queue, contact: `k${i}`, channel: 'voice' })));

    const page = await browser.newPage({ viewport: FULL_HD });
    await page.goto(`${app.url}/wall/${tenant}#token=${app.token}`);
    await waitForCount(page, '.tile', names.length, 'twelve tiles');
    await waitForCount(page, '.tile[data-alert-state="firing"]', busy.length, 'seven tiles alerting');
    await waitForCount(page, '[data-testid="alert-banner"] .ab-row', 3, 'three rows');
    expect(await textOf(page, '[data-testid="alert-banner-more"]')).toBe('+4 more alerts · 4 firing');
    // The critical one leads, whatever its age.
    expect(await textOf(page, '[data-testid="alert-banner"] .ab-row .ab-where')).toBe('claims');
    await page.screenshot({ path: new URL('wallboard-alert-12.png', ARTIFACTS).pathname });
    expect(await overflow(page)).toEqual({ wall: 0, page: 0 });
    await page.close();
  });
});
