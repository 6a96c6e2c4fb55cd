import { describe, expect, it } from 'vitest';
import { eventTimeMs, parseEvent, type IngestEvent } from '../../schema/events.ts';
import { createFloor } from '../../simulations/floor.ts';
import type { AgentSpec, QueueSpec, Scenario } from '../../simulations/scenario.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { checkLifecycle } from './lifecycle.ts';

const START = Date.parse('2026-11-23T13:00:00Z'); // 08:00 New York, 14:00 Madrid, 21:00 Manila
const HOUR = 3_600_000;

function run(scenario: Scenario, seed: number, hours: number, startMs = START): IngestEvent[] {
  return createFloor(scenario, { seed, startMs }).advance(startMs + hours * HOUR);
}

function count(events: readonly IngestEvent[], type: IngestEvent['type']): number {
  return events.filter((e) => e.type === type).length;
}

/** One tenant, one queue, `agents` identical agents: textbook set-ups. */
function singleQueue(queue: Partial<QueueSpec>, agents: number, agent: Partial<AgentSpec> = {}): Scenario {
  return {
    name: 'single',
    description: 'one queue',
    tenants: [{ id: 't', name: 'T', timeZone: 'UTC' }],
    queues: [
      {
        tenant: 't',
        id: 'q',
        name: 'Q',
        channel: 'voice',
        language: 'en',
        arrivalsPerHour: 100,
        talk: { dist: 'exponential', meanSeconds: 240 },
        wrap: { dist: 'fixed', seconds: 0 },
        patience: null,
        overflowAfterSeconds: null,
        serviceLevelSeconds: 20,
        ...queue,
      },
    ],
    agents: Array.from({ length: agents }, (_, i) => ({
      tenant: 't',
      id: `a${i}`,
      name: `Agent ${i}`,
      queues: ['q'],
      capacity: { voice: 1 },
      breaks: null,
      ...agent,
    })),
  };
}

