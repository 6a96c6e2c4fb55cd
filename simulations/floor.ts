/**
 * The contact-center floor as a discrete-event simulation. Pure: no clock, no I/O, no
 * Math.random. Given a scenario, a seed and a start time it produces the contract events
 * (schema/events.ts) that the floor would emit, as simulated time is advanced.
 *
 * The model, kept deliberately textbook so its numbers can be checked against Erlang C:
 * - contacts arrive per queue as a Poisson process (non-homogeneous with an intraday curve,
 *   by thinning) and wait first-in first-out;
 * - a free agent serving the queue takes the longest-waiting contact; an arrival meeting
 *   several free agents goes to the least loaded, then longest idle, one;
 * - talk, then wrap-up; the agent's slot is held until wrap-up ends (voice 1, chat n slots);
 * - a waiting customer abandons after an exponential patience; a queue rule may move
 *   contacts still waiting after a timeout out (contact.overflowed);
 * - agents log in at the start and take breaks only when idle: when a break falls due during
 *   a contact, no new work is routed to them and they leave after the last wrap-up ("aux
 *   pending" on real ACDs). Away and offline agents never receive contacts.
 */
import type {
  AgentStateEvent,
  ContactAbandoned,
  ContactAnswered,
  ContactEnded,
  ContactOverflowed,
  ContactQueued,
  ContactWrapped,
  IngestEvent,
} from '../schema/events.ts';
import { EventCalendar } from './calendar.ts';
import { intradayMultiplier } from './intraday.ts';
import { createRng, type Rng } from './random.ts';
import {
  validateScenario,
  type AgentSpec,
  type BreakKind,
  type Channel,
  type Duration,
  type QueueSpec,
  type Range,
  type Scenario,
} from './scenario.ts';

export interface FloorOptions {
  /** Seed of every random draw: the same scenario, seed, start and runId give the same events. */
  readonly seed: number;
  /** Simulated instant (epoch ms) at which the floor opens: agents log in, arrivals begin. */
  readonly startMs: number;
  /**
   * Prefix of event and contact ids (`${runId}-${n}`, `${runId}-c${n}`). Defaults to `s${seed}`,
   * which makes a run reproducible; give every live run against a durable store its own runId,
   * or its ids collide with an earlier run's and the server drops them as duplicates.
   */
  readonly runId?: string;
}

export interface Floor {
  readonly runId: string;
  /** The simulated instant reached so far (epoch ms). */
  readonly now: number;
  /**
   * Run the simulation up to and including `toMs` and return the events that happened since
   * the last call, in time order, with `at` as ISO-8601 UTC strings. Throws on `toMs` earlier
   * than `now`: simulated time only moves forward.
   */
  advance(toMs: number): IngestEvent[];
}

const RUN_ID = /^[A-Za-z0-9._-]{1,64}$/;

// ---------------------------------------------------------------------------------------------
// Simulation state. Object references rather than ids, so a lookup can never miss.

interface QueueState {
  readonly spec: QueueSpec;
  /** Waiting contacts, oldest first. A Map keeps insertion order and deletes in O(1), which
   *  abandons and overflows need: they leave from the middle of the line. */
  readonly waiting: Map<string, Contact>;
  /** Agents serving this queue, in scenario order. */
  readonly agents: AgentState[];
  readonly rate: { at(ms: number): number; max: number };
  readonly arrivalRng: Rng;
  readonly talkRng: Rng;
  readonly wrapRng: Rng;
  readonly patienceRng: Rng;
}

type ContactPhase =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'talking'; readonly agent: AgentState }
  | { readonly kind: 'wrapping'; readonly agent: AgentState }
  /** Abandoned, overflowed or wrapped: timers still in the calendar for it are stale. */
  | { readonly kind: 'done' };

interface Contact {
  readonly id: string;
  readonly queue: QueueState;
  readonly queuedAt: number;
  phase: ContactPhase;
}

/** The agent's presence. A pending break only exists while available, and away has a reason. */
type Presence =
  | { readonly kind: 'offline' }
  | { readonly kind: 'available'; readonly breakPending: BreakKind | null }
  | { readonly kind: 'away'; readonly reason: string };

interface AgentState {
  readonly spec: AgentSpec;
  readonly queues: QueueState[];
  presence: Presence;
  /** Contacts held (talking or wrapping) per channel. */
  readonly held: Record<Channel, number>;
  heldTotal: number;
  /** Since when the agent has had a free slot: the longest-idle agent gets the next contact. */
  idleSince: number;
  readonly rng: Rng;
}

