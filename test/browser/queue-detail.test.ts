/**
 * The queue drill-down in real Chromium against the real server (memory store): a day of
 * contacts posted through the ingest API, then the page's live panel, rolling windows, today,
 * chart, interval table and CSV download checked against what was posted.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, chromiumAvailable, startBrowserApp } from '../helpers/browser.ts';
import { agentState, lifecycle, type Lifecycle } from '../helpers/events.ts';

const DESK = { width: 1920, height: 1080 };
const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;
const HOUR = 60 * MINUTE;

const TENANT = 'acme';
const QUEUE = 'billing-en';
/** Voice defaults (metrics.md): T = 20 s, short abandons under 5 s, target 80 %. */
const T = 20;
const S = 5;

type Outcome = Lifecycle['outcome'];

interface Planned {
  /** Minutes before the start of the test; kept clear of the 15/30/60-minute window edges. */
  ageMin: number;
  outcome: Outcome;
}

// Three hours of a billing queue: mostly answered, some late, abandons short and long, one overflow.
const PLAN: Planned[] = [
  { ageMin: 3, outcome: { kind: 'answered', after: 8, agent: 'a1' } }, // a1 still talking: busy
  { ageMin: 9, outcome: { kind: 'abandoned', after: 35 } },
  { ageMin: 11, outcome: { kind: 'answered', after: 12, agent: 'a2', talk: 120, wrap: 20 } },
  { ageMin: 21, outcome: { kind: 'answered', after: 44, agent: 'a2', talk: 200, wrap: 30 } },
  { ageMin: 26, outcome: { kind: 'answered', after: 6, agent: 'a2', talk: 90, wrap: 15 } },
  { ageMin: 38, outcome: { kind: 'abandoned', after: 2 } },
  { ageMin: 44, outcome: { kind: 'answered', after: 15, agent: 'a2', talk: 300, wrap: 25 } },
  { ageMin: 52, outcome: { kind: 'answered', after: 9, agent: 'a2', talk: 150, wrap: 10 } },
  { ageMin: 70, outcome: { kind: 'answered', after: 25, agent: 'a2', talk: 240, wrap: 30 } },
  { ageMin: 83, outcome: { kind: 'overflowed', after: 90 } },
  { ageMin: 97, outcome: { kind: 'answered', after: 4, agent: 'a2', talk: 180, wrap: 20 } },
  { ageMin: 99, outcome: { kind: 'answered', after: 18, agent: 'a2', talk: 60, wrap: 10 } },
  { ageMin: 124, outcome: { kind: 'abandoned', after: 50 } },
  { ageMin: 131, outcome: { kind: 'answered', after: 7, agent: 'a2', talk: 200, wrap: 20 } },
  { ageMin: 146, outcome: { kind: 'answered', after: 31, agent: 'a2', talk: 100, wrap: 10 } },
  { ageMin: 163, outcome: { kind: 'answered', after: 11, agent: 'a2', talk: 90, wrap: 10 } },
  { ageMin: 177, outcome: { kind: 'answered', after: 5, agent: 'a2', talk: 80, wrap: 10 } },
  { ageMin: 0.35, outcome: undefined }, // waiting now, about 20 s
];

interface Contact {
  queuedAt: number;
  outcome: Outcome;
}

interface Tally {
  offered: number;
  answered: number;
  abandoned: number;
}

function tally(contacts: Contact[]): Tally & { withinT: number; shortAbandoned: number; overflowed: number; waits: number[] } {
  const t = { offered: 0, answered: 0, abandoned: 0, withinT: 0, shortAbandoned: 0, overflowed: 0, waits: [] as number[] };
  for (const c of contacts) {
    t.offered++;
    const o = c.outcome;
    if (o?.kind === 'answered') {
      t.answered++;
      t.waits.push(o.after);
      if (o.after <= T) t.withinT++;
    } else if (o?.kind === 'abandoned') {
      t.abandoned++;
      if (o.after < S) t.shortAbandoned++;
    } else if (o?.kind === 'overflowed') t.overflowed++;
  }
  return t;
}

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (ms: number) => `${pad(new Date(ms).getUTCHours())}:${pad(new Date(ms).getUTCMinutes())}`;

function text(page: Page, selector: string): Promise<string | null> {
  return page.locator(selector).first().textContent({ timeout: 1000 });
}

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

