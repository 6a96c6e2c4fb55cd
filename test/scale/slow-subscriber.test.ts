/**
 * A graphql-ws client that stops reading (its socket paused) while snapshots keep coming: the
 * server's send buffer for it stays bounded, its subscriptions' buffers hold at most one
 * snapshot per queue (older ones are skipped), another client keeps receiving meanwhile, and
 * once the slow client reads again it gets the latest snapshot of every queue. Both paths a
 * subscription can take: shared with identical ones (it selects `tenant` and `id`,
 * live/shared-subscriptions.ts), and its own (live/coalesce.ts under live/paced.ts).
 */
import type { Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { IngestEvent } from '../../schema/events.ts';
import { coalesceStats } from '../../server/live/coalesce.ts';
import { eventually, graphqlOk, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { collect, wsClient, type Collected } from '../helpers/ws-client.ts';

const QUEUES = 120;
const SUBSCRIPTIONS = 8;
const LIMIT = 64 * 1024;
/** Every field of a queue: large messages fill the kernel's socket buffers sooner. */
const FIELDS = `name channel language waiting longestWaitSeconds oldestQueuedAt asOf
  agents { available busy wrapup away offline }
  today { offered answered answeredWithinThreshold abandoned shortAbandoned overflowed handled transferredOut escalated serviceLevel asaSeconds ahtSeconds
    abandonRate abandonRateExclShort averageAbandonWaitSeconds serviceLevelFormula thresholdSeconds shortAbandonSeconds label }
  settings { name channel language thresholdSeconds targetServiceLevel shortAbandonSeconds serviceLevelFormula label }`;
const PATHS = [
  ['shared with identical subscriptions', `subscription($t: ID) { queueUpdated(tenant: $t) { tenant id ${FIELDS} } }`],
  ['its own', `subscription($t: ID) { queueUpdated(tenant: $t) { id ${FIELDS} } }`],
] as const;

type Update = { queueUpdated: { id: string; today: { offered: number } } };

/** The newest offered count each queue's messages reached. */
function latest(sub: Collected<Update>): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of sub.messages) out.set(m.queueUpdated.id, m.queueUpdated.today.offered);
  return out;
}

describe.each(PATHS)('a subscriber that stops reading (subscriptions %s)', (_path, QUERY) => {
  let app: TestApp;
  afterAll(async () => {
    await app?.close();
  });

  it('costs the server a bounded buffer, does not hold up others, and gets the latest snapshots when it reads again', async () => {
    app = await startApp({ config: { wsMaxBufferedBytes: LIMIT, snapshotIntervalMs: 50 } });
    const t = uniqueTenant();
    const queues = Array.from({ length: QUEUES }, (_, i) => `q${String(i).padStart(3, '0')}`);
    let round = 0;
    const postRound = async () => {
      const at = new Date(Date.now() - 1000).toISOString();
      const events: IngestEvent[] = queues.map((q) => ({ id: `${q}-${round}`, type: 'contact.queued', tenant: t, queue: q, contact: `c${round}`, channel: 'voice', at }));
      round++;
      const res = await app.postEvents(events);
      expect(res.status).toBe(202);
    };
    await postRound();
    await app.settled();

    // The slow client: its WebSocket kept, to pause the socket under it.
    const sockets: WebSocket[] = [];
    class KeptWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        sockets.push(this);
      }
    }
    const slow = wsClient(app.url, app.token, { webSocketImpl: KeptWebSocket });
    const slowSubs = Array.from({ length: SUBSCRIPTIONS }, () => collect<Update>(slow, QUERY, { t }));
    const fast = wsClient(app.url, app.token);
    const fastSub = collect<Update>(fast, QUERY, { t });
    for (const s of [...slowSubs, fastSub]) await eventually(async () => latest(s).size === QUEUES, 10_000, 'the current snapshots');

    const clientSocket = (sockets[0] as unknown as { _socket: Socket })._socket;
    const serverSocket = () => [...app.server.ws.wss.clients].find((c) => (c as unknown as { _socket: Socket })._socket.remotePort === clientSocket.localPort)!;
    expect(serverSocket()).toBeDefined();

    // The slow client stops reading; the floor keeps changing every queue.
    clientSocket.pause();
    const skippedBefore = coalesceStats.skipped;
    const fastBefore = fastSub.messages.length;
    let maxBuffered = 0;
    let maxPending = 0;
    const sample = setInterval(() => {
      maxBuffered = Math.max(maxBuffered, serverSocket()?.bufferedAmount ?? 0);
      maxPending = Math.max(maxPending, coalesceStats.pending);
    }, 5);
    try {
      // Until the backpressure reaches the subscriptions (their snapshots start being skipped),
      // and a while after.
      for (let i = 0; i < 200 && coalesceStats.skipped - skippedBefore < SUBSCRIPTIONS * QUEUES * 3; i++) {
        await postRound();
        await app.settled();
        await new Promise((r) => setTimeout(r, 60));
      }
    } finally {
      clearInterval(sample);
    }
    const skipped = coalesceStats.skipped - skippedBefore;
    const frame = Math.max(...fastSub.messages.slice(-QUEUES).map((m) => JSON.stringify(m).length)) + 100;
    console.log(
      `paused client: ${round} rounds of ${QUEUES} snapshots; server buffer peaked at ${maxBuffered} B (limit ${LIMIT} B, frame ≈ ${frame} B); ` +
        `${skipped} snapshots skipped; at most ${maxPending} pending in subscription buffers`,
    );
    expect(skipped).toBeGreaterThan(0);
    // Bounded: the limit, plus the one message each subscription may have had under way.
    expect(maxBuffered).toBeLessThanOrEqual(LIMIT + SUBSCRIPTIONS * frame);
    // At most one snapshot per queue per subscription (the fast one's included) waits in memory.
    expect(maxPending).toBeLessThanOrEqual((SUBSCRIPTIONS + 1) * QUEUES);

    // The other client was served all along, up to the last round.
    expect(fastSub.messages.length).toBeGreaterThan(fastBefore + QUEUES);
    await eventually(async () => [...latest(fastSub).values()].every((n) => n === round), 10_000, 'the fast client to hold the last round');

    // The slow client reads again: it ends with the latest snapshot of every queue.
    clientSocket.resume();
    for (const s of slowSubs) await eventually(async () => queues.every((q) => latest(s).get(q) === round), 15_000, 'the slow client to catch up');
    const current = await graphqlOk<{ queues: { today: { offered: number } }[] }>(app, 'query($t: ID) { queues(tenant: $t) { today { offered } } }', { t });
    expect(current.queues.every((q) => q.today.offered === round)).toBe(true);

    for (const s of [...slowSubs, fastSub]) s.stop();
    await Promise.all([slow.dispose(), fast.dispose()]);
  }, 60_000);
});
