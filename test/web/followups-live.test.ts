import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FILTER, sortFollowUps, type FollowUpFilter } from '../../web/src/lib/followup-view.ts';
import { rereadSize, RESYNC_EVERY_MS, startFollowUpsLive } from '../../web/src/lib/followups-live.ts';
import type { LiveLink } from '../../web/src/lib/live-link.ts';
import type { FollowUp } from '../../web/src/lib/types.ts';
import { createFollowUpStore } from '../../web/src/stores/followups.ts';

const fu = (id: string, dueMin: number, over: Partial<FollowUp> = {}): FollowUp => ({
  id, tenant: 't', kind: 'CALLBACK', status: 'OPEN', owner: null, queue: 'q', contact: null, priority: null, note: null,
  createdAt: '2026-11-23T09:00:00.000Z', dueAt: new Date(Date.parse('2026-11-23T10:00:00.000Z') + dueMin * 60_000).toISOString(),
  dueInSeconds: dueMin * 60, businessSecondsLeft: null, overdue: dueMin < 0, dueSoon: false, metOnTime: null, paused: false, ...over,
});

const listAnswer = (nodes: FollowUp[], totalCount = nodes.length, endCursor: string | null = null) => ({
  data: { followUps: { totalCount, nodes, pageInfo: { hasNextPage: endCursor !== null, endCursor } } },
});
const summaryAnswer = (overdue = 0) => ({ data: { followUpSummary: { open: 3, dueSoon: 1, overdue, metOnTimeRate: null } } });

/** A link whose pushes and reconnects the test makes happen. */
function fakeLink() {
  let push: (data: unknown) => void = () => {};
  let connected: () => void = () => {};
  const subscribed: { query: string; variables: Record<string, unknown> }[] = [];
  const link: LiveLink = {
    subscribe: <T,>(op: { query: string; variables: Record<string, unknown> }, onData: (data: T) => void) => {
      subscribed.push(op);
      push = onData as (data: unknown) => void;
      return () => {};
    },
    onConnected: (l) => {
      connected = l;
      return () => {};
    },
    reconnect: () => {},
    dispose: () => {},
  };
  return { link, subscribed, push: (f: FollowUp) => push({ followUpChanged: f }), connect: () => connected() };
}

type Call = { body: { query: string; variables: Record<string, unknown> }; answer(body: unknown, status?: number): void };

