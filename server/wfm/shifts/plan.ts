/**
 * Shift planning as set covering (Dantzig's formulation, the MinRequiredResources model of
 * pyworkforce in shared/research/wfm.md §1.1, with the partial-cover slack its issue #45 asks
 * for), solved by HiGHS as a mixed-integer program.
 *
 * Variables
 *   x_c ≥ 0 integer   agents on candidate shift c (template, local day, start; candidates.ts)
 *   y_cbo ≥ 0 integer of them taking break b of c at offset o, for breaks with a window
 *   u_t ≥ 0           agents missing in interval t (the requirement not met); integer when
 *                     the interval's need and coverage are whole, so the objective is integral
 *
 * minimise   Σ_c paid_c · x_c  +  P · Σ_t u_t
 * subject to Σ_c a_ct x_c − Σ_cbo d_cbot y_cbo + u_t ≥ required_t − alreadyScheduled_t   (each t)
 *            Σ_o y_cbo = x_c                                   (each shift c and windowed break b)
 *            Σ_{c starting on day d} x_c ≤ maxAgentsPerDay       (each local day, if given)
 *            Σ_{c of template T on day d} x_c ≤ T.maxCount       (each template and day, if given)
 *
 * a_ct is the fraction of interval t that shift c works (less fixed breaks), d_cbot the fraction
 * that break b at offset o takes. Because u_t absorbs any shortfall the model is always feasible:
 * when no choice of shifts covers an interval the plan says by how much, instead of INFEASIBLE.
 * Over-coverage needs no variable: it is what the paid minutes already charge for. With P large
 * (default 10 × the longest paid shift) the plan first covers, then minimises paid time.
 *
 * Breaks with a window are placed by the solver: it picks, per shift start, how many agents take
 * each break at each allowed offset, which is how a breaks placement smooths coverage. Every
 * agent takes every break exactly once and a template's breaks cannot overlap (input.ts), so the
 * coverage formula above is exact.
 *
 * How it is solved (measured in test/wfm/shifts/measure.ts):
 * 1. The candidates split into independent parts (components): shifts that share no interval
 *    needing cover, nor a daily cap, cannot affect each other. Without shifts across midnight a
 *    week is 7 parts; each is solved alone, which is exact and far faster than one week-long MIP.
 * 2. Per part, the LP relaxation, then a start rounded from it (start.ts): HiGHS alone takes
 *    seconds at the root to find a good whole plan for these models; from the start it begins
 *    within 1–2 % of the bound.
 * 3. The MIP from that start, in a worker thread (solver.ts), until optimal within mipRelGap or
 *    the part's share of timeLimitSeconds; the best plan found is returned either way, with the
 *    proved bound and gap.
 *
 * Under- and over-coverage and paid minutes in the result are recomputed from the whole-number
 * plan, not read back from the solver's slack values.
 */
import type { ModelData } from 'highs';
import { candidates, type Candidate } from './candidates.ts';
import { checkInput, type Problem } from './input.ts';
import { solve, solverVersion, type SolveResult } from './solver.ts';
import { roundedStart } from './start.ts';
import type { IntervalCoverage, PlannedShift, ShiftPlan, ShiftPlanInput } from './types.ts';
import { DateTime } from 'luxon';

/** Loads the solver ahead of the first plan (optional: planShifts loads it on first use). */
export async function warmUpShiftSolver(): Promise<void> {
  await solverVersion();
}

/**
 * The plan with the least paid time that covers `input.intervals`, or covers as much as the
 * templates allow (then `coverage[].under` says where it falls short). Rejects with WfmInputError naming
 * the field for an input that breaks the contract.
 *
 * Shifts that share no interval needing cover (and no daily cap) cannot affect each other, so the
 * problem splits exactly into independent parts, typically one per day when no shift runs past
 * midnight, each solved on its own: far faster than one week-long MIP, and still optimal. Each
 * part gets a share of the time limit in proportion to its size.
 */
