import { describe, expect, it } from 'vitest';
import type { ContactEvent } from '../../schema/events.ts';
import { agentView, applyAgentState, applyAgentWork, emptyAgent } from '../../server/engine/agent.ts';
import { applyContactEvent, contribution, isWaiting, type VisitRecord } from '../../server/engine/visit.ts';
import { agentState, lifecycle } from '../helpers/events.ts';

const T0 = Date.parse('2026-11-23T09:00:00Z');
const thresholds = { T: 20, S: 5 };
const fold = (events: ContactEvent[]) => events.reduce<VisitRecord | undefined>((v, e) => applyContactEvent(v, e, thresholds), undefined)!;
const contactEvents = (l: Parameters<typeof lifecycle>[0]) => lifecycle(l) as ContactEvent[];

describe('visit contribution (metrics.md)', () => {
  it('counts an answered contact in the interval it was queued, with wait, talk and wrap', () => {
    const v = fold(contactEvents({ tenant: 't', queue: 'q', contact: 'c', queuedAt: T0, outcome: { kind: 'answered', after: 14, agent: 'a', talk: 266, wrap: 30 } }));
    expect(contribution(v)).toEqual({
      at: T0,
      counters: { offered: 1, answered: 1, answeredWithinThreshold: 1, waitAnsweredMs: 14_000, maxWaitMs: 14_000, handled: 1, talkMs: 266_000, wrapMs: 30_000 },
    });
  });

  it('counts wait exactly at T as within, and a short abandon below S', () => {
    const atT = fold(contactEvents({ tenant: 't', queue: 'q', contact: 'c', queuedAt: T0, outcome: { kind: 'answered', after: 20, agent: 'a' } }));
    expect(contribution(atT)!.counters.answeredWithinThreshold).toBe(1);
    const short = fold(contactEvents({ tenant: 't', queue: 'q', contact: 'c', queuedAt: T0, outcome: { kind: 'abandoned', after: 4.999 } }));
    expect(contribution(short)!.counters).toMatchObject({ abandoned: 1, shortAbandoned: 1, abandonedWithinThreshold: 1 });
    const notShort = fold(contactEvents({ tenant: 't', queue: 'q', contact: 'c', queuedAt: T0, outcome: { kind: 'abandoned', after: 5 } }));
    expect(contribution(notShort)!.counters.shortAbandoned).toBeUndefined();
  });

  it('gives the same record whatever the order, and duplicates change nothing', () => {
    const events = contactEvents({ tenant: 't', queue: 'q', contact: 'c', queuedAt: T0, outcome: { kind: 'answered', after: 30, agent: 'a', talk: 100, wrap: 10 } });
    const forward = fold(events);
    expect(fold([...events].reverse())).toEqual(forward);
    expect(fold([events[2]!, events[0]!, events[3]!, events[0]!, events[1]!, events[2]!])).toEqual(forward);
  });

  it('contributes nothing until the queued event is seen, and waits while unanswered', () => {
    const events = contactEvents({ tenant: 't', queue: 'q', contact: 'c', queuedAt: T0, outcome: { kind: 'answered', after: 30, agent: 'a' } });
    expect(contribution(fold([events[1]!]))).toBeNull();
    expect(isWaiting(fold([events[0]!]))).toBe(true);
    expect(isWaiting(fold(events))).toBe(false);
  });

  it('counts a transfer as handled here, transferred out and, when to a higher tier, escalated', () => {
    const v = fold(contactEvents({ tenant: 't', queue: 'q', contact: 'c', queuedAt: T0, outcome: { kind: 'answered', after: 5, agent: 'a', talk: 60, transfer: { escalation: true } } }));
    expect(contribution(v)!.counters).toMatchObject({ answered: 1, handled: 1, talkMs: 60_000, transferredOut: 1, escalated: 1 });
  });

  it('keeps the thresholds in force when its queued event was folded', () => {
    const [queued, answered] = contactEvents({ tenant: 't', queue: 'q', contact: 'c', queuedAt: T0, outcome: { kind: 'answered', after: 25, agent: 'a' } });
    const v1 = applyContactEvent(undefined, queued as ContactEvent, { T: 30, S: 5 });
    const v2 = applyContactEvent(v1, answered as ContactEvent, { T: 20, S: 5 });
    expect(contribution(v2)!.counters.answeredWithinThreshold).toBe(1);
  });
});

describe('agent activity', () => {
  const [q, ans, end, wrap] = contactEvents({ tenant: 't', queue: 'billing', contact: 'c', queuedAt: T0, outcome: { kind: 'answered', after: 5, agent: 'a', talk: 60, wrap: 20 } }) as [ContactEvent, ContactEvent, ContactEvent, ContactEvent];
  const login = agentState('t', 'a', T0 - 60_000, 'available', { queues: ['billing', 'sales'] });

  it('is available, then busy, then wrap-up, then available again', () => {
    let r = applyAgentState(emptyAgent(), login as never);
    expect(agentView(r)).toMatchObject({ activity: 'available', queues: ['billing', 'sales'] });
    r = applyAgentWork(r, 'billing|c', ans);
    expect(agentView(r).activity).toBe('busy');
    r = applyAgentWork(r, 'billing|c', end);
    expect(agentView(r).activity).toBe('wrapup');
    r = applyAgentWork(r, 'billing|c', wrap);
    expect(agentView(r).activity).toBe('available');
    void q;
  });

  it('keeps the latest presence by event time, whatever the arrival order', () => {
    const away = agentState('t', 'a', T0, 'away', { reason: 'break' });
    const back = agentState('t', 'a', T0 + 600_000, 'available');
    const inOrder = applyAgentState(applyAgentState(applyAgentState(emptyAgent(), login as never), away as never), back as never);
    const shuffled = applyAgentState(applyAgentState(applyAgentState(emptyAgent(), back as never), login as never), away as never);
    expect(agentView(shuffled)).toEqual(agentView(inOrder));
    expect(agentView(applyAgentState(applyAgentState(emptyAgent(), login as never), away as never))).toMatchObject({ activity: 'away', reason: 'break' });
  });

  it('ends wrap-up at a later presence change when no wrapped event comes', () => {
    let r = applyAgentState(emptyAgent(), login as never);
    r = applyAgentWork(applyAgentWork(r, 'billing|c', ans), 'billing|c', end);
    expect(agentView(r).activity).toBe('wrapup');
    r = applyAgentState(r, agentState('t', 'a', T0 + 200_000, 'away', { reason: 'lunch' }) as never);
    expect(agentView(r)).toMatchObject({ activity: 'away', reason: 'lunch' });
  });

  it('is offline after logging off, even with work left open before it', () => {
    let r = applyAgentWork(applyAgentState(emptyAgent(), login as never), 'billing|c', ans);
    r = applyAgentState(r, agentState('t', 'a', T0 + 3_600_000, 'offline') as never);
    expect(agentView(r).activity).toBe('offline');
  });
});
