/**
 * The "Anonymous Bank" call records (an Israeli bank's call center, 1999; Technion Service
 * Engineering lab, Guedj and Mandelbaum; see shared/data/README.md) as Floorboard events.
 *
 * ## How a record becomes events
 *
 * A record is one call: it passes the VRU (voice response unit), may enter a queue, and is
 * answered by an agent ("server") or hangs up. Columns: vru_line, call_id, customer_key,
 * priority, type, date, vru_entry, vru_exit, vru_time, q_start, q_exit, q_time, outcome,
 * ser_start, ser_exit, ser_time, server. Times are HH:MM:SS wall-clock in Israel
 * (Asia/Jerusalem, the tenant's zone); `date` is the day of vru_entry.
 *
 * | record | events |
 * | --- | --- |
 * | outcome PHANTOM | none: the data's authors say to ignore these (not calls) |
 * | no q_start | none: the call never entered a queue (answered straight from the VRU, or hung up there), so it is not offered to any queue |
 * | q_start | `contact.queued` at q_start, queue = `type` (PS regular, PE English, IN internet, NE stock exchange, NW prospects, TT callback), channel `voice`, priority = `priority` (0 unidentified, 1 regular, 2 high) |
 * | AGENT | `contact.answered` at **q_exit**, agent = server |
 * | AGENT with ser_start and ser_exit | `contact.ended` at q_exit + (ser_exit − ser_start), then `contact.wrapped` at the same instant |
 * | AGENT without service times (23 in January, 6 in October) | answered only: answered, never handled (and its agent stays busy on it until the server forgets the call) |
 * | q_start but no q_exit (none in the two files) | queued only: no outcome known, as if still waiting |
 * | HANG | `contact.abandoned` at q_exit, whatever the service columns say |
 *
 * Why the answer is at q_exit and not at ser_start: q_time = q_exit − q_start on every record,
 * while ser_start is mostly 1-2 s before q_exit (the agents' clock and the queue's clock
 * disagree: in January 10,413 of 13,562 answered records, and 98 by more than 3 s). Answering at q_exit makes the wait
 * Floorboard measures (answered − queued) exactly the data's q_time. Ending at
 * q_exit + (ser_exit − ser_start) keeps the talk time exactly the data's ser_time, at the cost
 * of moving the end 1-2 s later than ser_exit. Both durations are the data's own; only the
 * agent clock's offset is dropped.
 *
 * Why `contact.wrapped` at the end: the data has no after-call work, so wrap-up is zero
 * (metrics.md: handle time = talk + wrap). Left out, the end of a call would leave its agent
 * "in wrap-up" on the wallboard until the next call; stated as zero, the agent is free again.
 * Handle time is the same either way.
 *
 * Agents: `server` names the agent; NO_SERVER (in 3 January AGENT records after a queue) is
 * no known agent, but the contract requires one on an answer, so those are answered by
 * `UNKNOWN_AGENT`. The 83 January HANG records that queued and have service times (all but one
 * with NO_SERVER) are abandons: the outcome column is the data's verdict.
 *
 * Times: vru_entry is on `date`; each later time of the call (vru_exit, q_start, q_exit,
 * ser_start, ser_exit) is the first such clock time after the one before it, unless it reads
 * at most an hour earlier: that is clock skew (the data has vru_exit up to 139 s before
 * vru_entry and ser_start up to 738 s before q_exit), and it stays just before. So a call
 * crossing midnight ends the next day, one waiting 7 hours and served 17 hours (a PHANTOM
 * record of October) ends two days later, and a ser_start a second before a q_exit just after
 * midnight stays the day before. January and October 1999 were both standard time in Israel
 * (+02:00; summer time ran 2 April to 3 September 1999), so no record falls in a clock
 * change; replays shifted to recent dates can, which `shiftRecord` handles.
 *
 * Ids: call_id alone is not unique (it repeats across VRU lines: 1,838 times on the same day
 * in January), vru_line + call_id is unique in each file. The contact is
 * `${date}:${vru_line}-${call_id}` and its events are `bank:${date}:${vru_line}-${call_id}:${kind}`,
 * so posting a file twice changes nothing, and a day replayed onto another date (shifted) is
 * a different contact. Should a file repeat a vru_line + call_id, an identical row is dropped
 * and a different one gets a suffix (`~2`), so no two calls share a contact.
 */
import type { IngestEvent } from '../../schema/events.ts';
import { csvObjects } from './csv.ts';
import { addDays, clockSeconds, dayNumber, isoWithOffset, localToEpochMs } from './local-time.ts';

export { independentDailyStats, type DailyQueueStats, type Thresholds } from './independent-stats.ts';

/** The zone the records' clock times are read in. */
export const BANK_ZONE = 'Asia/Jerusalem';
/** Largest backward step between consecutive times of a call read as clock skew, not as a day later. */
const MAX_SKEW_S = 3_600;

/** Agent id for answers the data attributes to no agent (server NO_SERVER). */
export const UNKNOWN_AGENT = 'unknown';

