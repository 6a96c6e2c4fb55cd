/**
 * A queue's forecast as the planner sees it: contacts and AHT per interval from the queue's
 * history (aggregated and imported 15-minute intervals, only those before `asOf`), the actual
 * contacts of intervals already begun, and the agents each interval needs by Erlang C or A
 * with the queue's service-level target unless overridden.
 */
import type { SettingsCache } from '../aggregate/settings-cache.ts';
import { resolveQueueSettings } from '../aggregate/settings-cache.ts';
import { bucketRange, bucketStart } from '../engine/time.ts';
import type { Store } from '../store/port.ts';
import { forecastQueue, type QueueForecast } from './forecast/index.ts';
import { asyncWorkRequirement, chatStaffing } from './concurrency.ts';
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
  /** Chats an agent holds at once (chat and messaging queues). */
  chatSlots: number;
}

/**
 * How a queue's contacts become agents: Erlang per interval for contacts answered while the
 * customer waits; the concurrency model for chat (agents hold several at once); work inside the
 * SLA window for e-mail and any queue whose T is an hour or more (wfm.md: back-office work is
 * not per-interval Erlang).
 */
export type RequirementModel = 'ERLANG' | 'CHAT' | 'WORK_IN_SLA_WINDOW';

export function requirementModel(channel: string, thresholdSeconds: number): RequirementModel {
  if (channel === 'chat' || channel === 'messaging') return 'CHAT';
  if (channel === 'email' || thresholdSeconds >= 3600) return 'WORK_IN_SLA_WINDOW';
  return 'ERLANG';
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
  requirementModel: RequirementModel;
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
    chatSlots: 2,
    ...args.staffing,
  };
  const model = requirementModel(queue.channel, policy.thresholdSeconds);
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
  // Each 15-minute actual belongs to the point of its interval at the step (points are local-aligned).
  const actualOf = new Map<number, number>();
  actualStarts.forEach((s, i) => {
    const point = args.stepMinutes === 15 ? s : bucketStart(s, 'HOUR1', zone);
    actualOf.set(point, (actualOf.get(point) ?? 0) + actuals[i]!.offered);
  });

  const ahtOf = (p: { ahtSeconds: number | null }) => policy.ahtSeconds ?? p.ahtSeconds;
  const erlang = (contacts: number, aht: number) =>
    staffing(
      policy.model === 'ERLANG_A'
        ? { model: 'ERLANG_A', arrivalsPerHour: (contacts * 60) / args.stepMinutes, ahtSeconds: aht, thresholdSeconds: policy.thresholdSeconds, patienceSeconds: policy.patienceSeconds ?? 120, targetServiceLevel: policy.targetServiceLevel, ...(policy.maxOccupancy ? { maxOccupancy: policy.maxOccupancy } : {}), shrinkage: policy.shrinkage }
        : { model: 'ERLANG_C', arrivalsPerHour: (contacts * 60) / args.stepMinutes, ahtSeconds: aht, thresholdSeconds: policy.thresholdSeconds, targetServiceLevel: policy.targetServiceLevel, ...(policy.maxOccupancy ? { maxOccupancy: policy.maxOccupancy } : {}), shrinkage: policy.shrinkage },
    );
  // Chat: the forecast AHT at every concurrency level until handle times per level are known.
  const chat = (contacts: number, aht: number) =>
    chatStaffing({
      arrivals: contacts,
      intervalMinutes: args.stepMinutes,
      slotsPerAgent: policy.chatSlots,
      handleSecondsByConcurrency: Array.from({ length: policy.chatSlots }, () => aht),
      thresholdSeconds: policy.thresholdSeconds,
      targetServiceLevel: policy.targetServiceLevel,
      shrinkage: policy.shrinkage,
    });
  // Work in the SLA window: the range's intervals as one cycle, each item's work spread over the window.
  const meanAht = (() => {
    const known = f.points.filter((p) => ahtOf(p) && p.contacts > 0);
    const contacts = known.reduce((n, p) => n + p.contacts, 0);
    return contacts > 0 ? known.reduce((n, p) => n + ahtOf(p)! * p.contacts, 0) / contacts : null;
  })();
  const work =
    model === 'WORK_IN_SLA_WINDOW' && meanAht
      ? asyncWorkRequirement({
          intervalMinutes: args.stepMinutes,
          arrivals: f.points.map((p) => p.contacts),
          handleSeconds: meanAht,
          slaMinutes: Math.max(args.stepMinutes, policy.thresholdSeconds / 60),
          ...(policy.maxOccupancy ? { maxOccupancy: policy.maxOccupancy } : {}),
          shrinkage: policy.shrinkage,
        })
      : null;

  const points = f.points.map((p, i): PlannedPoint => {
    const aht = ahtOf(p);
    let need: { agents: number; scheduledAgents: number } | null = null;
    if (work) need = { agents: Math.ceil(work.agents[i]! - 1e-9), scheduledAgents: Math.ceil(work.scheduledAgents[i]! - 1e-9) };
    else if (p.contacts > 0 && aht) need = model === 'CHAT' ? chat(p.contacts, aht) : erlang(p.contacts, aht);
    return {
      start: p.start,
      contacts: p.contacts,
      ahtSeconds: aht,
      requiredAgents: need?.agents ?? 0,
      scheduledAgents: need?.scheduledAgents ?? 0,
      actualContacts: p.start < args.now ? (actualOf.get(p.start) ?? 0) : null,
    };
  });
  return { ...f, staffing: policy, requirementModel: model, points };
}
