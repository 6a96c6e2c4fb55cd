/** Reading a store's event log in tests: the next batch of one tenant, whatever else is read. */
import type { LogBatch, Store } from '../../server/store/port.ts';

export async function readBatchOf(store: Store, tenant: string, count = 1000): Promise<LogBatch> {
  for (let i = 0; i < 200; i++) {
    const b = (await store.readLog({ count, blockMs: 10 })).find((x) => x.tenant === tenant);
    if (b) return b;
  }
  throw new Error(`nothing read of ${tenant}`);
}
