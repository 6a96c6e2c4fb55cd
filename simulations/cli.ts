/**
 * Command line of the simulator: write a simulated span as NDJSON, or feed a server live.
 * Run `npm run simulate -- --help`.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startFeed } from './feed.ts';
import { createFloor } from './floor.ts';
import { SCENARIOS, findScenario } from './scenarios/index.ts';

const USAGE = `Floorboard simulator: a seeded, simulated contact center that emits ingest events.

Write a simulated span as NDJSON (one event per line):
  npm run simulate -- --scenario bpo --seed 7 --hours 2 --out events.ndjson
Feed a running server live, until Ctrl-C:
  npm run simulate -- --scenario bpo --target http://localhost:8080 --token T [--speed 10]

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
      scenario: { type: 'string', default: 'bpo' },
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

  const scenario = findScenario(values.scenario);
  if (scenario === undefined) {
    throw new UsageError(`unknown scenario ${JSON.stringify(values.scenario)}; available: ${Object.keys(SCENARIOS).join(', ')}`);
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
