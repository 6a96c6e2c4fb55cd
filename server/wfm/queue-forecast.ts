/**
 * A queue's forecast as the planner sees it: contacts and AHT per interval from the queue's
 * history (aggregated and imported 15-minute intervals, only those before `asOf`), the actual
 * contacts of intervals already begun, and the agents each interval needs by Erlang C or A
 * with the queue's service-level target unless overridden.
 */
import type { SettingsCache } from '../aggregate/settings-cache.ts';
import { resolveQueueSettings } from '../aggregate/settings-cache.ts';
import { bucketRange } from '../engine/time.ts';
import type { Store } from '../store/port.ts';
import { forecastQueue, type QueueForecast } from './forecast/index.ts';
import { staffing } from './staffing.ts';

/** History the forecast learns from: 20 weeks covers the 8-week averages and 20 backtest days. */
export const HISTORY_DAYS = 140;

export interface StaffingPolicy {
  model: 'ERLANG_C' | 'ERLANG_A';
  targetServiceLevel: number;
  thresholdSeconds: number;
  shrinkage: number;
  maxOccupancy: number | null;
  patienceSeconds: number | null;
  /** AHT to plan with instead of the forecast's (what-if), seconds. */
  ahtSeconds: number | null;
}

export interface PlannedPoint {
  start: number;
  contacts: number;
  ahtSeconds: number | null;
  requiredAgents: number;
  scheduledAgents: number;
  /** Offered contacts of an interval already begun; null for one still to come. */
  actualContacts: number | null;
}

export interface PlannedForecast extends Omit<QueueForecast, 'points'> {
  staffing: StaffingPolicy;
  points: PlannedPoint[];
}

export async function planQueue(
  store: Store,
  settings: SettingsCache,
  args: { tenant: string; queue: string; from: number; to: number; stepMinutes: 15 | 60; asOf: number; now: number; specialDays?: string[]; staffing?: Partial<StaffingPolicy> },
): Promise<PlannedForecast> {
  const config = await settings.tenant(args.tenant);
  const zone = config.settings.timeZone;
  const queue = config.queues.get(args.queue) ?? resolveQueueSettings({ id: args.queue });
  const policy: StaffingPolicy = {
    model: 'ERLANG_C',
    targetServiceLevel: queue.targetServiceLevel,
    thresholdSeconds: queue.thresholdSeconds,
    shrinkage: 0.3,
    maxOccupancy: 0.85,
    patienceSeconds: null,
    ahtSeconds: null,
    ...args.staffing,
  };
  const historyFrom = args.asOf - HISTORY_DAYS * 86_400_000;
  const starts = bucketRange(historyFrom, args.asOf, 'MIN15', zone);
  const counters = await store.counters(args.tenant, args.queue, 'MIN15', starts);
  const history = counters.map((c, i) => ({
    start: starts[i]!,
    contacts: c.offered,
    ahtSeconds: c.handled > 0 ? (c.talkMs + c.wrapMs) / 1000 / c.handled : null,
  }));
  const f = forecastQueue(history, {
    timeZone: zone,
    stepMinutes: args.stepMinutes,
    asOf: args.asOf,
    from: args.from,
    to: args.to,
    ...(args.specialDays ? { specialDays: args.specialDays } : {}),
  });

  // Actual contacts of the range's begun intervals, summed to the step.
  const actualStarts = bucketRange(args.from, Math.min(args.to, args.now), 'MIN15', zone);
  const actuals = await store.counters(args.tenant, args.queue, 'MIN15', actualStarts);
  const actualOf = new Map<number, number>();
  const stepMs = args.stepMinutes * 60_000;
  actualStarts.forEach((s, i) => {
    const point = f.points.find((p) => s >= p.start && s < p.start + stepMs);
    if (point) actualOf.set(point.start, (actualOf.get(point.start) ?? 0) + actuals[i]!.offered);
  });

  const points = f.points.map((p): PlannedPoint => {
    const aht = policy.ahtSeconds ?? p.ahtSeconds;
    const need =
      p.contacts > 0 && aht
        ? staffing(
            policy.model === 'ERLANG_A'
              ? { model: 'ERLANG_A', arrivalsPerHour: (p.contacts * 60) / args.stepMinutes, ahtSeconds: aht, thresholdSeconds: policy.thresholdSeconds, patienceSeconds: policy.patienceSeconds ?? 120, targetServiceLevel: policy.targetServiceLevel, ...(policy.maxOccupancy ? { maxOccupancy: policy.maxOccupancy } : {}), shrinkage: policy.shrinkage }
              : { model: 'ERLANG_C', arrivalsPerHour: (p.contacts * 60) / args.stepMinutes, ahtSeconds: aht, thresholdSeconds: policy.thresholdSeconds, targetServiceLevel: policy.targetServiceLevel, ...(policy.maxOccupancy ? { maxOccupancy: policy.maxOccupancy } : {}), shrinkage: policy.shrinkage },
          )
        : null;
    return {
      start: p.start,
      contacts: p.contacts,
      ahtSeconds: aht,
      requiredAgents: need?.agents ?? 0,
      scheduledAgents: need?.scheduledAgents ?? 0,
      actualContacts: p.start < args.now ? (actualOf.get(p.start) ?? 0) : null,
    };
  });
  return { ...f, staffing: policy, points };
}
