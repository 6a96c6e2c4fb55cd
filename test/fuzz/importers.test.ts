/**
 * Importer fuzzing, line by line (issue 9): files of valid queue_log lines and Amazon Connect
 * records with mutated copies of their lines mixed in (too few fields, bad and impossible
 * times, NUL bytes, fields far too long, invalid UTF-8, unknown verbs and types, garbage,
 * repeats). The routes' contract (server/ingest/adapters/*.md): a request is all or nothing; a
 * line or record that cannot be read gets a 400 naming it (queue_log: `line`; Connect: record
 * `index`, or `line` and `column` when the body is no JSON at all), unknown verbs and types are
 * skipped, not errors.
 *
 * Each run checks that every line known to be bad is named, that no valid line is ever blamed,
 * that a refused request stores nothing and leaves the adapter state as it was, that the file
 * with the named lines taken out then goes in (and a second time only as duplicates), giving
 * what the same clean file gives a fresh tenant, and, when nothing doubtful is left in it, the
 * counts of the generated calls themselves. The server stays up throughout.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { storeCases } from '../helpers/require.ts';

const MAX_BODY = 16 * 1024 * 1024;

interface Call {
  queue: 'q1' | 'q2';
  agent: string;
  wait: number;
  outcome: 'answered' | 'abandoned';
  talk: number;
}
const callArb: fc.Arbitrary<Call> = fc.record({
  queue: fc.constantFrom('q1', 'q2'),
  agent: fc.constantFrom('SIP/101', 'PJSIP/102', 'Agent/103'),
  wait: fc.integer({ min: 1, max: 90 }),
  outcome: fc.constantFrom('answered', 'abandoned'),
  talk: fc.integer({ min: 1, max: 600 }),
});

/** What a mutated line is known to be under the contract. */
type Verdict = 'bad' | 'fine' | 'any';
/** A line of the file: its bytes, where it came from, and what it must get. */
interface Line {
  bytes: Buffer;
  verdict: Verdict | 'pristine';
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const noNewline = (s: string) => !/[\r\n]/.test(s);

// Verbs the queue_log adapter knows (queue-log.md); generated unknown verbs start with X, which none does.
const unknownVerb = fc.stringMatching(/^X[A-Z]{3,10}$/);
const badTime = fc.oneof(
  fc.constantFrom('yesterday', '', 'NaN', '-5', '1e9', '12345678901234567', '2026-02-30 10:00:00', '2026-13-01 00:00:00', '1999-12-31 23:59:59', '99999999999999'),
  // Not a number, and not what makes a line a comment ('#') or a psql header ('time |'): those are skipped, not errors.
  fc.string({ maxLength: 20 }).filter((s) => noNewline(s) && !s.includes('|') && !/^\s*\d/.test(s) && !/^\s*#/.test(s) && !/^\s*time\s*$/i.test(s)),
);

// ---- queue_log -------------------------------------------------------------------------------

function queueLogLines(calls: readonly Call[], base: number): string[] {
  return calls.flatMap((c, i) => {
    const t = base + i * 300;
    const id = `${base}.${i}`;
    const enter = `${t}|${id}|${c.queue}|NONE|ENTERQUEUE||5551234|1`;
    if (c.outcome === 'abandoned') return [enter, `${t + c.wait}|${id}|${c.queue}|NONE|ABANDON|1|1|${c.wait}`];
    return [enter, `${t + c.wait}|${id}|${c.queue}|${c.agent}|CONNECT|${c.wait}|${id}|3`, `${t + c.wait + c.talk}|${id}|${c.queue}|${c.agent}|COMPLETECALLER|${c.wait}|${c.talk}|1`];
  });
}

type QlMutation =
  | { kind: 'fewFields'; keep: number }
  | { kind: 'badTime'; time: string }
  | { kind: 'nul'; field: 1 | 2 }
  | { kind: 'huge'; field: 1 | 2; size: number }
  | { kind: 'unknownVerb'; verb: string }
  | { kind: 'invalidUtf8'; field: 2 | 3 }
  | { kind: 'garbage'; text: string }
  | { kind: 'repeat' };

const qlMutation: fc.Arbitrary<QlMutation> = fc.oneof(
  fc.record({ kind: fc.constant('fewFields' as const), keep: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('badTime' as const), time: badTime }),
  fc.record({ kind: fc.constant('nul' as const), field: fc.constantFrom(1 as const, 2 as const) }),
  fc.record({ kind: fc.constant('huge' as const), field: fc.constantFrom(1 as const, 2 as const), size: fc.integer({ min: 129, max: 200_000 }) }),
  fc.record({ kind: fc.constant('unknownVerb' as const), verb: unknownVerb }),
  fc.record({ kind: fc.constant('invalidUtf8' as const), field: fc.constantFrom(2 as const, 3 as const) }),
  // No commas (a CSV header would change how the next lines read) and no leading '#' (a comment).
  fc.record({ kind: fc.constant('garbage' as const), text: fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }).filter((s) => noNewline(s) && !s.includes(',') && !s.trim().startsWith('#') && s.trim() !== '') }),
  fc.record({ kind: fc.constant('repeat' as const) }),
);

