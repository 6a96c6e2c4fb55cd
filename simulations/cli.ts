/**
 * Command line of the simulator: write a simulated span as NDJSON, or feed a server live.
 * Run `npm run simulate -- --help`.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { TENANT_PATTERN } from '../schema/events.ts';
import { startFeed } from './feed.ts';
import { createFloor } from './floor.ts';
import type { Scenario } from './scenario.ts';
import { SCENARIOS, findScenario } from './scenarios/index.ts';
import { SERVICE_DISTRIBUTIONS, stationaryScenario, type StationaryOptions } from './scenarios/stationary.ts';

const USAGE = `Floorboard simulator: a seeded, simulated contact center that emits ingest events.

Write a simulated span as NDJSON (one event per line):
  npm run simulate -- --scenario bpo --seed 7 --hours 2 --out events.ndjson
Feed a running server live, until Ctrl-C:
  npm run simulate -- --scenario bpo --target http://localhost:8080 --token T [--speed 10]
A stationary queue instead of a scenario (M/M/K, or M/M/K+M with a patience), to a file or live:
  npm run simulate -- --arrivals-per-hour 450 --aht-seconds 240 --service exponential --agents 30 \
                      --hours 300 --seed 1 --patience-seconds 120 --out mmk.ndjson

Options:
  --scenario NAME        scenario to run (default bpo; available: ${Object.keys(SCENARIOS).join(', ')})
  --seed N               integer seed; the same seed gives the same events (default 1)
  --run-id ID            prefix of event ids ([A-Za-z0-9._-], default from the seed; live: seed and start time)
NDJSON output:
  --hours H              simulated hours to write (default 1)
  --start ISO            simulated start, e.g. 2026-11-23T08:00:00Z (default: now minus --hours)
  --out FILE             file to write (default: standard output)
Live feed:
  --target URL           server base URL; events are POSTed to URL/api/events
  --token TOKEN          bearer token for ingest (or the FLOORBOARD_TOKEN environment variable)
  --speed X              simulated seconds per real second (default 1; above 1 events run ahead of the clock)
  --tick-ms MS           milliseconds between posts (default 1000)
  --warmup-minutes M     minutes of history posted at once on start (default 30)
Stationary queue (these replace --scenario):
  --arrivals-per-hour N  Poisson arrivals per hour, constant
  --aht-seconds S        mean handle time in seconds (talk; no wrap-up)
  --service D            handle-time distribution: exponential (default) or lognormal
  --cv C                 coefficient of variation of lognormal handle times (default 1)
  --agents K             agents, always logged in, no breaks
  --patience-seconds P   mean patience (exponential) of waiting callers; without it nobody abandons
  --tenant T             tenant of the events (default sim)
  --queue Q              queue of the events (default queue)
  -h, --help             this text
`;

class UsageError extends Error {}

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks the live feed to stop (Ctrl-C / SIGTERM). */
  readonly interrupted: () => Promise<void>;
  readonly now: () => number;
}

