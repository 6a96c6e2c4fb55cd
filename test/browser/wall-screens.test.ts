/**
 * The wall's screens in real Chromium against the real server: the simulator's BPO floor (its
 * events over HTTP, as an ACD would post them), the agent grid, 200 agents on a 1080p and a 4K
 * screen, rotation between views, a screen laid out at a desk and followed by a TV, and times
 * in the client's zone or the room's. Writes docs/screenshots/wall.png and agents.png.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyScenarioSettings } from '../../server/demo.ts';
import { startFeed, type Feed } from '../../simulations/feed.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { ACTIVITY_ICON } from '../../web/src/lib/agent-grid.ts';
import { graphqlOk, postAndSettle, type TestApp } from '../helpers/app.ts';
import { ARTIFACTS, chromiumAvailable, startBrowserApp } from '../helpers/browser.ts';

const FULL_HD = { width: 1920, height: 1080 };
const UHD = { width: 3840, height: 2160 };
const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url);

interface WireAgent {
  id: string;
  tenant: string;
  activity: string;
  reason: string | null;
  slots: { channel: string; used: number; capacity: number }[];
}

async function tokenFor(app: TestApp, role: string, tenants: string[]): Promise<string> {
  const r = await graphqlOk<{ createApiToken: { token: string } }>(app, 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
    i: { name: `${role.toLowerCase()} at the desk`, role, tenants },
  });
  return r.createApiToken.token;
}

/** Nothing on the page scrolls, and every agent cell lies inside the grid's box. */
async function layoutFacts(page: Page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const grid = document.querySelector('.agent-grid');
    const box = grid?.getBoundingClientRect();
    const cells = [...document.querySelectorAll('.agent')].map((c) => c.getBoundingClientRect());
    const outside = box ? cells.filter((r) => r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5 || r.left < box.left - 0.5 || r.right > box.right + 0.5).length : -1;
    const scrolls = [...document.querySelectorAll('*')].filter((el) => {
      const s = getComputedStyle(el);
      return /(auto|scroll)/.test(s.overflowY + s.overflowX) && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
    }).length;
    const px = (sel: string) => Math.min(...[...document.querySelectorAll(sel)].map((el) => parseFloat(getComputedStyle(el).fontSize)));
    return {
      pageOverflow: { y: doc.scrollHeight - window.innerHeight, x: doc.scrollWidth - window.innerWidth },
      scrollingElements: scrolls,
      cells: cells.length,
      outside,
      smallestCellHeight: Math.min(...cells.map((r) => r.height)),
      fontPx: { name: px('.agent-name'), time: px('.agent-time'), state: px('.agent-state'), queues: px('.agent-queues'), summary: px('.agent-summary li') },
    };
  });
}

// A floor of 200: names from two lists, states in realistic shares.
const FIRST = ['ana', 'ben', 'carla', 'dev', 'eva', 'finn', 'gita', 'hugo', 'ines', 'jon', 'kai', 'lena', 'marco', 'nora', 'omar', 'pia', 'raul', 'sara', 'tom', 'uma'];
const LAST = ['silva', 'ng', 'okafor', 'berg', 'ruiz', 'kowal', 'sato', 'dubois', 'moreau', 'khan'];
function floorOf200(tenant: string): object[] {
  const now = Date.now();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
  const events: object[] = [];
  const reasons = ['break', 'lunch', 'training', 'meeting', 'coaching'];
  for (let i = 0; i < 200; i++) {
    const agent = `${FIRST[i % FIRST.length]}.${LAST[Math.floor(i / FIRST.length)]}`;
    const chat = i % 4 === 3;
    const queues = chat ? ['chat-en'] : i % 2 ? ['sales', 'billing'] : ['billing'];
    const since = 60_000 + ((i * 7919) % 3_000_000);
    const base = { tenant, agent };
    const roll = i % 20;
    if (roll === 19) {
      events.push({ ...base, id: `s-${i}`, type: 'agent.state', at: iso(since), state: 'offline', queues });
      continue;
    }
    const away = roll >= 16;
    events.push({ ...base, id: `s-${i}`, type: 'agent.state', at: iso(since + 600_000), state: away ? 'away' : 'available', queues, capacity: chat ? { chat: 3 } : { voice: 1 }, ...(away ? { reason: reasons[i % reasons.length] } : {}) });
    if (away || roll >= 12) continue; // available or away
    const contacts = chat ? 1 + (i % 3) : 1;
    for (let c = 0; c < contacts; c++) {
      const contact = `k-${i}-${c}`;
      const queue = queues[0]!;
      const at = since - c * 20_000;
      events.push({ tenant, id: `${contact}-q`, type: 'contact.queued', at: iso(at + 15_000), contact, queue, channel: chat ? 'chat' : 'voice' });
      events.push({ ...base, id: `${contact}-a`, type: 'contact.answered', at: iso(at), contact, queue });
      if (roll >= 10) events.push({ ...base, id: `${contact}-e`, type: 'contact.ended', at: iso(at - 30_000), contact, queue }); // wrap-up
    }
  }
  return events;
}

