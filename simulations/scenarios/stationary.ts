/**
 * A stationary queue, the textbook case: Poisson arrivals at a constant rate, one queue, K
 * identical agents always logged in, no breaks, no wrap-up, handle times exponential (M/M/K,
 * Erlang C) or lognormal, and, with a patience, callers who hang up after an exponential wait
 * (M/M/K+M, Erlang A). Without a patience nobody abandons.
 */
import type { Scenario } from '../scenario.ts';

export interface StationaryOptions {
  readonly arrivalsPerHour: number;
  /** Mean handle time (talk; there is no wrap-up). */
  readonly ahtSeconds: number;
  readonly service: 'exponential' | 'lognormal';
  /** Coefficient of variation of lognormal handle times (default 1). */
  readonly cv?: number;
  readonly agents: number;
  /** Mean patience, exponential; absent: nobody abandons. */
  readonly patienceSeconds?: number;
  /** Service-level threshold T (default 20). */
  readonly thresholdSeconds?: number;
  readonly tenant?: string;
  readonly queue?: string;
}

export const SERVICE_DISTRIBUTIONS = ['exponential', 'lognormal'] as const;

export function stationaryScenario(o: StationaryOptions): Scenario {
  const tenant = o.tenant ?? 'sim';
  const queue = o.queue ?? 'queue';
  const width = String(o.agents).length;
  return {
    name: 'stationary',
    description: `one queue: ${o.arrivalsPerHour} arrivals/h, AHT ${o.ahtSeconds} s (${o.service}), ${o.agents} agents${
      o.patienceSeconds === undefined ? ', nobody abandons' : `, patience ${o.patienceSeconds} s`
    }`,
    tenants: [{ id: tenant, name: tenant, timeZone: 'UTC' }],
    queues: [
      {
        tenant,
        id: queue,
        name: queue,
        channel: 'voice',
        language: 'en',
        arrivalsPerHour: o.arrivalsPerHour,
        talk:
          o.service === 'exponential'
            ? { dist: 'exponential', meanSeconds: o.ahtSeconds }
            : { dist: 'lognormal', meanSeconds: o.ahtSeconds, cv: o.cv ?? 1 },
        wrap: { dist: 'fixed', seconds: 0 },
        patience: o.patienceSeconds === undefined ? null : { dist: 'exponential', meanSeconds: o.patienceSeconds },
        overflowAfterSeconds: null,
        serviceLevelSeconds: o.thresholdSeconds ?? 20,
      },
    ],
    agents: Array.from({ length: o.agents }, (_, i) => {
      const id = `agent-${String(i + 1).padStart(width, '0')}`;
      return { tenant, id, name: id, queues: [queue], capacity: { voice: 1 }, breaks: null };
    }),
  };
}
