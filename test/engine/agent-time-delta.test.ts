/**
 * The shortcut aggregation takes with agent time (server/engine/aggregate.ts): a batch compares
 * the agent's timelines only from its earliest event on (agentTimeline's `from`), and slices
 * only the stretches where they differ (timelineDelta). Whatever the records and the batch, it
 * must move exactly the agent time of taking back the whole timeline before and adding the whole
 * timeline after (timelineChange).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContactEvent, IngestEvent } from '../../schema/events.ts';
import { applyAgentState, applyAgentWork, emptyAgent, type AgentRecord } from '../../server/engine/agent.ts';
import { agentTimeline, timelineChange, timelineDelta, type Segment } from '../../server/engine/agent-time.ts';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const MINUTE = 60_000;

/** Agent time per (minute, activity, reason, queue), as aggregate() slices it (any fixed grid would do). */
function slices(removed: readonly Segment[], added: readonly Segment[]): Map<string, number> {
  const out = new Map<string, number>();
  const add = (seg: Segment, sign: number) => {
    if (seg.activity === 'offline') return;
    for (let s = Math.floor(seg.start / MINUTE) * MINUTE; s < seg.end; s += MINUTE) {
      const ms = (Math.min(seg.end, s + MINUTE) - Math.max(seg.start, s)) * sign;
      for (const q of ['*', ...seg.queues]) {
        const k = `${s}|${seg.activity}|${seg.reason}|${q}`;
        const v = (out.get(k) ?? 0) + ms;
        if (v === 0) out.delete(k);
        else out.set(k, v);
      }
    }
  };
  for (const s of removed) add(s, -1);
  for (const s of added) add(s, 1);
  return out;
}

type Step =
  | { kind: 'state'; at: number; state: 'available' | 'away' | 'offline'; reason?: string; queues?: string[] }
  | { kind: 'work'; at: number; contact: number; queue: string; type: 'contact.answered' | 'contact.ended' | 'contact.wrapped' | 'contact.transferred' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('state' as const),
    at: fc.integer({ min: 0, max: 240 }),
    state: fc.constantFrom('available' as const, 'away' as const, 'offline' as const),
    reason: fc.option(fc.constantFrom('break', 'lunch'), { nil: undefined }),
    queues: fc.option(fc.subarray(['q1', 'q2', 'q3'], { minLength: 1 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('work' as const),
    at: fc.integer({ min: 0, max: 240 }),
    contact: fc.integer({ min: 0, max: 12 }),
    queue: fc.constantFrom('q1', 'q2', 'q4'),
    type: fc.constantFrom('contact.answered' as const, 'contact.ended' as const, 'contact.wrapped' as const, 'contact.transferred' as const),
  }),
);

function apply(r: AgentRecord, s: Step): number {
  const at = T0 + s.at * MINUTE;
  const iso = new Date(at).toISOString();
  if (s.kind === 'state') {
    const e = { id: 'x', type: 'agent.state', at: iso, tenant: 't', agent: 'a', state: s.state, ...(s.reason ? { reason: s.reason } : {}), ...(s.queues ? { queues: s.queues } : {}) };
    applyAgentState(r, e as IngestEvent & { type: 'agent.state' });
  } else {
    const e = { id: 'x', type: s.type, at: iso, tenant: 't', contact: `c${s.contact}`, queue: s.queue, agent: 'a' };
    applyAgentWork(r, `${s.queue}|c${s.contact}`, e as ContactEvent);
  }
  return at;
}

describe('agent time of a batch, compared from its earliest event on', () => {
  it('moves exactly what comparing the whole timelines moves', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), fc.array(step, { minLength: 1, maxLength: 10 }), (history, batch) => {
        const before = emptyAgent();
        for (const s of history) apply(before, s);
        const after: AgentRecord = structuredClone(before);
        let from = Infinity;
        for (const s of batch) from = Math.min(from, apply(after, s));
        // A new queue list changes every segment: aggregate() then compares from the start.
        if (after.queues !== before.queues && JSON.stringify(after.queues) !== JSON.stringify(before.queues)) from = -Infinity;

        const whole = timelineChange(agentTimeline(before), agentTimeline(after));
        const short = timelineDelta(agentTimeline(before, from), agentTimeline(after, from));
        expect(slices(short.removed, short.added)).toEqual(slices(whole.removed, whole.added));
      }),
      { numRuns: 3000 },
    );
  });

  it('slices only the stretch a batch changed', () => {
    const r = emptyAgent();
    apply(r, { kind: 'state', at: 0, state: 'available', queues: ['q1'] });
    apply(r, { kind: 'work', at: 120, contact: 1, queue: 'q1', type: 'contact.answered' });
    const before = structuredClone(r);
    // Three more minutes of talk: the two-hour available stretch before it is not sliced again.
    const from = apply(r, { kind: 'work', at: 123, contact: 1, queue: 'q1', type: 'contact.ended' });
    const { removed, added } = timelineDelta(agentTimeline(before, from), agentTimeline(r, from));
    expect(removed).toEqual([]);
    expect(added.map((s) => [(s.start - T0) / MINUTE, (s.end - T0) / MINUTE, s.activity])).toEqual([[120, 123, 'busy']]);
  });
});
