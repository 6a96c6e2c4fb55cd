/**
 * What a newcomer sees after `npm run demo`: the scenario's client accounts and queues, fed by
 * the simulator over HTTP, as live tiles in Chromium.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyScenarioSettings } from '../../server/demo.ts';
import { startFeed, type Feed } from '../../simulations/feed.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { chromiumAvailable, launchChromium } from '../helpers/browser.ts';

describe.skipIf(!chromiumAvailable())('the demo in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let feed: Feed;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
    await applyScenarioSettings(app.server.store, bpo);
    feed = startFeed({ target: app.url, token: app.token, scenario: bpo, seed: 3, warmupMinutes: 30, log: () => {} });
    await feed.warmedUp;
    await app.settled();
  });
  afterAll(async () => {
    await feed?.stop();
    await browser?.close();
    await app?.close();
  });

  it('shows every queue of the scenario live, with today\'s numbers', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${app.url}/#token=${app.token}`);
    const names = bpo.queues.map((q) => q.name);
    for (const name of names) await expect.poll(() => page.getByText(name, { exact: true }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    for (const t of bpo.tenants) await expect.poll(() => page.getByText(t.name, { exact: false }).count()).toBeGreaterThan(0);
    // Half an hour of simulated traffic: the board shows answered contacts, and the feed keeps it live.
    const answered = await app.graphql<{ queues: { today: { answered: number } }[] }>('{ queues { today { answered } } }');
    expect(answered.data!.queues.reduce((n, q) => n + q.today.answered, 0)).toBeGreaterThan(50);
    await expect.poll(() => page.getByText(/live/i).count()).toBeGreaterThan(0);
    await page.screenshot({ path: 'test/.artifacts/demo.png' });
    await page.close();
  });
});
