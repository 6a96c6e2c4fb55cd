/**
 * The proof of the metrics on real calls: the first DAYS days of January 1999 of the Anonymous
 * Bank replayed into the real server on both stores, through events and through the queue_log
 * importer, and every day × queue the server reports compared with the numbers computed
 * straight from the records by metrics.md (simulations/replay/independent-stats.ts, which
 * shares no code with the server). Counts must agree exactly, rates and times to 1e-6.
 *
 * Why not the whole month: 31 days are 60,496 events (46,934 queue_log lines); through both
 * stores and both paths this file then takes about 28 s alone and 53 s beside other test files
 * on the 2-core CI machine, against about 12 s for a week. The first week (1 to 7 January,
 * every weekday once: 9,487 records, 4,814 offered to a queue, 17,728 events, 39 day × queue
 * rows) runs the same code on the same kinds of record. FLOORBOARD_REPLAY_DAYS=31 runs the
 * month (it passes: 156 day × queue rows on 29 days; the 11th and 12th have no calls).
 *
 * Through queue_log every compared number can match, and does: the lines carry each call's
 * entry, answer, end and abandon to the second, as the records do. What they cannot carry
 * (the caller's priority; an explicit zero wrap-up, where the importer sends no
 * contact.wrapped) changes none of these numbers.
 *
 * An interval the server returns with no contact in it (agent time only; in the month, the
 * call of 13 January answered in TT with no service times never ends, so its agent stays busy
 * in TT into the 15th) stands for the same as an omitted one; compareDays allows it, and
 * nothing else.
 *
 * How a record becomes events is written down in simulations/replay/anonymous-bank.ts (and
 * as queue_log lines in simulations/replay/queue-log.ts); in short: q_start → contact.queued in
 * the queue named by `type`; AGENT → contact.answered at q_exit (so the wait is q_time), then
 * contact.ended and contact.wrapped at q_exit + (ser_exit − ser_start); HANG → contact.abandoned
 * at q_exit; PHANTOM records and calls that never queued → nothing.
 *
 * Dates: the server keeps 1-day buckets five years, so 1999 is past every retention. The month
 * is replayed on recent dates: every record moved by the same whole number of weeks (weekdays
 * stay), ending before today, keeping each call's local time of entering the queue and all its
 * durations; the server's day D + shift is compared with the record's day D. The tenant's zone
 * is set to Asia/Jerusalem first, so its days are the data's days. Depending on today's date the
 * shifted month may cross a clock change in Israel; the comparison holds either way, since a
 * contact's day is the local day it entered the queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_ZONE, bankEvents, independentDailyStats, selectDays, shiftRecord, type BankRecord } from '../../simulations/replay/anonymous-bank.ts';
import { recordsToQueueLog } from '../../simulations/replay/queue-log.ts';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { storeCases } from '../helpers/require.ts';
import { compareDays, monthRecords, serverDays, weeksShiftDays, type ServerDay } from './replay-check.ts';

const MONTH = '1999-01';
const FIRST_DAY = '1999-01-01';
const DAYS = Number(process.env.FLOORBOARD_REPLAY_DAYS ?? 7);
/** Events per POST (the server takes up to 10,000). */
const BATCH = 5_000;

const records: BankRecord[] = selectDays(monthRecords(MONTH), FIRST_DAY, DAYS);
const shiftDays = weeksShiftDays(records, Date.now());
const shifted = records.map((r) => shiftRecord(r, shiftDays));
const expected = independentDailyStats(records, { T: 20, S: 5 });
// The all-queues row of each day: the same computation with every record in one queue.
const expectedAll = independentDailyStats(records.map((r) => ({ ...r, type: '*' })), { T: 20, S: 5 });
const queues = [...new Set(expected.map((d) => d.queue))].sort();
// Contacts belong to the day they entered the queue: a call of the last day may queue after midnight.
const LAST_DAY = expected.reduce((max, d) => (d.day > max ? d.day : max), FIRST_DAY);
const offered = expected.reduce((n, d) => n + d.offered, 0);

describe.each(storeCases())('Anonymous Bank, January 1999, replayed (%s store)', (_store, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(opts);
  });
  afterAll(() => app.close());

  async function newBankTenant(): Promise<string> {
    const tenant = uniqueTenant('bank');
    const r = await app.graphql('mutation($t: ID!) { setTenantSettings(tenant: $t, input: { timeZone: "Asia/Jerusalem" }) { id timeZone } }', { t: tenant });
    expect(r.errors).toBeUndefined();
    return tenant;
  }

  async function serverNumbers(tenant: string): Promise<{ perQueue: ServerDay[]; all: ServerDay[] }> {
    const perQueue = (await Promise.all(queues.map((q) => serverDays(app, tenant, q, FIRST_DAY, LAST_DAY, shiftDays, BANK_ZONE)))).flat();
    const all = await serverDays(app, tenant, null, FIRST_DAY, LAST_DAY, shiftDays, BANK_ZONE);
    return { perQueue, all };
  }

  it('reports every day and queue as computed from the records, through events', async () => {
    const tenant = await newBankTenant();
    const events = bankEvents(shifted, tenant);
    for (let i = 0; i < events.length; i += BATCH) {
      const batch = events.slice(i, i + BATCH);
      const res = await app.postEvents(batch);
      expect(res.status).toBe(202);
      expect(await res.json()).toEqual({ accepted: batch.length, duplicates: 0 });
      // Batch by batch: settled() waits at most 10 s, and the Redis store's backlog after a
      // month posted at once would take longer than that to aggregate.
      await app.settled();
    }
    const { perQueue, all } = await serverNumbers(tenant);
    expect(compareDays(expected, perQueue)).toEqual([]);
    expect(compareDays(expectedAll, all)).toEqual([]);
    // Every day × queue with calls was compared, and they hold every call offered.
    expect(perQueue.filter((d) => d.offered > 0).length).toBe(expected.length);
    expect(perQueue.reduce((n, d) => n + d.offered, 0)).toBe(offered);
  });

  it('reports the same through the queue_log importer', async () => {
    const tenant = await newBankTenant();
    const lines = recordsToQueueLog(shifted);
    for (let i = 0; i < lines.length; i += BATCH) {
      const res = await fetch(`${app.url}/api/import/queue-log?tenant=${tenant}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${app.token}` },
        body: `${lines.slice(i, i + BATCH).join('\n')}\n`,
      });
      expect(res.status, await res.clone().text()).toBe(202);
      await app.settled();
    }
    const { perQueue, all } = await serverNumbers(tenant);
    expect(compareDays(expected, perQueue)).toEqual([]);
    expect(compareDays(expectedAll, all)).toEqual([]);
    expect(perQueue.filter((d) => d.offered > 0).length).toBe(expected.length);
  });
});
