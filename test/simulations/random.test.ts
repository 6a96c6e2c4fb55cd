import { describe, expect, it } from 'vitest';
import { createRng, hashSeed } from '../../simulations/random.ts';

const N = 50_000;

function stats(draw: () => number, n = N) {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sq += x * x;
  }
  const mean = sum / n;
  return { mean, sd: Math.sqrt(sq / n - mean * mean) };
}

describe('createRng', () => {
  it('repeats a stream for the same seed, and differs for another seed or a string seed', () => {
    const take = (seed: number | string) => Array.from({ length: 5 }, createRng(seed).next);
    expect(take(7)).toEqual(take(7));
    expect(take(7)).not.toEqual(take(8));
    expect(take('bpo')).toEqual(take('bpo'));
    expect(take('bpo')).not.toEqual(take('bpp'));
    expect(take(1)).not.toEqual(take(1 + 2 ** 32)); // high bits count
    expect(hashSeed('a')).not.toBe(hashSeed('b'));
  });

  it('draws uniforms in [0, 1) with the right mean and no obvious correlation between neighbours', () => {
    const rng = createRng(1);
    let min = 1;
    let max = 0;
    let sum = 0;
    let lagProduct = 0;
    let previous = rng.next();
    for (let i = 0; i < N; i++) {
      const x = rng.next();
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      lagProduct += (x - 0.5) * (previous - 0.5);
      previous = x;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / N).toBeCloseTo(0.5, 2);
    expect(Math.abs(lagProduct / N / (1 / 12))).toBeLessThan(0.02); // lag-1 autocorrelation
  });

  it('draws integers in the closed range, each about equally often', () => {
    const rng = createRng(2);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) {
      const k = rng.integer(1, 6);
      counts[k - 1] = (counts[k - 1] ?? 0) + 1;
    }
    expect(counts.every((c) => Math.abs(c - 10_000) < 400)).toBe(true);
    expect(() => rng.integer(3, 1)).toThrow(RangeError);
  });

  it('draws exponentials with the given mean (sd = mean)', () => {
    const rng = createRng(11);
    const { mean, sd } = stats(() => rng.exponential(120));
    expect(mean).toBeGreaterThan(120 * 0.97);
    expect(mean).toBeLessThan(120 * 1.03);
    expect(sd / mean).toBeCloseTo(1, 1);
  });

  it('draws lognormals with the given mean and coefficient of variation', () => {
    const rng = createRng(3);
    const { mean, sd } = stats(() => rng.lognormal(240, 1.2), 200_000);
    expect(mean).toBeGreaterThan(240 * 0.97);
    expect(mean).toBeLessThan(240 * 1.03);
    // The sample sd of a heavy tail converges slowly: a loose band.
    expect(sd / mean).toBeGreaterThan(1.05);
    expect(sd / mean).toBeLessThan(1.35);
    expect(rng.lognormal(240, 0)).toBe(240);
  });

  it('draws normals with the given mean and sd', () => {
    const rng = createRng(4);
    const { mean, sd } = stats(() => rng.normal(10, 2));
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('draws Poisson counts with mean = variance, small and large means', () => {
    const rng = createRng(5);
    for (const lambda of [0.5, 4, 29, 30, 250]) {
      const { mean, sd } = stats(() => rng.poisson(lambda), 20_000);
      expect(Math.abs(mean - lambda) / lambda, `mean for ${lambda}`).toBeLessThan(0.03);
      expect(Math.abs((sd * sd) / lambda - 1), `variance for ${lambda}`).toBeLessThan(0.06);
    }
    expect(rng.poisson(0)).toBe(0);
    expect(() => rng.poisson(-1)).toThrow(RangeError);
    const draws = Array.from({ length: 1000 }, () => rng.poisson(100));
    expect(draws.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
  });

  it('picks uniformly and by weight, and refuses empty lists', () => {
    const rng = createRng(6);
    const seen = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const x = rng.pick(['a', 'b', 'c']);
      seen.set(x, (seen.get(x) ?? 0) + 1);
    }
    expect([...seen.values()].every((c) => Math.abs(c - 10_000) < 400)).toBe(true);
    const kinds = [
      { name: 'break', weight: 8 },
      { name: 'lunch', weight: 1 },
      { name: 'coaching', weight: 1 },
    ];
    let breaks = 0;
    for (let i = 0; i < 10_000; i++) if (rng.pickWeighted(kinds).name === 'break') breaks++;
    expect(breaks / 10_000).toBeCloseTo(0.8, 1);
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(() => rng.pickWeighted([])).toThrow(RangeError);
    expect(() => rng.pickWeighted([{ weight: 0 }])).toThrow(RangeError);
  });

  it('forks streams that depend on the seed and label, not on how much the parent was used', () => {
    const a = createRng(9);
    const b = createRng(9);
    for (let i = 0; i < 100; i++) b.next();
    expect(Array.from({ length: 3 }, a.fork('queue:x').next)).toEqual(Array.from({ length: 3 }, b.fork('queue:x').next));
    expect(a.fork('queue:x').next()).not.toBe(a.fork('queue:y').next());
    expect(a.fork('queue:x').next()).not.toBe(createRng(10).fork('queue:x').next());
  });
});
