/**
 * The planner in real Chromium against the real server (memory store): eight weeks of a queue's
 * 15-minute history imported through POST /api/import/intervals, two agents signed in live, then
 * the page's forecast-against-actual chart, method and accuracy, the what-if recomputed from a
 * slider, today's staffed-against-required, shift planning, and the wall's staffing line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, chromiumAvailable, startBrowserApp } from '../helpers/browser.ts';
import { agentState } from '../helpers/events.ts';

const SCHEMA = new URL('../../schema/schema.graphql', import.meta.url);
const DESK = { width: 1920, height: 1080 };
const DAY = 86_400_000;
const QUARTER = 900_000;

const TENANT = 'plan-co';
const QUEUE = 'billing';

/** Deterministic noise (mulberry32), so a run's numbers are the same every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Contacts expected in the 15 minutes from local hour h: quieter nights, a late-morning peak and
 * a smaller afternoon one, heavier on Mondays and light at weekends. Around the clock and never
 * under a few agents' worth, so two agents are short at any hour the test runs. */
function rate(h: number, weekday: number): number {
  const bump = (centre: number, width: number, height: number) => height * Math.exp(-((h - centre) ** 2) / (2 * width ** 2));
  const dayFactor = [0.55, 1.15, 1, 1, 0.95, 0.9, 0.65][weekday]!;
  return dayFactor * (12 + bump(11, 2.2, 30) + bump(15.5, 1.8, 18));
}

/** `start,offered,answered,ahtSeconds` rows, every 15 minutes of every day in [fromMs, toMs). */
function historyRows(fromMs: number, toMs: number, rnd: () => number): string[] {
  const rows: string[] = [];
  for (let start = fromMs; start < toMs; start += QUARTER) {
    const d = new Date(start);
    const h = d.getUTCHours() + d.getUTCMinutes() / 60 + 0.125;
    const offered = Math.max(0, Math.round(rate(h, d.getUTCDay()) * (0.85 + 0.3 * rnd())));
    const aht = Math.round(230 + 30 * rnd());
    rows.push(`${d.toISOString()},${offered},${offered},${aht}`);
  }
  return rows;
}

function text(page: Page, selector: string): Promise<string | null> {
  return page.locator(selector).first().textContent({ timeout: 1000 });
}

/** Pixels drawn on a canvas: an empty chart has axes only, a drawn one a few thousand more. */
function inked(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (c) => {
    const canvas = c as HTMLCanvasElement;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) n++;
    return n;
  });
}

const summaryCell = (row: string, col: string) => `[data-testid="whatif-summary"] tr[data-row="${row}"] td[data-col="${col}"]`;
const numberIn = async (page: Page, selector: string) => Number((await text(page, selector))?.replace(/[^\d.]/g, ''));

