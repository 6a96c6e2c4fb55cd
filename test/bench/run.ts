/**
 * `npm run bench`: every benchmark, each beside a baseline measured in the same run.
 *
 *   npm run bench                      all of them (about 5 minutes on 2 cores)
 *   npm run bench -- --quick           shorter runs, fewer repetitions (about 2½ minutes)
 *   npm run bench -- --only=ingest,fanout
 *                                      some of them: staffing, forecast, ingest, latency, fanout, memory
 *   npm run bench -- --profile=DIR     CPU profiles of the server processes into DIR
 *                                      (summarise one with `npx tsx test/bench/profile-summary.ts FILE`)
 *
 * BENCH_QUICK=1 is the same as --quick. The benchmarks start their own redis-server and server
 * processes; they need nothing running.
 */
import { benchIngest } from './ingest.ts';
import { benchStaffing } from './staffing.ts';
import { benchForecast } from './forecast.ts';
import { benchLatency } from './latency.ts';
import { benchFanout } from './fanout.ts';
import { benchMemory } from './memory.ts';
import { table, type BenchResult } from './stats.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const value = (name: string) => flag(name)?.split('=')[1];
const quick = !!flag('quick') || process.env.BENCH_QUICK === '1';
const only = value('only')?.split(',');
const profileDir = value('profile');
const ALL = ['staffing', 'forecast', 'ingest', 'latency', 'fanout', 'memory'];
for (const o of only ?? []) if (!ALL.includes(o)) throw new Error(`--only: unknown benchmark ${o}; one of ${ALL.join(', ')}`);
const wanted = (name: string) => !only || only.includes(name);
const log = (msg: string) => console.log(msg);

const started = performance.now();
const results: BenchResult[] = [];
const step = async (name: string, title: string, f: () => Promise<BenchResult | BenchResult[]> | BenchResult | BenchResult[]) => {
  if (!wanted(name)) return;
  const t0 = performance.now();
  console.log(`${title} …`);
  const r = await f();
  results.push(...(Array.isArray(r) ? r : [r]));
  console.log(`  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
};

await step('staffing', 'staffing', () => benchStaffing());
await step('forecast', 'forecasts', () => benchForecast());
await step('ingest', `ingest + aggregation, sustained ${quick ? 15 : 60} s (one server), ${quick ? 10 : 30} s (two)`, () =>
  benchIngest({ seconds: quick ? 15 : 60, twoInstanceSeconds: quick ? 10 : 30, rawSeconds: quick ? 3 : 10, copies: 4, inFlight: 4, profileDir, log }),
);
await step('latency', 'event-to-screen latency, 1,000 graphql-ws subscribers', () =>
  benchLatency({ subscribers: 1000, seconds: quick ? 8 : 20, backgroundEventsPerSecond: 20_000, profileDir, log }),
);
await step('fanout', 'fan-out to 1,000 and 5,000 subscribers', () => benchFanout({ sizes: [1000, 5000], bursts: quick ? 2 : 4, profileDir, log }));
await step('memory', 'memory per 1,000 queues and per 1,000 subscribers', () => benchMemory({ log }));

console.log(`\n${table(results)}\n`);
console.log(`total ${((performance.now() - started) / 1000).toFixed(0)} s${quick ? ' (--quick)' : ''}`);
process.exit(0);
