/**
 * The contact-center floor as a discrete-event simulation. Pure: no clock, no I/O, no
 * Math.random. Given a scenario, a seed and a start time it produces the contract events
 * (schema/events.ts) that the floor would emit, as simulated time is advanced.
 *
 * The model, kept textbook at its core so its numbers can be checked against Erlang C and A:
 * - contacts arrive per queue as a Poisson process (non-homogeneous with intraday and weekly
 *   curves, or a forecast's rates, by thinning) and wait first-in first-out;
 * - a free agent takes the longest-waiting contact of its highest-priority queues with someone
 *   waiting; an arrival meeting several free agents goes to the least loaded, then longest
 *   idle, one;
 * - talk, then wrap-up; the agent's slot is held until wrap-up ends (voice 1, chat n slots);
 * - a waiting customer abandons when their patience (exponential, lognormal, empirical) runs
 *   out; patience runs on when an overflow rule moves them to another queue;
 * - queue rules: overflow after a timeout (to another queue, or off the floor), skill
 *   expansion (after a wait, agents of other queues may take the contact), tier-2 escalation
 *   at the end of a talk (a transfer that opens a follow-up), callbacks (offered while waiting,
 *   or for callers who hung up: a follow-up, then an outbound contact);
 * - agents log in for their shift (or at the start) and take breaks only when idle: when a
 *   break or the end of the shift falls due during a contact, no new work is routed to them
 *   and they leave after the last wrap-up ("aux pending" on real ACDs). Away and offline
 *   agents never receive contacts.
 *
 * Every queue, agent and rule draws from its own forked random stream, so adding a queue or a
 * rule leaves the other streams' draws unchanged.
 */
import type {
  AgentStateEvent,
  ContactOverflowed,
  ContactQueued,
  ContactTransferred,
  FollowupCreated,
  FollowupUpdated,
  IngestEvent,
} from '../schema/events.ts';
// One rule for the escalation follow-up's id, the server's: the simulator closes the follow-ups
// that the server opens from its transfers.
import { escalationFollowUpId } from '../server/engine/aggregate.ts';
import { EventCalendar } from './calendar.ts';
import { arrivalRate, localClock, nextLocalTime, type LocalClock } from './intraday.ts';
import { createRng, type Rng } from './random.ts';
import {
  overflowRuleOf,
  parseClock,
  slotOf,
  validateScenario,
  type AgentSpec,
  type BreakKind,
  type CallbackRule,
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
   * Prefix of event, contact and follow-up ids (`${runId}-${n}`, `${runId}-c${n}`,
   * `${runId}-f${n}`). Defaults to `s${seed}`, which makes a run reproducible; give every
   * live run against a durable store its own runId, or its ids collide with an earlier run's
   * and the server drops them as duplicates.
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
  /** The agent slot its contacts take. */
  readonly slot: Channel;
  readonly priority: number;
  /** Waiting contacts, oldest first. A Map keeps insertion order and deletes in O(1), which
   *  abandons and overflows need: they leave from the middle of the line. */
  readonly waiting: Map<string, Contact>;
  /** Agents serving this queue, in scenario order. */
  readonly agents: AgentState[];
  /** Agents of other queues who may take its contacts once they have waited `expandMs`. */
  readonly helpers: AgentState[];
  expandMs: number | null;
  overflowMs: number | null;
  overflowTo: QueueState | null;
  escalateTo: QueueState | null;
  callbackTo: QueueState | null;
  /** Arrivals per hour at an instant, and the peak. */
  readonly rate: { at(ms: number): number; max: number };
  readonly arrivalRng: Rng;
  readonly talkRng: Rng;
  readonly wrapRng: Rng;
  readonly patienceRng: Rng;
  /** Escalation and callback decisions and delays. */
  readonly rulesRng: Rng;
}

type ContactPhase =
  | { readonly kind: 'waiting' }
  | { readonly kind: 'talking'; readonly agent: AgentState }
  | { readonly kind: 'wrapping'; readonly agent: AgentState }
  /** Left the queue or wrapped: timers still in the calendar for it are stale. */
  | { readonly kind: 'done' };

