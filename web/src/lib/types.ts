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
  /** Open, due-soon and overdue follow-ups of the queue; absent from a server that predates them. */
  followUps?: QueueFollowUps;
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

/** Follow-ups (callbacks, escalations, promises), as the server's GraphQL `FollowUp` returns them. */
export type FollowUpKind = 'CALLBACK' | 'ESCALATION' | 'PROMISE';
export type FollowUpStatus = 'OPEN' | 'IN_PROGRESS' | 'WAITING_CUSTOMER' | 'DONE' | 'CANCELLED';

export const FOLLOW_UP_KINDS: readonly FollowUpKind[] = ['CALLBACK', 'ESCALATION', 'PROMISE'];
export const FOLLOW_UP_STATUSES: readonly FollowUpStatus[] = ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'DONE', 'CANCELLED'];
/** What the server lists when no status is asked for: the ones still owed. */
export const OPEN_STATUSES: readonly FollowUpStatus[] = ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER'];

/** A queue's follow-ups now, in every queue snapshot. */
export interface QueueFollowUps {
  /** Not done or cancelled; includes the overdue and due-soon ones. */
  open: number;
  /** Open, running, due within 15 minutes and not overdue. */
  dueSoon: number;
  overdue: number;
}

export interface FollowUp {
  id: string;
  tenant: string;
  kind: FollowUpKind;
  status: FollowUpStatus;
  owner: string | null;
  queue: string | null;
  contact: string | null;
  priority: number | null;
  note: string | null;
  /** ISO-8601 instants. `dueAt` moves later while the clock is paused. */
  createdAt: string;
  dueAt: string;
  /** Wall-clock seconds from the server's read to the due time; negative once overdue. */
  dueInSeconds: number;
  /** Clock time left of a policy target (business time when the policy counts it); null for a fixed due time. */
  businessSecondsLeft: number | null;
  overdue: boolean;
  dueSoon: boolean;
  /** Once done: done at or before the due time; null otherwise. */
  metOnTime: boolean | null;
  /** The clock is stopped while waiting on the customer (a fixed due time never pauses). */
  paused: boolean;
}

export interface FollowUpSummary {
  open: number;
  dueSoon: number;
  overdue: number;
  /** Of those done today in the tenant's zone: done on time / done; null when none was done. */
  metOnTimeRate: number | null;
}

export interface FollowUpPage {
  totalCount: number;
  nodes: FollowUp[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export type Role = 'ADMIN' | 'SUPERVISOR' | 'PLANNER' | 'VIEWER' | 'INGEST';

/** The caller, from the `me` query. */
export interface Viewer {
  id: string;
  name: string;
  role: Role;
  /** ["*"] for every tenant. */
  tenants: string[];
}
