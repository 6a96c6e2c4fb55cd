import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, sortFollowUps } from '../../web/src/lib/followup-view.ts';
import type { FollowUp, FollowUpPage } from '../../web/src/lib/types.ts';
import { createFollowUpStore } from '../../web/src/stores/followups.ts';

const fu = (id: string, dueMin: number, over: Partial<FollowUp> = {}): FollowUp => ({
  id, tenant: 't', kind: 'CALLBACK', status: 'OPEN', owner: null, queue: 'q', contact: null, priority: null, note: null,
  createdAt: '2026-11-23T09:00:00.000Z', dueAt: new Date(Date.parse('2026-11-23T10:00:00.000Z') + dueMin * 60_000).toISOString(),
  dueInSeconds: dueMin * 60, businessSecondsLeft: null, overdue: dueMin < 0, dueSoon: false, metOnTime: null, paused: false, ...over,
});

const page = (nodes: FollowUp[], totalCount = nodes.length, hasNextPage = false): FollowUpPage => ({
  totalCount, nodes, pageInfo: { hasNextPage, endCursor: hasNextPage ? `c${nodes.length}` : null },
});

const ids = (store: ReturnType<typeof createFollowUpStore>) => sortFollowUps(Object.values(store.rows)).map((f) => f.id);

describe('follow-up store', () => {
  it('holds a read, stamped with its arrival, and replaces it with the next', () => {
    const store = createFollowUpStore();
    expect(store.loaded).toBe(false);
    store.replace(page([fu('b', 10), fu('a', -5)]), 1000);
    expect(store.loaded).toBe(true);
    expect(ids(store)).toEqual(['a', 'b']);
    expect(store.rows.a!.receivedAtMs).toBe(1000);
    store.replace(page([fu('b', 10, { owner: 'ana' })]), 2000);
    expect(ids(store)).toEqual(['b']);
    expect(store.rows.b).toMatchObject({ owner: 'ana', receivedAtMs: 2000 });
    expect(store.totalCount).toBe(1);
  });

  it('moves a pushed change in or out of the filter, keeping the total', () => {
    const store = createFollowUpStore();
    store.replace(page([fu('a', -5), fu('b', 10)]), 0);
    // Done: out of the open list.
    store.apply(fu('a', -5, { status: 'DONE' }), DEFAULT_FILTER, 1);
    expect(ids(store)).toEqual(['b']);
    expect(store.totalCount).toBe(1);
    // A new one: in, in its place.
    store.apply(fu('c', 2), DEFAULT_FILTER, 2);
    expect(ids(store)).toEqual(['c', 'b']);
    expect(store.totalCount).toBe(2);
    // An update of a listed one: in place, no count change.
    store.apply(fu('c', 2, { owner: 'li' }), DEFAULT_FILTER, 3);
    expect(store.rows.c).toMatchObject({ owner: 'li', receivedAtMs: 3 });
    expect(store.totalCount).toBe(2);
    // Reassigned away from the owner filtered on: out.
    const mine = { ...DEFAULT_FILTER, owner: 'li' };
    store.replace(page([fu('c', 2, { owner: 'li' })]), 4);
    store.apply(fu('c', 2, { owner: 'ana' }), mine, 5);
    expect(ids(store)).toEqual([]);
    expect(store.totalCount).toBe(0);
    // Something that never matched and is not listed changes nothing.
    store.apply(fu('z', 1, { owner: 'ana' }), mine, 6);
    expect(store.totalCount).toBe(0);
  });

  it('leaves a change past the loaded pages to "Load more", and appends pages without doubles', () => {
    const store = createFollowUpStore();
    store.replace(page([fu('a', 1), fu('b', 2)], 4, true), 0);
    store.apply(fu('late-due', 500), DEFAULT_FILTER, 1);
    expect(ids(store)).toEqual(['a', 'b']);
    expect(store.totalCount).toBe(4);
    // Within the loaded part it is shown at once.
    store.apply(fu('early', 0), DEFAULT_FILTER, 1);
    expect(ids(store)).toEqual(['early', 'a', 'b']);
    // The next page repeats b (positions shifted): it is updated, not doubled.
    store.append(page([fu('b', 2, { owner: 'x' }), fu('c', 3), fu('late-due', 500)], 5, false), 2);
    expect(ids(store)).toEqual(['early', 'a', 'b', 'c', 'late-due']);
    expect(store.rows.b!.owner).toBe('x');
    expect(store.hasNextPage).toBe(false);
    expect(store.totalCount).toBe(5);
  });

  it('empties for a new filter', () => {
    const store = createFollowUpStore();
    store.replace(page([fu('a', 1)], 9, true), 0);
    store.clear();
    expect(store).toMatchObject({ loaded: false, totalCount: 0, hasNextPage: false, endCursor: null });
    expect(ids(store)).toEqual([]);
  });
});
