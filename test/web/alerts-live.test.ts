import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAlertsLive } from '../../web/src/lib/alerts-live.ts';
import type { LiveLink } from '../../web/src/lib/live-link.ts';
import type { Alert } from '../../web/src/lib/types.ts';
import { createAlertStore } from '../../web/src/stores/alerts.ts';

const alert = (id: string, state: Alert['state']): Alert => ({
  id, tenant: 't', queue: 'q', rule: null, state, severity: 'WARNING', value: 1, since: '2026-11-23T09:00:00.000Z',
  firedAt: '2026-11-23T09:01:00.000Z', resolvedAt: state === 'RESOLVED' ? '2026-11-23T09:05:00.000Z' : null,
  acknowledgedBy: null, acknowledgedAt: null, acknowledgementNote: null, acknowledgedUntil: null,
});

/** A link whose pushes and reconnects the test makes happen. */
function fakeLink() {
  let push: (data: unknown) => void = () => {};
  let connected: () => void = () => {};
  const link: LiveLink = {
    subscribe: <T,>(_op: unknown, onData: (data: T) => void) => {
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
  return { link, push: (a: Alert) => push({ alertChanged: a }), connect: () => connected() };
}

/** fetch answers the test releases one at a time, recording what was asked. */
function pendingFetch() {
  const calls: { body: { variables: Record<string, unknown> }; answer(body: unknown, status?: number): void }[] = [];
  vi.stubGlobal('fetch', (_url: string, init: { body: string }) =>
    new Promise((resolve) =>
      calls.push({
        body: JSON.parse(init.body),
        answer: (body, status = 200) => resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })),
      }),
    ),
  );
  return calls;
}

const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => vi.unstubAllGlobals());

describe('startAlertsLive', () => {
  it('fills the store from the query, then follows the subscription', async () => {
    const calls = pendingFetch();
    const { link, push } = fakeLink();
    const store = createAlertStore();
    const live = startAlertsLive({ tenant: 't', link, token: () => 'tok', store, onUnauthorized: () => {} });
    expect(calls[0]!.body.variables).toEqual({ tenant: 't', states: null });
    calls[0]!.answer({ data: { alerts: [alert('a', 'FIRING')] } });
    await settle();
    expect(Object.keys(store.active)).toEqual(['a']);
    push(alert('a', 'RESOLVED'));
    expect(store.active).toEqual({});
    live.dispose();
  });

  it('re-applies changes that arrive while a read is in flight, so an older answer cannot undo them', async () => {
    const calls = pendingFetch();
    const { link, push } = fakeLink();
    const store = createAlertStore();
    const live = startAlertsLive({ tenant: 't', link, token: () => 'tok', store, onUnauthorized: () => {} });
    // The server answers with "a firing" but, meanwhile, "a" resolved and "b" fired.
    push(alert('a', 'RESOLVED'));
    push(alert('b', 'FIRING'));
    calls[0]!.answer({ data: { alerts: [alert('a', 'FIRING')] } });
    await settle();
    expect(Object.keys(store.active)).toEqual(['b']);
    live.dispose();
  });

  it('reads again on every reconnect (the subscription replays nothing), with the resolved ones when asked', async () => {
    const calls = pendingFetch();
    const { link, connect } = fakeLink();
    const store = createAlertStore();
    const live = startAlertsLive({ tenant: undefined, link, token: () => 'tok', store, withResolved: true, onUnauthorized: () => {} });
    expect(calls[0]!.body.variables).toEqual({ tenant: null, states: ['PENDING', 'FIRING', 'ACKNOWLEDGED', 'RESOLVED'] });
    calls[0]!.answer({ data: { alerts: [alert('a', 'FIRING')] } });
    await settle();
    connect();
    expect(calls).toHaveLength(2);
    calls[1]!.answer({ data: { alerts: [alert('a', 'RESOLVED'), alert('c', 'ACKNOWLEDGED')] } });
    await settle();
    expect(Object.keys(store.active)).toEqual(['c']);
    expect(store.resolved.map((a) => a.id)).toEqual(['a']);
    live.dispose();
  });

  it("says what the server refused, and signs out on a refused token", async () => {
    const calls = pendingFetch();
    const { link, connect } = fakeLink();
    const onUnauthorized = vi.fn();
    const live = startAlertsLive({ tenant: 'x', link, token: () => 'tok', store: createAlertStore(), onUnauthorized });
    calls[0]!.answer({ data: null, errors: [{ message: 'not allowed to read tenant "x"', extensions: { code: 'FORBIDDEN' } }] }, 403);
    await settle();
    expect(live.problem()).toBe('not allowed to read tenant "x"');
    connect();
    calls[1]!.answer({}, 401);
    await settle();
    expect(onUnauthorized).toHaveBeenCalledOnce();
    live.dispose();
  });
});
