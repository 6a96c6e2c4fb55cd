/**
 * The floor's realism, rule by rule, each on a small scenario built to show it: overflow to
 * another queue, skill expansion, tier-2 escalations with their follow-ups, callbacks,
 * routing priority, shifts, empirical patience and weekly curves. Every run is also checked
 * against the contract (zod) and the lifecycle rules, and repeated for determinism.
 */
import { describe, expect, it } from 'vitest';
import { eventTimeMs, parseEvent, type IngestEvent } from '../../schema/events.ts';
import { createFloor } from '../../simulations/floor.ts';
import { scenarioProblems, type AgentSpec, type QueueSpec, type Scenario } from '../../simulations/scenario.ts';
import { checkLifecycle } from './lifecycle.ts';

const START = Date.parse('2026-11-23T13:00:00Z'); // a Monday
const HOUR = 3_600_000;

function queue(id: string, rules: Partial<QueueSpec> = {}): QueueSpec {
  return {
    tenant: 't',
    id,
    name: id.toUpperCase(),
    channel: 'voice',
    language: 'en',
    arrivalsPerHour: 0,
    talk: { dist: 'exponential', meanSeconds: 180 },
    wrap: { dist: 'fixed', seconds: 10 },
    patience: null,
    overflowAfterSeconds: null,
    serviceLevelSeconds: 20,
    ...rules,
  };
}

function agents(prefix: string, n: number, queues: string[], rules: Partial<AgentSpec> = {}): AgentSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    tenant: 't',
    id: `${prefix}${i}`,
    name: `${prefix}${i}`,
    queues,
    capacity: { voice: 1 },
    breaks: null,
    ...rules,
  }));
}

function scenario(queues: QueueSpec[], team: AgentSpec[], timeZone = 'UTC'): Scenario {
  return { name: 'rules', description: 'one rule at a time', tenants: [{ id: 't', name: 'T', timeZone }], queues, agents: team };
}

/** Runs the scenario and checks what every run must satisfy; returns the events. */
function run(s: Scenario, hours: number, seed = 1, startMs = START): IngestEvent[] {
  const events = createFloor(s, { seed, startMs }).advance(startMs + hours * HOUR);
  expect(createFloor(s, { seed, startMs }).advance(startMs + hours * HOUR)).toEqual(events);
  const invalid = events.flatMap((e, i) => {
    const parsed = parseEvent(JSON.parse(JSON.stringify(e)), i);
    return parsed.ok ? [] : parsed.errors;
  });
  expect(invalid).toEqual([]);
  expect(checkLifecycle(events, s).violations).toEqual([]);
  return events;
}

const of = <T extends IngestEvent['type']>(events: readonly IngestEvent[], type: T) =>
  events.filter((e): e is Extract<IngestEvent, { type: T }> => e.type === type);
const ms = (e: IngestEvent) => eventTimeMs(e.at);

describe('overflow to another queue', () => {
  it('moves a contact still waiting after the timeout to the target queue at once, with its patience running on', () => {
    // A: one agent for 3 Erlangs, overflow after 30 s to B, which nobody serves; patience is
    // a fixed 50 s, so whoever moves to B hangs up there 20 s later.
    const s = scenario(
      [queue('a', { arrivalsPerHour: 60, overflow: { afterSeconds: 30, toQueue: 'b' }, patience: { dist: 'fixed', seconds: 50 } }), queue('b')],
      agents('x', 1, ['a']),
    );
    const events = run(s, 10);
    const moved = of(events, 'contact.overflowed');
    expect(moved.length).toBeGreaterThan(100);
    const queuedIn = new Map(of(events, 'contact.queued').map((e) => [`${e.queue}/${e.contact}`, ms(e)]));
    for (const e of moved) {
      expect(e).toMatchObject({ queue: 'a', reason: 'timeout', toQueue: 'b' });
      expect(ms(e) - queuedIn.get(`a/${e.contact}`)!).toBe(30_000);
      expect(queuedIn.get(`b/${e.contact}`)).toBe(ms(e));
    }
    const abandonedInB = of(events, 'contact.abandoned').filter((e) => e.queue === 'b');
    expect(abandonedInB.length).toBeGreaterThan(0.95 * moved.length);
    for (const e of abandonedInB) expect(ms(e) - queuedIn.get(`a/${e.contact}`)!).toBe(50_000);
  });

  it('is refused when it names an unknown queue, the queue itself, or makes a loop', () => {
    const problems = scenarioProblems(
      scenario(
        [
          queue('a', { overflow: { afterSeconds: 30, toQueue: 'b' } }),
          queue('b', { escalation: { toQueue: 'a', share: 0.1, resolveMinutes: [0, 0] } }),
          queue('c', { overflow: { afterSeconds: 30, toQueue: 'c' } }),
          queue('d', { overflow: { afterSeconds: 30, toQueue: 'nope' }, overflowAfterSeconds: 20 }),
        ],
        agents('x', 1, ['a']),
      ),
    );
    expect(problems).toEqual([
      'queue t/c: overflow.toQueue names the queue itself',
      'queue t/d: give overflow or overflowAfterSeconds, not both',
      'queue t/d: overflow.toQueue names unknown queue nope',
      'queues t/a → t/b → t/a form a loop of overflows and escalations: a contact may visit each queue once',
    ]);
  });
});