/** What a visit works on: the follow-up its agent takes up, and when it is closed after wrap-up. */
interface FollowUpWork {
  readonly id: string;
  readonly closeMinutes: Range;
}

/**
 * One contact's visit to one queue (the server's unit: a contact that overflows or is
 * escalated visits several queues, each visit counted in its own queue).
 */
interface Contact {
  /** The contact id, shared by the visits of one contact. */
  readonly id: string;
  readonly queue: QueueState;
  readonly queuedAt: number;
  phase: ContactPhase;
  /** When the customer hangs up if still waiting; null: never (or not drawn yet). */
  patienceEndsAt: number | null;
  readonly followUp: FollowUpWork | null;
}

/** What an agent waits for before it can leave: a break, or the end of its shift. */
type Pending = { readonly kind: 'break'; readonly break: BreakKind } | { readonly kind: 'logoff' };

/** The agent's presence. Something pending only exists while available, and away has a reason. */
type Presence =
  | { readonly kind: 'offline' }
  | { readonly kind: 'available'; readonly pending: Pending | null }
  | { readonly kind: 'away'; readonly reason: string };

interface ShiftState {
  readonly minute: number;
  readonly hours: number;
  readonly days: readonly number[] | undefined;
  readonly clock: LocalClock;
}

interface AgentState {
  readonly spec: AgentSpec;
  readonly queues: QueueState[];
  /** Queues this agent may help once their contacts have waited long enough (skill expansion). */
  readonly helping: QueueState[];
  presence: Presence;
  /** Contacts held (talking or wrapping) per channel. */
  readonly held: Record<Channel, number>;
  heldTotal: number;
  /** Since when the agent has had a free slot: the longest-idle agent gets the next contact. */
  idleSince: number;
  /** Counts logins: break timers of an earlier stint on the floor are stale. */
  stint: number;
  readonly shift: ShiftState | null;
  readonly rng: Rng;
}

type Happening =
  | { readonly kind: 'login'; readonly agent: AgentState; readonly endsAt: number | null }
  | { readonly kind: 'shift-ends'; readonly agent: AgentState; readonly stint: number }
  | { readonly kind: 'arrival'; readonly queue: QueueState }
  | { readonly kind: 'patience-ends'; readonly contact: Contact }
  | { readonly kind: 'overflow-due'; readonly contact: Contact }
  | { readonly kind: 'expand-due'; readonly contact: Contact }
  | { readonly kind: 'offer-due'; readonly contact: Contact }
  | { readonly kind: 'callback-due'; readonly queue: QueueState; readonly followUp: string }
  | { readonly kind: 'followup-closes'; readonly tenant: string; readonly followUp: string }
  | { readonly kind: 'talk-ends'; readonly contact: Contact }
  | { readonly kind: 'wrap-ends'; readonly contact: Contact }
  | { readonly kind: 'break-due'; readonly agent: AgentState; readonly stint: number }
  | { readonly kind: 'break-ends'; readonly agent: AgentState; readonly stint: number };

