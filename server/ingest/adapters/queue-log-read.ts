/**
 * Reading Asterisk queue_log text into records, whatever wrote it: the file itself
 * (`epoch|callid|queue|agent|event|data1|…`), a dump of the SQL table with date-times
 * (Wazo: `2012-07-03 15:27:23.896208|1341343640.4|NONE|Agent/3001|…`, psql's padding and
 * header included) and CSV exports of that table with a header row (the voipreports loader
 * moved fields around and added derived columns; see queue-log.md).
 *
 * Pure: no event is made here, only records with their line numbers and the list of lines
 * that cannot be read.
 */
import { DateTime } from 'luxon';

export interface QueueLogRecord {
  /** 1-based line number in the text read */
  line: number;
  /** epoch milliseconds */
  at: number;
  callid: string;
  queue: string;
  agent: string;
  /** upper-cased */
  verb: string;
  /** data1, data2, … in the positions Asterisk writes them (trailing empty fields dropped) */
  data: string[];
  /** The record in one canonical form, whatever format it came in: what its event ids hash. */
  key: string;
}

export interface LineProblem {
  line: number;
  message: string;
}

export interface ReadOptions {
  /** IANA zone of date-times written without an offset (SQL dumps). */
  timeZone: string;
  /** Columns of a CSV export whose header came earlier (a file sent in several requests). */
  csvColumns?: readonly string[] | null;
}

export interface ReadResult {
  records: QueueLogRecord[];
  problems: LineProblem[];
  /** Non-blank lines seen. */
  lines: number;
  /** Comments, table headers and separators: lines that are fine but hold no record. */
  ignored: number;
  /** The CSV header in force after this text (to carry into the next request). */
  csvColumns: string[] | null;
}

const MIN_MS = Date.UTC(2000, 0, 1);
const MAX_MS = Date.UTC(9999, 11, 31);
const EPOCH = /^\d{9,13}(\.\d+)?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** A queue_log time: epoch seconds (fractions allowed; 13 digits are taken as milliseconds) or a date-time. */
export function parseTime(raw: string, timeZone: string): number | string {
  const s = raw.trim();
  let ms: number;
  if (EPOCH.test(s)) {
    const n = Number(s);
    ms = Math.round(n >= 1e11 ? n : n * 1000);
  } else {
    const m = DATE_TIME.exec(s);
    if (!m) return `time "${s.slice(0, 40)}" is neither epoch seconds nor a date-time`;
    // luxon reads at most milliseconds: cut microseconds rather than let it round past a second.
    const frac = m[3] ? m[3].slice(0, 4) : '';
    const zone = m[4] ?? '';
    const dt = DateTime.fromISO(`${m[1]}T${m[2]}${frac}${zone}`, { zone: timeZone });
    if (!dt.isValid) return `time "${s.slice(0, 40)}" is not a valid date-time (${dt.invalidExplanation ?? dt.invalidReason})`;
    ms = dt.toMillis();
  }
  if (ms < MIN_MS || ms > MAX_MS) return `time "${s.slice(0, 40)}" is outside 2000-01-01 … 9999-12-31`;
  return ms;
}

function record(line: number, at: number, callid: string, queue: string, agent: string, verb: string, rawData: readonly string[]): QueueLogRecord {
  const data = rawData.map((d) => d.trim());
  while (data.length && data[data.length - 1] === '') data.pop();
  const key = [at, callid, queue, agent, verb, ...data].join('|');
  return { line, at, callid, queue, agent, verb, data, key };
}

/** psql output around a table dump: its header, the `---+---` rule and the `(n rows)` footer. */
function isTableChrome(line: string): boolean {
  return /^[-+\s]+$/.test(line) || /^\(\d+ rows?\)$/.test(line) || /^time\s*\|/i.test(line);
}