/** Runs the command line; resolves to the process exit code (0 ok, 1 failure, 2 usage error). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    // The reader closed the pipe (`| head`): it has what it wanted; not a failure.
    if ((error as { code?: string }).code === 'EPIPE') return 0;
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`error: ${(error as Error).message}\nRun with --help for usage.\n`);
      return 2;
    }
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      scenario: { type: 'string' },
      'arrivals-per-hour': { type: 'string' },
      'aht-seconds': { type: 'string' },
      service: { type: 'string' },
      cv: { type: 'string' },
      agents: { type: 'string' },
      'patience-seconds': { type: 'string' },
      tenant: { type: 'string' },
      queue: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'run-id': { type: 'string' },
      hours: { type: 'string' },
      start: { type: 'string' },
      out: { type: 'string' },
      target: { type: 'string' },
      token: { type: 'string' },
      speed: { type: 'string' },
      'tick-ms': { type: 'string' },
      'warmup-minutes': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);

  const stationary = stationaryOptions(values);
  let scenario: Scenario;
  if (stationary !== null) {
    if (values.scenario !== undefined) throw new UsageError('--scenario and the stationary-queue options (--arrivals-per-hour ...) exclude each other');
    scenario = stationaryScenario(stationary);
    const load = (stationary.arrivalsPerHour * stationary.ahtSeconds) / 3600;
    io.stderr.write(`stationary queue: ${scenario.description}; offered load ${load.toFixed(2)} Erlangs on ${stationary.agents} agents\n`);
    if (load >= stationary.agents && stationary.patienceSeconds === undefined) {
      io.stderr.write('warning: the load is at or above the agents and nobody abandons: the line grows without bound\n');
    }
  } else {
    const named = values.scenario ?? 'bpo';
    const found = findScenario(named);
    if (found === undefined) throw new UsageError(`unknown scenario ${JSON.stringify(named)}; available: ${Object.keys(SCENARIOS).join(', ')}`);
    scenario = found;
  }
  const seed = integerOption('--seed', values.seed);
  const runId = values['run-id'];
  if (runId !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(runId)) throw new UsageError('--run-id must match [A-Za-z0-9._-]{1,64}');

  if (values.target !== undefined) {
    const fileOnly = (['hours', 'start', 'out'] as const).filter((k) => values[k] !== undefined);
    if (fileOnly.length > 0) throw new UsageError(`--${fileOnly.join(', --')} only apply to NDJSON output, not with --target`);
    const token = values.token ?? io.env.FLOORBOARD_TOKEN;
    if (!token) throw new UsageError('--target needs --token (or FLOORBOARD_TOKEN in the environment)');
    const speed = positiveOption('--speed', values.speed, 1);
    const tickMs = positiveOption('--tick-ms', values['tick-ms'], 1000);
    const warmupMinutes = nonNegativeOption('--warmup-minutes', values['warmup-minutes'], 30);
    let feed;
    try {
      feed = startFeed({
        target: values.target,
        token,
        scenario,
        seed,
        speed,
        tickMs,
        warmupMinutes,
        ...(runId === undefined ? {} : { runId }),
        log: (message) => io.stderr.write(`[feed] ${message}\n`),
        clock: io.now,
      });
    } catch (error) {
      // Bad target URL or out-of-range tick: the user's input, not a crash.
      throw new UsageError((error as Error).message);
    }
    io.stderr.write(
      `feeding ${scenario.name} (seed ${seed}, run ${feed.runId}) to ${values.target} at ${speed}x; Ctrl-C to stop\n`,
    );
    await feed.warmedUp;
    const warm = feed.stats();
    io.stderr.write(`warmup: ${warmupMinutes} simulated minutes, ${warm.posted} events posted, ${warm.pending} pending\n`);
    await io.interrupted();
    await feed.stop();
    const s = feed.stats();
    io.stderr.write(
      `stopped: ${s.posted} events posted in ${s.batches} batches, ${s.failures} failed attempts, ${s.dropped} dropped, ${s.pending} unsent\n`,
    );
    return 0;
  }

  if (values.token !== undefined || values.speed !== undefined || values['tick-ms'] !== undefined || values['warmup-minutes'] !== undefined) {
    throw new UsageError('--token, --speed, --tick-ms and --warmup-minutes need --target (live feed)');
  }
  const hours = positiveOption('--hours', values.hours, 1);
  const endDefault = io.now();
  let startMs: number;
  if (values.start === undefined) {
    startMs = endDefault - hours * 3_600_000;
  } else {
    startMs = Date.parse(values.start);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(values.start) || Number.isNaN(startMs)) {
      throw new UsageError(`--start ${JSON.stringify(values.start)} is not an ISO-8601 instant such as 2026-11-23T08:00:00Z`);
    }
  }
  const endMs = startMs + hours * 3_600_000;
  const floor = createFloor(scenario, { seed, startMs, ...(runId === undefined ? {} : { runId }) });

  const out = values.out === undefined ? io.stdout : createWriteStream(values.out);
  if (values.out !== undefined) {
    // Surface "no such directory" and the like as an error rather than an unhandled event.
    await Promise.race([once(out, 'open'), once(out, 'error').then(([error]) => Promise.reject(error as Error))]);
  }
  let count = 0;
  // Ten simulated minutes at a time: memory stays flat however long the span.
  const STEP_MS = 10 * 60_000;
  for (let t = startMs; t < endMs; ) {
    t = Math.min(endMs, t + STEP_MS);
    const events = floor.advance(t);
    if (events.length === 0) continue;
    count += events.length;
    const chunk = events.map((e) => JSON.stringify(e)).join('\n') + '\n';
    if (!out.write(chunk)) await once(out, 'drain');
  }
  if (out !== io.stdout) {
    out.end();
    await once(out, 'finish');
  }
  io.stderr.write(
    `wrote ${count} events of ${scenario.name} (seed ${seed}, run ${floor.runId}) from ${new Date(startMs).toISOString()} to ${new Date(endMs).toISOString()}${values.out === undefined ? '' : ` to ${values.out}`}\n`,
  );
  return 0;
}

/** The stationary queue asked for, or null when none of its options is given. */
function stationaryOptions(values: Readonly<Record<string, string | boolean | undefined>>): StationaryOptions | null {
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const own = ['arrivals-per-hour', 'aht-seconds', 'service', 'cv', 'agents', 'patience-seconds', 'tenant', 'queue'];
  const given = own.filter((name) => text(name) !== undefined);
  if (given.length === 0) return null;
  const missing = ['arrivals-per-hour', 'aht-seconds', 'agents'].filter((name) => text(name) === undefined);
  if (missing.length > 0) {
    throw new UsageError(`a stationary queue needs --${missing.join(', --')} (given: --${given.join(', --')})`);
  }
  const service = text('service') ?? 'exponential';
  if (!(SERVICE_DISTRIBUTIONS as readonly string[]).includes(service)) {
    throw new UsageError(`--service must be ${SERVICE_DISTRIBUTIONS.join(' or ')}, got ${JSON.stringify(service)}`);
  }
  if (text('cv') !== undefined && service !== 'lognormal') throw new UsageError('--cv applies to --service lognormal only');
  const agents = Number(text('agents'));
  if (!/^\d+$/.test(text('agents')!.trim()) || !Number.isSafeInteger(agents) || agents < 1 || agents > 10_000) {
    throw new UsageError(`--agents must be a whole number from 1 to 10000, got ${JSON.stringify(text('agents'))}`);
  }
  const tenant = text('tenant');
  if (tenant !== undefined && !TENANT_PATTERN.test(tenant)) throw new UsageError('--tenant must match [A-Za-z0-9._-]{1,64}');
  const queue = text('queue');
  // eslint-disable-next-line no-control-regex
  if (queue !== undefined && !(queue.length >= 1 && queue.length <= 128 && !/[\u0000-\u001f\u007f]/.test(queue))) {
    throw new UsageError('--queue must be 1-128 characters without control characters');
  }
  const patience = text('patience-seconds');
  const cv = text('cv');
  return {
    arrivalsPerHour: positiveOption('--arrivals-per-hour', text('arrivals-per-hour'), 0),
    ahtSeconds: positiveOption('--aht-seconds', text('aht-seconds'), 0),
    service: service as StationaryOptions['service'],
    agents,
    ...(cv === undefined ? {} : { cv: nonNegativeOption('--cv', cv, 1) }),
    ...(patience === undefined ? {} : { patienceSeconds: positiveOption('--patience-seconds', patience, 0) }),
    ...(tenant === undefined ? {} : { tenant }),
    ...(queue === undefined ? {} : { queue }),
  };
}

function integerOption(name: string, text: string): number {
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) throw new UsageError(`${name} must be an integer, got ${JSON.stringify(text)}`);
  return value;
}

function positiveOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a positive number, got ${JSON.stringify(text)}`);
  return value;
}

function nonNegativeOption(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) throw new UsageError(`${name} must be a number >= 0, got ${JSON.stringify(text)}`);
  return value;
}

/** Resolves on the first Ctrl-C or SIGTERM; a second one exits at once (a hung server must not trap the user). */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    let asked = false;
    const onSignal = () => {
      if (asked) process.exit(130);
      asked = true;
      process.stderr.write('\nstopping (Ctrl-C again to quit at once)\n');
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    interrupted,
    now: Date.now,
  });
  process.exitCode = code;
}
