/**
 * The supervisor's Embeds tab in real Chromium against the real server (memory store): a
 * supervisor makes a client dashboard link in the form, reads it from the iframe snippet shown
 * once, and the link opens the tenant's queues in the client's colours; revoking it in the list
 * ends that open dashboard. A bad frame origin gets the server's own error inline and saves
 * nothing. VIEWER and PLANNER tokens never see the tab. The demo's embed link opens a dashboard.
 * Writes test/.artifacts/embeds-admin.png.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyScenarioSettings, createDemoEmbed } from '../../server/demo.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { withoutFieldPath } from '../../web/src/lib/embeds-admin.ts';
import { graphqlOk, postAndSettle, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, chromiumAvailable, squash, startBrowserApp } from '../helpers/browser.ts';
import { agentState, lifecycle } from '../helpers/events.ts';

const DESK = { width: 1600, height: 1100 };
const DAY_MS = 86_400_000;

const LIST = `query($t: ID!) { embedTokens(tenant: $t) { id name queues views createdAt createdBy expiresAt expired theme { logoUrl primary background text } } }`;
const ORIGINS = `query { tenants { id embedOrigins } }`;
const SET_ORIGINS = `mutation($t: ID!, $o: [String!]!) { setTenantSettings(tenant: $t, input: { embedOrigins: $o }) { embedOrigins } }`;


async function apiToken(app: TestApp, role: string, tenant: string): Promise<string> {
  const r = await graphqlOk(app, 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', { i: { name: `${role.toLowerCase()} of ${tenant}`, role, tenants: [tenant] } });
  return r.createApiToken.token;
}

async function originsOf(app: TestApp, tenant: string): Promise<string[]> {
  const { tenants } = await graphqlOk(app, ORIGINS);
  return tenants.find((x: { id: string }) => x.id === tenant).embedOrigins;
}

describe.skipIf(!chromiumAvailable())('client embeds in the supervisor view', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  const tenant = uniqueTenant('emb-admin');
  let supervisor = '';

  beforeAll(async () => {
    ({ app, browser } = await startBrowserApp());
    context = await browser.newContext({ viewport: DESK, permissions: ['clipboard-read', 'clipboard-write'] });
    await graphqlOk(app, `mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "Acme Bank", timeZone: "Europe/Madrid" }) { id } }`, { t: tenant });
    const now = Date.now();
    await postAndSettle(app, [
      agentState(tenant, 'a1', now - 3_600_000, 'available', { queues: ['cards', 'loans'] }),
      ...lifecycle({ tenant, queue: 'cards', contact: 'c1', queuedAt: now - 600_000, outcome: { kind: 'answered', after: 12, agent: 'a1', talk: 90 } }),
      ...lifecycle({ tenant, queue: 'cards', contact: 'c2', queuedAt: now - 20_000 }),
      ...lifecycle({ tenant, queue: 'loans', contact: 'l1', queuedAt: now - 15_000 }),
    ]);
    for (const [q, name] of [
      ['cards', 'Cards'],
      ['loans', 'Loans'],
    ]) {
      await graphqlOk(app, `mutation($t: ID!, $q: ID!, $n: String!) { setQueueSettings(tenant: $t, queue: $q, input: { name: $n }) { label } }`, { t: tenant, q, n: name });
    }
    supervisor = await apiToken(app, 'SUPERVISOR', tenant);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function openTab(token: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${app.url}/supervisor/${tenant}?view=embeds#token=${token}`);
    return page;
  }

  it('a supervisor creates a link in the form; the snippet opens the dashboard; revoking it in the list ends it', async () => {
    const page = await openTab(supervisor);
    await page.locator('[data-testid="embed-form"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="tab-embeds"]').getAttribute('aria-selected')).toBe('true');
    // The tenant's queues to tick; none ticked means every queue.
    expect(await page.locator('[data-testid="embed-queues"] .em-check').allTextContents()).toEqual(['Cards', 'Loans']);
    expect(await page.locator('[data-testid="embed-list"] .table-empty').textContent()).toBe('No dashboard links yet.');

    await page.fill('input[name="name"]', 'Acme portal');
    // A logo that is not https is named beside its field, and nothing can be sent.
    await page.fill('input[name="logoUrl"]', 'http://brand.acme.example/logo.svg');
    await page.locator('[data-testid="embed-logo-invalid"]').waitFor();
    expect(await page.locator('[data-testid="embed-create"]').isDisabled()).toBe(true);
    await page.fill('input[name="logoUrl"]', '');
    // The client's colours, typed as a brand book gives them; the swatch takes them at once.
    await page.check('input[name="customColours"]');
    await page.fill('input[name="primary"]', '#0B5394');
    await page.fill('input[name="background"]', '#f4f7fb');
    await page.fill('input[name="text"]', '#14202b');
    const swatch = await page.locator('[data-testid="embed-preview"]').evaluate((el) => ({
      top: getComputedStyle(el.querySelector('.em-preview-top')!).backgroundColor,
      body: getComputedStyle(el).backgroundColor,
      text: getComputedStyle(el).color,
    }));
    expect(swatch).toEqual({ top: 'rgb(11, 83, 148)', body: 'rgb(244, 247, 251)', text: 'rgb(20, 32, 43)' });
    await page.click('[data-testid="embed-views"] input[value="CHART"]');
    await page.click('[data-testid="embed-validity"] button[data-validity="90"]');
    await page.screenshot({ path: new URL('embeds-admin-form.png', ARTIFACTS).pathname, fullPage: true });
    await page.click('[data-testid="embed-create"]');

    // Shown once: the link, the snippet, the warning that the secret is shown only now.
    await page.locator('[data-testid="embed-created"]').waitFor({ timeout: 10_000 });
    expect(squash(await page.locator('[data-testid="embed-once-note"]').textContent())).toMatch(/shown only this once/);
    expect(await page.locator('[data-testid="embed-no-origins"]').count()).toBe(1);
    const snippet = await page.locator('[data-testid="embed-snippet"]').inputValue();
    const src = await page.evaluate((html) => new DOMParser().parseFromString(html, 'text/html').querySelector('iframe')!.getAttribute('src')!, snippet);
    expect(src).toMatch(new RegExp(`^${app.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/embed/${tenant}#token=[^&"]+$`));
    expect(await page.locator('[data-testid="embed-url"]').inputValue()).toBe(src);
    expect(await page.locator('[data-testid="embed-preview-link"]').getAttribute('href')).toBe(src);
    await page.click('[data-testid="embed-snippet-copy"]');
    await page.locator('[data-testid="embed-snippet-copied"]').filter({ hasText: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);

    // The server holds what the form said: all queues, three views, the colours, 90 days.
    const [stored] = (await graphqlOk(app, LIST, { t: tenant })).embedTokens;
    expect(stored).toMatchObject({ name: 'Acme portal', queues: null, views: ['QUEUES', 'TOTALS', 'CHART'], expired: false, createdBy: `supervisor of ${tenant}` });
    expect(stored.theme).toEqual({ logoUrl: null, primary: '#0b5394', background: '#f4f7fb', text: '#14202b' });
    expect(Date.parse(stored.expiresAt) - Date.parse(stored.createdAt)).toBe(90 * DAY_MS);
    const row = page.locator(`[data-testid="embed-row"][data-id="${stored.id}"]`);
    await row.waitFor();
    expect(squash(await row.locator('th').textContent())).toBe('Acme portal');
    expect(await row.locator('[data-col="queues"]').textContent()).toBe('All queues');
    expect(await row.locator('[data-col="views"]').textContent()).toBe('A tile per queue · All queues today · Today by 15 minutes');
    expect(await row.locator('[data-col="status"]').textContent()).toBe('Active');
    await page.screenshot({ path: new URL('embeds-admin.png', ARTIFACTS).pathname, fullPage: true });

    // The snippet's address is the client's dashboard: the tenant's queues, in its colours.
    const client = await context.newPage();
    await client.goto(src);
    await client.locator(`[data-queue="${tenant}/cards"] [data-metric="waiting"]`).filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    await client.locator(`[data-queue="${tenant}/loans"]`).waitFor();
    expect(await client.locator('[data-testid="embed-title"]').textContent()).toBe('Acme Bank');
    expect(await client.evaluate(() => getComputedStyle(document.querySelector('.embed-top')!).backgroundColor)).toBe('rgb(11, 83, 148)');
    await client.locator('[data-testid="connection"][data-state="live"]').waitFor();

    // "Done" forgets the secret: it is nowhere on the page any more.
    const secret = decodeURIComponent(src.split('#token=')[1]!);
    await page.click('[data-testid="embed-done"]');
    await page.locator('[data-testid="embed-form"]').waitFor();
    expect(await page.locator('[data-testid="embed-created"]').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    // Revoke, confirmed: the row goes, and the open dashboard loses access at once.
    await row.locator('[data-testid="embed-revoke"]').click();
    expect(squash(await row.locator('.em-confirm > span').textContent())).toBe('Revoke “Acme portal”? Its dashboard stops at once, wherever it is open.');
    await row.locator('[data-testid="embed-revoke-confirm"]').click();
    await page.locator('[data-testid="embed-revoked"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="embed-revoked"]').textContent()).toBe('“Acme portal” revoked: its dashboard no longer opens.');
    await expect.poll(() => row.count()).toBe(0);
    expect((await graphqlOk(app, LIST, { t: tenant })).embedTokens).toEqual([]);
    await client.locator('[data-testid="embed-message"][data-state="problem"]').waitFor({ timeout: 10_000 });
    expect(await client.locator('[data-testid="embed-message"]').textContent()).toMatch(/no longer valid/);
    expect(await client.locator('.tile').count()).toBe(0);
    await Promise.all([client.close(), page.close()]);
  });

  it("a bad origin gets the server's error inline and saves nothing; good ones are saved as the server keeps them", async () => {
    const page = await openTab(supervisor);
    const box = page.locator('[data-testid="embed-origins"] textarea');
    await box.waitFor({ timeout: 10_000 });
    const bad = ['https://portal.acme.example', 'ftp://files.acme.example'];
    await box.fill(bad.join('\n'));
    await page.click('[data-testid="embed-origins-save"]');
    const shown = page.locator('[data-testid="embed-origins-error"]');
    await shown.waitFor({ timeout: 10_000 });
    // Exactly what the server says to the same request (less the field path in front).
    const server = await app.graphql(SET_ORIGINS, { t: tenant, o: bad }, supervisor);
    expect(server.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const said = withoutFieldPath(server.errors![0]!.message);
    expect(said).toContain('"ftp://files.acme.example" is not an origin');
    expect(await shown.textContent()).toBe(`⚠ Not saved: ${said}`);
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await originsOf(app, tenant)).toEqual([]);

    await box.fill('https://Portal.Acme.example/\nhttp://localhost:3000');
    await page.click('[data-testid="embed-origins-save"]');
    await page.locator('[data-testid="embed-origins-saved"]').filter({ hasText: 'Saved: 2 sites.' }).waitFor({ timeout: 10_000 });
    expect(await shown.count()).toBe(0);
    expect(await box.inputValue()).toBe('https://portal.acme.example\nhttp://localhost:3000');
    expect(await originsOf(app, tenant)).toEqual(['https://portal.acme.example', 'http://localhost:3000']);
    // And a reload shows them as saved.
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="embed-origins"] textarea').inputValue()).toBe('https://portal.acme.example\nhttp://localhost:3000');
    await page.close();
  });

  it('VIEWER and PLANNER tokens do not get the tab, even asked for by URL', async () => {
    for (const role of ['VIEWER', 'PLANNER']) {
      const token = await apiToken(app, role, tenant);
      const page = await openTab(token);
      // Once the page knows the role, ?view=embeds falls back to the alerts.
      await page.locator('.sup-grid:not([hidden])').waitFor({ timeout: 10_000 });
      await page.locator('[data-testid="tab-outlook"]').waitFor();
      expect(await page.locator('[data-testid="tab-embeds"]').count(), role).toBe(0);
      expect(await page.locator('[data-testid="embeds"], [data-testid="embed-form"]').count(), role).toBe(0);
      // The server agrees.
      const r = await app.graphql(LIST, { t: tenant }, token);
      expect(r.errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      await page.close();
    }
  });

  it("the demo's embed link, made through the token service at start, opens a client's dashboard", async () => {
    await applyScenarioSettings(app.server.store, bpo);
    const demo = bpo.tenants[0]!;
    const { url, id } = await createDemoEmbed(app.server.services, app.token, app.url, demo.id);
    expect(url).toMatch(new RegExp(`/embed/${demo.id}#token=`));
    const [listed] = (await graphqlOk(app, LIST, { t: demo.id })).embedTokens;
    expect(listed).toMatchObject({ id, queues: null, createdBy: 'admin', expired: false });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-testid="embed"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="embed-title"]').textContent()).toBe(demo.name);
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 10_000 });
    await page.close();
  });
});
