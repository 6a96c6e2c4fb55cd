/** Building contract events in tests: one contact's lifecycle in a line. */
import type { IngestEvent } from '../../schema/events.ts';

let n = 0;
export const nextId = (p = 'ev') => `${p}-${++n}-${Math.random().toString(36).slice(2, 8)}`;

export interface Lifecycle {
  tenant: string;
  queue: string;
  contact: string;
  channel?: string;
  /** epoch ms */
  queuedAt: number;
  outcome?: { kind: 'answered'; after: number; agent: string; talk?: number; wrap?: number; transfer?: { escalation?: boolean } } | { kind: 'abandoned'; after: number } | { kind: 'overflowed'; after: number };
}

/** The events of one contact's visit, times in seconds after queuedAt. */
export function lifecycle(l: Lifecycle): IngestEvent[] {
  const base = { tenant: l.tenant, queue: l.queue, contact: l.contact };
  const at = (s: number) => new Date(l.queuedAt + s * 1000).toISOString();
  const out: IngestEvent[] = [{ ...base, id: nextId(), type: 'contact.queued', at: at(0), channel: l.channel ?? 'voice' }];
  const o = l.outcome;
  if (!o) return out;
  if (o.kind === 'abandoned') return [...out, { ...base, id: nextId(), type: 'contact.abandoned', at: at(o.after) }];
  if (o.kind === 'overflowed') return [...out, { ...base, id: nextId(), type: 'contact.overflowed', at: at(o.after), reason: 'timeout' }];
  out.push({ ...base, id: nextId(), type: 'contact.answered', at: at(o.after), agent: o.agent });
  if (o.talk !== undefined) {
    const end = o.after + o.talk;
    if (o.transfer) {
      out.push({ ...base, id: nextId(), type: 'contact.transferred', at: at(end), agent: o.agent, toQueue: 'tier2', escalation: o.transfer.escalation ?? false });
    } else {
      out.push({ ...base, id: nextId(), type: 'contact.ended', at: at(end), agent: o.agent });
      if (o.wrap !== undefined) out.push({ ...base, id: nextId(), type: 'contact.wrapped', at: at(end + o.wrap), agent: o.agent });
    }
  }
  return out;
}

export function agentState(tenant: string, agent: string, atMs: number, state: 'available' | 'away' | 'offline', extra: { queues?: string[]; reason?: string } = {}): IngestEvent {
  return { id: nextId('ag'), type: 'agent.state', tenant, agent, at: new Date(atMs).toISOString(), state, ...extra };
}