function readPipeLine(n: number, line: string, timeZone: string): QueueLogRecord | LineProblem {
  const f = line.split('|').map((s) => s.trim());
  if (f.length < 5) return { line: n, message: `expected at least 5 fields (time|callid|queue|agent|event), found ${f.length}` };
  const at = parseTime(f[0]!, timeZone);
  if (typeof at === 'string') return { line: n, message: at };
  const verb = f[4]!.toUpperCase();
  if (!verb) return { line: n, message: 'the event (5th field) is empty' };
  return record(n, at, f[1]!, f[2]!, f[3]!, verb, f.slice(5));
}

// ---- CSV exports of the queue_log table ----------------------------------------------------

/** Split one CSV row (RFC 4180 quoting); null when a quote is left open. */
export function splitCsv(line: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cur += '"';
          i++;
        } else quoted = false;
      } else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quoted) return null;
  out.push(cur);
  return out;
}

const COLUMN_ROLES = {
  // An epoch column first: the voipreports `time` column is a local date-time of unknown zone.
  time: ['date_time', 'epoch', 'timestamp', 'time', 'datetime'],
  callid: ['callid', 'call_id', 'uniqueid'],
  queue: ['queuename', 'queue_name', 'queue'],
  // The voipreports loader calls the agent column `type`.
  agent: ['agent', 'membername', 'member', 'type'],
  verb: ['event', 'verb'],
} as const;

interface CsvLayout {
  time: number[];
  callid: number;
  queue: number;
  agent: number;
  verb: number;
  data: number[];
  /** voipreports: derived hold/talk times and positions that replace some data fields */
  derived: { htime: number; ttime: number; entpos: number; expos: number } | null;
}

function csvLayout(columns: readonly string[]): CsvLayout | string {
  const at = (names: readonly string[]) => {
    for (const name of names) {
      const i = columns.indexOf(name);
      if (i >= 0) return i;
    }
    return -1;
  };
  const layout: CsvLayout = {
    time: COLUMN_ROLES.time.map((n) => columns.indexOf(n)).filter((i) => i >= 0),
    callid: at(COLUMN_ROLES.callid),
    queue: at(COLUMN_ROLES.queue),
    agent: at(COLUMN_ROLES.agent),
    verb: at(COLUMN_ROLES.verb),
    data: columns
      .map((name, i) => ({ m: /^(?:data|param)(\d)$/.exec(name), i }))
      .filter((x) => x.m)
      .sort((a, b) => Number(a.m![1]) - Number(b.m![1]))
      .map((x) => x.i),
    derived: null,
  };
  const missing: string[] = layout.time.length ? [] : ['time'];
  for (const k of ['callid', 'queue', 'agent', 'verb'] as const) if (layout[k] < 0) missing.push(k);
  if (missing.length) return `CSV header lacks the column(s) ${missing.join(', ')}`;
  const [htime, ttime, entpos, expos] = ['htime', 'ttime', 'entpos', 'expos'].map((n) => columns.indexOf(n)) as [number, number, number, number];
  if (htime >= 0 && ttime >= 0 && entpos >= 0 && expos >= 0) layout.derived = { htime, ttime, entpos, expos };
  return layout;
}

/** A header row of a queue_log table export: names a call id and an event column. */
function csvHeader(line: string): string[] | null {
  if (line.includes('|')) return null;
  const cols = splitCsv(line)?.map((c) => c.trim().toLowerCase());
  if (!cols || cols.length < 5) return null;
  return cols.some((c) => (COLUMN_ROLES.callid as readonly string[]).includes(c)) && cols.some((c) => (COLUMN_ROLES.verb as readonly string[]).includes(c)) ? cols : null;
}

/**
 * Data fields back in Asterisk's positions for the voipreports export, which kept the caller
 * number in param1 and moved hold time, talk time and positions into their own columns
 * (found by comparing its rows with app_queue.c; the EXITWITHKEY key column is a guess: the
 * export holds none).
 */
