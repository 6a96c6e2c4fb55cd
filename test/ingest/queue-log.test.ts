/** The queue_log reader and translator, pure: exact events from the shared samples and from small cases. */
import { describe, expect, it } from 'vitest';
import { parseEvent, type IngestEvent } from '../../schema/events.ts';
import { parseTime, readQueueLog, splitCsv } from '../../server/ingest/adapters/queue-log-read.ts';
import {
  agentIdOf,
  emptyQueueLogState,
  parseQueueLogState,
  translateQueueLog,
  type QueueLogState,
  type TranslateOptions,
} from '../../server/ingest/adapters/queue-log.ts';
import { queueLogSample } from './samples.ts';

const T = 't1';

/** Read and translate `text` from `state`: the events (validated against the contract) and the rest. */
function run(text: string, state: QueueLogState = emptyQueueLogState(), opts: Partial<TranslateOptions> & { timeZone?: string } = {}) {
  const read = readQueueLog(text, { timeZone: opts.timeZone ?? 'UTC', csvColumns: state.csvColumns });
  const t = translateQueueLog(read.records, state, { tenant: T, ...opts });
  t.state.csvColumns = read.csvColumns;
  for (const { event } of t.events) {
    const r = parseEvent(event, 0);
    if (!r.ok) throw new Error(`invalid event ${JSON.stringify(event)}: ${JSON.stringify(r.errors)}`);
  }
  return { read, ...t };
}

/** Events without id and tenant, times as seconds: what a reader of the mapping compares. */
const brief = (events: { event: IngestEvent }[]) =>
  events.map(({ event }) => {
    const { id: _id, tenant: _t, at, ...rest } = event as IngestEvent & Record<string, unknown>;
    return { at: (at as number) / 1000, ...rest };
  });

/** Distinct events by id: what the server keeps. */
const distinct = (events: { event: IngestEvent }[]) => [...new Map(events.map((e) => [e.event.id, e])).values()];

