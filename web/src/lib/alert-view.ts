/**
 * Which alerts show where, in what order. A wall changes only when something happens: the
 * order is most urgent first and then oldest first, so a new alert joins the end of its group
 * instead of pushing every row down, and rows don't shuffle between updates.
 */
import { severityOf } from './alert-text.ts';
import type { Alert, AlertSeverity, AlertState } from './types.ts';

export const SEVERITY_RANK: Record<AlertSeverity, number> = { CRITICAL: 0, WARNING: 1, INFO: 2 };

/** Firing first (someone must act), then pending (about to), then acknowledged (in hand). */
const STATE_RANK: Record<AlertState, number> = { FIRING: 0, PENDING: 1, ACKNOWLEDGED: 2, RESOLVED: 3 };

/** Pending alerts stay off the wall: they have not held for the rule's `forSeconds` yet and
 * most clear by themselves, and a wall that blinks for them is one people learn to ignore. */
export const onTheWall = (a: Pick<Alert, 'state'>): boolean => a.state === 'FIRING' || a.state === 'ACKNOWLEDGED';

export function compareAlerts(a: Alert, b: Alert): number {
  return (
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    SEVERITY_RANK[severityOf(a)] - SEVERITY_RANK[severityOf(b)] ||
    Date.parse(a.since) - Date.parse(b.since) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export const sortAlerts = (list: readonly Alert[]): Alert[] => [...list].sort(compareAlerts);

export interface BannerView {
  rows: Alert[];
  /** Alerts left out of the rows, and how many of those are firing. */
  hidden: number;
  hiddenFiring: number;
}

/**
 * The banner's rows: the wall's alerts in order, at most `maxRows` lines tall. When they don't
 * all fit, the last line says how many more there are instead, so the banner never grows past
 * `maxRows` and never pushes the tiles off the screen.
 */
export function bannerView(alerts: readonly Alert[], maxRows: number): BannerView {
  const sorted = sortAlerts(alerts.filter(onTheWall));
  if (sorted.length <= maxRows) return { rows: sorted, hidden: 0, hiddenFiring: 0 };
  const shown = Math.max(0, maxRows - 1);
  const rest = sorted.slice(shown);
  return { rows: sorted.slice(0, shown), hidden: rest.length, hiddenFiring: rest.filter((a) => a.state === 'FIRING').length };
}

export interface TileAlert {
  /** The alert the tile shows: its most urgent. */
  alert: Alert;
  /** Further alerts of the same queue on the wall. */
  others: number;
}

/** Each queue's most urgent alert on the wall, keyed `${tenant}/${queue}` like the board.
 * Tenant-wide alerts (no queue) belong to no tile: the banner shows them. */
export function tileAlerts(alerts: readonly Alert[]): Map<string, TileAlert> {
  const byQueue = new Map<string, Alert[]>();
  for (const a of alerts) {
    if (a.queue === null || !onTheWall(a)) continue;
    const key = `${a.tenant}/${a.queue}`;
    byQueue.set(key, [...(byQueue.get(key) ?? []), a]);
  }
  const out = new Map<string, TileAlert>();
  for (const [key, list] of byQueue) {
    const [first, ...rest] = sortAlerts(list);
    if (first) out.set(key, { alert: first, others: rest.length });
  }
  return out;
}

export type StateFilter = AlertState | 'ALL';
export type SeverityFilter = AlertSeverity | 'ALL';

export function filterAlerts(list: readonly Alert[], filter: { state: StateFilter; severity: SeverityFilter }): Alert[] {
  return list.filter(
    (a) => (filter.state === 'ALL' || a.state === filter.state) && (filter.severity === 'ALL' || severityOf(a) === filter.severity),
  );
}

/** How many alerts are in each state, for the supervisor's filter buttons. */
export function countByState(list: readonly Alert[]): Record<AlertState, number> {
  const counts: Record<AlertState, number> = { PENDING: 0, FIRING: 0, ACKNOWLEDGED: 0, RESOLVED: 0 };
  for (const a of list) counts[a.state]++;
  return counts;
}
