/**
 * Event-to-screen latency: from posting an event to the moment every one of 1,000 graphql-ws
 * subscribers holds the snapshot that counts it. The subscribers are real graphql-ws clients
 * running the wallboard's own subscription (every queue of a tenant), in a process of their
 * own; the server runs in another, on Redis (ingest → stream → aggregator → snapshot → Redis
 * pub/sub → graphql-ws). A probe is a `contact.queued` for one of the tenant's 4 queues; the
 * queue's `today.offered` tells which snapshot carries it. Probes go out every 150 ms (each
 * queue every 600 ms: a quiet queue's change is published at once, not coalesced).
 *
 * Measured idle, and under background load: copies of the simulated floor posted to other
 * tenants at `backgroundEventsPerSecond`.
 *
 * Baseline: the same probes through a bare `ws` server (raw-ws-process.ts): an HTTP POST in,
 * the same bytes out to 1,000 plain sockets, nothing else: what the machine, the sockets and
 * the clients cost without Floorboard. Under load it runs while the background load keeps
 * Floorboard busy, so both see the same machine.
 */
import { startRedis } from '../helpers/redis-server.ts';
import { QUEUE_UPDATED_SUBSCRIPTION, TOKEN, now, postEvents, queuedEvent, seedQueues, sleep, startFloorboard, type Floorboard } from './env.ts';
import { spawnChild, type Child } from './ipc.ts';
import { eventTemplate, startLoad } from './load.ts';
import { fmt, median, quantile, type BenchResult } from './stats.ts';

interface Probe {
  queue: string;
  offered: number;
  postedAt: number;
}

const QUEUES = ['p0', 'p1', 'p2', 'p3'];
const PROBE_EVERY_MS = 150;

