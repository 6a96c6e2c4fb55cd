/**
 * The supervisor's outlook in real Chromium against the real server (memory store), fed with
 * events through the ingest API: agents on calls, callers waiting, the last hour's calls. The
 * page shows each queue's coming minutes with the agents there now and with more, the same
 * numbers simulateAhead answers; a new horizon and a growing queue change them; Spanish reads
 * Spanish; a VIEWER token is told it may not run what-ifs.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDuration, formatPercent } from '../../web/src/lib/format.ts';
import { eventually, graphqlOk, postAndSettle, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, chromiumAvailable, squash, startBrowserApp } from '../helpers/browser.ts';
import { agentState, lifecycle } from '../helpers/events.ts';

const DESK = { width: 1600, height: 1000 };
const MIN = 60_000;
/** The server's clock stands still: the page's question and the test's get the same answer. */
const NOW = Math.floor(Date.now() / MIN) * MIN + 30_000;

const OUTLOOK = `query($t: ID!, $q: ID!, $n: Int!, $m: Int!) { simulateAhead(tenant: $t, queue: $q, agents: $n, minutes: $m) {
  agents staffedAgents waiting replications serviceLevel { mean low high } abandonRate { mean } longestWaitSeconds { mean } } }`;


/** What a line says on screen (its label and numbers; a hidden "below target" is for screen readers). */
async function rowText(page: Page, queue: string, delta: number): Promise<string> {
  const row = page.locator(`[data-queue="${queue}"] [data-testid="outlook-row"][data-delta="${delta}"]`).first();
  const [label, line] = await Promise.all([row.locator('.oc-label').textContent({ timeout: 2000 }), row.locator('.oc-line').textContent({ timeout: 2000 })]);
  return squash(`${label} ${line}`);
}

/** The line the page must show for this answer, formatted as the page formats it. */
function expectedLine(label: string, o: { serviceLevel: { mean: number; low: number; high: number }; abandonRate: { mean: number }; longestWaitSeconds: { mean: number } }, locale: string, words = { sl: 'SL', abandon: 'abandon', longest: 'longest wait' }) {
  const pct = (x: number) => formatPercent(x, locale, { floor: true });
  return squash(`${label}: ${words.sl} ${pct(o.serviceLevel.mean)} (${pct(o.serviceLevel.low)}–${pct(o.serviceLevel.high)}), ${words.abandon} ${formatPercent(o.abandonRate.mean, locale)}, ${words.longest} ${formatDuration(o.longestWaitSeconds.mean)}`);
}

