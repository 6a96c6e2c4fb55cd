/**
 * Replays timed items against the wall clock: `speed` seconds of data per wall-clock second,
 * from the first item's time, in order, in batches. A replay that falls behind (a slow
 * server) catches up by sending what is due at once, batch after batch, never skipping.
 */

export interface Timed<T> {
  /** Data time, epoch ms. Items must be sorted by it. */
  readonly ms: number;
  readonly item: T;
}

export interface PaceOptions {
  /** Data seconds per wall-clock second; Infinity sends everything as fast as the server takes it. */
  readonly speed: number;
  /** Most items per batch. */
  readonly maxBatch: number;
  /** Shortest wall-clock wait between batches when nothing is due yet, ms (batches up what falls due meanwhile). */
  readonly tickMs: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Stops the replay before the next batch. */
  readonly signal?: AbortSignal;
}

export interface PaceProgress {
  /** Items sent so far, and the data time of the last one. */
  readonly sent: number;
  readonly total: number;
  readonly dataMs: number;
}

/**
 * Calls `send` with each batch in order, waiting for it before the next. Resolves with the
 * number of items sent (fewer than all only when stopped through `signal`).
 */
export async function pace<T>(
  items: readonly Timed<T>[],
  send: (batch: T[], progress: PaceProgress) => Promise<void>,
  opts: PaceOptions,
): Promise<number> {
  const { speed, maxBatch, tickMs } = opts;
  if (!(speed > 0)) throw new RangeError(`speed must be positive, got ${speed}`);
  if (!(maxBatch >= 1)) throw new RangeError(`maxBatch must be at least 1, got ${maxBatch}`);
  const first = items[0];
  if (first === undefined) return 0;
  const wallStart = opts.now();
  const dueUpTo = () => (speed === Infinity ? Infinity : first.ms + (opts.now() - wallStart) * speed);
  let i = 0;
  while (i < items.length) {
    if (opts.signal?.aborted) break;
    const due = dueUpTo();
    let j = i;
    while (j < items.length && j - i < maxBatch && items[j]!.ms <= due) j++;
    if (j > i) {
      await send(
        items.slice(i, j).map((t) => t.item),
        { sent: j, total: items.length, dataMs: items[j - 1]!.ms },
      );
      i = j;
      continue;
    }
    const untilNext = (items[i]!.ms - due) / speed;
    await opts.sleep(Math.max(tickMs, Math.ceil(untilNext)), opts.signal);
  }
  return i;
}
