/**
 * The planner's GraphQL operations and their wire shapes: the forecast (with what-if staffing
 * overrides), the shift plan, and the staffing gap now. Kept apart from documents.ts so the
 * wallboard bundle carries only the one query it needs (STAFFING_NOW_QUERY).
 */
import type { IntervalStep } from './types.ts';

/** What-if: the staffing policy fields a planner may override; absent means "the queue's own". */
export interface StaffingOverrides {
  model?: 'ERLANG_C' | 'ERLANG_A';
  /** Fraction 0..1. */
  targetServiceLevel?: number;
  thresholdSeconds?: number;
  /** Fraction 0..1. */
  shrinkage?: number;
  /** Fraction 0..1. */
  maxOccupancy?: number;
  patienceSeconds?: number;
  /** One AHT for every interval instead of the forecast's, seconds. */
  ahtSeconds?: number;
}

/** The policy the server planned with: the queue's settings and defaults, overrides applied. */
export interface StaffingPolicy {
  model: string;
  targetServiceLevel: number;
  thresholdSeconds: number;
  shrinkage: number;
  maxOccupancy: number | null;
  patienceSeconds: number | null;
  ahtSeconds: number | null;
}

export interface ForecastPoint {
  /** ISO-8601 interval start. */
  start: string;
  contacts: number;
  ahtSeconds: number | null;
  requiredAgents: number;
  scheduledAgents: number;
  /** Offered so far in a begun interval; null for one still to come. */
  actualContacts: number | null;
}

export interface ForecastAccuracy {
  mase: number | null;
  wape: number | null;
  origins: number;
}

export interface Forecast {
  method: string;
  accuracy: ForecastAccuracy | null;
  candidates: { method: string; mase: number | null; wape: number | null }[];
  staffing: StaffingPolicy;
  points: ForecastPoint[];
}

export interface ForecastVariables {
  tenant: string;
  queue: string;
  from: string;
  to: string;
  step: IntervalStep;
  staffing?: StaffingOverrides | null;
}

export const FORECAST_QUERY = /* GraphQL */ `
  query Forecast($tenant: ID!, $queue: ID!, $from: DateTime!, $to: DateTime!, $step: Step!, $staffing: ForecastStaffingInput) {
    forecast(tenant: $tenant, queue: $queue, from: $from, to: $to, step: $step, staffing: $staffing) {
      method
      accuracy { mase wape origins }
      candidates { method mase wape }
      staffing { model targetServiceLevel thresholdSeconds shrinkage maxOccupancy patienceSeconds ahtSeconds }
      points { start contacts ahtSeconds requiredAgents scheduledAgents actualContacts }
    }
  }
`;

export type Weekday = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';
export const WEEKDAYS: readonly Weekday[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

export interface ShiftBreakInput {
  afterMinutes: number;
  latestAfterMinutes?: number;
  durationMinutes: number;
  paid?: boolean;
}

export interface ShiftTemplateInput {
  id: string;
  name?: string;
  lengthMinutes: number;
  startTimes?: string[];
  startWindow?: { from: string; to: string; stepMinutes: number };
  days?: Weekday[];
  breaks?: ShiftBreakInput[];
  maxCount?: number;
}

export interface ShiftPlanRequest {
  tenant: string;
  queue: string;
  from: string;
  to: string;
  staffing?: StaffingOverrides;
  templates: ShiftTemplateInput[];
  options?: { underCoveragePenalty?: number; maxAgentsPerDay?: number; timeLimitSeconds?: number };
}

export type ShiftPlanStatus = 'OPTIMAL' | 'TIME_LIMIT' | 'FEASIBLE' | 'NO_SOLUTION';

export interface PlannedShift {
  template: string;
  name: string;
  day: string;
  /** ISO-8601 instants. */
  start: string;
  end: string;
  count: number;
  /** Each break time with how many of the shift's agents take it then. */
  breaks: { start: string; end: string; paid: boolean; count: number }[];
}

export interface CoverageRow {
  start: string;
  required: number;
  scheduled: number;
  under: number;
  over: number;
}

export interface ShiftPlan {
  status: ShiftPlanStatus;
  paidMinutes: number;
  /** Σ count of the shifts. */
  shiftCount: number;
  /** Intervals with some under-coverage. */
  intervalsUnder: number;
  underAgentIntervals: number;
  overAgentIntervals: number;
  shifts: PlannedShift[];
  coverage: CoverageRow[];
  csv: { shifts: string; coverage: string };
}

export const SHIFT_PLAN_QUERY = /* GraphQL */ `
  query ShiftPlan($input: ShiftPlanRequest!) {
    shiftPlan(input: $input) {
      status paidMinutes shiftCount underAgentIntervals overAgentIntervals intervalsUnder
      shifts { template name day start end count breaks { start end paid count } }
      coverage { start required scheduled under over }
      csv { shifts coverage }
    }
  }
`;

/** Staffed against required for the current 15-minute interval of one queue. */
export interface QueueStaffingNow {
  queue: string;
  intervalStart: string;
  requiredAgents: number;
  scheduledAgents: number;
  staffedAgents: number;
  /** staffed − required: negative when short. */
  gap: number;
}

export const STAFFING_NOW_QUERY = /* GraphQL */ `
  query StaffingNow($tenant: ID!) {
    staffingNow(tenant: $tenant) { queue intervalStart requiredAgents scheduledAgents staffedAgents gap }
  }
`;
