/**
 * The wallboard in real Chromium against the real server (memory store): the built app from
 * dist/web, data over HTTP and graphql-ws, events posted through the public ingest API.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startApp, type TestApp, postAndSettle as post } from '../helpers/app.ts';
import { ARTIFACTS, chromiumAvailable, startBrowserApp } from '../helpers/browser.ts';

const FULL_HD = { width: 1920, height: 1080 };

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

function text(page: Page, selector: string): Promise<string | null> {
  return page.locator(selector).first().textContent({ timeout: 1000 });
}

/** Waits until the element's text equals `want`, and says what it was instead when it never does. */
async function waitForText(page: Page, selector: string, want: string, timeoutMs = 5000): Promise<void> {
  let last: string | null = null;
  await eventually(
    async () => {
      last = (await text(page, selector))?.trim() ?? null;
      return last === want;
    },
    timeoutMs,
    `"${selector}" to read "${want}" (last: ${JSON.stringify(last)})`,
  );
}


describe.skipIf(!chromiumAvailable())('wallboard in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    ({ app, browser } = await startBrowserApp());
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a queue, updates it live without reload, ticks the longest wait, and drops the token from the URL', async () => {
    await post(app, [
      { id: 'a7-on', type: 'agent.state', at: iso(60_000), tenant: 'acme', agent: 'a7', state: 'available', queues: ['billing-en'] },
      { id: 'a8-on', type: 'agent.state', at: iso(60_000), tenant: 'acme', agent: 'a8', state: 'available', queues: ['billing-en'] },
      { id: 'a9-away', type: 'agent.state', at: iso(60_000), tenant: 'acme', agent: 'a9', state: 'away', reason: 'break', queues: ['billing-en'] },
      { id: 'c1-q', type: 'contact.queued', at: iso(5000), tenant: 'acme', contact: 'c1', queue: 'billing-en', channel: 'voice', language: 'en' },
    ]);

    const page = await browser.newPage({ viewport: FULL_HD });
    await page.goto(`${app.url}/#token=${app.token}`);
    const tile = '[data-queue="acme/billing-en"]';

    await waitForText(page, `${tile} [data-metric="waiting"]`, '1');
    expect(page.url()).not.toContain('token');
    expect(await page.evaluate(() => window.location.hash)).toBe('');
    expect(await page.evaluate(() => localStorage.getItem('floorboard.token'))).toBe(app.token);

    expect(await text(page, `${tile} .tile-name`)).toBe('billing-en'); // no configured name: the id
    expect(await text(page, `${tile} .tile-tags`)).toMatch(/voice · EN/i);
    expect(await text(page, `${tile} [data-metric="agents-available"]`)).toBe('2');
    expect(await text(page, `${tile} [data-metric="agents-away"]`)).toBe('1');
    expect(await text(page, `${tile} [data-metric="agents-busy"]`)).toBe('0');
    expect(await text(page, `${tile} [data-metric="formula"]`)).toMatch(/80\/20/);
    await waitForText(page, '[data-testid="connection"]', '● Live');

    // The longest wait ticks locally between server updates (nothing is posted meanwhile).
    const before = await text(page, `${tile} [data-metric="longest-wait"]`);
    expect(before).toMatch(/^00:0\d$/);
    await page.waitForTimeout(2200);
    const after = await text(page, `${tile} [data-metric="longest-wait"]`);
    expect(after).not.toBe(before);
    expect(after! > before!).toBe(true);

    await page.screenshot({ path: new URL('wallboard.png', ARTIFACTS).pathname });

    // Live: a marker on window survives only if the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await post(app, [
      { id: 'c1-a', type: 'contact.answered', at: iso(0), tenant: 'acme', contact: 'c1', queue: 'billing-en', agent: 'a7' },
    ]);
    await waitForText(page, `${tile} [data-metric="waiting"]`, '0');
    await waitForText(page, `${tile} [data-metric="answered"]`, '1');
    await waitForText(page, `${tile} [data-metric="longest-wait"]`, '00:00');
    expect(await text(page, `${tile} [data-metric="agents-busy"]`)).toBe('1');
    expect(await text(page, `${tile} [data-metric="agents-available"]`)).toBe('1');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await page.close();
  });

  it('fits twelve queues of one tenant on a 1080p screen, with threshold colours spelled out', async () => {
    const tenant = 'bigco';
    const names = ['billing', 'support', 'sales', 'retention', 'claims', 'premium', 'onboarding', 'returns', 'fraud', 'collections', 'general', 'partners'];
    // Waits of 0-55 s against the voice threshold of 20 s: some fine, some amber, some red.
    await post(
      app,
      names.flatMap((queue, i) => [
        { id: `${queue}-ag`, type: 'agent.state', at: iso(120_000), tenant, agent: `ag-${i}`, state: 'available', queues: [queue] },
        { id: `${queue}-q`, type: 'contact.queued', at: iso(i * 5000), tenant, contact: `k${i}`, queue, channel: 'voice', language: i % 2 ? 'es' : 'en' },
      ]),
    );

    const page = await browser.newPage({ viewport: FULL_HD });
    await page.goto(`${app.url}/wall/${tenant}#token=${app.token}`);
    await eventually(async () => (await page.locator('.tile').count()) === names.length, 5000, 'twelve tiles');

    // /wall/:tenant shows that tenant only: the acme queue of the first test is not here.
    expect(await page.locator('[data-queue^="acme/"]').count()).toBe(0);
    expect(await text(page, '[data-testid="scope"]')).toBe(tenant);

    const fraud = '[data-queue="bigco/fraud"]'; // waited 40 s+ (i = 8): over 2 × 20 s
    const retention = '[data-queue="bigco/retention"]'; // waited 15 s+ (i = 3), ticking past 20 s soon
    await eventually(async () => (await page.locator(`${fraud}[data-level="alert"]`).count()) === 1, 5000, 'fraud tile red');
    expect(await text(page, `${fraud} .label-row .flag`)).toBe('⚠ over 40 s');
    expect(await page.locator(`[data-queue="bigco/billing"]`).getAttribute('data-level')).not.toBe('alert');
    await eventually(async () => (await page.locator(`${retention}[data-level="warn"]`).count()) === 1, 8000, 'retention tile amber');
    expect(await text(page, `${retention} .label-row .flag`)).toBe('▲ over 20 s');

    const overflow = await page.evaluate(() => {
      const wall = document.querySelector('.wall')!;
      return { wall: wall.scrollHeight - wall.clientHeight, page: document.documentElement.scrollHeight - window.innerHeight };
    });
    expect(overflow).toEqual({ wall: 0, page: 0 });
    await page.screenshot({ path: new URL('wallboard-12.png', ARTIFACTS).pathname });
    await page.close();
  });

  it('switches to Spanish and keeps the choice across reloads', async () => {
    const page = await browser.newPage({ viewport: FULL_HD });
    await page.goto(`${app.url}/wall/acme#token=${app.token}`);
    const waitingLabel = '[data-queue="acme/billing-en"] .metric .label';
    await waitForText(page, waitingLabel, 'Waiting');
    await page.click('button.lang');
    await waitForText(page, waitingLabel, 'En espera');
    await page.reload();
    await waitForText(page, waitingLabel, 'En espera');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await page.close();
  });

  it('says "reconnecting" when the server goes away and shows the stale banner after 30 s', async () => {
    // An app of its own: this test stops it.
    const lone = await startApp();
    try {
      await post(lone, [
        { id: 'q1', type: 'contact.queued', at: iso(1000), tenant: 'acme', contact: 'c1', queue: 'billing-en', channel: 'voice' },
      ]);
      const page = await browser.newPage({ viewport: FULL_HD });
      // A fake clock, so 30 s of silence take no 30 s of test time.
      await page.clock.install();
      await page.goto(`${lone.url}/#token=${lone.token}`);
      await waitForText(page, '[data-testid="connection"]', '● Live');
      expect(await page.locator('[data-testid="stale-banner"]').count()).toBe(0);

      await lone.close();
      await waitForText(page, '[data-testid="connection"]', '◐ Reconnecting');
      expect(await page.locator('[data-testid="stale-banner"]').count()).toBe(0);

      await page.clock.fastForward('00:31');
      await waitForText(page, '[data-testid="connection"]', '⚠ Stale');
      expect(await text(page, '[data-testid="stale-banner"] strong')).toMatch(/^⚠ Data stale since \d\d:\d\d:\d\d$/);
      // The last numbers stay on screen, under the banner, rather than vanishing.
      expect(await text(page, '[data-queue="acme/billing-en"] [data-metric="waiting"]')).toBe('1');
      await page.screenshot({ path: new URL('wallboard-stale.png', ARTIFACTS).pathname });
      await page.close();
    } finally {
      await lone.close().catch(() => {});
    }
  });

  it('asks for a token again when the server refuses it', async () => {
    const page = await browser.newPage({ viewport: FULL_HD });
    await page.goto(`${app.url}/#token=not-a-real-token`);
    await page.locator('form.gate-card [role="alert"]').waitFor({ timeout: 5000 });
    expect(await text(page, 'form.gate-card [role="alert"]')).toBe('That token was refused. Paste a valid one.');
    expect(await page.evaluate(() => localStorage.getItem('floorboard.token'))).toBeNull();
    expect(page.url()).not.toContain('token');
    await page.close();
  });
});
