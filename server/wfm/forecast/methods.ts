/**
 * Forecasting methods on the day × interval matrix of open days. Each takes the training rows
 * (open, non-special days, oldest first, all before the days it forecasts) and target days, and
 * returns contacts per interval of the open window for each target.
 *
 * - `seasonal-naive`: the last open day of the same weekday ("same day last week").
 * - `weekday-average`: mean of the last k = 8 open days of the same weekday (the industry's
 *   "8-week average"; Zendesk's default).
 * - `day-total-smoothing`: the day's total by exponential smoothing of deseasonalised day totals
 *   (weekday factors over the last 20 weeks, α = 0.5), spread over the day by the mean intraday
 *   profile (shares of the day) of the last 30 open days of the same weekday.
 * - `svd-log`, `svd-sqrt`: Shen & Huang's dimension reduction. The matrix of transformed counts
 *   (log(1 + x), or √x) is reduced to its r = 3 leading right singular vectors (intraday shapes),
 *   each day to its r scores; each score series is modelled by a recency-weighted regression on
 *   weekday and the after-closure flag (series.ts), plus an AR(1) on its residuals, forecast h
 *   open days ahead as mean + φʰ · last residual; the forecast day is the scores times the shapes,
 *   transformed back. The weekday means carry the weekly cycle, the shapes the daily one, the
 *   AR(1) the drift of the level from week to week.
 */
import { leadingEigenvectors, solveSpd } from './linalg.ts';

export const METHOD_NAMES = ['seasonal-naive', 'weekday-average', 'day-total-smoothing', 'svd-log', 'svd-sqrt'] as const;
export type MethodName = (typeof METHOD_NAMES)[number];

/** A past open day: weekday (Monday = 0), after-closure flag and contacts per interval. */
export interface TrainingRow {
  readonly day: number;
  readonly weekday: number;
  readonly afterClosure: boolean;
  readonly contacts: Float64Array;
}

/** A day to forecast; `ahead` counts open days after the last training row (1 = the next). */
export interface TargetDay {
  readonly day: number;
  readonly weekday: number;
  readonly afterClosure: boolean;
  readonly ahead: number;
}

/**
 * Scratch space a caller may keep between calls on growing prefixes of the same rows (the
 * backtest): the SVD methods keep their Gram matrix and eigenvectors there.
 */
export type MethodCache = Map<string, unknown>;

export interface ForecastMethod {
  readonly name: MethodName;
  forecast(rows: readonly TrainingRow[], targets: readonly TargetDay[], width: number, cache?: MethodCache): Float64Array[];
}

function sameWeekday(rows: readonly TrainingRow[], weekday: number, k: number): TrainingRow[] {
  const out: TrainingRow[] = [];
  for (let i = rows.length - 1; i >= 0 && out.length < k; i--) if (rows[i]!.weekday === weekday) out.push(rows[i]!);
  return out;
}

function mean(rows: readonly TrainingRow[], width: number): Float64Array {
  const out = new Float64Array(width);
  if (rows.length === 0) return out;
  for (const r of rows) for (let s = 0; s < width; s++) out[s]! += r.contacts[s]!;
  for (let s = 0; s < width; s++) out[s]! /= rows.length;
  return out;
}

export const seasonalNaive: ForecastMethod = {
  name: 'seasonal-naive',
  forecast(rows, targets, width) {
    return targets.map((t) => {
      const last = sameWeekday(rows, t.weekday, 1)[0] ?? rows[rows.length - 1];
      return last ? Float64Array.from(last.contacts) : new Float64Array(width);
    });
  },
};

export function weekdayAverage(k = 8): ForecastMethod {
  return {
    name: 'weekday-average',
    forecast(rows, targets, width) {
      return targets.map((t) => {
        const same = sameWeekday(rows, t.weekday, k);
        return mean(same.length ? same : rows.slice(-k), width);
      });
    },
  };
}

function total(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s;
}

