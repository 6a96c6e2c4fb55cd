/**
 * Folding a batch of one tenant's events into a commit: the records to write, the counter
 * increments per interval, the changes to the waiting sets and the queues whose snapshot changed.
 * Pure: the caller loads the records the batch touches (`touchedKeys`) and persists the commit
 * atomically with the acknowledgement of the batch.
 */
import type { ContactEvent, IngestEvent } from '../../schema/events.ts';
import { applyAgentState, agentView, emptyAgent, foldWork, pruneWork, type Activity, type AgentRecord, type AgentWork } from './agent.ts';
import { timelineDelta, timelineOf, type Segment, type TimelineParts } from './agent-time.ts';
import { isZero, zeroCounters, type CounterField, type Counters } from './counters.ts';
import type { QueueSettings } from './settings.ts';
import { bucketStart, nextBucket, type Step } from './time.ts';
import { applyContactEvent, contribution, foldContactEvent, isWaiting, waitMs, type Contribution, type VisitRecord } from './visit.ts';
import { eventTimeMs } from '../../schema/events.ts';
import { applyFollowUpCreated, applyFollowUpUpdated, emptyFollowUp, type FollowUp, type FollowUpPolicy } from '../followups/record.ts';

export interface Tier {
  step: Step;
  /** Buckets older than this (from their start) are gone: late events no longer update them. */
  retentionMs: number;
}

export interface AggregateContext {
  timeZone: string;
  tiers: readonly Tier[];
  /**
   * Settings of a queue now (a visit keeps the T and S in force when its contact.queued is
   * folded). A queue without settings yet takes the defaults of `channel`, the channel its
   * contact.queued names: the first contacts of a new chat queue are judged by chat's T.
   */
  settingsOf(queue: string, channel: string | undefined): Pick<QueueSettings, 'thresholdSeconds' | 'shortAbandonSeconds'>;
  /** The tenant's follow-up policies now (a follow-up keeps the one in force when created). */
  followUpPolicies: readonly FollowUpPolicy[];
  now: number;
}

/** The records a batch touches. `aggregate` takes ownership: agent records are updated in place. */
export interface LoadedState {
  visits: Map<string, VisitRecord>;
  agents: Map<string, AgentRecord>;
  followUps: Map<string, FollowUp>;
}

export interface BucketIncrement {
  queue: string;
  step: Step;
  start: number;
  /** Absolute expiry of the bucket (epoch ms). */
  expiresAt: number;
  counters: Counters;
}

export interface Commit {
  visits: Map<string, VisitRecord>;
  agents: Map<string, AgentRecord>;
  increments: Map<string, BucketIncrement>;
  /** queue → contact → queued at (epoch ms), or null to remove it from the waiting set */
  waiting: Map<string, Map<string, number | null>>;
  /** Queues seen in the batch, with what a `contact.queued` told of them. */
  queues: Map<string, { channel?: string; language?: string }>;
  /** Queues whose live snapshot changed. */
  dirty: Set<string>;
  followUps: Map<string, FollowUp>;
}

/**
 * The pseudo-queue holding a tenant's agent time with each agent once (queue ids cannot contain
 * control characters, so it collides with none).
 */
export const ALL_AGENTS_QUEUE = '\u0001agents';

/** Visit identity: one contact in one queue. The parts cannot contain control characters. */
export function visitKey(queue: string, contact: string): string {
  return `${queue}\u001f${contact}`;
}

export function isContactEvent(e: IngestEvent): e is ContactEvent {
  return e.type.startsWith('contact.');
}

/** The follow-up an escalation opens: one per escalated visit. */
export const escalationFollowUpId = (queue: string, contact: string) => `escalation:${queue}:${contact}`;

/** The records a batch reads: load these before calling `aggregate`. */
export function touchedKeys(events: readonly IngestEvent[]): { visits: string[]; agents: string[]; followUps: string[] } {
  const visits = new Set<string>();
  const agents = new Set<string>();
  const followUps = new Set<string>();
  for (const e of events) {
    if (isContactEvent(e)) {
      visits.add(visitKey(e.queue, e.contact));
      if ('agent' in e && typeof e.agent === 'string') agents.add(e.agent);
      if (e.type === 'contact.transferred' && e.escalation) followUps.add(escalationFollowUpId(e.queue, e.contact));
    } else if (e.type === 'agent.state') {
      agents.add(e.agent);
    } else {
      followUps.add(e.followup);
    }
  }
  return { visits: [...visits], agents: [...agents], followUps: [...followUps] };
}

