/**
 * `npm run import`: a file posted in chunks, as a child process, gives the numbers of one
 * request; --follow picks up appended lines, a rotated and a truncated file, and stops on a
 * signal (every follow test is bounded: it stops itself).
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError, parseCliArgs, runImport, splitLines, type ImportOptions } from '../../server/ingest/import-cli.ts';
import { ADMIN_TOKEN, eventually, uniqueTenant } from '../helpers/app.ts';
import { storeCases } from '../helpers/require.ts';
import { startImportApp, type ImportTestApp } from './import-app.ts';
import { DATA_DIR, noonZone, queueLogSample, shiftQueueLog } from './samples.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'server/ingest/import-cli.ts');

/** Run the CLI as `npm run import` would (tsx), collecting its output. */
function cli(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done };
}

describe('import CLI arguments', () => {
  it('reads the adapter, file and options, with the token and target from the environment', () => {
    const o = parseCliArgs(['queue-log', 'x.log', '--tenant', 'acme', '--follow', '--chunk-lines', '500'], { FLOORBOARD_TOKEN: 'tok', FLOORBOARD_URL: 'http://h:1/' });
    expect(o).toMatchObject({ adapter: 'queue-log', tenant: 'acme', token: 'tok', target: 'http://h:1', follow: true, chunkLines: 500, fromEnd: false });
    expect((o as ImportOptions).file).toMatch(/\/x\.log$/);
  });

  it('explains what is missing or wrong', () => {
    const err = (argv: string[]) => (parseCliArgs(argv, {}) as { error: string }).error;
    expect(err(['csv', 'x'])).toContain('one of queue-log, amazon-connect');
    expect(err(['queue-log'])).toContain('exactly one FILE');
    expect(err(['queue-log', 'x', '--token', 't'])).toContain('--tenant is required');
    expect(err(['queue-log', 'x', '--tenant', 'a'])).toContain('--token');
    expect(err(['amazon-connect', 'x', '--tenant', 'a', '--token', 't', '--follow'])).toContain('queue-log files only');
    expect(err(['queue-log', 'x', '--tenant', 'a', '--token', 't', '--chunk-lines', '0'])).toContain('--chunk-lines');
    expect(err(['queue-log', 'x', '--tenant', 'a', '--token', 't', '--bogus'])).toContain("Unknown option '--bogus'");
  });

  it('splits bytes into numbered lines, keeping an unfinished one back', () => {
    const r = splitLines(Buffer.from('a\r\n\nb\nc'), 10, false);
    expect(r.items).toEqual([
      { text: 'a', line: 10 },
      { text: 'b', line: 12 },
    ]);
    expect(r.rest.toString()).toBe('c');
    expect(r.next).toBe(13);
  });
});

