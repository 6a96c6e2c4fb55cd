/**
 * simulateAhead: the coming minutes of one queue with a given number of agents, simulated from
 * the live state (the I/O around the pure parts of this folder).
 *
 * Reads: the waiting contacts and agent records (live state), the queue's forecast for the
 * coming intervals (computed once per queue and 15-minute interval and shared: a forecast reads
 * weeks of history), the last hour's arrivals (1-minute counters) and the last four hours'
 * handling and abandonment (15-minute counters). Then R replications from that state.
 */
import type { SettingsCache } from '../../aggregate/settings-cache.ts';
import { addCounters, zeroCounters, type Counters } from '../../engine/counters.ts';
import { serviceLevelLabel, type ServiceLevelFormula } from '../../engine/settings.ts';
import { bucketRange, bucketStart } from '../../engine/time.ts';
import { waitingHorizonMs } from '../../live/snapshot.ts';
import type { Store } from '../../store/port.ts';
import { planQueue } from '../queue-forecast.ts';
import { ahtEstimate, arrivalPlan, patienceEstimate, wrapMeanSeconds, type Basis, type ForecastSlice } from './estimates.ts';
import { defaultSlots, queueFloor, slotsOf, withAgentCount } from './initial-state.ts';
import { simulateOutlookAsync, type OutlookModel, type OutlookNumbers } from './queue-sim.ts';

export const LIMITS = { agents: { min: 0, max: 10_000 }, minutes: { min: 1, max: 240 } } as const;

/** Replications per outlook: the 10th-90th percentile band of 200 runs moves by about a point between seeds. */
export const REPLICATIONS = 200;
/**
 * Handle times are lognormal with this CV: the bank's records show 1.25-1.47
 * (shared/research/wfm.md); an exponential law (CV 1, what Erlang assumes) understates long calls.
 */
export const HANDLE_TIME_CV = 1.3;
/** The simulation follows at most this many waiting contacts (the oldest). */
const MAX_WAITING = 50_000;
const RECENT_ARRIVALS_MS = 3_600_000;
const RECENT_HANDLING_MS = 4 * 3_600_000;
/** One forecast per queue and interval covers every horizon asked for in it. */
const FORECAST_SPAN_MS = LIMITS.minutes.max * 60_000 + 900_000;

export interface OutlookAssumptions {
  arrivalsPerHour: number;
  arrivalBasis: Basis;
  ahtSeconds: number;
  ahtBasis: Basis;
  handleTimeCv: number;
  /** null: nobody abandons. */
  patienceSeconds: number | null;
  patienceBasis: Basis;
  /** Slots of an agent added to the floor (chat concurrency); agents on the floor keep their own capacity. */
  slotsPerAgent: number;
  thresholdSeconds: number;
  targetServiceLevel: number;
  serviceLevelFormula: ServiceLevelFormula;
  label: string;
}

export interface SimulationOutlook extends OutlookNumbers {
  tenant: string;
  queue: string;
  asOf: number;
  minutes: number;
  /** Agents simulated. */
  agents: number;
  /** Agents on the queue now (available, busy or in wrap-up), as the live snapshot counts them. */
  staffedAgents: number;
  waiting: number;
  assumptions: OutlookAssumptions;
}

export class UnknownQueueError extends Error {
  override name = 'UnknownQueueError';
}

const forecasts = new WeakMap<Store, Map<string, Promise<ForecastSlice[] | null>>>();

/** The queue's 15-minute forecast from the current interval on; null when it cannot be made. */
function forecastFrom(store: Store, settings: SettingsCache, tenant: string, queue: string, intervalStart: number, now: number): Promise<ForecastSlice[] | null> {
  let cache = forecasts.get(store);
  if (!cache) forecasts.set(store, (cache = new Map()));
  const key = `${tenant}\u0000${queue}\u0000${intervalStart}`;
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size > 2000) cache.clear();
    hit = planQueue(store, settings, { tenant, queue, from: intervalStart, to: intervalStart + FORECAST_SPAN_MS, stepMinutes: 15, asOf: now, now }).then(
      (f) => f.points.map((p) => ({ start: p.start, stepMs: 900_000, contacts: p.contacts, ahtSeconds: p.ahtSeconds })),
      // The outlook still stands on the recent actuals (and says so); the next call tries again.
      () => {
        cache.delete(key);
        return null;
      },
    );
    cache.set(key, hit);
  }
  return hit;
}