type Happening =
  | { readonly kind: 'login'; readonly agent: AgentState }
  | { readonly kind: 'arrival'; readonly queue: QueueState }
  | { readonly kind: 'patience-ends'; readonly contact: Contact }
  | { readonly kind: 'overflow-due'; readonly contact: Contact }
  | { readonly kind: 'talk-ends'; readonly contact: Contact }
  | { readonly kind: 'wrap-ends'; readonly contact: Contact }
  | { readonly kind: 'break-due'; readonly agent: AgentState }
  | { readonly kind: 'break-ends'; readonly agent: AgentState };

// ---------------------------------------------------------------------------------------------

export function createFloor(scenario: Scenario, options: FloorOptions): Floor {
  validateScenario(scenario);
  const { seed, startMs } = options;
  if (!Number.isFinite(startMs)) throw new RangeError(`startMs must be a finite epoch-ms instant, got ${startMs}`);
  const runId = options.runId ?? `s${seed}`;
  if (!RUN_ID.test(runId)) throw new RangeError(`runId ${JSON.stringify(runId)} must match [A-Za-z0-9._-]{1,64}`);

  const root = createRng(seed);
  const calendar = new EventCalendar<Happening>();
  let now = startMs;
  let eventCount = 0;
  let contactCount = 0;
  let out: IngestEvent[] = [];
  /** The last `at` written, reused while the clock stands still. */
  let isoMs = Number.NaN;
  let isoText = '';

  const timeZones = new Map(scenario.tenants.map((t) => [t.id, t.timeZone]));
  const queues = new Map<string, QueueState>();
  for (const spec of scenario.queues) {
    const label = `queue:${spec.tenant}/${spec.id}`;
    queues.set(`${spec.tenant}/${spec.id}`, {
      spec,
      waiting: new Map(),
      agents: [],
      rate: intradayMultiplier(spec.intraday, timeZones.get(spec.tenant) ?? 'UTC'),
      arrivalRng: root.fork(`${label}:arrivals`),
      talkRng: root.fork(`${label}:talk`),
      wrapRng: root.fork(`${label}:wrap`),
      patienceRng: root.fork(`${label}:patience`),
    });
  }
  const agents: AgentState[] = scenario.agents.map((spec) => {
    const agent: AgentState = {
      spec,
      queues: spec.queues.map((id) => queues.get(`${spec.tenant}/${id}`) as QueueState), // validated above
      presence: { kind: 'offline' },
      held: { voice: 0, chat: 0, email: 0 },
      heldTotal: 0,
      idleSince: startMs,
      rng: root.fork(`agent:${spec.tenant}/${spec.id}`),
    };
    for (const q of agent.queues) q.agents.push(agent);
    return agent;
  });

  // Logins first, so that agents are on the floor before the first contact at the same instant.
  for (const agent of agents) calendar.schedule(startMs, { kind: 'login', agent });
  for (const queue of queues.values()) scheduleNextArrival(queue);

  // ---- emitting ------------------------------------------------------------------------------

  // Events are written as plain object literals, fields in the order of the contract's
  // examples: building them is most of the simulator's work, and spreads cost twice as much.

  function nextId(): string {
    return `${runId}-${++eventCount}`;
  }

  /** `at` of an event now; several events often share an instant (queued and answered). */
  function at(): string {
    if (now !== isoMs) {
      isoMs = now;
      isoText = new Date(now).toISOString();
    }
    return isoText;
  }

  function emitAgentState(agent: AgentState): void {
    const { spec, presence } = agent;
    const base = { id: nextId(), type: 'agent.state' as const, at: at(), tenant: spec.tenant, agent: spec.id };
    let event: AgentStateEvent;
    switch (presence.kind) {
      case 'available':
        // Queues and capacity on every return, not only at login: a board that missed the
        // login (it started later, or the event was lost) learns them from the next one.
        event = { ...base, state: 'available', queues: [...spec.queues], capacity: { ...spec.capacity } };
        break;
      case 'away':
        event = { ...base, state: 'away', reason: presence.reason };
        break;
      case 'offline':
        event = { ...base, state: 'offline' };
        break;
    }
    out.push(event);
  }

  // ---- the model -----------------------------------------------------------------------------

  function durationMs(d: Duration, rng: Rng): number {
    let seconds: number;
    switch (d.dist) {
      case 'fixed':
        seconds = d.seconds;
        break;
      case 'exponential':
        seconds = rng.exponential(d.meanSeconds);
        break;
      case 'lognormal':
        seconds = rng.lognormal(d.meanSeconds, d.cv);
        break;
    }
    // Whole milliseconds: event times are exact and `at` round-trips through ISO strings.
    return Math.round(seconds * 1000);
  }

  function minutesMs([min, max]: Range, rng: Rng): number {
    return Math.round(rng.uniform(min, max) * 60_000);
  }

  /** Next arrival by thinning: candidates at the peak rate, each kept with rate(t) / peak. */
  function scheduleNextArrival(queue: QueueState): void {
    const peakPerHour = queue.spec.arrivalsPerHour * queue.rate.max;
    if (peakPerHour <= 0) return;
    const gap = Math.max(1, Math.round(queue.arrivalRng.exponential(3_600_000 / peakPerHour)));
    calendar.schedule(now + gap, { kind: 'arrival', queue });
  }

  function canTake(agent: AgentState, channel: Channel): boolean {
    return (
      agent.presence.kind === 'available' &&
      agent.presence.breakPending === null &&
      agent.held[channel] < (agent.spec.capacity[channel] ?? 0)
    );
  }

  function arrive(queue: QueueState): void {
    const { spec } = queue;
    const contact: Contact = { id: `${runId}-c${++contactCount}`, queue, queuedAt: now, phase: { kind: 'waiting' } };
    const queued: ContactQueued = {
      id: nextId(),
      type: 'contact.queued',
      at: at(),
      tenant: spec.tenant,
      contact: contact.id,
      queue: spec.id,
      channel: spec.channel,
      language: spec.language,
    };
    out.push(queued);

    // Least loaded on this channel, then longest idle. Nobody free means nobody serving this
    // queue could take a contact, so the line (if any) is waiting for the same agents: join it.
    let best: AgentState | undefined;
    for (const agent of queue.agents) {
      if (!canTake(agent, spec.channel)) continue;
      if (
        best === undefined ||
        agent.held[spec.channel] < best.held[spec.channel] ||
        (agent.held[spec.channel] === best.held[spec.channel] && agent.idleSince < best.idleSince)
      ) {
        best = agent;
      }
    }
    if (best !== undefined) {
      answer(contact, best);
      return;
    }
    queue.waiting.set(contact.id, contact);
    if (spec.patience !== null) {
      calendar.schedule(now + durationMs(spec.patience, queue.patienceRng), { kind: 'patience-ends', contact });
    }
    if (spec.overflowAfterSeconds !== null) {
      calendar.schedule(now + Math.round(spec.overflowAfterSeconds * 1000), { kind: 'overflow-due', contact });
    }
  }

  function answer(contact: Contact, agent: AgentState): void {
    const { queue } = contact;
    queue.waiting.delete(contact.id);
    contact.phase = { kind: 'talking', agent };
    agent.held[queue.spec.channel]++;
    agent.heldTotal++;
    const answered: ContactAnswered = {
      id: nextId(),
      type: 'contact.answered',
      at: at(),
      tenant: queue.spec.tenant,
      contact: contact.id,
      queue: queue.spec.id,
      agent: agent.spec.id,
    };
    out.push(answered);
    calendar.schedule(now + durationMs(queue.spec.talk, queue.talkRng), { kind: 'talk-ends', contact });
  }

  /** Leave the line unanswered: the customer hung up, or a queue rule moved the contact out. */
  function leave(contact: Contact, how: 'abandoned' | 'overflowed'): void {
    if (contact.phase.kind !== 'waiting') return; // answered before the timer fired
    const { queue } = contact;
    queue.waiting.delete(contact.id);
    contact.phase = { kind: 'done' };
    const { tenant, id: queueId } = queue.spec;
    if (how === 'abandoned') {
      const event: ContactAbandoned = { id: nextId(), type: 'contact.abandoned', at: at(), tenant, contact: contact.id, queue: queueId };
      out.push(event);
    } else {
      const event: ContactOverflowed = {
        id: nextId(),
        type: 'contact.overflowed',
        at: at(),
        tenant,
        contact: contact.id,
        queue: queueId,
        reason: 'timeout',
      };
      out.push(event);
    }
  }

  function endTalk(contact: Contact): void {
    if (contact.phase.kind !== 'talking') throw new Error(`talk ended for ${contact.id} in phase ${contact.phase.kind}`);
    const { agent } = contact.phase;
    const { queue } = contact;
    contact.phase = { kind: 'wrapping', agent };
    const ended: ContactEnded = {
      id: nextId(),
      type: 'contact.ended',
      at: at(),
      tenant: queue.spec.tenant,
      contact: contact.id,
      queue: queue.spec.id,
      agent: agent.spec.id,
    };
    out.push(ended);
    calendar.schedule(now + durationMs(queue.spec.wrap, queue.wrapRng), { kind: 'wrap-ends', contact });
  }

  function endWrap(contact: Contact): void {
    if (contact.phase.kind !== 'wrapping') throw new Error(`wrap-up ended for ${contact.id} in phase ${contact.phase.kind}`);
    const { agent } = contact.phase;
    const { queue } = contact;
    contact.phase = { kind: 'done' };
    agent.held[queue.spec.channel]--;
    agent.heldTotal--;
    agent.idleSince = now;
    const wrapped: ContactWrapped = {
      id: nextId(),
      type: 'contact.wrapped',
      at: at(),
      tenant: queue.spec.tenant,
      contact: contact.id,
      queue: queue.spec.id,
      agent: agent.spec.id,
    };
    out.push(wrapped);
    if (agent.presence.kind === 'available' && agent.presence.breakPending !== null) {
      if (agent.heldTotal === 0) goAway(agent, agent.presence.breakPending);
      return; // a pending break routes no new work, even to free slots
    }
    takeWork(agent);
  }

  /** Give a free agent the longest-waiting contacts of its queues until its slots are full. */
  function takeWork(agent: AgentState): void {
    for (;;) {
      let oldest: Contact | undefined;
      for (const queue of agent.queues) {
        if (!canTake(agent, queue.spec.channel)) continue;
        const head = queue.waiting.values().next();
        if (!head.done && (oldest === undefined || head.value.queuedAt < oldest.queuedAt)) oldest = head.value;
      }
      if (oldest === undefined) return;
      answer(oldest, agent);
    }
  }

  function login(agent: AgentState): void {
    agent.presence = { kind: 'available', breakPending: null };
    agent.idleSince = now;
    emitAgentState(agent);
    const plan = agent.spec.breaks;
    if (plan !== null) {
      // The first break falls anywhere in the first cycle, so a floor that logs in together
      // does not go on break together.
      calendar.schedule(now + Math.round(agent.rng.uniform(0, plan.everyMinutes[1]) * 60_000), { kind: 'break-due', agent });
    }
    takeWork(agent);
  }

  function breakDue(agent: AgentState): void {
    const plan = agent.spec.breaks;
    if (plan === null || agent.presence.kind !== 'available' || agent.presence.breakPending !== null) return;
    const kind = agent.rng.pickWeighted(plan.kinds);
    if (agent.heldTotal === 0) goAway(agent, kind);
    else agent.presence = { kind: 'available', breakPending: kind };
  }

  function goAway(agent: AgentState, kind: BreakKind): void {
    agent.presence = { kind: 'away', reason: kind.reason };
    emitAgentState(agent);
    calendar.schedule(now + minutesMs(kind.minutes, agent.rng), { kind: 'break-ends', agent });
  }

  function breakEnds(agent: AgentState): void {
    agent.presence = { kind: 'available', breakPending: null };
    agent.idleSince = now;
    emitAgentState(agent);
    const plan = agent.spec.breaks;
    if (plan !== null) calendar.schedule(now + minutesMs(plan.everyMinutes, agent.rng), { kind: 'break-due', agent });
    takeWork(agent);
  }

  function handle(happening: Happening): void {
    switch (happening.kind) {
      case 'login':
        return login(happening.agent);
      case 'arrival': {
        const { queue } = happening;
        // Thinning: keep the candidate with probability rate(now) / peak rate.
        if (queue.arrivalRng.next() * queue.rate.max < queue.rate.at(now)) arrive(queue);
        return scheduleNextArrival(queue);
      }
      case 'patience-ends':
        return leave(happening.contact, 'abandoned');
      case 'overflow-due':
        return leave(happening.contact, 'overflowed');
      case 'talk-ends':
        return endTalk(happening.contact);
      case 'wrap-ends':
        return endWrap(happening.contact);
      case 'break-due':
        return breakDue(happening.agent);
      case 'break-ends':
        return breakEnds(happening.agent);
      default: {
        const never: never = happening;
        throw new Error(`unknown happening ${JSON.stringify(never)}`);
      }
    }
  }

  return {
    runId,
    get now() {
      return now;
    },
    advance(toMs) {
      if (!Number.isFinite(toMs)) throw new RangeError(`advance(${toMs}): need a finite epoch-ms instant`);
      if (toMs < now) throw new RangeError(`advance(${toMs}): simulated time is already ${now} and only moves forward`);
      for (let next = calendar.peekTime(); next !== undefined && next <= toMs; next = calendar.peekTime()) {
        const { at, item } = calendar.pop() as { at: number; item: Happening };
        now = at;
        handle(item);
      }
      now = toMs;
      const events = out;
      out = [];
      return events;
    },
  };
}