describe.each(storeCases())('import CLI against a running app (%s store)', (_store, opts) => {
  let app: ImportTestApp;
  let dir: string;
  beforeAll(async () => {
    app = await startImportApp(opts);
    dir = mkdtempSync(join(tmpdir(), 'fb-import-'));
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const fresh = async () => {
    const t = uniqueTenant('cli');
    await app.setTimeZone(t, noonZone());
    return t;
  };
  const options = (file: string, tenant: string, o: Partial<ImportOptions> = {}): ImportOptions => ({
    adapter: 'queue-log',
    file,
    tenant,
    target: app.importUrl,
    token: ADMIN_TOKEN,
    follow: false,
    fromEnd: false,
    chunkLines: 2000,
    chunkBytes: 1 << 20,
    pollMs: 50,
    skipBadLines: false,
    ...o,
  });

  it('posts a file in chunks of lines (the real command): the numbers of one request', async () => {
    const text = shiftQueueLog(queueLogSample('asterisk2slack_fixture.queue_log'), Date.now() - 30_000);
    const file = join(dir, 'fixture.queue_log');
    writeFileSync(file, text);
    const [chunked, whole] = [await fresh(), await fresh()];
    const run = cli(['queue-log', file, '--tenant', chunked, '--target', app.importUrl, '--token', ADMIN_TOKEN, '--chunk-lines', '3']);
    const out = await run.done;
    expect(out.code, out.stderr).toBe(0);
    // 21 non-blank lines in 7 requests; the duplicate lines are duplicates whichever request they fall in.
    expect(JSON.parse(out.stdout)).toEqual({ requests: 7, accepted: 11, duplicates: 15, lines: 21, skipped: 4, unknownVerbs: {}, badLines: 0 });
    expect(out.stderr).toContain('lines 1-3: accepted');
    await app.postQueueLog(whole, text);
    expect(await app.queues(chunked)).toEqual(await app.queues(whole));
  });

  it('posts an Amazon Connect file whole', async () => {
    const t = await fresh();
    const totals = await runImport(options(join(DATA_DIR, 'connect/contact_event_samples.jsonc'), t, { adapter: 'amazon-connect' }));
    expect(totals).toMatchObject({ requests: 1, accepted: 4, lines: 2 });
  });

  it('stops at lines the server refuses, naming them in the file; --skip-bad-lines drops them and goes on', async () => {
    const at = Math.floor(Date.now() / 1000) - 60;
    const file = join(dir, 'bad.queue_log');
    writeFileSync(file, [`${at}|c1|q|NONE|ENTERQUEUE||1|1`, 'garbage', `${at + 5}|c1|q|SIP/1|CONNECT|5|x|1`, ''].join('\n'));
    const t = await fresh();
    await expect(runImport(options(file, t))).rejects.toThrow(ImportError);
    await expect(runImport(options(file, t))).rejects.toThrow(/line 2: not a queue_log line/);
    const totals = await runImport(options(file, t, { skipBadLines: true }));
    expect(totals).toMatchObject({ accepted: 2, badLines: 1 });
  });

  it('--follow posts appended lines, waits for a line to be finished, survives rotation and truncation', async () => {
    const t = await fresh();
    const lines = shiftQueueLog(queueLogSample('issue759_attended_transfer.queue_log'), Date.now() - 30_000).split('\n');
    const file = join(dir, 'live.queue_log');
    writeFileSync(file, lines.slice(0, 3).join('\n') + '\n');
    const stop = new AbortController();
    const log: string[] = [];
    const running = runImport(options(file, t, { follow: true }), { signal: stop.signal, log: (m) => log.push(m) });
    const row = async (id: string) => (await app.queues(t)).find((r) => r.id === id);
    try {
      await eventually(async () => (await row('1501'))?.today.answered === 1, 10_000, 'the first lines');

      // A line written in two parts is posted once it is finished.
      appendFileSync(file, `${lines[3]}\n${lines[4]!.slice(0, 20)}`);
      await new Promise((r) => setTimeout(r, 200));
      appendFileSync(file, `${lines[4]!.slice(20)}\n${lines[5]}\n`);
      await eventually(async () => (await row('1501'))?.today.transferredOut === 1 && (await row('1509'))?.waiting === 1, 10_000, 'the transfer');

      // Rotation: the writer finishes the old file, then starts a new one.
      renameSync(file, `${file}.1`);
      appendFileSync(`${file}.1`, `${lines[6]}\n`);
      writeFileSync(file, `${lines[7]}\n`);
      await eventually(async () => (await row('1509'))?.today.handled === 1, 10_000, 'the lines around the rotation');
      expect(log.join('\n')).toContain('was rotated');

      // Truncation (copytruncate): the file starts again, shorter.
      const late = `${Math.floor(Date.now() / 1000) - 5}|late|1501|NONE|ENTERQUEUE||1|1\n`;
      writeFileSync(file, late);
      await eventually(async () => (await row('1501'))?.waiting === 1, 10_000, 'the line after the truncation');
      expect(log.join('\n')).toContain('was truncated');
    } finally {
      stop.abort();
    }
    const totals = await running;
    expect(totals.lines).toBe(9);
    expect(totals.accepted).toBe(8); // 7 events of the sample and the late caller
    expect((await row('1501'))!.today.offered).toBe(2);
  });

  it('--follow as the real command: picks up an appended line and exits cleanly on SIGTERM', async () => {
    const t = await fresh();
    const file = join(dir, 'signal.queue_log');
    writeFileSync(file, '');
    const run = cli(['queue-log', file, '--tenant', t, '--target', app.importUrl, '--token', ADMIN_TOKEN, '--follow', '--poll-ms', '50']);
    try {
      appendFileSync(file, `${Math.floor(Date.now() / 1000) - 5}|c1|sales|NONE|ENTERQUEUE||1|1\n`);
      await eventually(async () => (await app.queues(t)).find((r) => r.id === 'sales')?.waiting === 1, 15_000, 'the appended line');
    } finally {
      run.child.kill('SIGTERM');
    }
    const out = await run.done;
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ requests: 1, accepted: 1 });
  });
});
