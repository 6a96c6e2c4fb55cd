import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventTimeMs, parseEvent, type IngestEvent } from '../../schema/events.ts';
import { MAX_BATCH, startFeed, type Feed, type FeedOptions } from '../../simulations/feed.ts';
import { createFloor } from '../../simulations/floor.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { startIngestStub, type IngestStub } from './ingest-stub.ts';

const T0 = Date.parse('2026-11-23T15:00:00Z');
const MINUTE = 60_000;

async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The events the feed should have sent: the same floor, simulated directly. */
function expected(feed: Feed, seed: number, warmupMinutes: number, toMs: number): IngestEvent[] {
  return createFloor(bpo, { seed, startMs: T0 - warmupMinutes * MINUTE, runId: feed.runId }).advance(toMs);
}

describe('startFeed', () => {
  let stub: IngestStub;
  let feed: Feed | undefined;
  let wall: number;
  let logs: string[];

  beforeEach(async () => {
    stub = await startIngestStub();
    wall = T0;
    logs = [];
    feed = undefined;
  });
  afterEach(async () => {
    await feed?.stop();
    await stub.close();
  });

  function start(options: Partial<FeedOptions> = {}): Feed {
    feed = startFeed({
      target: stub.url,
      token: 'secret-token',
      scenario: bpo,
      seed: 3,
      tickMs: 20,
      clock: () => wall,
      log: (m) => logs.push(m),
      ...options,
    });
    return feed;
  }

  it('posts the warmup history at once, then what happens as the clock moves, as the contract asks', async () => {
    const f = start({ warmupMinutes: 30 });
    await f.warmedUp;
    const warm = f.stats();
    expect(warm.posted).toBeGreaterThan(500);
    expect(warm.pending).toBe(0);
    const history = stub.acknowledged();
    expect(history).toEqual(expected(f, 3, 30, T0));
    expect(eventTimeMs((history[0] as IngestEvent).at)).toBe(T0 - 30 * MINUTE); // the agents' logins

    wall = T0 + MINUTE;
    await waitFor('a minute of events', () => f.stats().simulatedTo === T0 + MINUTE && f.stats().pending === 0);
    const all = stub.acknowledged();
    expect(all.length).toBeGreaterThan(history.length);
    expect(all).toEqual(expected(f, 3, 30, T0 + MINUTE));
    expect(all.slice(history.length).every((e) => eventTimeMs(e.at) > T0 && eventTimeMs(e.at) <= T0 + MINUTE)).toBe(true);
    expect(all.every((e, i) => parseEvent(e, i).ok)).toBe(true);

    for (const request of stub.requests) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/api/events');
      expect(request.headers.authorization).toBe('Bearer secret-token');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.events.length).toBeGreaterThan(0); // no empty posts on quiet ticks
    }
    expect(f.stats()).toMatchObject({ posted: all.length, batches: stub.requests.length, failures: 0, dropped: 0 });
    expect(logs).toEqual([]);
  });

  it('runs simulated time `speed` times faster than the clock', async () => {
    const f = start({ warmupMinutes: 0, speed: 10 });
    await f.warmedUp;
    wall = T0 + 6_000;
    await waitFor('the accelerated minute', () => f.stats().simulatedTo === T0 + MINUTE && f.stats().pending === 0);
    expect(stub.acknowledged()).toEqual(expected(f, 3, 0, T0 + MINUTE));
  });

  it('keeps a batch that failed with 503 or 429 and sends it again first, in order', async () => {
    stub.script({ status: 503 }, { status: 429 });
    const f = start({ warmupMinutes: 30 });
    await f.warmedUp;
    expect(f.stats()).toMatchObject({ posted: 0, failures: 1 });
    expect(f.stats().pending).toBeGreaterThan(0);
    wall = T0 + MINUTE; // new events arrive behind the failed ones
    await waitFor('the retry', () => f.stats().pending === 0 && f.stats().simulatedTo === T0 + MINUTE);
    expect(stub.requests.map((r) => r.status).slice(0, 3)).toEqual([503, 429, 202]);
    // The retried batch starts with the very first event, and nothing is lost or reordered.
    expect(stub.requests[2]?.events[0]).toEqual(stub.requests[0]?.events[0]);
    expect(stub.acknowledged()).toEqual(expected(f, 3, 30, T0 + MINUTE));
    expect(f.stats()).toMatchObject({ failures: 2, dropped: 0 });
    // One line when the trouble starts, one when it ends: not one per tick.
    expect(logs).toHaveLength(2);
    expect(logs[0]).toMatch(/HTTP 503/);
    expect(logs[1]).toMatch(/posting again after 2 failed attempt/);
  });

  it('drops a batch the server rejects with another 4xx, logs its body once, and carries on', async () => {
    stub.script({ status: 400, body: { errors: [{ index: 0, path: 'queue', message: 'queue is required' }] } });
    const f = start({ warmupMinutes: 30 });
    await f.warmedUp;
    const rejected = stub.requests[0]?.events.length ?? 0;
    expect(rejected).toBeGreaterThan(0);
    expect(f.stats()).toMatchObject({ dropped: rejected, failures: 1, pending: 0 });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/HTTP 400/);
    expect(logs[0]).toContain('queue is required');
    wall = T0 + MINUTE;
    await waitFor('the next batch', () => f.stats().simulatedTo === T0 + MINUTE && f.stats().pending === 0);
    expect(stub.requests.at(-1)?.status).toBe(202);
    expect(f.stats().failures).toBe(1);
    expect(logs).toHaveLength(1);
  });

  it(`splits a long history into batches of at most ${MAX_BATCH} events`, async () => {
    const f = start({ warmupMinutes: 300 });
    await f.warmedUp;
    const sizes = stub.requests.map((r) => r.events.length);
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    expect(sizes.every((n) => n <= MAX_BATCH)).toBe(true);
    expect(stub.acknowledged()).toEqual(expected(f, 3, 300, T0));
  });

  it('counts network errors as failures and keeps the events', async () => {
    const deadUrl = stub.url;
    await stub.close();
    stub = await startIngestStub(); // for afterEach; the feed talks to the closed port
    const f = start({ target: deadUrl, warmupMinutes: 5 });
    await f.warmedUp;
    expect(f.stats()).toMatchObject({ posted: 0, failures: 1 });
    expect(f.stats().pending).toBeGreaterThan(0);
    expect(logs[0]).toMatch(/failed/);
  });

  it('stops promptly even while a post hangs, leaving its events unacknowledged', async () => {
    stub.script({ status: 202, hang: true });
    const f = start({ warmupMinutes: 5 });
    await waitFor('the hanging request', () => stub.requests.length === 1);
    const began = Date.now();
    await f.stop();
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(f.stats()).toMatchObject({ posted: 0, failures: 0 });
    expect(f.stats().pending).toBe(stub.requests[0]?.events.length);
    await f.warmedUp; // settled
  });

  it('gives every run its own id prefix by default, and refuses bad options', async () => {
    const a = start({ warmupMinutes: 0 });
    await a.stop();
    wall += 1;
    const b = start({ warmupMinutes: 0 });
    expect(a.runId).not.toBe(b.runId);
    expect(start({ warmupMinutes: 0, runId: 'mine' }).runId).toBe('mine');
    await b.stop();
    expect(() => start({ speed: 0 })).toThrow(/speed/);
    expect(() => start({ tickMs: 1 })).toThrow(/tickMs/);
    expect(() => start({ target: 'localhost:8080' })).toThrow(/http/);
    expect(() => start({ target: 'not a url' })).toThrow(/not a URL/);
  });
});