describe('reading queue_log text', () => {
  it('reads the file format, blank lines, names with spaces and fractional epochs', () => {
    const r = readQueueLog('1546015425|1546015415.757927|201|Agent D Member|CONNECT|10|1546015415.757936|9\n\n1546015425.25|c|q|NONE|enterqueue||123|1\r\n', { timeZone: 'UTC' });
    expect(r.problems).toEqual([]);
    expect(r.lines).toBe(2);
    expect(r.records.map((x) => [x.line, x.at, x.agent, x.verb, x.data])).toEqual([
      [1, 1546015425000, 'Agent D Member', 'CONNECT', ['10', '1546015415.757936', '9']],
      [3, 1546015425250, 'NONE', 'ENTERQUEUE', ['', '123', '1']],
    ]);
  });

  it('reads SQL dumps: date-times with microseconds in the given zone, comments, psql chrome, padding', () => {
    const text = [
      '# time|callid|queuename|agent|event|data1',
      ' time | callid | queuename | agent | event | data1',
      '------+--------+-----------+-------+-------+------',
      ' 2012-07-04 07:33:21.165823 | 1341401601.24 | q1 | NONE | ENTERQUEUE |  | 1000 | 1 |  | ',
      '(1 row)',
    ].join('\n');
    const r = readQueueLog(text, { timeZone: 'Europe/Madrid' });
    expect(r.problems).toEqual([]);
    expect(r.ignored).toBe(4);
    expect(r.records).toHaveLength(1);
    // 07:33:21.165 in Madrid (CEST, UTC+2) is 05:33:21.165Z; microseconds are cut, not rounded.
    expect(new Date(r.records[0]!.at).toISOString()).toBe('2012-07-04T05:33:21.165Z');
    expect(r.records[0]!.data).toEqual(['', '1000', '1']);
  });

  it('gives the same record key to a line in the file format and in a dump', () => {
    const file = readQueueLog('1341401601|1341401601.24|q1|NONE|ENTERQUEUE||1000|1', { timeZone: 'UTC' }).records[0]!;
    const dump = readQueueLog('2012-07-04 11:33:21|1341401601.24|q1|NONE|ENTERQUEUE||1000|1|||', { timeZone: 'UTC' }).records[0]!;
    expect(dump.key).toBe(file.key);
  });

  it('lists every line it cannot read with its number and what is wrong', () => {
    const r = readQueueLog(['1546015415|c|q|NONE|ENTERQUEUE||1|1', 'garbage', '1546015415|c|q', 'yesterday|c|q|a|CONNECT', '1546015415|c|q|a|', '12|c|q|a|CONNECT'].join('\n'), { timeZone: 'UTC' });
    expect(r.records).toHaveLength(1);
    expect(r.problems).toEqual([
      { line: 2, message: expect.stringContaining('not a queue_log line') },
      { line: 3, message: 'expected at least 5 fields (time|callid|queue|agent|event), found 3' },
      { line: 4, message: expect.stringContaining('neither epoch seconds nor a date-time') },
      { line: 5, message: 'the event (5th field) is empty' },
      { line: 6, message: expect.stringContaining('neither epoch seconds nor a date-time') },
    ]);
  });

  it('parses times: seconds, fractions, milliseconds, offsets; refuses the impossible', () => {
    expect(parseTime('1546015415', 'UTC')).toBe(1546015415000);
    expect(parseTime('1546015415.5', 'UTC')).toBe(1546015415500);
    expect(parseTime('1546015415123', 'UTC')).toBe(1546015415123);
    expect(parseTime('2026-11-23T09:00:00+01:00', 'UTC')).toBe(Date.parse('2026-11-23T08:00:00Z'));
    expect(parseTime('2026-02-30 10:00:00', 'UTC')).toMatch(/not a valid date-time/);
    expect(parseTime('1999-12-31 23:59:59', 'UTC')).toMatch(/outside/);
  });

  it('splits CSV with quotes', () => {
    expect(splitCsv('1,"a, ""b""",,x')).toEqual(['1', 'a, "b"', '', 'x']);
    expect(splitCsv('1,"open')).toBeNull();
  });

  it('reads the voipreports CSV export, moving its fields back to where Asterisk writes them', () => {
    const r = readQueueLog(queueLogSample('db_export_voipreports1.csv'), { timeZone: 'UTC' });
    expect(r.problems).toEqual([]);
    expect(r.records).toHaveLength(1000);
    const byUid = (verb: string, callid: string) => r.records.find((x) => x.verb === verb && x.callid === callid)!;
    // row 19: CONNECT,,1543602746.232,6,0,0,76,0 → holdtime 76 (htime), member uniqueid, ring time
    expect(byUid('CONNECT', '1543602660.197').data).toEqual(['76', '1543602746.232', '6']);
    // row 20: COMPLETECALLER,XXXXXXXXX96,,,1,0,76,847 → holdtime, calltime, origposition
    expect(byUid('COMPLETECALLER', '1543602660.197').data).toEqual(['76', '847', '1']);
    // row 294: ABANDON,XXXXXXXXX03,,,1,1,191,0 → position, origposition, waittime
    expect(byUid('ABANDON', '1543852000.1574').data).toEqual(['1', '1', '191']);
    // row 928: BLINDTRANSFER,XXXXXXXXX89,1142,transfer,1,0,6,38 → exten, context, hold, talk, origposition
    expect(byUid('BLINDTRANSFER', '1543938872.1743').data).toEqual(['1142', 'transfer', '6', '38', '1']);
    expect(r.records[0]!.at).toBe(1543527289000); // the epoch column, not the local-time one
  });

  it('carries a CSV header to the requests that hold only rows, and refuses rows without one', () => {
    const [header, ...rows] = queueLogSample('db_export_voipreports1.csv').split('\n');
    const first = readQueueLog([header, rows[0]].join('\n'), { timeZone: 'UTC' });
    expect(first.csvColumns).toContain('callid');
    const later = readQueueLog(rows.slice(1, 5).join('\n'), { timeZone: 'UTC', csvColumns: first.csvColumns });
    expect(later.problems).toEqual([]);
    expect(later.records).toHaveLength(4);
    const orphan = readQueueLog(rows.slice(1, 3).join('\n'), { timeZone: 'UTC' });
    expect(orphan.problems.map((p) => p.line)).toEqual([1, 2]);
  });
});

describe('agent ids', () => {
  it('make one agent of an interface and an Agent/ channel, and keep member names', () => {
    expect(agentIdOf('Local/1127@callback-agent/n')).toBe('1127');
    expect(agentIdOf('Local/1127@callback-agent')).toBe('1127');
    expect(agentIdOf('Agent/1127')).toBe('1127');
    expect(agentIdOf('PJSIP/7009')).toBe('7009');
    expect(agentIdOf('Agent D Member')).toBe('Agent D Member');
    expect(agentIdOf('NONE')).toBeNull();
    expect(agentIdOf('PJSIP/7009', 'raw')).toBe('PJSIP/7009');
  });
});

