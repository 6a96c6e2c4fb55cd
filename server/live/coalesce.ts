/**
 * Latest value wins, per key: a subscription's buffer that cannot grow without bound.
 *
 * A live topic's source (yoga's pub/sub Repeater) queues every published payload until the
 * subscriber pulls it, and a subscriber pulls only as fast as its socket drains (graphql-ws awaits
 * each send; ws.ts pauses pulling while the socket's buffer is full). For a client that stops
 * reading, that queue would hold every snapshot published since (and past 1,024 of them the
 * Repeater throws inside the pub/sub listener). Here the source is drained at once into a buffer
 * keyed by what a payload is about (a queue, an alert): a newer snapshot of a queue replaces the
 * older one not yet sent, so a slow subscriber holds at most one snapshot per queue and, when it
 * catches up, gets the latest state rather than a backlog of stale ones.
 */

export interface Coalescing<P, I> {
  /** The items of a payload, each under the key by which a newer item replaces it. */
  split(payload: P): Iterable<readonly [key: string, item: I]>;
  /** Pending items, oldest first, as the payloads to deliver. */
  join(items: I[]): P[];
  /**
   * 0: only the newest item per key is ever kept (snapshots: each is the whole state). Above 0:
   * every change is kept, in order, until this many are pending; beyond, only the newest per key
   * (state changes of alerts or follow-ups: a slow subscriber skips intermediate states).
   */
  keepChanges: number;
}

/** Process-wide counters: buffered items now, and items replaced by newer ones before delivery. */
export const coalesceStats = { pending: 0, skipped: 0 };

type Pending<I> = { kind: 'latest'; items: Map<string, I> } | { kind: 'changes'; items: [string, I][] };

export function coalesce<P, I>(source: AsyncIterator<P>, c: Coalescing<P, I>): AsyncIterableIterator<P> {
  const pending: Pending<I> = c.keepChanges > 0 ? { kind: 'changes', items: [] } : { kind: 'latest', items: new Map() };
  let ready: P[] = [];
  const waiters: { resolve: (r: IteratorResult<P>) => void; reject: (err: unknown) => void }[] = [];
  let ended = false;
  let failure: unknown;

  const size = () => (pending.kind === 'latest' ? pending.items.size : pending.items.length);

  const add = (key: string, item: I) => {
    if (pending.kind === 'latest') {
      if (pending.items.has(key)) coalesceStats.skipped++;
      else coalesceStats.pending++;
      pending.items.set(key, item);
      return;
    }
    pending.items.push([key, item]);
    coalesceStats.pending++;
    if (pending.items.length > c.keepChanges) {
      // Keep the newest change of each key, in the order of those changes.
      const newest = new Map<string, number>();
      pending.items.forEach(([k], i) => newest.set(k, i));
      const kept = pending.items.filter(([k], i) => newest.get(k) === i);
      coalesceStats.skipped += pending.items.length - kept.length;
      coalesceStats.pending -= pending.items.length - kept.length;
      pending.items = kept;
    }
  };

  const takeAll = (): I[] => {
    const items = pending.kind === 'latest' ? [...pending.items.values()] : pending.items.map(([, i]) => i);
    coalesceStats.pending -= items.length;
    if (pending.kind === 'latest') pending.items.clear();
    else pending.items = [];
    return items;
  };

  /** Hand waiting consumers their next payloads, as far as there are any. */
  const serve = () => {
    while (waiters.length) {
      if (ready.length === 0 && size() > 0) ready = c.join(takeAll());
      if (ready.length) waiters.shift()!.resolve({ value: ready.shift()!, done: false });
      else if (!ended) return;
      else if (failure !== undefined) waiters.shift()!.reject(failure);
      else waiters.shift()!.resolve({ value: undefined, done: true });
    }
  };

  const drain = (async () => {
    try {
      for (let r = await source.next(); !r.done && !ended; r = await source.next()) {
        for (const [key, item] of c.split(r.value)) add(key, item);
        serve();
      }
    } catch (err) {
      failure = err;
    } finally {
      ended = true;
      serve();
    }
  })();

  const stop = async (): Promise<IteratorResult<P>> => {
    if (!ended) {
      ended = true;
      // The drain loop ends with the source; nothing waits for it here.
      await source.return?.();
    }
    takeAll();
    ready = [];
    serve();
    return { value: undefined, done: true };
  };
  void drain;

  return {
    next: () =>
      new Promise<IteratorResult<P>>((resolve, reject) => {
        waiters.push({ resolve, reject });
        serve();
      }),
    return: stop,
    throw: async (err?: unknown) => {
      await stop();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
