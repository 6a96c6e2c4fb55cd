/**
 * The follow-ups a supervisor's list shows: the loaded part of the server's filtered,
 * due-ordered list, keyed by id, with the server's total and where the next page starts.
 * A pushed change moves a row in or out of the filter; the total is exact after each read and
 * kept close between reads (a change to a row past the loaded pages can't be told apart from a
 * new one, so those wait for the next read).
 */
import { batch } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import { compareFollowUps, matchesFilter, type FollowUpFilter } from '../lib/followup-view.ts';
import type { FollowUp, FollowUpPage } from '../lib/types.ts';

/** A follow-up and the local time it arrived: the countdown runs from there (followup-view.ts). */
export type FollowUpRow = FollowUp & { receivedAtMs: number };

export interface FollowUpStore {
  readonly rows: Readonly<Record<string, FollowUpRow>>;
  /** Matching follow-ups on the server, loaded or not. */
  readonly totalCount: number;
  readonly hasNextPage: boolean;
  readonly endCursor: string | null;
  /** Whether a first read has answered (an empty list before it is "loading", not "none"). */
  readonly loaded: boolean;
  /** The first pages, from a read: everything else goes. */
  replace(page: FollowUpPage, receivedAtMs: number): void;
  /** The next page, from "Load more". */
  append(page: FollowUpPage, receivedAtMs: number): void;
  /** One change (the subscription, or a mutation's answer), placed in or out of `filter`. */
  apply(f: FollowUp, filter: FollowUpFilter, receivedAtMs: number): void;
  /** Empties the list (another filter is on its way). */
  clear(): void;
}

interface State {
  rows: Record<string, FollowUpRow>;
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
  loaded: boolean;
}

export function createFollowUpStore(): FollowUpStore {
  const [state, setState] = createStore<State>({ rows: {}, totalCount: 0, hasNextPage: false, endCursor: null, loaded: false });

  const withTime = (f: FollowUp, receivedAtMs: number): FollowUpRow => ({ ...f, receivedAtMs });

  /** The last loaded row in the server's order, or null when none is loaded. */
  function lastLoaded(): FollowUp | null {
    let last: FollowUp | null = null;
    for (const r of Object.values(state.rows)) if (!last || compareFollowUps(r, last) > 0) last = r;
    return last;
  }

  function replace(page: FollowUpPage, receivedAtMs: number) {
    batch(() => {
      setState('rows', reconcile(Object.fromEntries(page.nodes.map((f) => [f.id, withTime(f, receivedAtMs)]))));
      setState({ totalCount: page.totalCount, hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor, loaded: true });
    });
  }

  function append(page: FollowUpPage, receivedAtMs: number) {
    batch(() => {
      // Positions shift as follow-ups come and go, so a page may repeat a row: keyed by id, it
      // is simply updated.
      for (const f of page.nodes) setState('rows', f.id, reconcile(withTime(f, receivedAtMs)));
      setState({ totalCount: page.totalCount, hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor });
    });
  }

  function apply(f: FollowUp, filter: FollowUpFilter, receivedAtMs: number) {
    const had = f.id in state.rows;
    const fits = matchesFilter(f, filter);
    batch(() => {
      if (fits && had) {
        setState('rows', f.id, reconcile(withTime(f, receivedAtMs)));
      } else if (fits) {
        // Past the loaded pages it belongs to a page not loaded yet: "Load more" brings it.
        const last = state.hasNextPage ? lastLoaded() : null;
        if (last && compareFollowUps(f, last) > 0) return;
        setState('rows', f.id, withTime(f, receivedAtMs));
        setState('totalCount', (n) => n + 1);
      } else if (had) {
        setState(
          'rows',
          produce((rows) => {
            delete rows[f.id];
          }),
        );
        setState('totalCount', (n) => Math.max(0, n - 1));
      }
    });
  }

  function clear() {
    batch(() => {
      setState('rows', reconcile({}));
      setState({ totalCount: 0, hasNextPage: false, endCursor: null, loaded: false });
    });
  }

  return {
    get rows() {
      return state.rows;
    },
    get totalCount() {
      return state.totalCount;
    },
    get hasNextPage() {
      return state.hasNextPage;
    },
    get endCursor() {
      return state.endCursor;
    },
    get loaded() {
      return state.loaded;
    },
    replace,
    append,
    apply,
    clear,
  };
}
