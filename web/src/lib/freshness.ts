/** What the connection indicator shows. A socket can look open while nothing flows (a dead
 * proxy, a sleeping laptop), so staleness is judged by when we last heard anything. */

export type LinkStatus = 'connecting' | 'live' | 'reconnecting';
export type Indicator = LinkStatus | 'stale';

/** Keep-alive pings go out every 10 s; three missed answers mean the data can't be trusted. */
export const STALE_AFTER_MS = 30_000;

/** True when something was heard once but nothing (message or pong) for STALE_AFTER_MS. */
export function isStale(lastHeardMs: number | null, nowMs: number): boolean {
  return lastHeardMs !== null && nowMs - lastHeardMs >= STALE_AFTER_MS;
}

/** Stale wins over the link status: a viewer must know the numbers are old, whatever the socket says. */
export function indicator(status: LinkStatus, lastHeardMs: number | null, nowMs: number): Indicator {
  return isStale(lastHeardMs, nowMs) ? 'stale' : status;
}
