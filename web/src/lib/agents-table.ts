/**
 * The supervisor's agents table, pure: which agents a filter keeps, in which order, how many
 * there are per activity, and which of them have been in one state too long. The filter lives in
 * the address (`?view=agents&queue=billing&activity=away&long=1&sort=name`) so a view can be
 * shared; parseAgentFilter and agentFilterSearch go each way.
 */
import { ACTIVITY_ORDER, activityKey, secondsInStateAt, type GridAgent } from './agent-grid.ts';
import type { Agent, AgentActivity } from './wall-documents.ts';

/** SIGNED_IN: every activity but OFFLINE (offline agents are counted, listed only on demand). */
export type ActivityFilter = 'SIGNED_IN' | AgentActivity;
export type AgentSort = 'time' | 'name';

export interface AgentFilter {
  /** A queue id of the tenant; null: all queues. */
  queue: string | null;
  activity: ActivityFilter;
  /** Only the agents flagged as too long in their state. */
  longOnly: boolean;
  sort: AgentSort;
}

export const DEFAULT_AGENT_FILTER: AgentFilter = { queue: null, activity: 'SIGNED_IN', longOnly: false, sort: 'time' };

export const ACTIVITY_FILTERS: readonly ActivityFilter[] = ['SIGNED_IN', ...ACTIVITY_ORDER];

const MIN = 60;

/**
 * How long an agent may stay in one state before the desk flags it. There is no tenant setting
 * for this (yet), so these are the floor's usual rules of thumb: a break is 15 minutes, so an
 * agent away longer is probably overrunning or forgot to sign back in; after-contact work of
 * more than 5 minutes is usually a wrap-up left open. Busy, available and offline are not
 * flagged: a long call is the queue's business (its handle time), a long idle spell the
 * staffing's.
 */
export const STATE_LIMIT_SECONDS: Partial<Record<AgentActivity, number>> = { AWAY: 15 * MIN, WRAPUP: 5 * MIN };

/**
 * Away reasons that are scheduled to last longer than a break: flagging a lunch at minute 16
 * would teach supervisors to ignore the flag. Reasons not listed (free text included) get the
 * AWAY limit above.
 */
export const AWAY_REASON_LIMIT_SECONDS: Readonly<Record<string, number>> = { lunch: 60 * MIN, training: 60 * MIN, meeting: 60 * MIN };

/** The limit of the agent's current state, in seconds; null when that state is never flagged. */
export function stateLimitSeconds(a: Pick<Agent, 'activity' | 'reason'>): number | null {
  if (a.activity === 'AWAY' && a.reason && Object.hasOwn(AWAY_REASON_LIMIT_SECONDS, a.reason)) return AWAY_REASON_LIMIT_SECONDS[a.reason]!;
  return STATE_LIMIT_SECONDS[a.activity] ?? null;
}

/** The limit the agent is over at `nowMs` (seconds), or null when it is within it or has none. */
export function overLimitAt(a: Pick<GridAgent, 'activity' | 'reason' | 'secondsInState' | 'receivedAtMs'>, nowMs: number): number | null {
  const limit = stateLimitSeconds(a);
  const seconds = secondsInStateAt(a, nowMs);
  return limit !== null && seconds !== null && seconds > limit ? limit : null;
}