/** Offered and answered per interval start, as the table shows them. */
async function tableCounts(page: Page): Promise<Record<string, [number, number]>> {
  return page.$$eval('[data-testid="interval-table"] tbody tr', (rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        tr.getAttribute('data-start')!,
        [Number(tr.querySelector('[data-col="offered"]')!.textContent), Number(tr.querySelector('[data-col="answered"]')!.textContent)],
      ]),
    ),
  );
}

function expectedByBucket(contacts: Contact[], width: number): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const c of contacts) {
    const start = String(Math.floor(c.queuedAt / width) * width);
    const t = tally([c]);
    const [o, a] = out[start] ?? [0, 0];
    out[start] = [o + t.offered, a + t.answered];
  }
  return out;
}

/** Counts by interval as text in start order, to compare two tables regardless of key order. */
const sorted = (counts: Record<string, [number, number]>) => JSON.stringify(Object.entries(counts).sort(([a], [b]) => Number(a) - Number(b)));

describe.skipIf(!chromiumAvailable())('queue drill-down in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let contacts: Contact[];
  let postedAt: number;

  beforeAll(async () => {
    ({ app, browser } = await startBrowserApp());

    // Today in UTC (the default tenant zone): whatever lies before midnight is left out, so the
    // test holds at any hour, with fewer intervals just after midnight.
    postedAt = Date.now();
    const midnight = Math.floor(postedAt / (24 * HOUR)) * 24 * HOUR;
    contacts = PLAN.map((p) => ({ queuedAt: Math.round(postedAt - p.ageMin * MINUTE), outcome: p.outcome })).filter(
      (c) => c.queuedAt > midnight,
    );
    const start = Math.max(midnight + 1000, postedAt - 4 * HOUR);
    const events = [
      agentState(TENANT, 'a1', start, 'available', { queues: [QUEUE] }),
      agentState(TENANT, 'a2', start, 'available', { queues: [QUEUE] }),
      agentState(TENANT, 'a3', start, 'away', { queues: [QUEUE], reason: 'break' }),
      ...contacts.flatMap((c, i) => lifecycle({ tenant: TENANT, queue: QUEUE, contact: `c${i}`, queuedAt: c.queuedAt, ...(c.outcome ? { outcome: c.outcome } : {}) })),
    ];
    const res = await app.postEvents(events);
    expect(res.status, await res.clone().text()).toBe(202);
    await app.settled();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows live, windows, today, the chart, the interval table and its CSV for the day posted', async () => {
    const page = await browser.newPage({ viewport: DESK, acceptDownloads: true });
    const reportRequests: { url: string; authorization: string | undefined }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/reports/')) reportRequests.push({ url: r.url(), authorization: r.headers().authorization });
    });
    await page.goto(`${app.url}/queue/${TENANT}/${QUEUE}#token=${app.token}`);

    // Heading: name (the id, no name configured), channel, language, the service-level basis.
    await waitForText(page, '[data-testid="queue-name"]', QUEUE);
    expect(page.url()).not.toContain('token');
    await waitForText(page, '[data-testid="connection"]', '● Live');
    expect(await text(page, '.detail-basis [data-metric="formula"]')).toBe('80/20 · short abandons < 5 s excluded');
    expect(await text(page, '[data-testid="queue-tags"]')).toMatch(/^Voice$/);

    // Now: one waiting, the wait ticking, agents by activity.
    const live = '[data-testid="live"]';
    await waitForText(page, `${live} [data-metric="waiting"]`, '1');
    expect(await text(page, `${live} [data-metric="agents-busy"]`)).toBe('1');
    expect(await text(page, `${live} [data-metric="agents-available"]`)).toBe('1');
    expect(await text(page, `${live} [data-metric="agents-away"]`)).toBe('1');
    const before = (await text(page, `${live} [data-metric="longest-wait"]`))!;
    expect(before).toMatch(/^00:[0-5]\d$/);
    await eventually(async () => (await text(page, `${live} [data-metric="longest-wait"]`))! > before, 3000, 'the longest wait to tick');

    // Today and the rolling windows, side by side.
    const cell = (window: string, metric: string) => `[data-testid="stats"] td[data-window="${window}"][data-metric="${metric}"]`;
    const today = tally(contacts);
    await waitForText(page, cell('today', 'offered'), String(today.offered));
    expect(await text(page, cell('today', 'answered'))).toBe(String(today.answered));
    expect(await text(page, cell('today', 'abandoned'))).toBe(String(today.abandoned));
    const slToday = today.withinT / (today.answered + today.abandoned + today.overflowed - today.shortAbandoned);
    expect(await text(page, cell('today', 'service-level'))).toBe(`${Math.floor(slToday * 100 + 1e-9)}%`);
    const asa = Math.floor(today.waits.reduce((a, b) => a + b, 0) / today.waits.length);
    expect(await text(page, cell('today', 'asa'))).toBe(`00:${pad(asa)}`);
    for (const minutes of [15, 30, 60]) {
      const inside = tally(contacts.filter((c) => c.queuedAt > postedAt - minutes * MINUTE));
      await waitForText(page, cell(String(minutes), 'offered'), String(inside.offered));
      expect(await text(page, cell(String(minutes), 'answered'))).toBe(String(inside.answered));
      expect(await text(page, cell(String(minutes), 'abandoned'))).toBe(String(inside.abandoned));
    }

    // The table: one row per 15-minute interval with contacts, offered and answered as posted.
    const quarters = expectedByBucket(contacts, QUARTER);
    await eventually(async () => Object.keys(await tableCounts(page)).length === Object.keys(quarters).length, 5000, 'interval rows');
    expect(await tableCounts(page)).toEqual(quarters);
    const first = Math.min(...Object.keys(quarters).map(Number));
    expect(await text(page, `tr[data-start="${first}"] [data-col="start"]`)).toBe(hhmm(first));
    expect(await text(page, '[data-testid="interval-totals"] [data-col="offered"]')).toBe(String(today.offered));
    // The interval under way is marked, when it has a row: just past a quarter hour (the test
    // started before it) the new interval has no contacts yet, so no row to mark.
    await eventually(
      async () => {
        const underWay = String(Math.floor(Date.now() / QUARTER) * QUARTER);
        return (await page.locator('tr[data-current="true"] .in-progress').count()) === (quarters[underWay] ? 1 : 0);
      },
      3000,
      'the interval under way marked',
    );

    // The chart: uPlot drew on its canvas, with the four series in the legend.
    await page.locator('.uplot canvas').waitFor({ timeout: 5000 });
    const inked = await page.$eval('.uplot canvas', (c) => {
      const canvas = c as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(1000);
    expect(await page.$$eval('.chart-legend .u-series th', (ths) => ths.map((th) => th.textContent?.trim()))).toEqual([
      'Interval',
      'Offered',
      'Answered',
      'Service level',
      'Target',
    ]);

    await page.screenshot({ path: new URL('queue-detail.png', ARTIFACTS).pathname });

    // CSV: fetched with the token in a header, never in the URL, and the same intervals as the table.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="csv-download"]')]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${QUEUE}_\\d{4}-\\d{2}-\\d{2}_15min\\.csv$`));
    const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    const header = csv[0]!.split(',');
    const col = (name: string) => header.indexOf(name);
    const fromCsv = Object.fromEntries(
      csv
        .slice(1)
        .map((line) => line.split(','))
        .filter((f) => Number(f[col('offered')]) > 0) // intervals with agent time only, no contacts: not table rows
        .map((f) => [String(Date.parse(f[col('start')]!)), [Number(f[col('offered')]), Number(f[col('answered')])]]),
    );
    expect(fromCsv).toEqual(quarters);
    expect(reportRequests).toHaveLength(1);
    expect(reportRequests[0]!.url).not.toContain(app.token);
    expect(reportRequests[0]!.authorization).toBe(`Bearer ${app.token}`);
    expect(new URL(reportRequests[0]!.url).searchParams.get('step')).toBe('MIN15');

    // One-hour steps: the same contacts in hourly rows, and the choice kept in the URL.
    await page.click('.segmented [data-step="HOUR1"]');
    const hours = expectedByBucket(contacts, HOUR);
    await eventually(async () => sorted(await tableCounts(page)) === sorted(hours), 5000, 'hourly rows');
    expect(new URL(page.url()).searchParams.get('step')).toBe('HOUR1');
    await page.close();
  });

  it('follows live changes: a new contact shows at once and reaches the table within 15 s', async () => {
    const page = await browser.newPage({ viewport: DESK });
    // A fake clock that still runs, so the 15 s refresh gap passes without 15 s of test time.
    await page.clock.install();
    await page.goto(`${app.url}/queue/${TENANT}/${QUEUE}#token=${app.token}`);
    await waitForText(page, '[data-testid="live"] [data-metric="waiting"]', '1');
    const quarters = expectedByBucket(contacts, QUARTER);
    await eventually(async () => Object.keys(await tableCounts(page)).length === Object.keys(quarters).length, 5000, 'interval rows');

    const queuedAt = Date.now();
    const res = await app.postEvents(lifecycle({ tenant: TENANT, queue: QUEUE, contact: 'late', queuedAt }));
    expect(res.status).toBe(202);
    await app.settled();
    await waitForText(page, '[data-testid="live"] [data-metric="waiting"]', '2');
    await waitForText(page, '[data-testid="stats"] td[data-window="today"][data-metric="offered"]', String(contacts.length + 1));

    await page.clock.fastForward('00:16');
    const bucket = String(Math.floor(queuedAt / QUARTER) * QUARTER);
    const want = (quarters[bucket]?.[0] ?? 0) + 1;
    await eventually(async () => (await tableCounts(page))[bucket]?.[0] === want, 5000, `interval ${bucket} to count ${want} offered`);
    await waitForText(page, '[data-testid="stats"] td[data-window="15"][data-metric="offered"]', String(tally(contacts.filter((c) => c.queuedAt > postedAt - 15 * MINUTE)).offered + 1));
    await page.close();
  });

  it('shows another day from the date picker, and today again on demand', async () => {
    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/queue/${TENANT}/${QUEUE}#token=${app.token}`);
    await page.locator('[data-testid="interval-table"]').waitFor({ timeout: 5000 });
    const yesterday = new Date(Date.now() - 24 * HOUR).toISOString().slice(0, 10);
    await page.fill('[data-testid="interval-date"]', yesterday);
    await waitForText(page, '.detail-intervals .table-empty', 'No contact entered this queue on this day.');
    expect(new URL(page.url()).searchParams.get('date')).toBe(yesterday);
    await page.locator('.uplot canvas').waitFor({ timeout: 5000 }); // an empty day still has its axes
    await page.click('.toolbar .btn-quiet');
    await page.locator('[data-testid="interval-table"]').waitFor({ timeout: 5000 });
    expect(new URL(page.url()).searchParams.get('date')).toBeNull();
    await page.close();
  });

  it('resizes the chart with its container, rebuilds it on a language switch and disposes it on leaving', async () => {
    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/queue/${TENANT}/${QUEUE}#token=${app.token}`);
    await page.locator('.uplot canvas').waitFor({ timeout: 5000 });
    const chartWidth = () => page.$eval('.uplot', (el) => el.getBoundingClientRect().width);
    const hostWidth = () => page.$eval('.chart-host', (el) => el.getBoundingClientRect().width);
    expect(Math.abs((await chartWidth()) - (await hostWidth()))).toBeLessThan(2);

    await page.setViewportSize({ width: 1280, height: 900 });
    await eventually(async () => Math.abs((await chartWidth()) - (await hostWidth())) < 2 && (await chartWidth()) < 1100, 3000, 'the chart to follow its container');

    await page.click('button.lang');
    await eventually(async () => (await text(page, '.chart-legend .u-series:nth-child(2) th'))?.trim() === 'Ofrecidos', 3000, 'Spanish legend');
    await page.click('button.lang');
    await eventually(async () => (await text(page, '.chart-legend .u-series:nth-child(2) th'))?.trim() === 'Offered', 3000, 'English legend');
    expect(await page.locator('.uplot').count()).toBe(1);
    expect(await page.locator('.u-legend').count()).toBe(1);

    await page.click('a.back');
    await page.locator('.tile').first().waitFor({ timeout: 5000 });
    expect(new URL(page.url()).pathname).toBe(`/wall/${TENANT}`);
    expect(await page.locator('.uplot, .u-legend').count()).toBe(0);
    await page.close();
  });

  it('says so for a queue with no data instead of waiting forever', async () => {
    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/queue/${TENANT}/no-such-queue#token=${app.token}`);
    await waitForText(page, '.detail-main .empty', 'No data for this queue yet. It appears with its first contact or agent event.');
    expect(await text(page, '[data-testid="queue-name"]')).toBe('no-such-queue');
    await page.close();
  });

  it('opens from the wallboard by clicking the queue name', async () => {
    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/#token=${app.token}`);
    const name = `[data-queue="${TENANT}/${QUEUE}"] .tile-name a`;
    await page.locator(name).waitFor({ timeout: 5000 });
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
    await page.click(name);
    await waitForText(page, '[data-testid="queue-name"]', QUEUE);
    expect(new URL(page.url()).pathname).toBe(`/queue/${TENANT}/${QUEUE}`);
    // Client-side navigation: the page was not reloaded, so the socket and token carry over.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
    await page.close();
  });
});
