/**
 * What a simulated contact center is made of: tenants (client accounts), their queues and
 * the agents who serve them. A scenario is plain data: the floor simulates it, and the server
 * can read tenant and queue settings (names, time zones, channels, service-level thresholds)
 * from the same object, so the board and the simulator agree.
 */
import { TENANT_PATTERN } from '../schema/events.ts';

/** Channels an agent has slots for. Voice and email take one contact per slot, chat several. */
export const SIM_CHANNELS = ['voice', 'chat', 'email'] as const;
export type Channel = (typeof SIM_CHANNELS)[number];

/**
 * Channels a queue may have: the slot channels, and `callback` (outbound calls that return a
 * customer's call: contact.queued says `callback`, the agent talks on a voice slot).
 */
export const QUEUE_CHANNELS = [...SIM_CHANNELS, 'callback'] as const;
export type QueueChannel = (typeof QUEUE_CHANNELS)[number];

/** The agent slot a contact of a queue channel takes. */
export function slotOf(channel: QueueChannel): Channel {
  return channel === 'callback' ? 'voice' : channel;
}

/** A random duration. Seconds throughout, as people who staff contact centers speak. */
export type Duration =
  | { readonly dist: 'fixed'; readonly seconds: number }
  | { readonly dist: 'exponential'; readonly meanSeconds: number }
  /** cv: coefficient of variation (sd / mean); handle times sit around 1 to 1.5. */
  | { readonly dist: 'lognormal'; readonly meanSeconds: number; readonly cv: number }
  /**
   * Observed values (say, how long callers of a real queue waited before hanging up), drawn
   * from their empirical distribution, interpolated linearly between neighbouring values so
   * that draws are not limited to the sample itself.
   */
  | { readonly dist: 'empirical'; readonly seconds: readonly number[] };

/** [min, max], drawn uniformly. */
export type Range = readonly [min: number, max: number];

export interface TenantSpec {
  /** Tenant id of the events: [A-Za-z0-9._-]{1,64}. */
  readonly id: string;
  readonly name: string;
  /** IANA zone: intervals and "today" on the board, and the intraday curve of arrivals. */
  readonly timeZone: string;
}

/**
 * Arrival rate multipliers for the 24 hours of the tenant's local day (index 0 = 00:00-01:00).
 * Each value holds at the middle of its hour; the rate moves linearly in between, so there is
 * no step at the top of the hour. Average ~1 keeps `arrivalsPerHour` the daily mean rate.
 */
export type IntradayProfile = readonly number[];

/**
 * Arrival rate multipliers for the days of the tenant's week, Monday first (7 values): a
 * Monday peak, a quiet Sunday. The day changes at local midnight.
 */
export type WeeklyProfile = readonly number[];

/**
 * Arrivals from a forecast: a mean rate per hour for each of consecutive intervals from
 * `start` (a Poisson process at that rate within each). Outside the forecast the queue's own
 * rate and curves apply.
 */
export interface ArrivalForecast {
  /** ISO-8601 instant the first interval starts at. */
  readonly start: string;
  readonly intervalMinutes: number;
  readonly arrivalsPerHour: readonly number[];
}

/** Contacts still waiting after `afterSeconds` leave by a system rule (contact.overflowed). */
export interface OverflowRule {
  readonly afterSeconds: number;
  /**
   * Queue of the same tenant they move to (`toQueue`, then contact.queued there; the
   * customer's patience runs on); absent: they leave the floor (voicemail, a message).
   */
  readonly toQueue?: string;
}

/**
 * Skill expansion: a contact waiting `afterSeconds` may also be answered by the agents of
 * these queues (same slot channel). It stays in its queue and counts there; they take it only
 * when their own queues have nobody waiting.
 */
export interface ExpandRule {
  readonly afterSeconds: number;
  readonly queues: readonly string[];
}

/**
 * Tier-2 escalations: a `share` of the contacts answered here are handed on to `toQueue` at
 * the end of the talk (contact.transferred with escalation: true, which opens an escalation
 * follow-up on the server; then contact.queued there). The tier-2 agent who answers sets the
 * follow-up in progress; it is done `resolveMinutes` after their wrap-up (0: at once).
 */
export interface EscalationRule {
  readonly toQueue: string;
  readonly share: number;
  readonly resolveMinutes: Range;
}

