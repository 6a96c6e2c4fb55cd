/**
 * The Anonymous Bank replay without a server: parsing, how a record becomes events and
 * queue_log lines, the independent daily numbers, and moving records to other dates.
 *
 * How a record becomes events (the full table is in simulations/replay/anonymous-bank.ts):
 * - PHANTOM, or no q_start: no events (never offered to a queue).
 * - q_start: contact.queued at q_start in queue `type`, channel voice.
 * - AGENT: contact.answered at q_exit by `server` (so the wait is exactly q_time); with service
 *   times, contact.ended and contact.wrapped at q_exit + (ser_exit − ser_start) (talk is exactly
 *   ser_time, wrap-up zero). NO_SERVER answers are by agent "unknown".
 * - HANG: contact.abandoned at q_exit (even with service columns filled).
 * The hand-checked records below show each case; the whole-file tests show the waits and talk
 * times of every record of both months survive the conversion.
 */
import { readFileSync } from 'node:fs';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseEvent, type IngestEvent } from '../../schema/events.ts';
import {
  bankEvents,
  bankRecords,
  independentDailyStats,
  recordToEvents,
  selectDays,
  shiftRecord,
  type BankRecord,
} from '../../simulations/replay/anonymous-bank.ts';
import { parseCsv } from '../../simulations/replay/csv.ts';
import { dayNumber, isoWithOffset, localToEpochMs } from '../../simulations/replay/local-time.ts';
import { queueLogLineMs, recordsToQueueLog } from '../../simulations/replay/queue-log.ts';
import { DATA_DIR, monthRecords } from './replay-check.ts';
import { HEADER, SAMPLE } from './sample.ts';

const byKey = (records: BankRecord[], key: string) => records.find((r) => r.key === key)!;
const ms = (iso: string) => Date.parse(iso);

describe('parsing the records', () => {
  const records = bankRecords(SAMPLE);

  it('reads every row once, keyed by VRU line and call id', () => {
    expect(records.map((r) => r.key)).toEqual([
      'AA0101-1', 'AA0101-7', 'AA0101-2', 'AA0101-3', 'AA0101-4', 'AA0101-5', 'AA0101-6', 'AA0102-1', 'AA0102-2', 'AA0102-3',
    ]);
    const r = byKey(records, 'AA0101-1');
    expect(r).toMatchObject({ vruLine: 'AA0101', callId: '1', customerKey: '11', priority: 1, type: 'PS', date: '1999-01-04', outcome: 'AGENT', server: 'DANA', qTime: 10, serTime: 180 });
    // Israel in January is UTC+2.
    expect(r.qStart).toEqual({ date: '1999-01-04', seconds: 9 * 3600 + 6, ms: ms('1999-01-04T07:00:06Z') });
    expect(byKey(records, 'AA0101-3').server).toBeNull();
    expect(byKey(records, 'AA0101-3').serStart).toBeNull();
    expect(byKey(records, 'AA0102-3').priority).toBeNull();
  });

  it('places times after midnight on the next day, and a ser_start just before a q_exit on the same side', () => {
    const late = byKey(records, 'AA0102-1');
    expect(late.qStart?.date).toBe('1999-01-04');
    expect(late.qExit).toEqual({ date: '1999-01-05', seconds: 20, ms: ms('1999-01-04T22:00:20Z') });
    expect(late.serStart?.ms).toBe(ms('1999-01-04T22:00:19Z'));
    const next = byKey(records, 'AA0102-2');
    expect(next.date).toBe('1999-01-04');
    expect(next.vruEntry?.date).toBe('1999-01-04');
    expect(next.qStart?.date).toBe('1999-01-05');
    // A ser_start one second before midnight and a q_exit just after: the nearest day, not the next.
    const [cross] = bankRecords(`${HEADER}\nAA0103,9,0,0,PS,1999-01-04,23:59:40,23:59:45,5,23:59:45,00:00:01,16,AGENT,23:59:59,00:01:00,61,DANA\n`);
    expect(cross!.serStart?.date).toBe('1999-01-04');
    expect(cross!.serExit?.date).toBe('1999-01-05');
    // A vru_exit before vru_entry (a clock glitch in 37 real records) stays on the same day.
    const [glitch] = bankRecords(`${HEADER}\nAA0101,33757,247,1,PS,1999-01-13,15:46:01,15:45:24,-37,15:45:24,15:46:41,77,HANG,,,0,NO_SERVER\n`);
    expect(glitch!.vruExit?.date).toBe('1999-01-13');
    expect(glitch!.vruTime).toBe(-37);
  });

  it('gives a second, different call with the same key a key of its own', () => {
    const twice = bankRecords(`${HEADER}\nAA0101,1,0,0,PS,1999-01-04,09:00:00,09:00:06,6,,,0,HANG,,,0,NO_SERVER\nAA0101,1,0,0,PS,1999-01-04,10:00:00,10:00:06,6,,,0,HANG,,,0,NO_SERVER\n`);
    expect(twice.map((r) => r.key)).toEqual(['AA0101-1', 'AA0101-1~2']);
  });

  it('refuses what it cannot read, naming the row', () => {
    expect(() => bankRecords('a,b\n1,2\n')).toThrow(/missing column\(s\) vru_line/);
    expect(() => bankRecords(`${HEADER}\nAA0101,1,0,0,PS,1999-01-04,09:00:00,09:00:06,6,,,0,TRANSFER,,,0,X\n`)).toThrow(/row 2: unknown outcome "TRANSFER"/);
    expect(() => bankRecords(`${HEADER}\nAA0101,1,0,0,PS,1999-01-04,9h,09:00:06,6,,,0,HANG,,,0,X\n`)).toThrow(/row 2: vru_entry "9h" is not a time/);
    expect(() => bankRecords(`${HEADER}\nAA0101,1,0,0,PS,1999-02-30,09:00:00,09:00:06,6,,,0,HANG,,,0,X\n`)).toThrow(/row 2: no such date/);
  });

  it('reads CSV quotes, a byte-order mark, and blank lines', () => {
    expect(parseCsv('\ufeffa,b\r\n\r\n"x, ""y""",\n\n')).toEqual([['a', 'b'], ['x, "y"', '']]);
  });
});