describe('the bpo scenario', () => {
  it('is a multi-tenant floor over voice, chat and email in several languages', () => {
    expect(bpo.tenants.length).toBeGreaterThanOrEqual(3);
    expect(bpo.queues.length).toBeGreaterThanOrEqual(8);
    expect(new Set(bpo.queues.map((q) => q.channel))).toEqual(new Set(['voice', 'chat', 'email', 'callback']));
    expect(new Set(bpo.queues.map((q) => q.language)).size).toBeGreaterThanOrEqual(3);
    expect(bpo.agents.length).toBeGreaterThanOrEqual(40);
    for (const tenant of bpo.tenants) {
      expect(bpo.queues.filter((q) => q.tenant === tenant.id).length).toBeGreaterThanOrEqual(3);
      expect(bpo.agents.filter((a) => a.tenant === tenant.id).length).toBeGreaterThan(10);
    }
    expect(bpo.agents.every((a) => a.breaks !== null)).toBe(true);
    // What makes it a real floor: every rule the simulator has is in use somewhere.
    expect(bpo.queues.some((q) => q.channel === 'callback')).toBe(true);
    expect(bpo.queues.filter((q) => q.escalation !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(bpo.queues.filter((q) => q.callback !== undefined).length).toBeGreaterThanOrEqual(2);
    expect(bpo.queues.some((q) => q.overflow?.toQueue !== undefined)).toBe(true);
    expect(bpo.queues.some((q) => q.expand !== undefined)).toBe(true);
    expect(bpo.queues.some((q) => q.patience?.dist === 'empirical')).toBe(true);
    expect(bpo.queues.some((q) => q.patience?.dist === 'lognormal')).toBe(true);
    expect(bpo.queues.some((q) => q.weekly !== undefined)).toBe(true);
    expect(bpo.agents.some((a) => a.shift !== undefined)).toBe(true);
    expect(bpo.agents.some((a) => a.queues.length > 1)).toBe(true);
  });

  it('emits only events that pass the contract, in time order, inside the simulated span', () => {
    const events = run(bpo, 1, 2);
    expect(events.length).toBeGreaterThan(1000);
    const problems = events.flatMap((e, i) => {
      const parsed = parseEvent(JSON.parse(JSON.stringify(e)), i);
      return parsed.ok ? [] : parsed.errors;
    });
    expect(problems).toEqual([]);
    const times = events.map((e) => eventTimeMs(e.at));
    expect(times.every((t, i) => t >= START && t <= START + 2 * HOUR && (i === 0 || t >= (times[i - 1] as number)))).toBe(true);
  });

  it('keeps every contact and agent consistent (several seeds, 3 hours each)', () => {
    for (const seed of [1, 2, 3]) {
      const events = run(bpo, seed, 3);
      const { violations, agents } = checkLifecycle(events, bpo);
      expect(violations, `seed ${seed}`).toEqual([]);
      // Chat agents really work several chats at once (so "never above capacity" is not vacuous).
      expect(Math.max(...[...agents.values()].map((a) => a.peak.chat ?? 0))).toBeGreaterThan(1);
    }
  });

  it('tags queued contacts with their queue channel and language, and agent states with queues and capacity', () => {
    const events = run(bpo, 4, 1);
    const queues = new Map(bpo.queues.map((q) => [`${q.tenant}/${q.id}`, q]));
    for (const e of events) {
      if (e.type === 'contact.queued') {
        const q = queues.get(`${e.tenant}/${e.queue}`);
        expect(q, e.queue).toBeDefined();
        expect([e.channel, e.language]).toEqual([q?.channel, q?.language]);
      }
    }
    // Everyone logs in at the start but part-timers off shift (13:00Z is a Monday: 08:00 in New
    // York, before the 09:00 shift; 14:00 in Madrid, in the 13:30 one; 21:00 in Manila, after both).
    const logins = events.filter((e) => e.type === 'agent.state' && eventTimeMs(e.at) === START);
    const onShift = bpo.agents.filter((a) => a.shift === undefined || (a.tenant === 'globex' && a.shift.start === '13:30'));
    expect(logins.map((e) => e.type === 'agent.state' && e.agent)).toEqual(onShift.map((a) => a.id));
    expect(onShift.length).toBeLessThan(bpo.agents.length);
    const first = bpo.agents[0] as AgentSpec;
    expect(logins[0]).toMatchObject({ agent: first.id, tenant: first.tenant, state: 'available', queues: first.queues, capacity: first.capacity });
  });

  it('has agents take breaks with reasons and customers abandon within 2 hours', () => {
    const events = run(bpo, 7, 2);
    const away = events.filter((e) => e.type === 'agent.state' && e.state === 'away');
    expect(away.length).toBeGreaterThan(bpo.agents.length); // about one break per agent-hour
    expect(away.every((e) => e.type === 'agent.state' && typeof e.reason === 'string' && e.reason.length > 0)).toBe(true);
    const back = events.filter((e) => e.type === 'agent.state' && e.state === 'available' && eventTimeMs(e.at) > START);
    expect(back.length).toBeGreaterThan(0.8 * away.length);
    const abandoned = count(events, 'contact.abandoned');
    const queued = count(events, 'contact.queued');
    expect(abandoned).toBeGreaterThan(0);
    expect(abandoned / queued).toBeLessThan(0.15);
  });

  it('overflows a small share of voice contacts over a working day, and never other channels', () => {
    const events = run(bpo, 8, 10, Date.parse('2026-11-23T08:00:00Z'));
    const channelOf = new Map(bpo.queues.map((q) => [`${q.tenant}/${q.id}`, q.channel]));
    const voiceQueued = events.filter((e) => e.type === 'contact.queued' && e.channel === 'voice').length;
    const overflowed = events.filter((e) => e.type === 'contact.overflowed' && e.reason === 'timeout');
    expect(overflowed.length).toBeGreaterThan(0);
    expect(overflowed.length / voiceQueued).toBeLessThan(0.03);
    expect(overflowed.every((e) => channelOf.get(`${e.tenant}/${e.queue}`) === 'voice')).toBe(true);
    // Some move on to another queue (Filipino callers to the English line), others leave the floor.
    expect(overflowed.some((e) => e.type === 'contact.overflowed' && e.toQueue === 'orders-en')).toBe(true);
    expect(overflowed.some((e) => e.type === 'contact.overflowed' && e.toQueue === undefined)).toBe(true);
  });
});

describe('createFloor', () => {
  it('gives identical events for the same seed and different ones for another seed', () => {
    const a = run(bpo, 42, 1);
    const b = run(bpo, 42, 1);
    const c = run(bpo, 43, 1);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(c.filter((e) => e.type === 'contact.queued').map((e) => e.at)).not.toEqual(
      a.filter((e) => e.type === 'contact.queued').map((e) => e.at),
    );
  });

  it('gives the same events however time is advanced (one step or many small ones)', () => {
    const whole = run(bpo, 5, 1);
    const floor = createFloor(bpo, { seed: 5, startMs: START });
    const pieces: IngestEvent[] = [];
    for (let t = START; t < START + HOUR; ) {
      t = Math.min(START + HOUR, t + 997); // an odd step: boundaries fall anywhere
      pieces.push(...floor.advance(t));
    }
    expect(pieces).toEqual(whole);
    expect(floor.now).toBe(START + HOUR);
  });

  it('prefixes ids with the run id so that runs do not collide, and ids never repeat', () => {
    const a = createFloor(bpo, { seed: 1, startMs: START, runId: 'demo-a' }).advance(START + HOUR);
    const b = createFloor(bpo, { seed: 1, startMs: START, runId: 'demo-b' }).advance(START + HOUR);
    expect(a.every((e) => e.id.startsWith('demo-a-'))).toBe(true);
    expect(new Set(a.map((e) => e.id)).size).toBe(a.length);
    const ids = new Set(a.map((e) => e.id));
    expect(b.some((e) => ids.has(e.id))).toBe(false);
    const contacts = a.flatMap((e) => (e.type === 'contact.queued' ? [e.contact] : []));
    expect(contacts.every((c) => c.startsWith('demo-a-'))).toBe(true);
    expect(createFloor(bpo, { seed: 9, startMs: START }).runId).toBe('s9');
  });

  it('refuses to go back in time, bad run ids and invalid scenarios', () => {
    const floor = createFloor(bpo, { seed: 1, startMs: START });
    floor.advance(START + 1000);
    expect(() => floor.advance(START)).toThrow(/only moves forward/);
    expect(() => createFloor(bpo, { seed: 1, startMs: START, runId: 'no spaces' })).toThrow(/runId/);
    const broken = singleQueue({}, 1, { queues: ['nope'] });
    expect(() => createFloor(broken, { seed: 1, startMs: START })).toThrow(/serves unknown queue nope/);
    const noSlots = singleQueue({}, 1, { capacity: { chat: 3 } });
    expect(() => createFloor(noSlots, { seed: 1, startMs: START })).toThrow(/without voice capacity/);
  });

  it('follows the intraday curve in the tenant time zone', () => {
    // Closed (multiplier 0) from 00:00 to 12:00 local, double rate from 12:00 to 24:00.
    const profile = Array.from({ length: 24 }, (_, h) => (h < 12 ? 0 : 2));
    const scenario = singleQueue({ arrivalsPerHour: 60, intraday: profile }, 10);
    const tokyo = { ...scenario, tenants: [{ id: 't', name: 'T', timeZone: 'Asia/Tokyo' }] }; // UTC+9, no DST
    const days = 10;
    const start = Date.parse('2026-03-01T00:00:00+09:00');
    const byLocalHour = new Array<number>(24).fill(0);
    for (const e of run(tokyo, 3, 24 * days, start)) {
      if (e.type === 'contact.queued') {
        const hour = Math.floor(((eventTimeMs(e.at) - start) % (24 * HOUR)) / HOUR);
        byLocalHour[hour] = (byLocalHour[hour] ?? 0) + 1;
      }
    }
    // Values hold at mid-hour and ramp in between: 01:00-11:00 is fully closed, 13:00-23:00 fully at 2x.
    expect(byLocalHour.slice(1, 11).every((n) => n === 0)).toBe(true);
    const open = byLocalHour.slice(13, 23).reduce((s, n) => s + n, 0) / (10 * days);
    expect(open).toBeGreaterThan(120 * 0.9);
    expect(open).toBeLessThan(120 * 1.1);
  });

  it('routes nothing to agents on a break, and lets breaks wait until the agent is idle', () => {
    // Two chat agents with 3 slots each, busy, breaking often: breaks must wait for the last chat.
    const scenario = singleQueue(
      { channel: 'chat', arrivalsPerHour: 40, talk: { dist: 'lognormal', meanSeconds: 400, cv: 1 }, wrap: { dist: 'fixed', seconds: 15 } },
      2,
      { capacity: { chat: 3 }, breaks: { everyMinutes: [5, 10], kinds: [{ reason: 'break', weight: 1, minutes: [2, 4] }] } },
    );
    const events = run(scenario, 11, 12);
    const { violations } = checkLifecycle(events);
    expect(violations).toEqual([]);
    expect(count(events, 'agent.state')).toBeGreaterThan(100);
  });
});

describe('the lifecycle check', () => {
  // A check that never fails proves nothing: feed it one of each mistake.
  const base = { at: '2026-11-23T09:00:00Z', tenant: 't' };
  const events: IngestEvent[] = [
    { ...base, id: '1', type: 'agent.state', agent: 'a', state: 'available', queues: ['q'], capacity: { voice: 1 } },
    { ...base, id: '2', type: 'contact.queued', contact: 'c1', queue: 'q', channel: 'voice', language: 'en' },
    { ...base, id: '3', type: 'contact.queued', contact: 'c2', queue: 'q', channel: 'voice', language: 'en' },
    { ...base, id: '4', type: 'contact.answered', contact: 'c1', queue: 'q', agent: 'a' },
    { ...base, id: '5', type: 'contact.answered', contact: 'c2', queue: 'q', agent: 'a' },
    { ...base, id: '6', type: 'contact.ended', contact: 'c1', queue: 'q', agent: 'b' },
    { ...base, id: '7', type: 'agent.state', agent: 'a', state: 'away', reason: 'break' },
    { ...base, id: '8', type: 'contact.answered', contact: 'c3', queue: 'q', agent: 'a' },
    { ...base, id: '9', type: 'contact.abandoned', contact: 'c2', queue: 'q' },
    { ...base, id: '10', type: 'contact.queued', contact: 'c4', queue: 'q', channel: 'voice', language: 'en' },
    { ...base, id: '11', type: 'contact.answered', contact: 'c4', queue: 'q', agent: 'a' },
    { ...base, id: '12', type: 'contact.wrapped', contact: 'c4', queue: 'q', agent: 'a' },
  ];

  it('catches double voice contacts, wrong agents, breaks while busy, answers while away and skipped stages', () => {
    const { violations } = checkLifecycle(events);
    expect(violations).toEqual([
      '5 contact.answered: a holds 2 voice contacts with 1 slot(s)',
      '6 contact.ended: ended by b but answered by a',
      '7 agent.state: a goes away while holding 2 contact(s)',
      '8 contact.answered: answered while never queued',
      '9 contact.abandoned: left the queue while talking',
      '11 contact.answered: answered by a who is away',
      '11 contact.answered: a holds 3 voice contacts with 1 slot(s)',
      '12 contact.wrapped: wrapped while talking',
    ]);
  });

  it('catches moves that go nowhere, a contact in two lines at once, unknown follow-ups and agents without the skill', () => {
    const scenario = singleQueue({ escalation: { toQueue: 't2', share: 0.1, resolveMinutes: [0, 0] } }, 1);
    const withTier2: Scenario = {
      ...scenario,
      queues: [...scenario.queues, { ...(scenario.queues[0] as QueueSpec), id: 't2', name: 'T2', escalation: undefined }],
    };
    const more: IngestEvent[] = [
      { ...base, id: '1', type: 'agent.state', agent: 'a0', state: 'available', queues: ['q'], capacity: { voice: 1 } },
      { ...base, id: '2', type: 'contact.queued', contact: 'c1', queue: 'q', channel: 'voice', language: 'en' },
      { ...base, id: '3', type: 'contact.queued', contact: 'c1', queue: 't2', channel: 'voice', language: 'en' },
      { ...base, id: '4', type: 'contact.answered', contact: 'c1', queue: 'q', agent: 'a0' },
      { ...base, id: '5', type: 'contact.transferred', contact: 'c1', queue: 'q', agent: 'a0', toQueue: 'x', escalation: true },
      { ...base, id: '6', type: 'contact.ended', contact: 'c1', queue: 'q', agent: 'a0' },
      { ...base, id: '7', type: 'followup.updated', followup: 'nope', status: 'done' },
      { ...base, id: '8', type: 'followup.updated', followup: 'escalation:q:c1', status: 'done' },
      { ...base, id: '9', type: 'followup.updated', followup: 'escalation:q:c1', status: 'in_progress' },
      { ...base, id: '10', type: 'agent.state', agent: 'z', state: 'available', queues: ['t2'], capacity: { voice: 1 } },
      { ...base, id: '11', type: 'contact.answered', contact: 'c1', queue: 't2', agent: 'z' },
      { ...base, at: '2026-11-23T09:00:01Z', id: '12', type: 'contact.queued', contact: 'c2', queue: 'q', channel: 'voice', language: 'es' },
    ];
    const { violations } = checkLifecycle(more, withTier2);
    expect(violations).toEqual([
      '3 contact.queued: queued in t2 while still in q',
      '7 followup.updated: update of unknown follow-up nope',
      '9 followup.updated: update of follow-up escalation:q:c1 after it was done',
      '11 contact.answered: answered by z, who neither serves t2 nor may help it yet',
      "12 contact.queued: channel or language is not the queue's",
      't/c1: a transfer sent it to x, where it never queued',
    ]);
  });
});