export async function planShifts(input: ShiftPlanInput): Promise<ShiftPlan> {
  const started = performance.now();
  const problem = checkInput(input);
  const all = candidates(problem);
  const parts = components(problem, all);
  const models = parts.map((part) => buildModel(problem, all, part));
  const variables = models.reduce((sum, m) => sum + m.numCols, 0);
  const deadline = started + problem.timeLimitSeconds * 1000;
  let remaining = variables;
  const counts: Counts = new Array(all.length).fill(null);
  const results: SolveResult[] = [];
  let solveMs = 0;
  for (const model of models) {
    const share = model.numCols / Math.max(remaining, 1);
    remaining -= model.numCols;
    const seconds = Math.max(0.2, ((deadline - performance.now()) / 1000) * share);
    const solveStarted = performance.now();
    const result = await solvePart(problem, all, model, seconds);
    solveMs += performance.now() - solveStarted;
    results.push(result);
    readCounts(problem, model, result.values ?? model.start, counts);
  }
  const plan = readPlan(problem, all, counts);
  const worst = (['NO_SOLUTION', 'FEASIBLE', 'TIME_LIMIT', 'OPTIMAL'] as const).find((s) => results.some((r) => r.status === s)) ?? 'OPTIMAL';
  // Intervals that no allowed shift works are in no part: their whole need is short in any plan.
  const inPart = new Uint8Array(problem.starts.length);
  for (const m of models) m.coverRow.forEach((row, t) => row >= 0 && (inPart[t] = 1));
  let unreachable = 0;
  for (let t = 0; t < inPart.length; t++) if (!inPart[t]) unreachable += problem.penalty * need(problem, t);
  const objective = results.every((r) => r.objective !== null) ? results.reduce((sum, r) => sum + r.objective!, unreachable) : null;
  const bound = problem.integer && results.every((r) => r.bound !== null) ? results.reduce((sum, r) => sum + r.bound!, unreachable) : null;
  return {
    status: worst,
    objective: objective === null ? null : clean(objective),
    bound: bound === null ? null : clean(bound),
    gap: objective === null || bound === null ? null : objective === 0 ? 0 : clean(Math.max(0, objective - bound) / Math.abs(objective)),
    underCoveragePenalty: problem.penalty,
    timeZone: problem.zone,
    intervalMinutes: problem.widthMinutes,
    ...plan,
    solver: {
      name: 'HiGHS',
      version: await solverVersion(),
      candidateShifts: models.reduce((sum, m) => sum + m.used.length, 0),
      parts: models.length,
      variables,
      constraints: models.reduce((sum, m) => sum + m.data.numRows, 0),
      integer: problem.integer,
      solveMs: Math.round(solveMs),
      totalMs: Math.round(performance.now() - started),
    },
  };
}

/** LP relaxation, a start rounded from it, then the MIP from that start (or the LP alone). */
async function solvePart(problem: Problem, all: Candidate[], model: Model, seconds: number): Promise<SolveResult> {
  if (!problem.integer) return solve(model.data, { timeLimitSeconds: seconds, mipRelGap: problem.mipRelGap, start: model.start });
  const lpStarted = performance.now();
  const lp = await solve(model.data, { timeLimitSeconds: seconds / 2, mipRelGap: problem.mipRelGap, relax: true });
  const start = lp.values === null ? model.start : roundedStart(problem, all, model, lp.values);
  const left = Math.max(0.1, seconds - (performance.now() - lpStarted) / 1000);
  return solve(model.data, { timeLimitSeconds: left, mipRelGap: problem.mipRelGap, start });
}