function mutateQueueLog(line: string, m: QlMutation): Line {
  const f = line.split('|');
  switch (m.kind) {
    case 'fewFields':
      return { bytes: utf8(f.slice(0, m.keep).join('|')), verdict: 'bad' };
    case 'badTime':
      return { bytes: utf8([m.time, ...f.slice(1)].join('|')), verdict: 'bad' };
    case 'nul':
      f[m.field] = `${f[m.field]}\u0000x`;
      return { bytes: utf8(f.join('|')), verdict: 'bad' };
    case 'huge':
      f[m.field] = 'W'.repeat(m.size);
      return { bytes: utf8(f.join('|')), verdict: 'bad' };
    case 'unknownVerb':
      f[4] = m.verb;
      return { bytes: utf8(f.join('|')), verdict: 'fine' };
    case 'invalidUtf8': {
      const [before, after] = [f.slice(0, m.field).join('|') + '|', '|' + f.slice(m.field + 1).join('|')];
      return { bytes: Buffer.concat([utf8(before), utf8(f[m.field]!), Buffer.from([0xff, 0xc3, 0x28]), utf8(after)]), verdict: 'any' };
    }
    case 'garbage':
      return { bytes: utf8(m.text), verdict: 'any' };
    case 'repeat':
      return { bytes: utf8(line), verdict: 'fine' };
  }
}

// ---- Amazon Connect --------------------------------------------------------------------------

const ARN = 'arn:aws:connect:eu-west-1:123456789012:instance/11111111-2222-3333-4444-555555555555';
function connectRecord(type: string, contactId: string, c: Call, at: { enq: number; conn?: number; disc?: number }) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const time = at.disc ?? at.conn ?? at.enq;
  return {
    version: '0',
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    time: iso(time),
    detail: {
      eventType: type,
      contactId,
      channel: 'VOICE',
      initiationMethod: 'INBOUND',
      instanceArn: ARN,
      queueInfo: { queueArn: `${ARN}/queue/${c.queue}`, queueType: 'STANDARD', enqueueTimestamp: iso(at.enq) },
      ...(at.conn !== undefined ? { agentInfo: { agentArn: `${ARN}/agent/${c.agent.replace(/\W/g, '')}`, connectedToAgentTimestamp: iso(at.conn) } } : {}),
      ...(at.disc !== undefined ? { disconnectTimestamp: iso(at.disc) } : {}),
    },
  };
}

function connectRecords(calls: readonly Call[], baseMs: number): object[] {
  return calls.flatMap((c, i) => {
    const enq = baseMs + i * 300_000;
    const id = `${baseMs}-${i}`;
    const queued = connectRecord('QUEUED', id, c, { enq });
    if (c.outcome === 'abandoned') return [queued, connectRecord('DISCONNECTED', id, c, { enq, disc: enq + c.wait * 1000 })];
    const conn = enq + c.wait * 1000;
    return [queued, connectRecord('CONNECTED_TO_AGENT', id, c, { enq, conn }), connectRecord('DISCONNECTED', id, c, { enq, conn, disc: conn + c.talk * 1000 })];
  });
}

type AcMutation =
  | { kind: 'noContactId' }
  | { kind: 'badTime'; time: string }
  /** Not arrays: a top-level array is a list of records (the contract), which would move the indexes of those after it. */
  | { kind: 'notAnObject'; value: unknown }
  | { kind: 'nul' }
  | { kind: 'huge'; size: number }
  | { kind: 'otherKind' }
  | { kind: 'unknownEventType'; type: string }
  | { kind: 'extraFields'; extra: Record<string, unknown> }
  | { kind: 'repeat' };

