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

export interface StoreCase {
  store: 'memory' | 'redis';
  redisUrl?: string;
}

/** The stores a test runs against: memory always, Redis where there is one (always in CI). */
export function storeCases(): [name: 'memory' | 'redis', options: StoreCase][] {
  const url = redisOrSkip();
  return [['memory', { store: 'memory' }], ...(url ? [['redis', { store: 'redis', redisUrl: url }] as ['redis', StoreCase]] : [])];
}
