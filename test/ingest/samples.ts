/**
 * The shared sample files (../shared/data, read in place: see its README) and rewriting their
 * times to "now": the wallboard's numbers are today's, the samples are years old.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { splitCsv } from '../../server/ingest/adapters/queue-log-read.ts';

export const DATA_DIR = fileURLToPath(new URL('../../../shared/data/', import.meta.url));

export const QUEUE_LOG_SAMPLES = [
  'asterisk2slack_fixture.queue_log',
  'issue759_attended_transfer.queue_log',
  'wazo_table_samples.txt',
  'db_export_voipreports1.csv',
] as const;
export const CONNECT_SAMPLES = ['agent_event_sample.jsonc', 'contact_event_samples.jsonc'] as const;

export function queueLogSample(name: (typeof QUEUE_LOG_SAMPLES)[number]): string {
  return readFileSync(`${DATA_DIR}queue_log/${name}`, 'utf8');
}

export function connectSample(name: (typeof CONNECT_SAMPLES)[number]): string {
  return readFileSync(`${DATA_DIR}connect/${name}`, 'utf8');
}

/**
 * AWS's published agent event sample closes CurrentAgentSnapshot one brace early (line 16), so
 * it is not JSON even without its comments. The server refuses it (a test proves that); this
 * is the sample with that one brace removed, to test what it means.
 */
export function repairedAgentSample(): string {
  const lines = connectSample('agent_event_sample.jsonc').split('\n');
  if (lines[15]!.trim() !== '} ,') throw new Error('the agent sample changed: look at its line 16 again');
  lines[15] = '      ,';
  return lines.join('\n');
}

const EPOCH = /^\d{9,10}(\.\d+)?$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})(\.\d+)?$/;

/** Times in a queue_log line's time field: epoch seconds or a UTC date-time (SQL dumps). */
function readTime(s: string): number | null {
  if (EPOCH.test(s)) return Math.floor(Number(s));
  const m = DATE_TIME.exec(s);
  return m ? DateTime.fromSQL(m[1]!, { zone: 'UTC' }).toSeconds() : null;
}

function shiftTime(s: string, by: number): string {
  if (EPOCH.test(s)) {
    const [whole, frac] = s.split('.');
    return `${Number(whole) + by}${frac !== undefined ? `.${frac}` : ''}`;
  }
  const m = DATE_TIME.exec(s)!;
  return DateTime.fromSQL(m[1]!, { zone: 'UTC' }).plus({ seconds: by }).toFormat('yyyy-LL-dd HH:mm:ss') + (m[2] ?? '');
}

/**
 * The queue_log text with every line's time moved by whole seconds so the latest is `endMs`
 * (fractions and relative times kept; date-times read as UTC: post with tz=UTC). Call ids are
 * left alone: they only have to be unique.
 */
export function shiftQueueLog(text: string, endMs: number): string {
  const lines = text.split('\n');
  let csvTime: number[] | null = null;
  const timeFields = (line: string): { cells: string[]; at: number[]; sep: string } | null => {
    const t = line.trim();
    if (!t || t.startsWith('#')) return null;
    if (t.includes('|')) return { cells: line.split('|'), at: [0], sep: '|' };
    const cells = splitCsv(line);
    if (!cells) return null;
    const lower = cells.map((c) => c.trim().toLowerCase());
    if (lower.includes('callid')) {
      csvTime = ['date_time', 'time'].map((n) => lower.indexOf(n)).filter((i) => i >= 0);
      return null;
    }
    return csvTime ? { cells, at: csvTime, sep: ',' } : null;
  };
  let latest = -Infinity;
  for (const line of lines) {
    const f = timeFields(line);
    // The first time column rules: a CSV export's second one is a local time of unknown zone.
    if (f) latest = Math.max(latest, readTime(f.cells[f.at[0]!]!.trim()) ?? -Infinity);
  }
  const by = Math.round(endMs / 1000) - latest;
  csvTime = null;
  return lines
    .map((line) => {
      const f = timeFields(line);
      if (!f) return line;
      for (const i of f.at) {
        const v = f.cells[i]!.trim();
        if (readTime(v) !== null) f.cells[i] = shiftTime(v, by);
      }
      return f.sep === ',' ? f.cells.map((c) => (/[",]|\s/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') : f.cells.join('|');
    })
    .join('\n');
}

const ISO = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)"/g;

/** JSON text with every ISO-8601 UTC time moved so the latest is `endMs` (relative times kept). */
export function shiftIsoTimes(text: string, endMs: number): string {
  let latest = -Infinity;
  for (const m of text.matchAll(ISO)) latest = Math.max(latest, Date.parse(m[1]!));
  const by = endMs - latest;
  return text.replace(ISO, (_, t: string) => `"${new Date(Date.parse(t) + by).toISOString()}"`);
}

/**
 * A time zone in which it is about noon now, so that hours of sample data ending now fall
 * within the tenant's "today" whatever the hour of the test run.
 */
export function noonZone(now = Date.now()): string {
  const offset = 12 - new Date(now).getUTCHours(); // -11 … 12, all valid Etc/GMT zones
  if (offset === 0) return 'Etc/UTC';
  // Etc/GMT-5 is five hours *ahead* of UTC (POSIX signs).
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
