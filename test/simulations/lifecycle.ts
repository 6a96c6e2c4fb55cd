/**
 * Replays a stream of events and lists everything that could not happen on a real floor:
 * the simulator's consistency contract, checked from the outside (events only, and the
 * scenario when given, for who may answer what).
 */
import { eventTimeMs, type IngestEvent } from '../../schema/events.ts';
import { overflowRuleOf, type Scenario } from '../../simulations/scenario.ts';

type VisitStage =
  | { readonly stage: 'waiting'; readonly channel: string; readonly queuedMs: number }
  | { readonly stage: 'talking'; readonly channel: string; readonly agent: string; readonly transferred: boolean }
  | { readonly stage: 'wrapping'; readonly channel: string; readonly agent: string }
  | { readonly stage: 'done'; readonly how: string };

interface AgentView {
  state: 'offline' | 'available' | 'away';
  capacity: Record<string, number>;
  held: Record<string, number>;
  heldTotal: number;
  /** Most contacts held at once on each channel, for tests that concurrency is used at all. */
  peak: Record<string, number>;
}

interface FollowUpView {
  kind: string;
  status: 'open' | 'in_progress' | 'done';
}

export interface LifecycleReport {
  readonly violations: string[];
  readonly agents: ReadonlyMap<string, AgentView>;
  readonly followUps: ReadonlyMap<string, FollowUpView>;
}

/** The slot a contact of a channel takes: outbound callbacks are calls. */
const slotOf = (channel: string) => (channel === 'callback' ? 'voice' : channel);