function sum(counters: Counters[]): Counters {
  const total = zeroCounters();
  for (const c of counters) addCounters(total, c);
  return total;
}

export async function simulateAhead(
  deps: { store: Store; settings: SettingsCache },
  args: { tenant: string; queue: string; agents: number; minutes: number; now: number; replications?: number },
): Promise<SimulationOutlook> {
  const { store, settings } = deps;
  const { tenant, queue, now, minutes } = args;
  const config = await settings.tenant(tenant);
  const qs = config.queues.get(queue);
  if (!qs) throw new UnknownQueueError(`no queue "${queue}" in tenant "${tenant}": a queue exists once a contact was queued in it, its history was imported or its settings were set`);
  const zone = config.settings.timeZone;
  const horizonMs = minutes * 60_000;

  const arrivalStarts = bucketRange(now - RECENT_ARRIVALS_MS, now, 'MIN1', zone);
  const handlingStarts = bucketRange(now - RECENT_HANDLING_MS, now, 'MIN15', zone);
  const [waitingSince, agents, arrivalCounters, handlingCounters, forecast] = await Promise.all([
    store.waitingSince(tenant, queue, now - waitingHorizonMs(qs), MAX_WAITING),
    store.agents(tenant),
    store.counters(tenant, queue, 'MIN1', arrivalStarts),
    store.counters(tenant, queue, 'MIN15', handlingStarts),
    forecastFrom(store, settings, tenant, queue, bucketStart(now, 'MIN15', zone), now),
  ]);

  const floorNow = queueFloor({ queue, channel: qs.channel, now, waitingSince, agents });
  const floor = withAgentCount(floorNow, args.agents, qs.channel);
  const recent = sum(handlingCounters);
  const arrivals = arrivalPlan({
    now,
    horizonMs,
    forecast,
    recent: { offered: arrivalCounters.reduce((n, c) => n + c.offered, 0), spanMs: now - (arrivalStarts[0] ?? now) },
  });
  const aht = ahtEstimate({ now, horizonMs, forecast, recent });
  const patience = patienceEstimate(recent, floorNow.waitingMs);

  const model: OutlookModel = {
    horizonSeconds: horizonMs / 1000,
    arrivals: arrivals.segments,
    handle: { kind: 'lognormal', meanSeconds: aht.seconds, cv: HANDLE_TIME_CV },
    patienceSeconds: patience.seconds,
    waitingSeconds: floor.waitingMs.map((ms) => ms / 1000),
    slots: slotsOf(floor, wrapMeanSeconds(recent)),
    thresholdSeconds: qs.thresholdSeconds,
    shortAbandonSeconds: qs.shortAbandonSeconds,
    serviceLevelFormula: qs.serviceLevelFormula,
  };
  // Seeded by queue alone: the same state gives the same outlook, and every agent count of a
  // queue sees the same callers (common random numbers).
  const numbers = await simulateOutlookAsync(model, { replications: args.replications ?? REPLICATIONS, seed: `${tenant}/${queue}` });
  return {
    tenant,
    queue,
    asOf: now,
    minutes,
    agents: args.agents,
    staffedAgents: floorNow.agents.length,
    waiting: floorNow.waitingMs.length,
    ...numbers,
    assumptions: {
      arrivalsPerHour: arrivals.perHour,
      arrivalBasis: arrivals.basis,
      ahtSeconds: aht.seconds,
      ahtBasis: aht.basis,
      handleTimeCv: HANDLE_TIME_CV,
      patienceSeconds: patience.seconds,
      patienceBasis: patience.basis,
      slotsPerAgent: defaultSlots(qs.channel),
      thresholdSeconds: qs.thresholdSeconds,
      targetServiceLevel: qs.targetServiceLevel,
      serviceLevelFormula: qs.serviceLevelFormula,
      label: serviceLevelLabel(qs),
    },
  };
}