/** "15 min", "1 h", "1 h 30 min": a limit in words the same in English and Spanish. */
export function limitText(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** The limits in force, for the hint under the table: the AWAY and WRAPUP limits, then the reasons with their own. */
export function limitRules(): { activity: AgentActivity; reason: string | null; seconds: number }[] {
  const rules: { activity: AgentActivity; reason: string | null; seconds: number }[] = [];
  for (const activity of ACTIVITY_ORDER) {
    const seconds = STATE_LIMIT_SECONDS[activity];
    if (seconds !== undefined) rules.push({ activity, reason: null, seconds });
  }
  for (const [reason, seconds] of Object.entries(AWAY_REASON_LIMIT_SECONDS)) rules.push({ activity: 'AWAY', reason, seconds });
  return rules;
}

export const servesQueue = (a: Pick<Agent, 'queues'>, queue: string | null) => queue === null || a.queues.includes(queue);

const matchesActivity = (a: Pick<Agent, 'activity'>, f: ActivityFilter) => (f === 'SIGNED_IN' ? a.activity !== 'OFFLINE' : a.activity === f);

/** The agents a filter keeps (unsorted). `nowMs` decides who is over the limit. */
export function filterAgents<A extends GridAgent>(agents: Iterable<A>, f: Pick<AgentFilter, 'queue' | 'activity' | 'longOnly'>, nowMs: number): A[] {
  const out: A[] = [];
  for (const a of agents) {
    if (!servesQueue(a, f.queue) || !matchesActivity(a, f.activity)) continue;
    if (f.longOnly && overLimitAt(a, nowMs) === null) continue;
    out.push(a);
  }
  return out;
}

const byName = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
const compareNames = (x: Pick<Agent, 'tenant' | 'id'>, y: Pick<Agent, 'tenant' | 'id'>) =>
  byName.compare(x.id, y.id) || byName.compare(x.tenant, y.tenant) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/**
 * When the agent's current state began on the local clock. Every agent's time ticks at the same
 * rate, so ordering by this is ordering by time in state at any instant, and the order does not
 * need recomputing every second: only when an update arrives.
 */
const localStart = (a: Pick<GridAgent, 'secondsInState' | 'receivedAtMs'>) =>
  a.secondsInState === null ? Infinity : a.receivedAtMs - a.secondsInState * 1000;

/** A sorted copy: by time in state, longest first (unknown times last), or by name; ties by name. */
export function sortAgents<A extends GridAgent>(agents: readonly A[], sort: AgentSort): A[] {
  const copy = [...agents];
  if (sort === 'name') return copy.sort(compareNames);
  return copy.sort((x, y) => {
    const sx = localStart(x);
    const sy = localStart(y);
    return sx === sy ? compareNames(x, y) : sx < sy ? -1 : 1;
  });
}

/** Agents per activity (offline included) and how many are over their limit at `nowMs`. */
export function countAgents(agents: Iterable<GridAgent>, nowMs: number): { counts: Record<AgentActivity, number>; overLimit: number } {
  const counts: Record<AgentActivity, number> = { BUSY: 0, WRAPUP: 0, AVAILABLE: 0, AWAY: 0, OFFLINE: 0 };
  let overLimit = 0;
  for (const a of agents) {
    counts[a.activity]++;
    if (overLimitAt(a, nowMs) !== null) overLimit++;
  }
  return { counts, overLimit };
}

/** The queues a filter can pick: the tenant's and any an agent serves that the tenant has not named. */
export function queueOptions(named: readonly { id: string; name: string }[], agents: Iterable<Pick<Agent, 'queues'>>): { id: string; name: string }[] {
  const byId = new Map(named.map((q) => [q.id, q.name]));
  for (const a of agents) for (const q of a.queues) if (!byId.has(q)) byId.set(q, q);
  return [...byId].map(([id, name]) => ({ id, name })).sort((a, b) => byName.compare(a.name, b.name) || byName.compare(a.id, b.id));
}

export interface AgentSearch {
  queue?: string | undefined;
  activity?: string | undefined;
  long?: string | undefined;
  sort?: string | undefined;
}

const ACTIVITY_BY_KEY = new Map<string, AgentActivity>(ACTIVITY_ORDER.map((a) => [activityKey(a), a]));

/** The filter in the address; anything unknown falls back to the default rather than failing. */
export function parseAgentFilter(s: AgentSearch): AgentFilter {
  return {
    queue: s.queue ? s.queue : null,
    activity: (s.activity && ACTIVITY_BY_KEY.get(s.activity)) || 'SIGNED_IN',
    longOnly: s.long === '1',
    sort: s.sort === 'name' ? 'name' : 'time',
  };
}

/** The address's part of a filter; defaults are left out (undefined removes them). */
export function agentFilterSearch(f: AgentFilter): Record<keyof AgentSearch, string | undefined> {
  return {
    queue: f.queue ?? undefined,
    activity: f.activity === 'SIGNED_IN' ? undefined : activityKey(f.activity),
    long: f.longOnly ? '1' : undefined,
    sort: f.sort === 'name' ? 'name' : undefined,
  };
}