describe.skipIf(!chromiumAvailable())('the outlook in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  const tenant = uniqueTenant('outlook');
  const key = `${tenant}/billing`;

  beforeAll(async () => {
    ({ app, browser } = await startBrowserApp({ clock: () => NOW }));
    await graphqlOk(app, `mutation($t: ID!) { setTenantSettings(tenant: $t, input: { name: "Acme Bank", timeZone: "UTC" }) { id } }`, { t: tenant });
    // Billing: five agents (two on calls), a sixth on a break, six callers waiting, and the last
    // hour's thirty calls (three abandoned). Sales: quiet, one agent.
    const events = [
      ...['a1', 'a2', 'a3', 'a4', 'a5'].map((a) => agentState(tenant, a, NOW - 30 * MIN, 'available', { queues: ['billing'] })),
      agentState(tenant, 'a6', NOW - 30 * MIN, 'away', { queues: ['billing'], reason: 'break' }),
      agentState(tenant, 's1', NOW - 30 * MIN, 'available', { queues: ['sales'] }),
      ...lifecycle({ tenant, queue: 'sales', contact: 's-old', queuedAt: NOW - 40 * MIN, outcome: { kind: 'answered', after: 4, agent: 's1', talk: 180, wrap: 20 } }),
      ...lifecycle({ tenant, queue: 'billing', contact: 'busy1', queuedAt: NOW - 190_000, outcome: { kind: 'answered', after: 10, agent: 'a4' } }),
      ...lifecycle({ tenant, queue: 'billing', contact: 'busy2', queuedAt: NOW - 70_000, outcome: { kind: 'answered', after: 10, agent: 'a5' } }),
      ...[100, 80, 60, 40, 20, 10].flatMap((s, i) => lifecycle({ tenant, queue: 'billing', contact: `w${i}`, queuedAt: NOW - s * 1000 })),
    ];
    for (let i = 0; i < 30; i++) {
      const queuedAt = NOW - 55 * MIN + i * 100_000;
      events.push(
        ...(i % 8 === 7
          ? lifecycle({ tenant, queue: 'billing', contact: `h${i}`, queuedAt, outcome: { kind: 'abandoned', after: 30 + i } })
          : lifecycle({ tenant, queue: 'billing', contact: `h${i}`, queuedAt, outcome: { kind: 'answered', after: 5 + (i % 5) * 8, agent: `a${1 + (i % 3)}`, talk: 200, wrap: 30 } })),
      );
    }
    await postAndSettle(app, events);
    for (const [q, name] of [
      ['billing', 'Billing'],
      ['sales', 'Sales'],
    ]) {
      await graphqlOk(app, `mutation($t: ID!, $q: ID!, $n: String!) { setQueueSettings(tenant: $t, queue: $q, input: { name: $n }) { label } }`, { t: tenant, q, n: name });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows each queue now and with more agents, with the numbers simulateAhead answers', async () => {
    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/supervisor/${tenant}?view=outlook#token=${app.token}`);
    await page.locator(`[data-queue="${key}"] [data-testid="outlook-row"][data-delta="2"]`).waitFor({ timeout: 20_000 });
    expect(squash(await page.locator('#outlook-title').textContent())).toBe('Next 30 minutes, simulated from now');
    expect(await page.locator('[data-testid="tab-outlook"]').getAttribute('aria-selected')).toBe('true');

    // The queue's lines, in order: now, +1, +2, −1.
    const deltas = await page.locator(`[data-queue="${key}"] [data-testid="outlook-row"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-delta')));
    expect(deltas).toEqual(['0', '1', '2', '-1']);
    for (const [delta, label] of [
      [0, 'Now, 5 agents'],
      [1, 'With 1 more agent'],
      [2, 'With 2 more agents'],
      [-1, 'With 1 fewer agent'],
    ] as const) {
      const o = (await graphqlOk(app, OUTLOOK, { t: tenant, q: 'billing', n: 5 + delta, m: 30 })).simulateAhead;
      expect(o).toMatchObject({ staffedAgents: 5, waiting: 6, replications: 200 });
      expect(await rowText(page, key, delta)).toBe(expectedLine(label, o, 'en-GB'));
      // Below the queue's 80 % target it is marked, in colour and for screen readers.
      const row = page.locator(`[data-queue="${key}"] [data-testid="outlook-row"][data-delta="${delta}"]`);
      const below = o.serviceLevel.mean < 0.8;
      expect(await row.getAttribute('data-level')).toBe(below ? 'warn' : 'ok');
      expect(squash(await row.textContent()).endsWith('(below target)')).toBe(below);
    }
    // "With 2 more agents: SL 84% (80%–88%), abandon 3%, longest wait 01:05": real numbers.
    expect(await rowText(page, key, 2)).toMatch(/^With 2 more agents: SL \d+% \(\d+%–\d+%\), abandon \d+%, longest wait \d\d:\d\d$/);
    expect(squash(await page.locator(`[data-queue="${key}"] [data-testid="outlook-floor"]`).textContent())).toBe('5 agents on the queue now · 6 waiting');
    const assumed = squash(await page.locator(`[data-queue="${key}"] [data-testid="outlook-assumed"]`).textContent());
    expect(assumed).toMatch(/^\d+(\.\d)?\/h \(last hour\) · AHT 03:50 \(last 4 h\) · patience \d\d:\d\d \(last 4 h\) · 80\/20 · short abandons < 5 s excluded · 200 runs$/);

    // Quiet Sales has its lines too.
    await page.locator(`[data-queue="${tenant}/sales"] [data-testid="outlook-row"][data-delta="0"]`).waitFor({ timeout: 10_000 });
    expect(await rowText(page, `${tenant}/sales`, 0)).toMatch(/^Now, 1 agent: /);
    await page.screenshot({ path: new URL('outlook.png', ARTIFACTS).pathname, fullPage: true });
    await page.close();
  });

  it('asks again for another horizon, and follows the queue as it fills up', async () => {
    const page = await browser.newPage({ viewport: DESK });
    await page.goto(`${app.url}/supervisor/${tenant}?view=outlook#token=${app.token}`);
    const nowRow = `[data-queue="${key}"] [data-testid="outlook-row"][data-delta="0"]`;
    await page.locator(nowRow).waitFor({ timeout: 20_000 });

    await page.click('[data-testid="outlook-horizon"] button[data-minutes="60"]');
    await eventually(async () => squash(await page.locator('#outlook-title').textContent()) === 'Next 60 minutes, simulated from now', 5000, 'the 60-minute title');
    const hour = (await graphqlOk(app, OUTLOOK, { t: tenant, q: 'billing', n: 5, m: 60 })).simulateAhead;
    const want = expectedLine('Now, 5 agents', hour, 'en-GB');
    await eventually(async () => (await rowText(page, key, 0).catch(() => '')) === want, 10_000, `the 60-minute line (${want})`);

    // Twenty more callers join the queue: back on 30 minutes, the outlook is worse.
    const before = (await graphqlOk(app, OUTLOOK, { t: tenant, q: 'billing', n: 5, m: 30 })).simulateAhead;
    await postAndSettle(app, Array.from({ length: 20 }, (_, i) => lifecycle({ tenant, queue: 'billing', contact: `late${i}`, queuedAt: NOW - (5 + i) * 1000 })).flat());
    const after = (await graphqlOk(app, OUTLOOK, { t: tenant, q: 'billing', n: 5, m: 30 })).simulateAhead;
    expect(after.waiting).toBe(26);
    expect(after.serviceLevel.mean).toBeLessThan(before.serviceLevel.mean);
    await page.click('[data-testid="outlook-horizon"] button[data-minutes="30"]');
    const wantAfter = expectedLine('Now, 5 agents', after, 'en-GB');
    await eventually(async () => (await rowText(page, key, 0).catch(() => '')) === wantAfter, 10_000, `the line after the queue grew (${wantAfter})`);
    expect(squash(await page.locator(`[data-queue="${key}"] [data-testid="outlook-floor"]`).textContent())).toBe('5 agents on the queue now · 26 waiting');

    // In Spanish.
    await page.click('button.lang');
    const es = expectedLine('Con 2 agentes más', (await graphqlOk(app, OUTLOOK, { t: tenant, q: 'billing', n: 7, m: 30 })).simulateAhead, 'es-ES', { sl: 'NS', abandon: 'abandono', longest: 'espera máx.' });
    await eventually(async () => (await rowText(page, key, 2).catch(() => '')) === es, 5000, `the Spanish line (${es})`);
    expect(squash(await page.locator('[data-testid="tab-outlook"]').textContent())).toBe('Previsión');
    await page.click('button.lang');
    await page.close();
  });

  it('tells a VIEWER token it may not run what-ifs, and asks nothing', async () => {
    const r = await graphqlOk<{ createApiToken: { token: string } }>(app, 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
      i: { name: 'tv', role: 'VIEWER', tenants: [tenant] },
    });
    const page = await browser.newPage({ viewport: DESK });
    const asked: string[] = [];
    page.on('request', (req) => {
      if (req.url().endsWith('/graphql') && req.method() === 'POST' && (req.postData() ?? '').includes('simulateAhead')) asked.push(req.url());
    });
    await page.goto(`${app.url}/supervisor/${tenant}?view=outlook#token=${r.createApiToken.token}`);
    const note = page.locator(`[data-queue="${key}"] .oc-note`);
    await eventually(async () => squash(await note.textContent().catch(() => '')).startsWith('This token may not run what-ifs'), 10_000, 'the note for a VIEWER');
    expect(await page.locator('[data-testid="outlook-row"]').count()).toBe(0);
    expect(asked).toEqual([]);
    await page.close();
  });
});