describe('a record as events', () => {
  const records = bankRecords(SAMPLE);
  const events = (key: string) => recordToEvents(byKey(records, key), 'bank');
  const brief = (es: IngestEvent[]) => es.map((e) => [e.type, e.at, 'agent' in e ? e.agent : undefined]);

  it('answered: queued, answered at q_exit, ended and wrapped after the talk time', () => {
    const es = events('AA0101-1');
    expect(brief(es)).toEqual([
      ['contact.queued', '1999-01-04T09:00:06+02:00', undefined],
      ['contact.answered', '1999-01-04T09:00:16+02:00', 'DANA'],
      ['contact.ended', '1999-01-04T09:03:16+02:00', 'DANA'],
      ['contact.wrapped', '1999-01-04T09:03:16+02:00', 'DANA'],
    ]);
    expect(es[0]).toEqual({
      id: 'bank:1999-01-04:AA0101-1:queued',
      type: 'contact.queued',
      at: '1999-01-04T09:00:06+02:00',
      tenant: 'bank',
      contact: '1999-01-04:AA0101-1',
      queue: 'PS',
      channel: 'voice',
      priority: 1,
    });
  });

  it('hung up: abandoned at q_exit, whatever the service columns say', () => {
    expect(brief(events('AA0101-4'))).toEqual([
      ['contact.queued', '1999-01-04T09:03:05+02:00', undefined],
      ['contact.abandoned', '1999-01-04T09:04:05+02:00', undefined],
    ]);
  });

  it('nothing for calls that never queued and for PHANTOM records', () => {
    expect(events('AA0101-5')).toEqual([]);
    expect(events('AA0101-6')).toEqual([]);
  });

  it('across midnight, by no known agent, and answered without service times', () => {
    expect(brief(events('AA0102-1'))).toEqual([
      ['contact.queued', '1999-01-04T23:59:55+02:00', undefined],
      ['contact.answered', '1999-01-05T00:00:20+02:00', 'YOSSI'],
      ['contact.ended', '1999-01-05T00:05:20+02:00', 'YOSSI'],
      ['contact.wrapped', '1999-01-05T00:05:20+02:00', 'YOSSI'],
    ]);
    expect(brief(events('AA0102-2')).map(([t, , a]) => [t, a])).toEqual([
      ['contact.queued', undefined],
      ['contact.answered', 'unknown'],
      ['contact.ended', 'unknown'],
      ['contact.wrapped', 'unknown'],
    ]);
    expect(brief(events('AA0102-3'))).toEqual([
      ['contact.queued', '1999-01-05T10:00:05+02:00', undefined],
      ['contact.answered', '1999-01-05T10:01:00+02:00', 'RONIT'],
    ]);
  });

  it('are valid contract events with unique ids, in event-time order', () => {
    const all = bankEvents(records, 'bank');
    expect(all.length).toBe(4 + 2 + 4 + 2 + 2 + 0 + 0 + 4 + 4 + 2);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
    for (const [i, e] of all.entries()) expect(parseEvent(e, i)).toMatchObject({ ok: true });
    const times = all.map((e) => Date.parse(e.at as string));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});

describe('independent daily numbers', () => {
  it('follow metrics.md on the hand-checked records', () => {
    expect(independentDailyStats(bankRecords(SAMPLE), { T: 20, S: 5 })).toEqual([
      {
        day: '1999-01-04',
        queue: 'NE',
        offered: 1,
        answered: 1,
        answeredWithinThreshold: 0,
        abandoned: 0,
        shortAbandoned: 0,
        overflowed: 0,
        handled: 1,
        serviceLevel: 0,
        asaSeconds: 25,
        ahtSeconds: 300,
        abandonRate: 0,
        maxWaitSeconds: 25,
      },
      {
        day: '1999-01-04',
        queue: 'PS',
        // calls 1, 7, 2, 3, 4 (5 never queued, 6 is a PHANTOM)
        offered: 5,
        answered: 2,
        answeredWithinThreshold: 1,
        abandoned: 3,
        shortAbandoned: 1,
        overflowed: 0,
        handled: 2,
        // A(T) / (A + Ab + F − Ab(S)) = 1 / (2 + 3 + 0 − 1)
        serviceLevel: 1 / 4,
        asaSeconds: (10 + 30) / 2,
        ahtSeconds: (180 + 60) / 2,
        abandonRate: 3 / 5,
        maxWaitSeconds: 60,
      },
      {
        day: '1999-01-05',
        queue: 'NE',
        // AA0102-2 entered the queue on the 5th though its record is dated the 4th.
        offered: 2,
        answered: 2,
        answeredWithinThreshold: 1,
        abandoned: 0,
        shortAbandoned: 0,
        overflowed: 0,
        handled: 1,
        serviceLevel: 1 / 2,
        asaSeconds: (6 + 55) / 2,
        ahtSeconds: 60,
        abandonRate: 0,
        maxWaitSeconds: 55,
      },
    ]);
  });

  it('take T and S as given: a wait of exactly T is within it, a wait of exactly S is not short', () => {
    const [ps] = independentDailyStats(bankRecords(SAMPLE).filter((r) => r.type === 'PS'), { T: 30, S: 3 });
    expect(ps).toMatchObject({ answeredWithinThreshold: 2, shortAbandoned: 0, serviceLevel: 2 / 5 });
  });

  it('are null where a denominator is zero', () => {
    const [ne] = independentDailyStats(bankRecords(`${HEADER}\nAA0101,1,0,0,NE,1999-01-04,09:00:00,09:00:06,6,09:00:06,09:00:08,2,HANG,,,0,NO_SERVER\n`));
    expect(ne).toMatchObject({ offered: 1, abandoned: 1, shortAbandoned: 1, serviceLevel: null, asaSeconds: null, ahtSeconds: null, abandonRate: 1 });
  });
});

describe('queue_log lines', () => {
  it('carry the same calls, waits and talk times, with real queue positions', () => {
    const lines = recordsToQueueLog(bankRecords(SAMPLE));
    const at = (iso: string) => Date.parse(iso) / 1000;
    expect(lines).toEqual([
      `${at('1999-01-04T07:00:06Z')}|bank-1999-01-04-AA0101-1|PS|NONE|ENTERQUEUE||11`,
      `${at('1999-01-04T07:00:08Z')}|bank-1999-01-04-AA0101-7|PS|NONE|ENTERQUEUE||0`,
      `${at('1999-01-04T07:00:16Z')}|bank-1999-01-04-AA0101-1|PS|DANA|CONNECT|10|bank-1999-01-04-AA0101-1-agent|0`,
      `${at('1999-01-04T07:00:40Z')}|bank-1999-01-04-AA0101-7|PS|NONE|ABANDON|1|2|32`,
      `${at('1999-01-04T07:01:05Z')}|bank-1999-01-04-AA0101-2|PS|NONE|ENTERQUEUE||12`,
      `${at('1999-01-04T07:01:35Z')}|bank-1999-01-04-AA0101-2|PS|DANA|CONNECT|30|bank-1999-01-04-AA0101-2-agent|0`,
      `${at('1999-01-04T07:02:05Z')}|bank-1999-01-04-AA0101-3|PS|NONE|ENTERQUEUE||0`,
      `${at('1999-01-04T07:02:08Z')}|bank-1999-01-04-AA0101-3|PS|NONE|ABANDON|1|1|3`,
      `${at('1999-01-04T07:02:35Z')}|bank-1999-01-04-AA0101-2|PS|DANA|COMPLETECALLER|30|60|1`,
      `${at('1999-01-04T07:03:05Z')}|bank-1999-01-04-AA0101-4|PS|NONE|ENTERQUEUE||0`,
      `${at('1999-01-04T07:03:16Z')}|bank-1999-01-04-AA0101-1|PS|DANA|COMPLETECALLER|10|180|1`,
      `${at('1999-01-04T07:04:05Z')}|bank-1999-01-04-AA0101-4|PS|NONE|ABANDON|1|1|60`,
      `${at('1999-01-04T21:59:55Z')}|bank-1999-01-04-AA0102-1|NE|NONE|ENTERQUEUE||0`,
      `${at('1999-01-04T22:00:04Z')}|bank-1999-01-04-AA0102-2|NE|NONE|ENTERQUEUE||0`,
      `${at('1999-01-04T22:00:10Z')}|bank-1999-01-04-AA0102-2|NE|unknown|CONNECT|6|bank-1999-01-04-AA0102-2-agent|0`,
      `${at('1999-01-04T22:00:20Z')}|bank-1999-01-04-AA0102-1|NE|YOSSI|CONNECT|25|bank-1999-01-04-AA0102-1-agent|0`,
      `${at('1999-01-04T22:01:10Z')}|bank-1999-01-04-AA0102-2|NE|unknown|COMPLETECALLER|6|60|2`,
      `${at('1999-01-04T22:05:20Z')}|bank-1999-01-04-AA0102-1|NE|YOSSI|COMPLETECALLER|25|300|1`,
      `${at('1999-01-05T08:00:05Z')}|bank-1999-01-05-AA0102-3|NE|NONE|ENTERQUEUE||0`,
      `${at('1999-01-05T08:01:00Z')}|bank-1999-01-05-AA0102-3|NE|RONIT|CONNECT|55|bank-1999-01-05-AA0102-3-agent|0`,
    ]);
    expect(lines.map(queueLogLineMs)).toEqual(lines.map((l) => Number(l.split('|')[0]) * 1000));
    expect(queueLogLineMs('')).toBeNull();
    expect(queueLogLineMs('1366720677.123|x|q|NONE|ENTERQUEUE||')).toBe(1366720677123);
  });
});

describe('moving records to other dates', () => {
  const zone = 'Asia/Jerusalem';
  const [late] = bankRecords(`${HEADER}\nAA0102,1,0,2,NE,1999-01-04,23:59:50,23:59:55,5,23:59:55,00:00:20,25,AGENT,00:00:19,00:05:19,300,YOSSI\n`);
  const durations = (r: BankRecord) => [r.qExit!.ms - r.qStart!.ms, r.serExit!.ms - r.serStart!.ms, r.serStart!.ms - r.vruEntry!.ms];

  it('keeps the local time of entering the queue and every duration', () => {
    // 1999-01-04 was a Monday; 1,410 weeks on is Monday 2026-01-12.
    const moved = shiftRecord(late!, 1410 * 7);
    expect(moved.date).toBe('2026-01-12');
    expect(isoWithOffset(moved.qStart!.ms, zone)).toBe('2026-01-12T23:59:55+02:00');
    expect(durations(moved)).toEqual(durations(late!));
    expect(recordToEvents(moved, 'bank').map((e) => e.id)).toContain('bank:2026-01-12:AA0102-1:answered');
  });

  it('across a clock change on the new date: the queue entry keeps its day, the call its durations', () => {
    // Onto Thursday 2026-03-26: the clocks go forward at 02:00 on the 27th, during the call.
    const before = shiftRecord(late!, dayNumber('2026-03-26') - dayNumber('1999-01-04'));
    expect(isoWithOffset(before.qStart!.ms, zone)).toBe('2026-03-26T23:59:55+02:00');
    expect(durations(before)).toEqual(durations(late!));
    // A call entering at 02:30, a time that does not exist on the 27th, enters at 03:30 the same day.
    const [night] = bankRecords(`${HEADER}\nAA0101,8,0,2,PS,1999-01-05,02:29:55,02:30:00,5,02:30:00,02:30:30,30,HANG,,,0,NO_SERVER\n`);
    const moved = shiftRecord(night!, dayNumber('2026-03-27') - dayNumber('1999-01-05'));
    expect(isoWithOffset(moved.qStart!.ms, zone)).toBe('2026-03-27T03:30:00+03:00');
    expect(moved.qExit!.ms - moved.qStart!.ms).toBe(30_000);
    expect(independentDailyStats([moved])[0]?.day).toBe('2026-03-27');
  });

  it('reads wall time as the instant it was, the later side of a gap, the earlier of an overlap', () => {
    const wallOf = (t: number, z: string) => DateTime.fromMillis(t, { zone: z }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
    for (const z of ['Asia/Jerusalem', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) {
      const zone = IANAZone.create(z);
      for (const date of ['2026-03-08', '2026-03-27', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01']) {
        const wallMidnight = Date.parse(`${date}T00:00:00Z`);
        // The offsets in force within a day either side: a reading is wall − offset, valid if that offset holds then.
        const offsets = new Set([-1, 0, 1, 2].map((d) => zone.offset(wallMidnight + d * 86_400_000) * 60_000));
        for (let s = 0; s < 86_400; s += 600) {
          const wall = wallMidnight + s * 1000;
          const readings = [...offsets].map((o) => wall - o).filter((t) => zone.offset(t) * 60_000 === wall - t).sort((a, b) => a - b);
          const got = localToEpochMs(dayNumber(date), s, z);
          const iso = new Date(wall).toISOString().slice(0, 19);
          if (readings.length > 0) expect(got, `${z} ${iso}`).toBe(readings[0]);
          else expect(wallOf(got, z), `${z} ${iso} (in a gap)`).toBe(DateTime.fromISO(iso, { zone: z }).toFormat("yyyy-MM-dd'T'HH:mm:ss"));
        }
      }
    }
    // Israel, 25 October 2026: 01:30 happened at 22:30Z (summer time) and again at 23:30Z.
    expect(new Date(localToEpochMs(dayNumber('2026-10-25'), 5_400, 'Asia/Jerusalem')).toISOString()).toBe('2026-10-24T22:30:00.000Z');
  });
});

describe('the real files', () => {
  const months = ['1999-01', '1999-10'] as const;
  const secondsBetween = (a: { ms: number } | null, b: { ms: number } | null) => (a && b ? (b.ms - a.ms) / 1000 : null);

  it.each(months)('%s: every record parsed, keys unique, q_time and ser_time equal to their timestamps', (month) => {
    const records = monthRecords(month);
    const rows = readFileSync(`${DATA_DIR}anonymous_bank_${month}.csv`, 'utf8').trim().split(/\r?\n/).length - 1;
    expect(records.length).toBe(rows);
    expect(new Set(records.map((r) => r.key)).size).toBe(records.length);
    for (const r of records) {
      if (r.qStart && r.qExit) expect(secondsBetween(r.qStart, r.qExit), r.key).toBe(r.qTime);
      if (r.serStart && r.serExit) expect(secondsBetween(r.serStart, r.serExit), r.key).toBe(r.serTime);
    }
  });

  it.each(months)('%s: the events keep every wait and talk time, and add up to the independent numbers', (month) => {
    const records = monthRecords(month);
    const events = bankEvents(records, 'bank');
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const byContact = new Map<string, Map<string, number>>();
    for (const e of events) {
      const c = (e as { contact: string }).contact;
      if (!byContact.has(c)) byContact.set(c, new Map());
      byContact.get(c)!.set(e.type, Date.parse(e.at as string));
    }
    for (const r of records) {
      const times = byContact.get(`${r.date}:${r.key}`);
      if (r.outcome === 'PHANTOM' || !r.qStart) {
        expect(times).toBeUndefined();
        continue;
      }
      const queued = times!.get('contact.queued')!;
      if (r.outcome === 'HANG') expect((times!.get('contact.abandoned')! - queued) / 1000).toBe(r.qTime);
      if (r.outcome === 'AGENT') {
        const answered = times!.get('contact.answered')!;
        expect((answered - queued) / 1000).toBe(r.qTime);
        if (r.serStart && r.serExit) expect((times!.get('contact.ended')! - answered) / 1000).toBe(r.serTime);
        else expect(times!.has('contact.ended')).toBe(false);
      }
    }
    const stats = independentDailyStats(records);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    const sum = (f: 'offered' | 'answered' | 'abandoned' | 'handled') => stats.reduce((n, d) => n + d[f], 0);
    expect([sum('offered'), sum('answered'), sum('abandoned'), sum('handled')]).toEqual([
      count('contact.queued'),
      count('contact.answered'),
      count('contact.abandoned'),
      count('contact.ended'),
    ]);
  });

  it('January: the numbers the replay test relies on', () => {
    const records = monthRecords('1999-01');
    expect(records.length).toBe(31_599);
    const stats = independentDailyStats(records);
    expect(stats.reduce((n, d) => n + d.offered, 0)).toBe(16_686);
    expect(new Set(stats.map((d) => d.day)).size).toBe(29);
    expect(selectDays(records, '1999-01-01', 7).length).toBe(9_487);
  });
});
