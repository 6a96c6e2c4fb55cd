/**
 * What a simulated contact center is made of: tenants (client accounts), their queues and
 * the agents who serve them. A scenario is plain data: the floor simulates it, and the server
 * can read tenant and queue settings (names, time zones, channels, service-level thresholds)
 * from the same object, so the board and the simulator agree.
 */
import { TENANT_PATTERN } from '../schema/events.ts';

/** Channels the simulator models. Voice and email take one contact per slot, chat several. */
export const SIM_CHANNELS = ['voice', 'chat', 'email'] as const;
export type Channel = (typeof SIM_CHANNELS)[number];

/** A random duration. Seconds throughout, as people who staff contact centers speak. */
export type Duration =
  | { readonly dist: 'fixed'; readonly seconds: number }
  | { readonly dist: 'exponential'; readonly meanSeconds: number }
  /** cv: coefficient of variation (sd / mean); handle times sit around 1 to 1.5. */
  | { readonly dist: 'lognormal'; readonly meanSeconds: number; readonly cv: number };

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

export interface QueueSpec {
  readonly tenant: string;
  /** Queue id, unique within the tenant. */
  readonly id: string;
  readonly name: string;
  readonly channel: Channel;
  /** BCP 47 tag: en, es, fil. */
  readonly language: string;
  /** Mean arrivals per hour (a Poisson process), times the intraday multiplier if any. */
  readonly arrivalsPerHour: number;
  readonly intraday?: IntradayProfile;
  /** Talk time: answered to ended. */
  readonly talk: Duration;
  /** After-contact work: ended to wrapped. The slot stays taken until wrapped. */
  readonly wrap: Duration;
  /** How long a customer waits before hanging up; null: never abandons (email). */
  readonly patience: Duration | null;
  /** A system rule: contacts still waiting after this long leave (contact.overflowed, timeout). */
  readonly overflowAfterSeconds: number | null;
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

export interface AgentSpec {
  readonly tenant: string;
  /** Agent id, unique within the tenant. */
  readonly id: string;
  readonly name: string;
  /** Ids of queues of the agent's tenant it serves; each queue's channel needs a slot in `capacity`. */
  readonly queues: readonly string[];
  readonly capacity: Capacity;
  /** null: never goes on a break (for textbook checks such as Erlang C). */
  readonly breaks: BreakPlan | null;
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
    const where = `queue ${q.tenant}/${q.id}`;
    if (!tenants.has(q.tenant)) problems.push(`${where}: unknown tenant`);
    if (!validId(q.id)) problems.push(`${where}: id must be 1-128 characters without control characters`);
    const key = `${q.tenant}/${q.id}`;
    if (queues.has(key)) problems.push(`${where} is declared twice`);
    queues.set(key, q);
    if (!SIM_CHANNELS.includes(q.channel)) problems.push(`${where}: channel ${JSON.stringify(q.channel)} is not one of ${SIM_CHANNELS.join(', ')}`);
    if (!(q.arrivalsPerHour >= 0) || !Number.isFinite(q.arrivalsPerHour)) problems.push(`${where}: arrivalsPerHour must be a finite number >= 0`);
    if (q.intraday !== undefined) {
      if (q.intraday.length !== 24) problems.push(`${where}: intraday needs 24 hourly multipliers, got ${q.intraday.length}`);
      if (q.intraday.some((m) => !(m >= 0) || !Number.isFinite(m))) problems.push(`${where}: intraday multipliers must be finite and >= 0`);
      if (q.arrivalsPerHour > 0 && q.intraday.every((m) => m === 0)) problems.push(`${where}: intraday multipliers are all 0`);
    }
    problems.push(...durationProblems(`${where}: talk`, q.talk, false));
    problems.push(...durationProblems(`${where}: wrap`, q.wrap, true));
    if (q.patience !== null) problems.push(...durationProblems(`${where}: patience`, q.patience, false));
    if (q.overflowAfterSeconds !== null && !(q.overflowAfterSeconds > 0)) problems.push(`${where}: overflowAfterSeconds must be > 0 or null`);
    if (!(q.serviceLevelSeconds > 0)) problems.push(`${where}: serviceLevelSeconds must be > 0`);
  }

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
      else if (!((a.capacity[q.channel] ?? 0) > 0)) problems.push(`${where}: serves ${q.channel} queue ${id} without ${q.channel} capacity`);
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
  }
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
  }
}

function rangeProblems(where: string, [min, max]: Range): string[] {
  return min > 0 && Number.isFinite(max) && min <= max ? [] : [`${where} must be [min, max] with 0 < min <= max`];
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
