/** The wire shape of a queue snapshot, as the server's GraphQL `Queue` type returns it. */

export type ServiceLevelFormula =
  | 'ANSWERED_OF_OFFERED_EXCL_SHORT'
  | 'ANSWERED_OF_OFFERED'
  | 'ANSWERED_OF_ANSWERED'
  | 'ABANDONS_MET'
  | 'REMOVED_WITHIN';

export interface AgentCounts {
  available: number;
  busy: number;
  wrapup: number;
  away: number;
  offline: number;
}

export interface QueueSettings {
  thresholdSeconds: number;
  /** Fraction 0..1. */
  targetServiceLevel: number;
  shortAbandonSeconds: number;
  serviceLevelFormula: ServiceLevelFormula;
  /** Human-readable formula, e.g. "80/20 · short abandons < 5 s excluded". */
  label: string;
}

export interface QueueStats {
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  overflowed: number;
  /** Rates are fractions 0..1; null when undefined (nothing in the denominator). */
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: number | null;
}

export interface Queue {
  id: string;
  tenant: string;
  name: string;
  channel: string;
  language: string | null;
  waiting: number;
  longestWaitSeconds: number;
  oldestQueuedAt: string | null;
  /** Server time (ISO-8601) at which the snapshot was computed. */
  asOf: string;
  agents: AgentCounts;
  today: QueueStats;
  settings: QueueSettings;
}

export interface Tenant {
  id: string;
  name: string;
  timeZone: string;
}

/** Ids are unique within a tenant only, so the board keys queues by both. */
export const queueKey = (q: Pick<Queue, 'tenant' | 'id'>): string => `${q.tenant}/${q.id}`;