/** Candidates in use (working some interval that needs cover) grouped into independent parts. */
function components(problem: Problem, all: Candidate[]): number[][] {
  const intervals = problem.starts.length;
  const parent = Int32Array.from({ length: intervals }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const anchor = new Map<string, number>(); // first interval of a shift under a shared cap
  const used: { candidate: number; first: number }[] = [];
  all.forEach((c, i) => {
    const needed = c.cover.index.filter((t) => need(problem, t) > 0);
    const first = needed[0];
    if (first === undefined) return; // works no interval that needs anyone: would only cost
    for (const t of needed) union(first, t);
    const caps = [problem.maxAgentsPerDay !== null ? c.day : null, problem.templates[c.template]!.maxCount !== null ? `${c.template}|${c.day}` : null];
    for (const key of caps) {
      if (key === null) continue;
      const other = anchor.get(key);
      if (other === undefined) anchor.set(key, first);
      else union(other, first);
    }
    used.push({ candidate: i, first });
  });
  const parts = new Map<number, number[]>();
  for (const { candidate, first } of used) {
    const root = find(first);
    let part = parts.get(root);
    if (!part) parts.set(root, (part = []));
    part.push(candidate);
  }
  return [...parts.entries()].sort((a, b) => a[0] - b[0]).map(([, part]) => part);
}

/** Shift counts per candidate: x and, per break, the count at each option (null: not chosen). */
type Counts = ({ x: number; y: number[][] } | null)[];

interface Model {
  data: ModelData;
  numCols: number;
  /** The empty plan (nobody, all under-covered): always feasible. */
  start: Float64Array;
  coverRow: Int32Array;
  /** Column of the first slack u; the slack of coverage row r is column firstSlack + r. */
  firstSlack: number;
  /** Indices into the candidate list of the shifts in the model, in column order. */
  used: number[];
  /** Column of x for each used candidate (same order as `used`). */
  xColumn: number[];
  /** Per used candidate and break: the column of each break option (null for a fixed break). */
  yColumns: (number[] | null)[][];
}

/** Agents still to find in interval t: required less those already working. */
function need(problem: Problem, t: number): number {
  return Math.max(0, problem.required[t]! - problem.already[t]!);
}

/** The MIP of one part: `used` are candidate indices, all working some interval that needs cover. */
function buildModel(problem: Problem, all: Candidate[], used: number[]): Model {
  const intervals = problem.starts.length;
  // Coverage rows for the intervals the part's shifts work that need someone.
  const coverRow = new Int32Array(intervals).fill(-1);
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  let rows = 0;
  const touched = new Set<number>();
  for (const i of used) for (const t of all[i]!.cover.index) if (need(problem, t) > 0) touched.add(t);
  for (const t of [...touched].sort((a, b) => a - b)) {
    coverRow[t] = rows++;
    rowLower.push(need(problem, t));
    rowUpper.push(Infinity);
  }

  // Cap rows: per local day, and per template and day.
  const dayRow = new Map<string, number>();
  const templateDayRow = new Map<string, number>();
  for (const i of used) {
    const c = all[i]!;
    if (problem.maxAgentsPerDay !== null && !dayRow.has(c.day)) {
      dayRow.set(c.day, rows++);
      rowLower.push(-Infinity);
      rowUpper.push(problem.maxAgentsPerDay);
    }
    const maxCount = problem.templates[c.template]!.maxCount;
    const key = `${c.template}|${c.day}`;
    if (maxCount !== null && !templateDayRow.has(key)) {
      templateDayRow.set(key, rows++);
      rowLower.push(-Infinity);
      rowUpper.push(maxCount);
    }
  }

  const colCost: number[] = [];
  const colUpper: number[] = [];
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const column = (cost: number, upper: number, entries: [number, number][]) => {
    colCost.push(cost);
    colUpper.push(upper);
    for (const [row, value] of entries) {
      indices.push(row);
      values.push(value);
    }
    starts.push(indices.length);
    return colCost.length - 1;
  };
  // A coverage row whose need and coefficients are all whole has a whole shortfall: its slack can
  // be an integer variable, which makes the objective integral and lets HiGHS round its bound up
  // to the next attainable value (a multiple of the gcd of the paid minutes) and so prove
  // optimality far sooner.
  const wholeRow = new Uint8Array(intervals);
  for (let t = 0; t < intervals; t++) wholeRow[t] = Number.isInteger(need(problem, t)) ? 1 : 0;
  const coverEntries = (cover: { index: number[]; value: number[] }, sign: number): [number, number][] => {
    const out: [number, number][] = [];
    cover.index.forEach((t, k) => {
      const row = coverRow[t]!;
      if (row < 0) return;
      const value = cover.value[k]!;
      if (!Number.isInteger(value)) wholeRow[t] = 0;
      out.push([row, sign * value]);
    });
    return out;
  };

  const xColumn: number[] = [];
  const yColumns: (number[] | null)[][] = [];
  for (const i of used) {
    const c = all[i]!;
    const template = problem.templates[c.template]!;
    // Link rows Σ_o y_cbo − x_c = 0, one per windowed break.
    const links = c.breaks.map((options) => {
      if (options.length === 1) return -1;
      rowLower.push(0);
      rowUpper.push(0);
      return rows++;
    });
    const entries = coverEntries(c.cover, 1);
    for (const row of links) if (row >= 0) entries.push([row, -1]);
    const day = dayRow.get(c.day);
    if (day !== undefined) entries.push([day, 1]);
    const templateDay = templateDayRow.get(`${c.template}|${c.day}`);
    if (templateDay !== undefined) entries.push([templateDay, 1]);
    xColumn.push(column(template.paidMinutes, template.maxCount ?? Infinity, entries));
    yColumns.push(
      c.breaks.map((options, b) => {
        if (options.length === 1) return null;
        const link = links[b]!;
        return options.map((option) => column(0, Infinity, [...coverEntries(option.cover, -1), [link, 1]]));
      }),
    );
  }
  const firstSlack = colCost.length;
  for (let t = 0; t < intervals; t++) {
    const row = coverRow[t]!;
    if (row >= 0) column(problem.penalty, Infinity, [[row, 1]]);
  }

  const numCols = colCost.length;
  // The empty plan: nobody scheduled, every need under-covered. Always feasible.
  const start = new Float64Array(numCols);
  for (let t = 0, k = firstSlack; t < intervals; t++) if (coverRow[t]! >= 0) start[k++] = need(problem, t);

  let integrality: Int32Array | undefined;
  if (problem.integer) {
    integrality = new Int32Array(numCols).fill(1);
    for (let t = 0, k = firstSlack; t < intervals; t++) if (coverRow[t]! >= 0) integrality[k++] = wholeRow[t]!;
  }
  const data: ModelData = {
    numCols,
    numRows: rows,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows: rows, numCols, starts, indices, values },
    ...(integrality ? { integrality } : {}),
  };
  return { data, numCols, start, coverRow, firstSlack, used, xColumn, yColumns };
}

