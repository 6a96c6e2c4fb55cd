/**
 * What the replay tests share: loading a month of Anonymous Bank records, moving them to
 * recent dates the server keeps, and reading the server's daily numbers back by original day.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BANK_ZONE, bankRecords, type BankRecord, type DailyQueueStats } from '../../simulations/replay/anonymous-bank.ts';
import { addDays, dayNumber, localDate, localToEpochMs } from '../../simulations/replay/local-time.ts';
import type { TestApp } from '../helpers/app.ts';

export const DATA_DIR = fileURLToPath(new URL('../../../shared/data/replay/', import.meta.url));

const cache = new Map<string, BankRecord[]>();
/** The records of a month file, e.g. '1999-01' (parsed once per test file). */
export function monthRecords(month: string): BankRecord[] {
  let records = cache.get(month);
  if (records === undefined) {
    records = bankRecords(readFileSync(`${DATA_DIR}anonymous_bank_${month}.csv`, 'utf8'));
    cache.set(month, records);
  }
  return records;
}

/**
 * Whole weeks to add to the records' dates so that the replay ends before today (local) with
 * a day to spare: weekdays stay, and the server keeps the days (1999 is past every retention).
 */
export function weeksShiftDays(records: readonly BankRecord[], now: number, zone = BANK_ZONE): number {
  let last = -Infinity;
  for (const r of records) {
    for (const t of [r.qStart, r.qExit, r.serExit]) if (t) last = Math.max(last, dayNumber(t.date));
  }
  const today = dayNumber(localDate(now, zone));
  return 7 * Math.floor((today - 1 - last) / 7);
}

/** Server numbers of one interval, as the test reads them. */
export interface ServerDay {
  day: string;
  queue: string;
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  overflowed: number;
  handled: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: number | null;
  maxWaitSeconds: number | null;
}

export const STAT_FIELDS = [
  'offered', 'answered', 'answeredWithinThreshold', 'abandoned', 'shortAbandoned', 'overflowed', 'handled',
  'serviceLevel', 'asaSeconds', 'ahtSeconds', 'abandonRate', 'maxWaitSeconds',
] as const;
export const COUNT_FIELDS = new Set<string>(['offered', 'answered', 'answeredWithinThreshold', 'abandoned', 'shortAbandoned', 'overflowed', 'handled']);

/**
 * The server's DAY1 intervals of `queue` (null: all queues summed, reported as queue '*') over
 * the shifted days of [firstDay, lastDay], each labelled with its original day.
 */
export async function serverDays(
  app: TestApp,
  tenant: string,
  queue: string | null,
  firstDay: string,
  lastDay: string,
  shiftDays: number,
  zone = BANK_ZONE,
): Promise<ServerDay[]> {
  const from = localToEpochMs(dayNumber(firstDay) + shiftDays, 0, zone);
  const to = localToEpochMs(dayNumber(lastDay) + shiftDays + 1, 0, zone);
  const r = await app.graphql(
    `query($t: ID!, $q: ID, $from: DateTime!, $to: DateTime!) {
      intervals(tenant: $t, queue: $q, from: $from, to: $to, step: DAY1) { start ${STAT_FIELDS.join(' ')} } }`,
    { t: tenant, q: queue, from: new Date(from).toISOString(), to: new Date(to).toISOString() },
  );
  if (r.errors) throw new Error(`intervals: ${JSON.stringify(r.errors)}`);
  return (r.data.intervals as ({ start: string } & Omit<ServerDay, 'day' | 'queue'>)[]).map(({ start, ...stats }) => {
    const startMs = Date.parse(start);
    const localDay = localDate(startMs, zone);
    // DAY1 intervals start at local midnight in the tenant's zone (if not, the day labels lie).
    if (localToEpochMs(dayNumber(localDay), 0, zone) !== startMs) throw new Error(`interval ${start} does not start at local midnight in ${zone}`);
    return { day: addDays(localDay, -shiftDays), queue: queue ?? '*', ...stats };
  });
}

export interface Mismatch {
  day: string;
  queue: string;
  field: string;
  expected: number | null | undefined;
  actual: number | null | undefined;
}

/** An interval the server returns that holds no contact: agent time only (metrics.md slices agent time into intervals too). */
export function hasNoContact(d: ServerDay): boolean {
  return [...COUNT_FIELDS].every((f) => d[f as keyof ServerDay] === 0);
}

/**
 * Field by field: counts exactly, rates and times to 1e-6. A (day, queue) on one side only is a
 * mismatch of `offered`, except a server interval with no contact in it (agent time only),
 * which stands for the same as an omitted one.
 */
export function compareDays(expected: readonly DailyQueueStats[], actual: readonly ServerDay[]): Mismatch[] {
  const key = (d: { day: string; queue: string }) => `${d.day}|${d.queue}`;
  const byKey = new Map(actual.map((d) => [key(d), d]));
  const out: Mismatch[] = [];
  for (const e of expected) {
    const a = byKey.get(key(e));
    byKey.delete(key(e));
    if (a === undefined) {
      out.push({ day: e.day, queue: e.queue, field: 'offered', expected: e.offered, actual: undefined });
      continue;
    }
    for (const f of STAT_FIELDS) {
      const [x, y] = [e[f], a[f]];
      const same = x === null || y === null || COUNT_FIELDS.has(f) ? x === y : Math.abs(x - y) <= 1e-6;
      if (!same) out.push({ day: e.day, queue: e.queue, field: f, expected: x, actual: y });
    }
  }
  for (const a of byKey.values()) if (!hasNoContact(a)) out.push({ day: a.day, queue: a.queue, field: 'offered', expected: undefined, actual: a.offered });
  return out;
}
