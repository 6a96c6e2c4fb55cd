/**
 * Subscribers across a server restart (issue 9): a graphql-ws client subscribed to a queue
 * reconnects by itself after the server process is killed (SIGKILL) and started again on the
 * same port, and its first message is a fresh snapshot that counts what arrived while the
 * server was down (appended to the Redis log by another instance). No change happens after
 * the restart, so that snapshot can only be the one a subscription starts with.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../server/store/redis/store.ts';
import { eventually, uniqueTenant } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';
import { freePort } from '../helpers/redis-server.ts';
import { redisOrSkip } from '../helpers/require.ts';
import { healthy, kill, startServerProcess } from '../helpers/server-process.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';

const TOKEN = 'reconnect-test-admin-token-0123456789';
const redisUrl = redisOrSkip();

/** No periodic republish during the test: a message after the restart is a subscription's first. */
const QUIET = { SNAPSHOT_INTERVAL_MS: '50', SNAPSHOT_REFRESH_MS: '3600000' };
const launch = (port: number, prefix: string) =>
  startServerProcess({ port, redisUrl: redisUrl!, prefix, adminToken: TOKEN, instanceId: 'reconnect-test', env: QUIET });

describe.runIf(redisUrl)('subscribers across a server restart', () => {
  let proc: ChildProcess | undefined;
  afterAll(() => {
    proc?.kill('SIGKILL');
  });

  it('reconnect by themselves and start again with a fresh snapshot holding what came meanwhile', async () => {
    const prefix = `reconnect-${randomUUID().slice(0, 8)}`;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const t = uniqueTenant();
    const up = () => healthy(base);

    proc = launch(port, prefix);
    await up();

    // Reconnect as a browser would, but only once the restarted server has caught up: then the
    // first message after the reconnect can only be the subscription's opening snapshot.
    let connects = 0;
    let release: () => void = () => {};
    const caughtUp = new Promise<void>((r) => (release = r));
    const client = wsClient(base, TOKEN, {
      retryAttempts: 100,
      shouldRetry: () => true,
      retryWait: async (retries) => {
        if (retries === 0) await caughtUp;
        else await new Promise((r) => setTimeout(r, 200));
      },
      on: { connected: () => void connects++ },
    });
    const sub = collect<{ queueUpdated: { id: string; waiting: number; today: { offered: number } } }>(
      client,
      'subscription($t: ID) { queueUpdated(tenant: $t) { id waiting today { offered } } }',
      { t },
    );

    const post = await fetch(`${base}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(lifecycle({ tenant: t, queue: 'q', contact: 'before', queuedAt: Date.now() - 5000 })),
    });
    expect(post.status).toBe(202);
    await sub.until((m) => m.queueUpdated.waiting === 1, 10_000);
    expect(connects).toBe(1);

    await kill(proc);

    // While it is down, another instance takes two more callers into the log.
    const other = await RedisStore.connect({ url: redisUrl!, prefix, consumer: 'other-instance', dedupDays: 7, clock: Date.now });
    const meanwhile = ['down-1', 'down-2'].flatMap((c) => lifecycle({ tenant: t, queue: 'q', contact: c, queuedAt: Date.now() - 2000 }));
    expect(await other.append(t, meanwhile)).toEqual({ accepted: 2, duplicates: 0 });
    const heardBeforeRestart = sub.messages.length;

    proc = launch(port, prefix);
    await up();
    await eventually(async () => (await other.backlog()) === 0, 20_000, 'the restarted server to aggregate what came meanwhile');
    await other.close();
    expect(sub.messages.length).toBe(heardBeforeRestart);
    release();

    await eventually(async () => sub.messages.length > heardBeforeRestart, 20_000, 'a message after the reconnect');
    expect(connects).toBe(2);
    expect(sub.errors).toEqual([]);
    const first = sub.messages[heardBeforeRestart]!.queueUpdated;
    expect(first).toEqual({ id: 'q', waiting: 3, today: { offered: 3 } });

    sub.stop();
    await client.dispose();
  }, 90_000);
});
