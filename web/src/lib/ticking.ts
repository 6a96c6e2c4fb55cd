/** Local ticking between server updates: a TV shows the oldest wait growing every second
 * without the server pushing one message per second per queue. */

export interface TickSource {
  waiting: number;
  longestWaitSeconds: number;
  /** Local `Date.now()` when the snapshot arrived. Local time, not the server's `asOf`, so a
   * skewed TV clock cannot make waits jump or run backwards. */
  receivedAtMs: number;
}

/** The longest wait to display at `nowMs`; 0 when nobody waits. */
export function longestWaitAt(q: TickSource, nowMs: number): number {
  if (q.waiting <= 0) return 0;
  return q.longestWaitSeconds + Math.max(0, nowMs - q.receivedAtMs) / 1000;
}

/** Milliseconds until the next whole second, so one timer flips the clock and every
 * wait together on the second boundary. */
export function msToNextSecond(nowMs: number): number {
  return 1000 - (nowMs % 1000);
}
