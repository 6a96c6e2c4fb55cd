import { describe, expect, it } from 'vitest';
import { bannerView, compareAlerts, countByState, filterAlerts, onTheWall, sortAlerts, tileAlerts } from '../../web/src/lib/alert-view.ts';
import type { Alert } from '../../web/src/lib/types.ts';

const T0 = Date.parse('2026-11-23T09:00:00Z');
let n = 0;

function alert(over: Partial<Alert> & { sinceMin?: number }): Alert {
  const { sinceMin = 0, ...rest } = over;
  return {
    id: `t:${++n}`,
    tenant: 't',
    queue: 'q',
    rule: null,
    state: 'FIRING',
    severity: 'WARNING',
    value: 1,
    since: new Date(T0 + sinceMin * 60_000).toISOString(),
    firedAt: new Date(T0 + sinceMin * 60_000).toISOString(),
    resolvedAt: null,
    acknowledgedBy: null,
    acknowledgedAt: null,
    acknowledgementNote: null,
    acknowledgedUntil: null,
    ...rest,
  };
}

describe('banner order', () => {
  it('puts firing before acknowledged, critical before warning before info, then the oldest first', () => {
    const ackCritical = alert({ state: 'ACKNOWLEDGED', severity: 'CRITICAL', sinceMin: 0 });
    const info = alert({ severity: 'INFO', sinceMin: 0 });
    const newWarning = alert({ severity: 'WARNING', sinceMin: 9 });
    const oldWarning = alert({ severity: 'WARNING', sinceMin: 2 });
    const critical = alert({ severity: 'CRITICAL', sinceMin: 5 });
    const pending = alert({ state: 'PENDING', severity: 'CRITICAL', sinceMin: 1 });
    expect(sortAlerts([ackCritical, info, newWarning, oldWarning, critical, pending])).toEqual([
      critical,
      oldWarning,
      newWarning,
      info,
      pending,
      ackCritical,
    ]);
  });

  it('treats an alert whose rule is gone (no severity) as a warning, and breaks ties by id so rows never swap', () => {
    const a = alert({ id: 't:a', severity: null, sinceMin: 3 });
    const b = alert({ id: 't:b', severity: 'WARNING', sinceMin: 3 });
    expect(compareAlerts(a, b)).toBeLessThan(0);
    expect(compareAlerts(b, a)).toBeGreaterThan(0);
  });

  it('keeps pending alerts off the wall', () => {
    expect(['PENDING', 'FIRING', 'ACKNOWLEDGED', 'RESOLVED'].map((state) => onTheWall({ state: state as Alert['state'] }))).toEqual([false, true, true, false]);
  });
});

describe('bannerView', () => {
  it('shows every alert when they fit', () => {
    const list = [alert({ severity: 'INFO' }), alert({ severity: 'CRITICAL' }), alert({ state: 'PENDING' })];
    const view = bannerView(list, 4);
    expect(view.rows.map((a) => a.severity)).toEqual(['CRITICAL', 'INFO']);
    expect(view).toMatchObject({ hidden: 0, hiddenFiring: 0 });
  });

  it('never grows past maxRows: the last line becomes "+N more", counting the firing ones left out', () => {
    const list = [
      alert({ severity: 'CRITICAL', sinceMin: 1 }),
      alert({ severity: 'WARNING', sinceMin: 2 }),
      alert({ severity: 'WARNING', sinceMin: 3 }),
      alert({ severity: 'INFO', sinceMin: 4 }),
      alert({ state: 'ACKNOWLEDGED', severity: 'CRITICAL', sinceMin: 0 }),
    ];
    const view = bannerView(list, 4);
    expect(view.rows).toEqual(sortAlerts(list).slice(0, 3));
    expect(view).toMatchObject({ hidden: 2, hiddenFiring: 1 });
    expect(bannerView(list, 5).hidden).toBe(0);
  });
});

describe('tileAlerts', () => {
  it("gives each queue its most urgent alert on the wall, and leaves tenant-wide ones to the banner", () => {
    const ack = alert({ queue: 'billing', state: 'ACKNOWLEDGED', severity: 'CRITICAL' });
    const firing = alert({ queue: 'billing', severity: 'INFO' });
    const pending = alert({ queue: 'sales', state: 'PENDING' });
    const tenantWide = alert({ queue: null, severity: 'CRITICAL' });
    const otherTenant = alert({ tenant: 'u', queue: 'billing', severity: 'WARNING' });
    const tiles = tileAlerts([ack, firing, pending, tenantWide, otherTenant]);
    expect([...tiles.keys()].sort()).toEqual(['t/billing', 'u/billing']);
    expect(tiles.get('t/billing')).toEqual({ alert: firing, others: 1 });
    expect(tiles.get('u/billing')).toEqual({ alert: otherTenant, others: 0 });
  });
});

describe('filters', () => {
  it('filters by state and severity, and counts by state', () => {
    const list = [
      alert({ state: 'FIRING', severity: 'CRITICAL' }),
      alert({ state: 'FIRING', severity: 'INFO' }),
      alert({ state: 'ACKNOWLEDGED', severity: 'CRITICAL' }),
      alert({ state: 'PENDING', severity: 'WARNING' }),
    ];
    expect(filterAlerts(list, { state: 'ALL', severity: 'ALL' })).toHaveLength(4);
    expect(filterAlerts(list, { state: 'FIRING', severity: 'ALL' })).toEqual(list.slice(0, 2));
    expect(filterAlerts(list, { state: 'ALL', severity: 'CRITICAL' })).toEqual([list[0], list[2]]);
    expect(filterAlerts(list, { state: 'PENDING', severity: 'CRITICAL' })).toEqual([]);
    expect(countByState(list)).toEqual({ FIRING: 2, ACKNOWLEDGED: 1, PENDING: 1, RESOLVED: 0 });
  });
});
