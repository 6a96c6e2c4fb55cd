/**
 * Replays a stream of events and lists everything that could not happen on a real floor:
 * the simulator's consistency contract, checked from the outside (events only).
 */
import { eventTimeMs, type IngestEvent } from '../../schema/events.ts';

type ContactStage =
  | { readonly stage: 'waiting'; readonly queue: string; readonly channel: string }
  | { readonly stage: 'talking'; readonly queue: string; readonly channel: string; readonly agent: string }
  | { readonly stage: 'wrapping'; readonly queue: string; readonly channel: string; readonly agent: string }
  | { readonly stage: 'done'; readonly queue: string; readonly how: string };

interface AgentView {
  state: 'offline' | 'available' | 'away';
  capacity: Record<string, number>;
  held: Record<string, number>;
  heldTotal: number;
  /** Most contacts held at once on each channel, for tests that concurrency is used at all. */
  peak: Record<string, number>;
}

export interface LifecycleReport {
  readonly violations: string[];
  readonly agents: ReadonlyMap<string, AgentView>;
}

export function checkLifecycle(events: readonly IngestEvent[]): LifecycleReport {
  const violations: string[] = [];
  const ids = new Set<string>();
  const contacts = new Map<string, ContactStage>();
  const agents = new Map<string, AgentView>();
  let lastMs = -Infinity;
  const fail = (e: IngestEvent, message: string) => {
    if (violations.length < 50) violations.push(`${e.id} ${e.type}: ${message}`);
  };
  const agentOf = (tenant: string, agent: string): AgentView => {
    const key = `${tenant}/${agent}`;
    let view = agents.get(key);
    if (view === undefined) {
      view = { state: 'offline', capacity: {}, held: {}, heldTotal: 0, peak: {} };
      agents.set(key, view);
    }
    return view;
  };

  for (const e of events) {
    if (ids.has(e.id)) fail(e, 'duplicate id');
    ids.add(e.id);
    const ms = eventTimeMs(e.at);
    if (ms < lastMs) fail(e, `out of time order (${ms} after ${lastMs})`);
    lastMs = ms;

    if (e.type === 'agent.state') {
      const view = agentOf(e.tenant, e.agent);
      if (e.state === 'available') {
        if (e.queues === undefined || e.capacity === undefined) fail(e, 'available without queues and capacity');
        view.capacity = { ...(e.capacity ?? {}) };
      } else {
        if (e.state === 'away' && !e.reason) fail(e, 'away without a reason');
        if (view.heldTotal > 0) fail(e, `${e.agent} goes ${e.state} while holding ${view.heldTotal} contact(s)`);
      }
      view.state = e.state;
      continue;
    }
    if (e.type === 'followup.created' || e.type === 'followup.updated') continue;

    const key = `${e.tenant}/${e.contact}`;
    const before = contacts.get(key);
    switch (e.type) {
      case 'contact.queued':
        if (before !== undefined) fail(e, 'queued twice');
        if (!e.channel) fail(e, 'queued without channel');
        if (!e.language) fail(e, 'queued without language');
        contacts.set(key, { stage: 'waiting', queue: e.queue, channel: e.channel });
        break;
      case 'contact.answered': {
        if (before?.stage !== 'waiting') {
          fail(e, `answered while ${before?.stage ?? 'never queued'}`);
          break;
        }
        if (before.queue !== e.queue) fail(e, `answered in ${e.queue} but queued in ${before.queue}`);
        const agent = agentOf(e.tenant, e.agent);
        if (agent.state !== 'available') fail(e, `answered by ${e.agent} who is ${agent.state}`);
        const held = (agent.held[before.channel] ?? 0) + 1;
        const slots = agent.capacity[before.channel] ?? 0;
        if (held > slots) fail(e, `${e.agent} holds ${held} ${before.channel} contacts with ${slots} slot(s)`);
        agent.held[before.channel] = held;
        agent.heldTotal++;
        agent.peak[before.channel] = Math.max(agent.peak[before.channel] ?? 0, held);
        contacts.set(key, { stage: 'talking', queue: before.queue, channel: before.channel, agent: e.agent });
        break;
      }
      case 'contact.abandoned':
      case 'contact.overflowed':
        if (before?.stage !== 'waiting') fail(e, `left the queue while ${before?.stage ?? 'never queued'}`);
        else if (before.queue !== e.queue) fail(e, `left ${e.queue} but queued in ${before.queue}`);
        contacts.set(key, { stage: 'done', queue: e.queue, how: e.type });
        break;
      case 'contact.ended':
        if (before?.stage !== 'talking') fail(e, `ended while ${before?.stage ?? 'never queued'}`);
        else {
          if (before.agent !== e.agent) fail(e, `ended by ${e.agent} but answered by ${before.agent}`);
          if (before.queue !== e.queue) fail(e, `ended in ${e.queue} but answered in ${before.queue}`);
          contacts.set(key, { ...before, stage: 'wrapping' });
        }
        break;
      case 'contact.wrapped':
        if (before?.stage !== 'wrapping') fail(e, `wrapped while ${before?.stage ?? 'never queued'}`);
        else {
          if (before.agent !== e.agent) fail(e, `wrapped by ${e.agent} but ended by ${before.agent}`);
          if (before.queue !== e.queue) fail(e, `wrapped in ${e.queue} but ended in ${before.queue}`);
          const agent = agentOf(e.tenant, e.agent);
          agent.held[before.channel] = (agent.held[before.channel] ?? 0) - 1;
          agent.heldTotal--;
          contacts.set(key, { stage: 'done', queue: e.queue, how: 'wrapped' });
        }
        break;
      case 'contact.transferred':
        fail(e, 'the simple floor never transfers');
        break;
    }
  }
  return { violations, agents };
}
