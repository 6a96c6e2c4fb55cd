/**
 * A visit: one contact's stay in one queue (a contact that is transferred or overflows visits
 * several queues; each visit counts in its own queue).
 *
 * Why records and contributions: events arrive late, out of order or twice, yet the aggregates
 * must be a function of the set of events alone. So each event only folds a timestamp into the
 * visit record with a commutative, idempotent rule (earliest wins), and the counters a visit
 * adds to its interval are a pure function of the record. Applying an event adds
 * `contribution(after) − contribution(before)`: whatever the order, the sum over all visits is
 * the contribution of their final records.
 */
import type { ContactEvent } from '../../schema/events.ts';
import { eventTimeMs } from '../../schema/events.ts';
import type { Counters } from './counters.ts';

export interface VisitRecord {
  /** queued at (epoch ms): the visit's interval. Absent when only later events were seen. */
  q?: number;
  ch?: string;
  lang?: string;
  /**
   * T and S (seconds) in force when the visit's contact.queued was folded: its counters never
   * change with later settings. Before that they are provisional, and unused (a visit counts
   * nothing until its queued event is seen).
   */
  T: number;
  S: number;
  /** answered at, and by whom */
  an?: number;
  ag?: string;
  ab?: number;
  of?: number;
  /** transferred at (after answer), and whether it went to a higher tier */
  tr?: number;
  esc?: boolean;
  /** ended at, hold seconds (as ms), wrapped at */
  en?: number;
  hold?: number;
  wr?: number;
}

export type Outcome = 'answered' | 'abandoned' | 'overflowed';

const earliest = (a: number | undefined, b: number): number => (a === undefined || b < a ? b : a);

/** Fold one contact event into a visit record (pure; returns a new record). */
export function applyContactEvent(
  prev: VisitRecord | undefined,
  e: ContactEvent,
  thresholds: { T: number; S: number },
  /** The event's time in epoch ms, when the caller has it already. */
  at = eventTimeMs(e.at),
): VisitRecord {
  return foldContactEvent(prev ? { ...prev } : { T: thresholds.T, S: thresholds.S }, e, thresholds, at);
}

/** applyContactEvent into `v` itself (mutated and returned): for a copy the caller owns already. */
export function foldContactEvent(v: VisitRecord, e: ContactEvent, thresholds: { T: number; S: number }, at: number): VisitRecord {
  switch (e.type) {
    case 'contact.queued':
      if (v.q === undefined || at < v.q) {
        v.q = at;
        v.ch = e.channel;
        v.T = thresholds.T;
        v.S = thresholds.S;
        if (e.language !== undefined) v.lang = e.language;
      }
      break;
    case 'contact.answered':
      if (v.an === undefined || at < v.an) {
        v.an = at;
        v.ag = e.agent;
      }
      break;
    case 'contact.abandoned':
      v.ab = earliest(v.ab, at);
      break;
    case 'contact.overflowed':
      v.of = earliest(v.of, at);
      break;
    case 'contact.transferred':
      v.tr = earliest(v.tr, at);
      if (e.escalation) v.esc = true;
      if (v.ag === undefined) v.ag = e.agent;
      break;
    case 'contact.ended':
      v.en = earliest(v.en, at);
      if (e.holdSeconds !== undefined) v.hold = Math.max(v.hold ?? 0, Math.round(e.holdSeconds * 1000));
      if (v.ag === undefined) v.ag = e.agent;
      break;
    case 'contact.wrapped':
      v.wr = earliest(v.wr, at);
      if (v.ag === undefined) v.ag = e.agent;
      break;
  }
  return v;
}

/** How the visit left the queue: the earliest of answer, abandon and overflow (null while waiting). */
export function outcome(v: VisitRecord): Outcome | null {
  let best: Outcome | null = null;
  let when = Infinity;
  // Ties go to the answer: a contact answered and abandoned in the same millisecond was answered.
  if (v.an !== undefined && v.an < when) {
    best = 'answered';
    when = v.an;
  }
  if (v.ab !== undefined && v.ab < when) {
    best = 'abandoned';
    when = v.ab;
  }
  if (v.of !== undefined && v.of < when) best = 'overflowed';
  return best;
}

/** How long the visit waited in the queue: from queued to its outcome (undefined while waiting or unqueued). */
function waitOf(v: VisitRecord, o: Outcome | null): number | undefined {
  if (v.q === undefined || o === null) return undefined;
  return Math.max(0, (o === 'answered' ? v.an! : o === 'abandoned' ? v.ab! : v.of!) - v.q);
}

/** The wait `contribution(v)` reports as its max wait, without building the contribution (asked per event). */
export function waitMs(v: VisitRecord): number | undefined {
  return waitOf(v, outcome(v));
}

/** Still in the queue: queued and not yet answered, abandoned or overflowed. */
export function isWaiting(v: VisitRecord): boolean {
  return v.q !== undefined && outcome(v) === null;
}

/** When the agent's talk ended: the end of the conversation, or the hand-over of a transfer. */
function talkEnd(v: VisitRecord): number | undefined {
  if (v.en !== undefined && v.tr !== undefined) return Math.min(v.en, v.tr);
  return v.en ?? v.tr;
}

export interface Contribution {
  at: number;
  counters: Partial<Counters>;
}

/**
 * The counters this visit adds to the interval it entered the queue in (metrics.md), or null
 * when its queued event has not been seen: without it there is no interval and no wait.
 */
export function contribution(v: VisitRecord): Contribution | null {
  if (v.q === undefined) return null;
  const c: Partial<Counters> = { offered: 1 };
  const T = v.T * 1000;
  const S = v.S * 1000;
  const o = outcome(v);
  const wait = waitOf(v, o) ?? 0;
  switch (o) {
    case 'answered': {
      c.maxWaitMs = wait;
      c.answered = 1;
      c.waitAnsweredMs = wait;
      if (wait <= T) c.answeredWithinThreshold = 1;
      const end = talkEnd(v);
      if (end !== undefined) {
        // Handled once the work in this queue ended: wrap-up is added when (and if) it is reported.
        c.handled = 1;
        c.talkMs = Math.max(0, end - v.an!);
        if (v.en !== undefined && v.wr !== undefined) c.wrapMs = Math.max(0, v.wr - v.en);
        if (v.hold) c.holdMs = v.hold;
      }
      if (v.tr !== undefined) c.transferredOut = 1;
      if (v.esc) c.escalated = 1;
      break;
    }
    case 'abandoned': {
      c.maxWaitMs = wait;
      c.abandoned = 1;
      c.waitAbandonedMs = wait;
      if (wait < S) c.shortAbandoned = 1;
      if (wait <= T) c.abandonedWithinThreshold = 1;
      break;
    }
    case 'overflowed': {
      c.maxWaitMs = wait;
      c.overflowed = 1;
      if (wait <= T) c.overflowedWithinThreshold = 1;
      break;
    }
    case null:
      break;
  }
  return { at: v.q, counters: c };
}
