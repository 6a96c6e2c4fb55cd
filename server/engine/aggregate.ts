/**
 * Folding a batch of one tenant's events into a commit: the records to write, the counter
 * increments per interval, the changes to the waiting sets and the queues whose snapshot changed.
 * Pure: the caller loads the records the batch touches (`touchedKeys`) and persists the commit
 * atomically with the acknowledgement of the batch.
 */
import type { ContactEvent, IngestEvent } from '../../schema/events.ts';
import { applyAgentState, applyAgentWork, agentView, emptyAgent, pruneWork, type AgentRecord } from './agent.ts';
import { addCounters, isZero, zeroCounters, type Counters } from './counters.ts';
import type { QueueSettings } from './settings.ts';
import { bucketStart, type Step } from './time.ts';
import { applyContactEvent, contribution, isWaiting, type VisitRecord } from './visit.ts';

export interface Tier {
  step: Step;
  /** Buckets older than this (from their start) are gone: late events no longer update them. */
  retentionMs: number;
}

export interface AggregateContext {
  timeZone: string;
  tiers: readonly Tier[];
  /** Settings of a queue now (T and S are captured by a visit when it is first seen). */
  settingsOf(queue: string): Pick<QueueSettings, 'thresholdSeconds' | 'shortAbandonSeconds'>;
  now: number;
}

/** The records a batch touches. `aggregate` takes ownership: agent records are updated in place. */
export interface LoadedState {
  visits: Map<string, VisitRecord>;
  agents: Map<string, AgentRecord>;
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
}

/** Visit identity: one contact in one queue. The parts cannot contain control characters. */
export function visitKey(queue: string, contact: string): string {
  return `${queue}\u001f${contact}`;
}

export function isContactEvent(e: IngestEvent): e is ContactEvent {
  return e.type.startsWith('contact.');
}

/** The records a batch reads: load these before calling `aggregate`. */
export function touchedKeys(events: readonly IngestEvent[]): { visits: string[]; agents: string[] } {
  const visits = new Set<string>();
  const agents = new Set<string>();
  for (const e of events) {
    if (isContactEvent(e)) {
      visits.add(visitKey(e.queue, e.contact));
      if ('agent' in e && typeof e.agent === 'string') agents.add(e.agent);
    } else if (e.type === 'agent.state') {
      agents.add(e.agent);
    }
  }
  return { visits: [...visits], agents: [...agents] };
}

export function emptyCommit(): Commit {
  return { visits: new Map(), agents: new Map(), increments: new Map(), waiting: new Map(), queues: new Map(), dirty: new Set() };
}

export function aggregate(events: readonly IngestEvent[], state: LoadedState, ctx: AggregateContext): Commit {
  const commit = emptyCommit();

  const addContribution = (queue: string, v: VisitRecord | undefined, sign: 1 | -1) => {
    const contrib = v && contribution(v);
    if (!contrib) return;
    for (const tier of ctx.tiers) {
      const start = bucketStart(contrib.at, tier.step, ctx.timeZone);
      const expiresAt = start + tier.retentionMs;
      if (expiresAt <= ctx.now) continue; // past retention: the bucket is gone
      const key = `${queue}|${tier.step}|${start}`;
      let inc = commit.increments.get(key);
      if (!inc) commit.increments.set(key, (inc = { queue, step: tier.step, start, expiresAt, counters: zeroCounters() }));
      addCounters(inc.counters, contrib.counters, sign);
    }
  };

  const markAgentQueues = (r: AgentRecord) => {
    for (const q of agentView(r).queues) commit.dirty.add(q);
  };

  /** The agent's record, to update in place; the queues it counted in before are marked dirty. */
  const agentDraft = (id: string): AgentRecord => {
    let r = commit.agents.get(id);
    if (!r) {
      const loaded = state.agents.get(id);
      if (loaded) markAgentQueues(loaded);
      r = loaded ?? emptyAgent();
      state.agents.set(id, r);
      commit.agents.set(id, r);
    }
    return r;
  };

  for (const e of events) {
    if (isContactEvent(e)) {
      const key = visitKey(e.queue, e.contact);
      const prev = state.visits.get(key);
      const s = ctx.settingsOf(e.queue);
      const next = applyContactEvent(prev, e, { T: s.thresholdSeconds, S: s.shortAbandonSeconds });
      addContribution(e.queue, prev, -1);
      addContribution(e.queue, next, 1);
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

      if ('agent' in e && typeof e.agent === 'string') applyAgentWork(agentDraft(e.agent), key, e, next.ch);
    } else if (e.type === 'agent.state') {
      applyAgentState(agentDraft(e.agent), e);
    }
    // Follow-up events are kept in the event log; their aggregation belongs to the follow-ups domain.
  }
  // Once per agent per batch: forget old work, and mark the queues it counts in now.
  for (const r of commit.agents.values()) markAgentQueues(pruneWork(r));
  // Net-zero increments (a duplicate fold, an add and remove in one batch) need no write.
  for (const [k, inc] of commit.increments) if (isZero(inc.counters)) commit.increments.delete(k);
  return commit;
}