export function checkLifecycle(events: readonly IngestEvent[], scenario?: Scenario): LifecycleReport {
  const violations: string[] = [];
  const ids = new Set<string>();
  /** One contact's stay in one queue, keyed tenant/contact/queue. */
  const visits = new Map<string, VisitStage>();
  /** The queue a contact is waiting or talking in now: never two at once. */
  const active = new Map<string, string>();
  /** Where a contact was sent (overflow or transfer with toQueue): its next queued must be there, at once. */
  const moves = new Map<string, { queue: string; ms: number; by: string }>();
  const agents = new Map<string, AgentView>();
  const followUps = new Map<string, FollowUpView>();
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
  const spec = (tenant: string, queue: string) => scenario?.queues.find((q) => q.tenant === tenant && q.id === queue);
  /** Who may answer a contact of `queue` after `waitedMs`: its agents, and those of queues it expands to once due. */
  const mayAnswer = (tenant: string, queue: string, agent: string, waitedMs: number): boolean => {
    const who = scenario?.agents.find((a) => a.tenant === tenant && a.id === agent);
    if (scenario === undefined) return true;
    if (who === undefined) return false;
    if (who.queues.includes(queue)) return true;
    const expand = spec(tenant, queue)?.expand;
    return expand !== undefined && waitedMs >= expand.afterSeconds * 1000 && expand.queues.some((q) => who.queues.includes(q));
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
    if (e.type === 'followup.created') {
      const key = `${e.tenant}/${e.followup}`;
      if (followUps.has(key)) fail(e, `follow-up ${e.followup} created twice`);
      followUps.set(key, { kind: e.kind, status: 'open' });
      continue;
    }
    if (e.type === 'followup.updated') {
      const f = followUps.get(`${e.tenant}/${e.followup}`);
      if (f === undefined) fail(e, `update of unknown follow-up ${e.followup}`);
      else if (f.status === 'done') fail(e, `update of follow-up ${e.followup} after it was done`);
      else if (e.status === 'in_progress' && f.status !== 'open') fail(e, `follow-up ${e.followup} taken up twice`);
      else if (e.status === 'in_progress' || e.status === 'done') f.status = e.status;
      continue;
    }

    const contactKey = `${e.tenant}/${e.contact}`;
    const key = `${contactKey}/${e.queue}`;
    const before = visits.get(key);
    const leaveActive = () => {
      if (active.get(contactKey) === e.queue) active.delete(contactKey);
    };
    switch (e.type) {
      case 'contact.queued': {
        if (before !== undefined) fail(e, `queued twice in ${e.queue}`);
        if (!e.channel) fail(e, 'queued without channel');
        if (!e.language) fail(e, 'queued without language');
        const elsewhere = active.get(contactKey);
        if (elsewhere !== undefined && elsewhere !== e.queue) fail(e, `queued in ${e.queue} while still in ${elsewhere}`);
        const move = moves.get(contactKey);
        if (move !== undefined) {
          if (move.queue !== e.queue || move.ms !== ms) fail(e, `queued in ${e.queue} but ${move.by} sent it to ${move.queue}`);
          moves.delete(contactKey);
        }
        const q = spec(e.tenant, e.queue);
        if (scenario !== undefined && (q?.channel !== e.channel || q.language !== e.language)) fail(e, `channel or language is not the queue's`);
        visits.set(key, { stage: 'waiting', channel: e.channel, queuedMs: ms });
        active.set(contactKey, e.queue);
        break;
      }
      case 'contact.answered': {
        if (before?.stage !== 'waiting') {
          fail(e, `answered while ${before?.stage ?? 'never queued'}`);
          break;
        }
        if (!mayAnswer(e.tenant, e.queue, e.agent, ms - before.queuedMs)) fail(e, `answered by ${e.agent}, who neither serves ${e.queue} nor may help it yet`);
        const agent = agentOf(e.tenant, e.agent);
        if (agent.state !== 'available') fail(e, `answered by ${e.agent} who is ${agent.state}`);
        const slot = slotOf(before.channel);
        const held = (agent.held[slot] ?? 0) + 1;
        const slots = agent.capacity[slot] ?? 0;
        if (held > slots) fail(e, `${e.agent} holds ${held} ${slot} contacts with ${slots} slot(s)`);
        agent.held[slot] = held;
        agent.heldTotal++;
        agent.peak[slot] = Math.max(agent.peak[slot] ?? 0, held);
        visits.set(key, { stage: 'talking', channel: before.channel, agent: e.agent, transferred: false });
        break;
      }
      case 'contact.abandoned':
      case 'contact.overflowed':
        if (before?.stage !== 'waiting') fail(e, `left the queue while ${before?.stage ?? 'never queued'}`);
        else if (e.type === 'contact.overflowed' && e.reason === 'timeout' && scenario !== undefined) {
          const rule = overflowRuleOf(spec(e.tenant, e.queue)!);
          if (rule === null) fail(e, `${e.queue} has no overflow rule`);
          else if (ms - before.queuedMs !== Math.round(rule.afterSeconds * 1000)) fail(e, `overflowed after ${ms - before.queuedMs} ms, not ${rule.afterSeconds} s`);
          else if (rule.toQueue !== e.toQueue) fail(e, `overflowed to ${e.toQueue ?? 'nowhere'}, the rule says ${rule.toQueue ?? 'nowhere'}`);
        }
        if (e.type === 'contact.overflowed' && e.toQueue !== undefined) moves.set(contactKey, { queue: e.toQueue, ms, by: 'an overflow' });
        visits.set(key, { stage: 'done', how: e.type });
        leaveActive();
        break;
      case 'contact.transferred':
        if (before?.stage !== 'talking') fail(e, `transferred while ${before?.stage ?? 'never queued'}`);
        else {
          if (before.agent !== e.agent) fail(e, `transferred by ${e.agent} but answered by ${before.agent}`);
          if (before.transferred) fail(e, 'transferred twice');
          visits.set(key, { ...before, transferred: true });
        }
        if (e.toQueue !== undefined) moves.set(contactKey, { queue: e.toQueue, ms, by: 'a transfer' });
        // The server opens an escalation follow-up from the transfer, under this id (its API shows it).
        if (e.escalation) followUps.set(`${e.tenant}/escalation:${e.queue}:${e.contact}`, { kind: 'escalation', status: 'open' });
        leaveActive();
        break;
      case 'contact.ended':
        if (before?.stage !== 'talking') fail(e, `ended while ${before?.stage ?? 'never queued'}`);
        else {
          if (before.agent !== e.agent) fail(e, `ended by ${e.agent} but answered by ${before.agent}`);
          visits.set(key, { stage: 'wrapping', channel: before.channel, agent: before.agent });
        }
        leaveActive();
        break;
      case 'contact.wrapped':
        if (before?.stage !== 'wrapping') fail(e, `wrapped while ${before?.stage ?? 'never queued'}`);
        else {
          if (before.agent !== e.agent) fail(e, `wrapped by ${e.agent} but ended by ${before.agent}`);
          const agent = agentOf(e.tenant, e.agent);
          const slot = slotOf(before.channel);
          agent.held[slot] = (agent.held[slot] ?? 0) - 1;
          agent.heldTotal--;
          visits.set(key, { stage: 'done', how: 'wrapped' });
        }
        break;
    }
  }
  for (const [contact, move] of moves) {
    if (move.ms < lastMs) violations.push(`${contact}: ${move.by} sent it to ${move.queue}, where it never queued`);
  }
  return { violations, agents, followUps };
}
