/**
 * The replay command line against a stand-in server over real HTTP, on a fake clock: what it
 * writes, what it posts and when, how it shifts dates, and how it reacts to refusals.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../schema/events.ts';
import { bankEvents, bankRecords, shiftRecord } from '../../simulations/replay/anonymous-bank.ts';
import { main, type ReplayIo } from '../../simulations/replay/cli.ts';
import { dayNumber } from '../../simulations/replay/local-time.ts';
import { recordsToQueueLog } from '../../simulations/replay/queue-log.ts';
import { SAMPLE } from './sample.ts';

/** Monday 23 November 2026, 15:00 in Israel. */
const NOW = Date.parse('2026-11-23T13:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'floorboard-replay-'));
const csv = join(dir, 'bank.csv');
writeFileSync(csv, SAMPLE);
const records = bankRecords(SAMPLE);

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The fake clock when the request arrived. */
  clock: number;
}
interface Reply {
  status: number;
  body?: unknown;
}

/** A stand-in for the server: answers 202 to posts and {data} to GraphQL unless scripted. */
function startStub(clock: () => number) {
  const requests: Received[] = [];
  const replies: Reply[] = [];
  let graphqlReply: Reply = { status: 200, body: { data: { setTenantSettings: { id: 'bank', timeZone: 'Asia/Jerusalem' } } } };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '';
      requests.push({ path, headers: req.headers, body, clock: clock() });
      let reply: Reply;
      if (path === '/graphql') reply = graphqlReply;
      else reply = replies.shift() ?? { status: 202, body: { accepted: countOf(path, body), duplicates: 0 } };
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body ?? {}));
    });
  });
  return {
    requests,
    script: (...next: Reply[]) => replies.push(...next),
    graphql: (reply: Reply) => {
      graphqlReply = reply;
    },
    posts: () => requests.filter((r) => r.path !== '/graphql'),
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function countOf(path: string, body: string): number {
  return path.startsWith('/api/events') ? (JSON.parse(body) as unknown[]).length : body.split('\n').filter(Boolean).length;
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

let clock = NOW;
const stub = startStub(() => clock);
let target = '';
beforeAll(async () => {
  target = await stub.start();
});
afterAll(async () => {
  await stub.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  clock = NOW;
  stub.requests.length = 0;
});

async function cli(args: string[], overrides: Partial<ReplayIo> = {}) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
    now: () => clock,
    // The fake clock: sleeping moves it, instantly.
    sleep: async (ms) => {
      clock += ms;
    },
    ...overrides,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const eventsOf = (posts: Received[]) => posts.flatMap((r) => JSON.parse(r.body) as IngestEvent[]);
/** The sample moved so that 1999-01-04 is today (23 November 2026 in Israel). */
const shiftedToToday = () => records.map((r) => shiftRecord(r, dayNumber('2026-11-23') - dayNumber('1999-01-04')));

describe('replay CLI: files', () => {
  it('writes the events of the records as NDJSON, on their own dates by default', async () => {
    const out = join(dir, 'events.ndjson');
    const { code, stderr } = await cli(['anonymous-bank', csv, '--out', out]);
    expect(code).toBe(0);
    const written = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as IngestEvent);
    expect(written).toEqual(bankEvents(records, 'bank'));
    expect(stderr).toContain(`wrote ${written.length} events of 10 records from 1999-01-04`);
  });

  it('writes queue_log lines, and shifts to today when asked', async () => {
    const out = join(dir, 'bank.queue_log');
    expect((await cli(['anonymous-bank', csv, '--out', out, '--format', 'queue-log'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(`${recordsToQueueLog(records).join('\n')}\n`);
    const { code, stderr } = await cli(['anonymous-bank', csv, '--out', out, '--format', 'queue-log', '--shift-to-today', '--from', '1999-01-05']);
    expect(code).toBe(0);
    expect(stderr).toContain('shifted 10184 days to 2026-11-23');
    const moved = records.filter((r) => r.date === '1999-01-05').map((r) => shiftRecord(r, dayNumber('2026-11-23') - dayNumber('1999-01-05')));
    expect(readFileSync(out, 'utf8')).toBe(`${recordsToQueueLog(moved).join('\n')}\n`);
  });
});

describe('replay CLI: live', () => {
  it('sets the tenant zone, then posts every event of the days, shifted to today, in time order', async () => {
    const { code, stderr } = await cli(['anonymous-bank', csv, '--target', target, '--token', 'T', '--speed', 'max']);
    expect(code, stderr).toBe(0);
    const [zone, ...posts] = stub.requests;
    expect(zone!.path).toBe('/graphql');
    expect(JSON.parse(zone!.body).variables).toEqual({ t: 'bank', z: 'Asia/Jerusalem' });
    expect(posts.every((p) => p.path === '/api/events' && p.headers['content-type'] === 'application/json' && p.headers.authorization === 'Bearer T')).toBe(true);
    const posted = eventsOf(posts);
    expect(posted).toEqual(bankEvents(shiftedToToday(), 'bank'));
    expect(posted[0]).toMatchObject({ id: 'bank:2026-11-23:AA0101-1:queued', at: '2026-11-23T09:00:06+02:00' });
    expect(stderr).toContain(`done: ${posted.length} events accepted, 0 duplicates`);
  });

  it('paces the posts: an hour of data a minute at --speed 60, each event once it is due', async () => {
    const { code } = await cli(['anonymous-bank', csv, '--target', target, '--token', 'T', '--tenant', 'bank2']);
    expect(code).toBe(0);
    const posts = stub.posts();
    expect(posts.length).toBeGreaterThan(5);
    const first = Date.parse((JSON.parse(posts[0]!.body) as IngestEvent[])[0]!.at as string);
    const start = posts[0]!.clock;
    const dueAt = (wall: number) => first + (wall - start) * 60;
    posts.forEach((post, k) => {
      const times = (JSON.parse(post.body) as IngestEvent[]).map((e) => Date.parse(e.at as string));
      expect(Math.max(...times)).toBeLessThanOrEqual(dueAt(post.clock));
      // Not held back: the batch's first event was not yet due at the post before.
      if (k > 0) expect(times[0]).toBeGreaterThan(dueAt(posts[k - 1]!.clock));
    });
    // 25 hours of data (09:00 on the 4th to 10:01 on the 5th) in about 25 minutes.
    expect(posts.at(-1)!.clock - start).toBeGreaterThan(24 * 60_000);
    expect(posts.at(-1)!.clock - start).toBeLessThan(26 * 60_000);
    expect(eventsOf(posts).every((e) => e.tenant === 'bank2')).toBe(true);
  });

  it('posts the same calls as queue_log lines to the importer with --format queue-log', async () => {
    const { code, stderr } = await cli(['anonymous-bank', csv, '--target', target, '--token', 'T', '--speed', '0', '--format', 'queue-log', '--from', '1999-01-04', '--days', '1']);
    expect(code, stderr).toBe(0);
    const posts = stub.posts();
    expect(posts.every((p) => p.path === '/api/import/queue-log?tenant=bank' && p.headers['content-type'] === 'text/plain')).toBe(true);
    const sent = posts.map((p) => p.body).join('');
    const moved = shiftedToToday().filter((r) => r.date === '2026-11-23');
    expect(sent).toBe(`${recordsToQueueLog(moved).join('\n')}\n`);
  });

  it('replays a queue_log file as it is, in file order, paced by its epochs', async () => {
    const file = join(dir, 'calls.queue_log');
    const lines = [
      '1700000000|c1|sales|NONE|ENTERQUEUE||555',
      '1700000010|c1|sales|Agent/1|CONNECT|10|c1b|2',
      '',
      // Out of time order, as real logs are: sent with the lines around it.
      '1699999990|c0|sales|NONE|ENTERQUEUE||554',
      '1700003600|c1|sales|Agent/1|COMPLETECALLER|10|3590|1',
    ];
    writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const { code, stderr } = await cli(['queue-log', file, '--target', target, '--token', 'T', '--speed', '60']); // tenant: pbx by default
    expect(code, stderr).toBe(0);
    const posts = stub.posts();
    expect(posts.map((p) => [p.path, p.body])).toEqual([
      ['/api/import/queue-log?tenant=pbx', `${lines[0]}\n`],
      ['/api/import/queue-log?tenant=pbx', `${lines[1]}\n${lines[3]}\n`],
      ['/api/import/queue-log?tenant=pbx', `${lines[4]}\n`],
    ]);
    // The hour between the CONNECT and the end passes in a minute at 60x.
    expect(posts[2]!.clock - posts[0]!.clock).toBe(60_000);
    expect(stub.requests.some((r) => r.path === '/graphql')).toBe(false);
  });

  it('retries a transient failure with the same batch, and stops at a refusal', async () => {
    stub.script({ status: 503, body: { error: 'busy' } });
    const retried = await cli(['anonymous-bank', csv, '--target', target, '--token', 'T', '--speed', 'max']);
    expect(retried.code).toBe(0);
    const [failed, again] = stub.posts();
    expect(again!.body).toBe(failed!.body);
    expect(retried.stderr).toMatch(/failed \(HTTP 503.*\); retrying/);
    expect(retried.stderr).toContain('posting again after 1 failed attempt(s)');

    stub.requests.length = 0;
    stub.script({ status: 400, body: { errors: [{ index: 0, path: 'queue', message: 'bad' }] } });
    const refused = await cli(['anonymous-bank', csv, '--target', target, '--token', 'T', '--speed', 'max']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('stopping: server refused the batch with HTTP 400: {"errors":[{"index":0,"path":"queue","message":"bad"}]}');
    expect(stub.posts()).toHaveLength(1);
  });

  it('goes on, with a warning, when the token may not set the tenant zone', async () => {
    stub.graphql({ status: 200, body: { errors: [{ message: 'not allowed to manage tenant "bank"' }] } });
    try {
      const { code, stderr } = await cli(['anonymous-bank', csv, '--target', target, '--token', 'T', '--speed', 'max']);
      expect(code).toBe(0);
      expect(stderr).toContain(`warning: could not set tenant bank's time zone to Asia/Jerusalem (not allowed to manage tenant "bank")`);
    } finally {
      stub.graphql({ status: 200, body: { data: { setTenantSettings: { id: 'bank' } } } });
    }
  });

  it('stops on Ctrl-C between batches', async () => {
    const stop = new AbortController();
    const { code, stderr } = await cli(['anonymous-bank', csv, '--target', target, '--token', 'T', '--speed', '60'], {
      signal: stop.signal,
      sleep: async (ms) => {
        clock += ms;
        stop.abort();
      },
    });
    expect(code).toBe(130);
    expect(stderr).toMatch(/stopped: \d+ events accepted/);
    expect(stub.posts()).toHaveLength(1);
  });
});

describe('replay CLI: usage', () => {
  it('explains usage errors with exit code 2', async () => {
    const t = ['--target', 'http://localhost:1', '--token', 'T'];
    const cases: [string[], RegExp][] = [
      [[], /name what to replay/],
      [['nope', csv], /unknown replay "nope"/],
      [['anonymous-bank'], /anonymous-bank needs a FILE/],
      [['anonymous-bank', csv, 'extra', ...t], /unexpected argument "extra"/],
      [['anonymous-bank', csv], /needs --target URL \(or --out FILE\)/],
      [['anonymous-bank', csv, ...t, '--out', 'x'], /exclude each other/],
      [['anonymous-bank', csv, '--target', 'http://localhost:1'], /--target needs --token/],
      [['anonymous-bank', csv, ...t, '--tenant', 'a b'], /--tenant must match/],
      [['anonymous-bank', csv, ...t, '--speed=-1'], /--speed must be a positive number, 0 or max/],
      [['anonymous-bank', csv, ...t, '--speed', 'fast'], /--speed must be a positive number, 0 or max/],
      [['anonymous-bank', csv, ...t, '--from', '1999-02-30'], /--from "1999-02-30" is not a date/],
      [['anonymous-bank', csv, ...t, '--days', '0'], /--days must be a whole number >= 1/],
      [['anonymous-bank', csv, ...t, '--format', 'csv'], /--format must be events or queue-log/],
      [['anonymous-bank', csv, ...t, '--shift-to-today', '--no-shift-to-today'], /contradict/],
      [['anonymous-bank', csv, ...t, '--time-zone', 'Mars/Olympus'], /--time-zone: unknown time zone/],
      [['anonymous-bank', csv, '--target', 'ftp://x', '--token', 'T'], /must be http/],
      [['queue-log', csv, ...t, '--tenant', 'x', '--from', '1999-01-04'], /--from do not apply to queue-log/],
      [['anonymous-bank', csv, '--bogus'], /Unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(message);
    }
    expect(stub.requests).toEqual([]);
  });

  it('prints help, and fails plainly on a missing file or days with no records', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('npm run replay -- anonymous-bank FILE --target URL --token TOKEN');
    const missing = await cli(['anonymous-bank', join(dir, 'nope.csv'), '--out', join(dir, 'x')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/ENOENT/);
    const empty = await cli(['anonymous-bank', csv, '--out', join(dir, 'x'), '--from', '1999-02-01']);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('no records in');
  });
});
