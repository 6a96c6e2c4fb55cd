/**
 * The agent grid's rules, pure: which agents a panel shows, how many columns and rows fit them
 * in a box without scrolling, the counts in its summary line, and the time in state ticking
 * locally between updates.
 */
import type { Agent, AgentActivity, AgentSlots } from './wall-documents.ts';

/** An agent on the wall, with the local time its latest update arrived. */
export type GridAgent = Agent & { receivedAtMs: number };

/** Shapes that differ without their colour: the grid is never colour alone. */
export const ACTIVITY_ICON: Record<AgentActivity, string> = {
  BUSY: '●',
  WRAPUP: '◐',
  AVAILABLE: '○',
  AWAY: '‖',
  OFFLINE: '×',
};

/** The summary's order: working first, then ready, then not there. */
export const ACTIVITY_ORDER: readonly AgentActivity[] = ['BUSY', 'WRAPUP', 'AVAILABLE', 'AWAY', 'OFFLINE'];

export const activityKey = (a: AgentActivity) => a.toLowerCase() as 'available' | 'busy' | 'wrapup' | 'away' | 'offline';

export const agentKey = (a: Pick<Agent, 'tenant' | 'id'>) => `${a.tenant}/${a.id}`;

/**
 * Time in state to display at `nowMs`: the server's count at `asOf` plus the local time since the
 * update arrived. Local arrival time, not the server's clock, so a skewed TV clock cannot make it
 * jump or run backwards.
 */
export function secondsInStateAt(a: Pick<GridAgent, 'secondsInState' | 'receivedAtMs'>, nowMs: number): number | null {
  if (a.secondsInState === null) return null;
  return a.secondsInState + Math.max(0, nowMs - a.receivedAtMs) / 1000;
}

/**
 * The agents of a panel: signed in (offline agents only count in the summary), serving any of
 * `queues` (null: all), in a stable order (tenant, then id) so nobody's cell moves when they
 * change state: a TV viewer finds a colleague where they were a minute ago.
 */
export function panelAgents<A extends Agent>(agents: Iterable<A>, queues: readonly string[] | null): { shown: A[]; offline: number } {
  const wanted = queues ? new Set(queues) : null;
  const shown: A[] = [];
  let offline = 0;
  for (const a of agents) {
    if (wanted && !a.queues.some((q) => wanted.has(q))) continue;
    if (a.activity === 'OFFLINE') offline++;
    else shown.push(a);
  }
  shown.sort((x, y) => (x.tenant === y.tenant ? (x.id < y.id ? -1 : x.id > y.id ? 1 : 0) : x.tenant < y.tenant ? -1 : 1));
  return { shown, offline };
}

export interface ActivitySummary {
  counts: Record<AgentActivity, number>;
  /** Away agents by reason, most first; "" for no reason given. */
  awayReasons: { reason: string; count: number }[];
}

export function summarize(agents: Iterable<Pick<Agent, 'activity' | 'reason'>>, offline: number): ActivitySummary {
  const counts: Record<AgentActivity, number> = { BUSY: 0, WRAPUP: 0, AVAILABLE: 0, AWAY: 0, OFFLINE: offline };
  const reasons = new Map<string, number>();
  for (const a of agents) {
    counts[a.activity]++;
    if (a.activity === 'AWAY') reasons.set(a.reason ?? '', (reasons.get(a.reason ?? '') ?? 0) + 1);
  }
  const awayReasons = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  return { counts, awayReasons };
}

/** "2/3" for one multi-slot channel, "voice 1/1 · chat 2/3" for several; null when there is nothing to say. */
export function slotsText(slots: readonly AgentSlots[], channelName: (channel: string) => string): string | null {
  const shown = slots.filter((s) => s.capacity > 0 || s.used > 0);
  if (shown.length === 0) return null;
  const part = (s: AgentSlots) => (s.capacity > 0 ? `${s.used}/${s.capacity}` : String(s.used));
  // One contact at a time (a voice line, a callback on it) says nothing the activity does not.
  if (shown.every((s) => s.capacity <= 1) && shown.reduce((n, s) => n + s.used, 0) <= 1) return null;
  if (shown.length === 1) return part(shown[0]!);
  return shown.map((s) => `${channelName(s.channel)} ${part(s)}`).join(' · ');
}

export interface GridShape {
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
}

/** A cell's proportions at which its three lines read best (width : height). */
export const CELL_ASPECT = 2.1;

/**
 * Columns and rows for `count` cells in a `width` × `height` box with `gap` between cells, so
 * that the cells are as large as possible for their content: the text scales with the smaller
 * of the cell's width and height (measured against CELL_ASPECT), so the best shape is the one
 * whose limiting side is longest. Every cell fits: rows × cell height never exceeds the box.
 */
export function gridShape(count: number, width: number, height: number, gap: number): GridShape {
  const n = Math.max(1, count);
  let best: GridShape = { columns: 1, rows: n, cellWidth: width, cellHeight: Math.max(0, (height - (n - 1) * gap) / n) };
  let bestSize = -1;
  for (let columns = 1; columns <= n; columns++) {
    const rows = Math.ceil(n / columns);
    // A column count that leaves a whole empty column is never better than one fewer.
    if (columns > 1 && Math.ceil(n / (columns - 1)) === rows) continue;
    const cellWidth = (width - (columns - 1) * gap) / columns;
    const cellHeight = (height - (rows - 1) * gap) / rows;
    if (cellWidth <= 0 || cellHeight <= 0) continue;
    const size = Math.min(cellWidth / CELL_ASPECT, cellHeight);
    if (size > bestSize + 1e-9) {
      bestSize = size;
      best = { columns, rows, cellWidth, cellHeight };
    }
  }
  return best;
}
