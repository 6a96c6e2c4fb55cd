/**
 * Properties of the Erlang B, C and A functions beyond the shared vectors: the B recursion
 * against the direct formula, monotonicity in the number of agents, the limits that tie the
 * models together, overload, stability up to 10,000 Erlangs against 50-digit values, and a
 * seeded simulation of M/M/n+M that checks the Erlang A definitions from first principles.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErlangBSeries, erlangA, erlangB, erlangBMaxTraffic, erlangBMetrics, erlangC } from '../../server/wfm/index.ts';

const traffic = fc.double({ min: 0.05, max: 2000, noNaN: true });
const seconds = (min: number, max: number) => fc.double({ min, max, noNaN: true });

/** Relative difference, for quantities whose scale varies over many orders of magnitude. */
const relative = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('Erlang B', () => {
  it('matches the direct formula (Aⁿ/n!) / Σ Aᵏ/k! for small n', () => {
    for (const a of [0.01, 0.5, 1, 3.7, 10, 25]) {
      let term = 1; // Aᵏ/k!
      let sum = 1;
      for (let n = 1; n <= 30; n++) {
        term *= a / n;
        sum += term;
        expect(relative(erlangB(n, a), term / sum)).toBeLessThan(1e-13);
      }
    }
    expect(erlangB(0, 5)).toBe(1);
  });

  it('warm-starts the recursion ~12√A below the traffic without changing the result', () => {
    fc.assert(
      fc.property(fc.double({ min: 150, max: 20_000, noNaN: true }), fc.double({ min: -6, max: 6, noNaN: true }), (a, z) => {
        const n = Math.max(0, Math.ceil(a + z * Math.sqrt(a)));
        let cold = 1; // the recursion from B(0) = 1, step by step
        for (let k = 1; k <= n; k++) cold = (a * cold) / (k + a * cold);
        expect(relative(erlangB(n, a), cold)).toBeLessThan(1e-14);
        expect(relative(new ErlangBSeries(a).blocking(n), cold)).toBeLessThan(1e-14);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the recursion state: ErlangBSeries agrees with erlangB in any order of asking', () => {
    for (const a of [123.4, 5000.5]) {
      const series = new ErlangBSeries(a);
      // Above the traffic, far below it (a restart from 0), and above it again.
      for (const offset of [100, 0, -100, -4990, -3, 1, 2, 200]) {
        const n = Math.max(0, Math.round(a + offset));
        expect(relative(series.blocking(n), erlangB(n, a))).toBeLessThan(1e-14);
      }
    }
  });

  it('is stable up to 10,000 Erlangs (50-digit values from test/wfm/mpmath_reference.py)', () => {
    expect(relative(erlangB(10_100, 10_000), 0.0028623572207360649)).toBeLessThan(1e-13);
    expect(relative(erlangB(3, 0.5), 0.012658227848101266)).toBeLessThan(1e-15);
    // Far above the traffic B underflows to exactly 0 (1/1000! < 1e-308), never NaN.
    expect(erlangB(1000, 1)).toBe(0);
  });

  it('falls as lines are added and rises with traffic', () => {
    fc.assert(
      fc.property(traffic, fc.integer({ min: 1, max: 3000 }), (a, n) => {
        expect(erlangB(n + 1, a)).toBeLessThanOrEqual(erlangB(n, a));
        expect(erlangB(n, a * 1.01)).toBeGreaterThanOrEqual(erlangB(n, a));
      }),
    );
  });

  it('reports occupancy as carried traffic per line: blocked calls take no time', () => {
    const { blocking, occupancy } = erlangBMetrics(12, 10);
    expect(blocking).toBe(erlangB(12, 10));
    expect(occupancy).toBeCloseTo((10 * (1 - blocking)) / 12, 15);
  });

  it('inverts to the traffic a trunk group carries', () => {
    for (const [n, b] of [
      [1, 0.5],
      [15, 0.01],
      [100, 0.001],
      [5000, 0.02],
    ] as const) {
      expect(erlangB(n, erlangBMaxTraffic(n, b))).toBeCloseTo(b, 12);
    }
  });
});

describe('Erlang C', () => {
  it('is stable at 10,000 Erlangs (50-digit values)', () => {
    const m = erlangC({ servers: 10_100, traffic: 10_000, aht: 300, threshold: 20 });
    expect(relative(m.probabilityOfWait, 0.22476290646653222)).toBeLessThan(1e-12);
    expect(Math.abs(m.serviceLevel - 0.99971395912794331)).toBeLessThan(1e-15);
    expect(relative(m.asa, 0.67428871939959667)).toBeLessThan(1e-12);
  });

  it('never gets worse with one more agent, and never waits less than Erlang B blocks', () => {
    fc.assert(
      fc.property(traffic, fc.integer({ min: 1, max: 200 }), seconds(30, 900), seconds(0, 120), (a, extra, aht, t) => {
        const servers = Math.floor(a) + extra;
        const m = erlangC({ servers, traffic: a, aht, threshold: t });
        const more = erlangC({ servers: servers + 1, traffic: a, aht, threshold: t });
        expect(more.serviceLevel).toBeGreaterThanOrEqual(m.serviceLevel);
        expect(more.probabilityOfWait).toBeLessThanOrEqual(m.probabilityOfWait);
        expect(more.asa).toBeLessThanOrEqual(m.asa);
        expect(m.probabilityOfWait).toBeGreaterThanOrEqual(erlangB(servers, a));
        expect(m.serviceLevel).toBeGreaterThanOrEqual(0);
        expect(m.serviceLevel).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('defines overload (agents at or below the traffic): every caller waits, forever', () => {
    for (const [servers, a] of [
      [10, 10],
      [10, 12.5],
      [1, 5000],
      [7, 6.999999999999999], // 7 agents for 7 Erlangs, one ulp low: still no steady state
    ] as const) {
      expect(erlangC({ servers, traffic: a, aht: 180, threshold: 20 })).toEqual({
        probabilityOfWait: 1,
        serviceLevel: 0,
        asa: Infinity,
        averageWaitIfWaiting: Infinity,
        occupancy: 1,
      });
    }
    // Just above the traffic the metrics are finite and continuous with the convention.
    const edge = erlangC({ servers: 11, traffic: 10.999, aht: 180, threshold: 20 });
    expect(edge.probabilityOfWait).toBeGreaterThan(0.99);
    expect(edge.asa).toBeGreaterThan(1e5);
  });
});

describe('Erlang A', () => {
  const base = { aht: 300, patience: 120, threshold: 20 };

  it('is stable from 1 to 10,000 Erlangs, overload included (50-digit values)', () => {
    const cases = [
      {
        params: { servers: 2, traffic: 1.5, aht: 300, patience: 60, threshold: 20 },
        want: { probabilityOfWait: 0.35881917408489648, abandonRate: 0.26510210418742995, serviceLevelAnswered: 0.67323753209594461, serviceLevelVirtual: 0.67882621889164797, asaAnswered: 5.8737054053442699 },
      },
      {
        params: { servers: 9900, traffic: 10_000, aht: 300, patience: 180, threshold: 20 },
        want: { probabilityOfWait: 0.75899576757687458, abandonRate: 0.011269125331325014, serviceLevelAnswered: 0.98873087466866664, serviceLevelVirtual: 0.99999999999999066, asaAnswered: 2.0297740188337522 },
      },
      {
        // n·t/AHT = 825: the first negative-binomial term e^{−825} underflows, so this runs rescaled.
        params: { servers: 9900, traffic: 10_000, aht: 300, patience: 1800, threshold: 25 },
        want: { probabilityOfWait: 0.99475837002364846, abandonRate: 0.010027602359151689, serviceLevelAnswered: 0.81719573951652353, serviceLevelVirtual: 0.82441888459393698, asaAnswered: 18.125972597952357 },
      },
    ];
    for (const { params, want } of cases) {
      const m = erlangA(params);
      for (const [key, value] of Object.entries(want)) expect(Math.abs(m[key as keyof typeof want] - value), key).toBeLessThan(1e-12);
    }
  });

  it('tends to Erlang C as patience grows without bound', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 500, noNaN: true }), fc.integer({ min: 1, max: 40 }), seconds(60, 600), seconds(0, 60), (a, extra, aht, t) => {
        const servers = Math.ceil(a * 1.05) + extra;
        const c = erlangC({ servers, traffic: a, aht, threshold: t });
        const m = erlangA({ servers, traffic: a, aht, patience: aht * 1e9, threshold: t });
        expect(Math.abs(m.probabilityOfWait - c.probabilityOfWait)).toBeLessThan(1e-7);
        expect(Math.abs(m.serviceLevelAnswered - c.serviceLevel)).toBeLessThan(1e-7);
        expect(Math.abs(m.serviceLevelVirtual - c.serviceLevel)).toBeLessThan(1e-7);
        expect(Math.abs(m.asaAnswered - c.asa)).toBeLessThan(1e-6 * Math.max(1, c.asa));
        expect(m.abandonRate).toBeLessThan(1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('agrees with Little\'s law: with an endless threshold, answered-in-time is everyone not abandoning', () => {
    // slAnswered sums P(answered | j queued) = k/(k+j+1) over the states; abandonRate is θ·E[Q]/λ.
    for (const servers of [3, 9, 10, 14, 20]) {
      const m = erlangA({ servers, traffic: 10, aht: 180, patience: 60, threshold: 1e7 });
      expect(Math.abs(m.serviceLevelAnswered - (1 - m.abandonRate))).toBeLessThan(1e-14);
      expect(m.serviceLevelVirtual).toBeCloseTo(1, 14);
    }
  });

  it('orders the definitions: sl_wait ≥ sl_virtual ≥ sl_answered, asa_virtual ≥ asa_all', () => {
    fc.assert(
      fc.property(traffic, fc.double({ min: 0.3, max: 1.5, noNaN: true }), seconds(60, 900), seconds(10, 1200), seconds(0, 120), (a, ratio, aht, patience, t) => {
        const servers = Math.max(1, Math.round(a * ratio));
        const m = erlangA({ servers, traffic: a, aht, patience, threshold: t });
        const slack = 1e-12;
        expect(m.serviceLevelWait).toBeGreaterThanOrEqual(m.serviceLevelVirtual - slack);
        expect(m.serviceLevelVirtual).toBeGreaterThanOrEqual(m.serviceLevelAnswered - slack);
        expect(m.asaVirtual).toBeGreaterThanOrEqual(m.averageWait * (1 - slack));
        for (const p of [m.probabilityOfWait, m.abandonRate, m.serviceLevelAnswered, m.serviceLevelVirtual, m.occupancy]) {
          expect(p).toBeGreaterThanOrEqual(-slack);
          expect(p).toBeLessThanOrEqual(1 + slack);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never gets worse with one more agent, overloaded or not', () => {
    fc.assert(
      fc.property(traffic, fc.double({ min: 0.3, max: 1.5, noNaN: true }), seconds(60, 900), seconds(10, 1200), seconds(0, 120), (a, ratio, aht, patience, t) => {
        const servers = Math.max(1, Math.round(a * ratio));
        const params = { traffic: a, aht, patience, threshold: t };
        const m = erlangA({ servers, ...params });
        const more = erlangA({ servers: servers + 1, ...params });
        const slack = 1e-12;
        expect(more.serviceLevelAnswered).toBeGreaterThanOrEqual(m.serviceLevelAnswered - slack);
        expect(more.serviceLevelVirtual).toBeGreaterThanOrEqual(m.serviceLevelVirtual - slack);
        expect(more.abandonRate).toBeLessThanOrEqual(m.abandonRate + slack);
        expect(more.occupancy).toBeLessThanOrEqual(m.occupancy + slack);
        expect(more.asaAnswered).toBeLessThanOrEqual(m.asaAnswered * (1 + slack));
      }),
      { numRuns: 200 },
    );
  });

  it('stays finite deep in overload, where Erlang C has no answer (50-digit values)', () => {
    // 8,000 agents for 10,000 Erlangs with patient callers: ~12,000 queued, weights past 1e308.
    const m = erlangA({ servers: 8000, traffic: 10_000, aht: 300, patience: 1800, threshold: 25 });
    expect(m.probabilityOfWait).toBe(1);
    expect(Math.abs(m.abandonRate - 0.2)).toBeLessThan(1e-14); // the excess 2,000 Erlangs abandon
    expect(Math.abs(m.averageWait - 360)).toBeLessThan(1e-9);
    expect(m.occupancy).toBe(1);
    expect(Number.isFinite(m.asaAnswered) && Number.isFinite(m.averageQueueLength)).toBe(true);
  });

  it('does not care about the time unit', () => {
    const seconds = erlangA({ servers: 14, traffic: 12, aht: 180, patience: 60, threshold: 20 });
    const minutes = erlangA({ servers: 14, traffic: 12, aht: 3, patience: 1, threshold: 1 / 3 });
    expect(minutes.serviceLevelAnswered).toBeCloseTo(seconds.serviceLevelAnswered, 14);
    expect(minutes.asaAnswered * 60).toBeCloseTo(seconds.asaAnswered, 12);
  });

  it('matches a seeded simulation of M/M/n+M (every definition from first principles)', () => {
    const servers = 14;
    const arrivalRate = 4 / 60; // per second: 240 calls per hour
    const params = { servers, traffic: arrivalRate * 180, aht: 180, patience: 60, threshold: 20 };
    const sim = simulate({ ...params, arrivalRate, calls: 400_000, seed: 7 });
    const m = erlangA(params);
    expect(Math.abs(sim.probabilityOfWait - m.probabilityOfWait)).toBeLessThan(0.006);
    expect(Math.abs(sim.abandonRate - m.abandonRate)).toBeLessThan(0.003);
    expect(Math.abs(sim.serviceLevelAnswered - m.serviceLevelAnswered)).toBeLessThan(0.006);
    expect(Math.abs(sim.serviceLevelVirtual - m.serviceLevelVirtual)).toBeLessThan(0.006);
    expect(Math.abs(sim.serviceLevelWait - m.serviceLevelWait)).toBeLessThan(0.006);
    expect(relative(sim.asaAnswered, m.asaAnswered)).toBeLessThan(0.04);
    expect(relative(sim.averageWait, m.averageWait)).toBeLessThan(0.04);
    expect(relative(sim.asaVirtual, m.asaVirtual)).toBeLessThan(0.04);
  });
});

/**
 * FCFS M/M/n+M, call by call. Callers are taken in arrival order; each would start service at
 * V = max(arrival, earliest free agent) (its offered wait, whether or not it stays), and is
 * served if V − arrival ≤ its patience, otherwise it leaves at arrival + patience and takes no
 * agent. Exact for FCFS: a later caller can never take an agent before an earlier one.
 */
function simulate(p: { servers: number; arrivalRate: number; aht: number; patience: number; threshold: number; calls: number; seed: number }) {
  const random = mulberry32(p.seed);
  const exp = (mean: number) => -mean * Math.log(1 - random());
  const free = new Array<number>(p.servers).fill(0); // when each agent is next free
  const warmUp = 10_000;
  let now = 0;
  let counted = 0;
  let waited = 0;
  let abandoned = 0;
  let answeredInTime = 0;
  let virtualInTime = 0;
  let waitInTime = 0;
  let answeredWait = 0;
  let allWait = 0;
  let virtualWait = 0;
  for (let call = 0; call < p.calls + warmUp; call++) {
    now += exp(1 / p.arrivalRate);
    const patience = exp(p.patience);
    let agent = 0;
    for (let i = 1; i < free.length; i++) if (free[i]! < free[agent]!) agent = i;
    const offered = Math.max(0, free[agent]! - now);
    const answered = offered <= patience;
    if (answered) free[agent] = now + offered + exp(p.aht);
    if (call < warmUp) continue;
    counted++;
    if (offered > 0) waited++;
    if (!answered) abandoned++;
    if (answered && offered <= p.threshold) answeredInTime++;
    if (offered <= p.threshold) virtualInTime++;
    if (Math.min(offered, patience) <= p.threshold) waitInTime++;
    if (answered) answeredWait += offered;
    allWait += Math.min(offered, patience);
    virtualWait += offered;
  }
  return {
    probabilityOfWait: waited / counted,
    abandonRate: abandoned / counted,
    serviceLevelAnswered: answeredInTime / counted,
    serviceLevelVirtual: virtualInTime / counted,
    serviceLevelWait: waitInTime / counted,
    asaAnswered: answeredWait / (counted - abandoned),
    averageWait: allWait / counted,
    asaVirtual: virtualWait / counted,
  };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
