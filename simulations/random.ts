/**
 * Seeded pseudo-random numbers for the simulator: the same seed gives the same contact
 * center, which makes runs reproducible and bugs replayable.
 *
 * The generator is sfc32 (small, fast, passes PractRand to large sizes), seeded through
 * splitmix32 so that nearby seeds (1, 2, 3) give unrelated streams. Math.random is never used.
 */

/** A stream of random draws. Every method consumes the stream; `fork` does not. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** Uniform integer in [min, max], both included. */
  integer(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Exponential with the given mean (memoryless waits: inter-arrival times, patience). */
  exponential(mean: number): number;
  /** Standard normal scaled: mean + sd·Z (Box-Muller). */
  normal(mean: number, sd: number): number;
  /**
   * Lognormal with the given mean and coefficient of variation (sd / mean): the usual shape
   * of handle times, right-skewed with a long tail of long calls. cv = 0 gives the mean.
   */
  lognormal(mean: number, cv: number): number;
  /** Poisson count with the given mean. */
  poisson(mean: number): number;
  /** One element, each equally likely. Throws on an empty list (a caller bug, not a draw). */
  pick<T>(items: readonly T[]): T;
  /** One element with probability proportional to its weight (weights > 0). */
  pickWeighted<T extends { readonly weight: number }>(items: readonly T[]): T;
  /**
   * An independent stream derived from this stream's seed and a label, not from its state:
   * forks stay the same however much the parent was used. The simulator gives every queue and
   * agent its own fork, so adding a queue or a draw in one place leaves the others' draws
   * unchanged (common random numbers, which what-if comparisons rely on).
   */
  fork(label: string): Rng;
  /** The 32-bit seed this stream started from. */
  readonly seed: number;
}

/** A 32-bit seed from a string (FNV-1a with a final avalanche). */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return avalanche(h);
}

function avalanche(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** splitmix32: expands one 32-bit seed into well-mixed state words. */
function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    return avalanche(state);
  };
}

/** sfc32 over 32-bit words: returns a generator of uint32. */
function sfc32(seed: number): () => number {
  const mix = splitmix32(seed);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = 1; // the counter word; starting it at 1 is the reference seeding
  const step = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The reference implementation discards the first outputs so the state is fully mixed.
  for (let i = 0; i < 12; i++) step();
  return step;
}

/** Create a stream from a numeric seed (any integer; taken modulo 2^32) or a string. */
export function createRng(seed: number | string): Rng {
  const seed32 = typeof seed === 'string' ? hashSeed(seed) : normalizeSeed(seed);
  const word = sfc32(seed32);
  const next = () => word() / 4294967296;

  const rng: Rng = {
    seed: seed32,
    next,
    uniform: (min, max) => min + (max - min) * next(),
    integer: (min, max) => {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`integer(${min}, ${max}): need integers with min <= max`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    chance: (p) => next() < p,
    // 1 - next() is in (0, 1], so the logarithm is finite.
    exponential: (mean) => -mean * Math.log(1 - next()),
    normal: (mean, sd) => mean + sd * standardNormal(next),
    lognormal: (mean, cv) => {
      if (cv <= 0) return mean;
      // For a lognormal, cv² = exp(σ²) − 1 and mean = exp(μ + σ²/2).
      const sigma2 = Math.log(1 + cv * cv);
      const mu = Math.log(mean) - sigma2 / 2;
      return Math.exp(mu + Math.sqrt(sigma2) * standardNormal(next));
    },
    poisson: (mean) => poisson(next, mean),
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    pickWeighted: (items) => {
      if (items.length === 0) throw new RangeError('pickWeighted from an empty list');
      let total = 0;
      for (const item of items) {
        if (!(item.weight > 0)) throw new RangeError(`pickWeighted: weight ${item.weight} is not positive`);
        total += item.weight;
      }
      let r = next() * total;
      for (const item of items) {
        r -= item.weight;
        if (r < 0) return item;
      }
      // Rounding can leave r a hair above 0 after the last item: it is the last one.
      return items[items.length - 1] as (typeof items)[number];
    },
    fork: (label) => createRng(hashSeed(`${seed32}:${label}`)),
  };
  return rng;
}

function normalizeSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  // Fold the high bits in too, so seeds that differ by 2^32 still differ.
  const high = Math.floor(seed / 4294967296);
  return (avalanche(high) ^ (Math.trunc(seed) >>> 0)) >>> 0;
}

function standardNormal(next: () => number): number {
  const u1 = 1 - next(); // (0, 1]: log finite
  const u2 = next();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function poisson(next: () => number, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`poisson mean must be finite and >= 0, got ${mean}`);
  if (mean === 0) return 0;
  if (mean < 30) {
    // Knuth: multiply uniforms until the product drops below e^-mean. O(mean) draws.
    const limit = Math.exp(-mean);
    let k = 0;
    let p = next();
    while (p > limit) {
      k++;
      p *= next();
    }
    return k;
  }
  // PTRS, transformed rejection (Hörmann 1993): O(1) draws for large means.
  const smu = Math.sqrt(mean);
  const b = 0.931 + 2.53 * smu;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  const logMean = Math.log(mean);
  for (;;) {
    const u = next() - 0.5;
    const v = next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) {
      return k;
    }
  }
}

/** ln(k!) by Stirling's series; exact enough (error < 1e-10) for k >= 10, table below. */
function logFactorial(k: number): number {
  if (k < SMALL_LOG_FACTORIALS.length) return SMALL_LOG_FACTORIALS[k] as number;
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3) + 1 / (1260 * x ** 5);
}

const SMALL_LOG_FACTORIALS: readonly number[] = (() => {
  const table = [0];
  for (let k = 1; k < 10; k++) table.push((table[k - 1] as number) + Math.log(k));
  return table;
})();