const acMutation: fc.Arbitrary<AcMutation> = fc.oneof(
  fc.record({ kind: fc.constant('noContactId' as const) }),
  fc.record({ kind: fc.constant('badTime' as const), time: badTime.filter((s) => s !== '') }),
  fc.record({ kind: fc.constant('notAnObject' as const), value: fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.boolean()) }),
  fc.record({ kind: fc.constant('nul' as const) }),
  fc.record({ kind: fc.constant('huge' as const), size: fc.integer({ min: 129, max: 200_000 }) }),
  fc.record({ kind: fc.constant('otherKind' as const) }),
  fc.record({ kind: fc.constant('unknownEventType' as const), type: unknownVerb }),
  fc.record({ kind: fc.constant('extraFields' as const), extra: fc.dictionary(fc.stringMatching(/^x[a-z]{1,8}$/), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) }),
  fc.record({ kind: fc.constant('repeat' as const) }),
);

function mutateConnect(rec: object, m: AcMutation): Line {
  const r = structuredClone(rec) as { detail: Record<string, unknown> & { queueInfo: Record<string, unknown> } };
  const line = (v: unknown, verdict: Verdict): Line => ({ bytes: utf8(JSON.stringify(v)), verdict });
  switch (m.kind) {
    case 'noContactId':
      delete r.detail.contactId;
      return line(r, 'bad');
    case 'badTime':
      r.detail.queueInfo.enqueueTimestamp = m.time;
      return line(r, 'bad');
    case 'notAnObject':
      return line(m.value, 'bad');
    case 'nul':
      r.detail.contactId = `${String(r.detail.contactId)}\u0000x`;
      return line(r, 'bad');
    case 'huge':
      r.detail.contactId = 'W'.repeat(m.size);
      return line(r, 'bad');
    case 'otherKind':
      // A CloudTrail event on the same bus: skipped and counted, no error.
      return line({ version: '0', 'detail-type': 'AWS API Call via CloudTrail', source: 'aws.connect', time: new Date().toISOString(), detail: { eventName: 'UpdateQueue' } }, 'fine');
    case 'unknownEventType':
      r.detail.eventType = m.type;
      return line(r, 'any');
    case 'extraFields':
      Object.assign(r.detail, m.extra);
      return line(r, 'fine');
    case 'repeat':
      return line(r, 'fine');
  }
}

// ---- the property, for either importer ---------------------------------------------------------

interface Importer {
  path: string;
  adapter: string;
  contentType: string;
  /** The numbers of the lines (1-based) a 400 names. */
  named(body: { errors?: { line?: number; index?: number }[]; line?: number }): number[];
}
const QUEUE_LOG: Importer = {
  path: '/api/import/queue-log',
  adapter: 'queue-log',
  contentType: 'text/plain',
  named: (b) => (b.errors ?? []).map((e) => e.line!),
};
const CONNECT: Importer = {
  path: '/api/import/amazon-connect',
  adapter: 'amazon-connect',
  contentType: 'application/x-ndjson',
  // One record per line: record index i is line i + 1; a body that is no JSON names its line.
  named: (b) => (b.errors ? b.errors.map((e) => e.index! + 1) : b.line !== undefined ? [b.line] : []),
};

const NUMBERS = `query($t: ID!, $f: DateTime!, $to: DateTime!) {
  queues(tenant: $t) { id waiting }
  intervals(tenant: $t, from: $f, to: $to, step: HOUR1) { start offered answered abandoned handled overflowed }
}`;