/** `into += c * sign` for the additive counters of a visit's contribution (its max wait is not a sum). */
function addAdditive(into: Counters, c: Partial<Counters>, sign: 1 | -1): void {
  for (const f in c) {
    if (f === 'maxWaitMs' || f === 'awayByReason') continue;
    const v = c[f as CounterField];
    if (v) into[f as CounterField] += v * sign;
  }
}

/**
 * A touched agent: its record (updated in place), the parts of it as loaded (its timeline before
 * the batch), the earliest event time the batch folded into it (the timeline before that instant
 * cannot change, so only what follows is compared and sliced), and its work as a map, read from
 * the record once and updated by the batch; the entries it changed are written into the record at
 * the end. A record's work is an object with a key per contact: V8 gives it a hidden class of its
 * own, or a hash table once keys are deleted (records stay in memory between batches in the Redis
 * store's agent cache): reading or writing it by key costs about a microsecond (a Map: tens of
 * nanoseconds), and walking it is slow too.
 */
interface AgentDraft {
  record: AgentRecord;
  before: TimelineParts | null;
  from: number;
  work: Map<string, AgentWork>;
  changed: Set<string>;
}

/** Agent time of one activity, in place (a switch rather than a computed field name: it runs per slice). */
function addActivityMs(c: Counters, activity: Exclude<Activity, 'offline'>, ms: number): void {
  switch (activity) {
    case 'available':
      c.availableMs += ms;
      break;
    case 'busy':
      c.busyMs += ms;
      break;
    case 'wrapup':
      c.wrapupMs += ms;
      break;
    case 'away':
      c.awayMs += ms;
      break;
  }
}

/** One queue's increments of one tier by start, the last one asked for kept aside: a batch asks for the same ones in turn. */
class TierBuckets {
  readonly byStart = new Map<number, BucketIncrement>();
  last: BucketIncrement | null = null;
}

/** Whether two queue lists name the same queues (as a timeline reads them: a set). */
function sameQueueList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  const x = new Set(a ?? []);
  const y = new Set(b ?? []);
  if (x.size !== y.size) return false;
  for (const q of x) if (!y.has(q)) return false;
  return true;
}

export function emptyCommit(): Commit {
  return { visits: new Map(), agents: new Map(), increments: new Map(), waiting: new Map(), queues: new Map(), dirty: new Set(), followUps: new Map() };
}

