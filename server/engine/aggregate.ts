/**
 * Folding a batch of one tenant's events into a commit: the records to write, the counter
 * increments per interval, the changes to the waiting sets and the queues whose snapshot changed.
 * Pure: the caller loads the records the batch touches (`touchedKeys`) and persists the commit
 * atomically with the acknowledgement of the batch.
 */
import type { ContactEvent, IngestEvent } from '../../schema/events.ts';
import { applyAgentState, applyAgentWork, agentView, emptyAgent, pruneWork, type AgentRecord } from './agent.ts';
import { agentTimeline, timelineDelta, type Segment } from './agent-time.ts';
import { isZero, zeroCounters, type CounterField, type Counters } from './counters.ts';
import type { QueueSettings } from './settings.ts';
import { bucketStart, nextBucket, type Step } from './time.ts';
import { applyContactEvent, contribution, isWaiting, type VisitRecord } from './visit.ts';
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

/** What an agent's timeline reads, copied: the fold updates history and work in place. */
function copyForTimeline(r: AgentRecord): AgentRecord {
  const work: AgentRecord['work'] = {};
  for (const k in r.work) work[k] = { ...r.work[k]! };
  const copy: AgentRecord = { work };
  if (r.history) copy.history = [...r.history];
  if (r.queues) copy.queues = r.queues;
  return copy;
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

  /** Increments by tier, queue and start: looked up several times per event, so no string keys. */
  const index = new Map<Tier, Map<string, Map<number, BucketIncrement>>>();

  /** The increment of a queue's bucket, or null past retention (the bucket is gone). */
  const increment = (queue: string, tier: Tier, start: number): BucketIncrement | null => {
    const expiresAt = start + tier.retentionMs;
    if (expiresAt <= ctx.now) return null;
    let byQueue = index.get(tier);
    if (!byQueue) index.set(tier, (byQueue = new Map()));
    let byStart = byQueue.get(queue);
    if (!byStart) byQueue.set(queue, (byStart = new Map()));
    let inc = byStart.get(start);
    if (!inc) {
      byStart.set(start, (inc = { queue, step: tier.step, start, expiresAt, counters: zeroCounters() }));
      commit.increments.set(`${queue}|${tier.step}|${start}`, inc);
    }
    return inc;
  };

  /** Adds (or takes back) a visit's additive counters; the max wait is raised separately (`raiseMaxWait`). */
  const addContribution = (queue: string, v: VisitRecord | undefined, sign: 1 | -1) => {
    const contrib = v && contribution(v);
    if (!contrib) return;
    for (const tier of ctx.tiers) {
      const inc = increment(queue, tier, bucketStart(contrib.at, tier.step, ctx.timeZone));
      if (inc) addAdditive(inc.counters, contrib.counters, sign);
    }
  };

  const raiseMaxWait = (queue: string, at: number, maxWaitMs: number) => {
    for (const tier of ctx.tiers) {
      const inc = increment(queue, tier, bucketStart(at, tier.step, ctx.timeZone));
      if (inc && maxWaitMs > inc.counters.maxWaitMs) inc.counters.maxWaitMs = maxWaitMs;
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
    if (seg.activity === 'offline') return;
    const field = `${seg.activity}Ms` as const;
    for (const tier of ctx.tiers) {
      if (tier.step === 'SEC10') continue;
      const targets = tier.step === 'MIN1' ? [ALL_AGENTS_QUEUE] : [...seg.queues, ALL_AGENTS_QUEUE];
      for (let s = bucketStart(seg.start, tier.step, ctx.timeZone); s < seg.end; ) {
        const next = nextBucket(s, tier.step, ctx.timeZone);
        const ms = (Math.min(seg.end, next) - Math.max(seg.start, s)) * sign;
        for (const q of targets) {
          const inc = increment(q, tier, s);
          if (!inc) continue;
          inc.counters[field] += ms;
          if (seg.reason) {
            const byReason = inc.counters.awayByReason;
            const v = (byReason[seg.reason] ?? 0) + ms;
            if (v === 0) delete byReason[seg.reason];
            else byReason[seg.reason] = v;
          }
        }
        s = next;
      }
    }
  };

  const markAgentQueues = (r: AgentRecord) => {
    for (const q of agentView(r).queues) commit.dirty.add(q);
  };

  const foldFollowUp = (id: string, apply: (f: FollowUp) => FollowUp) => {
    const next = apply(state.followUps.get(id) ?? emptyFollowUp(events[0]!.tenant, id));
    state.followUps.set(id, next);
    commit.followUps.set(id, next);
    if (next.queue) commit.dirty.add(next.queue);
  };

  /**
   * Each touched agent as loaded (what its timeline is computed from: the fold mutates the
   * record), and the earliest event time the batch folded into it: the timeline before that
   * instant cannot change, so only what follows is compared and sliced.
   */
  const agentsBefore = new Map<string, { record: AgentRecord | null; from: number }>();

  /** The agent's record, to update in place; the queues it counted in before are marked dirty. */
  const agentDraft = (id: string, at: number): AgentRecord => {
    let r = commit.agents.get(id);
    if (!r) {
      const loaded = state.agents.get(id);
      if (loaded) markAgentQueues(loaded);
      agentsBefore.set(id, { record: loaded ? copyForTimeline(loaded) : null, from: at });
      r = loaded ?? emptyAgent();
      state.agents.set(id, r);
      commit.agents.set(id, r);
    } else {
      const b = agentsBefore.get(id)!;
      if (at < b.from) b.from = at;
    }
    return r;
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
      const next = applyContactEvent(prev, e, { T: s.thresholdSeconds, S: s.shortAbandonSeconds }, at);
      let touched = visitsBefore.get(key);
      if (!touched) visitsBefore.set(key, (touched = { queue: e.queue, record: prev, maxAt: undefined, maxWaitMs: 0 }));
      const contrib = contribution(next);
      const wait = contrib?.counters.maxWaitMs;
      if (wait !== undefined) {
        // Raised once per visit and interval at the end (the interval only moves when a late
        // contact.queued moves the visit's start).
        if (touched.maxAt !== undefined && touched.maxAt !== contrib!.at) raiseMaxWait(e.queue, touched.maxAt, touched.maxWaitMs);
        if (touched.maxAt !== contrib!.at) touched.maxWaitMs = 0;
        touched.maxAt = contrib!.at;
        touched.maxWaitMs = Math.max(touched.maxWaitMs, wait);
      }
      state.visits.set(key, next);
      commit.visits.set(key, next);
      commit.dirty.add(e.queue);

      const meta = commit.queues.get(e.queue) ?? {};
      if (e.type === 'contact.queued') {
        meta.channel ??= e.channel;
        if (e.language !== undefined) meta.language ??= e.language;
      }
      commit.queues.set(e.queue, meta);

      const wasWaiting = prev !== undefined && isWaiting(prev);
      const nowWaiting = isWaiting(next);
      if (wasWaiting !== nowWaiting || (nowWaiting && prev?.q !== next.q)) {
        let byContact = commit.waiting.get(e.queue);
        if (!byContact) commit.waiting.set(e.queue, (byContact = new Map()));
        byContact.set(e.contact, nowWaiting ? next.q! : null);
      }

      if ('agent' in e && typeof e.agent === 'string') applyAgentWork(agentDraft(e.agent, at), key, e, next.ch, at);
      if (e.type === 'contact.transferred' && e.escalation) {
        // An escalation to a higher tier opens an ESCALATION follow-up, by the tenant's policy.
        const id = escalationFollowUpId(e.queue, e.contact);
        foldFollowUp(id, (f) =>
          applyFollowUpCreated(f, { id: e.id, type: 'followup.created', at: e.at, tenant: e.tenant, followup: id, kind: 'escalation', contact: e.contact, queue: e.toQueue ?? e.queue }, ctx.followUpPolicies),
        );
      }
    } else if (e.type === 'agent.state') {
      applyAgentState(agentDraft(e.agent, at), e, at);
    } else if (e.type === 'followup.created') {
      foldFollowUp(e.followup, (f) => applyFollowUpCreated(f, e, ctx.followUpPolicies));
    } else {
      foldFollowUp(e.followup, (f) => applyFollowUpUpdated(f, e));
    }
  }
  for (const [key, { queue, record, maxAt, maxWaitMs }] of visitsBefore) {
    addContribution(queue, record, -1);
    addContribution(queue, state.visits.get(key), 1);
    if (maxAt !== undefined) raiseMaxWait(queue, maxAt, maxWaitMs);
  }
  for (const [id, r] of commit.agents) {
    // Agent time: what the batch changed in the timeline, before pruning forgets its head. A new
    // queue list changes every segment's queues: then the whole timeline is compared. (By value:
    // a state event repeating the same queues, as most connectors send them, changes nothing.)
    const before = agentsBefore.get(id)!;
    const from = before.record && sameQueueList(before.record.queues, r.queues) ? before.from : -Infinity;
    const { removed, added } = timelineDelta(before.record ? agentTimeline(before.record, from) : [], agentTimeline(r, from));
    for (const seg of removed) addSegment(seg, -1);
    for (const seg of added) addSegment(seg, 1);
    // Once per agent per batch: forget old work, and mark the queues it counts in now.
    markAgentQueues(pruneWork(r));
  }
  // Net-zero increments (a duplicate fold, an add and remove in one batch) need no write.
  for (const [k, inc] of commit.increments) if (isZero(inc.counters)) commit.increments.delete(k);
  return commit;
}