describe('skill expansion', () => {
  it('lets agents of another queue answer a contact once it has waited long enough, and only then', () => {
    // A is overloaded (4 Erlangs on 2 agents); B has no calls of its own and 3 agents who may
    // help A with contacts waiting 45 s or more. Contacts stay in A and count there.
    const s = scenario(
      [queue('a', { arrivalsPerHour: 80, expand: { afterSeconds: 45, queues: ['b'] } }), queue('b')],
      [...agents('own', 2, ['a']), ...agents('helper', 3, ['b'])],
    );
    const events = run(s, 10);
    const queuedAt = new Map(of(events, 'contact.queued').map((e) => [e.contact, ms(e)]));
    const answers = of(events, 'contact.answered');
    const byHelpers = answers.filter((e) => e.agent.startsWith('helper'));
    expect(byHelpers.length).toBeGreaterThan(100);
    expect(byHelpers.every((e) => e.queue === 'a' && ms(e) - queuedAt.get(e.contact)! >= 45_000)).toBe(true);
    // Some are taken the instant they become eligible, by a helper who was idle.
    expect(byHelpers.some((e) => ms(e) - queuedAt.get(e.contact)! === 45_000)).toBe(true);
    expect(answers.filter((e) => e.agent.startsWith('own')).length).toBeGreaterThan(100);
  });

  it('is refused towards a queue whose agents have no slot for the channel', () => {
    const problems = scenarioProblems(
      scenario([queue('a', { expand: { afterSeconds: 30, queues: ['chat'] } }), queue('chat', { channel: 'chat' })], [
        ...agents('x', 1, ['a']),
        ...agents('y', 1, ['chat'], { capacity: { chat: 2 } }),
      ]),
    );
    expect(problems).toEqual(['queue t/a: expand.queues names chat queue chat, whose agents have no voice slots for it']);
  });
});

