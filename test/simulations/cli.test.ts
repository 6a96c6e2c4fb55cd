import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEvent, type IngestEvent } from '../../schema/events.ts';
import { main, type CliIo } from '../../simulations/cli.ts';
import { createFloor } from '../../simulations/floor.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { stationaryScenario } from '../../simulations/scenarios/stationary.ts';
import { checkLifecycle } from './lifecycle.ts';
import { startIngestStub } from './ingest-stub.ts';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'floorboard-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function cli(args: string[], overrides: Partial<CliIo> = {}) {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: {},
    interrupted: () => new Promise(() => {}),
    now: () => NOW,
    ...overrides,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function ndjson(text: string): IngestEvent[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as IngestEvent);
}

describe('simulate CLI', () => {
  it('writes a simulated span as NDJSON to a file, the same events as the floor', async () => {
    const out = join(dir, 'events.ndjson');
    const { code, stderr } = await cli(['--scenario', 'bpo', '--seed', '7', '--hours', '2', '--start', '2026-11-23T08:00:00Z', '--out', out]);
    expect(code).toBe(0);
    const events = ndjson(readFileSync(out, 'utf8'));
    const start = Date.parse('2026-11-23T08:00:00Z');
    expect(events).toEqual(createFloor(bpo, { seed: 7, startMs: start }).advance(start + 2 * 3_600_000));
    expect(events.every((e, i) => parseEvent(e, i).ok)).toBe(true);
    expect(stderr).toContain(`wrote ${events.length} events`);
  });

  it('writes to standard output by default, ending at now', async () => {
    const { code, stdout } = await cli(['--hours', '0.5', '--run-id', 'cli-test']);
    expect(code).toBe(0);
    const events = ndjson(stdout);
    expect(events.every((e) => e.id.startsWith('cli-test-'))).toBe(true);
    expect(events[0]?.at).toBe(new Date(NOW - 30 * 60_000).toISOString());
  });

  it('explains usage errors with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--scenario', 'nope'], /unknown scenario "nope"; available: bpo/],
      [['--hours', '0'], /--hours must be a positive number/],
      [['--hours=-1'], /--hours must be a positive number/],
      [['--seed', '1.5'], /--seed must be an integer/],
      [['--start', 'yesterday'], /--start "yesterday" is not an ISO-8601 instant/],
      [['--bogus'], /Unknown option '--bogus'/],
      [['extra'], /unexpected argument "extra"/],
      [['--token', 'T'], /need --target/],
      [['--target', 'http://localhost:8080'], /--target needs --token/],
      [['--target', 'http://localhost:8080', '--token', 'T', '--out', 'x.ndjson'], /--out only apply to NDJSON output/],
      [['--target', 'ftp://x', '--token', 'T'], /must be http/],
      [['--run-id', 'a b'], /--run-id must match/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(message);
      expect(stderr).toContain('--help');
    }
  });

  it('reports an unwritable output as an error, not a crash', async () => {
    const { code, stderr } = await cli(['--hours', '0.1', '--out', join(dir, 'missing', 'dir', 'x.ndjson')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/ENOENT/);
  });

  it('simulates a stationary queue from the command line: the textbook M/M/K+M, to a file', async () => {
    const out = join(dir, 'stationary.ndjson');
    const args = ['--arrivals-per-hour', '450', '--aht-seconds', '240', '--service', 'exponential', '--agents', '30', '--hours', '3', '--seed', '5', '--patience-seconds', '120'];
    const { code, stderr } = await cli([...args, '--start', '2026-11-23T08:00:00Z', '--out', out]);
    expect(code).toBe(0);
    const events = ndjson(readFileSync(out, 'utf8'));
    const start = Date.parse('2026-11-23T08:00:00Z');
    const scenario = stationaryScenario({ arrivalsPerHour: 450, ahtSeconds: 240, service: 'exponential', agents: 30, patienceSeconds: 120 });
    expect(events).toEqual(createFloor(scenario, { seed: 5, startMs: start }).advance(start + 3 * 3_600_000));
    expect(events.every((e, i) => parseEvent(e, i).ok)).toBe(true);
    expect(checkLifecycle(events, scenario).violations).toEqual([]);
    // 30 agents log in once and never leave; some callers hang up.
    expect(events.filter((e) => e.type === 'agent.state')).toHaveLength(30);
    expect(events.some((e) => e.type === 'contact.abandoned')).toBe(true);
    expect(new Set(events.map((e) => e.tenant))).toEqual(new Set(['sim']));
    expect(stderr).toContain('offered load 30.00 Erlangs on 30 agents');
  });

  it('lets nobody abandon without --patience-seconds, and takes lognormal handle times, a tenant and a queue', async () => {
    const { code, stdout, stderr } = await cli([
      '--arrivals-per-hour', '200', '--aht-seconds', '300', '--service', 'lognormal', '--cv', '1.4',
      '--agents', '5', '--hours', '2', '--tenant', 'lab', '--queue', 'line-1',
    ]);
    expect(code).toBe(0);
    const events = ndjson(stdout);
    expect(events.some((e) => e.type === 'contact.abandoned' || e.type === 'contact.overflowed')).toBe(false);
    expect(events.filter((e) => e.type === 'contact.queued').every((e) => e.tenant === 'lab' && e.type === 'contact.queued' && e.queue === 'line-1')).toBe(true);
    // 16.7 Erlangs on 5 agents, and nobody gives up: the user is told the line only grows.
    expect(stderr).toMatch(/warning: the load is at or above the agents and nobody abandons/);
  });

  it('names the bad stationary-queue option in its usage errors', async () => {
    const ok = ['--arrivals-per-hour', '100', '--aht-seconds', '200', '--agents', '4'];
    const without = (name: string) => {
      const i = ok.indexOf(name);
      return [...ok.slice(0, i), ...ok.slice(i + 2)];
    };
    const cases: [string[], RegExp][] = [
      [without('--aht-seconds'), /a stationary queue needs --aht-seconds/],
      [['--patience-seconds', '60'], /a stationary queue needs --arrivals-per-hour, --aht-seconds, --agents/],
      [[...without('--arrivals-per-hour'), '--arrivals-per-hour', '0'], /--arrivals-per-hour must be a positive number, got "0"/],
      [[...without('--aht-seconds'), '--aht-seconds', 'long'], /--aht-seconds must be a positive number, got "long"/],
      [[...without('--agents'), '--agents', '2.5'], /--agents must be a whole number from 1 to 10000, got "2.5"/],
      [[...without('--agents'), '--agents', '0'], /--agents must be a whole number/],
      [[...ok, '--service', 'gamma'], /--service must be exponential or lognormal, got "gamma"/],
      [[...ok, '--cv', '1'], /--cv applies to --service lognormal only/],
      [[...ok, '--service', 'lognormal', '--cv=-1'], /--cv must be a number >= 0, got "-1"/],
      [[...ok, '--patience-seconds=-5'], /--patience-seconds must be a positive number, got "-5"/],
      [[...ok, '--tenant', 'no spaces'], /--tenant must match/],
      [[...ok, '--scenario', 'bpo'], /--scenario and the stationary-queue options .* exclude each other/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await cli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(message);
    }
  });

  it('feeds a stationary queue live with --target', async () => {
    const stub = await startIngestStub();
    try {
      const { code } = await cli(
        ['--arrivals-per-hour', '600', '--aht-seconds', '180', '--agents', '12', '--target', stub.url, '--token', 'T', '--warmup-minutes', '20', '--tick-ms', '20'],
        {
          interrupted: async () => {
            while (stub.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
          },
        },
      );
      expect(code).toBe(0);
      const posted = stub.acknowledged();
      expect(posted.filter((e) => e.type === 'agent.state')).toHaveLength(12);
      expect(posted.filter((e) => e.type === 'contact.queued').length).toBeGreaterThan(100); // 20 minutes at 600 an hour
      expect(posted.every((e) => e.tenant === 'sim')).toBe(true);
    } finally {
      await stub.close();
    }
  });

  it('prints usage with --help', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('npm run simulate -- --scenario bpo --seed 7 --hours 2 --out events.ndjson');
    expect(stdout).toContain('--target URL');
    expect(stdout).toContain('--arrivals-per-hour 450 --aht-seconds 240 --service exponential --agents 30');
    for (const option of ['--patience-seconds P', '--service D', '--agents K', '--hours H', '--seed N']) expect(stdout).toContain(option);
  });

  it('feeds a server live until interrupted, with the token from the environment', async () => {
    const stub = await startIngestStub();
    try {
      const { code, stderr } = await cli(['--target', stub.url, '--warmup-minutes', '10', '--tick-ms', '20'], {
        env: { FLOORBOARD_TOKEN: 'from-env' },
        // Interrupt as soon as the history has arrived.
        interrupted: async () => {
          while (stub.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        },
      });
      expect(code).toBe(0);
      expect(stub.requests[0]?.headers.authorization).toBe('Bearer from-env');
      expect(stub.acknowledged().length).toBeGreaterThan(100);
      expect(stderr).toMatch(/warmup: 10 simulated minutes, \d+ events posted/);
      expect(stderr).toMatch(/stopped: \d+ events posted in \d+ batches, 0 failed attempts/);
    } finally {
      await stub.close();
    }
  });
});
