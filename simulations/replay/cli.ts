/**
 * Command line of the replays: real call-center data into a Floorboard server, paced.
 * Run `npm run replay -- --help`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { TENANT_PATTERN } from '../../schema/events.ts';
import { BANK_ZONE, bankEvents, bankRecords, selectDays, shiftRecord } from './anonymous-bank.ts';
import { dayNumber, isKnownZone, isoWithOffset, localDate } from './local-time.ts';
import { pace, type Timed } from './pace.ts';
import { endpoint, postUntilAcknowledged, RefusedError } from './post.ts';
import { queueLogLineMs, recordsToQueueLog } from './queue-log.ts';

const USAGE = `Floorboard replay: real call-center records posted to a server, paced like the day they happened.

Anonymous Bank call records (shared/data/replay/anonymous_bank_1999-*.csv):
  npm run replay -- anonymous-bank FILE --target URL --token TOKEN [--tenant bank] [--speed 60]
                    [--from 1999-01-04] [--days N] [--no-shift-to-today] [--format events|queue-log]
  npm run replay -- anonymous-bank FILE --out OUT [--format events|queue-log] [--from ...] [--days N]
An Asterisk queue_log file, through POST /api/import/queue-log:
  npm run replay -- queue-log FILE --target URL --token TOKEN [--tenant pbx] [--speed 60]

Options:
  --target URL           server base URL
  --token TOKEN          bearer token (or the FLOORBOARD_TOKEN environment variable)
  --tenant T             tenant to replay into (default: bank for anonymous-bank, pbx for queue-log)
  --speed X              seconds of data per real second (default 60: an hour a minute); 0 or max: as fast as the server takes it
  --from DATE            first day of the records to replay, YYYY-MM-DD (default: the file's first)
  --days N               number of days to replay (default: to the end of the file)
  --shift-to-today       move the first replayed day to today, keeping each call's local time
                         (default with --target, so the wallboard's "today" shows it)
  --no-shift-to-today    keep the original dates (default with --out; a server keeps nothing that old)
  --format F             events (POST /api/events, default) or queue-log (the same calls as queue_log lines)
  --out FILE             write NDJSON events or queue_log lines to FILE instead of posting
  --time-zone ZONE       zone of the records' clock times (default ${BANK_ZONE}); with --target it is also
                         set as the tenant's zone, so that its days match the data's
  -h, --help             this text

Event ids are fixed by the records (and the date they are replayed on): replaying a day twice
into the same tenant on the same date changes nothing.
`;

/** Items per POST: the server takes up to 10,000 events or 5 MB per request. */
export const MAX_BATCH = 5_000;
/** Shortest wall-clock wait between posts when nothing is due. */
const TICK_MS = 1_000;
/** Progress is reported at most this often. */
const PROGRESS_MS = 10_000;

class UsageError extends Error {}

export interface ReplayIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly now: () => number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Aborted when the user asks to stop (Ctrl-C). */
  readonly signal?: AbortSignal;
}

/** Runs the command line; resolves to the exit code (0 ok, 1 failure, 2 usage error, 130 interrupted). */
export async function main(argv: readonly string[], io: ReplayIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (io.signal?.aborted) {
      io.stderr.write('stopped\n');
      return 130;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`error: ${(error as Error).message}\nRun with --help for usage.\n`);
      return 2;
    }
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