describe('translating the shared samples', () => {
  /** Epoch seconds of a time of the Wazo capture (read as UTC). */
  const s = (hms: string, day = '2012-07-04') => Date.parse(`${day}T${hms}Z`) / 1000;

  it('issue759: an attended transfer from 1501 into 1509 is one transferred visit and one visit in 1509', () => {
    const t = run(queueLogSample('issue759_attended_transfer.queue_log'));
    expect(t.problems).toEqual([]);
    expect(brief(t.events)).toEqual([
      { at: 1717397259, type: 'contact.queued', contact: '1717397243.239826', queue: '1501', channel: 'voice' },
      { at: 1717397271, type: 'contact.answered', contact: '1717397243.239826', queue: '1501', agent: '7009' },
      { at: 1717397390, type: 'contact.queued', contact: '1717397390.239830', queue: '1509', channel: 'voice' },
      { at: 1717397391, type: 'contact.transferred', contact: '1717397243.239826', queue: '1501', agent: '7009', toQueue: '1509' },
      { at: 1717397391, type: 'contact.ended', contact: '1717397243.239826', queue: '1501', agent: '7009', endedBy: 'transfer' },
      // The second queue's lines carry the first call's id: they are the consultation call's visit.
      { at: 1717397397, type: 'contact.answered', contact: '1717397390.239830', queue: '1509', agent: '7051' },
      { at: 1717397570, type: 'contact.ended', contact: '1717397390.239830', queue: '1509', agent: '7051', endedBy: 'agent' },
    ]);
    expect(t.skipped).toBe(2); // the two DID lines
    expect(t.state.calls).toEqual({});
  });

  it('wazo: join-empty, full and closed are offered and overflowed at once; abandon and answer keep their waits', () => {
    const t = run(queueLogSample('wazo_table_samples.txt'));
    expect(t.problems).toEqual([]);
    const contacts = brief(t.events).filter((e) => e.type.startsWith('contact.'));
    expect(contacts).toEqual([
      { at: s('07:27:55.64'), type: 'contact.queued', contact: '1341401275.9', queue: 'q1', channel: 'voice' },
      { at: s('07:27:55.64'), type: 'contact.overflowed', contact: '1341401275.9', queue: 'q1', reason: 'no_agents' },
      { at: s('07:33:21.165'), type: 'contact.queued', contact: '1341401601.24', queue: 'q1', channel: 'voice' },
      { at: s('07:33:23.085'), type: 'contact.answered', contact: '1341401601.24', queue: 'q1', agent: '3001' },
      // COMPLETEAGENT of a call whose earlier lines are not in the capture: rebuilt from hold 2 s and talk 12 s.
      { at: s('07:37:32.601'), type: 'contact.queued', contact: '1341401851.34', queue: 'q1', channel: 'voice' },
      { at: s('07:37:34.601'), type: 'contact.answered', contact: '1341401851.34', queue: 'q1', agent: '3001' },
      { at: s('07:37:46.601'), type: 'contact.ended', contact: '1341401851.34', queue: 'q1', agent: '3001', endedBy: 'agent' },
      { at: s('07:40:17.339'), type: 'contact.queued', contact: '1341402016.44', queue: 'q1', channel: 'voice' },
      { at: s('07:40:17.339'), type: 'contact.overflowed', contact: '1341402016.44', queue: 'q1', reason: 'full' },
      { at: s('07:48:03.455'), type: 'contact.queued', contact: '1341402482.49', queue: 'q1', channel: 'voice' },
      { at: s('07:48:03.455'), type: 'contact.overflowed', contact: '1341402482.49', queue: 'q1', reason: 'closed' },
      // ABANDON's wait (6 s) gives the queued time the capture lacks.
      { at: s('07:49:46.939'), type: 'contact.queued', contact: '1341402586.51', queue: 'q1', channel: 'voice' },
      { at: s('07:49:52.939'), type: 'contact.abandoned', contact: '1341402586.51', queue: 'q1' },
    ]);
  });

  it('wazo: the unpause lines after a logoff leave the agent offline', () => {
    const t = run(queueLogSample('wazo_table_samples.txt'));
    const states = brief(t.events).filter((e) => e.type === 'agent.state');
    expect(states.map((s) => [s.at, (s as { state: string }).state])).toEqual([
      [s('15:27:23.896', '2012-07-03'), 'available'], // AGENTCALLBACKLOGIN
      [s('15:28:06.249', '2012-07-03'), 'offline'], // AGENTCALLBACKLOGOFF
      [s('15:28:07.327', '2012-07-03'), 'offline'], // UNPAUSEALL
      [s('15:28:07.346', '2012-07-03'), 'offline'], // UNPAUSE q1
      [s('15:28:07.348', '2012-07-03'), 'offline'], // UNPAUSE q2
    ]);
  });

  it('fixture: duplicate lines, disorder and CONNECT without ENTERQUEUE make four visits, each fact once', () => {
    const t = run(queueLogSample('asterisk2slack_fixture.queue_log'));
    expect(t.problems).toEqual([]);
    const kept = brief(distinct(t.events));
    expect(kept.filter((e) => e.type === 'contact.queued').map((e) => [e.contact, e.at])).toEqual([
      ['1546015415.757927', 1546015415],
      ['1546023970.760296', 1546023970], // CONNECT at …976 with holdtime 6
      ['1546023604.760166', 1546023604], // COMPLETECALLER at …4020: talk 406, hold 10
      ['1546027663.761192', 1546027663],
    ]);
    expect(kept.filter((e) => e.type === 'contact.answered')).toHaveLength(4);
    // The four COMPLETEAGENT lines of 760296 (origposition 1, 4, 5, 6) are one end.
    expect(kept.filter((e) => e.type === 'contact.ended').map((e) => e.contact)).toEqual(['1546015415.757927', '1546023604.760166', '1546023970.760296']);
    expect(t.skipped).toBe(4); // DID and three RINGNOANSWER
  });

  it('voipreports CSV: every queued call, answer, end and abandon, and the unknown outbound verbs counted', () => {
    const t = run(queueLogSample('db_export_voipreports1.csv'));
    expect(t.problems).toEqual([]);
    const count = (type: string) => distinct(t.events).filter((e) => e.event.type === type).length;
    const rows = queueLogSample('db_export_voipreports1.csv').split('\n');
    const verbs = (v: string) => rows.filter((l) => l.split(',')[5] === v).length;
    expect(count('contact.queued')).toBe(verbs('ENTERQUEUE'));
    expect(count('contact.answered')).toBe(verbs('CONNECT'));
    expect(count('contact.abandoned')).toBe(verbs('ABANDON'));
    expect(count('contact.overflowed')).toBe(verbs('EXITWITHTIMEOUT'));
    expect(count('contact.transferred')).toBe(verbs('BLINDTRANSFER') + verbs('ATTENDEDTRANSFER'));
    expect(count('contact.ended')).toBe(verbs('COMPLETECALLER') + verbs('COMPLETEAGENT') + count('contact.transferred'));
    expect(t.unknownVerbs).toEqual({ OUTDIAL: 128, OUTANSWER: 77, OUTCANCEL: 24, OUTCHANUNAVAIL: 18, OUTCONGESTION: 9, OUTTRANSFER: 1 });
    // ADDMEMBER (Local/1127@callback-agent) and CONNECT (Agent/1127) are one agent.
    expect(t.state.agents['1127']).toMatchObject({ login: true, queues: ['IT'] });
    const ended = t.events.find((e) => e.event.type === 'contact.ended' && e.event.contact === '1543602660.197')!.event;
    expect(ended).toMatchObject({ agent: '1127', at: 1543603600000 });
  });
});