export function aggregate(events: readonly IngestEvent[], state: LoadedState, ctx: AggregateContext): Commit {
  const commit = emptyCommit();

  const { tiers, timeZone: zone } = ctx;

  /**
   * Increments by queue, tier (its index in `tiers`) and start: looked up about ten times per
   * event, so no string keys beyond the queue.
   */
  const index = new Map<string, TierBuckets[]>();

  /** The increment of a queue's bucket, or null past retention (the bucket is gone). */
  const increment = (queue: string, t: number, start: number): BucketIncrement | null => {
    const tier = tiers[t]!;
    const expiresAt = start + tier.retentionMs;
    if (expiresAt <= ctx.now) return null;
    let byTier = index.get(queue);
    if (!byTier) index.set(queue, (byTier = tiers.map(() => new TierBuckets())));
    const buckets = byTier[t]!;
    if (buckets.last?.start === start) return buckets.last;
    let inc = buckets.byStart.get(start);
    if (!inc) {
      buckets.byStart.set(start, (inc = { queue, step: tier.step, start, expiresAt, counters: zeroCounters() }));
      commit.increments.set(`${queue}|${tier.step}|${start}`, inc);
    }
    return (buckets.last = inc);
  };

  /**
   * A visit's change to the interval of `at` in every tier: takes back the additive counters of
   * `before`, adds those of `after` and raises the max wait (a maximum, not a sum).
   */
  const addVisitChange = (queue: string, at: number, before: Contribution | null, after: Contribution | null, maxWaitMs?: number) => {
    for (let t = 0; t < tiers.length; t++) {
      const inc = increment(queue, t, bucketStart(at, tiers[t]!.step, zone));
      if (!inc) continue;
      if (before) addAdditive(inc.counters, before.counters, -1);
      if (after) addAdditive(inc.counters, after.counters, 1);
      if (maxWaitMs !== undefined && maxWaitMs > inc.counters.maxWaitMs) inc.counters.maxWaitMs = maxWaitMs;
    }
  };

  /**
   * Slice a segment of agent time into buckets: the tenant's (each agent once) from 1 minute up,
   * each of its queues' from 15 minutes up. Agent time is continuous, so every minute of every
   * agent would be a write per queue: per-queue occupancy is a planning number (15 min and
   * coarser), rolling-window occupancy reads the tenant's minutes. 10-second slices of
   * hours-long segments would multiply the writes for nothing.
   */
  const addSegment = (seg: Segment, sign: 1 | -1) => {
    const { activity, reason } = seg;
    if (activity === 'offline') return;
    for (let t = 0; t < tiers.length; t++) {
      const step = tiers[t]!.step;
      if (step === 'SEC10') continue;
      for (let s = bucketStart(seg.start, step, zone); s < seg.end; ) {
        const next = nextBucket(s, step, zone);
        const ms = (Math.min(seg.end, next) - Math.max(seg.start, s)) * sign;
        if (step !== 'MIN1') for (const q of seg.queues) addAgentTime(q, t, s, activity, reason, ms);
        addAgentTime(ALL_AGENTS_QUEUE, t, s, activity, reason, ms);
        s = next;
      }
    }
  };

  const addAgentTime = (queue: string, t: number, start: number, activity: Exclude<Activity, 'offline'>, reason: string | null, ms: number) => {
    const inc = increment(queue, t, start);
    if (!inc) return;
    addActivityMs(inc.counters, activity, ms);
    if (reason) {
      const byReason = inc.counters.awayByReason;
      const v = (byReason[reason] ?? 0) + ms;
      if (v === 0) delete byReason[reason];
      else byReason[reason] = v;
    }
  };

  const markAgentQueues = (r: AgentRecord, works: readonly AgentWork[]) => {
    for (const q of agentView(r, works).queues) commit.dirty.add(q);
  };

  const foldFollowUp = (id: string, apply: (f: FollowUp) => FollowUp) => {
    const next = apply(state.followUps.get(id) ?? emptyFollowUp(events[0]!.tenant, id));
    state.followUps.set(id, next);
    commit.followUps.set(id, next);
    if (next.queue) commit.dirty.add(next.queue);
  };

  /** Each touched agent's draft; the queues it counted in before are marked dirty. */
  const agentDrafts = new Map<string, AgentDraft>();
  const agentDraft = (id: string, at: number): AgentDraft => {
    let d = agentDrafts.get(id);
    if (!d) {
      const loaded = state.agents.get(id);
      const record = loaded ?? emptyAgent();
      const work = new Map(Object.entries(record.work));
      let before: TimelineParts | null = null;
      if (loaded) {
        before = { history: loaded.history ?? [], works: [...work.values()], queues: loaded.queues };
        markAgentQueues(loaded, before.works);
      }
      agentDrafts.set(id, (d = { record, before, from: at, work, changed: new Set() }));
      state.agents.set(id, record);
      commit.agents.set(id, record);
    } else if (at < d.from) d.from = at;
    return d;
  };

  /**
   * Visits the batch touched, with their record before it. A visit's counters are a function of
   * its record, so what the batch adds is contribution(last) − contribution(first), whatever came
   * between; only the max wait, a maximum rather than a sum, is raised at every step as before.
   */
  const visitsBefore = new Map<string, { queue: string; record: VisitRecord | undefined; maxAt: number | undefined; maxWaitMs: number }>();

  for (const e of events) {
    const at = eventTimeMs(e.at);
    if (isContactEvent(e)) {
      const key = visitKey(e.queue, e.contact);
      const prev = state.visits.get(key);
      const s = ctx.settingsOf(e.queue, e.type === 'contact.queued' ? e.channel : prev?.ch);
      const thresholds = { T: s.thresholdSeconds, S: s.shortAbandonSeconds };
      const wasWaiting = prev !== undefined && isWaiting(prev);
      const prevQueued = prev?.q;
      let touched = visitsBefore.get(key);
      // The visit's first event in the batch copies the record (the one loaded is its before);
      // the next ones update that copy.
      const next = touched ? foldContactEvent(prev!, e, thresholds, at) : applyContactEvent(prev, e, thresholds, at);
      if (!touched) visitsBefore.set(key, (touched = { queue: e.queue, record: prev, maxAt: undefined, maxWaitMs: 0 }));
      const wait = waitMs(next);
      if (wait !== undefined) {
        // Raised once per visit and interval at the end (the interval, from the visit's queued
        // time, only moves when a late contact.queued moves the visit's start).
        const q = next.q!;
        if (touched.maxAt !== undefined && touched.maxAt !== q) addVisitChange(e.queue, touched.maxAt, null, null, touched.maxWaitMs);
        if (touched.maxAt !== q) touched.maxWaitMs = 0;
        touched.maxAt = q;
        touched.maxWaitMs = Math.max(touched.maxWaitMs, wait);
      }
      state.visits.set(key, next);
      commit.visits.set(key, next);
      commit.dirty.add(e.queue);

      let meta = commit.queues.get(e.queue);
      if (!meta) commit.queues.set(e.queue, (meta = {}));
      if (e.type === 'contact.queued') {
        meta.channel ??= e.channel;
        if (e.language !== undefined) meta.language ??= e.language;
      }

      const nowWaiting = isWaiting(next);
      if (wasWaiting !== nowWaiting || (nowWaiting && prevQueued !== next.q)) {
        let byContact = commit.waiting.get(e.queue);
        if (!byContact) commit.waiting.set(e.queue, (byContact = new Map()));
        byContact.set(e.contact, nowWaiting ? next.q! : null);
      }

      if ('agent' in e && typeof e.agent === 'string') {
        const d = agentDraft(e.agent, at);
        const w = foldWork(d.work.get(key), e, next.ch, at);
        if (w) {
          d.work.set(key, w);
          d.changed.add(key);
        }
      }
      if (e.type === 'contact.transferred' && e.escalation) {
        // An escalation to a higher tier opens an ESCALATION follow-up, by the tenant's policy.
        const id = escalationFollowUpId(e.queue, e.contact);
        foldFollowUp(id, (f) =>
          applyFollowUpCreated(f, { id: e.id, type: 'followup.created', at: e.at, tenant: e.tenant, followup: id, kind: 'escalation', contact: e.contact, queue: e.toQueue ?? e.queue }, ctx.followUpPolicies),
        );
      }
    } else if (e.type === 'agent.state') {
      applyAgentState(agentDraft(e.agent, at).record, e, at);
    } else if (e.type === 'followup.created') {
      foldFollowUp(e.followup, (f) => applyFollowUpCreated(f, e, ctx.followUpPolicies));
    } else {
      foldFollowUp(e.followup, (f) => applyFollowUpUpdated(f, e));
    }
  }
  for (const [key, { queue, record, maxAt, maxWaitMs }] of visitsBefore) {
    // One pass per interval the visit touches (usually one: before, after and the max wait fall
    // in the interval it was queued in, unless a late contact.queued moved it). Sums and maxima
    // do not depend on the order they are taken in, so this equals taking back, adding and
    // raising in turn, and it creates the increments in the same order.
    const before = record ? contribution(record) : null;
    const after = contribution(state.visits.get(key)!);
    if (before) addVisitChange(queue, before.at, before, after?.at === before.at ? after : null, maxAt === before.at ? maxWaitMs : undefined);
    if (after && after.at !== before?.at) addVisitChange(queue, after.at, null, after, maxAt === after.at ? maxWaitMs : undefined);
    if (maxAt !== undefined && maxAt !== before?.at && maxAt !== after?.at) addVisitChange(queue, maxAt, null, null, maxWaitMs);
  }
  for (const { record: r, before, from: earliest, work, changed } of agentDrafts.values()) {
    for (const key of changed) r.work[key] = work.get(key)!;
    // Agent time: what the batch changed in the timeline, before pruning forgets its head. A new
    // queue list changes every segment's queues: then the whole timeline is compared. (By value:
    // a state event repeating the same queues, as most connectors send them, changes nothing.)
    const from = before && sameQueueList(before.queues, r.queues) ? earliest : -Infinity;
    const after: TimelineParts = { history: r.history ?? [], works: [...work.values()], queues: r.queues };
    const { removed, added } = timelineDelta(before ? timelineOf(before, from) : [], timelineOf(after, from));
    for (const seg of removed) addSegment(seg, -1);
    for (const seg of added) addSegment(seg, 1);
    // Once per agent per batch: forget old work, and mark the queues it counts in now.
    markAgentQueues(r, pruneWork(r, work));
  }
  // Net-zero increments (a duplicate fold, an add and remove in one batch) need no write.
  for (const [k, inc] of commit.increments) if (isZero(inc.counters)) commit.increments.delete(k);
  return commit;
}
