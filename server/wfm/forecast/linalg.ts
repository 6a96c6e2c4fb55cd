/**
 * The little linear algebra the forecasts need, for matrices of at most a few hundred rows and
 * 96 columns: symmetric eigenvectors (cyclic Jacobi for small matrices, subspace iteration with
 * Rayleigh-Ritz for the leading few of a larger one, warm-startable) and small symmetric
 * positive-definite solves. Matrices are row-major Float64Arrays.
 */

/** Eigenvalues (descending) and unit eigenvectors of the symmetric n × n matrix `a` (not modified). */
export function jacobiEigen(a: Float64Array, n: number): { values: number[]; vectors: Float64Array[] } {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += m[i * n + i]! ** 2;
      for (let j = i + 1; j < n; j++) off += m[i * n + j]! ** 2;
    }
    if (off <= 1e-30 * diag || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        const app = m[p * n + p]!;
        const aqq = m[q * n + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => m[y * n + y]! - m[x * n + x]!);
  return {
    values: order.map((i) => m[i * n + i]!),
    vectors: order.map((i) => {
      const out = new Float64Array(n);
      for (let k = 0; k < n; k++) out[k] = v[k * n + i]!;
      return out;
    }),
  };
}

/** Relative residual ‖g v − λ v‖ / λ of each leading vector at which the iteration stops. */
const TOLERANCE = 1e-4;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function multiply(g: Float64Array, n: number, x: Float64Array): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * n;
    for (let j = 0; j < n; j++) s += g[row + j]! * x[j]!;
    out[i] = s;
  }
  return out;
}

/** Modified Gram-Schmidt in place; a vector that collapses is replaced by a fresh unit direction. */
function orthonormalise(vs: Float64Array[], n: number): void {
  for (let i = 0; i < vs.length; i++) {
    let v = vs[i]!;
    for (let attempt = 0; attempt <= n; attempt++) {
      for (let j = 0; j < i; j++) {
        const u = vs[j]!;
        const d = dot(u, v);
        for (let k = 0; k < n; k++) v[k]! -= d * u[k]!;
      }
      const norm = Math.sqrt(dot(v, v));
      if (norm > 1e-12) {
        for (let k = 0; k < n; k++) v[k]! /= norm;
        break;
      }
      v = new Float64Array(n);
      v[(i + attempt) % n] = 1;
      vs[i] = v;
    }
  }
}

/**
 * The `r` leading eigenvectors of the symmetric positive semi-definite n × n matrix `g`, by
 * subspace iteration on r + 3 vectors with a Rayleigh-Ritz step each round, until the leading
 * residuals ‖g v − λ v‖ fall below 1e-4 λ (or `maxRounds`, default 60). `start` warm-starts it
 * with the vectors of a nearby matrix (a backtest adds one day at a time: a few rounds then
 * suffice, and a warm-started sequence keeps converging from call to call). Small matrices go
 * to Jacobi.
 */
export function leadingEigenvectors(g: Float64Array, n: number, r: number, start?: readonly Float64Array[], maxRounds = 60): Float64Array[] {
  r = Math.min(r, n);
  const p = Math.min(n, r + 3);
  if (n <= 12) return jacobiEigen(g, n).vectors.slice(0, r);
  let q: Float64Array[] = [];
  for (let i = 0; i < p; i++) {
    const s = start?.[i];
    if (s && s.length === n) q.push(Float64Array.from(s));
    else {
      // Deterministic start: smooth, distinct shapes (a constant, then cosines).
      const v = new Float64Array(n);
      for (let k = 0; k < n; k++) v[k] = i === 0 ? 1 : Math.cos((Math.PI * i * (k + 0.5)) / n) + 1e-3 * Math.sin(k * (i + 1));
      q.push(v);
    }
  }
  orthonormalise(q, n);
  for (let round = 0; round < maxRounds; round++) {
    const z = q.map((v) => multiply(g, n, v));
    // Rayleigh-Ritz on span(q): h = qᵀ g q.
    const h = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) h[i * p + j] = dot(q[i]!, z[j]!);
    const { values, vectors } = jacobiEigen(h, p);
    const ritz = vectors.map((w) => {
      const v = new Float64Array(n);
      for (let j = 0; j < p; j++) for (let k = 0; k < n; k++) v[k]! += w[j]! * q[j]![k]!;
      return v;
    });
    const gRitz = vectors.map((w) => {
      const v = new Float64Array(n);
      for (let j = 0; j < p; j++) for (let k = 0; k < n; k++) v[k]! += w[j]! * z[j]![k]!;
      return v;
    });
    let worst = 0;
    for (let i = 0; i < r; i++) {
      let res = 0;
      for (let k = 0; k < n; k++) res += (gRitz[i]![k]! - values[i]! * ritz[i]![k]!) ** 2;
      worst = Math.max(worst, Math.sqrt(res) / Math.max(Math.abs(values[i]!), 1e-12 * Math.abs(values[0]!), 1e-300));
    }
    if (worst <= TOLERANCE) {
      q = ritz;
      break;
    }
    q = gRitz;
    orthonormalise(q, n);
  }
  // Deterministic signs: the largest entry of each vector positive.
  return q.slice(0, r).map((v) => {
    let big = 0;
    for (let k = 0; k < n; k++) if (Math.abs(v[k]!) > Math.abs(big)) big = v[k]!;
    if (big < 0) for (let k = 0; k < n; k++) v[k] = -v[k]!;
    return v;
  });
}

/**
 * Solve a x = b for a small symmetric positive-definite a (n × n, row-major) by Cholesky; a
 * tiny ridge is added if rounding makes it indefinite.
 */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array {
  let ridge = 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const l = new Float64Array(n * n);
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      for (let j = 0; j <= i; j++) {
        let s = a[i * n + j]! + (i === j ? ridge : 0);
        for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
        if (i === j) {
          if (!(s > 0)) {
            ok = false;
            break;
          }
          l[i * n + i] = Math.sqrt(s);
        } else l[i * n + j] = s / l[j * n + j]!;
      }
    }
    if (ok) {
      const y = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let s = b[i]!;
        for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
        y[i] = s / l[i * n + i]!;
      }
      const x = new Float64Array(n);
      for (let i = n - 1; i >= 0; i--) {
        let s = y[i]!;
        for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
        x[i] = s / l[i * n + i]!;
      }
      return x;
    }
    let trace = 0;
    for (let i = 0; i < n; i++) trace += Math.abs(a[i * n + i]!);
    ridge = ridge === 0 ? 1e-12 * Math.max(trace / n, 1e-300) : ridge * 100;
  }
  throw new Error('solveSpd: matrix is not positive definite');
}
