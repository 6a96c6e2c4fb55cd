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
import type { Activity, AgentRecord, AgentWork, PresenceChange } from './agent.ts';

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
  const history = r.history ?? [];
  let i = 0;
  while (i < history.length && history[i]!.at <= t) i++;
  return activityIn(i > 0 ? history[i - 1] : undefined, Object.values(r.work), ownQueues(r.queues), t);
}

/** The agent's queues, sorted, each once (a state event may name one twice: it counts once). */
function ownQueues(queues: readonly string[] | undefined): string[] {
  return [...new Set(queues ?? [])].sort();
}

/**
 * activityAt with the record's parts read once: a timeline asks at every stamp. `presence` is
 * the change in force at `t` (the last of the history's changes up to `t`). `closedAnswer`
 * stands for work answered, ended and wrapped up before every instant asked about: all such
 * work can change is the latest answer.
 */
function activityIn(
  presence: PresenceChange | undefined,
  works: readonly AgentWork[],
  baseQueues: string[],
  t: number,
  closedAnswer = -Infinity,
): { activity: Activity; reason: string | null; queues: string[] } {
  const presenceAt = presence?.at ?? -Infinity;
  const since = presence?.state === 'offline' ? presenceAt : -Infinity;
  let inProgress = 0;
  let latestAnswer = closedAnswer;
  let latestOpenEnd = -Infinity;
  let extraQueues: string[] | null = null;
  for (const w of works) {
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
  // The agent's own queues, one shared (sorted) array, unless work in progress adds others.
  let queues = baseQueues;
  if (extraQueues) {
    let added: string[] | null = null;
    for (const q of extraQueues) if (!baseQueues.includes(q) && !added?.includes(q)) (added ??= []).push(q);
    if (added) queues = [...baseQueues, ...added].sort();
  }
  return { activity, reason: activity === 'away' ? (presence?.reason ?? null) : null, queues };
}

/**
 * Closed segments of constant activity, from the agent's first known stamp to its latest; or,
 * given `from`, only from the last stamp before `from` on (the segment in force at `from` starts
 * there, cut). Two records that differ only in stamps at or after `from` (and not in their
 * queue list) have the same timeline before it: a batch need not recompute hours of it.
 */
export function agentTimeline(r: AgentRecord, from = -Infinity): Segment[] {
  return timelineOf({ history: r.history ?? [], works: Object.values(r.work), queues: r.queues }, from);
}

/**
 * What an agent's timeline reads of its record. The folds replace a record's history and work
 * entries rather than change them, so these parts taken before a batch still tell the timeline
 * before it, without copying hours of work.
 */
export interface TimelineParts {
  history: readonly PresenceChange[];
  works: readonly AgentWork[];
  queues: readonly string[] | undefined;
}

/** agentTimeline of the record these parts were taken from. */
export function timelineOf({ history, works, queues }: TimelineParts, from = -Infinity): Segment[] {
  const baseQueues = ownQueues(queues);
  // The last stamp before `from`: the timeline starts there.
  let base = -Infinity;
  const below = (t: number | undefined) => {
    if (t !== undefined && t < from && t > base) base = t;
  };
  for (const h of history) below(h.at);
  for (const w of works) {
    below(w.an);
    below(w.en);
    below(w.wr);
  }
  const stamps: number[] = [];
  const keep = (t: number | undefined) => {
    if (t !== undefined && t >= base) stamps.push(t);
  };
  for (const h of history) keep(h.at);
  for (const w of works) {
    keep(w.an);
    keep(w.en);
    keep(w.wr);
  }
  stamps.sort((a, b) => a - b);
  // Work over before the first stamp asked about (answered, ended, wrapped) only ever counts as
  // the latest answer: fold it into one number rather than walk it at every stamp.
  const first = stamps[0] ?? Infinity;
  let closedAnswer = -Infinity;
  const open: AgentWork[] = [];
  for (const w of works) {
    if (w.an === undefined) continue;
    if (w.an <= first && w.en !== undefined && w.en <= first && w.wr !== undefined && w.wr <= first) closedAnswer = Math.max(closedAnswer, w.an);
    else open.push(w);
  }
  const segments: Segment[] = [];
  let last: Segment | undefined;
  // Stamps only grow: the presence in force moves forward through the history with them.
  let h = 0;
  for (let i = 0; i + 1 < stamps.length; i++) {
    const start = stamps[i]!;
    const end = stamps[i + 1]!;
    if (start === end) continue; // the same stamp twice
    while (h < history.length && history[h]!.at <= start) h++;
    const v = activityIn(h > 0 ? history[h - 1] : undefined, open, baseQueues, start, closedAnswer);
    // Consecutive stamps with the same activity make one segment: fewer slices to write.
    if (last && last.end === start && last.activity === v.activity && last.reason === v.reason && sameQueues(last.queues, v.queues)) last.end = end;
    else segments.push((last = { start, end, activity: v.activity, reason: v.reason, queues: v.queues }));
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

/**
 * The least to take back and add to go from one timeline to the other: only the stretches of
 * time where they differ, cut at every boundary of either (slices add up over time, so this
 * moves the same agent time into the same intervals as taking back all of `before` and adding
 * all of `after`). A batch that extends an agent's long current segment by a minute slices a
 * minute, not the hours behind it.
 */
export function timelineDelta(before: readonly Segment[], after: readonly Segment[]): { removed: Segment[]; added: Segment[] } {
  const points: number[] = [];
  for (const s of before) points.push(s.start, s.end);
  for (const s of after) points.push(s.start, s.end);
  points.sort((a, b) => a - b);
  const removed: Segment[] = [];
  const added: Segment[] = [];
  const put = (out: Segment[], s: Segment, start: number, end: number) => {
    const last = out[out.length - 1];
    if (last && last.end === start && last.activity === s.activity && last.reason === s.reason && sameQueues(last.queues, s.queues)) last.end = end;
    else out.push({ start, end, activity: s.activity, reason: s.reason, queues: s.queues });
  };
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k]!;
    const end = points[k + 1]!;
    if (start === end) continue;
    while (i < before.length && before[i]!.end <= start) i++;
    while (j < after.length && after[j]!.end <= start) j++;
    const b = i < before.length && before[i]!.start <= start ? before[i]! : null;
    const a = j < after.length && after[j]!.start <= start ? after[j]! : null;
    if (b && a && b.activity === a.activity && b.reason === a.reason && sameQueues(b.queues, a.queues)) continue;
    if (b) put(removed, b, start, end);
    if (a) put(added, a, start, end);
  }
  return { removed, added };
}
