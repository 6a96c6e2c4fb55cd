/**
 * Time to plan a realistic day (96 intervals) and week (672) for one queue, against the greedy.
 * Run: npx tsx test/wfm/shifts/measure.ts [runs] [day|week|week-night] [timeLimitSeconds]
 */
import { planShifts, warmUpShiftSolver, type ShiftTemplate } from '../../../server/wfm/shifts/index.ts';
import { NIGHT, TEMPLATES, greedyPlan, realisticInput } from './fixtures.ts';

const runs = Number(process.argv[2] ?? 3);
const loadStart = performance.now();
await warmUpShiftSolver();
console.log(`HiGHS load: ${(performance.now() - loadStart).toFixed(0)} ms`);

for (const [label, days, timeLimitSeconds, templates] of [
  ['day', 1, 10, TEMPLATES],
  ['week', 7, 60, TEMPLATES],
  // With a night shift across midnight the days are coupled: one week-long MIP.
  ['week-night', 7, 60, [...TEMPLATES, NIGHT]],
] as [string, number, number, ShiftTemplate[]][]) {
  if (process.argv[3] !== undefined && process.argv[3] !== label) continue;
  const input = realisticInput(days, { timeLimitSeconds: Number(process.argv[4] ?? timeLimitSeconds) }, templates);
  const greedy = greedyPlan(input);
  const times: number[] = [];
  let last = null as Awaited<ReturnType<typeof planShifts>> | null;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    last = await planShifts(input);
    times.push(performance.now() - started);
  }
  const p = last!;
  times.sort((a, b) => a - b);
  console.log(
    [
      `${label}: ${input.intervals.length} intervals, ${p.solver.parts} part(s), ${p.solver.candidateShifts} candidate shifts, ${p.solver.variables} variables, ${p.solver.constraints} rows`,
      `  planShifts ms (n=${runs}): min ${times[0]!.toFixed(0)}, median ${times[Math.floor(runs / 2)]!.toFixed(0)}, max ${times[runs - 1]!.toFixed(0)}; solver ${p.solver.solveMs} ms of ${p.solver.totalMs}`,
      `  status ${p.status}, gap ${p.gap}, objective ${p.objective}, bound ${p.bound}`,
      `  MIP:    ${p.totals.shifts} shifts, ${p.totals.paidMinutes} paid min (${(p.totals.paidMinutes / 60).toFixed(1)} h), under ${p.totals.underAgentIntervals}, over ${p.totals.overAgentIntervals} agent-intervals of ${p.totals.requiredAgentIntervals}`,
      `  greedy: ${greedy.shifts} shifts, ${greedy.paidMinutes} paid min (${(greedy.paidMinutes / 60).toFixed(1)} h), under ${greedy.under}`,
    ].join('\n'),
  );
}
