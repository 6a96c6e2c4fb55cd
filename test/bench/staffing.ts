/**
 * Staffing for a planning run as the API makes it: 96 quarter hours × 100 queues = 9,600
 * searches for the fewest agents meeting 80/20 with an 85 % occupancy cap. The baseline is the
 * textbook search on the same inputs: Erlang C from its recursion restarted at n = 0 for every
 * candidate n, stepping up from the traffic (what spreadsheet calculators do).
 */
import { staffing, type StaffingInput } from '../../server/wfm/index.ts';
import { median, type BenchResult } from './stats.ts';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** 100 queues with a day curve (closed at night), peak traffic log-uniform in [low, high] Erlangs. */
function planningRun(low: number, high: number): { trafficErlangs: number; ahtSeconds: number }[] {
  const next = random(20_240_601);
  const out: { trafficErlangs: number; ahtSeconds: number }[] = [];
  for (let queue = 0; queue < 100; queue++) {
    const peak = low * (high / low) ** next();
    const ahtSeconds = 120 + next() * 480;
    for (let quarter = 0; quarter < 96; quarter++) {
      const hour = quarter / 4;
      const open = hour >= 7 && hour < 21;
      const curve = open ? 0.35 + 0.65 * Math.max(Math.exp(-(((hour - 11) / 2) ** 2)), 0.85 * Math.exp(-(((hour - 15) / 2.5) ** 2))) : 0;
      out.push({ trafficErlangs: peak * curve, ahtSeconds });
    }
  }
  return out;
}

function textbookAgents(a: number, aht: number): number {
  if (a <= 0) return 0;
  for (let n = Math.floor(a) + 1; ; n++) {
    let b = 1;
    for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
    const c = b / (1 - (a / n) * (1 - b));
    const sl = 1 - c * Math.exp(-((n - a) * 20) / aht);
    if (sl >= 0.8 && a / n <= 0.85) return n;
  }
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

export function benchStaffing(reps = 3): BenchResult {
  const run = planningRun(1, 1000);
  const inputs: StaffingInput[] = run.map((r) => ({ model: 'ERLANG_C', ...r, thresholdSeconds: 20, targetServiceLevel: 0.8, maxOccupancy: 0.85 }));
  // Same answers, or the comparison means nothing.
  for (let i = 0; i < inputs.length; i += 97) {
    const ours = staffing(inputs[i]!).agents;
    const theirs = textbookAgents(run[i]!.trafficErlangs, run[i]!.ahtSeconds);
    if (ours !== theirs) throw new Error(`staffing disagrees with the textbook search at ${i}: ${ours} vs ${theirs}`);
  }
  const ours: number[] = [];
  const base: number[] = [];
  for (let r = 0; r < reps; r++) {
    ours.push(time(() => inputs.forEach((x) => staffing(x))));
    base.push(time(() => run.forEach((x) => textbookAgents(x.trafficErlangs, x.ahtSeconds))));
  }
  return {
    name: 'staffing, 96 intervals x 100 queues (Erlang C, 80/20, 85 % cap)',
    unit: 'ms',
    value: median(ours),
    baselineName: 'textbook Erlang C search',
    baseline: median(base),
    note: 'peaks 1-1,000 Erlangs; lower is better',
  };
}