/**
 * Callbacks: a caller still waiting after `offerAfterSeconds` is offered a call back and takes
 * it with probability `acceptShare` (leaving the queue: contact.overflowed, exit_key); a share
 * `abandonedShare` of those who hang up are called back too. Each gets a callback follow-up
 * (followup.created), and `delayMinutes` later an outbound contact in `toQueue` (a queue of
 * channel `callback`); its agent sets the follow-up in progress and done.
 */
export interface CallbackRule {
  readonly toQueue: string;
  /** null: callbacks are not offered while waiting, only abandoned callers are called back. */
  readonly offerAfterSeconds: number | null;
  readonly acceptShare: number;
  readonly abandonedShare: number;
  readonly delayMinutes: Range;
}

export interface QueueSpec {
  readonly tenant: string;
  /** Queue id, unique within the tenant. */
  readonly id: string;
  readonly name: string;
  readonly channel: QueueChannel;
  /** BCP 47 tag: en, es, fil. */
  readonly language: string;
  /** Mean arrivals per hour (a Poisson process), times the intraday and weekly multipliers if any. */
  readonly arrivalsPerHour: number;
  readonly intraday?: IntradayProfile;
  readonly weekly?: WeeklyProfile;
  readonly forecast?: ArrivalForecast;
  /** Talk time: answered to ended. */
  readonly talk: Duration;
  /** After-contact work: ended to wrapped. The slot stays taken until wrapped. */
  readonly wrap: Duration;
  /** How long a customer waits before hanging up; null: never abandons (email). */
  readonly patience: Duration | null;
  /**
   * A system rule: contacts still waiting after this long leave (contact.overflowed, timeout).
   * Shorthand for `overflow: { afterSeconds }`; give one or the other.
   */
  readonly overflowAfterSeconds: number | null;
  readonly overflow?: OverflowRule;
  readonly expand?: ExpandRule;
  readonly escalation?: EscalationRule;
  readonly callback?: CallbackRule;
  /**
   * Routing priority (default 0): a free agent takes the longest-waiting contact of its
   * highest-priority queues that have someone waiting. Callbacks usually sit below inbound.
   */
  readonly priority?: number;
  /** T of the service level ("80/20" has T = 20). */
  readonly serviceLevelSeconds: number;
}

/** Slots per channel: { voice: 1 }, { chat: 3 }. A channel absent or 0 is not served. */
export type Capacity = Readonly<Partial<Record<Channel, number>>>;

export interface BreakKind {
  /** The agent.state reason: break, lunch, coaching, ... */
  readonly reason: string;
  /** Relative frequency among the plan's kinds. */
  readonly weight: number;
  readonly minutes: Range;
}

export interface BreakPlan {
  /** Minutes of availability between one break and the next (the first comes earlier: staggered). */
  readonly everyMinutes: Range;
  readonly kinds: readonly BreakKind[];
}

/**
 * A working time in the tenant's local time: the agent logs in at `start` and logs off
 * `hours` later (after finishing the contacts in hand), on the given days.
 */
export interface Shift {
  /** Local clock time, HH:MM. */
  readonly start: string;
  /** Length in hours, up to 24 (a shift may run past midnight). */
  readonly hours: number;
  /** ISO weekdays the shift starts on, 1 = Monday to 7 = Sunday (default every day). */
  readonly days?: readonly number[];
}

export interface AgentSpec {
  readonly tenant: string;
  /** Agent id, unique within the tenant. */
  readonly id: string;
  readonly name: string;
  /** Ids of queues of the agent's tenant it serves (its skills); each queue's channel needs a slot in `capacity`. */
  readonly queues: readonly string[];
  readonly capacity: Capacity;
  /** null: never goes on a break (for textbook checks such as Erlang C). */
  readonly breaks: BreakPlan | null;
  /** Absent: on the floor from the start of the simulation, all the time. */
  readonly shift?: Shift;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly tenants: readonly TenantSpec[];
  readonly queues: readonly QueueSpec[];
  readonly agents: readonly AgentSpec[];
}