describe('translating across requests', () => {
  /** Translate `lines` in the given pieces, carrying the state: the events of all pieces. */
  const inPieces = (lines: string[], cuts: number[]) => {
    let state = emptyQueueLogState();
    const events: { event: IngestEvent }[] = [];
    let from = 0;
    for (const cut of [...cuts, lines.length]) {
      const t = run(lines.slice(from, cut).join('\n'), parseQueueLogState(JSON.stringify(state)));
      expect(t.problems).toEqual([]);
      events.push(...t.events);
      state = t.state;
      from = cut;
    }
    return { events, state };
  };
  const key = (events: { event: IngestEvent }[]) => new Map(distinct(events).map((e) => [e.event.id, JSON.stringify(e.event)]));

  it.each(['issue759_attended_transfer.queue_log', 'asterisk2slack_fixture.queue_log', 'db_export_voipreports1.csv'] as const)(
    '%s in pieces makes the same events as in one request, wherever it is cut',
    (name) => {
      const lines = queueLogSample(name).split('\n');
      const whole = key(inPieces(lines, []).events);
      const every = Array.from({ length: lines.length - 1 }, (_, i) => i + 1);
      expect(key(inPieces(lines, every).events)).toEqual(whole);
      for (let seed = 1; seed <= 5; seed++) {
        const cuts = every.filter((i) => (i * 7919 * seed) % 11 < 3);
        expect(key(inPieces(lines, cuts).events)).toEqual(whole);
      }
    },
  );

  it('gives every event an id from its content: the same lines make the same ids, again and again', () => {
    const text = queueLogSample('issue759_attended_transfer.queue_log');
    const first = run(text);
    const again = run(text, first.state);
    expect(again.events.map((e) => e.event.id)).toEqual(first.events.map((e) => e.event.id));
    expect(new Set(first.events.map((e) => e.event.id)).size).toBe(first.events.length);
  });
});