describe.skipIf(!chromiumAvailable())('planner in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  const hasShiftPlan = readFileSync(SCHEMA, 'utf8').includes('shiftPlan');

  beforeAll(async () => {
    ({ app, browser } = await startBrowserApp());

    // Eight weeks up to the last whole quarter before now (the tenant's zone is UTC): today's
    // intervals so far are the actuals the chart holds against the forecast.
    const now = Date.now();
    const today = Math.floor(now / DAY) * DAY;
    const rows = historyRows(today - 56 * DAY, Math.floor(now / QUARTER) * QUARTER, random(7));
    for (let i = 0; i < rows.length; i += 2000) {
      const res = await fetch(`${app.url}/api/import/intervals?tenant=${TENANT}&queue=${QUEUE}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.token}`, 'content-type': 'text/csv' },
        body: ['start,offered,answered,ahtSeconds', ...rows.slice(i, i + 2000)].join('\n'),
      });
      expect(res.status, await res.clone().text()).toBe(202);
    }
    // Two agents on the floor now: far fewer than the forecast needs at any hour.
    const res = await app.postEvents([
      agentState(TENANT, 'p1', now - 60_000, 'available', { queues: [QUEUE] }),
      agentState(TENANT, 'p2', now - 60_000, 'available', { queues: [QUEUE] }),
    ]);
    expect(res.status).toBe(202);
    await app.settled();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('draws forecast against actual, says how accurate it is, and recomputes agents as a slider moves', async () => {
    const page = await browser.newPage({ viewport: DESK });
    const whatIfRequests: unknown[] = [];
    page.on('request', (r) => {
      if (!r.url().endsWith('/graphql') || r.method() !== 'POST') return;
      const body = r.postDataJSON() as { query: string; variables: { staffing?: unknown } };
      if (body.query.includes('forecast(') && body.variables.staffing) whatIfRequests.push(body.variables.staffing);
    });
    await page.goto(`${app.url}/planner/${TENANT}/${QUEUE}#token=${app.token}`);
    expect(page.url()).not.toContain('token');

    // Method and accuracy in words: "svd-log · MASE 0.62 · WAPE 7.1 % over 20 days".
    await page.locator('[data-testid="forecast-accuracy"]').waitFor({ timeout: 20_000 });
    expect(await text(page, '[data-testid="forecast-accuracy"]')).toMatch(/^[a-z-]+ · MASE \d+\.\d\d · WAPE \d+\.\d\s?% over \d+ days$/);
    expect(await text(page, '[data-testid="scope"]')).toBe(`${TENANT} · ${QUEUE}`);

    // Both panels drawn, their series named in the legend.
    await page.locator('.pl-host-contacts canvas').waitFor({ timeout: 5000 });
    await eventually(async () => (await inked(page, '.pl-host-contacts canvas')) > 3000, 5000, 'the contacts panel to draw');
    expect(await inked(page, '.pl-host-agents canvas')).toBeGreaterThan(3000);
    const legend = await page.$$eval('.pl-legend .u-series th', (ths) => ths.map((th) => th.textContent?.trim()));
    expect(legend).toEqual(['Interval', 'Actual', 'Forecast', 'Interval', 'Required', 'Scheduled', 'Scheduled (baseline)']);
    expect(await page.locator('[data-testid="forecast-chart"]').getAttribute('data-whatif')).toBe('false');

    // The what-if starts at the queue's own policy: 80 % in 20 s, 30 % shrinkage, 85 % cap.
    expect(await page.inputValue('[data-testid="whatif-targetPct"]')).toBe('80');
    expect(await page.inputValue('[data-testid="whatif-thresholdSeconds"]')).toBe('20');
    expect(await page.inputValue('[data-testid="whatif-shrinkagePct"]')).toBe('30');
    expect(await page.inputValue('[data-testid="whatif-occupancyPct"]')).toBe('85');
    const aht = Number(await page.inputValue('[data-testid="whatif-ahtSeconds"]'));
    expect(aht).toBeGreaterThanOrEqual(230);
    expect(aht).toBeLessThanOrEqual(260);
    const basePeak = await numberIn(page, summaryCell('required-peak', 'baseline'));
    expect(basePeak).toBeGreaterThan(3);
    expect(await numberIn(page, summaryCell('required-peak', 'whatif'))).toBe(basePeak);

    // A drag: many input events in a burst, as a hand makes them. Debounced, the earlier ones
    // aborted: a couple of requests, not one per step.
    await page.$eval('[data-testid="whatif-targetPct"]', async (el) => {
      const input = el as HTMLInputElement;
      for (let v = 81; v <= 95; v++) {
        input.value = String(v);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 16));
      }
    });
    expect(await text(page, '[data-testid="whatif-targetPct-value"]')).toMatch(/^95 %/);
    await eventually(async () => (await numberIn(page, summaryCell('required-peak', 'whatif'))) > basePeak, 10_000, 'the required peak to rise');
    expect(await numberIn(page, summaryCell('required-peak', 'baseline'))).toBe(basePeak);
    expect(await text(page, summaryCell('required-peak', 'change'))).toMatch(/^\+\d+$/);
    expect(whatIfRequests.length).toBeGreaterThanOrEqual(1);
    expect(whatIfRequests.length).toBeLessThanOrEqual(5);
    expect(whatIfRequests.at(-1)).toEqual({ targetServiceLevel: 0.95 });
    await eventually(async () => (await page.locator('[data-testid="forecast-chart"]').getAttribute('data-whatif')) === 'true', 5000, 'the baseline line');

    // Today: staffed against required now, two agents against the forecast's need.
    await eventually(async () => /^2 of \d+ needed$/.test((await text(page, '[data-testid="staffed-now-value"]').catch(() => '')) ?? ''), 10_000, 'staffed now');
    expect(await page.locator('[data-testid="staffed-now"]').getAttribute('data-level')).toMatch(/^(warn|alert)$/);

    // Back to the baseline.
    await page.click('[data-testid="whatif-reset"]');
    await eventually(async () => (await numberIn(page, summaryCell('required-peak', 'whatif'))) === basePeak, 5000, 'the baseline again');
    await page.close();
  });

  it('plans shifts for the day: a table of shifts, the coverage and both CSVs', async () => {
    const page = await browser.newPage({ viewport: DESK, acceptDownloads: true });
    await page.goto(`${app.url}/planner/${TENANT}/${QUEUE}#token=${app.token}`);
    await page.locator('[data-testid="forecast-accuracy"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="shift-template"]').count()).toBe(2);
    // The editor: a third shift comes and goes; a broken one says why and blocks planning.
    await page.click('[data-testid="add-template"]');
    expect(await page.locator('[data-testid="shift-template"]').count()).toBe(3);
    expect(await page.isDisabled('[data-testid="add-template"]')).toBe(true);
    const third = page.locator('[data-testid="shift-template"]').nth(2);
    await third.locator('[data-field="name"]').fill('');
    expect(await third.locator('[role="alert"]').textContent()).toBe('⚠ Give the shift a name.');
    expect(await page.isDisabled('[data-testid="plan-shifts"]')).toBe(true);
    await third.locator('.pl-remove').click();
    expect(await page.locator('[data-testid="shift-template"]').count()).toBe(2);
    expect(await page.isDisabled('[data-testid="plan-shifts"]')).toBe(false);
    await page.locator('.pl-host-agents canvas').waitFor({ timeout: 5000 });
    await page.click('[data-testid="plan-shifts"]');

    if (!hasShiftPlan) {
      // The server's API has no shiftPlan yet: the page says so instead of failing obscurely.
      await page.locator('[data-testid="plan-error"]').waitFor({ timeout: 10_000 });
      expect(await text(page, '[data-testid="plan-error"]')).toBe('⚠ This server cannot plan shifts yet (its API has no shiftPlan).');
    } else {
      await page.locator('[data-testid="shift-table"] tbody tr').first().waitFor({ timeout: 30_000 });
      expect(await text(page, '[data-testid="plan-status"]')).toMatch(/^(Optimal|Best found in the time limit|Feasible, not proved optimal)$/);
      expect(await numberIn(page, '[data-testid="plan-paid-hours"]')).toBeGreaterThan(0);
      const starts = await page.$$eval('[data-testid="shift-table"] tbody td[data-col="start"]', (tds) => tds.map((td) => td.textContent));
      expect(starts.every((s) => /^\d\d:\d\d$/.test(s ?? ''))).toBe(true);
      await eventually(async () => (await inked(page, '[data-testid="coverage-chart"] canvas')) > 3000, 5000, 'the coverage chart');

      const [shifts] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-shifts"]')]);
      expect(shifts.suggestedFilename()).toMatch(new RegExp(`^${QUEUE}_\\d{4}-\\d{2}-\\d{2}_shifts\\.csv$`));
      expect(shifts.url()).toMatch(/^blob:/);
      expect(readFileSync(await shifts.path(), 'utf8').split(/\r?\n/)[0]).toContain('count');
      const [coverage] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-coverage"]')]);
      expect(coverage.suggestedFilename()).toMatch(/_coverage\.csv$/);
      expect(readFileSync(await coverage.path(), 'utf8').split(/\r?\n/)[0]).toContain('required');
    }
    await page.screenshot({ path: new URL('planner.png', ARTIFACTS).pathname, fullPage: true });
    await page.close();
  });

  it('shows the staffing gap on the wall in words, in one line above the tiles', async () => {
    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/wall/${TENANT}#token=${app.token}`);
    const item = `[data-testid="staffing-gap"] [data-queue="${TENANT}/${QUEUE}"]`;
    await page.locator(item).waitFor({ timeout: 20_000 });
    expect(await text(page, `${item} .gap-words`)).toMatch(/^2 of \d+ needed \(−\d+\)$/);
    expect(await page.locator(item).getAttribute('data-level')).toMatch(/^(warn|alert)$/);
    const strip = await page.$eval('[data-testid="staffing-gap"]', (el) => el.getBoundingClientRect().height);
    expect(strip).toBeLessThan(50);
    const overflow = await page.evaluate(() => {
      const wall = document.querySelector('.wall')!;
      return { wall: wall.scrollHeight - wall.clientHeight, page: document.documentElement.scrollHeight - window.innerHeight };
    });
    expect(overflow).toEqual({ wall: 0, page: 0 });
    await page.screenshot({ path: new URL('wallboard-staffing-gap.png', ARTIFACTS).pathname });

    // And in Spanish.
    await page.click('button.lang');
    await eventually(async () => /^2 de \d+ necesarios \(−\d+\)$/.test((await text(page, `${item} .gap-words`)) ?? ''), 5000, 'Spanish staffing line');
    await page.click('button.lang');
    await page.close();
  });

  it('keeps twelve queues on a 1080p wall with the staffing line, and counts the short queues it cannot show', async () => {
    const tenant = 'plan-big';
    const names = ['billing', 'support', 'sales', 'retention', 'claims', 'premium', 'onboarding', 'returns', 'fraud', 'collections', 'general', 'partners'];
    const now = Date.now();
    const from = Math.floor(now / DAY) * DAY - 21 * DAY;
    const to = Math.floor(now / QUARTER) * QUARTER;
    for (const [i, queue] of names.entries()) {
      const rows = ['start,offered,answered,ahtSeconds'];
      for (let s = from; s < to; s += QUARTER) rows.push(`${new Date(s).toISOString()},${10 + 2 * i + ((s / QUARTER) % 3)},${10 + 2 * i},240`);
      const res = await fetch(`${app.url}/api/import/intervals?tenant=${tenant}&queue=${queue}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.token}`, 'content-type': 'text/csv' },
        body: rows.join('\n'),
      });
      expect(res.status).toBe(202);
    }
    // Three queues overstaffed (30 agents), nine short (3 agents).
    const res = await app.postEvents(
      names.flatMap((queue, i) => Array.from({ length: i % 4 === 0 ? 30 : 3 }, (_, k) => agentState(tenant, `${queue}-${k}`, now - 60_000, 'available', { queues: [queue] }))),
    );
    expect(res.status).toBe(202);
    await app.settled();

    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/wall/${tenant}#token=${app.token}`);
    await eventually(async () => (await page.locator('.tile').count()) === names.length, 5000, 'twelve tiles');
    await page.locator('[data-testid="staffing-gap"] .gap-item').first().waitFor({ timeout: 20_000 });
    // The most short first, in one line; what does not fit is counted, not dropped.
    await eventually(async () => /^\+\d+ more short · \+3 staffed as needed$/.test((await text(page, '[data-testid="staffing-gap-more"]')) ?? ''), 5000, 'the count of the rest');
    const shown = await page.$$eval('[data-testid="staffing-gap"] .gap-item', (els) => {
      const top = (els[0] as HTMLElement).offsetTop;
      return els.filter((el) => (el as HTMLElement).offsetTop === top).length;
    });
    const more = Number((await text(page, '[data-testid="staffing-gap-more"]'))!.match(/^\+(\d+)/)![1]);
    expect(shown + more).toBe(9);
    expect(shown).toBeGreaterThanOrEqual(2);
    const overflow = await page.evaluate(() => {
      const wall = document.querySelector('.wall')!;
      return { wall: wall.scrollHeight - wall.clientHeight, page: document.documentElement.scrollHeight - window.innerHeight };
    });
    expect(overflow).toEqual({ wall: 0, page: 0 });
    await page.screenshot({ path: new URL('wallboard-12-staffing-gap.png', ARTIFACTS).pathname });
    await page.close();
  });

  it('picks a queue at /planner and opens it from the header link', async () => {
    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/wall/${TENANT}#token=${app.token}`);
    await page.locator('[data-testid="header-planner"]').click();
    await page.locator('[data-testid="queue-picker"]').waitFor({ timeout: 5000 });
    expect(new URL(page.url()).pathname).toBe('/planner');
    await page.click(`[data-testid="queue-picker"] a[href="/planner/${TENANT}/${QUEUE}"]`);
    await page.locator('[data-testid="forecast-accuracy"]').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe(`/planner/${TENANT}/${QUEUE}`);

    // Hourly steps: 24 intervals instead of 96 (a UTC day), the choice kept in the URL.
    const chart = page.locator('[data-testid="forecast-chart"]');
    expect(await chart.getAttribute('data-intervals')).toBe('96');
    await page.click('.pl-toolbar [data-step="HOUR1"]');
    await eventually(async () => (await chart.getAttribute('data-intervals')) === '24', 10_000, 'hourly intervals');
    expect(new URL(page.url()).searchParams.get('step')).toBe('HOUR1');
    expect(await page.locator('.pl-host-agents canvas').count()).toBe(1);

    // Tomorrow: a forecast without actuals, and nothing intraday.
    const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    await page.fill('[data-testid="planner-date"]', tomorrow);
    await eventually(async () => new URL(page.url()).searchParams.get('date') === tomorrow, 5000, 'date in the URL');
    await eventually(async () => (await text(page, '[data-testid="intraday"] .pl-hint')) === 'Staffed against required is for today: pick today to see it.', 10_000, 'no intraday for tomorrow');
    await page.close();
  });
});
