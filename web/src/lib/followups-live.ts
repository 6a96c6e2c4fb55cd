/**
 * Follow-ups, live, for one tenant: the filtered list from a `followUps` query, then each change
 * from one `followUpChanged` subscription on the page's live link, moved in or out of the
 * filter as it comes. Like `alertChanged`, the subscription sends nothing when it (re)starts,
 * so the list is read again on every reconnect; and since "overdue" changes with time alone,
 * also once a minute (the countdown ticks locally between reads). Changes that arrive while a
 * read is in flight are applied again on top of its answer, so an older answer can't undo them.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { FollowUpStore } from '../stores/followups.ts';
import { FOLLOW_UP_CHANGED_SUBSCRIPTION, FOLLOW_UP_SUMMARY_QUERY, FOLLOW_UPS_QUERY } from './documents.ts';
import { filterVariables, type FollowUpFilter } from './followup-view.ts';
import { AuthError, GraphQLRequestError, query } from './graphql.ts';
import type { LiveLink } from './live-link.ts';
import type { FollowUp, FollowUpPage, FollowUpSummary } from './types.ts';

/** Re-read period: overdue flags and the summary follow the clock, not only changes. */
export const RESYNC_EVERY_MS = 60_000;
export const PAGE_SIZE = 50;
/** The server's largest page: a re-read of many loaded pages asks for at most this many. */
export const MAX_FIRST = 500;
/** A burst of changes (a supervisor closing five in a row) re-reads the summary once. */
const SUMMARY_DEBOUNCE_MS = 400;

export interface FollowUpsLiveOptions {
  tenant: string;
  link: LiveLink;
  token: () => string;
  store: FollowUpStore;
  /** The filter the list is read with; call refilter() when it changes. */
  filter: () => FollowUpFilter;
  pageSize?: number;
  onUnauthorized(): void;
}

export interface FollowUpsLive {
  /** What the server refused on the last read, or null. */
  problem: Accessor<string | null>;
  /** The tenant's counts (not the filter's), or null until read. */
  summary: Accessor<FollowUpSummary | null>;
  /** A read is on its way: 'list' from the start, 'more' the next page. */
  busy: Accessor<'list' | 'more' | null>;
  /** The filter changed: read the list again from its start. */
  refilter(): void;
  /** Read the next page and add it below. */
  loadMore(): void;
  /** A mutation's answer: shown at once, before (and whether or not) the push comes. */
  applyOwn(f: FollowUp): void;
  dispose(): void;
}

/** How many rows a re-read asks for: as many as are loaded, in whole pages, within the server's cap. */
export function rereadSize(loaded: number, pageSize: number): number {
  return Math.min(MAX_FIRST, Math.max(pageSize, Math.ceil(loaded / pageSize) * pageSize));
}

export function startFollowUpsLive(opts: FollowUpsLiveOptions): FollowUpsLive {
  const { store, tenant } = opts;
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  const [problem, setProblem] = createSignal<string | null>(null);
  const [summary, setSummary] = createSignal<FollowUpSummary | null>(null);
  const [busy, setBusy] = createSignal<'list' | 'more' | null>(null);
  let disposed = false;
  let listRead: AbortController | undefined;
  let summaryRead: AbortController | undefined;
  let summaryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Each read in flight collects the changes seen since it was sent. */
  const watchers = new Set<FollowUp[]>();

  const failed = (err: unknown, signal: AbortSignal) => {
    if (signal.aborted || disposed) return;
    if (err instanceof AuthError) opts.onUnauthorized();
    else if (err instanceof GraphQLRequestError) setProblem(err.message);
    // An unreachable server needs no words: the indicator says "reconnecting", and the
    // reconnect reads the list again.
  };

  function change(f: FollowUp) {
    for (const seen of watchers) seen.push(f);
    store.apply(f, opts.filter(), Date.now());
  }

  const stopSubscription = opts.link.subscribe<{ followUpChanged: FollowUp }>(
    { query: FOLLOW_UP_CHANGED_SUBSCRIPTION, variables: { tenant } },
    ({ followUpChanged }) => {
      if (followUpChanged.tenant !== tenant) return;
      change(followUpChanged);
      summarySoon();
    },
  );

  async function readPage(variables: Record<string, unknown>, signal: AbortSignal): Promise<FollowUpPage> {
    const { followUps } = await query<{ followUps: FollowUpPage }>(
      FOLLOW_UPS_QUERY,
      { tenant, ...filterVariables(opts.filter()), ...variables },
      opts.token(),
      signal,
    );
    return followUps;
  }

  /**
   * One read of the list: changes pushed while it is under way are kept and applied over the
   * page it brings, so a read never undoes a newer change.
   */
  async function read(busy: 'list' | 'more', page: { first: number; after: string | null }, put: (rows: Awaited<ReturnType<typeof readPage>>, now: number) => void) {
    const ctl = new AbortController();
    listRead = ctl;
    const seen: FollowUp[] = [];
    watchers.add(seen);
    setBusy(busy);
    try {
      const rows = await readPage(page, ctl.signal);
      if (ctl.signal.aborted || disposed) return;
      const now = Date.now();
      put(rows, now);
      for (const f of seen) store.apply(f, opts.filter(), now);
      setProblem(null);
    } catch (err) {
      failed(err, ctl.signal);
    } finally {
      watchers.delete(seen);
      if (listRead === ctl) {
        listRead = undefined;
        setBusy(null);
      }
    }
  }

  /** Reads the list from its start: the first page after a new filter, else as many rows as are loaded. */
  async function readList(fromScratch: boolean) {
    listRead?.abort();
    if (fromScratch) store.clear();
    const first = fromScratch ? pageSize : rereadSize(Object.keys(store.rows).length, pageSize);
    await read('list', { first, after: null }, (rows, now) => store.replace(rows, now));
  }

  async function loadMore() {
    if (listRead || !store.hasNextPage || !store.endCursor) return;
    await read('more', { first: pageSize, after: store.endCursor }, (rows, now) => store.append(rows, now));
  }

  async function readSummary() {
    clearTimeout(summaryTimer);
    summaryRead?.abort();
    const ctl = new AbortController();
    summaryRead = ctl;
    try {
      const { followUpSummary } = await query<{ followUpSummary: FollowUpSummary }>(FOLLOW_UP_SUMMARY_QUERY, { tenant }, opts.token(), ctl.signal);
      if (!ctl.signal.aborted && !disposed) setSummary(followUpSummary);
    } catch (err) {
      failed(err, ctl.signal);
    }
  }

  function summarySoon() {
    clearTimeout(summaryTimer);
    summaryTimer = setTimeout(() => void readSummary(), SUMMARY_DEBOUNCE_MS);
  }

  const resync = () => {
    void readList(false);
    void readSummary();
  };
  const stopConnected = opts.link.onConnected(resync);
  const timer = setInterval(resync, RESYNC_EVERY_MS);
  void readList(true);
  void readSummary();

  return {
    problem,
    summary,
    busy,
    refilter: () => void readList(true),
    loadMore: () => void loadMore(),
    applyOwn(f) {
      change(f);
      summarySoon();
    },
    dispose() {
      disposed = true;
      clearInterval(timer);
      clearTimeout(summaryTimer);
      listRead?.abort();
      summaryRead?.abort();
      stopConnected();
      stopSubscription();
    },
  };
}
