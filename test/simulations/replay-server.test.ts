/**
 * The replay commands end to end, as the issue writes them, against the real server (memory
 * store): `npm run replay -- anonymous-bank FILE --target URL --speed 60` and
 * `npm run replay -- queue-log FILE --target URL` (with the token and, for queue_log, the
 * tenant the import endpoint needs). A day of the Anonymous Bank's real calls goes through
 * each, paced on a fake clock (sleeping moves it, instantly), and the server's numbers of that
 * day must equal those computed straight from the records (independent-stats.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_ZONE, independentDailyStats, selectDays, shiftRecord } from '../../simulations/replay/anonymous-bank.ts';
import { main } from '../../simulations/replay/cli.ts';
import { dayNumber, localDate } from '../../simulations/replay/local-time.ts';
import { recordsToQueueLog } from '../../simulations/replay/queue-log.ts';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { DATA_DIR, compareDays, monthRecords, serverDays } from '../replay/replay-check.ts';

const DAY = '1999-01-04'; // a Monday
const FILE = `${DATA_DIR}anonymous_bank_1999-01.csv`;
const records = selectDays(monthRecords('1999-01'), DAY, 1);
const expected = independentDailyStats(records, { T: 20, S: 5 });
const queues = [...new Set(expected.map((d) => d.queue))].sort();
const lastDay = expected.reduce((max, d) => (d.day > max ? d.day : max), DAY);
const dir = mkdtempSync(join(tmpdir(), 'floorboard-replay-server-'));

/** Runs the replay command line on a fake clock that starts now and moves when it sleeps. */
async function replay(args: string[]): Promise<{ code: number; stderr: string; sleptMs: number }> {
  let clock = Date.now();
  const start = clock;
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on('data', (c: Buffer) => chunks.push(c));
  const code = await main(args, {
    stdout: new PassThrough(),
    stderr,
    env: {},
    now: () => clock,
    sleep: async (ms) => {
      clock += ms;
    },
  });
  return { code, stderr: Buffer.concat(chunks).toString('utf8'), sleptMs: clock - start };
}

describe('the replay commands into a real server', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The days the replay moved to today (local in the bank's zone), as the command does. */
  const shiftToToday = () => dayNumber(localDate(Date.now(), BANK_ZONE)) - dayNumber(DAY);

  async function serverNumbers(tenant: string, shiftDays: number) {
    return (await Promise.all(queues.map((q) => serverDays(app, tenant, q, DAY, lastDay, shiftDays, BANK_ZONE)))).flat();
  }

  it('anonymous-bank FILE --target URL --speed 60: a day of calls, paced an hour a minute, counted as the records say', async () => {
    const tenant = uniqueTenant('bank');
    const shiftDays = shiftToToday();
    const { code, stderr, sleptMs } = await replay(['anonymous-bank', FILE, '--target', app.url, '--token', app.token, '--tenant', tenant, '--speed', '60', '--from', DAY, '--days', '1']);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(new RegExp(`replaying ${records.length} records from ${DAY} \\(1 day\\), shifted ${shiftDays} days`));
    expect(stderr).toMatch(/done: \d+ events accepted, 0 duplicates/);
    // At 60x a day of calls (first to last, about 18 hours) takes about 18 minutes of the clock.
    expect(sleptMs).toBeGreaterThan(10 * 60_000);
    expect(sleptMs).toBeLessThan(25 * 60_000);
    await app.settled();
    // The command set the tenant's zone to the data's, so the server's days are the data's days.
    const zone = await app.graphql<{ tenants: { id: string; timeZone: string }[] }>('{ tenants { id timeZone } }');
    expect(zone.data!.tenants.find((t) => t.id === tenant)?.timeZone).toBe(BANK_ZONE);
    expect(compareDays(expected, await serverNumbers(tenant, shiftDays))).toEqual([]);
    expect(expected.reduce((n, d) => n + d.offered, 0)).toBeGreaterThan(500);
  });

  it('queue-log FILE --target URL: the same calls as Asterisk queue_log lines, through the importer, counted the same', async () => {
    const tenant = uniqueTenant('pbx');
    const shiftDays = shiftToToday();
    const file = join(dir, 'bank.queue_log');
    writeFileSync(file, `${recordsToQueueLog(records.map((r) => shiftRecord(r, shiftDays))).join('\n')}\n`);
    // The importer reads the lines in the tenant's zone days: set it first, as an admin would.
    const set = await app.graphql('mutation($t: ID!) { setTenantSettings(tenant: $t, input: { timeZone: "Asia/Jerusalem" }) { id } }', { t: tenant });
    expect(set.errors).toBeUndefined();
    const { code, stderr } = await replay(['queue-log', file, '--target', app.url, '--token', app.token, '--tenant', tenant]);
    expect(code, stderr).toBe(0);
    expect(stderr).toMatch(/done: \d+ lines accepted/);
    await app.settled();
    expect(compareDays(expected, await serverNumbers(tenant, shiftDays))).toEqual([]);
  });
});
