import { describe, expect, it } from 'vitest';
import type { ContactEvent } from '../../schema/events.ts';
import { agentView, applyAgentState, applyAgentWork, emptyAgent, type AgentRecord } from '../../server/engine/agent.ts';
import { activityAt, agentTimeline, timelineChange } from '../../server/engine/agent-time.ts';
import { agentState, lifecycle } from '../helpers/events.ts';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const S = 1000;

function shift(r: AgentRecord, events: ReturnType<typeof lifecycle>, vk: string) {
  for (const e of events) if ('agent' in e) applyAgentWork(r, vk, e as ContactEvent);
}

describe('agent timeline', () => {
  const build = () => {
    const r = emptyAgent();
    applyAgentState(r, agentState('t', 'a', T0, 'available', { queues: ['q'] }) as never);
    shift(r, lifecycle({ tenant: 't', queue: 'q', contact: 'c1', queuedAt: T0 + 50 * S, outcome: { kind: 'answered', after: 10, agent: 'a', talk: 120, wrap: 30 } }), 'q|c1');
    applyAgentState(r, agentState('t', 'a', T0 + 300 * S, 'away', { reason: 'break' }) as never);
    applyAgentState(r, agentState('t', 'a', T0 + 900 * S, 'available') as never);
    return r;
  };

  it('cuts the agent time into closed segments of one activity', () => {
    expect(agentTimeline(build()).map((s) => [(s.start - T0) / S, (s.end - T0) / S, s.activity, s.reason])).toEqual([
      [0, 60, 'available', null],
      [60, 180, 'busy', null],
      [180, 210, 'wrapup', null],
      [210, 300, 'available', null],
      [300, 900, 'away', 'break'],
    ]);
  });

  it('agrees with agentView at every instant', () => {
    const r = build();
    for (let t = T0; t <= T0 + 1000 * S; t += 5 * S) {
      const at = activityAt(r, t);
      const cut: AgentRecord = structuredClone(r);
      cut.history = r.history!.filter((h) => h.at <= t);
      const last = cut.history[cut.history.length - 1];
      if (last) Object.assign(cut, { presence: last.state, presenceAt: last.at, reason: last.reason });
      for (const [k, w] of Object.entries(cut.work)) {
        if (w.an === undefined || w.an > t) delete cut.work[k];
        else {
          if (w.en !== undefined && w.en > t) delete w.en;
          if (w.wr !== undefined && w.wr > t) delete w.wr;
        }
      }
      const v = agentView(cut);
      expect({ activity: at.activity, reason: at.reason }).toEqual({ activity: v.activity, reason: v.reason });
    }
  });

  it('changes only from the first segment a late event alters', () => {
    const before = agentTimeline(build());
    const r = build();
    // A late coaching session inside the former break.
    applyAgentState(r, agentState('t', 'a', T0 + 600 * S, 'away', { reason: 'coaching' }) as never);
    const { removed, added } = timelineChange(before, agentTimeline(r));
    expect(removed.map((s) => [(s.start - T0) / S, s.reason])).toEqual([[300, 'break']]);
    expect(added.map((s) => [(s.start - T0) / S, (s.end - T0) / S, s.reason])).toEqual([
      [300, 600, 'break'],
      [600, 900, 'coaching'],
    ]);
  });
});
