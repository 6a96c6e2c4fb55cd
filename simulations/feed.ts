/**
 * The live feed: runs a floor against the wall clock and POSTs its events to a Floorboard
 * server, as a real ACD connector would.
 *
 * On start it simulates the last `warmupMinutes` instantly and posts that history, so a board
 * opened right away already has numbers; then every `tickMs` it advances the floor to the
 * simulated now and posts what happened, in order. With `speed` > 1 simulated time runs that
 * many times faster than the wall clock from the start, and so runs ahead of it: events are
 * dated in the future (useful to watch a busy day go by, but live "waiting now" figures on a
 * server that uses its own clock will look odd).
 *
 * Delivery is at least once, in order: a batch that failed transiently (network error, 5xx,
 * 429) stays at the head of the line and is retried on the next tick before anything newer;
 * resending is safe because event ids are idempotency keys. A 4xx other than 429 means the
 * batch itself is wrong (a bug, not a transient): its response is logged and it is dropped so
 * that the feed does not stall forever behind it.
 */
import type { IngestEvent } from '../schema/events.ts';
import { createFloor } from './floor.ts';
import type { Scenario } from './scenario.ts';
import { describeError, truncate } from './http-errors.ts';

/** Events per POST; the server refuses batches over 10,000 events or 5 MB. */
export const MAX_BATCH = 5_000;
/** A request that has not answered by then is treated as a network failure and retried. */
const REQUEST_TIMEOUT_MS = 15_000;

export interface FeedOptions {
  /** Base URL of the server, e.g. http://localhost:8080; events go to `${target}/api/events`. */
  readonly target: string;
  /** Bearer token allowed to ingest for the scenario's tenants. */
  readonly token: string;
  readonly scenario: Scenario;
  readonly seed: number;
  /** Simulated seconds per wall-clock second (default 1: real time). */
  readonly speed?: number;
  /** Wall-clock milliseconds between posts (default 1000). */
  readonly tickMs?: number;
  /** Minutes of history simulated and posted at once on start (default 30). */
  readonly warmupMinutes?: number;
  /**
   * Prefix of event ids. Defaults to the seed plus the start time, so that two runs against
   * the same durable store never share ids (the second run's events would be dropped as
   * duplicates).
   */
  readonly runId?: string;
  /** Where progress and problems are reported (default: stderr). */
  readonly log?: (message: string) => void;
  /** Wall clock, epoch ms (default Date.now); tests pass their own. */
  readonly clock?: () => number;
}

export interface FeedStats {
  /** Events the server acknowledged (accepted or duplicate). */
  readonly posted: number;
  /** Batches the server acknowledged. */
  readonly batches: number;
  /** Failed post attempts: transient ones (retried) and rejected batches (dropped). */
  readonly failures: number;
  /** Events of batches the server rejected with a 4xx other than 429. */
  readonly dropped: number;
  /** Events simulated but not yet acknowledged. */
  readonly pending: number;
  /** Simulated instant reached (epoch ms). */
  readonly simulatedTo: number;
}

export interface Feed {
  readonly runId: string;
  /** Settles once the warmup history has been simulated and a first attempt to post it made. */
  readonly warmedUp: Promise<void>;
  /** Stop ticking; cancels an in-flight post (its events stay unacknowledged) and resolves when idle. */
  stop(): Promise<void>;
  stats(): FeedStats;
}

type PostOutcome = 'acknowledged' | 'retry' | 'dropped' | 'stopped';

export function startFeed(options: FeedOptions): Feed {
  const { target, token, scenario, seed, speed = 1, tickMs = 1000, warmupMinutes = 30 } = options;
  const log = options.log ?? ((message: string) => console.error(`[feed] ${message}`));
  const clock = options.clock ?? Date.now;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, got ${speed}`);
  if (!(tickMs >= 10) || !Number.isFinite(tickMs)) throw new RangeError(`tickMs must be at least 10, got ${tickMs}`);
  if (!(warmupMinutes >= 0) || !Number.isFinite(warmupMinutes)) throw new RangeError(`warmupMinutes must be >= 0, got ${warmupMinutes}`);
  const url = eventsUrl(target);

  const wallStart = clock();
  const runId = options.runId ?? `s${seed}-${wallStart.toString(36)}`;
  const floor = createFloor(scenario, { seed, startMs: wallStart - warmupMinutes * 60_000, runId });
  /** Simulated instant for the current wall-clock time. */
  const simulatedNow = () => wallStart + (clock() - wallStart) * speed;

  // Events simulated but not acknowledged, oldest first; `head` skips those already sent, so
  // taking a batch off the front does not copy the whole line.
  let queue: IngestEvent[] = [];
  let head = 0;
  let posted = 0;
  let batches = 0;
  let failures = 0;
  let dropped = 0;
  /** Consecutive transient failures: logged when a streak starts and when it ends, not each tick. */
  let failingSince = 0;

  let stopped = false;
  const stopping = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function tick(): Promise<void> {
    const events = floor.advance(Math.max(floor.now, simulatedNow()));
    if (head > 0 && head >= queue.length / 2) {
      queue = queue.slice(head);
      head = 0;
    }
    for (const event of events) queue.push(event);
    while (head < queue.length && !stopped) {
      const batch = queue.slice(head, head + MAX_BATCH);
      const outcome = await post(batch);
      if (outcome === 'retry' || outcome === 'stopped') return;
      head += batch.length;
    }
  }

  async function post(batch: IngestEvent[]): Promise<PostOutcome> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(batch),
        signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
    } catch (error) {
      if (stopped) return 'stopped';
      return transientFailure(describeError(error));
    }
    if (response.ok) {
      await response.body?.cancel();
      posted += batch.length;
      batches++;
      if (failingSince > 0) log(`posting again after ${failingSince} failed attempt(s)`);
      failingSince = 0;
      return 'acknowledged';
    }
    const body = await response.text().catch(() => '');
    if (response.status === 429 || response.status >= 500) {
      return transientFailure(`HTTP ${response.status}${body ? `: ${truncate(body)}` : ''}`);
    }
    failures++;
    dropped += batch.length;
    log(`server rejected a batch of ${batch.length} events with HTTP ${response.status}; dropping it: ${truncate(body) || '(empty body)'}`);
    return 'dropped';
  }

  function transientFailure(reason: string): PostOutcome {
    failures++;
    if (failingSince === 0) log(`posting to ${url} failed (${reason}); retrying every tick`);
    failingSince++;
    return 'retry';
  }

  let current: Promise<void> = Promise.resolve();
  function runTick(): Promise<void> {
    current = tick()
      .catch((error: unknown) => log(`tick failed: ${describeError(error)}`))
      .finally(() => {
        if (!stopped) timer = setTimeout(runTick, tickMs);
      });
    return current;
  }
  const warmedUp = runTick();

  return {
    runId,
    warmedUp,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      stopping.abort();
      await current;
    },
    stats: () => ({ posted, batches, failures, dropped, pending: queue.length - head, simulatedTo: floor.now }),
  };
}

function eventsUrl(target: string): string {
  let base: URL;
  try {
    base = new URL(target);
  } catch {
    throw new TypeError(`target ${JSON.stringify(target)} is not a URL (e.g. http://localhost:8080)`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`target must be http(s), got ${base.protocol}`);
  return `${target.replace(/\/+$/, '')}/api/events`;
}


