/**
 * Tests that need Redis or Chromium: in CI they must run (a missing dependency fails the run);
 * elsewhere they skip, loudly.
 */
import { inject } from 'vitest';

export function redisOrSkip(): string | null {
  const url = inject('redisUrl');
  if (url) return url;
  if (process.env.CI) throw new Error('CI=true but no redis-server is available');
  console.warn('!!! SKIPPING Redis tests: no redis-server on this machine (they run in CI)');
  return null;
}
