/**
 * A subscription pulls its next result only while its socket's send buffer is below a limit.
 * graphql-ws already waits for each message to reach the kernel before pulling the next, but a
 * socket carries any number of subscriptions, each with a message in flight: this bounds what
 * a socket that stopped reading holds in the server's memory to about the limit plus one message
 * per subscription. While a subscription waits here, its source keeps only the newest snapshot
 * of each queue (coalesce.ts), so a slow client skips to the latest state instead of buffering.
 */

/** The part of a ws WebSocket this needs. */
export interface BufferedSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
}

const OPEN = 1;
const POLL_MS = 20;

/** Whether `result` is a subscription's stream (as opposed to a single result or errors). */
function isAsyncIterator<T>(result: unknown): result is AsyncIterator<T> & AsyncIterable<T> {
  return typeof result === 'object' && result !== null && typeof (result as AsyncIterator<T>).next === 'function' && Symbol.asyncIterator in result;
}

/**
 * `result` paced by `socket`: an async generator as graphql-ws expects (it stops a subscription
 * by calling `return` on what `subscribe` gave it), forwarding `return` at once.
 */
export function pacedBy<R>(result: R, socket: BufferedSocket, maxBufferedBytes: number): R {
  if (!isAsyncIterator(result)) return result;
  const source = result;
  let stopped = false;
  const writable = async () => {
    while (!stopped && socket.readyState === OPEN && socket.bufferedAmount > maxBufferedBytes) {
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  };
  const paced: AsyncIterableIterator<unknown> = {
    async next() {
      await writable();
      if (stopped) return { value: undefined, done: true };
      return source.next();
    },
    async return(value?: unknown) {
      stopped = true;
      return (await source.return?.(value)) ?? { value: undefined, done: true };
    },
    async throw(err?: unknown) {
      stopped = true;
      if (source.throw) return source.throw(err);
      throw err;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return paced as R;
}