describe('agents', () => {
  const line = (at: number, queue: string, agent: string, verb: string, data = '') => `${at}|NONE|${queue}|${agent}|${verb}|${data}`;
  const states = (text: string, state?: QueueLogState) =>
    run(text, state).events.map(({ event }) => {
      const e = event as IngestEvent & { state?: string; reason?: string; queues?: string[] };
      return [e.state, e.reason ?? null, e.queues ?? null];
    });

  it('follows membership, login, per-queue pauses with reasons, and logoff', () => {
    const t0 = 1_763_900_000;
    const text = [
      line(t0, 'sales', 'PJSIP/7001', 'ADDMEMBER'),
      line(t0 + 1, 'support', 'PJSIP/7001', 'ADDMEMBER'),
      line(t0 + 2, 'sales', 'PJSIP/7001', 'PAUSE', 'lunch'),
      line(t0 + 3, 'support', 'PJSIP/7001', 'PAUSE', 'lunch'),
      line(t0 + 4, 'support', 'PJSIP/7001', 'UNPAUSE'),
      line(t0 + 5, 'NONE', 'PJSIP/7001', 'PAUSEALL', 'Training session'),
      line(t0 + 6, 'NONE', 'PJSIP/7001', 'UNPAUSEALL'),
      line(t0 + 7, 'sales', 'PJSIP/7001', 'REMOVEMEMBER'),
      line(t0 + 8, 'support', 'PJSIP/7001', 'REMOVEMEMBER'),
    ].join('\n');
    expect(states(text)).toEqual([
      ['available', null, ['sales']],
      ['available', null, ['sales', 'support']],
      ['available', null, ['sales', 'support']], // paused in one queue: still takes the other's calls
      ['away', 'lunch', ['sales', 'support']],
      ['available', null, ['sales', 'support']],
      ['away', 'Training session', ['sales', 'support']],
      ['available', null, ['sales', 'support']],
      ['available', null, ['support']],
      ['offline', null, []],
    ]);
  });

  it('logs agents in and off with AGENTLOGIN/AGENTLOGOFF, and a member added paused is away', () => {
    const t0 = 1_763_900_000;
    expect(states([line(t0, 'NONE', 'Agent/1001', 'AGENTLOGIN', 'PJSIP/1001-0001'), line(t0 + 60, 'NONE', 'Agent/1001', 'AGENTLOGOFF', 'PJSIP/1001-0001|60')].join('\n'))).toEqual([
      ['available', null, null],
      ['offline', null, null],
    ]);
    expect(states(line(t0, 'sales', 'SIP/8007', 'ADDMEMBER', 'PAUSED'))).toEqual([['away', 'paused', ['sales']]]);
  });

  it('never lets an older line roll an agent back (a file sent again after newer ones)', () => {
    const t0 = 1_763_900_000;
    const old = line(t0, 'NONE', 'Agent/1001', 'AGENTLOGIN');
    const later = run(line(t0 + 60, 'NONE', 'Agent/1001', 'AGENTLOGOFF'));
    const again = run(old, later.state);
    expect(again.events).toHaveLength(1); // its event is made (the server knows it already) …
    expect(again.state.agents['1001']).toMatchObject({ login: false, at: (t0 + 60) * 1000 }); // … but the memo stands
  });
});

