/**
 * A soak (issue 9): an accelerated day of the simulated BPO floor (3 client accounts, 11
 * queues, 73 agents: some 47,000 events) posted at a steady rate to one server process on
 * Redis, with live subscribers and wallboard queries running, while the server's heap (after
 * a full GC) and event-loop delay are sampled over IPC (test/faults/soak-server.ts).
 *
 * Flat at the end, by a robust criterion: the median of the last third of the samples is at
 * most the median of the middle third × 1.2 plus a small constant (the first third is warm-up:
 * JIT, caches, the first snapshots). Checked for the heap, the server's CPU time per slice of
 * the day and the mean event-loop delay. A leak that grows with traffic fails it; so does work
 * per event that grows as the day goes on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../schema/events.ts';
import { RedisStore } from '../../server/store/redis/store.ts';
import { createFloor } from '../../simulations/floor.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { eventually } from '../helpers/app.ts';
import { redisOrSkip } from '../helpers/require.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';
import type { SoakSample } from './soak-server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TOKEN = 'soak-test-admin-token-0123456789';
const redisUrl = redisOrSkip();

/** Steady load: the day's events in equal slices, one slice per tick. */
const TICKS = 90;
const TICK_MS = 500;
const SAMPLE_EVERY = 3;
const MB = 1024 * 1024;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The criterion, with what it compared (for the message and the log). */
function flat(series: number[], slack: number, constant: number): { ok: boolean; middle: number; last: number; limit: number } {
  const third = Math.floor(series.length / 3);
  const middle = median(series.slice(third, 2 * third));
  const last = median(series.slice(2 * third));
  const limit = middle * slack + constant;
  return { ok: last <= limit, middle, last, limit };
}

/**
 * An idle process beside the server: its event-loop delay is what the machine's other load
 * (two cores, shared) does to any process. The server's own delay is judged net of it.
 */
const CONTROL = `
const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 10 });
h.enable();
process.on('message', (m) => {
  if (m === 'stop') process.exit(0);
  process.send({ mean: h.mean / 1e6 });
  h.reset();
});
process.send({ ready: true });
`;