describe('tier-2 escalations', () => {
  it('transfer a share of answered contacts to tier 2, where the escalation follow-up is taken up and closed', () => {
    const s = scenario(
      [
        queue('tier1', { arrivalsPerHour: 60, escalation: { toQueue: 'tier2', share: 0.2, resolveMinutes: [0, 0] } }),
        queue('tier2', { priority: 1, talk: { dist: 'exponential', meanSeconds: 300 } }),
      ],
      [...agents('one', 5, ['tier1']), ...agents('two', 3, ['tier2'])],
    );
    const events = run(s, 20);
    const transfers = of(events, 'contact.transferred');
    const answered = of(events, 'contact.answered').filter((e) => e.queue === 'tier1');
    // 20 % of ~1,200 answered: a binomial share within 4 standard deviations.
    expect(Math.abs(transfers.length / answered.length - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / answered.length));
    for (const t of transfers) {
      expect(t).toMatchObject({ queue: 'tier1', toQueue: 'tier2', escalation: true });
      const i = events.indexOf(t);
      // The transfer ends the talk (wrap-up follows in tier 1) and the contact queues in tier 2 at once.
      expect(events[i + 1]).toMatchObject({ type: 'contact.ended', contact: t.contact, queue: 'tier1', agent: t.agent, at: t.at });
      expect(events[i + 2]).toMatchObject({ type: 'contact.queued', contact: t.contact, queue: 'tier2', at: t.at });
    }
    // Tier 2 takes the follow-up the server opens (escalation:<queue>:<contact>) and closes it
    // when its wrap-up is done.
    const updates = of(events, 'followup.updated');
    for (const t of transfers) {
      const id = `escalation:tier1:${t.contact}`;
      const mine = updates.filter((u) => u.followup === id);
      const answer = of(events, 'contact.answered').find((e) => e.queue === 'tier2' && e.contact === t.contact);
      const wrap = of(events, 'contact.wrapped').find((e) => e.queue === 'tier2' && e.contact === t.contact);
      if (answer === undefined) {
        expect(mine).toEqual([]);
        continue;
      }
      expect(mine[0]).toMatchObject({ status: 'in_progress', owner: answer.agent, at: answer.at });
      if (wrap !== undefined) expect(mine[1]).toMatchObject({ status: 'done', at: wrap.at });
    }
    expect(updates.filter((u) => u.status === 'done').length).toBeGreaterThan(0.9 * transfers.length);
  });

  it('close follow-ups the stated minutes after the tier-2 wrap-up', () => {
    const s = scenario(
      [queue('tier1', { arrivalsPerHour: 30, escalation: { toQueue: 'tier2', share: 0.5, resolveMinutes: [30, 60] } }), queue('tier2')],
      [...agents('one', 3, ['tier1']), ...agents('two', 3, ['tier2'])],
    );
    const events = run(s, 10);
    const wraps = new Map(of(events, 'contact.wrapped').filter((e) => e.queue === 'tier2').map((e) => [e.contact, ms(e)]));
    const done = of(events, 'followup.updated').filter((u) => u.status === 'done');
    expect(done.length).toBeGreaterThan(50);
    for (const u of done) {
      const after = ms(u) - wraps.get(u.followup.replace('escalation:tier1:', ''))!;
      expect(after).toBeGreaterThanOrEqual(30 * 60_000);
      expect(after).toBeLessThanOrEqual(60 * 60_000);
    }
  });
});

