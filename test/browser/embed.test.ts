/**
 * A client's embedded dashboard in real Chromium against the real server: the tenant's queues
 * in the client's theme, live, with no admin controls and nothing of another tenant; framed by
 * an allowed origin and refused by any other; gone the moment its token is revoked. Writes the
 * README's screenshot (docs/screenshots/embed.png).
 */
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, graphqlOk, postAndSettle, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, chromiumAvailable, startBrowserApp } from '../helpers/browser.ts';
import { agentState, lifecycle } from '../helpers/events.ts';

const DOCS_SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);
const VIEWPORT = { width: 1280, height: 860 };
const LOGO_URL = 'https://brand.acme.example/logo.svg';
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="32" viewBox="0 0 120 32"><rect width="32" height="32" rx="7" fill="#fff"/><path d="M8 24 16 8l8 16z" fill="#0b5394"/><text x="40" y="23" font-family="Arial" font-weight="700" font-size="18" fill="#fff">ACME</text></svg>`;

const CREATE = 'mutation($i: CreateEmbedTokenInput!) { createEmbedToken(input: $i) { id token url } }';

/** A client portal on another origin, framing the embed. */
async function startPortal(embedUrl: () => string): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><meta charset="utf-8"><title>Client portal</title><h1>Acme Bank · service desk</h1>
      <iframe id="fb" src="${embedUrl()}" width="1200" height="760" style="border:0"></iframe>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port };
}

async function embedCount(page: Page): Promise<number> {
  let n = 0;
  for (const f of page.frames()) n += await f.locator('[data-testid="embed"]').count().catch(() => 0);
  return n;
}

describe.skipIf(!chromiumAvailable())('client embed in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let portal: { server: Server; port: number };
  let portalTarget = '';
  const acme = 'acme-embed';
  const rival = 'rival-embed';

  beforeAll(async () => {
    ({ app, browser } = await startBrowserApp());
    context = await browser.newContext({ viewport: VIEWPORT });
    // No network here: the client's logo host answers from the test.
    await context.route(LOGO_URL, (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: LOGO_SVG }));
    portal = await startPortal(() => portalTarget);
    // Names, zone and allowed origins first: "today" is the tenant's day from the first event on.
    await graphqlOk(app, `mutation { a: setTenantSettings(tenant: "${acme}", input: { name: "Acme Bank", timeZone: "Europe/Madrid", embedOrigins: ["http://127.0.0.1:${portal.port}"] }) { id }
      b: setTenantSettings(tenant: "${rival}", input: { name: "Rival Corp" }) { id }
      c: setQueueSettings(tenant: "${acme}", queue: "cards", input: { name: "Cards" }) { name }
      d: setQueueSettings(tenant: "${acme}", queue: "loans", input: { name: "Loans" }) { name }
      e: setQueueSettings(tenant: "${rival}", queue: "secret-q", input: { name: "Rival Secret Queue" }) { name } }`);

    const now = Date.now();
    const events = [
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((a, i) => agentState(acme, a, now - 3 * 3_600_000, i < 4 ? 'available' : 'away', { queues: i % 2 ? ['cards', 'loans'] : ['cards'], ...(i === 4 ? { reason: 'lunch' } : {}) })),
      agentState(rival, 'r1', now - 3_600_000, 'available', { queues: ['secret-q'] }),
    ];
    // Three hours of contacts, so the chart has bars and the totals have a day behind them.
    for (let k = 0; k < 36; k++) {
      const at = now - 3 * 3_600_000 + k * 5 * 60_000;
      events.push(...lifecycle({ tenant: acme, queue: 'cards', contact: `c${k}`, queuedAt: at, outcome: k % 6 === 5 ? { kind: 'abandoned', after: 40 } : { kind: 'answered', after: 8 + (k % 4) * 9, agent: 'a1', talk: 120, wrap: 20 } }));
      if (k % 2 === 0) events.push(...lifecycle({ tenant: acme, queue: 'loans', contact: `l${k}`, queuedAt: at + 60_000, outcome: { kind: 'answered', after: 15, agent: 'a2', talk: 200 } }));
    }
    events.push(...lifecycle({ tenant: acme, queue: 'cards', contact: 'now-1', queuedAt: now - 25_000 }));
    events.push(...lifecycle({ tenant: rival, queue: 'secret-q', contact: 'r-now', queuedAt: now - 10_000 }));
    await postAndSettle(app, events);
  });

  afterAll(async () => {
    await new Promise((r) => portal?.server.close(r));
    await browser?.close();
    await app?.close();
  });

  it("shows the tenant's queues in its theme, live, with no admin controls and nothing of another tenant", async () => {
    const { createEmbedToken: e } = await graphqlOk(app, CREATE, {
      i: {
        tenant: acme,
        name: 'Acme portal',
        views: ['TOTALS', 'QUEUES', 'CHART'],
        theme: { logoUrl: LOGO_URL, primary: '#0b5394', background: '#f4f7fb', text: '#14202b' },
      },
    });
    expect(e.url).toBe(`${app.url}/embed/${acme}#token=${e.token}`);
    const page = await context.newPage();
    await page.goto(e.url);

    await page.locator('[data-queue="acme-embed/cards"] [data-metric="waiting"]').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    await page.locator('[data-queue="acme-embed/loans"]').waitFor();
    await page.locator('[data-testid="embed-chart"] canvas').first().waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="embed-totals"] [data-metric="answered"]').filter({ hasText: /^\d+$/ }).waitFor();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();

    // The client's name, logo and colours.
    expect(await page.locator('[data-testid="embed-title"]').textContent()).toBe('Acme Bank');
    expect(await page.locator('[data-testid="embed-logo"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const colours = await page.evaluate(() => ({
      body: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.querySelector('.tile-name')!).color,
      header: getComputedStyle(document.querySelector('.embed-top')!).backgroundColor,
    }));
    expect(colours).toEqual({ body: 'rgb(244, 247, 251)', text: 'rgb(20, 32, 43)', header: 'rgb(11, 83, 148)' });

    // Nothing to click, type or follow; no way to the console.
    const controls = await page.evaluate(() => ({
      links: document.querySelectorAll('a[href]').length,
      buttons: document.querySelectorAll('button, input, select, textarea, form').length,
    }));
    expect(controls).toEqual({ links: 0, buttons: 0 });
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).not.toMatch(/Rival|secret|Planner|Supervisor|token/i);
    expect(await page.locator('[data-queue^="rival-embed/"]').count()).toBe(0);

    // The token left the address bar and was never stored as a console session.
    expect(page.url()).toBe(`${app.url}/embed/${acme}`);
    expect(await page.evaluate(() => localStorage.getItem('floorboard.token'))).toBeNull();

    // Live, without a reload.
    await postAndSettle(app, lifecycle({ tenant: acme, queue: 'cards', contact: 'now-2', queuedAt: Date.now() - 3000 }));
    await page.locator('[data-queue="acme-embed/cards"] [data-metric="waiting"]').filter({ hasText: '2' }).waitFor();
    await page.locator('[data-testid="embed-totals"] [data-metric="waiting"]').filter({ hasText: '2' }).waitFor();

    mkdirSync(DOCS_SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL('embed.png', ARTIFACTS).pathname });
    await page.screenshot({ path: new URL('embed.png', DOCS_SCREENSHOTS).pathname });
    await page.close();
  });

  it("a narrowed token shows only its queues; another tenant's page, a console token or no token shows nothing", async () => {
    const { createEmbedToken: e } = await graphqlOk(app, CREATE, { i: { tenant: acme, queues: ['loans'], views: ['QUEUES'] } });
    const page = await context.newPage();
    await page.goto(`${app.url}/embed/${acme}?lang=es#token=${e.token}`);
    await page.locator('[data-queue="acme-embed/loans"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-queue="acme-embed/cards"]').count()).toBe(0);
    expect(await page.locator('[data-testid="embed-totals"], [data-testid="embed-chart"]').count()).toBe(0);
    expect(await page.locator('[data-queue="acme-embed/loans"] .label').first().textContent()).toBe('En espera');

    // Acme's token on Rival's page: refused before anything is fetched of either.
    await page.goto(`${app.url}/embed/${rival}?lang=es#token=${e.token}`);
    await page.locator('[data-testid="embed-message"][data-state="problem"]').waitFor();
    expect(await page.locator('[data-testid="embed-message"]').textContent()).toBe('Este enlace al panel pertenece a otra cuenta.');
    expect(await page.locator('.tile').count()).toBe(0);

    // The admin's token is no embed token: an embed page shows nothing with it, and asks for nothing.
    await page.goto(`${app.url}/embed/${acme}?lang=en#token=${app.token}`);
    await page.locator('[data-testid="embed-message"][data-state="problem"]').waitFor();
    expect(await page.locator('[data-testid="embed-message"]').textContent()).toBe('This address shows client dashboards, and this link is not one.');
    expect(await page.locator('.tile, input, form').count()).toBe(0);

    const fresh = await context.newPage();
    await fresh.goto(`${app.url}/embed/${acme}`);
    await fresh.locator('[data-testid="embed-message"][data-state="problem"]').waitFor();
    expect(await fresh.locator('[data-testid="embed-message"]').textContent()).toMatch(/no access key/);
    expect(await fresh.locator('input, form').count()).toBe(0);
    await Promise.all([page.close(), fresh.close()]);
  });

  it('is framed by an allowed origin only, and a revoked token empties the frame at once', async () => {
    const { createEmbedToken: e } = await graphqlOk(app, CREATE, { i: { tenant: acme, views: ['QUEUES'] } });
    portalTarget = e.url;
    const page = await context.newPage();

    // Another origin (localhost is not 127.0.0.1) may not frame it: Chromium blocks the frame.
    await page.goto(`http://localhost:${portal.port}/`);
    await page.locator('iframe#fb').waitFor();
    await eventually(async () => page.frames().some((f) => f.url().startsWith('chrome-error:')), 10_000, 'Chromium to block the frame');
    expect(await embedCount(page)).toBe(0);

    await page.goto(`http://127.0.0.1:${portal.port}/`);
    const frame = page.frameLocator('iframe#fb');
    await frame.locator('[data-queue="acme-embed/cards"]').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: new URL('embed-in-portal.png', ARTIFACTS).pathname });

    await graphqlOk(app, 'mutation($t: String!) { revokeEmbedToken(token: $t) }', { t: e.id });
    await frame.locator('[data-testid="embed-message"][data-state="problem"]').waitFor({ timeout: 10_000 });
    expect(await frame.locator('[data-testid="embed-message"]').textContent()).toMatch(/no longer valid/);
    expect(await frame.locator('.tile').count()).toBe(0);
    // Nor does a reload bring it back: the token is refused and forgotten.
    await page.reload();
    await frame.locator('[data-testid="embed-message"][data-state="problem"]').waitFor({ timeout: 10_000 });
    await eventually(async () => (await frame.locator('.tile').count()) === 0, 2000, 'no tiles after reload');
    await page.close();
  });
});
