/**
 * A query whose answer stays on screen while it is fetched again: the drill-down refreshes its
 * windows and intervals every minute and must not blank the chart each time. A new key (another
 * day, another step) is a different question, so its answer replaces the old one from empty.
 */
import { createEffect, createMemo, createSignal, on, onCleanup, untrack, type Accessor } from 'solid-js';

export interface PolledQuery<T> {
  data: Accessor<T | undefined>;
  /** True until the first answer for the current key; refreshes do not set it. */
  loading: Accessor<boolean>;
  /** What went wrong with the last attempt, or null; the last good answer stays in `data`. */
  error: Accessor<string | null>;
  /** Fetch again for the current key. A refresh asked for during a fetch runs once it ends. */
  refresh(): void;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * `key` null means "nothing to ask yet" (a time zone still loading). `describeError` turns a
 * failure into words for the page, or null to show none (it may act on it, e.g. sign out).
 */
export function createPolledQuery<K, T>(
  key: Accessor<K | null>,
  fetcher: (key: K, signal: AbortSignal) => Promise<T>,
  describeError: (err: unknown) => string | null,
): PolledQuery<T> {
  const current = createMemo(key, null, { equals: sameJson });
  const [data, setData] = createSignal<T>();
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let inFlight: AbortController | undefined;
  let again = false;

  function load(k: K, fresh: boolean) {
    if (inFlight && !fresh) {
      again = true;
      return;
    }
    inFlight?.abort();
    again = false;
    const ctl = new AbortController();
    inFlight = ctl;
    if (fresh) {
      setData(undefined);
      setLoading(true);
      setError(null);
    }
    fetcher(k, ctl.signal)
      .then((value) => {
        if (ctl.signal.aborted) return;
        setData(() => value);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctl.signal.aborted) setError(describeError(err));
      })
      .finally(() => {
        if (inFlight !== ctl) return;
        inFlight = undefined;
        setLoading(false);
        if (again) refresh();
      });
  }

  function refresh() {
    const k = untrack(current);
    if (k != null) load(k, false);
  }

  createEffect(
    on(current, (k) => {
      if (k != null) return load(k, true);
      inFlight?.abort();
      inFlight = undefined;
      setData(undefined);
    }),
  );
  onCleanup(() => inFlight?.abort());

  return { data, loading, error, refresh };
}
