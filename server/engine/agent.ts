/**
 * Agent presence and activity. Presence (available, away, offline) comes from `agent.state`;
 * what the agent does (busy on a contact, in wrap-up, idle) follows from contact events
 * (events.md). Like visits, the record folds events with order-independent rules: the latest
 * presence by event time wins, and each contact the agent works on keeps its earliest stamps.
 *
 * The fold functions mutate the record they are given (the caller owns it: the store hands
 * aggregate() a record of its own, a fresh copy or the lease holder's cache): an agent's record holds hours of work, and copying it per event
 * was most of the aggregation time. They replace its history array and work entries rather than
 * change them, so the parts of the record as loaded stay as they were (agent time compares the
 * timeline before a batch with the one after).
 */
import type { AgentStateEvent, ContactEvent } from '../../schema/events.ts';
import { eventTimeMs } from '../../schema/events.ts';

export const ACTIVITIES = ['available', 'busy', 'wrapup', 'away', 'offline'] as const;
export type Activity = (typeof ACTIVITIES)[number];

/** One contact the agent works on, keyed in `AgentRecord.work` by visit key. */
export interface AgentWork {
  queue: string;
  channel?: string;
  /** answered, ended (or handed over by transfer), wrapped */
  an?: number;
  en?: number;
  wr?: number;
}

export interface PresenceChange {
  at: number;
  state: 'available' | 'away' | 'offline';
  reason?: string;
}

export interface AgentRecord {
  presence?: 'available' | 'away' | 'offline';
  presenceAt?: number;
  reason?: string;
  /** Presence changes in the retention window, by event time: the agent-time timeline reads them. */
  history?: PresenceChange[];
  queues?: string[];
  /** Event time of the state event that last set `queues` (an older one may arrive later). */
  queuesAt?: number;
  capacity?: Record<string, number>;
  capacityAt?: number;
  work: Record<string, AgentWork>;
}

/**
 * Work is forgotten this long after the agent's latest known activity. A contact event older
 * than that no longer changes what the agent is doing now (it still counts in queue metrics).
 */
export const WORK_RETENTION_MS = 4 * 3_600_000;

const earliest = (a: number | undefined, b: number): number => (a === undefined || b < a ? b : a);

export function emptyAgent(): AgentRecord {
  return { work: {} };
}

/** Later by event time wins; at the same instant the larger value (by JSON) wins, whatever came first. */
function newer(at: number, value: unknown, prevAt: number | undefined, prev: unknown): boolean {
  return prevAt === undefined || at > prevAt || (at === prevAt && JSON.stringify(value) > JSON.stringify(prev));
}

/** Fold an agent.state event into `r` (mutated and returned). */
export function applyAgentState(r: AgentRecord, e: AgentStateEvent, at = eventTimeMs(e.at)): AgentRecord {
  // Presence, queue list and capacity each follow the latest event (by event time) that carried
  // them: a late, older login still tells which queues the agent serves.
  const change: PresenceChange = e.state === 'away' && e.reason ? { at, state: e.state, reason: e.reason } : { at, state: e.state };
  const history = (r.history = r.history ? [...r.history] : []);
  const same = history.findIndex((h) => h.at === at);
  // Two changes at the same instant: keep one, chosen by content, so arrival order does not matter.
  if (same < 0) history.push(change);
  else if (newer(at, change, at, history[same])) history[same] = change;
  history.sort((a, b) => a.at - b.at);
  // The presence now is the latest change by event time (ties settled above, by content).
  const latest = history[history.length - 1]!;
  r.presence = latest.state;
  r.presenceAt = latest.at;
  if (latest.reason) r.reason = latest.reason;
  else delete r.reason;
  if (e.queues && newer(at, e.queues, r.queuesAt, r.queues)) {
    r.queues = [...e.queues];
    r.queuesAt = at;
  }
  if (e.capacity && newer(at, e.capacity, r.capacityAt, r.capacity)) {
    r.capacity = { ...e.capacity };
    r.capacityAt = at;
  }
  return r;
}

/** Fold a contact event that names this agent into `r` (mutated and returned); call `pruneWork` after a batch. */
export function applyAgentWork(r: AgentRecord, visitKey: string, e: ContactEvent, channel?: string, at = eventTimeMs(e.at)): AgentRecord {
  const w = foldWork(r.work[visitKey], e, channel, at);
  if (w) r.work[visitKey] = w;
  return r;
}