export const BANK_COLUMNS = [
  'vru_line', 'call_id', 'customer_key', 'priority', 'type', 'date',
  'vru_entry', 'vru_exit', 'vru_time', 'q_start', 'q_exit', 'q_time',
  'outcome', 'ser_start', 'ser_exit', 'ser_time', 'server',
] as const;

const OUTCOMES = ['AGENT', 'HANG', 'PHANTOM'] as const;
export type BankOutcome = (typeof OUTCOMES)[number];

/** A clock time of a record, placed on its day. */
export interface BankTime {
  /** Local calendar date (YYYY-MM-DD) the clock time falls on. */
  readonly date: string;
  /** Seconds after local midnight. */
  readonly seconds: number;
  /** The instant, epoch ms. */
  readonly ms: number;
}

export interface BankRecord {
  /** `${vru_line}-${call_id}`, unique within a file (a suffix ~n makes it so). */
  readonly key: string;
  readonly vruLine: string;
  readonly callId: string;
  readonly customerKey: string;
  readonly priority: number | null;
  /** The queue: PS, PE, IN, NE, NW or TT (AA appears on calls that never queued). */
  readonly type: string;
  /** Day of vru_entry, YYYY-MM-DD. */
  readonly date: string;
  readonly vruEntry: BankTime | null;
  readonly vruExit: BankTime | null;
  readonly qStart: BankTime | null;
  readonly qExit: BankTime | null;
  readonly serStart: BankTime | null;
  readonly serExit: BankTime | null;
  /** The data's own durations in seconds (0 where blank; vru_time is negative on a few records). */
  readonly vruTime: number;
  readonly qTime: number;
  readonly serTime: number;
  readonly outcome: BankOutcome;
  /** The agent; null for NO_SERVER or blank. */
  readonly server: string | null;
}

/**
 * Parse a file of call records. Rows are checked rather than guessed at: an unknown outcome,
 * a malformed date or clock time throws with the row number.
 */
export function bankRecords(csvText: string, zone = BANK_ZONE): BankRecord[] {
  const { header, rows } = csvObjects(csvText);
  const missing = BANK_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Error(`not an Anonymous Bank file: missing column(s) ${missing.join(', ')}`);
  const out: BankRecord[] = [];
  // Rows by key, to drop exact repeats and tell apart different calls that share a key.
  const seen = new Map<string, string[]>();
  rows.forEach((row, n) => {
    const line = n + 2;
    let record: BankRecord;
    try {
      record = toRecord(row, zone);
    } catch (error) {
      throw new Error(`row ${line}: ${(error as Error).message}`);
    }
    const raw = BANK_COLUMNS.map((c) => row[c]).join(',');
    const same = seen.get(record.key);
    if (same === undefined) {
      seen.set(record.key, [raw]);
    } else {
      if (same.includes(raw)) return;
      same.push(raw);
      record = { ...record, key: `${record.key}~${same.length}` };
    }
    out.push(record);
  });
  return out;
}

function toRecord(row: Record<string, string>, zone: string): BankRecord {
  const get = (c: (typeof BANK_COLUMNS)[number]) => row[c] ?? '';
  const vruLine = get('vru_line');
  const callId = get('call_id');
  if (!vruLine || !callId) throw new Error('vru_line and call_id are required');
  const date = get('date');
  dayNumber(date); // throws on a malformed date
  const outcome = get('outcome').toUpperCase();
  if (!(OUTCOMES as readonly string[]).includes(outcome)) throw new Error(`unknown outcome ${JSON.stringify(get('outcome'))}`);

  // Each time goes on the day nearest to the previous time of the call (see the header).
  let previous: { day: number; seconds: number } = { day: dayNumber(date), seconds: -1 };
  const place = (column: (typeof BANK_COLUMNS)[number]): BankTime | null => {
    const text = get(column);
    if (text === '') return null;
    const seconds = clockSeconds(text);
    if (seconds === null) throw new Error(`${column} ${JSON.stringify(text)} is not a time HH:MM:SS`);
    let day = previous.day;
    if (previous.seconds >= 0) {
      // Forward up to 23 hours (a call can wait or talk for hours: one October record talks
      // 17 h), backward up to one hour (clocks disagree by up to 12 minutes).
      const forward = (((seconds - previous.seconds) % 86_400) + 86_400) % 86_400;
      const back = forward === 0 ? 0 : 86_400 - forward;
      const at = previous.day * 86_400 + previous.seconds + (back <= MAX_SKEW_S ? -back : forward);
      day = Math.floor(at / 86_400);
    }
    previous = { day, seconds };
    return { date: addDays(date, day - dayNumber(date)), seconds, ms: localToEpochMs(day, seconds, zone) };
  };
  const vruEntry = place('vru_entry');
  const vruExit = place('vru_exit');
  const qStart = place('q_start');
  const qExit = place('q_exit');
  const serStart = place('ser_start');
  const serExit = place('ser_exit');

  const server = get('server');
  const priority = get('priority');
  return {
    key: `${vruLine}-${callId}`,
    vruLine,
    callId,
    customerKey: get('customer_key'),
    priority: /^\d+$/.test(priority) ? Number(priority) : null,
    type: get('type'),
    date,
    vruEntry,
    vruExit,
    qStart,
    qExit,
    serStart,
    serExit,
    vruTime: seconds(get('vru_time'), 'vru_time'),
    qTime: seconds(get('q_time'), 'q_time'),
    serTime: seconds(get('ser_time'), 'ser_time'),
    outcome: outcome as BankOutcome,
    server: server === '' || server.toUpperCase() === 'NO_SERVER' ? null : server,
  };
}

