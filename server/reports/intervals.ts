/**
 * Interval statistics for one queue, or summed over a tenant's queues (optionally one channel's),
 * from the rollup buckets. Shared by GraphQL (`intervals`, `Queue.window`) and the CSV export.
 */
import type { SettingsCache, TenantConfig } from '../aggregate/settings-cache.ts';
import { resolveQueueSettings } from '../aggregate/settings-cache.ts';
import { ALL_AGENTS_QUEUE } from '../engine/aggregate.ts';
import { addCounters, isZero, zeroCounters, type Counters } from '../engine/counters.ts';
import { queueStats, type QueueStats } from '../engine/metrics.ts';
import { defaultQueueSettings } from '../engine/settings.ts';
import { STEP_MS, bucketRange, bucketStart, type Step } from '../engine/time.ts';
import type { Store } from '../store/port.ts';

/** At most this many intervals per request: a year of 15-minute intervals, a day of 10-second ones. */
export const MAX_INTERVALS = 36_000;

export interface AgentSeconds {
  available: number;
  busy: number;
  wrapup: number;
  away: number;
  awayByReason: { reason: string; seconds: number }[];
}

export interface IntervalStats extends QueueStats {
  start: number;
  maxWaitSeconds: number | null;
  /** (busy + wrap-up) / (busy + wrap-up + available) agent time (metrics.md); null without agent time. */
  occupancy: number | null;
  agentSeconds: AgentSeconds;
}

/** Agent time is kept per queue from 15 minutes up, and tenant-wide (each agent once) from 1 minute up. */
function hasAgentTime(step: Step, perQueue: boolean): boolean {
  return step !== 'SEC10' && !(perQueue && step === 'MIN1');
}

export function agentSeconds(c: Counters): AgentSeconds {
  return {
    available: c.availableMs / 1000,
    busy: c.busyMs / 1000,
    wrapup: c.wrapupMs / 1000,
    away: c.awayMs / 1000,
    awayByReason: Object.entries(c.awayByReason)
      .map(([reason, ms]) => ({ reason, seconds: ms / 1000 }))
      .sort((a, b) => a.reason.localeCompare(b.reason)),
  };
}

export function occupancy(c: Counters): number | null {
  const worked = c.busyMs + c.wrapupMs;
  const staffed = worked + c.availableMs;
  return staffed > 0 ? worked / staffed : null;
}

/** A request for a range the API does not serve (empty, or too many intervals). */
export class IntervalRangeError extends Error {
  override name = 'IntervalRangeError';
}

export interface IntervalQuery {
  tenant: string;
  /** One queue; omitted: every queue of the tenant (of `channel`, when given), summed. */
  queue?: string | null;
  channel?: string | null;
  from: number;
  to: number;
  step: Step;
  /** Keep intervals in which no contact entered the queue (default: omit them). */
  includeEmpty?: boolean;
}

/** Summed over queues, each contact counts against its own queue's threshold: the label says so. */
export const ALL_QUEUES_LABEL = "all queues · each contact against its own queue's threshold";

/** The stats of counters, for one queue by its settings, or for a sum of queues. */
function statsOf(c: Counters, config: TenantConfig, queue: string | null): QueueStats {
  if (queue) return queueStats(c, config.queues.get(queue) ?? resolveQueueSettings({ id: queue }));
  return { ...queueStats(c, defaultQueueSettings('all')), label: ALL_QUEUES_LABEL };
}

function queuesOf(config: TenantConfig, q: IntervalQuery): string[] {
  if (q.queue) return [q.queue];
  return [...config.queues.entries()].filter(([, s]) => !q.channel || s.channel === q.channel).map(([id]) => id);
}

async function summed(store: Store, tenant: string, queues: string[], step: Step, starts: number[]): Promise<Counters[]> {
  const perQueue = await Promise.all(queues.map((id) => store.counters(tenant, id, step, starts)));
  return starts.map((_, i) => {
    const total = zeroCounters();
    for (const rows of perQueue) addCounters(total, rows[i]!);
    return total;
  });
}