/**
 * A contact event folded into the agent's work on that contact: a new entry (`prev` stays as it
 * was), or null when the event is not work (queued, abandoned, overflowed).
 */
export function foldWork(prev: AgentWork | undefined, e: ContactEvent, channel?: string, at = eventTimeMs(e.at)): AgentWork | null {
  const w: AgentWork = prev ? { ...prev } : { queue: e.queue };
  if (channel) w.channel = channel;
  switch (e.type) {
    case 'contact.answered':
      w.an = earliest(w.an, at);
      break;
    case 'contact.ended':
    case 'contact.transferred':
      w.en = earliest(w.en, at);
      break;
    case 'contact.wrapped':
      w.wr = earliest(w.wr, at);
      break;
    default:
      return null;
  }
  return w;
}

function lastStamp(w: AgentWork): number {
  return Math.max(w.an ?? -Infinity, w.en ?? -Infinity, w.wr ?? -Infinity);
}

/**
 * Drop work long past the agent's latest activity, so records stay small (mutates `r`). Returns
 * the work kept. `work` is `r.work` as a map, when the caller has it: walking a record's work (an
 * object with a key per contact) is slow, and a batch needs it several times.
 */
export function pruneWork(r: AgentRecord, work: ReadonlyMap<string, AgentWork> = new Map(Object.entries(r.work))): AgentWork[] {
  let latest = r.presenceAt ?? -Infinity;
  for (const w of work.values()) latest = Math.max(latest, lastStamp(w));
  const cutoff = latest - WORK_RETENTION_MS;
  const kept: AgentWork[] = [];
  for (const [k, w] of work) {
    if (lastStamp(w) < cutoff) delete r.work[k];
    else kept.push(w);
  }
  if (r.history) {
    // Keep the last change before the cutoff: it is the presence in force when the window opens.
    const firstKept = r.history.findIndex((h) => h.at >= cutoff);
    const from = firstKept < 0 ? r.history.length - 1 : Math.max(0, firstKept - 1);
    if (from > 0) r.history = r.history.slice(from);
  }
  return kept;
}

export interface AgentView {
  activity: Activity;
  reason: string | null;
  /** Contacts in progress by channel (chat slots in use). */
  inProgress: number;
  /** Queues the agent counts in: those it serves, and those of contacts in progress. */
  queues: string[];
}

/**
 * What the agent is doing now. Busy wins over everything (a contact in progress), then wrap-up
 * (a contact ended after the agent's latest presence change and nothing answered since),
 * then presence. An agent known only from contact events counts as logged in.
 * Logging off closes all work begun before it. `works` are the values of `r.work`, when the caller
 * has them (see pruneWork).
 */
export function agentView(r: AgentRecord, works: readonly AgentWork[] = Object.values(r.work)): AgentView {
  const since = r.presence === 'offline' ? (r.presenceAt ?? -Infinity) : -Infinity;
  const queues = new Set(r.queues ?? []);
  /** Queues of contacts in progress the agent is not signed in to (a transfer): sorted, as work is kept in arrival order. */
  const elsewhere = new Set<string>();
  let inProgress = 0;
  let latestAnswer = -Infinity;
  let latestOpenEnd = -Infinity;
  for (const w of works) {
    if (w.an !== undefined) latestAnswer = Math.max(latestAnswer, w.an);
    if (w.an !== undefined && w.en === undefined && w.an >= since) {
      inProgress++;
      if (!queues.has(w.queue)) elsewhere.add(w.queue);
    } else if (w.en !== undefined && w.wr === undefined && w.en >= since) {
      latestOpenEnd = Math.max(latestOpenEnd, w.en);
    }
  }
  let activity: Activity;
  if (inProgress > 0) activity = 'busy';
  else if (latestOpenEnd > (r.presenceAt ?? -Infinity) && latestOpenEnd >= latestAnswer) activity = 'wrapup';
  else activity = r.presence ?? 'available';
  return {
    activity,
    reason: activity === 'away' ? (r.reason ?? null) : null,
    inProgress,
    queues: [...queues, ...[...elsewhere].sort()],
  };
}
