/**
 * Posting a replay's batches to a Floorboard server.
 *
 * A replay is a finite, fixed input, so the rules differ from the live simulator's feed: a
 * transient failure (network, 5xx, 429) is retried, with backoff, until it goes through
 * (resending is safe: event ids and queue_log lines are deduplicated by the server); any
 * other refusal stops the replay with the server's answer, since every later batch would be
 * refused the same way or, worse, the replay would go on with a hole in it.
 */
import { describeError, truncate } from '../http-errors.ts';

export class RefusedError extends Error {
  override name = 'RefusedError';
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`server refused the batch with HTTP ${status}: ${truncate(body) || '(empty body)'}`);
  }
}

export interface PostOptions {
  readonly token: string;
  readonly contentType: string;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly log: (message: string) => void;
  readonly signal?: AbortSignal;
  /** Longest wait between attempts, ms (default 30 s). */
  readonly maxBackoffMs?: number;
  /** A request that has not answered by then counts as a network failure (default 60 s). */
  readonly timeoutMs?: number;
}

export interface PostResult {
  readonly status: number;
  /** The JSON answer, or null. */
  readonly json: Record<string, unknown> | null;
}

/** POST `body` until the server acknowledges it (2xx); throws RefusedError on a 4xx other than 429. */
export async function postUntilAcknowledged(url: string, body: string, opts: PostOptions): Promise<PostResult> {
  const maxBackoff = opts.maxBackoffMs ?? 30_000;
  let backoff = 1000;
  let failures = 0;
  for (;;) {
    opts.signal?.throwIfAborted();
    let reason: string;
    try {
      const signals = [AbortSignal.timeout(opts.timeoutMs ?? 60_000), ...(opts.signal ? [opts.signal] : [])];
      const response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${opts.token}`, 'content-type': opts.contentType },
        body,
        signal: AbortSignal.any(signals),
      });
      const text = await response.text();
      if (response.ok) {
        if (failures > 0) opts.log(`posting again after ${failures} failed attempt(s)`);
        return { status: response.status, json: parseObject(text) };
      }
      if (response.status !== 429 && response.status < 500) throw new RefusedError(response.status, text);
      reason = `HTTP ${response.status}${text ? `: ${truncate(text, 200)}` : ''}`;
    } catch (error) {
      if (error instanceof RefusedError || opts.signal?.aborted) throw error;
      reason = describeError(error);
    }
    failures++;
    if (failures === 1) opts.log(`posting to ${url} failed (${reason}); retrying`);
    await opts.sleep(backoff, opts.signal);
    backoff = Math.min(maxBackoff, backoff * 2);
  }
}

/** Base URL checked and joined with a path. */
export function endpoint(target: string, path: string): string {
  let base: URL;
  try {
    base = new URL(target);
  } catch {
    throw new TypeError(`target ${JSON.stringify(target)} is not a URL (e.g. http://localhost:8080)`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError(`target must be http(s), got ${base.protocol}`);
  return `${target.replace(/\/+$/, '')}${path}`;
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
