/**
 * Float-safe counting and the input checks shared by the staffing and concurrency helpers.
 *
 * Staffing turns real quotients into whole agents, and in IEEE doubles a quotient that is an
 * integer on paper often lands an ulp above it: 4.9 / 0.7 = 7.000000000000001, which a plain
 * Math.ceil turns into 8 agents where 7 carry 4.9 Erlangs at 70 % occupancy. pyworkforce does
 * exactly that for 159 of ~12k traffic/occupancy pairs (shared/research/wfm.md §1.1, "Float
 * pitfalls"; §5.3 asks for a tolerant ceil; test/wfm/staffing.test.ts finds 247 of 52,000). So
 * quotients and caps are compared with a slack of 1e-12 of the value (1e-12 absolute below 1):
 * thousands of times the rounding error of the few operations behind a quotient, and far below
 * any difference a planner can type into a target.
 */

const SLACK = 1e-12;

function slack(x: number): number {
  return SLACK * Math.max(1, Math.abs(x));
}

/** Smallest whole count ≥ x, where x within rounding noise of an integer counts as that integer. */
export function ceilCount(x: number): number {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) <= slack(x) ? nearest : Math.ceil(x);
}

/** Largest whole count ≤ x, where x within rounding noise of an integer counts as that integer. */
export function floorCount(x: number): number {
  const nearest = Math.round(x);
  return Math.abs(x - nearest) <= slack(x) ? nearest : Math.floor(x);
}

/** value ≤ cap, up to rounding noise (4.9 / 7 = 0.7000000000000001 meets a 0.7 occupancy cap). */
export function atMost(value: number, cap: number): boolean {
  return value <= cap + slack(cap);
}

/** value ≥ target, up to rounding noise. */
export function atLeast(value: number, target: number): boolean {
  return value >= target - slack(target);
}

/** Agents to schedule so that `agents` remain productive after shrinkage: agents / (1 − s), rounded up. */
export function scheduledAgents(agents: number, shrinkage: number): number {
  return ceilCount(agents / (1 - shrinkage));
}

/**
 * A rejected input: `field` names the offending property (so the API can answer 400 naming it,
 * shared/design/architecture.md "Errors are answers"), the message says what to send instead.
 */
export class WfmInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'WfmInputError';
  }
}

export interface Range {
  /** Inclusive lower bound unless `aboveMin`. */
  min?: number;
  aboveMin?: boolean;
  /** Inclusive upper bound unless `belowMax`. */
  max?: number;
  belowMax?: boolean;
  integer?: boolean;
  /** What the number means, appended to the error (units, an example). */
  hint: string;
}

/** The value, once checked to be a finite number in range; WfmInputError otherwise. */
export function checkNumber(field: string, value: unknown, range: Range): number {
  const { min, aboveMin = false, max, belowMax = false, integer = false } = range;
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (min === undefined || (aboveMin ? value > min : value >= min)) &&
    (max === undefined || (belowMax ? value < max : value <= max))
  ) {
    return value;
  }
  throw new WfmInputError(field, `must be ${wanted(range)}, got ${describe(value)}`);
}

function wanted({ min, aboveMin, max, belowMax, integer, hint }: Range): string {
  const bounds = [
    min === undefined ? null : `${aboveMin ? 'above' : 'at least'} ${min}`,
    max === undefined ? null : `${belowMax ? 'below' : 'at most'} ${max}`,
  ].filter((s) => s !== null);
  return `${integer ? 'a whole number' : 'a number'}${bounds.length > 0 ? ` ${bounds.join(' and ')}` : ''} (${hint})`;
}

/** A target strictly between 0 and 1 (80 % is 0.8, and neither 0 % nor 100 % can be staffed for). */
export function checkFraction(field: string, value: unknown, of: string, example: string): number {
  return checkNumber(field, value, { min: 0, aboveMin: true, max: 1, belowMax: true, hint: `a fraction ${of}: ${example}` });
}

/** An occupancy cap in (0, 1]; 1 is no cap. */
export function checkOccupancyCap(value: unknown): number {
  const hint = 'a fraction of working time busy: 0.85 for 85 %; 1 means no cap';
  return checkNumber('maxOccupancy', value, { min: 0, aboveMin: true, max: 1, hint });
}

/** Shrinkage in [0, 1), 0 when absent. */
export function checkShrinkage(value: unknown): number {
  if (value === undefined || value === null) return 0;
  const hint = 'a fraction of paid time off the work: 0.3 for 30 %';
  return checkNumber('shrinkage', value, { min: 0, max: 1, belowMax: true, hint });
}

function describe(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  return `${typeof value} ${JSON.stringify(value)}`;
}