describe('callbacks', () => {
  it('are offered to callers waiting long and owed to those who hang up: a follow-up, then an outbound contact that closes it', () => {
    const s = scenario(
      [
        queue('inbound', {
          arrivalsPerHour: 100,
          patience: { dist: 'exponential', meanSeconds: 90 },
          callback: { toQueue: 'callbacks', offerAfterSeconds: 40, acceptShare: 0.5, abandonedShare: 1, delayMinutes: [2, 5] },
        }),
        queue('callbacks', { channel: 'callback', priority: -1 }),
      ],
      [...agents('x', 5, ['inbound', 'callbacks'])],
    );
    const events = run(s, 10);
    const created = of(events, 'followup.created');
    const accepted = of(events, 'contact.overflowed');
    const abandoned = of(events, 'contact.abandoned');
    expect(accepted.length).toBeGreaterThan(20);
    expect(abandoned.length).toBeGreaterThan(20);
    expect(accepted.every((e) => e.reason === 'exit_key' && e.queue === 'inbound')).toBe(true);
    // One callback follow-up per accepted offer and per hang-up, made at that instant.
    expect(created).toHaveLength(accepted.length + abandoned.length);
    const promised = new Map(created.map((f) => [f.contact, f]));
    for (const e of [...accepted, ...abandoned]) {
      expect(promised.get(e.contact)).toMatchObject({ kind: 'callback', queue: 'callbacks', at: e.at });
    }
    const queuedAt = new Map(of(events, 'contact.queued').filter((e) => e.queue === 'inbound').map((e) => [e.contact, ms(e)]));
    for (const e of accepted) expect(ms(e) - queuedAt.get(e.contact)!).toBe(40_000);

    // Each callback is an outbound contact, queued 2 to 5 minutes later with channel callback,
    // whose agent takes up the follow-up as it answers and closes it with its wrap-up.
    const outbound = of(events, 'contact.queued').filter((e) => e.queue === 'callbacks');
    expect(outbound.every((e) => e.channel === 'callback')).toBe(true);
    const dueBy = created.filter((f) => ms(f) + 5 * 60_000 < START + 10 * HOUR).length;
    expect(outbound.length).toBeGreaterThanOrEqual(dueBy);
    expect(outbound.length).toBeLessThanOrEqual(created.length);
    const updates = of(events, 'followup.updated');
    for (const u of updates.filter((x) => x.status === 'in_progress')) {
      const answer = events[events.indexOf(u) - 1]!;
      expect(answer).toMatchObject({ type: 'contact.answered', queue: 'callbacks', agent: u.owner, at: u.at });
      const f = created.find((c) => c.followup === u.followup)!;
      const queued = outbound.find((q) => q.contact === (answer as { contact: string }).contact)!;
      expect(ms(queued) - ms(f)).toBeGreaterThanOrEqual(2 * 60_000);
      expect(ms(queued) - ms(f)).toBeLessThanOrEqual(5 * 60_000);
    }
    expect(updates.filter((u) => u.status === 'done').length).toBeGreaterThan(0.8 * outbound.length);
  });

  it('need a target queue of channel callback', () => {
    const problems = scenarioProblems(
      scenario([queue('a', { callback: { toQueue: 'b', offerAfterSeconds: 0, acceptShare: 2, abandonedShare: 0, delayMinutes: [5, 1] } }), queue('b')], agents('x', 1, ['a'])),
    );
    expect(problems).toEqual([
      'queue t/a: callback.toQueue b must be a queue of channel callback, not voice',
      'queue t/a: callback.offerAfterSeconds must be > 0 or null',
      'queue t/a: callback.acceptShare must be in [0, 1]',
      'queue t/a: callback.delayMinutes must be [min, max] with 0 <= min <= max',
    ]);
  });
});

describe('routing priority', () => {
  it('has agents take the higher-priority queue first: nobody there waits while they answer the other', () => {
    const s = scenario(
      [queue('high', { arrivalsPerHour: 40, priority: 1 }), queue('low', { arrivalsPerHour: 40 })],
      agents('x', 4, ['low', 'high']),
    );
    const events = run(s, 10);
    const waiting = { high: new Set<string>(), low: new Set<string>() };
    let lowWhileHighWaits = 0;
    let lowAnswered = 0;
    for (const e of events) {
      if (e.type === 'contact.queued') waiting[e.queue as 'high' | 'low'].add(e.contact);
      if (e.type === 'contact.answered') {
        waiting[e.queue as 'high' | 'low'].delete(e.contact);
        if (e.queue === 'low') {
          lowAnswered++;
          if (waiting.high.size > 0) lowWhileHighWaits++;
        }
      }
    }
    expect(lowAnswered).toBeGreaterThan(200);
    expect(lowWhileHighWaits).toBe(0);
  });
});