async function probeRun(opts: { seconds: number; send: (queue: string, n: number) => Promise<number> }): Promise<Probe[]> {
  const probes: Probe[] = [];
  const counts = new Map<string, number>();
  const t0 = performance.now();
  const inFlight: Promise<void>[] = [];
  let failure: unknown = null;
  for (let i = 0; performance.now() - t0 < opts.seconds * 1000; i++) {
    const wait = t0 + i * PROBE_EVERY_MS - performance.now();
    if (wait > 0) await sleep(wait);
    const queue = QUEUES[i % QUEUES.length]!;
    const n = (counts.get(queue) ?? 0) + 1;
    counts.set(queue, n);
    const postedAt = now();
    // Not awaited: a slow answer must not delay the next probe. A failure fails the run, at the end.
    inFlight.push(
      opts.send(queue, n).then(
        (offered) => void probes.push({ queue, offered, postedAt }),
        (err: unknown) => void (failure ??= err),
      ),
    );
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return probes;
}

interface Latency {
  /** Per probe: until every subscriber held it (ms; Infinity if one never did). */
  all: number[];
  /** Per probe and subscriber (ms). */
  each: number[];
  missing: number;
}

async function collect(clients: Child, group: string, probes: Probe[]): Promise<Latency> {
  // Give stragglers up to 10 s, then count what never arrived.
  const deadline = Date.now() + 10_000;
  let m: (number | null)[][];
  for (;;) {
    m = await clients.request<(number | null)[][]>('latencies', { name: group, probes });
    if (Date.now() > deadline || m.every((row) => row.every((x) => x !== null))) break;
    await sleep(250);
  }
  const all: number[] = [];
  const each: number[] = [];
  let missing = 0;
  for (const row of m) {
    let worst = 0;
    for (const x of row) {
      if (x === null) {
        missing++;
        worst = Infinity;
      } else {
        each.push(x);
        worst = Math.max(worst, x);
      }
    }
    all.push(worst);
  }
  return { all, each, missing };
}

export async function benchLatency(opts: {
  subscribers: number;
  seconds: number;
  backgroundEventsPerSecond: number;
  profileDir?: string;
  log?: (msg: string) => void;
}): Promise<BenchResult[]> {
  const log = opts.log ?? (() => {});
  const n = opts.subscribers;
  const redis = await startRedis();
  let fb: Floorboard | undefined;
  let raw: Child<{ port: number }> | undefined;
  let clients: Child | undefined;
  try {
    // No periodic republish: it would add snapshots that are not the probes'.
    fb = await startFloorboard(redis.url, { snapshotRefreshMs: 3_600_000 }, opts.profileDir);
    raw = await spawnChild<{ port: number }>('./raw-ws-process.ts');
    clients = await spawnChild('./clients-process.ts');
    const rawUrl = `http://127.0.0.1:${raw.ready.port}`;

    const base = await seedQueues(fb, 'probe', QUEUES);
    const t0 = performance.now();
    await clients.request('open', { name: 'fb', kind: 'graphql-ws', url: fb.wsUrl, token: TOKEN, n, query: QUEUE_UPDATED_SUBSCRIPTION, variables: { tenant: 'probe' } });
    await clients.request('settled', { name: 'fb', n: QUEUES.length });
    log(`  ${n} graphql-ws subscribers connected and holding the current snapshots in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await clients.request('open', { name: 'raw', kind: 'raw', url: rawUrl.replace('http', 'ws'), n });

    // The raw baseline sends the bytes of a real snapshot message, its offered count changed.
    const samples = await clients.request<Record<string, string>>('samples');
    const rawPayload = (queue: string, offered: number) => {
      const m = JSON.parse(samples[queue]!);
      m.payload.data.queueUpdated.today.offered = offered;
      return JSON.stringify(m);
    };
    let rawOffered = 0;
    const sendFloorboard = async (queue: string, k: number) => {
      await postEvents(fb!.url, [queuedEvent('probe', queue, 'probe')]);
      return base.get(queue)! + k;
    };
    const sendRaw = async (queue: string) => {
      // Rising across queues, so rising per queue too: each probe's count is new to every client.
      const offered = ++rawOffered;
      const res = await fetch(`${rawUrl}/broadcast`, { method: 'POST', body: rawPayload(queue, offered) });
      await res.arrayBuffer();
      return offered;
    };

    // Floorboard's counts go on across phases: the k-th probe of a queue overall.
    const fbCount = new Map(QUEUES.map((q) => [q, 0]));
    const runFloorboard = async () => {
      const probes = await probeRun({
        seconds: opts.seconds,
        send: (queue) => {
          const k = fbCount.get(queue)! + 1;
          fbCount.set(queue, k);
          return sendFloorboard(queue, k);
        },
      });
      return collect(clients!, 'fb', probes);
    };
    const runRaw = async () => collect(clients!, 'raw', await probeRun({ seconds: opts.seconds, send: (queue) => sendRaw(queue) }));

    const idle = { fb: await runFloorboard(), raw: await runRaw() };
    const describe = (l: Latency) =>
      `p50 ${fmt(quantile(l.all, 0.5))} ms, p99 ${fmt(quantile(l.all, 0.99))} ms (each delivery: p50 ${fmt(quantile(l.each, 0.5))}, p99 ${fmt(quantile(l.each, 0.99))})${l.missing ? `, ${l.missing} deliveries missing` : ''}`;
    log(`  idle: floorboard ${describe(idle.fb)}; raw ws ${describe(idle.raw)}`);

    const template = eventTemplate(48, 1000);
    const load = startLoad({ url: fb.url, token: TOKEN, template, copies: 4, eventsPerSecond: opts.backgroundEventsPerSecond, name: 'BG' });
    await sleep(5000);
    const before = { accepted: load.stats.accepted, at: performance.now() };
    const loaded = { fb: await runFloorboard(), raw: await runRaw() };
    const backgroundRate = (load.stats.accepted - before.accepted) / ((performance.now() - before.at) / 1000);
    const stats = await load.stop();
    const backlog = await fb.backlog();
    log(`  under load: floorboard ${describe(loaded.fb)}; raw ws ${describe(loaded.raw)}`);
    log(`  background: ${Math.round(backgroundRate)} events/s accepted during the probes (offered ${opts.backgroundEventsPerSecond}), ${stats.refused} requests refused (429), ${backlog} waiting at the end`);

    const ms = (x: number) => (Number.isFinite(x) ? `${fmt(x)} ms` : 'never');
    const row = (label: string, q: number, l: { fb: Latency; raw: Latency }, note: string, target?: BenchResult['target']): BenchResult => ({
      name: `event-to-screen latency, ${n.toLocaleString('en-US')} graphql-ws subscribers, ${label}`,
      unit: 'ms',
      value: quantile(l.fb.all, q),
      baselineName: 'bare ws server, same probes',
      baseline: quantile(l.raw.all, q),
      format: ms,
      note,
      ...(target ? { target } : {}),
    });
    const noteOf = (l: { fb: Latency; raw: Latency }) =>
      `until every subscriber holds the snapshot; ${l.fb.all.length} probes; each delivery p50 ${fmt(median(l.fb.each))} ms${l.fb.missing ? `; ${l.fb.missing} deliveries never arrived` : ''}; lower is better`;
    // The background tenants' own lag is said too: past capacity their backlog grows while the
    // probes' tenant is served in turn (aggregator rounds, fairness between tenants).
    const bg =
      `${opts.backgroundEventsPerSecond.toLocaleString('en-US')} events/s offered on other tenants (${Math.round(backgroundRate).toLocaleString('en-US')} accepted, ` +
      `${backlog.toLocaleString('en-US')} of theirs waiting at the end)`;
    return [
      row('idle: p50', 0.5, idle, noteOf(idle)),
      row('idle: p99', 0.99, idle, noteOf(idle), { max: 250 }),
      row(`under load: p50`, 0.5, loaded, `${bg}; ${noteOf(loaded)}`),
      row(`under load: p99`, 0.99, loaded, `${bg}; ${noteOf(loaded)}`, { max: 250 }),
    ];
  } finally {
    await clients?.stop();
    await raw?.stop();
    await fb?.stop();
    await redis.stop();
  }
}