describe('calls the log leaves open', () => {
  it('QUEUESTART closes the calls opened before it: waiting ones overflow (closed), answered ones end', () => {
    const t0 = 1_763_900_000;
    const before = run([`${t0}|c1|q|NONE|ENTERQUEUE||1|1`, `${t0 + 1}|c2|q|NONE|ENTERQUEUE||2|1`, `${t0 + 5}|c2|q|SIP/1|CONNECT|4|x|1`].join('\n'));
    const restart = run(`${t0 + 30}|NONE|NONE|NONE|QUEUESTART|`, before.state);
    expect(brief(restart.events)).toEqual([
      { at: t0 + 30, type: 'contact.overflowed', contact: 'c1', queue: 'q', reason: 'closed', detail: 'restart' },
      { at: t0 + 30, type: 'contact.ended', contact: 'c2', queue: 'q', agent: '1', endedBy: 'restart' },
    ]);
    expect(restart.state.calls).toEqual({});
    // CONFIGRELOAD keeps them.
    expect(run(`${t0 + 30}|NONE|NONE|NONE|CONFIGRELOAD|`, before.state).events).toEqual([]);
  });

  it('forgets calls silent for twelve hours', () => {
    const t0 = 1_763_900_000;
    const first = run(`${t0}|c1|q|NONE|ENTERQUEUE||1|1`);
    expect(Object.keys(first.state.calls)).toHaveLength(1);
    const later = run(`${t0 + 13 * 3600}|c2|q|NONE|ENTERQUEUE||1|1`, first.state);
    expect(Object.values(later.state.calls).map((c) => c.contact)).toEqual(['c2']);
  });

  it('maps exits: timeout, empty, key (with the key), and skips ring attempts', () => {
    const t0 = 1_763_900_000;
    const t = run([
      `${t0 + 30}|a|q|NONE|EXITWITHTIMEOUT|1|1|30`,
      `${t0 + 31}|b|q|NONE|EXITEMPTY|1|1|20`,
      `${t0 + 32}|c|q|NONE|EXITWITHKEY|5|1|1|10`,
      `${t0 + 33}|d|q|SIP/1|RINGNOANSWER|15000`,
      `${t0 + 34}|e|q|NONE|WENTONBREAK|600`,
    ].join('\n'));
    expect(brief(t.events).filter((e) => e.type === 'contact.overflowed')).toEqual([
      { at: t0 + 30, type: 'contact.overflowed', contact: 'a', queue: 'q', reason: 'timeout' },
      { at: t0 + 31, type: 'contact.overflowed', contact: 'b', queue: 'q', reason: 'no_agents' },
      { at: t0 + 32, type: 'contact.overflowed', contact: 'c', queue: 'q', reason: 'exit_key', key: '5' },
    ]);
    expect(brief(t.events).filter((e) => e.type === 'contact.queued').map((e) => e.at)).toEqual([t0, t0 + 11, t0 + 22]);
    expect(t.skipped).toBe(2);
    expect(t.unknownVerbs).toEqual({ WENTONBREAK: 1 });
  });

  it('refuses lines it cannot translate, naming them', () => {
    const t = run(['1763900000|NONE|q|NONE|ENTERQUEUE||1|1', '1763900001|c|q|NONE|CONNECT|4|x|1', '1763900002|c|q|SIP/1|CONNECT|soon|x|1', '1763900003|NONE|NONE|NONE|PAUSE|x'].join('\n'));
    expect(t.problems).toEqual([
      { line: 1, message: 'ENTERQUEUE: needs a call id' },
      { line: 2, message: 'CONNECT: needs an agent' },
      { line: 3, message: 'CONNECT: holdtime (data1) is not a number: "soon"' },
      { line: 4, message: 'PAUSE: needs an agent' },
    ]);
  });

  it('a blind transfer names the extension; the call entering the next queue keeps its id', () => {
    const t0 = 1_763_900_000;
    const t = run([`${t0}|c|sales|NONE|ENTERQUEUE||1|1`, `${t0 + 5}|c|sales|SIP/1|CONNECT|5|x|1`, `${t0 + 65}|c|sales|SIP/1|BLINDTRANSFER|600|from-internal|5|60|1`, `${t0 + 66}|c|support|NONE|ENTERQUEUE||1|1`].join('\n'));
    expect(brief(t.events).slice(2)).toEqual([
      { at: t0 + 65, type: 'contact.transferred', contact: 'c', queue: 'sales', agent: '1', extension: '600' },
      { at: t0 + 65, type: 'contact.ended', contact: 'c', queue: 'sales', agent: '1', endedBy: 'transfer' },
      { at: t0 + 66, type: 'contact.queued', contact: 'c', queue: 'support', channel: 'voice' },
    ]);
  });
});