type Values = ReturnType<typeof parse>['values'];

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      target: { type: 'string' },
      token: { type: 'string' },
      tenant: { type: 'string' },
      speed: { type: 'string' },
      from: { type: 'string' },
      days: { type: 'string' },
      'shift-to-today': { type: 'boolean' },
      'no-shift-to-today': { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      'time-zone': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function run(argv: readonly string[], io: ReplayIo): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [command, file, ...extra] = positionals;
  if (command === undefined) throw new UsageError('name what to replay: anonymous-bank FILE or queue-log FILE');
  if (command !== 'anonymous-bank' && command !== 'queue-log') {
    throw new UsageError(`unknown replay ${JSON.stringify(command)}; available: anonymous-bank, queue-log`);
  }
  if (file === undefined) throw new UsageError(`${command} needs a FILE`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
  if (values.tenant !== undefined && !TENANT_PATTERN.test(values.tenant)) throw new UsageError('--tenant must match [A-Za-z0-9._-]{1,64}');
  if (values['shift-to-today'] && values['no-shift-to-today']) throw new UsageError('--shift-to-today and --no-shift-to-today contradict each other');
  if (values.target !== undefined && values.out !== undefined) throw new UsageError('--target and --out exclude each other: post, or write a file');
  if (values.target === undefined && values.out === undefined) throw new UsageError(`${command} needs --target URL (or --out FILE)`);
  return command === 'anonymous-bank' ? anonymousBank(file, values, io) : queueLog(file, values, io);
}

async function anonymousBank(file: string, values: Values, io: ReplayIo): Promise<number> {
  const zone = zoneOf(values, BANK_ZONE);
  const tenant = values.tenant ?? 'bank';
  const format = values.format ?? 'events';
  if (format !== 'events' && format !== 'queue-log') throw new UsageError(`--format must be events or queue-log, got ${JSON.stringify(format)}`);
  if (values.from !== undefined) {
    try {
      dayNumber(values.from);
    } catch {
      throw new UsageError(`--from ${JSON.stringify(values.from)} is not a date YYYY-MM-DD`);
    }
  }
  const days = values.days === undefined ? undefined : positiveInteger('--days', values.days);
  const records = bankRecords(await readFile(file, 'utf8'), zone);
  const selected = selectDays(records, values.from, days);
  if (selected.length === 0) throw new Error(`no records in ${file}${values.from ? ` from ${values.from}` : ''}`);
  const firstDay = values.from ?? selected.reduce((min, r) => (r.date < min ? r.date : min), selected[0]!.date);

  const live = values.target !== undefined;
  const shift = values['no-shift-to-today'] ? false : values['shift-to-today'] ? true : live;
  const shiftDays = shift ? dayNumber(localDate(io.now(), zone)) - dayNumber(firstDay) : 0;
  const replayed = shiftDays === 0 ? selected : selected.map((r) => shiftRecord(r, shiftDays, zone));
  const what = `${selected.length} records from ${firstDay}${days ? ` (${days} day${days === 1 ? '' : 's'})` : ''}${shift ? `, shifted ${shiftDays} days to ${localDate(io.now(), zone)}` : ''}`;

  let items: Timed<string>[];
  if (format === 'events') {
    items = bankEvents(replayed, tenant, zone).map((e) => ({ ms: Date.parse(e.at as string), item: JSON.stringify(e) }));
  } else {
    items = recordsToQueueLog(replayed).map((line) => ({ ms: queueLogLineMs(line)!, item: line }));
  }

  if (!live) {
    await writeFile(values.out!, items.map((t) => `${t.item}\n`).join(''));
    io.stderr.write(`wrote ${items.length} ${format === 'events' ? 'events' : 'queue_log lines'} of ${what} to ${values.out}\n`);
    return 0;
  }
  const token = tokenOf(values, io);
  const speed = speedOf(values.speed);
  const url = urlOf(values.target!, format === 'events' ? '/api/events' : `/api/import/queue-log?tenant=${encodeURIComponent(tenant)}`);
  await setTenantZone(urlOf(values.target!, '/graphql'), token, tenant, zone, io);
  io.stderr.write(`replaying ${what} into tenant ${tenant} at ${speed === Infinity ? 'full speed' : `${speed}x`}; Ctrl-C to stop\n`);
  return postPaced(items, {
    url,
    token,
    contentType: format === 'events' ? 'application/json' : 'text/plain',
    body: format === 'events' ? (batch) => `[${batch.join(',')}]` : (batch) => `${batch.join('\n')}\n`,
    unit: format === 'events' ? 'events' : 'lines',
    speed,
    zone,
    io,
  });
}

async function queueLog(file: string, values: Values, io: ReplayIo): Promise<number> {
  const unsupported = (['from', 'days', 'format', 'shift-to-today', 'no-shift-to-today', 'out'] as const).filter((k) => values[k] !== undefined);
  if (unsupported.length > 0) throw new UsageError(`--${unsupported.join(', --')} do not apply to queue-log (it posts the file as it is)`);
  // The import endpoint takes one tenant per file: one PBX, one tenant, 'pbx' unless told.
  const tenant = values.tenant ?? 'pbx';
  const zone = zoneOf(values, 'UTC');
  const token = tokenOf(values, io);
  const speed = speedOf(values.speed);
  const url = urlOf(values.target!, `/api/import/queue-log?tenant=${encodeURIComponent(tenant)}`);
  const lines = (await readFile(file, 'utf8')).split(/\r?\n/).filter((line) => line.trim() !== '');
  // File order is kept (real queue_logs have lines out of time order, and the importer must
  // see them as Asterisk wrote them); a line is due when the latest epoch so far is.
  const firstMs = lines.map(queueLogLineMs).find((ms) => ms !== null);
  if (firstMs === undefined) throw new Error(`${file} has no queue_log line (epoch|callid|queue|agent|event|...)`);
  let latest = firstMs;
  const items = lines.map((line) => {
    latest = Math.max(latest, queueLogLineMs(line) ?? latest);
    return { ms: latest, item: line };
  });
  io.stderr.write(`replaying ${items.length} queue_log lines of ${file} into tenant ${tenant} at ${speed === Infinity ? 'full speed' : `${speed}x`}; Ctrl-C to stop\n`);
  return postPaced(items, {
    url,
    token,
    contentType: 'text/plain',
    body: (batch) => `${batch.join('\n')}\n`,
    unit: 'lines',
    speed,
    zone,
    io,
  });
}

interface PostPlan {
  url: string;
  token: string;
  contentType: string;
  body: (batch: string[]) => string;
  unit: string;
  speed: number;
  zone: string;
  io: ReplayIo;
}

async function postPaced(items: readonly Timed<string>[], plan: PostPlan): Promise<number> {
  const { io } = plan;
  const log = (message: string) => io.stderr.write(`${message}\n`);
  let accepted = 0;
  let duplicates = 0;
  let lastReport = io.now();
  try {
    await pace(
      items,
      async (batch, progress) => {
        const result = await postUntilAcknowledged(plan.url, plan.body(batch), {
          token: plan.token,
          contentType: plan.contentType,
          sleep: io.sleep,
          log,
          ...(io.signal ? { signal: io.signal } : {}),
        });
        accepted += typeof result.json?.accepted === 'number' ? result.json.accepted : 0;
        duplicates += typeof result.json?.duplicates === 'number' ? result.json.duplicates : 0;
        if (io.now() - lastReport >= PROGRESS_MS || progress.sent === progress.total) {
          lastReport = io.now();
          log(`posted ${progress.sent} of ${progress.total} ${plan.unit}, up to ${isoWithOffset(progress.dataMs, plan.zone)}`);
        }
      },
      { speed: plan.speed, maxBatch: MAX_BATCH, tickMs: TICK_MS, now: io.now, sleep: io.sleep, ...(io.signal ? { signal: io.signal } : {}) },
    );
  } catch (error) {
    if (error instanceof RefusedError) {
      log(`stopping: ${error.message}`);
      log(`the server acknowledged ${accepted + duplicates} ${plan.unit} before (${accepted} accepted, ${duplicates} duplicates)`);
      return 1;
    }
    throw error;
  }
  if (io.signal?.aborted) {
    log(`stopped: ${accepted} ${plan.unit} accepted, ${duplicates} duplicates`);
    return 130;
  }
  log(`done: ${accepted} ${plan.unit} accepted, ${duplicates} duplicates`);
  return 0;
}

/**
 * Sets the tenant's zone to the records' zone, so that its days are the data's days. Needs a
 * token that may manage the tenant; with an ingest-only token it says what to do and goes on.
 */
async function setTenantZone(graphqlUrl: string, token: string, tenant: string, zone: string, io: ReplayIo): Promise<void> {
  const mutation = 'mutation($t: ID!, $z: String!) { setTenantSettings(tenant: $t, input: { timeZone: $z }) { id timeZone } }';
  let problem: string;
  try {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: mutation, variables: { t: tenant, z: zone } }),
      ...(io.signal ? { signal: io.signal } : {}),
    });
    const result = (await response.json().catch(() => null)) as { errors?: { message: string }[]; data?: unknown } | null;
    if (response.ok && result?.data && !result.errors?.length) return;
    problem = result?.errors?.[0]?.message ?? `HTTP ${response.status}`;
  } catch (error) {
    if (io.signal?.aborted) throw error;
    problem = (error as Error).message;
  }
  io.stderr.write(
    `warning: could not set tenant ${tenant}'s time zone to ${zone} (${problem}); its days will not match the data's unless an admin sets it\n`,
  );
}

