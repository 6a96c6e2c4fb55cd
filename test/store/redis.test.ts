import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RedisStore } from '../../server/store/redis/store.ts';
import { redisOrSkip } from '../helpers/require.ts';
import { lifecycle } from '../helpers/events.ts';
import { storeContract } from './contract.ts';

const url = redisOrSkip();
/** Each store gets a key prefix of its own: tests sharing the run's Redis never read each other's streams. */
const connect = (consumer = `c-${randomUUID().slice(0, 8)}`, prefix = `t-${randomUUID().slice(0, 8)}`) =>
  RedisStore.connect({ url: url!, consumer, prefix, dedupDays: 7, clock: Date.now });

storeContract('redis', () => (url ? { make: () => connect() } : null));

describe.runIf(url)('redis store: delivery across restarts', () => {
  it('delivers entries read but never acknowledged again to the restarted consumer', async () => {
    const consumer = `crash-${randomUUID().slice(0, 8)}`;
    const prefix = `crash-${randomUUID().slice(0, 8)}`;
    const tenant = `t-${randomUUID().slice(0, 8)}`;
    const first = await connect(consumer, prefix);
    await first.append(tenant, lifecycle({ tenant, queue: 'q', contact: 'c', queuedAt: Date.now() }));
    // Read until our tenant's entry is delivered, then "crash" without committing.
    let delivered: string[] = [];
    for (let i = 0; i < 50 && delivered.length === 0; i++) {
      delivered = (await first.readLog({ count: 1000, blockMs: 10 })).filter((b) => b.tenant === tenant).flatMap((b) => b.ids);
    }
    expect(delivered).toHaveLength(1);
    await first.close();

    const second = await connect(consumer, prefix);
    const again = (await second.readLog({ count: 1000, blockMs: 10 })).filter((b) => b.tenant === tenant);
    expect(again.flatMap((b) => b.ids)).toEqual(delivered);
    await second.close();
  });
});