export class ScenarioError extends Error {
  constructor(
    readonly scenario: string,
    readonly problems: readonly string[],
  ) {
    super(`scenario ${JSON.stringify(scenario)} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ScenarioError';
  }
}

/** The queue's overflow rule, whichever way it was written; null: none. */
export function overflowRuleOf(q: QueueSpec): OverflowRule | null {
  return q.overflow ?? (q.overflowAfterSeconds === null ? null : { afterSeconds: q.overflowAfterSeconds });
}

/** Everything wrong with a scenario, as sentences; empty when it can be simulated. */
export function scenarioProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const tenants = new Map<string, TenantSpec>();
  for (const t of scenario.tenants) {
    if (!TENANT_PATTERN.test(t.id)) problems.push(`tenant id ${JSON.stringify(t.id)} must match [A-Za-z0-9._-]{1,64}`);
    if (tenants.has(t.id)) problems.push(`tenant ${t.id} is declared twice`);
    if (!validTimeZone(t.timeZone)) problems.push(`tenant ${t.id}: unknown time zone ${JSON.stringify(t.timeZone)}`);
    tenants.set(t.id, t);
  }

  const queues = new Map<string, QueueSpec>();
  for (const q of scenario.queues) {
    const key = `${q.tenant}/${q.id}`;
    if (queues.has(key)) problems.push(`queue ${key} is declared twice`);
    queues.set(key, q);
  }
  for (const q of scenario.queues) {
    const where = `queue ${q.tenant}/${q.id}`;
    /** Another queue of the same tenant, named by a rule of this one. */
    const other = (field: string, id: string): QueueSpec | undefined => {
      const target = queues.get(`${q.tenant}/${id}`);
      if (target === undefined) problems.push(`${where}: ${field} names unknown queue ${id}`);
      else if (target === q) problems.push(`${where}: ${field} names the queue itself`);
      return target === q ? undefined : target;
    };
    if (!tenants.has(q.tenant)) problems.push(`${where}: unknown tenant`);
    if (!validId(q.id)) problems.push(`${where}: id must be 1-128 characters without control characters`);
    if (!QUEUE_CHANNELS.includes(q.channel)) problems.push(`${where}: channel ${JSON.stringify(q.channel)} is not one of ${QUEUE_CHANNELS.join(', ')}`);
    if (!(q.arrivalsPerHour >= 0) || !Number.isFinite(q.arrivalsPerHour)) problems.push(`${where}: arrivalsPerHour must be a finite number >= 0`);
    problems.push(...profileProblems(`${where}: intraday`, q.intraday, 24, 'hourly', q.arrivalsPerHour));
    problems.push(...profileProblems(`${where}: weekly`, q.weekly, 7, 'daily (Monday first)', q.arrivalsPerHour));
    if (q.forecast !== undefined) {
      const f = q.forecast;
      if (!/^\d{4}-\d{2}-\d{2}T/.test(f.start) || Number.isNaN(Date.parse(f.start))) problems.push(`${where}: forecast.start must be an ISO-8601 instant, got ${JSON.stringify(f.start)}`);
      if (!(f.intervalMinutes > 0) || !Number.isFinite(f.intervalMinutes)) problems.push(`${where}: forecast.intervalMinutes must be > 0`);
      if (f.arrivalsPerHour.length === 0) problems.push(`${where}: forecast.arrivalsPerHour needs at least one interval`);
      if (f.arrivalsPerHour.some((x) => !(x >= 0) || !Number.isFinite(x))) problems.push(`${where}: forecast.arrivalsPerHour must be finite numbers >= 0`);
    }
    problems.push(...durationProblems(`${where}: talk`, q.talk, false));
    problems.push(...durationProblems(`${where}: wrap`, q.wrap, true));
    if (q.patience !== null) problems.push(...durationProblems(`${where}: patience`, q.patience, false));
    if (q.overflowAfterSeconds !== null && !(q.overflowAfterSeconds > 0)) problems.push(`${where}: overflowAfterSeconds must be > 0 or null`);
    if (q.overflow !== undefined) {
      if (q.overflowAfterSeconds !== null) problems.push(`${where}: give overflow or overflowAfterSeconds, not both`);
      if (!(q.overflow.afterSeconds > 0)) problems.push(`${where}: overflow.afterSeconds must be > 0`);
      if (q.overflow.toQueue !== undefined) other('overflow.toQueue', q.overflow.toQueue);
    }
    if (q.expand !== undefined) {
      if (!(q.expand.afterSeconds > 0)) problems.push(`${where}: expand.afterSeconds must be > 0`);
      if (q.expand.queues.length === 0) problems.push(`${where}: expand.queues names no queue`);
      for (const id of q.expand.queues) {
        const target = other('expand.queues', id);
        if (target !== undefined && slotOf(target.channel) !== slotOf(q.channel)) {
          problems.push(`${where}: expand.queues names ${target.channel} queue ${id}, whose agents have no ${slotOf(q.channel)} slots for it`);
        }
      }
    }
    if (q.escalation !== undefined) {
      other('escalation.toQueue', q.escalation.toQueue);
      if (!(q.escalation.share > 0 && q.escalation.share <= 1)) problems.push(`${where}: escalation.share must be in (0, 1]`);
      problems.push(...rangeProblems(`${where}: escalation.resolveMinutes`, q.escalation.resolveMinutes, true));
    }
    if (q.callback !== undefined) {
      const c = q.callback;
      const target = other('callback.toQueue', c.toQueue);
      if (target !== undefined && target.channel !== 'callback') problems.push(`${where}: callback.toQueue ${c.toQueue} must be a queue of channel callback, not ${target.channel}`);
      if (c.offerAfterSeconds !== null && !(c.offerAfterSeconds > 0)) problems.push(`${where}: callback.offerAfterSeconds must be > 0 or null`);
      if (!(c.acceptShare >= 0 && c.acceptShare <= 1)) problems.push(`${where}: callback.acceptShare must be in [0, 1]`);
      if (!(c.abandonedShare >= 0 && c.abandonedShare <= 1)) problems.push(`${where}: callback.abandonedShare must be in [0, 1]`);
      problems.push(...rangeProblems(`${where}: callback.delayMinutes`, c.delayMinutes, true));
    }
    if (q.priority !== undefined && !Number.isFinite(q.priority)) problems.push(`${where}: priority must be a finite number`);
    if (!(q.serviceLevelSeconds > 0)) problems.push(`${where}: serviceLevelSeconds must be > 0`);
  }
  problems.push(...loopProblems(scenario.queues));

  const agents = new Set<string>();
  for (const a of scenario.agents) {
    const where = `agent ${a.tenant}/${a.id}`;
    if (!tenants.has(a.tenant)) problems.push(`${where}: unknown tenant`);
    if (!validId(a.id)) problems.push(`${where}: id must be 1-128 characters without control characters`);
    if (agents.has(`${a.tenant}/${a.id}`)) problems.push(`${where} is declared twice`);
    agents.add(`${a.tenant}/${a.id}`);
    for (const [channel, slots] of Object.entries(a.capacity)) {
      if (!SIM_CHANNELS.includes(channel as Channel)) problems.push(`${where}: capacity names unknown channel ${channel}`);
      if (!Number.isInteger(slots) || (slots as number) < 0 || (slots as number) > 100) problems.push(`${where}: capacity.${channel} must be an integer 0-100`);
    }
    if (a.queues.length === 0) problems.push(`${where}: serves no queue`);
    for (const id of a.queues) {
      const q = queues.get(`${a.tenant}/${id}`);
      if (q === undefined) problems.push(`${where}: serves unknown queue ${id}`);
      else if (!((a.capacity[slotOf(q.channel)] ?? 0) > 0)) problems.push(`${where}: serves ${q.channel} queue ${id} without ${slotOf(q.channel)} capacity`);
    }
    if (a.breaks !== null) {
      problems.push(...rangeProblems(`${where}: breaks.everyMinutes`, a.breaks.everyMinutes));
      if (a.breaks.kinds.length === 0) problems.push(`${where}: a break plan needs at least one kind`);
      for (const k of a.breaks.kinds) {
        if (!(k.reason.length > 0 && k.reason.length <= 64)) problems.push(`${where}: break reason must be 1-64 characters`);
        if (!(k.weight > 0)) problems.push(`${where}: break ${k.reason}: weight must be > 0`);
        problems.push(...rangeProblems(`${where}: break ${k.reason}: minutes`, k.minutes));
      }
    }
    if (a.shift !== undefined) {
      if (parseClock(a.shift.start) === null) problems.push(`${where}: shift.start must be a local time HH:MM, got ${JSON.stringify(a.shift.start)}`);
      if (!(a.shift.hours > 0 && a.shift.hours <= 24)) problems.push(`${where}: shift.hours must be in (0, 24]`);
      const days = a.shift.days;
      if (days !== undefined && (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 7))) {
        problems.push(`${where}: shift.days must list ISO weekdays 1 (Monday) to 7 (Sunday)`);
      }
    }
  }
  return problems;
}

/** Minute of the day of a local clock time HH:MM, or null when it is not one. */
export function parseClock(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m === null ? null : Number(m[1]) * 60 + Number(m[2]);
}

/**
 * Overflows and escalations move a contact to another queue, and the server counts one visit
 * per contact and queue: a contact that came back to a queue it visited would be counted as
 * one visit. So the moves must never loop.
 */
function loopProblems(queues: readonly QueueSpec[]): string[] {
  const next = new Map<string, string[]>();
  for (const q of queues) {
    // A rule naming its own queue is reported on its own.
    const to = [overflowRuleOf(q)?.toQueue, q.escalation?.toQueue].filter((t): t is string => t !== undefined && t !== q.id);
    next.set(`${q.tenant}/${q.id}`, to.map((t) => `${q.tenant}/${t}`));
  }
  const problems: string[] = [];
  const done = new Set<string>();
  const visit = (key: string, path: string[]): void => {
    const at = path.indexOf(key);
    if (at >= 0) {
      problems.push(`queues ${[...path.slice(at), key].join(' → ')} form a loop of overflows and escalations: a contact may visit each queue once`);
      return;
    }
    if (done.has(key)) return;
    for (const to of next.get(key) ?? []) visit(to, [...path, key]);
    done.add(key);
  };
  for (const key of next.keys()) visit(key, []);
  return problems;
}

/** Throws a ScenarioError listing every problem; returns the scenario otherwise. */
export function validateScenario(scenario: Scenario): Scenario {
  const problems = scenarioProblems(scenario);
  if (problems.length > 0) throw new ScenarioError(scenario.name, problems);
  return scenario;
}

function durationProblems(where: string, d: Duration, zeroAllowed: boolean): string[] {
  const ok = (x: number) => Number.isFinite(x) && (zeroAllowed ? x >= 0 : x > 0);
  switch (d.dist) {
    case 'fixed':
      return ok(d.seconds) ? [] : [`${where}: seconds must be ${zeroAllowed ? '>= 0' : '> 0'}`];
    case 'exponential':
      return ok(d.meanSeconds) ? [] : [`${where}: meanSeconds must be ${zeroAllowed ? '>= 0' : '> 0'}`];
    case 'lognormal':
      return [
        ...(ok(d.meanSeconds) && d.meanSeconds > 0 ? [] : [`${where}: meanSeconds must be > 0`]),
        ...(d.cv >= 0 && Number.isFinite(d.cv) ? [] : [`${where}: cv must be >= 0`]),
      ];
    case 'empirical': {
      if (d.seconds.length === 0) return [`${where}: an empirical distribution needs at least one value`];
      if (d.seconds.some((x) => !(x >= 0) || !Number.isFinite(x))) return [`${where}: empirical values must be finite seconds >= 0`];
      const mean = d.seconds.reduce((a, b) => a + b, 0) / d.seconds.length;
      return zeroAllowed || mean > 0 ? [] : [`${where}: empirical values must not all be 0`];
    }
    default:
      return [`${where}: dist must be fixed, exponential, lognormal or empirical`];
  }
}

function rangeProblems(where: string, [min, max]: Range, zeroAllowed = false): string[] {
  const low = zeroAllowed ? min >= 0 : min > 0;
  return low && Number.isFinite(max) && min <= max ? [] : [`${where} must be [min, max] with 0 ${zeroAllowed ? '<=' : '<'} min <= max`];
}

function profileProblems(where: string, profile: readonly number[] | undefined, length: number, what: string, arrivalsPerHour: number): string[] {
  if (profile === undefined) return [];
  const problems: string[] = [];
  if (profile.length !== length) problems.push(`${where} needs ${length} ${what} multipliers, got ${profile.length}`);
  if (profile.some((m) => !(m >= 0) || !Number.isFinite(m))) problems.push(`${where} multipliers must be finite and >= 0`);
  if (arrivalsPerHour > 0 && profile.length > 0 && profile.every((m) => m === 0)) problems.push(`${where} multipliers are all 0`);
  return problems;
}

function validId(id: string): boolean {
  // eslint-disable-next-line no-control-regex
  return id.length >= 1 && id.length <= 128 && !/[\u0000-\u001f\u007f]/.test(id);
}

function validTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