describe('shifts', () => {
  // New York: daylight saving starts on Sunday 8 March 2026 (EST −5 → EDT −4).
  const team = [
    ...agents('day', 2, ['q'], { shift: { start: '09:00', hours: 4, days: [1, 2, 3, 4, 5] } }),
    ...agents('always', 1, ['q']),
  ];
  const s = scenario([queue('q', { arrivalsPerHour: 30, talk: { dist: 'exponential', meanSeconds: 600 } })], team, 'America/New_York');
  const localTime = (ms: number) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);

  it('log agents in at the start of their shift in local time, on their days only, and off after their last contact', () => {
    const start = Date.parse('2026-03-05T12:00:00Z'); // Thursday 07:00 EST
    const events = run(s, 24 * 7, 1, start);
    const day0 = of(events, 'agent.state').filter((e) => e.agent === 'day0');
    const logins = day0.filter((e) => e.state === 'available').map((e) => localTime(ms(e)));
    // Thu, Fri; not the weekend; Mon to Wed after the clock change, still at 09:00 local.
    expect(logins).toEqual(['Thu 09:00', 'Fri 09:00', 'Mon 09:00', 'Tue 09:00', 'Wed 09:00']);
    const logoffs = day0.filter((e) => e.state === 'offline');
    expect(logoffs).toHaveLength(5);
    const shiftEnds = logins.map((_, i) => ms(day0.filter((e) => e.state === 'available')[i]!) + 4 * HOUR);
    logoffs.forEach((e, i) => {
      // At the end of the shift, or later by the contact in hand (and its wrap-up).
      expect(ms(e)).toBeGreaterThanOrEqual(shiftEnds[i]!);
      expect(ms(e)).toBeLessThan(shiftEnds[i]! + HOUR);
      const last = of(events, 'contact.answered').filter((a) => a.agent === 'day0' && ms(a) <= ms(e)).at(-1)!;
      expect(ms(last)).toBeLessThan(shiftEnds[i]!); // no new work after the shift ended
    });
    // The agent without a shift logs in once, at the start, and stays.
    expect(of(events, 'agent.state').filter((e) => e.agent === 'always0').map((e) => [e.state, ms(e)])).toEqual([['available', start]]);
  });

  it('log in at once an agent whose shift is already running when the floor opens', () => {
    const start = Date.parse('2026-03-05T16:00:00Z'); // Thursday 11:00 EST, two hours into the shift
    const events = run(s, 3, 1, start);
    const day0 = of(events, 'agent.state').filter((e) => e.agent === 'day0');
    expect(day0[0]).toMatchObject({ state: 'available', at: new Date(start).toISOString() });
    expect(day0.find((e) => e.state === 'offline')).toBeDefined();
    expect(ms(day0.find((e) => e.state === 'offline')!)).toBeGreaterThanOrEqual(Date.parse('2026-03-05T18:00:00Z'));
  });

  it('send an agent home from a break that outlasts the shift, and never back to work', () => {
    const breaker = agents('b', 1, ['q'], {
      shift: { start: '09:00', hours: 1 },
      breaks: { everyMinutes: [5, 10], kinds: [{ reason: 'lunch', weight: 1, minutes: [40, 60] }] },
    });
    const events = run(scenario([queue('q', { arrivalsPerHour: 5 })], breaker), 48, 3, Date.parse('2026-03-05T12:00:00Z'));
    const states = of(events, 'agent.state').map((e) => e.state);
    // Each day: in, off to lunch (and maybe back), home; the checker saw no work while away or offline.
    expect(states.filter((x) => x === 'offline')).toHaveLength(2);
    expect(states.at(-1)).toBe('offline');
  });

  it('are refused with a bad clock time, length or day', () => {
    const bad = agents('x', 1, ['q'], { shift: { start: '9:00', hours: 25, days: [0] } });
    expect(scenarioProblems(scenario([queue('q')], bad))).toEqual([
      'agent t/x0: shift.start must be a local time HH:MM, got "9:00"',
      'agent t/x0: shift.hours must be in (0, 24]',
      'agent t/x0: shift.days must list ISO weekdays 1 (Monday) to 7 (Sunday)',
    ]);
  });
});

