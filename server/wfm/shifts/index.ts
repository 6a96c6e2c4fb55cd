/**
 * Shift planning: from agents required per interval and shift templates, how many of each shift
 * to staff for the least paid time, with breaks placed and under/over-coverage per interval.
 * Solved by HiGHS (npm `highs`, WebAssembly) as a mixed-integer program; plan.ts has the model.
 */
export { planShifts, warmUpShiftSolver } from './plan.ts';
export { shiftPlanCsv, shiftPlanCoverageCsv } from './csv.ts';
export { MAX_INTERVALS, MAX_TEMPLATES, MAX_VARIABLES } from './input.ts';
export {
  WEEKDAYS,
  type IntervalCoverage,
  type PlanInterval,
  type PlannedBreak,
  type PlannedShift,
  type ShiftBreak,
  type ShiftPlan,
  type ShiftPlanInput,
  type ShiftPlanOptions,
  type ShiftPlanStatus,
  type ShiftPlanTotals,
  type ShiftTemplate,
  type SolverReport,
  type Weekday,
} from './types.ts';
export { WfmInputError } from '../numbers.ts';