/** Sorted values of empirical distributions, computed once per distribution object. */
const sortedSamples = new WeakMap<Duration, readonly number[]>();

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
  let followUpCount = 0;
  let out: IngestEvent[] = [];
  /** The last `at` written, reused while the clock stands still. */
  let isoMs = Number.NaN;
  let isoText = '';

  const timeZones = new Map(scenario.tenants.map((t) => [t.id, t.timeZone]));
  const clocks = new Map<string, LocalClock>();
  const clockOf = (tenant: string): LocalClock => {
    let clock = clocks.get(tenant);
    if (clock === undefined) clocks.set(tenant, (clock = localClock(timeZones.get(tenant) ?? 'UTC')));
    return clock;
  };

  const queues = new Map<string, QueueState>();
  const queueOf = (tenant: string, id: string) => queues.get(`${tenant}/${id}`) as QueueState; // validated
  for (const spec of scenario.queues) {
    const label = `queue:${spec.tenant}/${spec.id}`;
    queues.set(`${spec.tenant}/${spec.id}`, {
      spec,
      slot: slotOf(spec.channel),
      priority: spec.priority ?? 0,
      waiting: new Map(),
      agents: [],
      helpers: [],
      expandMs: null,
      overflowMs: null,
      overflowTo: null,
      escalateTo: null,
      callbackTo: null,
      rate: arrivalRate(spec, timeZones.get(spec.tenant) ?? 'UTC'),
      arrivalRng: root.fork(`${label}:arrivals`),
      talkRng: root.fork(`${label}:talk`),
      wrapRng: root.fork(`${label}:wrap`),
      patienceRng: root.fork(`${label}:patience`),
      rulesRng: root.fork(`${label}:rules`),
    });
  }
  for (const queue of queues.values()) {
    const { spec } = queue;
    const overflow = overflowRuleOf(spec);
    if (overflow !== null) {
      queue.overflowMs = Math.round(overflow.afterSeconds * 1000);
      if (overflow.toQueue !== undefined) queue.overflowTo = queueOf(spec.tenant, overflow.toQueue);
    }
    if (spec.expand !== undefined) queue.expandMs = Math.round(spec.expand.afterSeconds * 1000);
    if (spec.escalation !== undefined) queue.escalateTo = queueOf(spec.tenant, spec.escalation.toQueue);
    if (spec.callback !== undefined) queue.callbackTo = queueOf(spec.tenant, spec.callback.toQueue);
  }

  const agents: AgentState[] = scenario.agents.map((spec) => {
    const shift = spec.shift;
    const agent: AgentState = {
      spec,
      queues: spec.queues.map((id) => queueOf(spec.tenant, id)),
      helping: [],
      presence: { kind: 'offline' },
      held: { voice: 0, chat: 0, email: 0 },
      heldTotal: 0,
      idleSince: startMs,
      stint: 0,
      shift:
        shift === undefined
          ? null
          : { minute: parseClock(shift.start) as number, hours: shift.hours, days: shift.days, clock: clockOf(spec.tenant) },
      rng: root.fork(`agent:${spec.tenant}/${spec.id}`),
    };
    for (const q of agent.queues) q.agents.push(agent);
    return agent;
  });
  for (const queue of queues.values()) {
    for (const id of queue.spec.expand?.queues ?? []) {
      for (const helper of queueOf(queue.spec.tenant, id).agents) {
        // An agent who serves the queue anyway needs no expansion to reach it.
        if (helper.queues.includes(queue) || queue.helpers.includes(helper)) continue;
        queue.helpers.push(helper);
        helper.helping.push(queue);
      }
    }
  }

  // Logins first, so that agents are on the floor before the first contact at the same instant.
  for (const agent of agents) scheduleShift(agent, startMs, true);
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

  function emitFollowUpUpdate(tenant: string, followup: string, status: 'in_progress' | 'done', owner?: string): void {
    const event: FollowupUpdated = { id: nextId(), type: 'followup.updated', at: at(), tenant, followup, status };
    if (owner !== undefined) event.owner = owner;
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
      case 'empirical':
        seconds = empirical(d, rng);
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
    const peakPerHour = queue.rate.max;
    if (peakPerHour <= 0) return;
    const gap = Math.max(1, Math.round(queue.arrivalRng.exponential(3_600_000 / peakPerHour)));
    calendar.schedule(now + gap, { kind: 'arrival', queue });
  }

  function canTake(agent: AgentState, slot: Channel): boolean {
    return (
      agent.presence.kind === 'available' &&
      agent.presence.pending === null &&
      agent.held[slot] < (agent.spec.capacity[slot] ?? 0)
    );
  }

  /** The free agent of `pool` to take a contact: least loaded on the slot channel, then longest idle. */
  function bestFree(pool: readonly AgentState[], slot: Channel): AgentState | undefined {
    let best: AgentState | undefined;
    for (const agent of pool) {
      if (!canTake(agent, slot)) continue;
      if (
        best === undefined ||
        agent.held[slot] < best.held[slot] ||
        (agent.held[slot] === best.held[slot] && agent.idleSince < best.idleSince)
      ) {
        best = agent;
      }
    }
    return best;
  }

  /**
   * A visit begins: contact.queued, then an agent if one is free, or the line. `patienceEndsAt`
   * carries a customer's patience over from the queue they overflowed from.
   */
  function enter(queue: QueueState, id: string, patienceEndsAt: number | null, followUp: FollowUpWork | null): void {
    const { spec } = queue;
    const contact: Contact = { id, queue, queuedAt: now, phase: { kind: 'waiting' }, patienceEndsAt, followUp };
    const queued: ContactQueued = {
      id: nextId(),
      type: 'contact.queued',
      at: at(),
      tenant: spec.tenant,
      contact: id,
      queue: spec.id,
      channel: spec.channel,
      language: spec.language,
    };
    out.push(queued);

    // Nobody free means nobody serving this queue could take a contact, so the line (if any)
    // is waiting for the same agents: join it.
    const agent = bestFree(queue.agents, queue.slot);
    if (agent !== undefined) {
      answer(contact, agent);
      return;
    }
    queue.waiting.set(id, contact);
    // Patience is drawn only for those who wait: an answer on arrival needs none (and the
    // draws of the textbook queues stay those of the Erlang checks).
    if (contact.patienceEndsAt === null && spec.patience !== null) {
      contact.patienceEndsAt = now + durationMs(spec.patience, queue.patienceRng);
    }
    if (contact.patienceEndsAt !== null) calendar.schedule(Math.max(now, contact.patienceEndsAt), { kind: 'patience-ends', contact });
    if (queue.overflowMs !== null) calendar.schedule(now + queue.overflowMs, { kind: 'overflow-due', contact });
    if (queue.expandMs !== null && queue.helpers.length > 0) calendar.schedule(now + queue.expandMs, { kind: 'expand-due', contact });
    const offerAfter = spec.callback?.offerAfterSeconds;
    if (offerAfter !== undefined && offerAfter !== null) calendar.schedule(now + Math.round(offerAfter * 1000), { kind: 'offer-due', contact });
  }

  function arrive(queue: QueueState): void {
    enter(queue, `${runId}-c${++contactCount}`, null, null);
  }

  function answer(contact: Contact, agent: AgentState): void {
    const { queue } = contact;
    queue.waiting.delete(contact.id);
    contact.phase = { kind: 'talking', agent };
    agent.held[queue.slot]++;
    agent.heldTotal++;
    const { tenant, id: queueId } = queue.spec;
    out.push({ id: nextId(), type: 'contact.answered', at: at(), tenant, contact: contact.id, queue: queueId, agent: agent.spec.id });
    if (contact.followUp !== null) emitFollowUpUpdate(queue.spec.tenant, contact.followUp.id, 'in_progress', agent.spec.id);
    calendar.schedule(now + durationMs(queue.spec.talk, queue.talkRng), { kind: 'talk-ends', contact });
  }

  /** The customer hung up while waiting. */
  function abandon(contact: Contact): void {
    if (contact.phase.kind !== 'waiting') return; // answered (or gone) before the timer fired
    leaveLine(contact);
    const { tenant, id: queueId } = contact.queue.spec;
    out.push({ id: nextId(), type: 'contact.abandoned', at: at(), tenant, contact: contact.id, queue: queueId });
    const rule = contact.queue.spec.callback;
    if (rule !== undefined && rule.abandonedShare > 0 && contact.queue.rulesRng.chance(rule.abandonedShare)) {
      promiseCallback(contact, rule, `called back after hanging up in ${contact.queue.spec.name}`);
    }
  }

  /** A queue rule moved the contact out: on to another queue, or off the floor. */
  function overflow(contact: Contact): void {
    if (contact.phase.kind !== 'waiting') return;
    leaveLine(contact);
    const target = contact.queue.overflowTo;
    const { tenant, id: queueId } = contact.queue.spec;
    const event: ContactOverflowed = { id: nextId(), type: 'contact.overflowed', at: at(), tenant, contact: contact.id, queue: queueId, reason: 'timeout' };
    if (target !== null) event.toQueue = target.spec.id;
    out.push(event);
    if (target !== null) enter(target, contact.id, contact.patienceEndsAt, contact.followUp);
  }

  /** Skill expansion: the contact has waited long enough for the helpers; one of them may be free. */
  function expand(contact: Contact): void {
    if (contact.phase.kind !== 'waiting') return;
    const helper = bestFree(contact.queue.helpers, contact.queue.slot);
    if (helper !== undefined) answer(contact, helper);
  }

  /** A callback is offered to a caller still waiting; some take it and hang up. */
  function offerCallback(contact: Contact): void {
    if (contact.phase.kind !== 'waiting') return;
    const rule = contact.queue.spec.callback as CallbackRule;
    if (!contact.queue.rulesRng.chance(rule.acceptShare)) return;
    leaveLine(contact);
    // Queue_log's WITHDRAW (a caller taken out of the line on request) reads the same way.
    const { tenant, id: queueId } = contact.queue.spec;
    out.push({ id: nextId(), type: 'contact.overflowed', at: at(), tenant, contact: contact.id, queue: queueId, reason: 'exit_key' });
    promiseCallback(contact, rule, `callback requested while waiting in ${contact.queue.spec.name}`);
  }

  /** A callback follow-up now; the outbound contact once the dialer gets to it. */
  function promiseCallback(contact: Contact, rule: CallbackRule, note: string): void {
    const { queue } = contact;
    const target = queue.callbackTo as QueueState;
    const followup = `${runId}-f${++followUpCount}`;
    const created: FollowupCreated = {
      id: nextId(),
      type: 'followup.created',
      at: at(),
      tenant: queue.spec.tenant,
      followup,
      kind: 'callback',
      contact: contact.id,
      queue: target.spec.id,
      note,
    };
    out.push(created);
    calendar.schedule(now + minutesMs(rule.delayMinutes, queue.rulesRng), { kind: 'callback-due', queue: target, followUp: followup });
  }

  function leaveLine(contact: Contact): void {
    contact.queue.waiting.delete(contact.id);
    contact.phase = { kind: 'done' };
  }

  function endTalk(contact: Contact): void {
    if (contact.phase.kind !== 'talking') throw new Error(`talk ended for ${contact.id} in phase ${contact.phase.kind}`);
    const { agent } = contact.phase;
    const { queue } = contact;
    contact.phase = { kind: 'wrapping', agent };
    const { tenant, id: queueId } = queue.spec;
    const tier2 = queue.escalateTo;
    const escalated = tier2 !== null && queue.rulesRng.chance(queue.spec.escalation?.share ?? 0);
    if (escalated) {
      // Handed on to tier 2: the transfer ends this agent's talk (its wrap-up follows here),
      // and the contact queues again there, where the escalation follow-up is worked.
      const transferred: ContactTransferred = {
        id: nextId(),
        type: 'contact.transferred',
        at: at(),
        tenant,
        contact: contact.id,
        queue: queueId,
        agent: agent.spec.id,
        toQueue: tier2.spec.id,
        escalation: true,
      };
      out.push(transferred);
    }
    out.push({ id: nextId(), type: 'contact.ended', at: at(), tenant, contact: contact.id, queue: queueId, agent: agent.spec.id });
    calendar.schedule(now + durationMs(queue.spec.wrap, queue.wrapRng), { kind: 'wrap-ends', contact });
    if (escalated) {
      const followUp = { id: escalationFollowUpId(queue.spec.id, contact.id), closeMinutes: queue.spec.escalation?.resolveMinutes ?? [0, 0] } as const;
      enter(tier2, contact.id, null, followUp);
    }
  }

  function endWrap(contact: Contact): void {
    if (contact.phase.kind !== 'wrapping') throw new Error(`wrap-up ended for ${contact.id} in phase ${contact.phase.kind}`);
    const { agent } = contact.phase;
    const { queue } = contact;
    contact.phase = { kind: 'done' };
    agent.held[queue.slot]--;
    agent.heldTotal--;
    agent.idleSince = now;
    const { tenant, id: queueId } = queue.spec;
    out.push({ id: nextId(), type: 'contact.wrapped', at: at(), tenant, contact: contact.id, queue: queueId, agent: agent.spec.id });
    if (contact.followUp !== null) {
      const { id, closeMinutes } = contact.followUp;
      const delay = closeMinutes[1] > 0 ? minutesMs(closeMinutes, queue.rulesRng) : 0;
      if (delay === 0) emitFollowUpUpdate(queue.spec.tenant, id, 'done');
      else calendar.schedule(now + delay, { kind: 'followup-closes', tenant: queue.spec.tenant, followUp: id });
    }
    if (agent.presence.kind === 'available' && agent.presence.pending !== null) {
      if (agent.heldTotal === 0) leaveFloor(agent, agent.presence.pending);
      return; // something pending routes no new work, even to free slots
    }
    takeWork(agent);
  }

  /**
   * Give a free agent work until its slots are full: the longest-waiting contact of its
   * highest-priority queues with someone waiting; failing that, a contact of a queue it helps
   * that has waited long enough.
   */
  function takeWork(agent: AgentState): void {
    for (;;) {
      let next: Contact | undefined;
      let priority = -Infinity;
      for (const queue of agent.queues) {
        if (queue.priority < priority || !canTake(agent, queue.slot)) continue;
        const head = queue.waiting.values().next();
        if (head.done) continue;
        if (next === undefined || queue.priority > priority || head.value.queuedAt < next.queuedAt) {
          next = head.value;
          priority = queue.priority;
        }
      }
      if (next === undefined) {
        for (const queue of agent.helping) {
          if (!canTake(agent, queue.slot)) continue;
          const head = queue.waiting.values().next();
          // The head has waited longest: if it may not be taken yet, none may.
          if (head.done || head.value.queuedAt + (queue.expandMs as number) > now) continue;
          if (next === undefined || head.value.queuedAt < next.queuedAt) next = head.value;
        }
      }
      if (next === undefined) return;
      answer(next, agent);
    }
  }

  // ---- agents: shifts and breaks -------------------------------------------------------------

  /**
   * Plans the agent's next login: at once when `fromMs` falls inside a shift (or the agent has
   * none and `atStart`), else at the next shift's start.
   */
  function scheduleShift(agent: AgentState, fromMs: number, atStart: boolean): void {
    const { shift } = agent;
    if (shift === null) {
      if (atStart) calendar.schedule(fromMs, { kind: 'login', agent, endsAt: null });
      return;
    }
    const lengthMs = Math.round(shift.hours * 3_600_000);
    // The first shift start after (from − length): if it is not later than `from`, the agent is
    // on shift now (shifts are at most 24 hours, so no earlier one can still be running).
    const sinceMs = atStart ? fromMs - lengthMs + 1 : fromMs;
    const begins = nextLocalTime(shift.clock, sinceMs, shift.minute, shift.days);
    calendar.schedule(Math.max(fromMs, begins), { kind: 'login', agent, endsAt: begins + lengthMs });
  }

  function login(agent: AgentState, endsAt: number | null): void {
    agent.stint++;
    agent.presence = { kind: 'available', pending: null };
    agent.idleSince = now;
    emitAgentState(agent);
    if (endsAt !== null) calendar.schedule(endsAt, { kind: 'shift-ends', agent, stint: agent.stint });
    const plan = agent.spec.breaks;
    if (plan !== null) {
      // The first break falls anywhere in the first cycle, so a floor that logs in together
      // does not go on break together.
      const first = Math.round(agent.rng.uniform(0, plan.everyMinutes[1]) * 60_000);
      calendar.schedule(now + first, { kind: 'break-due', agent, stint: agent.stint });
    }
    takeWork(agent);
  }

  function shiftEnds(agent: AgentState): void {
    if (agent.presence.kind === 'available' && agent.heldTotal > 0) {
      // Finish the contacts in hand; a pending break gives way to going home.
      agent.presence = { kind: 'available', pending: { kind: 'logoff' } };
      return;
    }
    leaveFloor(agent, { kind: 'logoff' });
  }

  function breakDue(agent: AgentState): void {
    const plan = agent.spec.breaks;
    if (plan === null || agent.presence.kind !== 'available' || agent.presence.pending !== null) return;
    const kind = agent.rng.pickWeighted(plan.kinds);
    if (agent.heldTotal === 0) leaveFloor(agent, { kind: 'break', break: kind });
    else agent.presence = { kind: 'available', pending: { kind: 'break', break: kind } };
  }

  /** Off on a break, or home at the end of the shift. The agent holds no contact. */
  function leaveFloor(agent: AgentState, why: Pending): void {
    if (why.kind === 'break') {
      agent.presence = { kind: 'away', reason: why.break.reason };
      emitAgentState(agent);
      calendar.schedule(now + minutesMs(why.break.minutes, agent.rng), { kind: 'break-ends', agent, stint: agent.stint });
      return;
    }
    agent.presence = { kind: 'offline' };
    emitAgentState(agent);
    scheduleShift(agent, now, false);
  }

  function breakEnds(agent: AgentState): void {
    agent.presence = { kind: 'available', pending: null };
    agent.idleSince = now;
    emitAgentState(agent);
    const plan = agent.spec.breaks;
    if (plan !== null) calendar.schedule(now + minutesMs(plan.everyMinutes, agent.rng), { kind: 'break-due', agent, stint: agent.stint });
    takeWork(agent);
  }

  function handle(happening: Happening): void {
    switch (happening.kind) {
      case 'login':
        return login(happening.agent, happening.endsAt);
      case 'shift-ends':
        if (happening.stint === happening.agent.stint && happening.agent.presence.kind !== 'offline') shiftEnds(happening.agent);
        return;
      case 'arrival': {
        const { queue } = happening;
        // Thinning: keep the candidate with probability rate(now) / peak rate.
        if (queue.arrivalRng.next() * queue.rate.max < queue.rate.at(now)) arrive(queue);
        return scheduleNextArrival(queue);
      }
      case 'patience-ends':
        return abandon(happening.contact);
      case 'overflow-due':
        return overflow(happening.contact);
      case 'expand-due':
        return expand(happening.contact);
      case 'offer-due':
        return offerCallback(happening.contact);
      case 'callback-due':
        return enter(happening.queue, `${runId}-c${++contactCount}`, null, { id: happening.followUp, closeMinutes: [0, 0] });
      case 'followup-closes':
        return emitFollowUpUpdate(happening.tenant, happening.followUp, 'done');
      case 'talk-ends':
        return endTalk(happening.contact);
      case 'wrap-ends':
        return endWrap(happening.contact);
      case 'break-due':
        if (happening.stint === happening.agent.stint) breakDue(happening.agent);
        return;
      case 'break-ends':
        // A break that outlasted the shift ended the stint: the agent went home from it.
        if (happening.stint === happening.agent.stint && happening.agent.presence.kind === 'away') breakEnds(happening.agent);
        return;
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

/** A draw from observed values: a uniform position among them, interpolated between neighbours. */
function empirical(d: Extract<Duration, { dist: 'empirical' }>, rng: Rng): number {
  let sorted = sortedSamples.get(d);
  if (sorted === undefined) sortedSamples.set(d, (sorted = [...d.seconds].sort((a, b) => a - b)));
  if (sorted.length === 1) return sorted[0] as number;
  const position = rng.next() * (sorted.length - 1);
  const i = Math.floor(position);
  const low = sorted[i] as number;
  return low + ((sorted[i + 1] as number) - low) * (position - i);
}
