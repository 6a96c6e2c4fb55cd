// HiGHS in a worker thread (plain JavaScript: Node loads it as is, under tsx, vitest or node).
// A solve is synchronous WebAssembly and can take the whole time limit; here it blocks this
// thread, not the server's event loop. solver.ts sends one job at a time:
//   { id, model: ModelData, options: { time_limit, mip_rel_gap }, start?: Float64Array, relax: boolean }
// and gets back { id, result } or { id, error }.
import { parentPort } from 'node:worker_threads';
import loadHighs from 'highs';

const highs = await loadHighs();
parentPort.postMessage({ ready: true, version: highs.version.string });

parentPort.on('message', (job) => {
  try {
    parentPort.postMessage({ id: job.id, result: run(job) });
  } catch (error) {
    parentPort.postMessage({ id: job.id, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
});

function run({ model, options, start, relax }) {
  const data = { ...model };
  if (relax) delete data.integrality;
  return highs.withModel(data, (m) => {
    m.options.set({ output_flag: false, ...options });
    const integer = data.integrality !== undefined;
    if (integer && start) m.setSolution({ colValue: start });
    const started = performance.now();
    m.run();
    const solveMs = performance.now() - started;
    const status = m.getModelStatus();
    const feasible = m.info.get('primal_solution_status') === highs.constants.solutionStatus.feasible;
    const codes = highs.constants.modelStatus;
    const name = status === codes.optimal ? 'OPTIMAL' : status === codes.timeLimit ? 'TIME_LIMIT' : 'FEASIBLE';
    if (!feasible) return { status: 'NO_SOLUTION', values: null, objective: null, bound: null, gap: null, solveMs };
    const bound = integer ? Number(m.info.get('mip_dual_bound')) : null;
    const gap = integer ? Number(m.info.get('mip_gap')) : null;
    return {
      status: relax && status !== codes.optimal ? 'NO_SOLUTION' : name,
      values: m.getSolution().colValue,
      objective: m.getObjectiveValue(),
      bound: bound !== null && Number.isFinite(bound) ? bound : null,
      gap: gap !== null && Number.isFinite(gap) ? gap : null,
      solveMs,
    };
  });
}
