import { describe, expect, it } from 'vitest';
import type { Alert } from '../../web/src/lib/types.ts';
import { createAlertStore, MAX_RESOLVED } from '../../web/src/stores/alerts.ts';

const alert = (id: string, state: Alert['state'], over: Partial<Alert> = {}): Alert => ({
  id, tenant: 't', queue: 'q', rule: null, state, severity: 'WARNING', value: 1, since: '2026-11-23T09:00:00.000Z',
  firedAt: state === 'PENDING' ? null : '2026-11-23T09:01:00.000Z', resolvedAt: state === 'RESOLVED' ? '2026-11-23T09:05:00.000Z' : null,
  acknowledgedBy: null, acknowledgedAt: null, acknowledgementNote: null, acknowledgedUntil: null, ...over,
});

describe('alert store', () => {
  it('keys active alerts by id, updates them in place, and moves a resolved one to the resolved list', () => {
    const store = createAlertStore();
    store.apply(alert('a', 'FIRING'));
    store.apply(alert('b', 'PENDING'));
    store.apply(alert('a', 'ACKNOWLEDGED', { acknowledgedBy: 'Ana' }));
    expect(Object.keys(store.active).sort()).toEqual(['a', 'b']);
    expect(store.active.a).toMatchObject({ state: 'ACKNOWLEDGED', acknowledgedBy: 'Ana' });
    store.apply(alert('a', 'RESOLVED', { acknowledgedBy: 'Ana' }));
    expect(Object.keys(store.active)).toEqual(['b']);
    expect(store.resolved.map((a) => a.id)).toEqual(['a']);
  });

  it('drops a pending alert that cleared without listing it as resolved: it never fired', () => {
    const store = createAlertStore();
    store.apply(alert('p', 'PENDING'));
    store.apply(alert('p', 'RESOLVED', { firedAt: null }));
    expect(store.active).toEqual({});
    expect(store.resolved).toEqual([]);
  });

  it('replaces the whole picture from a query, keeping the resolved list unless given one', () => {
    const store = createAlertStore();
    store.apply(alert('old', 'FIRING'));
    store.apply(alert('gone', 'RESOLVED'));
    store.replace([alert('x', 'FIRING'), alert('y', 'ACKNOWLEDGED')]);
    expect(Object.keys(store.active).sort()).toEqual(['x', 'y']);
    expect(store.resolved.map((a) => a.id)).toEqual(['gone']);
    store.replace([alert('x', 'FIRING')], [alert('r1', 'RESOLVED'), alert('r0', 'RESOLVED', { firedAt: null })]);
    expect(Object.keys(store.active)).toEqual(['x']);
    expect(store.resolved.map((a) => a.id)).toEqual(['r1']);
  });

  it(`keeps at most ${MAX_RESOLVED} resolved alerts, newest first, each once`, () => {
    const store = createAlertStore();
    for (let i = 0; i < MAX_RESOLVED + 10; i++) store.apply(alert(`r${i}`, 'RESOLVED'));
    store.apply(alert(`r${MAX_RESOLVED + 9}`, 'RESOLVED'));
    expect(store.resolved).toHaveLength(MAX_RESOLVED);
    expect(store.resolved[0]!.id).toBe(`r${MAX_RESOLVED + 9}`);
    expect(new Set(store.resolved.map((a) => a.id)).size).toBe(MAX_RESOLVED);
  });
});