describe.each(storeCases())('importers under line-by-line fuzzing (%s store)', (name, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ ...opts, config: { maxBodyBytes: MAX_BODY, maxBatchEvents: 100_000 } });
  });
  afterAll(() => app.close());
  const runs = name === 'memory' ? 40 : 15;

  const post = (imp: Importer, tenant: string, body: Buffer) =>
    fetch(`${app.url}${imp.path}?tenant=${tenant}`, { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': imp.contentType }, body: new Uint8Array(body) });

  async function numbers(tenant: string, fromMs: number) {
    await app.settled();
    const r = await app.graphql(NUMBERS, { t: tenant, f: new Date(fromMs - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() });
    expect(r.errors).toBeUndefined();
    return { queues: [...r.data.queues].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)), intervals: r.data.intervals };
  }
  const totals = (n: Awaited<ReturnType<typeof numbers>>) =>
    n.intervals.reduce((s: { offered: number; answered: number; abandoned: number }, i: { offered: number; answered: number; abandoned: number }) => ({ offered: s.offered + i.offered, answered: s.answered + i.answered, abandoned: s.abandoned + i.abandoned }), {
      offered: 0,
      answered: 0,
      abandoned: 0,
    });

  /** The whole check for one generated file. */
  async function check(imp: Importer, calls: Call[], pristine: string[], lines: Line[], startMs: number) {
    const tenant = uniqueTenant('fz');
    const body = Buffer.concat(lines.flatMap((l, i) => (i ? [Buffer.from('\n'), l.bytes] : [l.bytes])));
    const res = await post(imp, tenant, body);
    expect([202, 400], `status ${res.status}`).toContain(res.status);
    const answer = await res.json();
    const known = lines.flatMap((l, i) => (l.verdict === 'bad' ? [i + 1] : []));
    let named: number[] = [];
    if (res.status === 400) {
      named = imp.named(answer);
      expect(named.length, JSON.stringify(answer).slice(0, 500)).toBeGreaterThan(0);
      expect(answer.error).toMatch(/nothing was imported|not valid|no JSON|JSON/);
      for (const e of answer.errors ?? []) expect(typeof e.message === 'string' && e.message.length > 0).toBe(true);
      // Never blames a line that is fine; names every line known to be bad (the first 100 at least).
      const blamed = named.filter((n) => lines[n - 1]?.verdict === 'pristine' || lines[n - 1]?.verdict === 'fine');
      expect(blamed, `valid lines blamed: ${JSON.stringify(answer).slice(0, 500)}`).toEqual([]);
      if (answer.errors) expect(known.slice(0, 100).filter((n) => !named.includes(n)), `bad lines not named: ${JSON.stringify(answer).slice(0, 500)}`).toEqual([]);
      // Refused: nothing stored, the adapter state untouched.
      expect(await app.server.store.adapterState(tenant, imp.adapter)).toBeNull();
      await app.settled();
      expect(await app.server.store.queues(tenant)).toEqual([]);
    } else {
      expect(known, 'known-bad lines were accepted').toEqual([]);
    }

    // The file without the named lines goes in, once; a second time it is all duplicates.
    const clean = lines.filter((_, i) => !named.includes(i + 1));
    if (!clean.length) return;
    const cleanBody = Buffer.concat(clean.flatMap((l, i) => (i ? [Buffer.from('\n'), l.bytes] : [l.bytes])));
    const again = await post(imp, tenant, cleanBody);
    const first = await again.json();
    expect(again.status, JSON.stringify(first).slice(0, 500)).toBe(202);
    const after = await numbers(tenant, startMs);
    const resent = await (await post(imp, tenant, cleanBody)).json();
    // (The adapter's state may make fewer events the second time: a call it already closed. None is new.)
    expect(resent.accepted).toBe(0);
    expect(resent.duplicates).toBeGreaterThan(0);
    expect(await numbers(tenant, startMs)).toEqual(after);

    // The same clean file into a fresh tenant gives the same numbers: the refused request left nothing behind.
    const ref = uniqueTenant('ref');
    expect((await post(imp, ref, cleanBody)).status).toBe(202);
    expect(await numbers(ref, startMs)).toEqual(after);

    // Nothing doubtful left: the numbers are the generated calls'.
    if (clean.every((l) => l.verdict === 'pristine' || l.verdict === 'fine') && pristine.length) {
      const want = { offered: calls.length, answered: calls.filter((c) => c.outcome === 'answered').length, abandoned: calls.filter((c) => c.outcome === 'abandoned').length };
      expect(totals(after)).toEqual(want);
    }
  }

  /** Valid lines, with mutated copies of some of them inserted anywhere. */
  const fileArb = <M>(mutation: fc.Arbitrary<M>) =>
    fc.record({
      calls: fc.array(callArb, { minLength: 1, maxLength: 6 }),
      mutations: fc.array(fc.record({ of: fc.nat(), at: fc.nat(), m: mutation }), { minLength: 0, maxLength: 4 }),
    });

  function assemble<M>(pristine: string[], mutations: { of: number; at: number; m: M }[], mutate: (line: string, m: M) => Line): Line[] {
    const lines: Line[] = pristine.map((l) => ({ bytes: utf8(l), verdict: 'pristine' }));
    for (const { of, at, m } of mutations) lines.splice(at % (lines.length + 1), 0, mutate(pristine[of % pristine.length]!, m));
    return lines;
  }

  it('queue_log: bad lines named, valid ones never blamed, nothing half-applied, the rest in once', async () => {
    const startMs = Date.now() - 3_600_000;
    const base = Math.floor(startMs / 1000);
    await fc.assert(
      fc.asyncProperty(fileArb(qlMutation), async ({ calls, mutations }) => {
        const pristine = queueLogLines(calls, base);
        await check(QUEUE_LOG, calls, pristine, assemble(pristine, mutations, mutateQueueLog), startMs);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? runs), endOnFailure: process.env.FUZZ_SHRINK !== "1" },
    );
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 180_000);

  it('Amazon Connect: bad records named, valid ones never blamed, nothing half-applied, the rest in once', async () => {
    const startMs = Date.now() - 3_600_000;
    await fc.assert(
      fc.asyncProperty(fileArb(acMutation), async ({ calls, mutations }) => {
        const records = connectRecords(calls, startMs);
        const pristine = records.map((r) => JSON.stringify(r));
        const lines = assemble(pristine, mutations, (_line, m) => mutateConnect(records[pristine.indexOf(_line)]!, m));
        await check(CONNECT, calls, pristine, lines, startMs);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? runs), endOnFailure: process.env.FUZZ_SHRINK !== "1" },
    );
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 180_000);

  it('Amazon Connect: a line that is no JSON, or bytes that are no UTF-8, refuse the request whole, naming the place', async () => {
    const startMs = Date.now() - 3_600_000;
    const calls: Call[] = [{ queue: 'q1', agent: 'SIP/1', wait: 5, outcome: 'answered', talk: 60 }];
    const good = connectRecords(calls, startMs).map((r) => utf8(JSON.stringify(r)));
    const tenant = uniqueTenant('fz');
    const broken = await post(CONNECT, tenant, Buffer.concat([good[0]!, utf8('\n{"detail": {"contactId": "x",\n'), good[1]!]));
    expect(broken.status).toBe(400);
    const b = await broken.json();
    expect(b.error).toMatch(/not valid JSON at line \d+, column \d+/);
    expect(b.line).toBeGreaterThanOrEqual(2);
    const notUtf8 = await post(CONNECT, tenant, Buffer.concat([good[0]!, Buffer.from('\n{"x": "\xff\xfe"}\n', 'latin1')]));
    expect(notUtf8.status).toBe(400);
    expect((await notUtf8.json()).error).toBe('body is not valid UTF-8');
    expect(await app.server.store.adapterState(tenant, CONNECT.adapter)).toBeNull();
  });

  it('a 10 MB line: named as a bad line under a large body limit, 413 under the default one; the server stays up', async () => {
    const startMs = Date.now() - 3_600_000;
    const calls: Call[] = [{ queue: 'q1', agent: 'SIP/1', wait: 5, outcome: 'answered', talk: 60 }];
    const ql = queueLogLines(calls, Math.floor(startMs / 1000));
    const hugeQl = ql[1]!.split('|');
    hugeQl[2] = 'Q'.repeat(10 * 1024 * 1024);
    const qlLines: Line[] = [{ bytes: utf8(ql[0]!), verdict: 'pristine' }, { bytes: utf8(hugeQl.join('|')), verdict: 'bad' }, ...ql.slice(1).map((l) => ({ bytes: utf8(l), verdict: 'pristine' as const }))];
    await check(QUEUE_LOG, calls, ql, qlLines, startMs);

    const records = connectRecords(calls, startMs);
    const hugeAc = structuredClone(records[1]) as { detail: { contactId: string } };
    hugeAc.detail.contactId = 'C'.repeat(10 * 1024 * 1024);
    const acLines: Line[] = [...records.map((r) => ({ bytes: utf8(JSON.stringify(r)), verdict: 'pristine' as const })), { bytes: utf8(JSON.stringify(hugeAc)), verdict: 'bad' }];
    await check(CONNECT, calls, records.map((r) => JSON.stringify(r)), acLines, startMs);

    const small = await startApp({ ...opts });
    try {
      for (const imp of [QUEUE_LOG, CONNECT]) {
        const res = await fetch(`${small.url}${imp.path}?tenant=${uniqueTenant()}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${small.token}`, 'content-type': imp.contentType },
          body: new Uint8Array(Buffer.concat((imp === QUEUE_LOG ? qlLines : acLines).flatMap((l) => [l.bytes, utf8('\n')]))),
        });
        expect(res.status).toBe(413);
        expect((await res.json()).error).toMatch(/body over \d+ bytes/);
      }
      expect((await fetch(`${small.url}/healthz`)).status).toBe(200);
    } finally {
      await small.close();
    }
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
