/**
 * Requests per caller, as token buckets: each API token (or, before authentication, each
 * client address) may burst to `burst` requests and then `perSecond`. Past that: 429 with
 * Retry-After. Per process: with several instances a caller gets the limit on each.
 */
import type { MiddlewareHandler } from 'hono';
import { drain } from './drain.ts';
import type { AppEnv } from './env.ts';

export interface RateLimitOptions {
  perSecond: number;
  burst: number;
  clock?: () => number;
}

export function rateLimit(opts: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const clock = opts.clock ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return async function limitRate(c, next) {
    const principal = c.get('principal');
    const addr = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
    const key = principal ? `token:${principal.id}` : `addr:${addr ?? 'unknown'}`;
    const now = clock();
    const b = buckets.get(key) ?? { tokens: opts.burst, at: now };
    b.tokens = Math.min(opts.burst, b.tokens + ((now - b.at) / 1000) * opts.perSecond);
    b.at = now;
    if (b.tokens < 1) {
      buckets.set(key, b);
      const wait = Math.max(1, Math.ceil((1 - b.tokens) / opts.perSecond));
      await drain(c.req.raw); // the body first, or the client sees a reset instead of this 429
      c.header('Retry-After', String(wait));
      return c.json({ error: `too many requests: at most ${opts.perSecond} a second (bursts of ${opts.burst}); retry after ${wait} s` }, 429);
    }
    b.tokens -= 1;
    buckets.set(key, b);
    // Idle callers' buckets are full again: forget them so the map stays small.
    if (buckets.size > 10_000) for (const [k, v] of buckets) if (now - v.at > (opts.burst / opts.perSecond) * 1000) buckets.delete(k);
    await next();
  };
}
