/** The node-redis client every part of the Redis store uses, with Floorboard's scripts registered. */
import { createClient } from 'redis';
import { claimScript } from './claim-script.ts';
import { commitScript } from './commit-script.ts';
import { ingestScript } from './ingest-script.ts';
import { acquireLeaseScript, releaseLeaseScript, renewLeaseScript } from './lease-scripts.ts';

export function makeClient(url: string, onError: (err: Error) => void) {
  const client = createClient({
    url,
    scripts: {
      ingest: ingestScript,
      commit: commitScript,
      claim: claimScript,
      acquireLease: acquireLeaseScript,
      renewLease: renewLeaseScript,
      releaseLease: releaseLeaseScript,
    },
    // node-redis 6 gives every command a 5 s AbortSignal timer by default: 3.5× slower bursts
    // (stack.md §2.5). Hot-path clients go without; a dead Redis is detected by the socket.
    commandOptions: { timeout: undefined },
    // While Redis is away, fail at once (ingest answers 503) rather than queue without bound.
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2000) },
  });
  // Without an 'error' listener a Redis restart would crash the process.
  client.on('error', onError);
  return client;
}

export type RedisClient = ReturnType<typeof makeClient>;
