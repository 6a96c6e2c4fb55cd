/**
 * Revocations reach every instance. A revoked token's next request is refused everywhere at
 * once (its hash is gone from the shared store); what it already holds open lives in one
 * instance's memory: graphql-ws sockets and SSE streams. So a revocation is published on the
 * live pub/sub (Redis pub/sub with several instances, the same channel prefix as the snapshots)
 * and each instance closes its own.
 *
 * Pub/sub is at-most-once: a message lost while an instance's Redis link is down is covered by
 * the graphql-ws server re-checking its sockets' tokens (ws.ts, every TOKEN_RECHECK_MS) and by
 * every new operation resolving its token again.
 */
import { ALL_TENANTS, type LivePubSub } from '../live/pubsub.ts';
import type { TokenService } from './tokens.ts';

export function relayRevocations(pubSub: LivePubSub, tokens: TokenService, log: (msg: string) => void = () => {}): { close(): Promise<void> } {
  const source = pubSub.subscribe('tokenRevoked', ALL_TENANTS);
  const it = source[Symbol.asyncIterator]();
  tokens.broadcast = (id) => pubSub.publish('tokenRevoked', ALL_TENANTS, { id });
  const done = (async () => {
    try {
      for (let r = await it.next(); !r.done; r = await it.next()) tokens.revoked(r.value.id);
    } catch (err) {
      log(`token revocations: ${(err as Error).message}`);
    }
  })();
  return {
    async close() {
      tokens.broadcast = null;
      await it.return?.();
      await done;
    },
  };
}