/** A solver value as a count: whole (up to solver tolerance) for a MIP, 9 decimals for an LP. */
function count(value: number, integer: boolean): number {
  return integer ? Math.max(0, Math.round(value)) : Math.max(0, clean(value));
}

/** Rounds away float noise (2.9999999999999996 → 3) while keeping real fractions. */
function clean(x: number): number {
  const r = Math.round(x * 1e9) / 1e9;
  return r === 0 ? 0 : r;
}

/** Adds the counts of one solved part (solver values, or its start) to `counts`. */
function readCounts(problem: Problem, model: Model, values: Float64Array, counts: Counts): void {
  model.used.forEach((i, k) => {
    const x = count(values[model.xColumn[k]!]!, problem.integer);
    if (x === 0) return;
    const y = model.yColumns[k]!.map((columns) => (columns === null ? [x] : columns.map((col) => count(values[col]!, problem.integer))));
    counts[i] = { x, y };
  });
}

function readPlan(problem: Problem, all: Candidate[], counts: Counts): Pick<ShiftPlan, 'shifts' | 'coverage' | 'totals'> {
  const intervals = problem.starts.length;
  const working = new Float64Array(intervals);
  const onBreak = new Float64Array(intervals);
  const shifts: PlannedShift[] = [];
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: problem.zone }).toFormat('HH:mm');
  counts.forEach((n, i) => {
    if (n === null) return;
    const { x, y } = n;
    const c = all[i]!;
    const template = problem.templates[c.template]!;
    c.cover.index.forEach((t, k) => (working[t]! += x * c.cover.value[k]!));
    const breaks = c.breaks.map((options, b) => {
      const windowed = options.length > 1;
      const placements: PlannedShift['breaks'][number]['placements'] = [];
      options.forEach((option, o) => {
        const taking = y[b]![o]!;
        if (taking === 0) return;
        option.cover.index.forEach((t, k) => {
          onBreak[t]! += taking * option.cover.value[k]!;
          if (windowed) working[t]! -= taking * option.cover.value[k]!; // fixed breaks are out of the cover already
        });
        const start = c.start + option.offset * 60_000;
        placements.push({ start, startLocal: local(start), count: taking });
      });
      const rule = template.breaks[b]!;
      return { durationMinutes: rule.duration, paid: rule.paid, placements };
    });
    shifts.push({
      templateId: template.id,
      templateName: template.name,
      day: c.day,
      weekday: c.weekday,
      start: c.start,
      end: c.end,
      startLocal: local(c.start),
      endLocal: local(c.end),
      count: x,
      paidMinutes: template.paidMinutes,
      breaks,
    });
  });
  shifts.sort((a, b) => a.start - b.start); // stable: template order within a start

  const coverage: IntervalCoverage[] = [];
  let under = 0;
  let over = 0;
  let intervalsUnder = 0;
  let requiredTotal = 0;
  for (let t = 0; t < intervals; t++) {
    const required = problem.required[t]!;
    const scheduled = clean(working[t]! + problem.already[t]!);
    const u = clean(Math.max(0, required - scheduled));
    const o = clean(Math.max(0, scheduled - required));
    under += u;
    over += o;
    requiredTotal += required;
    if (u > 0) intervalsUnder++;
    coverage.push({
      start: problem.starts[t]!,
      end: problem.starts[t]! + problem.widthMs,
      required,
      scheduled,
      onBreak: clean(onBreak[t]!),
      alreadyScheduled: problem.already[t]!,
      under: u,
      over: o,
    });
  }
  return {
    shifts,
    coverage,
    totals: {
      paidMinutes: clean(shifts.reduce((sum, s) => sum + s.count * s.paidMinutes, 0)),
      shifts: clean(shifts.reduce((sum, s) => sum + s.count, 0)),
      requiredAgentIntervals: clean(requiredTotal),
      underAgentIntervals: clean(under),
      overAgentIntervals: clean(over),
      intervalsUnder,
    },
  };
}