function seconds(text: string, column: string): number {
  if (text === '') return 0;
  // Signed: 37 records have a vru_exit a minute before their vru_entry (a clock glitch), vru_time < 0.
  if (!/^-?\d+$/.test(text)) throw new Error(`${column} ${JSON.stringify(text)} is not a whole number of seconds`);
  return Number(text);
}

/** Whether the record is a call offered to a queue (the rest produce no events). */
export function isOffered(r: BankRecord): boolean {
  return r.outcome !== 'PHANTOM' && r.qStart !== null;
}

/** The contact id of a record's call. */
export function contactId(r: BankRecord): string {
  return `${r.date}:${r.key}`;
}

/** The events of one record (see the table in this file's header). In event-time order. */
export function recordToEvents(r: BankRecord, tenant: string, zone = BANK_ZONE): IngestEvent[] {
  if (!isOffered(r)) return [];
  const contact = contactId(r);
  const base = { tenant, contact, queue: r.type };
  const id = (kind: string) => `bank:${contact}:${kind}`;
  const at = (ms: number) => isoWithOffset(ms, zone);
  const events: IngestEvent[] = [
    {
      ...base,
      id: id('queued'),
      type: 'contact.queued',
      at: at(r.qStart!.ms),
      channel: 'voice',
      ...(r.priority === null ? {} : { priority: r.priority }),
    },
  ];
  if (r.qExit === null) return events; // still waiting when the record was cut: no outcome known
  if (r.outcome === 'HANG') {
    events.push({ ...base, id: id('abandoned'), type: 'contact.abandoned', at: at(r.qExit.ms) });
    return events;
  }
  const agent = r.server ?? UNKNOWN_AGENT;
  events.push({ ...base, id: id('answered'), type: 'contact.answered', at: at(r.qExit.ms), agent });
  const talkMs = talkMsOf(r);
  if (talkMs !== null) {
    const end = at(r.qExit.ms + talkMs);
    events.push({ ...base, id: id('ended'), type: 'contact.ended', at: end, agent });
    events.push({ ...base, id: id('wrapped'), type: 'contact.wrapped', at: end, agent });
  }
  return events;
}

/** Talk time of an answered record in ms (ser_exit − ser_start), null without both. */
export function talkMsOf(r: BankRecord): number | null {
  if (r.serStart === null || r.serExit === null) return null;
  return Math.max(0, r.serExit.ms - r.serStart.ms);
}

/**
 * The record moved `days` calendar days (a replay of 1999 on recent dates). The call keeps
 * its local wall-clock time of entering the queue, so it lands in the same interval of the
 * day, and every duration; only around a clock change on the new date do its later times
 * read an hour off on the wall, which is what really happens to a call across a clock change.
 */
export function shiftRecord(r: BankRecord, days: number, zone = BANK_ZONE): BankRecord {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  if (days === 0) return r;
  const anchor = r.qStart ?? r.vruEntry ?? r.vruExit ?? r.qExit ?? r.serStart ?? r.serExit;
  if (anchor === null) return { ...r, date: addDays(r.date, days) };
  const anchorMs = localToEpochMs(dayNumber(anchor.date) + days, anchor.seconds, zone);
  const move = (t: BankTime | null): BankTime | null =>
    t === null ? null : { date: addDays(t.date, days), seconds: t.seconds, ms: anchorMs + (t.ms - anchor.ms) };
  return {
    ...r,
    date: addDays(r.date, days),
    vruEntry: move(r.vruEntry),
    vruExit: move(r.vruExit),
    qStart: move(r.qStart),
    qExit: move(r.qExit),
    serStart: move(r.serStart),
    serExit: move(r.serExit),
  };
}

/** Records of the days `from` (YYYY-MM-DD, default the first) for `days` days (default all), by `date`. */
export function selectDays(records: readonly BankRecord[], from?: string, days?: number): BankRecord[] {
  const first = from ?? records.reduce<string | undefined>((min, r) => (min === undefined || r.date < min ? r.date : min), undefined);
  if (first === undefined) return [];
  const end = days === undefined ? undefined : addDays(first, days);
  return records.filter((r) => r.date >= first && (end === undefined || r.date < end));
}

/** Every event of the records, in event-time order (ties keep the records' order and each contact's own order). */
export function bankEvents(records: readonly BankRecord[], tenant: string, zone = BANK_ZONE): IngestEvent[] {
  const timed: { ms: number; seq: number; event: IngestEvent }[] = [];
  let seq = 0;
  for (const r of records) {
    for (const event of recordToEvents(r, tenant, zone)) timed.push({ ms: Date.parse(event.at as string), seq: seq++, event });
  }
  timed.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
  return timed.map((t) => t.event);
}
