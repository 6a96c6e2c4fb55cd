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

/** Rolling windows of a queue: contacts that entered it in the last 15, 30 and 60 minutes. */
export interface QueueWindows {
  w15: QueueStats;
  w30: QueueStats;
  w60: QueueStats;
}

/** The interval steps the drill-down offers (the server has finer and coarser ones too). */
export type IntervalStep = 'MIN15' | 'HOUR1';

/** One interval of one queue (or of a tenant's queues summed), from the `intervals` query. */
export interface IntervalStats {
  /** ISO-8601 instant; intervals are aligned to the tenant's time zone. */
  start: string;
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  overflowed: number;
  handled: number;
  /** Rates are fractions 0..1; null when undefined. */
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: number | null;
  maxWaitSeconds: number | null;
  serviceLevelFormula: ServiceLevelFormula;
  thresholdSeconds: number;
  label: string;
}

export interface Tenant {
  id: string;
  name: string;
  timeZone: string;
}

/** Ids are unique within a tenant only, so the board keys queues by both. */
export const queueKey = (q: Pick<Queue, 'tenant' | 'id'>): string => `${q.tenant}/${q.id}`;

/** Alerts, as the server's GraphQL `Alert` and `AlertRule` types return them. */
export type AlertState = 'PENDING' | 'FIRING' | 'ACKNOWLEDGED' | 'RESOLVED';
export type AlertSeverity = 'INFO' | 'WARNING' | 'CRITICAL';
export type AlertComparator = 'ABOVE' | 'BELOW';
export type AlertMetric =
  | 'SERVICE_LEVEL'
  | 'ASA'
  | 'LONGEST_WAIT'
  | 'WAITING'
  | 'ABANDON_RATE'
  | 'AGENTS_AVAILABLE'
  | 'OCCUPANCY'
  | 'OVERDUE_FOLLOWUPS';

export interface AlertRule {
  id: string;
  tenant: string;
  /** null: all queues of the tenant together. */
  queue: string | null;
  metric: AlertMetric;
  comparator: AlertComparator;
  /** Rates are fractions (0.8), times seconds, the rest counts. */
  threshold: number;
  clearThreshold: number | null;
  /** Windowed metrics: the last N minutes; null: today. */
  windowMinutes: number | null;
  forSeconds: number;
  severity: AlertSeverity;
  enabled: boolean;
  isDefault: boolean;
}

export interface Alert {
  id: string;
  tenant: string;
  queue: string | null;
  /** null when the rule has since been deleted. */
  rule: AlertRule | null;
  state: AlertState;
  severity: AlertSeverity | null;
  /** The metric at the last state change. */
  value: number | null;
  /** ISO-8601 instants. `since`: when the condition began to hold. */
  since: string;
  firedAt: string | null;
  resolvedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  acknowledgementNote: string | null;
  acknowledgedUntil: string | null;
}