describe.runIf(redisUrl)('a soak: an accelerated day against one server', () => {
  let child: ChildProcess | undefined;
  let control: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    control?.kill('SIGKILL');
  });

  it('keeps its heap and event-loop delay flat through the day', async () => {
    const prefix = `soak-${randomUUID().slice(0, 8)}`;
    const now = Date.now();
    const events: IngestEvent[] = createFloor(bpo, { seed: 11, startMs: now - 86_400_000, runId: prefix }).advance(now - 60_000);
    expect(events.length).toBeGreaterThan(30_000);

    child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/faults/soak-server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        REDIS_URL: redisUrl!,
        REDIS_PREFIX: prefix,
        ADMIN_TOKEN: TOKEN,
        INSTANCE_ID: prefix,
        RATE_LIMIT_PER_SECOND: '100000',
        RATE_LIMIT_BURST: '100000',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const messages: { type: string; port?: number; sample?: SoakSample }[] = [];
    child.on('message', (m) => messages.push(m as (typeof messages)[number]));
    const port = (await eventually(async () => messages.find((m) => m.type === 'ready'), 30_000, 'the server process to start'))!.port!;
    const base = `http://127.0.0.1:${port}`;
    control = spawn(process.execPath, ['-e', CONTROL], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const controlMessages: { ready?: true; mean?: number }[] = [];
    control.on('message', (m) => controlMessages.push(m as (typeof controlMessages)[number]));
    await eventually(async () => controlMessages.length > 0, 10_000, 'the control process');
    const sample = async (): Promise<SoakSample & { controlDelayMean: number }> => {
      const [seen, seenControl] = [messages.length, controlMessages.length];
      child!.send('sample');
      control!.send('sample');
      const s = (await eventually(async () => messages.slice(seen).find((m) => m.type === 'sample'), 10_000, 'a sample'))!.sample!;
      const c = (await eventually(async () => controlMessages.slice(seenControl).find((m) => m.mean !== undefined), 10_000, 'a control sample'))!;
      return { ...s, controlDelayMean: c.mean! };
    };

    // A wallboard's worth of listeners: every queue, the alerts, the agent grid.
    const client = wsClient(base, TOKEN);
    const subs = [
      collect(client, 'subscription { queueUpdated { id tenant waiting today { offered serviceLevel } agents { available busy } } }'),
      collect(client, 'subscription { alertChanged { id state } }'),
      collect(client, 'subscription { agentsUpdated { tenant agents { id } } }'),
    ];
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ query, variables }) });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const post = async (batch: IngestEvent[]) => {
      const res = await fetch(`${base}/api/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(batch) });
      expect(res.status).toBe(202);
    };

    const probe = await RedisStore.connect({ url: redisUrl!, prefix, consumer: 'probe', dedupDays: 7, clock: Date.now });
    const slice = Math.ceil(events.length / TICKS);
    const samples: (SoakSample & { controlDelayMean: number })[] = [];
    const heard: number[] = [];
    const started = Date.now();
    for (let tick = 0; tick < TICKS; tick++) {
      await post(events.slice(tick * slice, (tick + 1) * slice));
      await gql('{ queues { id today { offered answered serviceLevel asaSeconds } waiting longestWaitSeconds } }');
      if (tick % 5 === 0) await gql(`query($f: DateTime!, $to: DateTime!) { intervals(tenant: "${bpo.tenants[tick % bpo.tenants.length]!.id}", from: $f, to: $to, step: MIN15) { start offered } }`, { f: new Date(now - 86_400_000).toISOString(), to: new Date(now).toISOString() });
      if (tick % SAMPLE_EVERY === SAMPLE_EVERY - 1) {
        // Each sample covers the same work: its slices posted and aggregated (a server slowed by
        // the machine's other load takes longer, and is not judged for a backlog it then clears).
        await eventually(async () => (await probe.backlog()) === 0, 30_000, 'aggregation to keep up');
        samples.push(await sample());
        heard.push(subs[0]!.messages.length);
      }
      const wait = started + (tick + 1) * TICK_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }

    // Everything acknowledged was aggregated, and the listeners heard the day go by to its end.
    await eventually(async () => (await probe.backlog()) === 0, 30_000, 'aggregation to catch up');
    await probe.close();
    const third = Math.floor(heard.length / 3);
    expect(heard[heard.length - 1]! - heard[2 * third - 1]!, 'queue updates heard in the last third').toBeGreaterThan(0);
    for (const s of subs) expect(s.errors).toEqual([]);
    const queued = events.filter((e) => e.type === 'contact.queued').length;
    const intervals = (await Promise.all(bpo.tenants.map((t) => gql(`query($f: DateTime!, $to: DateTime!) { intervals(tenant: "${t.id}", from: $f, to: $to, step: HOUR1) { offered } }`, { f: new Date(now - 2 * 86_400_000).toISOString(), to: new Date(now + 3_600_000).toISOString() })))).flatMap(
      (d) => d.intervals as { offered: number }[],
    );
    expect(intervals.reduce((s, i) => s + i.offered, 0)).toBe(queued);

    for (const s of subs) s.stop();
    await client.dispose();
    child.send('stop');
    control.send('stop');

    // After a full GC the heap is steady to a few hundred KB: a tight bound catches a leak of
    // some 200 bytes an event (10 MB over the day).
    const heap = flat(samples.map((s) => s.heapUsed), 1.05, 2 * MB);
    const cpu = flat(samples.map((s) => s.cpuMs), 1.2, 50);
    const ownDelay = samples.map((s) => Math.max(0, s.delay.mean - s.controlDelayMean));
    const meanDelay = flat(ownDelay, 1.2, 10);
    const p99Delay = flat(samples.map((s) => s.delay.p99), 1.2, 50);
    const fmt = (x: number, unit: 'MB' | 'ms') => (unit === 'MB' ? `${(x / MB).toFixed(1)} MB` : `${x.toFixed(1)} ms`);
    console.log(
      `soak: ${events.length} events in ${((Date.now() - started) / 1000).toFixed(0)} s, ${samples.length} samples; ` +
        `heap after GC: middle ${fmt(heap.middle, 'MB')}, last ${fmt(heap.last, 'MB')} (limit ${fmt(heap.limit, 'MB')}); ` +
        `CPU per sample: middle ${fmt(cpu.middle, 'ms')}, last ${fmt(cpu.last, 'ms')}; ` +
        `event-loop delay mean beyond an idle process's: middle ${fmt(meanDelay.middle, 'ms')}, last ${fmt(meanDelay.last, 'ms')}; ` +
        `p99: middle ${fmt(p99Delay.middle, 'ms')}, last ${fmt(p99Delay.last, 'ms')}\n` +
        `  heap MB ${JSON.stringify(samples.map((s) => Math.round(s.heapUsed / MB)))}\n` +
        `  delay mean ms ${JSON.stringify(samples.map((s) => Math.round(s.delay.mean)))}\n` +
        `  idle process's delay mean ms ${JSON.stringify(samples.map((s) => Math.round(s.controlDelayMean)))}\n` +
        `  delay p99 ms ${JSON.stringify(samples.map((s) => Math.round(s.delay.p99)))}\n` +
        `  cpu ms per sample ${JSON.stringify(samples.map((s) => Math.round(s.cpuMs)))}`,
    );
    expect(heap.ok, `heap after GC grew: ${JSON.stringify(samples.map((s) => Math.round(s.heapUsed / MB)))} MB`).toBe(true);
    expect(cpu.ok, `CPU per slice of the day grew: ${JSON.stringify(samples.map((s) => Math.round(s.cpuMs)))} ms`).toBe(true);
    expect(meanDelay.ok, `event-loop delay (beyond an idle process's) grew: ${JSON.stringify(ownDelay.map(Math.round))} ms`).toBe(true);
    // The p99 is logged, not asserted: on a shared 2-core machine it follows the neighbours'
    // load more than the server's (one busy second of another process moves it by 100s of ms).
    void p99Delay;
  }, 180_000);
});
