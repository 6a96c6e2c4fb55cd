/**
 * The state a queue's outlook starts from, read off the live records: who waits and since
 * when, which agents of the queue are on a contact and since when, who is in wrap-up, who is
 * free; then that floor with another number of agents.
 *
 * An agent counts for a queue as the live snapshot counts it (agentCountsByQueue): it serves
 * the queue or is on one of its contacts, and is available, busy or in wrap-up. An agent who
 * serves several queues is counted whole in each (the simulation has one queue): the outlook
 * of a queue that shares its agents is optimistic by what the other queues take.
 */
import { agentView, type AgentRecord } from '../../engine/agent.ts';
import type { SlotNow } from './queue-sim.ts';

export interface AgentNow {
  id: string;
  /** Contacts the agent can hold at once on this queue's channel. */
  slots: number;
  /** How long each contact in progress has run, ms (any queue's: the agent is taken either way). */
  contactsMs: number[];
  wrapup: boolean;
}

export interface QueueFloor {
  /** How long each waiting contact has waited, ms, longest first. */
  waitingMs: number[];
  agents: AgentNow[];
}

/** Chat and messaging agents hold several conversations; the planner's default is 2 (queue-forecast.ts). */
export function defaultSlots(channel: string): number {
  return channel === 'chat' || channel === 'messaging' ? 2 : 1;
}

export function queueFloor(args: {
  queue: string;
  channel: string;
  now: number;
  /** Queued-at of each waiting contact (epoch ms). */
  waitingSince: readonly number[];
  agents: ReadonlyMap<string, AgentRecord>;
}): QueueFloor {
  const { queue, channel, now } = args;
  const agents: AgentNow[] = [];
  for (const [id, rec] of args.agents) {
    const view = agentView(rec);
    if (!view.queues.includes(queue)) continue;
    if (view.activity !== 'available' && view.activity !== 'busy' && view.activity !== 'wrapup') continue;
    // The same rule as agentView: logging off closes the work begun before it.
    const since = rec.presence === 'offline' ? (rec.presenceAt ?? -Infinity) : -Infinity;
    const contactsMs = Object.values(rec.work)
      .filter((w) => w.an !== undefined && w.en === undefined && w.an >= since)
      .map((w) => Math.max(0, now - w.an!))
      .sort((a, b) => b - a);
    const capacity = rec.capacity?.[channel];
    const slots = Math.max(capacity !== undefined && capacity >= 1 ? Math.floor(capacity) : defaultSlots(channel), contactsMs.length);
    agents.push({ id, slots, contactsMs, wrapup: view.activity === 'wrapup' });
  }
  agents.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { waitingMs: args.waitingSince.map((q) => Math.max(0, now - q)).sort((a, b) => b - a), agents };
}

/** Least loaded first: a free agent leaves before one in wrap-up, who leaves before one on a contact. */
function load(a: AgentNow): number {
  return a.contactsMs.length * 2 + (a.wrapup ? 1 : 0);
}

/**
 * The floor with `count` agents: extra agents join free (with the channel's default slots);
 * fewer agents means the least loaded go first (free ones, then those in wrap-up, then those
 * on the fewest contacts), so the contacts in progress stay as they are as long as possible.
 */
export function withAgentCount(floor: QueueFloor, count: number, channel: string): QueueFloor {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`agent count must be a whole number ≥ 0, got ${count}`);
  const agents = floor.agents;
  if (count >= agents.length) {
    const extra = Array.from({ length: count - agents.length }, (_, i): AgentNow => ({ id: `+${i + 1}`, slots: defaultSlots(channel), contactsMs: [], wrapup: false }));
    return { ...floor, agents: [...agents, ...extra] };
  }
  // Stable: among equally loaded agents the later ones (by id) leave first.
  const leaving = new Set(
    agents
      .map((a, i) => ({ a, i }))
      .sort((x, y) => load(x.a) - load(y.a) || y.i - x.i)
      .slice(0, agents.length - count)
      .map((x) => x.i),
  );
  return { ...floor, agents: agents.filter((_, i) => !leaving.has(i)) };
}

/**
 * Slots as the simulation takes them: one per contact in progress, one in wrap-up for an agent
 * in wrap-up (its remainder exponential with `wrapMeanSeconds`; free at once when unknown),
 * the rest free.
 */
export function slotsOf(floor: QueueFloor, wrapMeanSeconds: number | null): SlotNow[] {
  const out: SlotNow[] = [];
  for (const a of floor.agents) {
    let used = 0;
    for (const ms of a.contactsMs.slice(0, a.slots)) {
      out.push({ kind: 'busy', elapsedSeconds: ms / 1000 });
      used++;
    }
    if (a.wrapup && used < a.slots && wrapMeanSeconds !== null && wrapMeanSeconds > 0) {
      out.push({ kind: 'wrapup', meanSeconds: wrapMeanSeconds });
      used++;
    }
    for (; used < a.slots; used++) out.push({ kind: 'idle' });
  }
  return out;
}