describe.skipIf(!chromiumAvailable())("the wall's screens in Chromium", () => {
  let app: TestApp;
  let browser: Browser;
  let feed: Feed;

  beforeAll(async () => {
    ({ app, browser } = await startBrowserApp());
    await applyScenarioSettings(app.server.store, bpo);
    feed = startFeed({ target: app.url, token: app.token, scenario: bpo, seed: 11, warmupMinutes: 45, log: () => {} });
    await feed.warmedUp;
    await app.settled();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await feed?.stop();
    await browser?.close();
    await app?.close();
  });

  it('shows the BPO floor on /wall and writes docs/screenshots/wall.png', async () => {
    const page = await browser.newPage({ viewport: FULL_HD });
    await page.goto(`${app.url}/wall?kiosk#token=${app.token}`);
    for (const q of bpo.queues) await expect.poll(() => page.locator(`[data-queue="${q.tenant}/${q.id}"]`).count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="connection"]').textContent()).toContain('Live');
    // A kiosk: no editing control, no way off the wall.
    expect(await page.locator('[data-testid="edit-layout"], [data-testid="zone-switch"], [data-testid="header-nav"]').count()).toBe(0);
    expect((await layoutFacts(page)).pageOverflow).toEqual({ x: 0, y: 0 });
    await page.screenshot({ path: new URL('wall.png', SCREENSHOTS).pathname });
    await page.close();
  });

  it('shows every signed-in agent with activity in colour and words, time in state ticking, slots and queues; writes agents.png', async () => {
    const page = await browser.newPage({ viewport: FULL_HD });
    await page.goto(`${app.url}/wall?view=2&kiosk#token=${app.token}`);
    await page.locator('[data-testid="agent-grid"] .agent').first().waitFor({ timeout: 15_000 });

    // The grid holds exactly the agents the server says are signed in, in the same states.
    // The floor is live, so compare until a moment where both sides agree.
    await expect
      .poll(
        async () => {
          const { agents } = await graphqlOk<{ agents: WireAgent[] }>(app, '{ agents { id tenant activity reason slots { channel used capacity } } }');
          const server = agents.filter((a) => a.activity !== 'OFFLINE').map((a) => `${a.tenant}/${a.id}:${a.activity.toLowerCase()}`).sort();
          const shown = await page.$$eval('.agent', (cells) => cells.map((c) => `${c.getAttribute('data-agent')}:${c.getAttribute('data-activity')}`).sort());
          return JSON.stringify(shown) === JSON.stringify(server) && shown.length > 40;
        },
        { timeout: 20_000 },
      )
      .toBe(true);

    // Never colour alone: every cell carries an icon of its own shape and a word.
    const words = await page.$$eval('.agent', (cells) =>
      cells.map((c) => ({ activity: c.getAttribute('data-activity'), icon: c.querySelector('.agent-icon')?.textContent, word: c.querySelector('.agent-word')?.textContent ?? '' })),
    );
    for (const w of words) {
      expect(w.icon).toBe(ACTIVITY_ICON[w.activity!.toUpperCase() as keyof typeof ACTIVITY_ICON]);
      expect(w.word.length).toBeGreaterThan(1);
    }
    const byActivity = (a: string) => words.filter((w) => w.activity === a).map((w) => w.word);
    expect(new Set(byActivity('busy'))).toEqual(new Set(['Busy']));
    // Away cells name their reason (the BPO floor takes breaks, lunches and coaching).
    for (const w of byActivity('away')) expect(['Break', 'Lunch', 'Coaching', 'Away']).toContain(w);

    // Chat agents show their slots in use (n/3); every cell names a queue of its agent.
    const chatAgents = bpo.agents.filter((a) => a.capacity.chat === 3).map((a) => `${a.tenant}/${a.id}`);
    const slots = await page.$$eval('.agent', (cells) => cells.map((c) => [c.getAttribute('data-agent'), c.querySelector('[data-metric="slots"]')?.textContent ?? null, c.querySelector('.agent-queues')?.textContent ?? '']));
    const bpoAgents = new Set(bpo.agents.map((a) => `${a.tenant}/${a.id}`));
    for (const [key, slot, queues] of slots.filter(([k]) => bpoAgents.has(k!))) {
      if (chatAgents.includes(key!)) expect(slot).toMatch(/^[0-3]\/3$/);
      else expect(slot).toBeNull();
      expect(queues!.length).toBeGreaterThan(2);
    }
    // The summary counts add up to the cells.
    const summed = await page.$$eval('.agent-summary li:not([data-activity="offline"]) .count', (els) => els.reduce((n, e) => n + Number(e.textContent), 0));
    expect(summed).toBe(words.length);

    // Time in state ticks locally: an away agent's time moves on with nothing posted for it.
    const first = page.locator('.agent').first();
    const key = await first.getAttribute('data-agent');
    const cell = page.locator(`.agent[data-agent="${key}"] [data-metric="time-in-state"]`);
    const before = await cell.textContent();
    await expect.poll(() => cell.textContent(), { timeout: 5000 }).not.toBe(before);

    expect((await layoutFacts(page)).pageOverflow).toEqual({ x: 0, y: 0 });
    await page.screenshot({ path: new URL('agents.png', SCREENSHOTS).pathname });

    // In Spanish, every word of the grid is Spanish.
    await page.click('button.lang');
    await expect.poll(() => page.locator('[data-testid="agents-busy"] .word').textContent()).toBe('Ocupados');
    expect(await page.locator('.agent[data-activity="busy"] .agent-word').first().textContent()).toBe('Ocupados');
    expect(await page.locator('[data-testid="agents-offline"] .word').textContent()).toBe('Fuera');
    await page.close();
  });

  it('fits 200 agents on 1080p and on 4K without scrolling, with type that grows with the screen', async () => {
    const tenant = 'floor200';
    await postAndSettle(app, floorOf200(tenant));
    const facts: Record<string, Awaited<ReturnType<typeof layoutFacts>>> = {};
    for (const [name, viewport] of [
      ['1080p', FULL_HD],
      ['4K', UHD],
    ] as const) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${app.url}/wall/${tenant}?view=2&kiosk#token=${app.token}`);
      await expect.poll(() => page.locator('.agent').count()).toBe(190); // 10 of the 200 are offline
      await expect.poll(() => page.locator('.agent-summary [data-activity="offline"] .count').textContent()).toBe('10');
      facts[name] = await layoutFacts(page);
      await page.screenshot({ path: new URL(`wall-agents-200-${name}.png`, ARTIFACTS).pathname });
      await page.close();
    }
    console.log('agent grid, 190 of 200 agents signed in:', JSON.stringify(facts));
    for (const f of Object.values(facts)) {
      expect(f.pageOverflow).toEqual({ x: 0, y: 0 });
      expect(f.scrollingElements).toBe(0);
      expect(f.cells).toBe(190);
      expect(f.outside).toBe(0);
    }
    // 1080p: the smallest line of a cell still at 11 px (the time at 16+); 4K: twice that.
    const hd = facts['1080p']!.fontPx;
    const uhd = facts['4K']!.fontPx;
    expect(Math.min(hd.name, hd.state, hd.queues)).toBeGreaterThanOrEqual(11);
    expect(hd.time).toBeGreaterThanOrEqual(16);
    expect(Math.min(uhd.name, uhd.state, uhd.queues)).toBeGreaterThanOrEqual(22);
    expect(uhd.time / hd.time).toBeGreaterThan(1.8);
    expect(facts['4K']!.smallestCellHeight / facts['1080p']!.smallestCellHeight).toBeGreaterThan(1.8);
  });

  it('rotates views on a timer without reloading the page or opening new subscriptions', { timeout: 60_000 }, async () => {
    const page = await browser.newPage({ viewport: FULL_HD });
    const subscribes: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => String(f.payload).includes('"subscribe"') && subscribes.push(String(f.payload))));
    await page.goto(`${app.url}/wall/globex?rotate=5&kiosk#token=${app.token}`);
    await expect.poll(() => page.locator('.wall').getAttribute('data-view')).toBe('0');
    await page.locator('.tile').first().waitFor();
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
    const opened = subscribes.length;
    expect(opened).toBeGreaterThanOrEqual(3); // queues, alerts, agents
    await expect.poll(() => page.locator('.wall').getAttribute('data-view'), { timeout: 8000 }).toBe('1');
    expect(await page.locator('.agent').count()).toBeGreaterThan(10);
    expect(await page.locator('.tile').count()).toBe(0);
    await expect.poll(() => page.locator('.wall').getAttribute('data-view'), { timeout: 8000 }).toBe('0');
    expect(await page.locator('.tile').count()).toBe(bpo.queues.filter((q) => q.tenant === 'globex').length);
    expect(await page.locator('[data-testid="rotation"]').textContent()).toMatch(/^1\/2 · next in [1-5] s$/);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(7);
    expect(subscribes.length).toBe(opened);
    await page.close();

    // /wall rotates through each client's views in turn.
    const all = await browser.newPage({ viewport: FULL_HD });
    await all.goto(`${app.url}/wall?rotate=5&kiosk#token=${app.token}`);
    const seen = new Set<string>();
    const names = bpo.tenants.map((t) => t.name);
    await expect
      .poll(
        async () => {
          const scope = (await all.locator('[data-testid="scope"]').textContent()) ?? '';
          // Until the tenant list arrives the scope reads the tenant's id: count named pages only.
          if (names.includes(scope)) seen.add(`${scope}|${await all.locator('.wall').getAttribute('data-view')}`);
          return new Set([...seen].map((s) => s.split('|')[0])).size;
        },
        { timeout: 25_000, interval: 500 },
      )
      .toBeGreaterThanOrEqual(2);
    await all.close();
  });

  it('lets a supervisor lay out a screen at a desk; the TV follows without a reload, on the clock chosen', async () => {
    const supervisor = await tokenFor(app, 'SUPERVISOR', ['globex']);
    const viewer = await tokenFor(app, 'VIEWER', ['globex']);
    // The TV: a kiosk on a screen nobody has saved yet, in a room on São Paulo time.
    const tvContext = await browser.newContext({ viewport: FULL_HD, timezoneId: 'America/Sao_Paulo' });
    const tv = await tvContext.newPage();
    await tv.goto(`${app.url}/wall/globex?screen=lobby&kiosk#token=${viewer}`);
    await expect.poll(() => tv.locator('[data-testid="wall-notice"]').textContent()).toBe('This client has no screen "lobby" yet: showing the default views.');
    expect(await tv.locator('[data-testid="clock-zone"]').textContent()).toBe('Madrid');
    expect(await tv.locator('[data-testid="edit-layout"]').count()).toBe(0);
    await tv.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    // A viewer's token at a desk gets no editor.
    const readOnly = await browser.newPage({ viewport: FULL_HD });
    await readOnly.goto(`${app.url}/wall/globex#token=${viewer}`);
    await readOnly.locator('.tile').first().waitFor();
    expect(await readOnly.locator('[data-testid="edit-layout"]').count()).toBe(0);
    await readOnly.close();

    const desk = await browser.newPage({ viewport: FULL_HD });
    await desk.goto(`${app.url}/wall/globex?screen=lobby#token=${supervisor}`);
    await desk.locator('[data-testid="edit-layout"]').click();
    const editor = desk.locator('[data-testid="wall-editor"]');
    await expect.poll(() => editor.locator('[data-testid="we-name"]').inputValue()).toBe('lobby');
    // View 1: agents of the Spanish cards line, then the totals. View 2: two queues' tiles.
    const view1 = editor.locator('[data-testid="we-view"]').nth(0);
    await view1.locator('[data-testid="we-kind"]').selectOption('AGENTS');
    await view1.locator('.we-queues input').first().uncheck();
    await view1.locator('[data-queue="tarjetas-es"] input').check();
    await view1.getByRole('button', { name: '+ Add panel' }).click();
    await view1.locator('[data-testid="we-kind"]').nth(1).selectOption('TOTALS');
    const view2 = editor.locator('[data-testid="we-view"]').nth(1);
    await view2.locator('[data-testid="we-kind"]').selectOption('QUEUES');
    await view2.locator('.we-queues input').first().uncheck();
    await view2.locator('[data-queue="cards-en"] input').check();
    await view2.locator('[data-queue="banca-chat"] input').check();
    await view2.getByRole('button', { name: '+ Add panel' }).click();
    await view2.locator('[data-testid="we-kind"]').nth(1).selectOption('CHART');
    await view2.locator('.we-inline select').selectOption('cards-en');
    await editor.getByLabel("This screen's time").check();
    await editor.locator('[data-testid="we-save"]').click();
    await expect.poll(() => editor.locator('[data-testid="we-done"]').textContent()).toContain('/wall/globex?screen=lobby&kiosk');

    // The TV, untouched: the agents of tarjetas-es only, the totals under them, times on the room's clock.
    await expect.poll(() => tv.locator('.wall-panel').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(['agents', 'totals']);
    await expect.poll(() => tv.locator('[data-testid="wall-notice"]').count()).toBe(0);
    const tarjetas = bpo.agents.filter((a) => a.queues.includes('tarjetas-es')).map((a) => `globex/${a.id}`);
    await expect.poll(() => tv.locator('.agent').count()).toBeGreaterThan(3);
    for (const key of await tv.$$eval('.agent', (cells) => cells.map((c) => c.getAttribute('data-agent')))) expect(tarjetas).toContain(key);
    await expect.poll(() => tv.locator('[data-testid="wall-totals"] [data-metric="total-offered"]').first().textContent()).toMatch(/^\d+$/);
    expect(await tv.locator('[data-testid="clock-zone"]').textContent()).toBe('Sao Paulo');
    expect((await layoutFacts(tv)).pageOverflow).toEqual({ x: 0, y: 0 });
    await tv.screenshot({ path: new URL('wall-screen-lobby-1.png', ARTIFACTS).pathname });
    // Its second view (picked at the desk's tabs there; here by URL): two queues, then today's chart of one.
    await tv.goto(`${app.url}/wall/globex?screen=lobby&kiosk&view=2`);
    await expect.poll(() => tv.locator('.tile').evaluateAll((els) => els.map((e) => e.getAttribute('data-queue')).sort())).toEqual(['globex/banca-chat', 'globex/cards-en']);
    await tv.locator('[data-testid="wall-chart"] canvas').first().waitFor({ timeout: 10_000 });
    expect(await tv.locator('[data-testid="wall-chart"] .wall-panel-title').textContent()).toBe('Today · Cards (English)');
    expect((await layoutFacts(tv)).pageOverflow).toEqual({ x: 0, y: 0 });
    await tv.screenshot({ path: new URL('wall-screen-lobby-2.png', ARTIFACTS).pathname });

    // Deleting the screen sends the TV back to the default views, still without a reload.
    await tv.evaluate(() => ((window as unknown as { marker: number }).marker = 2));
    await editor.locator('[data-testid="we-delete"]').click();
    await expect.poll(() => tv.locator('[data-testid="wall-notice"]').count()).toBe(1);
    expect(await tv.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(2);
    await desk.close();
    await tvContext.close();
  });

  it("keeps an unsaved screen's choice of clock on the device, per screen", async () => {
    const context = await browser.newContext({ viewport: FULL_HD, timezoneId: 'Asia/Tokyo' });
    const page = await context.newPage();
    await page.goto(`${app.url}/wall/northwind#token=${app.token}`);
    await expect.poll(() => page.locator('[data-testid="clock-zone"]').textContent()).toBe('New York');
    await page.locator('[data-testid="zone-switch"]').click();
    await expect.poll(() => page.locator('[data-testid="clock-zone"]').textContent()).toBe('Tokyo');
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="clock-zone"]').textContent()).toBe('Tokyo');
    await page.goto(`${app.url}/wall/initech`);
    await expect.poll(() => page.locator('[data-testid="clock-zone"]').textContent()).toBe('Manila');
    await context.close();
  });
});
