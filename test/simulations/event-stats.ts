/**
 * Queue numbers computed straight from a stream of contract events by the definitions of
 * shared/design/metrics.md: the reference the simulator is checked against (queueing theory)
 * and the server is checked against (what it counts from the same events). Shares no code
 * with the server or with the simulator's internals: only the events.
 *
 * A visit is one contact in one queue; it belongs to the queue and interval it entered
 * (contact.queued). Its outcome is the earliest of answered, abandoned, overflowed; a visit
 * still waiting counts as offered only.
 */
import { eventTimeMs, type IngestEvent } from '../../schema/events.ts';

export interface QueueCounts {
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  abandonedWithinThreshold: number;
  overflowed: number;
  transferredOut: number;
  escalated: number;
  /** Answered visits whose work here ended (contact.ended or a transfer). */
  handled: number;
  /** Sum of waits of answered visits, ms. */
  waitAnsweredMs: number;
}

export interface StatsOptions {
  /** T (seconds) of a queue; default 20. */
  readonly thresholdSeconds?: (queue: string) => number;
  /** S (seconds), the short-abandon threshold; default 5. */
  readonly shortAbandonSeconds?: number;
  /** Only visits queued at or after this instant (epoch ms): a warm-up is left out. */
  readonly queuedFrom?: number;
  /** Only visits queued before this instant. */
  readonly queuedBefore?: number;
}

interface Visit {
  queued?: number;
  answered?: number;
  abandoned?: number;
  overflowed?: number;
  ended?: number;
  transferred?: number;
  escalated?: boolean;
}

const earliest = (a: number | undefined, b: number) => (a === undefined || b < a ? b : a);

/** Counts per queue, keyed `tenant/queue`. */
export function queueStats(events: Iterable<IngestEvent>, options: StatsOptions = {}): Map<string, QueueCounts> {
  const visits = new Map<string, Visit>();
  // Events come in bursts at one instant (queued and answered): parse each `at` once.
  let lastAt: string | number | undefined;
  let lastMs = 0;
  for (const e of events) {
    if (!e.type.startsWith('contact.')) continue;
    const c = e as Extract<IngestEvent, { contact: string; queue: string }>;
    const key = `${c.tenant}/${c.queue}\u0000${c.contact}`;
    let v = visits.get(key);
    if (v === undefined) visits.set(key, (v = {}));
    if (c.at !== lastAt) {
      lastAt = c.at;
      lastMs = eventTimeMs(c.at);
    }
    const ms = lastMs;
    switch (c.type) {
      case 'contact.queued':
        v.queued = earliest(v.queued, ms);
        break;
      case 'contact.answered':
        v.answered = earliest(v.answered, ms);
        break;
      case 'contact.abandoned':
        v.abandoned = earliest(v.abandoned, ms);
        break;
      case 'contact.overflowed':
        v.overflowed = earliest(v.overflowed, ms);
        break;
      case 'contact.ended':
        v.ended = earliest(v.ended, ms);
        break;
      case 'contact.transferred':
        v.transferred = earliest(v.transferred, ms);
        if (c.escalation) v.escalated = true;
        break;
    }
  }
  return countVisits(visits, options);
}

function countVisits(visits: Map<string, Visit>, options: StatsOptions): Map<string, QueueCounts> {
  const T = options.thresholdSeconds ?? (() => 20);
  const S = (options.shortAbandonSeconds ?? 5) * 1000;
  const from = options.queuedFrom ?? -Infinity;
  const before = options.queuedBefore ?? Infinity;
  const out = new Map<string, QueueCounts>();
  for (const [key, v] of visits) {
    if (v.queued === undefined || v.queued < from || v.queued >= before) continue;
    const queue = key.slice(0, key.indexOf('\u0000'));
    let c = out.get(queue);
    if (c === undefined) out.set(queue, (c = emptyCounts()));
    c.offered++;
    const threshold = T(queue.slice(queue.indexOf('/') + 1)) * 1000;
    // The outcome: the earliest way out of the line; a tie goes to the answer.
    const ways: [string, number | undefined][] = [
      ['answered', v.answered],
      ['abandoned', v.abandoned],
      ['overflowed', v.overflowed],
    ];
    let outcome: string | null = null;
    let when = Infinity;
    for (const [name, at] of ways) {
      if (at !== undefined && at < when) [outcome, when] = [name, at];
    }
    const wait = when - v.queued;
    if (outcome === 'answered') {
      c.answered++;
      c.waitAnsweredMs += wait;
      if (wait <= threshold) c.answeredWithinThreshold++;
      if (v.ended !== undefined || v.transferred !== undefined) c.handled++;
      if (v.transferred !== undefined) c.transferredOut++;
      if (v.escalated) c.escalated++;
    } else if (outcome === 'abandoned') {
      c.abandoned++;
      if (wait < S) c.shortAbandoned++;
      if (wait <= threshold) c.abandonedWithinThreshold++;
    } else if (outcome === 'overflowed') {
      c.overflowed++;
    }
  }
  return out;
}

export function emptyCounts(): QueueCounts {
  return {
    offered: 0,
    answered: 0,
    answeredWithinThreshold: 0,
    abandoned: 0,
    shortAbandoned: 0,
    abandonedWithinThreshold: 0,
    overflowed: 0,
    transferredOut: 0,
    escalated: 0,
    handled: 0,
    waitAnsweredMs: 0,
  };
}

/** Contacts whose outcome is known: A + Ab + F. */
const removed = (c: QueueCounts) => c.answered + c.abandoned + c.overflowed;

/** `ANSWERED_OF_OFFERED`: A(T) / (A + Ab + F); null with no contact out of the line. */
export function serviceLevelOfOffered(c: QueueCounts): number | null {
  return removed(c) === 0 ? null : c.answeredWithinThreshold / removed(c);
}

/** abandonRate: Ab / (A + Ab + F). */
export function abandonRate(c: QueueCounts): number | null {
  return removed(c) === 0 ? null : c.abandoned / removed(c);
}

/** ASA in seconds: waits of answered contacts / A. */
export function asaSeconds(c: QueueCounts): number | null {
  return c.answered === 0 ? null : c.waitAnsweredMs / c.answered / 1000;
}