export function dayTotalSmoothing(alpha = 0.5, factorWeeks = 20, profileDays = 30): ForecastMethod {
  return {
    name: 'day-total-smoothing',
    forecast(rows, targets, width) {
      if (rows.length === 0) return targets.map(() => new Float64Array(width));
      const lastDay = rows[rows.length - 1]!.day;
      const recent = rows.filter((r) => r.day > lastDay - factorWeeks * 7);
      const totals = recent.map((r) => total(r.contacts));
      const overall = totals.reduce((a, b) => a + b, 0) / totals.length;
      const factor = new Array<number>(7).fill(1);
      for (let w = 0; w < 7; w++) {
        let s = 0;
        let n = 0;
        recent.forEach((r, i) => {
          if (r.weekday === w) {
            s += totals[i]!;
            n++;
          }
        });
        if (n > 0 && overall > 0) factor[w] = s / n / overall;
      }
      let level = 0;
      let started = false;
      recent.forEach((r, i) => {
        const f = factor[r.weekday]!;
        const x = f > 0 ? totals[i]! / f : 0;
        level = started ? alpha * x + (1 - alpha) * level : x;
        started = true;
      });
      return targets.map((t) => {
        let same = sameWeekday(rows, t.weekday, profileDays);
        if (same.length === 0) same = rows.slice(-profileDays);
        const profile = new Float64Array(width);
        let used = 0;
        for (const r of same) {
          const tt = total(r.contacts);
          if (tt <= 0) continue;
          for (let s = 0; s < width; s++) profile[s]! += r.contacts[s]! / tt;
          used++;
        }
        const dayTotal = level * factor[t.weekday]!;
        for (let s = 0; s < width; s++) profile[s] = used ? (profile[s]! / used) * dayTotal : 0;
        return profile;
      });
    },
  };
}

interface Transform {
  to(x: number): number;
  from(y: number): number;
}

const TRANSFORMS: Record<'log' | 'sqrt', Transform> = {
  log: { to: (x) => Math.log1p(x), from: (y) => Math.expm1(y) },
  sqrt: { to: (x) => Math.sqrt(x), from: (y) => (y > 0 ? y * y : 0) },
};

interface SvdState {
  rows: TrainingRow[];
  gram: Float64Array;
  vectors: Float64Array[] | undefined;
  updates: number;
}

export interface SvdOptions {
  transform: 'log' | 'sqrt';
  /** Number of intraday shapes (default 3). */
  rank?: number;
  /** Training rows used, the most recent (default 365). */
  maxRows?: number;
  /** Half-life in rows of the weights of the score regressions (default 80). */
  halfLife?: number;
  /** Pseudo-days pulling the after-closure effect to zero (default 1). */
  closurePrior?: number;
}

