/**
 * When the drill-down re-runs its queries: on a steady period, and sooner when a live update
 * says the numbers moved, but never more often than a minimum gap. A busy queue changes several
 * times a second; re-aggregating a day of intervals for each change would load the server for
 * nothing a person can read.
 */

export interface RefresherOptions {
  /** Refresh this long after the last refresh, whatever happens. */
  everyMs: number;
  /** A poke refreshes at once if the last refresh is at least this old, else when it will be. */
  minGapMs: number;
  now?: () => number;
}

export interface Refresher {
  /** Something changed: refresh now or at the end of the minimum gap (several pokes, one refresh). */
  poke(): void;
  dispose(): void;
}

export function createRefresher(run: () => void, opts: RefresherOptions): Refresher {
  const now = opts.now ?? Date.now;
  let last = now();
  let periodic: ReturnType<typeof setTimeout> | undefined;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  function schedule() {
    clearTimeout(periodic);
    clearTimeout(trailing);
    trailing = undefined;
    periodic = setTimeout(fire, opts.everyMs);
  }

  function fire() {
    if (disposed) return;
    last = now();
    schedule();
    run();
  }

  schedule();

  return {
    poke() {
      if (disposed || trailing !== undefined) return;
      const wait = last + opts.minGapMs - now();
      if (wait <= 0) fire();
      else trailing = setTimeout(fire, wait);
    },
    dispose() {
      disposed = true;
      clearTimeout(periodic);
      clearTimeout(trailing);
    },
  };
}