/** fetch answers the test releases one at a time, list reads and summary reads apart. */
function pendingFetch() {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (_url: string, init: { body: string; signal?: AbortSignal }) =>
    new Promise((resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      calls.push({
        body: JSON.parse(init.body),
        answer: (body, status = 200) => resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
      });
    }),
  );
  return {
    lists: () => calls.filter((c) => c.body.query.includes('followUps(')),
    summaries: () => calls.filter((c) => c.body.query.includes('followUpSummary(')),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const ids = (store: ReturnType<typeof createFollowUpStore>) => sortFollowUps(Object.values(store.rows)).map((f) => f.id);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('rereadSize', () => {
  it('asks for the loaded rows in whole pages, at least one page, at most the server cap', () => {
    expect([0, 1, 50, 51, 120, 499, 800].map((n) => rereadSize(n, 50))).toEqual([50, 50, 50, 100, 150, 500, 500]);
  });
});

describe('startFollowUpsLive', () => {
  it('reads the filtered list and the summary, then follows the subscription in and out of the filter', async () => {
    const fetches = pendingFetch();
    const { link, subscribed, push } = fakeLink();
    const store = createFollowUpStore();
    const filter: FollowUpFilter = { ...DEFAULT_FILTER, queue: 'q' };
    const live = startFollowUpsLive({ tenant: 't', link, token: () => 'tok', store, filter: () => filter, onUnauthorized: () => {} });
    expect(subscribed[0]!.variables).toEqual({ tenant: 't' });
    expect(fetches.lists()[0]!.body.variables).toEqual({
      tenant: 't', status: ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER'], overdue: null, owner: null, queue: 'q', first: 50, after: null,
    });
    fetches.lists()[0]!.answer(listAnswer([fu('late', -5), fu('soon', 5)]));
    fetches.summaries()[0]!.answer(summaryAnswer(1));
    await settle();
    expect(ids(store)).toEqual(['late', 'soon']);
    expect(live.summary()).toMatchObject({ overdue: 1 });
    expect(live.busy()).toBeNull();

    push(fu('late', -5, { status: 'DONE' }));
    push(fu('new', 1));
    push(fu('other-queue', 0, { queue: 'r' }));
    push(fu('x', 0, { tenant: 'someone-else' }));
    expect(ids(store)).toEqual(['new', 'soon']);
    expect(store.totalCount).toBe(2);
    live.dispose();
  });

  it('re-applies changes that arrive while a read is in flight, so an older answer cannot undo them', async () => {
    const fetches = pendingFetch();
    const { link, push } = fakeLink();
    const store = createFollowUpStore();
    const live = startFollowUpsLive({ tenant: 't', link, token: () => 'tok', store, filter: () => DEFAULT_FILTER, onUnauthorized: () => {} });
    push(fu('a', 1, { status: 'DONE' }));
    push(fu('b', 2, { owner: 'ana' }));
    // The read left before those changes: "a" still open, "b" not yet there.
    fetches.lists()[0]!.answer(listAnswer([fu('a', 1)]));
    await settle();
    expect(ids(store)).toEqual(['b']);
    expect(store.rows.b!.owner).toBe('ana');
    live.dispose();
  });

  it('reads again on every reconnect and every minute, as many rows as are loaded', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'setTimeout', 'clearInterval', 'clearTimeout'] });
    const fetches = pendingFetch();
    const { link, connect } = fakeLink();
    const store = createFollowUpStore();
    const live = startFollowUpsLive({ tenant: 't', link, token: () => 'tok', store, filter: () => DEFAULT_FILTER, pageSize: 2, onUnauthorized: () => {} });
    fetches.lists()[0]!.answer(listAnswer([fu('a', 1), fu('b', 2)], 5, 'c2'));
    await vi.advanceTimersByTimeAsync(0);
    live.loadMore();
    expect(fetches.lists()[1]!.body.variables).toMatchObject({ first: 2, after: 'c2' });
    fetches.lists()[1]!.answer(listAnswer([fu('c', 3), fu('d', 4)], 5, 'c4'));
    await vi.advanceTimersByTimeAsync(0);
    expect(ids(store)).toEqual(['a', 'b', 'c', 'd']);

    connect();
    expect(fetches.lists()[2]!.body.variables).toMatchObject({ first: 4, after: null });
    expect(fetches.summaries()).toHaveLength(2);
    // "b" became overdue with time alone; "c" was closed while the socket was down.
    fetches.lists()[2]!.answer(listAnswer([fu('a', 1), fu('b', 2, { overdue: true }), fu('d', 4), fu('e', 5)], 5, 'c4'));
    await vi.advanceTimersByTimeAsync(0);
    expect(ids(store)).toEqual(['a', 'b', 'd', 'e']);
    expect(store.rows.b!.overdue).toBe(true);

    await vi.advanceTimersByTimeAsync(RESYNC_EVERY_MS);
    expect(fetches.lists()).toHaveLength(4);
    expect(fetches.summaries()).toHaveLength(3);
    live.dispose();
    await vi.advanceTimersByTimeAsync(RESYNC_EVERY_MS);
    expect(fetches.lists()).toHaveLength(4);
  });

  it('starts over from the first page when the filter changes', async () => {
    const fetches = pendingFetch();
    const { link } = fakeLink();
    const store = createFollowUpStore();
    let filter: FollowUpFilter = DEFAULT_FILTER;
    const live = startFollowUpsLive({ tenant: 't', link, token: () => 'tok', store, filter: () => filter, onUnauthorized: () => {} });
    fetches.lists()[0]!.answer(listAnswer([fu('a', 1)]));
    await settle();
    filter = { ...DEFAULT_FILTER, overdueOnly: true, owner: 'ana' };
    live.refilter();
    expect(store.loaded).toBe(false);
    expect(ids(store)).toEqual([]);
    expect(live.busy()).toBe('list');
    expect(fetches.lists()[1]!.body.variables).toMatchObject({ overdue: true, owner: 'ana', first: 50, after: null });
    fetches.lists()[1]!.answer(listAnswer([fu('z', -3, { owner: 'ana' })]));
    await settle();
    expect(ids(store)).toEqual(['z']);
    live.dispose();
  });

  it('says what the server refused, and signs out on a refused token', async () => {
    const fetches = pendingFetch();
    const { link, connect } = fakeLink();
    const onUnauthorized = vi.fn();
    const live = startFollowUpsLive({ tenant: 'x', link, token: () => 'tok', store: createFollowUpStore(), filter: () => DEFAULT_FILTER, onUnauthorized });
    fetches.lists()[0]!.answer({ data: null, errors: [{ message: 'not allowed to read tenant "x"', extensions: { code: 'FORBIDDEN' } }] }, 403);
    await settle();
    expect(live.problem()).toBe('not allowed to read tenant "x"');
    connect();
    fetches.lists()[1]!.answer({}, 401);
    await settle();
    expect(onUnauthorized).toHaveBeenCalledOnce();
    live.dispose();
  });

  it("shows a mutation's answer at once", async () => {
    const fetches = pendingFetch();
    const { link } = fakeLink();
    const store = createFollowUpStore();
    const live = startFollowUpsLive({ tenant: 't', link, token: () => 'tok', store, filter: () => DEFAULT_FILTER, onUnauthorized: () => {} });
    fetches.lists()[0]!.answer(listAnswer([fu('a', 1)]));
    await settle();
    live.applyOwn(fu('a', 1, { status: 'CANCELLED' }));
    expect(ids(store)).toEqual([]);
    live.dispose();
  });
});