function urlOf(target: string, path: string): string {
  try {
    return endpoint(target, path);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function zoneOf(values: Values, fallback: string): string {
  const zone = values['time-zone'] ?? fallback;
  if (!isKnownZone(zone)) throw new UsageError(`--time-zone: unknown time zone ${JSON.stringify(zone)}`);
  return zone;
}

function tokenOf(values: Values, io: ReplayIo): string {
  const token = values.token ?? io.env.FLOORBOARD_TOKEN;
  if (!token) throw new UsageError('--target needs --token (or FLOORBOARD_TOKEN in the environment)');
  return token;
}

/** --speed: a positive number, or 0 / max for as fast as possible. */
function speedOf(text: string | undefined): number {
  if (text === undefined) return 60;
  if (text === 'max' || text.trim() === '0') return Infinity;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) throw new UsageError(`--speed must be a positive number, 0 or max, got ${JSON.stringify(text)}`);
  return value;
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < 1) throw new UsageError(`${name} must be a whole number >= 1, got ${JSON.stringify(text)}`);
  return value;
}

/** Sleeps `ms`, resolving early (not rejecting) when `signal` aborts: the caller checks the signal. */
async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    if (!signal?.aborted) throw error;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stop = new AbortController();
  const onSignal = () => {
    if (stop.signal.aborted) process.exit(130);
    process.stderr.write('\nstopping (Ctrl-C again to quit at once)\n');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const code = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    now: Date.now,
    sleep,
    signal: stop.signal,
  });
  // Exit now: an idle keep-alive socket to the server would otherwise hold the process a while.
  process.exit(code);
}
