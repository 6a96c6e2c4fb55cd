import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEvent, type IngestEvent } from '../../schema/events.ts';
import { main, type CliIo } from '../../simulations/cli.ts';
import { createFloor } from '../../simulations/floor.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
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

  it('prints usage with --help', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('npm run simulate -- --scenario bpo --seed 7 --hours 2 --out events.ndjson');
    expect(stdout).toContain('--target URL');
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
