/**
 * Agent time: how long each agent spent available, busy, in wrap-up and away (by reason), per
 * interval, for occupancy (metrics.md: agent-time metrics are sliced into the intervals in
 * which the time was spent).
 *
 * Why a timeline derived from the record: time in a state depends on the sequence of state
 * changes, and events arrive out of order. The agent record holds its presence history and its
 * work; the activity at any instant is a function of the record, so the timeline of closed
 * segments is too. A batch adds `slices(after) − slices(before)` from the first segment that
 * differs: whatever the order of events, the sum is the slices of the final timeline. The
 * segment still open (after the agent's latest event) is not counted until it closes.
 */
import type { Activity, AgentRecord, PresenceChange } from './agent.ts';

export interface Segment {
  start: number;
  end: number;
  activity: Activity;
  reason: string | null;
  /** Queues the agent counted in during the segment (sorted). */
  queues: string[];
}

/**
 * What the agent was doing at instant `t`: agentView's rules applied to the record as it stood
 * then (presence in force at `t`, work stamped after `t` undone), computed without building
 * that record: a timeline asks this once per stamp.
 */
export function activityAt(r: AgentRecord, t: number): { activity: Activity; reason: string | null; queues: string[] } {
  let presence: PresenceChange | undefined;
  for (const h of r.history ?? []) {
    if (h.at > t) break;
    presence = h;
  }
  const presenceAt = presence?.at ?? -Infinity;
  const since = presence?.state === 'offline' ? presenceAt : -Infinity;
  let inProgress = 0;
  let latestAnswer = -Infinity;
  let latestOpenEnd = -Infinity;
  let extraQueues: string[] | null = null;
  for (const w of Object.values(r.work)) {
    if (w.an === undefined || w.an > t) continue;
    latestAnswer = Math.max(latestAnswer, w.an);
    const ended = w.en !== undefined && w.en <= t;
    const wrapped = w.wr !== undefined && w.wr <= t;
    if (!ended && w.an >= since) {
      inProgress++;
      (extraQueues ??= []).push(w.queue);
    } else if (ended && !wrapped && w.en! >= since) {
      latestOpenEnd = Math.max(latestOpenEnd, w.en!);
    }
  }
  let activity: Activity;
  if (inProgress > 0) activity = 'busy';
  else if (latestOpenEnd > presenceAt && latestOpenEnd >= latestAnswer) activity = 'wrapup';
  else activity = presence?.state ?? 'available';
  const queues = extraQueues ? [...new Set([...(r.queues ?? []), ...extraQueues])].sort() : [...(r.queues ?? [])].sort();
  return { activity, reason: activity === 'away' ? (presence?.reason ?? null) : null, queues };
}

/** Closed segments of constant activity, from the agent's first known stamp to its latest. */
export function agentTimeline(r: AgentRecord): Segment[] {
  const stamps = new Set<number>();
  for (const h of r.history ?? []) stamps.add(h.at);
  for (const w of Object.values(r.work)) {
    if (w.an !== undefined) stamps.add(w.an);
    if (w.en !== undefined) stamps.add(w.en);
    if (w.wr !== undefined) stamps.add(w.wr);
  }
  const sorted = [...stamps].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const v = activityAt(r, sorted[i]!);
    const seg: Segment = { start: sorted[i]!, end: sorted[i + 1]!, ...v };
    const last = segments[segments.length - 1];
    // Consecutive stamps with the same activity make one segment: fewer slices to write.
    if (last && last.end === seg.start && last.activity === seg.activity && last.reason === seg.reason && sameQueues(last.queues, seg.queues)) last.end = seg.end;
    else segments.push(seg);
  }
  return segments;
}

function sameQueues(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((q, i) => q === b[i]);
}

function sameSegment(a: Segment, b: Segment): boolean {
  return a.start === b.start && a.end === b.end && a.activity === b.activity && a.reason === b.reason && sameQueues(a.queues, b.queues);
}

/** The segments to take back and to add: both timelines from their first difference on. */
export function timelineChange(before: Segment[], after: Segment[]): { removed: Segment[]; added: Segment[] } {
  let i = 0;
  while (i < before.length && i < after.length && sameSegment(before[i]!, after[i]!)) i++;
  return { removed: before.slice(i), added: after.slice(i) };
}
