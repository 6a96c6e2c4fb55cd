/**
 * An agent as the wall's agent grid shows it: what the agent is doing, since when, how many of
 * its slots are in use and which queues it serves. Pure: built from the agent's record at an
 * instant, once per change, and sent as is to every subscriber.
 */
import { activityAt } from '../engine/agent-time.ts';
import { agentView, type Activity, type AgentRecord, type AgentWork, type PresenceChange } from '../engine/agent.ts';

export interface AgentSlots {
  channel: string;
  /** Contacts in progress on this channel. */
  used: number;
  /** Slots the agent has on this channel (`agent.state` capacity); 0 when it never said. */
  capacity: number;
}

export interface AgentSnapshot {
  tenant: string;
  id: string;
  activity: Activity;
  /** The away reason ("break", "lunch"); null unless away. */
  reason: string | null;
  /** Event time at which the current activity began; null when the record cannot tell. */
  since: number | null;
  /** Seconds in the current activity at `asOf` (never negative: events may be stamped ahead). */
  secondsInState: number | null;
  /** Contacts in progress, all channels. */
  inProgress: number;
  /** Per channel, sorted by channel. */
  slots: AgentSlots[];
  /** Queues the agent counts in (those it serves and those of contacts in progress), sorted. */
  queues: string[];
  asOf: number;
}

/** `t` when it is a stamp before `before` and later than `latest`; else `latest`. */
function laterBefore(latest: number, t: number | undefined, before: number): number {
  return t !== undefined && t < before && t > latest ? t : latest;
}

/**
 * The latest instant before `before` at which the record says something changed; -Infinity when
 * there is none. A scan, not a sort of every stamp: the walk below takes one or two steps as a
 * rule, and each step's activityAt reads the whole record anyway.
 */
function stampBefore(history: readonly PresenceChange[], works: readonly AgentWork[], before: number): number {
  let latest = -Infinity;
  for (const h of history) latest = laterBefore(latest, h.at, before);
  for (const w of works) latest = laterBefore(laterBefore(laterBefore(latest, w.an, before), w.en, before), w.wr, before);
  return latest;
}

/**
 * When the agent's current activity (and away reason) began: walk back over the record's
 * stamps while the activity at each is the current one. Two overlapping chats are one spell of
 * "busy"; a new away reason starts a new spell. The walk stops at the first stamp that differs,
 * so it usually looks at one or two stamps. `works`: the record's work, when the caller has
 * listed it already.
 */
export function activitySince(r: AgentRecord, activity: Activity, reason: string | null, works = Object.values(r.work)): number | null {
  const history = r.history ?? [];
  let since: number | null = null;
  for (let at = stampBefore(history, works, Infinity); at !== -Infinity; at = stampBefore(history, works, at)) {
    const then = activityAt(r, at);
    if (then.activity !== activity || then.reason !== reason) break;
    since = at;
  }
  return since;
}

/** Contacts in progress per channel, the way agentView counts them (answered, not ended, not before a log-off). */
function inProgressByChannel(r: AgentRecord, works: readonly AgentWork[]): Map<string, number> {
  const offlineSince = r.presence === 'offline' ? (r.presenceAt ?? -Infinity) : -Infinity;
  const out = new Map<string, number>();
  for (const w of works) {
    if (w.an === undefined || w.en !== undefined || w.an < offlineSince) continue;
    const channel = w.channel ?? 'voice';
    out.set(channel, (out.get(channel) ?? 0) + 1);
  }
  return out;
}

export function agentSnapshot(tenant: string, id: string, r: AgentRecord, now: number): AgentSnapshot {
  const view = agentView(r);
  // Listed once for both: `work` is keyed by visit, and listing it costs more than walking it.
  const works = Object.values(r.work);
  const since = activitySince(r, view.activity, view.reason, works);
  const used = inProgressByChannel(r, works);
  const channels = new Set([...Object.keys(r.capacity ?? {}), ...used.keys()]);
  return {
    tenant,
    id,
    activity: view.activity,
    reason: view.reason,
    since,
    secondsInState: since === null ? null : Math.max(0, (now - since) / 1000),
    inProgress: view.inProgress,
    slots: [...channels].sort().map((channel) => ({ channel, used: used.get(channel) ?? 0, capacity: r.capacity?.[channel] ?? 0 })),
    queues: [...view.queues].sort(),
    asOf: now,
  };
}

/** Every agent of a tenant, sorted by id. */
export function agentSnapshots(tenant: string, records: Map<string, AgentRecord>, now: number): AgentSnapshot[] {
  return [...records]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, r]) => agentSnapshot(tenant, id, r, now));
}