export function svdMethod(options: SvdOptions): ForecastMethod {
  const rank = options.rank ?? 3;
  const maxRows = options.maxRows ?? 365;
  const halfLife = options.halfLife ?? 80;
  const closurePrior = options.closurePrior ?? 1;
  const tf = TRANSFORMS[options.transform];
  const name: MethodName = options.transform === 'log' ? 'svd-log' : 'svd-sqrt';
  const transformed = new WeakMap<Float64Array, Float64Array>();
  const rowOf = (r: TrainingRow) => {
    let x = transformed.get(r.contacts);
    if (!x) {
      x = r.contacts.map((v) => tf.to(Math.max(v, 0)));
      transformed.set(r.contacts, x);
    }
    return x;
  };
  const addOuter = (g: Float64Array, x: Float64Array, sign: number, width: number) => {
    for (let i = 0; i < width; i++) {
      const xi = sign * x[i]!;
      if (xi === 0) continue;
      const row = i * width;
      for (let j = 0; j < width; j++) g[row + j]! += xi * x[j]!;
    }
  };

  /** Gram matrix XᵀX of the window of rows, updated from the cached one when it overlaps. */
  function gramOf(window: readonly TrainingRow[], width: number, cache: MethodCache | undefined): SvdState {
    const key = `${name}:${width}`;
    const prev = cache?.get(key) as SvdState | undefined;
    if (prev && prev.updates < 64 && window.length > 0) {
      const shift = prev.rows.indexOf(window[0]!);
      if (shift >= 0) {
        const overlap = prev.rows.length - shift;
        let same = overlap <= window.length;
        for (let j = 0; same && j < overlap; j++) same = prev.rows[shift + j] === window[j];
        if (same) {
          const gram = Float64Array.from(prev.gram);
          for (let j = 0; j < shift; j++) addOuter(gram, rowOf(prev.rows[j]!), -1, width);
          for (let j = overlap; j < window.length; j++) addOuter(gram, rowOf(window[j]!), 1, width);
          const state = { rows: [...window], gram, vectors: prev.vectors, updates: prev.updates + 1 };
          cache!.set(key, state);
          return state;
        }
      }
    }
    const gram = new Float64Array(width * width);
    for (const r of window) addOuter(gram, rowOf(r), 1, width);
    const state: SvdState = { rows: [...window], gram, vectors: prev?.vectors, updates: 0 };
    cache?.set(key, state);
    return state;
  }

  return {
    name,
    forecast(rows, targets, width, cache) {
      if (rows.length === 0 || width === 0) return targets.map(() => new Float64Array(width));
      const window = rows.slice(-maxRows);
      const n = window.length;
      const state = gramOf(window, width, cache);
      const r = Math.min(rank, n, width);
      // Warm from the previous fit of a backtest: a few rounds, the sequence converges as it goes.
      const vectors = leadingEigenvectors(state.gram, width, r, state.vectors, state.vectors ? 8 : 60);
      state.vectors = vectors;

      // Scores of each day on each shape.
      const scores = vectors.map((v) =>
        Float64Array.from(window, (row) => {
          const x = rowOf(row);
          let s = 0;
          for (let k = 0; k < width; k++) s += x[k]! * v[k]!;
          return s;
        }),
      );
      const weights = Float64Array.from(window, (_, i) => 0.5 ** ((n - 1 - i) / halfLife));
      const predicted = targets.map(() => new Float64Array(r));
      for (let c = 0; c < r; c++) {
        const b = scores[c]!;
        // Weighted least squares on 7 weekday indicators + the after-closure flag; weekdays pulled
        // (very weakly) to the overall mean so an unseen weekday gets it, the closure effect to 0.
        let sw = 0;
        let swb = 0;
        for (let i = 0; i < n; i++) {
          sw += weights[i]!;
          swb += weights[i]! * b[i]!;
        }
        const overall = swb / sw;
        const p = 8;
        const a = new Float64Array(p * p);
        const rhs = new Float64Array(p);
        for (let i = 0; i < n; i++) {
          const row = window[i]!;
          const w = weights[i]!;
          a[row.weekday * p + row.weekday]! += w;
          rhs[row.weekday]! += w * b[i]!;
          if (row.afterClosure) {
            a[row.weekday * p + 7]! += w;
            a[7 * p + row.weekday]! += w;
            a[7 * p + 7]! += w;
            rhs[7]! += w * b[i]!;
          }
        }
        for (let wd = 0; wd < 7; wd++) {
          a[wd * p + wd]! += 1e-6;
          rhs[wd]! += 1e-6 * overall;
        }
        a[7 * p + 7]! += closurePrior;
        const coef = solveSpd(a, rhs, p);
        const fitted = (row: { weekday: number; afterClosure: boolean }) => coef[row.weekday]! + (row.afterClosure ? coef[7]! : 0);
        const res = Float64Array.from(window, (row, i) => b[i]! - fitted(row));
        let num = 0;
        let den = 0;
        for (let i = 1; i < n; i++) {
          num += res[i]! * res[i - 1]!;
          den += res[i - 1]! * res[i - 1]!;
        }
        const phi = den > 0 ? Math.max(-0.9, Math.min(0.95, num / den)) : 0;
        const last = res[n - 1]!;
        targets.forEach((t, ti) => {
          predicted[ti]![c] = fitted(t) + phi ** Math.max(1, t.ahead) * last;
        });
      }
      return predicted.map((sc) => {
        const out = new Float64Array(width);
        for (let k = 0; k < width; k++) {
          let y = 0;
          for (let c = 0; c < r; c++) y += sc[c]! * vectors[c]![k]!;
          out[k] = Math.max(0, tf.from(y));
        }
        return out;
      });
    },
  };
}

/** The default pool, in order of simplicity (ties go to the simpler). */
export function defaultMethods(): ForecastMethod[] {
  return [seasonalNaive, weekdayAverage(8), dayTotalSmoothing(), svdMethod({ transform: 'log' }), svdMethod({ transform: 'sqrt' })];
}

export function methodByName(name: MethodName): ForecastMethod {
  const m = defaultMethods().find((x) => x.name === name);
  if (!m) throw new RangeError(`unknown forecast method ${name}`);
  return m;
}
