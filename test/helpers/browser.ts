/**
 * Real Chromium for browser tests, through playwright-core and Debian's chromium package
 * (never `npx playwright install`: no browser downloads here; research/stack.md §6).
 *
 * Without Chromium the browser tests skip with a loud warning on a developer machine, and fail
 * in CI, where .ci/run must `apt-get install -y chromium`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, WEB_DIR, type TestApp } from './app.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// No sandbox: tests run as root in containers. The rest keeps Chromium from reaching for
// Google services, which hang or log errors on a closed network.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Whether browser tests can run. Throws in CI when Chromium is missing, so a broken CI image
 * fails instead of passing with every browser test skipped.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) {
    throw new Error(`CI is set but Chromium is missing at ${CHROMIUM_PATH}: .ci/run must apt-get install -y chromium`);
  }
  console.warn(
    `\n!!! Chromium not found at ${CHROMIUM_PATH}: browser tests are SKIPPED (they must run in CI). apt-get install -y chromium\n`,
  );
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}

/** Screenshots of the browser tests (gitignored). */
export const ARTIFACTS = new URL('../.artifacts/', import.meta.url);

/** The real server serving the built web app, and Chromium, for a browser suite. */
export async function startBrowserApp(opts: Parameters<typeof startApp>[0] = {}): Promise<{ app: TestApp; browser: Browser }> {
  if (!existsSync(join(WEB_DIR, 'index.html'))) {
    throw new Error(`${WEB_DIR} has no build: run \`npx vite build\` first (npm test does)`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const [app, browser] = await Promise.all([startApp(opts), launchChromium()]);
  return { app, browser };
}

/** Text as a reader sees it: runs of white space as one space, trimmed. */
export const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/** The squashed text of the first element matching `selector`, waiting for it up to `timeoutMs`. */
export async function textOf(page: Page, selector: string, timeoutMs = 2000): Promise<string> {
  return squash(await page.locator(selector).first().textContent({ timeout: timeoutMs }));
}