function voipreportsData(verb: string, p: readonly string[], d: { htime: string; ttime: string; entpos: string; expos: string }): string[] {
  switch (verb) {
    case 'ENTERQUEUE':
      return ['', p[0] ?? '', d.entpos];
    case 'CONNECT':
      return [d.htime, p[1] ?? '', p[2] ?? ''];
    case 'COMPLETECALLER':
    case 'COMPLETEAGENT':
      return [d.htime, d.ttime, d.entpos];
    case 'ABANDON':
    case 'EXITWITHTIMEOUT':
    case 'EXITEMPTY':
      return [d.expos, d.entpos, d.htime];
    case 'EXITWITHKEY':
      return [p[1] ?? '', d.expos, d.entpos, d.htime];
    case 'BLINDTRANSFER':
    case 'TRANSFER':
    case 'ATTENDEDTRANSFER':
      return [p[1] ?? '', p[2] ?? '', d.htime, d.ttime, d.entpos];
    default:
      return [...p];
  }
}

function readCsvRow(n: number, cells: readonly string[], columns: readonly string[], layout: CsvLayout, timeZone: string): QueueLogRecord | LineProblem {
  if (cells.length !== columns.length) return { line: n, message: `CSV row has ${cells.length} fields, its header ${columns.length}` };
  const cell = (i: number) => (cells[i] ?? '').trim();
  let at: number | string = 'no time column has a value';
  for (const i of layout.time) {
    if (!cell(i)) continue;
    at = parseTime(cell(i), timeZone);
    if (typeof at === 'number') break;
  }
  if (typeof at === 'string') return { line: n, message: at };
  const verb = cell(layout.verb).toUpperCase();
  if (!verb) return { line: n, message: 'the event column is empty' };
  let data = layout.data.map(cell);
  // Old realtime schemas keep all data in one `data` column, pipe-separated.
  const single = columns.indexOf('data');
  if (layout.data.length === 0 && single >= 0) data = cell(single).split('|');
  if (layout.derived) {
    const d = layout.derived;
    data = voipreportsData(verb, data, { htime: cell(d.htime), ttime: cell(d.ttime), entpos: cell(d.entpos), expos: cell(d.expos) });
  }
  return record(n, at, cell(layout.callid), cell(layout.queue), cell(layout.agent), verb, data);
}

// ---- the whole text --------------------------------------------------------------------------

export function readQueueLog(text: string, opts: ReadOptions): ReadResult {
  const out: ReadResult = { records: [], problems: [], lines: 0, ignored: 0, csvColumns: opts.csvColumns ? [...opts.csvColumns] : null };
  let layout: CsvLayout | string | null = out.csvColumns ? csvLayout(out.csvColumns) : null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i]!.replace(/\r$/, '').trim();
    if (line === '') continue;
    out.lines++;
    if (line.startsWith('#') || isTableChrome(line)) {
      out.ignored++;
      continue;
    }
    const header = csvHeader(line);
    if (header) {
      const l = csvLayout(header);
      if (typeof l === 'string') {
        out.problems.push({ line: n, message: l });
        continue;
      }
      out.csvColumns = header;
      layout = l;
      out.ignored++;
      continue;
    }
    let r: QueueLogRecord | LineProblem;
    const csv = layout && typeof layout !== 'string' && out.csvColumns ? { layout, columns: out.csvColumns } : null;
    const cells = csv ? splitCsv(line) : null;
    if (csv && cells && cells.length === csv.columns.length) {
      r = readCsvRow(n, cells, csv.columns, csv.layout, opts.timeZone);
    } else if (line.includes('|')) {
      r = readPipeLine(n, line, opts.timeZone);
    } else if (out.csvColumns) {
      r = { line: n, message: cells ? `CSV row has ${cells.length} fields, its header ${out.csvColumns.length}` : 'CSV row has an unclosed quote' };
    } else {
      r = { line: n, message: 'not a queue_log line: expected time|callid|queue|agent|event|data…' };
    }
    if ('verb' in r) out.records.push(r);
    else out.problems.push(r);
  }
  return out;
}
