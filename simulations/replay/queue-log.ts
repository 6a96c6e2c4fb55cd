/**
 * The same calls as Asterisk `queue_log` lines, so that they can go through Floorboard's
 * queue_log importer as well as through events, and the two can be compared.
 *
 * Line format `epoch|callid|queue|agent|event|data1|data2|...` (epoch in seconds):
 *
 * | record | lines |
 * | --- | --- |
 * | PHANTOM, or no q_start | none (as for events) |
 * | q_start | `ENTERQUEUE` at q_start, agent NONE, data `url|callerid` = `|customer_key` |
 * | AGENT | `CONNECT` at q_exit, data `holdtime|bridgedchanneluniqueid|ringtime` = `wait|callid-agent|0` |
 * | AGENT with ser_start and ser_exit | `COMPLETECALLER` at q_exit + talk, data `holdtime|calltime|origposition` |
 * | HANG | `ABANDON` at q_exit, agent NONE, data `position|origposition|waittime` |
 *
 * callid is `bank-${date}-${vru_line}-${call_id}` (Asterisk writes its channel's uniqueid
 * there; any string without `|` will do). The data does not say who hung up a completed
 * call; COMPLETECALLER is written (COMPLETEAGENT carries the same fields). Wait and talk are
 * the same as the events' (wait = q_time, talk = ser_exit − ser_start, both whole seconds),
 * so nothing the metrics need is lost; what queue_log cannot carry is the caller's priority
 * and the explicit zero wrap-up (queue_log has no wrap-up).
 *
 * Positions are real, from the data: origposition is 1 + the calls of the same queue that
 * entered before this one and were still waiting when it entered; the position at abandon
 * is 1 + those of them still waiting when it left. (The bank served by priority, so a call
 * could move up past others; this counts who entered earlier, as Asterisk's position does.)
 */
import { UNKNOWN_AGENT, isOffered, talkMsOf, type BankRecord } from './anonymous-bank.ts';

/** Asterisk's uniqueid field for a record's call. */
export function queueLogCallId(r: BankRecord): string {
  return `bank-${r.date}-${r.key}`;
}

/** The queue_log lines of the records, in time order (a call's own lines in their order). */
export function recordsToQueueLog(records: readonly BankRecord[]): string[] {
  const positions = entryPositions(records);
  const timed: { ms: number; seq: number; line: string }[] = [];
  let seq = 0;
  const emit = (ms: number, fields: (string | number)[]) => {
    timed.push({ ms, seq: seq++, line: [Math.floor(ms / 1000), ...fields].join('|') });
  };
  for (const r of records) {
    if (!isOffered(r)) continue;
    const callid = queueLogCallId(r);
    const queue = r.type;
    const qStart = r.qStart!;
    emit(qStart.ms, [callid, queue, 'NONE', 'ENTERQUEUE', '', r.customerKey]);
    if (r.qExit === null) continue;
    const wait = Math.round((r.qExit.ms - qStart.ms) / 1000);
    const pos = positions.get(r)!;
    if (r.outcome === 'HANG') {
      emit(r.qExit.ms, [callid, queue, 'NONE', 'ABANDON', pos.atExit, pos.atEntry, wait]);
      continue;
    }
    const agent = r.server ?? UNKNOWN_AGENT;
    emit(r.qExit.ms, [callid, queue, agent, 'CONNECT', wait, `${callid}-agent`, 0]);
    const talkMs = talkMsOf(r);
    if (talkMs !== null) {
      emit(r.qExit.ms + talkMs, [callid, queue, agent, 'COMPLETECALLER', wait, Math.round(talkMs / 1000), pos.atEntry]);
    }
  }
  timed.sort((a, b) => a.ms - b.ms || a.seq - b.seq);
  return timed.map((t) => t.line);
}

/** Position on entering the queue and on leaving it, counting calls that entered earlier. */
function entryPositions(records: readonly BankRecord[]): Map<BankRecord, { atEntry: number; atExit: number }> {
  const byQueue = new Map<string, BankRecord[]>();
  for (const r of records) {
    if (!isOffered(r)) continue;
    let list = byQueue.get(r.type);
    if (list === undefined) byQueue.set(r.type, (list = []));
    list.push(r);
  }
  const out = new Map<BankRecord, { atEntry: number; atExit: number }>();
  for (const list of byQueue.values()) {
    list.sort((a, b) => a.qStart!.ms - b.qStart!.ms);
    // Exit instants of the calls ahead that are still waiting (Infinity: never left).
    let waiting: number[] = [];
    for (const r of list) {
      const enter = r.qStart!.ms;
      waiting = waiting.filter((exit) => exit > enter);
      const exit = r.qExit?.ms ?? Infinity;
      const atExit = 1 + waiting.filter((other) => other > exit).length;
      out.set(r, { atEntry: waiting.length + 1, atExit });
      waiting.push(exit);
    }
  }
  return out;
}

/** Epoch ms of a queue_log line, or null for a line with no leading epoch (blank, comment, junk). */
export function queueLogLineMs(line: string): number | null {
  const m = /^\s*(\d{9,11})(\.\d+)?\|/.exec(line);
  if (!m) return null;
  return Math.round(Number(`${m[1]}${m[2] ?? ''}`) * 1000);
}