describe('patience and arrival curves', () => {
  it('draws empirical patience between the observed values, spread over the whole range', () => {
    const seconds = [10, 20, 30, 40, 100];
    const s = scenario([queue('q', { arrivalsPerHour: 200, patience: { dist: 'empirical', seconds } })], []);
    const events = run(s, 10);
    const queuedAt = new Map(of(events, 'contact.queued').map((e) => [e.contact, ms(e)]));
    const waits = of(events, 'contact.abandoned').map((e) => (ms(e) - queuedAt.get(e.contact)!) / 1000);
    expect(waits.length).toBeGreaterThan(1500);
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...waits)).toBeLessThanOrEqual(100);
    // Four equally likely stretches between neighbouring values: a quarter of draws in each.
    const share = (lo: number, hi: number) => waits.filter((w) => w >= lo && w < hi).length / waits.length;
    for (const [lo, hi] of [[10, 20], [20, 30], [30, 40], [40, 100]] as const) expect(Math.abs(share(lo, hi) - 0.25)).toBeLessThan(0.04);
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    expect(mean).toBeGreaterThan(35); // (15 + 25 + 35 + 70) / 4 = 36.25
    expect(mean).toBeLessThan(38);
  });

  it('take arrival rates from a forecast within its intervals, and the queue\'s own rate outside', () => {
    // 30-minute intervals from START: 0, 240, 0 and 120 an hour; 30 an hour before and after.
    const forecast = { start: new Date(START).toISOString(), intervalMinutes: 30, arrivalsPerHour: [0, 240, 0, 120] };
    const perHalfHour = new Array<number>(8).fill(0);
    const HALF = HOUR / 2;
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = scenario([queue('q', { arrivalsPerHour: 30, forecast })], agents('x', 10, ['q']));
      for (const e of of(run(s, 4, seed, START - HOUR), 'contact.queued')) perHalfHour[Math.floor((ms(e) - (START - HOUR)) / HALF)]!++;
    }
    const per = perHalfHour.map((n) => n / 5); // mean over 5 seeds
    expect(per[2]).toBe(0);
    expect(per[4]).toBe(0);
    expect(per[3]! / 120).toBeGreaterThan(0.85); // 240 an hour: 120 per half hour
    expect(per[3]! / 120).toBeLessThan(1.15);
    expect(per[5]! / 60).toBeGreaterThan(0.8);
    expect(per[5]! / 60).toBeLessThan(1.2);
    const outside = (per[0]! + per[1]! + per[6]! + per[7]!) / 4;
    expect(outside / 15).toBeGreaterThan(0.7);
    expect(outside / 15).toBeLessThan(1.3);
  });

  it('are refused when they cannot be drawn from', () => {
    const problems = scenarioProblems(
      scenario(
        [
          queue('a', { patience: { dist: 'empirical', seconds: [] }, weekly: [1, 1, 1, 1, 1, 1] }),
          queue('b', { patience: { dist: 'empirical', seconds: [0, 0] }, talk: { dist: 'empirical', seconds: [60, Number.NaN] }, priority: Number.POSITIVE_INFINITY }),
          queue('c', { arrivalsPerHour: 10, weekly: [0, 0, 0, 0, 0, 0, 0] }),
          queue('d', { forecast: { start: 'tomorrow', intervalMinutes: 0, arrivalsPerHour: [-1] } }),
        ],
        agents('x', 1, ['a']),
      ),
    );
    expect(problems).toEqual([
      'queue t/a: weekly needs 7 daily (Monday first) multipliers, got 6',
      'queue t/a: patience: an empirical distribution needs at least one value',
      'queue t/b: talk: empirical values must be finite seconds >= 0',
      'queue t/b: patience: empirical values must not all be 0',
      'queue t/b: priority must be a finite number',
      'queue t/c: weekly multipliers are all 0',
      'queue t/d: forecast.start must be an ISO-8601 instant, got "tomorrow"',
      'queue t/d: forecast.intervalMinutes must be > 0',
      'queue t/d: forecast.arrivalsPerHour must be finite numbers >= 0',
    ]);
  });

  it('follows the weekly profile on the tenant calendar', () => {
    // Monday twice Tuesday's rate, nothing at the weekend (Tokyo time).
    const weekly = [2, 1, 1, 1, 1, 0, 0];
    const s = scenario([queue('q', { arrivalsPerHour: 60, weekly })], agents('x', 5, ['q']), 'Asia/Tokyo');
    const start = Date.parse('2026-03-02T00:00:00+09:00'); // Monday 00:00 in Tokyo
    const events = run(s, 24 * 7, 2, start);
    const perDay = new Array<number>(7).fill(0);
    for (const e of of(events, 'contact.queued')) perDay[Math.floor((ms(e) - start) / (24 * HOUR)) % 7]!++;
    expect(perDay[5]).toBe(0);
    expect(perDay[6]).toBe(0);
    const tuesdayToFriday = (perDay[1]! + perDay[2]! + perDay[3]! + perDay[4]!) / 4;
    expect(tuesdayToFriday / (60 * 24)).toBeCloseTo(1, 1);
    expect(perDay[0]! / tuesdayToFriday).toBeGreaterThan(1.8);
    expect(perDay[0]! / tuesdayToFriday).toBeLessThan(2.2);
  });
});