export async function intervalStats(store: Store, settingsCache: SettingsCache, q: IntervalQuery): Promise<IntervalStats[]> {
  if (!(q.to > q.from)) throw new IntervalRangeError('to must be after from');
  if ((q.to - q.from) / STEP_MS[q.step] > MAX_INTERVALS) {
    throw new IntervalRangeError(`at most ${MAX_INTERVALS} intervals per request: narrow from..to or take a larger step`);
  }
  const config = await settingsCache.tenant(q.tenant);
  const queues = queuesOf(config, q);
  const starts = bucketRange(q.from, q.to, q.step, config.settings.timeZone);
  const counters = await summed(store, q.tenant, queues, q.step, starts);
  // All queues: agent time from the tenant's own buckets, where each agent counts once.
  const wholeTenant = !q.queue && !q.channel;
  const agentTime = wholeTenant ? await store.counters(q.tenant, ALL_AGENTS_QUEUE, q.step, starts) : counters;
  const withAgentTime = hasAgentTime(q.step, !wholeTenant);
  const out: IntervalStats[] = [];
  counters.forEach((c, i) => {
    const a = agentTime[i]!;
    if (!q.includeEmpty && isZero(c) && isZero(a)) return;
    const resolved = c.answered + c.abandoned + c.overflowed;
    out.push({
      start: starts[i]!,
      ...statsOf(c, config, q.queue ?? null),
      maxWaitSeconds: resolved > 0 ? c.maxWaitMs / 1000 : null,
      occupancy: withAgentTime ? occupancy(a) : null,
      agentSeconds: agentSeconds(withAgentTime ? a : zeroCounters()),
    });
  });
  return out;
}

/** The buckets covering the last `minutes` before `now`: 1-minute ones, with 10-second ones at the older edge. */
function windowBuckets(minutes: number, now: number, zone: string) {
  const from = bucketStart(now - minutes * 60_000, 'SEC10', zone);
  const firstMinute = Math.min(now, bucketStart(from + 59_999, 'MIN1', zone));
  return {
    edge: from < firstMinute ? bucketRange(from, firstMinute, 'SEC10', zone) : [],
    body: firstMinute < now ? bucketRange(firstMinute, now + 1, 'MIN1', zone) : [],
  };
}

/**
 * Contacts that entered the queue (or any queue of the tenant, with `queue` null) in the last
 * `minutes` (metrics.md, rolling windows): exact to 10 s.
 */
export async function windowStats(
  store: Store,
  settingsCache: SettingsCache,
  tenant: string,
  queue: string | null,
  minutes: number,
  now: number,
): Promise<QueueStats> {
  const config = await settingsCache.tenant(tenant);
  const { edge, body } = windowBuckets(minutes, now, config.settings.timeZone);
  const queues = queue ? [queue] : [...config.queues.keys()];
  const reads: Promise<Counters[]>[] = [];
  for (const id of queues) {
    if (edge.length) reads.push(store.counters(tenant, id, 'SEC10', edge));
    if (body.length) reads.push(store.counters(tenant, id, 'MIN1', body));
  }
  // One total of every bucket of every queue: the stats need no per-interval sums.
  const total = zeroCounters();
  for (const rows of await Promise.all(reads)) for (const c of rows) addCounters(total, c);
  return statsOf(total, config, queue);
}

/**
 * Occupancy over the last `minutes`: for the tenant from its 1-minute agent time (each agent
 * once), for a queue from its 15-minute agent time (the intervals that overlap the window).
 */
export async function windowOccupancy(
  store: Store,
  settingsCache: SettingsCache,
  tenant: string,
  queue: string | null,
  minutes: number,
  now: number,
): Promise<number | null> {
  const zone = (await settingsCache.tenant(tenant)).settings.timeZone;
  const step: Step = queue ? 'MIN15' : 'MIN1';
  const starts = bucketRange(now - minutes * 60_000, now + 1, step, zone);
  const total = zeroCounters();
  for (const c of await store.counters(tenant, queue ?? ALL_AGENTS_QUEUE, step, starts)) addCounters(total, c);
  return occupancy(total);
}
