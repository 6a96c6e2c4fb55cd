/**
 * Input and output of shift planning (planShifts). Times are epoch milliseconds for instants and
 * local wall-clock strings ('HH:MM', 'YYYY-MM-DD') in `timeZone` for what a planner types.
 */

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ShiftPlanInput {
  /** IANA time zone of the start times, the days and the local columns of the CSV: 'Europe/Paris'. */
  timeZone: string;
  /** Width of every interval in minutes. Default 15. */
  intervalMinutes?: number;
  /**
   * The horizon: intervals in increasing order, none overlapping the next (gaps are allowed, for a
   * centre that is closed at night). One day is 96 intervals of 15 min, a week 672.
   */
  intervals: PlanInterval[];
  templates: ShiftTemplate[];
  options?: ShiftPlanOptions;
}

export interface PlanInterval {
  /** Start, epoch ms. */
  start: number;
  /**
   * Agents to have working (not on break) in the interval: scheduled heads, i.e. after shrinkage,
   * as `staffing().scheduledAgents` gives. May be fractional (a blend of queues); the plan has
   * whole agents and reports the difference.
   */
  required: number;
  /**
   * Agents already working in the interval from shifts outside this plan (last night's shift
   * running into the horizon). Default 0. They count as scheduled and cost nothing here.
   */
  alreadyScheduled?: number;
}

export interface ShiftTemplate {
  /** Unique among the templates. */
  id: string;
  /** Shown in the plan and the CSV; defaults to id. */
  name?: string;
  /** Whole minutes from start to end, breaks included, at most 24 h. */
  lengthMinutes: number;
  /** Local start times 'HH:MM'. Give startTimes, startWindow or both (their union is used). */
  startTimes?: string[];
  /** Every stepMinutes from `from` to `to`, both 'HH:MM' and inclusive, on the same day. */
  startWindow?: { from: string; to: string; stepMinutes: number };
  /** Local weekdays on which the shift may start; every day when absent. */
  days?: Weekday[];
  breaks?: ShiftBreak[];
  /** At most this many shifts of the template start on any one local day. */
  maxCount?: number;
}

export interface ShiftBreak {
  /** Earliest start of the break, minutes after the shift starts. */
  afterMinutes: number;
  /**
   * Latest start, minutes after the shift starts; the solver places the break anywhere in
   * [afterMinutes, latestAfterMinutes] on a grid of `options.breakStepMinutes`, and may split the
   * agents of one shift over several break times. Absent: the break is fixed at afterMinutes.
   */
  latestAfterMinutes?: number;
  durationMinutes: number;
  /** Paid breaks count in paid minutes; unpaid ones (lunch) do not. Default false. */
  paid?: boolean;
}

export interface ShiftPlanOptions {
  /**
   * Cost of one agent missing for one interval, in paid minutes: the objective is paid minutes +
   * underCoveragePenalty × under-covered agent-intervals. Default 10 × the longest paid shift, so
   * any shift that closes a tenth of an agent-interval of gap or more pays for itself.
   */
  underCoveragePenalty?: number;
  /** At most this many shifts start on any one local day (the head count for a one-day plan). */
  maxAgentsPerDay?: number;
  /** Whole shifts (mixed-integer program, default) or a fractional LP relaxation (a lower bound). */
  integer?: boolean;
  /** Solver time limit in seconds; default 10. The best plan found by then is returned. */
  timeLimitSeconds?: number;
  /** Relative MIP gap at which the solver stops; default 1e-4 (HiGHS' default). */
  mipRelGap?: number;
  /** Grid of break start offsets within a break window, minutes; default intervalMinutes. */
  breakStepMinutes?: number;
}

export type ShiftPlanStatus =
  /** Proved optimal (within mipRelGap). */
  | 'OPTIMAL'
  /** Stopped at timeLimitSeconds with a plan that may not be the best: see gap. */
  | 'TIME_LIMIT'
  /** Stopped at another solver limit with a feasible plan. */
  | 'FEASIBLE'
  /** The solver stopped without a plan (time limit too short): no shifts, all under-covered. */
  | 'NO_SOLUTION';

export interface ShiftPlan {
  /** The least good over the independent parts solved (SolverReport.parts). */
  status: ShiftPlanStatus;
  /** paidMinutes + underCoveragePenalty × agent-intervals short, as the solver minimised it. */
  objective: number | null;
  /** Lower bound on the objective proved by the solver (MIP), null for an LP or no solution. */
  bound: number | null;
  /** Relative gap between objective and bound, 0 when optimal; null for an LP or no solution. */
  gap: number | null;
  /** The penalty the objective used (the default filled in). */
  underCoveragePenalty: number;
  timeZone: string;
  intervalMinutes: number;
  /** Shifts with a count above zero, by start then template order. */
  shifts: PlannedShift[];
  /** One row per input interval. */
  coverage: IntervalCoverage[];
  totals: ShiftPlanTotals;
  /** Size of the model and time spent, for monitoring. */
  solver: SolverReport;
}

export interface PlannedShift {
  templateId: string;
  templateName: string;
  /** Local date of the start, 'YYYY-MM-DD'. */
  day: string;
  weekday: Weekday;
  /** Epoch ms. */
  start: number;
  end: number;
  /** Local 'HH:MM'. */
  startLocal: string;
  endLocal: string;
  /** Agents on this shift: whole unless options.integer is false. */
  count: number;
  /** Paid minutes of one such shift (length less unpaid breaks). */
  paidMinutes: number;
  /** Breaks in template order, each with the times chosen for the `count` agents. */
  breaks: PlannedBreak[];
}

export interface PlannedBreak {
  durationMinutes: number;
  paid: boolean;
  /** Break starts and how many of the shift's agents take the break then; counts sum to the shift count. */
  placements: { start: number; startLocal: string; count: number }[];
}

export interface IntervalCoverage {
  start: number;
  end: number;
  required: number;
  /** Agents working (on shift and not on break): planned plus alreadyScheduled. */
  scheduled: number;
  /** Planned agents on a break in the interval (agent-equivalents for a partial interval). */
  onBreak: number;
  alreadyScheduled: number;
  /** max(0, required − scheduled). */
  under: number;
  /** max(0, scheduled − required). */
  over: number;
}

export interface ShiftPlanTotals {
  /** Σ count × paidMinutes. */
  paidMinutes: number;
  /** Σ count. */
  shifts: number;
  /** Σ required over intervals (agent-intervals). */
  requiredAgentIntervals: number;
  underAgentIntervals: number;
  overAgentIntervals: number;
  /** Intervals with under > 0. */
  intervalsUnder: number;
}

export interface SolverReport {
  name: 'HiGHS';
  version: string;
  /** Candidate (template, day, start) combinations in the model (those working an interval that needs cover). */
  candidateShifts: number;
  /**
   * Independent sub-problems solved one after the other: shifts that share no interval needing
   * cover (nor a daily cap) cannot affect each other, so a week without overnight shifts is 7.
   */
  parts: number;
  variables: number;
  constraints: number;
  integer: boolean;
  /** Wall time in HiGHS (LP relaxations, starts and MIPs), and of the whole planShifts call, ms. */
  solveMs: number;
  totalMs: number;
}
