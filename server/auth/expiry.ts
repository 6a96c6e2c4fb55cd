/** Acting when a token expires, for what it holds open (sockets, streams). */

/** setTimeout's ceiling (about 24.8 days); a token lives up to two years. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Calls `fn` once `clock()` reaches `at`, in hops no longer than a timeout may be; returns a
 * cancel function. Timers do not keep the process alive.
 */
export function whenExpired(at: number, clock: () => number, fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let cancelled = false;
  const arm = () => {
    if (cancelled) return;
    const left = at - clock();
    if (left <= 0) return fn();
    timer = setTimeout(arm, Math.min(left, MAX_TIMEOUT_MS));
    timer.unref?.();
  };
  arm();
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
