/**
 * POST /api/import/queue-log and /api/import/amazon-connect over real HTTP, on both stores:
 * the shared samples go through, the numbers they imply come out of GraphQL, a file in pieces
 * equals the file whole, and bad input gets a 4xx that names what is wrong, storing nothing.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, uniqueTenant } from '../helpers/app.ts';
import { storeCases } from '../helpers/require.ts';
import { LIMITS, startImportApp, type ImportTestApp } from './import-app.ts';
import {
  connectSample,
  CONNECT_SAMPLES,
  noonZone,
  queueLogSample,
  QUEUE_LOG_SAMPLES,
  repairedAgentSample,
  shiftIsoTimes,
  shiftQueueLog,
} from './samples.ts';

const stores = storeCases();

/**
 * A POST on a connection of its own. The server answers 413 before reading the whole body and
 * drops the connection; through fetch's pool that would break the next test's request.
 */
function postOnce(url: string, body: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent: false, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/plain' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    // The server may close while the body is still going out; the answer already came.
    req.on('error', reject);
    req.end(body);
  });
}
const UTC = { tz: 'UTC' };

describe.each(stores)('import endpoints (%s store)', (_store, opts) => {
  let app: ImportTestApp;
  beforeAll(async () => {
    app = await startImportApp(opts);
  });
  afterAll(() => app.close());

  /** A tenant whose "today" holds the last hours, and a sample moved to end half a minute ago. */
  const fresh = async () => {
    const t = uniqueTenant('imp');
    await app.setTimeZone(t, noonZone());
    return t;
  };
  const now = () => Date.now() - 30_000;
  const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });

  describe('queue_log', () => {
    it.each(QUEUE_LOG_SAMPLES)('takes %s as it is, without a 5xx', async (name) => {
      const res = await json(await app.postQueueLog(uniqueTenant('raw'), queueLogSample(name), { query: UTC }));
      expect(res.status).toBe(202);
      expect(res.body.accepted).toBeGreaterThan(0);
    });

    it('fixture: four calls answered, the last still talking; posted again, all duplicates', async () => {
      const t = await fresh();
      const text = shiftQueueLog(queueLogSample('asterisk2slack_fixture.queue_log'), now());
      const first = await json(await app.postQueueLog(t, text));
      // 26 events from 21 lines: the duplicated ENTERQUEUE and COMPLETEAGENT lines are the same facts.
      expect(first).toEqual({ status: 202, body: { accepted: 11, duplicates: 15, lines: 21, events: 26, skipped: 4, unknownVerbs: {} } });
      const again = await json(await app.postQueueLog(t, text));
      expect(again.body).toMatchObject({ accepted: 0, duplicates: 26 });
      expect(await app.queues(t)).toEqual([
        {
          id: '201',
          waiting: 0,
          agents: { available: 0, busy: 1, wrapup: 0, away: 0, offline: 0 },
          // waits 10, 14, 6 and 10 s (two of them rebuilt from CONNECT's and COMPLETECALLER's hold times)
          today: { offered: 4, answered: 4, abandoned: 0, overflowed: 0, transferredOut: 0, handled: 3, asaSeconds: 10, averageAbandonWaitSeconds: null, ahtSeconds: (122 + 228 + 406) / 3 },
        },
      ]);
    });

    it('wazo: the abandoned call is offered and abandoned, the answered one answered with its wait, refusals overflow', async () => {
      const t = await fresh();
      const res = await json(await app.postQueueLog(t, shiftQueueLog(queueLogSample('wazo_table_samples.txt'), now()), { query: UTC }));
      expect(res.body).toMatchObject({ accepted: 18, duplicates: 0, lines: 21, skipped: 9 });
      const [q1] = await app.queues(t);
      expect(q1).toMatchObject({ id: 'q1', waiting: 0 });
      // offered: join-empty, answered, answered (rebuilt), full, closed, abandoned
      expect(q1!.today).toMatchObject({ offered: 6, answered: 2, abandoned: 1, overflowed: 3, averageAbandonWaitSeconds: 6 });
      // waits: 1.92 s (ENTERQUEUE 21.165823 → CONNECT 23.085718, microseconds cut) and 2 s (rebuilt)
      expect(q1!.today.asaSeconds).toBeCloseTo((1.92 + 2) / 2, 3);
    });

    it('issue759: the attended transfer is a transferred contact in 1501 and one visit in 1509', async () => {
      const t = await fresh();
      await app.postQueueLog(t, shiftQueueLog(queueLogSample('issue759_attended_transfer.queue_log'), now()));
      const rows = await app.queues(t);
      expect(rows.map((r) => [r.id, r.waiting, r.today.offered, r.today.answered, r.today.transferredOut, r.today.asaSeconds, r.today.ahtSeconds])).toEqual([
        ['1501', 0, 1, 1, 1, 12, 120],
        ['1509', 0, 1, 1, 0, 7, 173],
      ]);
    });

    /** Post `lines` cut before each index of `cuts` (state carried by the server), then read the queues. */
    const postInPieces = async (t: string, lines: string[], cuts: number[]) => {
      let from = 0;
      for (const cut of [...cuts, lines.length]) {
        const piece = lines.slice(from, cut).join('\n');
        from = cut;
        if (piece.trim() === '') continue; // a body of blank lines is refused: there is nothing to read
        const res = await app.postQueueLog(t, piece, { query: UTC });
        expect(res.status).toBe(202);
        await res.body?.cancel();
      }
      return app.queues(t);
    };
    const seeded = (seed: number) => () => ((seed = (seed * 48271) % 2147483647) / 2147483647);

    it.each(['asterisk2slack_fixture.queue_log', 'issue759_attended_transfer.queue_log', 'db_export_voipreports1.csv'] as const)(
      '%s cut anywhere into several requests gives the numbers of one request',
      async (name) => {
        const lines = shiftQueueLog(queueLogSample(name), now()).split('\n');
        const whole = await postInPieces(await fresh(), lines, []);
        expect(whole.length).toBeGreaterThan(0);
        const random = seeded(name.length);
        const cutSets = [
          // every line alone (not for the 1,000-row CSV: a few hundred requests suffice there)
          name.endsWith('.csv') ? lines.map((_, i) => i).filter((i) => i > 0 && random() < 0.3) : lines.map((_, i) => i).slice(1),
          lines.map((_, i) => i).filter((i) => i > 0 && random() < 0.1),
        ];
        for (const cuts of cutSets) expect(await postInPieces(await fresh(), lines, cuts)).toEqual(whole);
      },
    );

    it('counts unknown verbs and takes the rest', async () => {
      const t = await fresh();
      const at = Math.floor(now() / 1000);
      const res = await json(await app.postQueueLog(t, `${at}|c1|q|NONE|ENTERQUEUE||1|1\n${at}|c1|q|NONE|WENTONBREAK|600\n${at}|c1|q|NONE|OUTDIAL|1\n${at}|c1|q|NONE|OUTDIAL|2\n`));
      expect(res).toEqual({ status: 202, body: { accepted: 1, duplicates: 0, lines: 4, events: 1, skipped: 3, unknownVerbs: { WENTONBREAK: 1, OUTDIAL: 2 } } });
    });

    it('refuses a request with unreadable lines whole, naming each line, and stores nothing of it', async () => {
      const t = await fresh();
      const at = Math.floor(now() / 1000);
      const good = [`${at - 20}|c1|q|NONE|ENTERQUEUE||1|1`, `${at - 10}|c1|q|SIP/1|CONNECT|10|x|1`];
      const res = await json(await app.postQueueLog(t, [good[0], 'not a queue_log line', good[1], `${at}|c1|q`, `${at}|c1|q|SIP/1|CONNECT|ten|x|1`].join('\n')));
      expect(res.status).toBe(400);
      expect(res.body.errorCount).toBe(3);
      expect(res.body.errors).toEqual([
        { line: 2, message: expect.stringContaining('not a queue_log line') },
        { line: 4, message: expect.stringContaining('at least 5 fields') },
        { line: 5, message: 'CONNECT: holdtime (data1) is not a number: "ten"' },
      ]);
      expect(res.body.error).toContain('nothing was imported');
      // Nothing of it was stored: the good lines alone are new.
      expect((await json(await app.postQueueLog(t, good.join('\n')))).body).toMatchObject({ accepted: 2, duplicates: 0 });
    });

    it('refuses lines whose events the contract refuses, naming the line', async () => {
      const res = await json(await app.postQueueLog(uniqueTenant(), `1763900000|c1|${'q'.repeat(200)}|NONE|ENTERQUEUE||1|1`));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ line: 1, message: 'makes an invalid contact.queued event: queue: queue is longer than 128 characters' }]);
    });

    it('answers 400 for a missing or invalid tenant, time zone, agent-id mode, or an empty body', async () => {
      const line = '1763900000|c1|q|NONE|ENTERQUEUE||1|1';
      const missing = await json(await app.postQueueLog(null, line));
      expect(missing).toEqual({ status: 400, body: { error: expect.stringContaining('tenant query parameter is required') } });
      const invalid = await json(await app.postQueueLog('no spaces allowed', line));
      expect(invalid).toEqual({ status: 400, body: { error: 'tenant query parameter: tenant must match [A-Za-z0-9._-]{1,64}' } });
      expect((await json(await app.postQueueLog(uniqueTenant(), line, { query: { tz: 'Mars/Olympus' } }))).body.error).toContain('tz must be an IANA time zone');
      expect((await app.postQueueLog(uniqueTenant(), line, { query: { agentIds: 'fancy' } })).status).toBe(400);
      expect(await json(await app.postQueueLog(uniqueTenant(), '\n \n'))).toEqual({ status: 400, body: { error: 'the body holds no queue_log line' } });
    });

    it('answers 401 without a valid token, 403 for a tenant the token may not ingest, 415 for other content types', async () => {
      const line = '1763900000|c1|q|NONE|ENTERQUEUE||1|1';
      const t = uniqueTenant();
      expect((await fetch(`${app.importUrl}/api/import/queue-log?tenant=${t}`, { method: 'POST', body: line, headers: { 'content-type': 'text/plain' } })).status).toBe(401);
      expect((await app.postQueueLog(t, line, { token: 'wrong-token' })).status).toBe(401);
      const other = await app.createToken('INGEST', [uniqueTenant()]);
      expect(await json(await app.postQueueLog(t, line, { token: other }))).toEqual({ status: 403, body: { error: `token may not ingest for tenant ${t}`, tenants: [t] } });
      const viewer = await app.createToken('VIEWER', [t]);
      expect((await app.postQueueLog(t, line, { token: viewer })).status).toBe(403);
      const mine = await app.createToken('INGEST', [t]);
      expect((await app.postQueueLog(t, line, { token: mine })).status).toBe(202);
      expect((await app.postQueueLog(t, line, { contentType: 'application/json' })).status).toBe(415);
      expect((await app.postQueueLog(t, line, { contentType: 'text/csv' })).status).toBe(202);
    });

    it('answers 413 for a body over the limit and for a request making too many events', async () => {
      const t = uniqueTenant();
      const huge = await postOnce(`${app.importUrl}/api/import/queue-log?tenant=${t}`, `1763900000|c1|q|NONE|ENTERQUEUE||1|1\n${'#'.repeat(LIMITS.maxBodyBytes)}\n`);
      expect(huge).toEqual({ status: 413, body: { error: expect.stringContaining('several requests') } });
      // FULL makes two events per line.
      const full = Array.from({ length: LIMITS.maxEvents / 2 + 1 }, (_, i) => `1763900000|c${i}|q|NONE|FULL`).join('\n');
      const many = await json(await app.postQueueLog(t, full));
      expect(many).toEqual({ status: 413, body: { error: `the request makes ${LIMITS.maxEvents + 2} events, over the limit of ${LIMITS.maxEvents}; send fewer lines per request` } });
    });
  });

  describe('Amazon Connect', () => {
    it.each(CONNECT_SAMPLES)('takes %s as published without a 5xx', async (name) => {
      const res = await json(await app.postConnect(uniqueTenant('raw'), connectSample(name)));
      if (name === 'agent_event_sample.jsonc') {
        // AWS's sample closes an object one brace early: refused, pointing at it.
        expect(res).toEqual({ status: 400, body: { error: expect.stringContaining('closed too soon at line 67'), line: 68, column: 14 } });
      } else {
        expect(res.status).toBe(202);
      }
    });

    it('the contact samples: the inbound call offered and answered after 5 s; the outbound one never offered', async () => {
      const t = await fresh();
      const res = await json(await app.postConnect(t, shiftIsoTimes(connectSample('contact_event_samples.jsonc'), now())));
      expect(res.body).toEqual({ accepted: 4, duplicates: 0, records: 2, events: 4, skipped: 0, unknownTypes: {} });
      const rows = await app.queues(t);
      expect(rows.map((r) => [r.id, r.today.offered, r.today.answered, r.today.asaSeconds])).toEqual([
        ['12345678-1234-1234-1234-123456789012', 1, 1, 5],
        ['arn', 0, 0, null],
      ]);
    });

    it('the repaired agent sample makes its agent available in its team queue', async () => {
      const t = await fresh();
      const agent = await json(await app.postConnect(t, repairedAgentSample()));
      expect(agent.body).toMatchObject({ accepted: 1, records: 1 });
      // A contact in that queue makes it a row of the wallboard.
      const queued = { detail: { eventType: 'QUEUED', contactId: 'c1', channel: 'VOICE', initiationMethod: 'INBOUND', queueInfo: { queueArn: 'arn:aws:connect:x:1:instance/i/queue/queue-ARN', enqueueTimestamp: new Date(now()).toISOString() } } };
      await app.postConnect(t, JSON.stringify(queued));
      expect((await app.queues(t)).map((r) => [r.id, r.waiting, r.agents])).toEqual([['queue-ARN', 1, { available: 1, busy: 0, wrapup: 0, away: 0, offline: 0 }]]);
    });

    it('both streams telling the same contact count it once; the agent goes busy, wrap-up, available', async () => {
      const t = await fresh();
      const base = now() - 300_000;
      const at = (s: number) => new Date(base + s * 1000).toISOString();
      const queueArn = 'arn:aws:connect:eu-west-1:1:instance/i/queue/sales';
      const agentArn = 'arn:aws:connect:eu-west-1:1:instance/i/agent/ana';
      const contactEvent = (eventType: string, extra: object = {}) => ({
        'detail-type': 'Amazon Connect Contact Event',
        detail: { eventType, contactId: 'c1', channel: 'VOICE', initiationMethod: 'INBOUND', queueInfo: { queueArn, enqueueTimestamp: at(0) }, ...extra },
      });
      const agentInfo = { agentInfo: { agentArn, connectedToAgentTimestamp: at(15) } };
      const snapshot = (contacts: object[]) => ({
        AgentStatus: { Name: 'Available', Type: 'ROUTABLE', StartTimestamp: at(-3600) },
        Configuration: { RoutingProfile: { InboundQueues: [{ ARN: queueArn }], Concurrency: [{ Channel: 'VOICE', MaximumSlots: 1 }] } },
        Contacts: contacts,
      });
      const onCall = { ContactId: 'c1', Channel: 'VOICE', InitiationMethod: 'INBOUND', State: 'CONNECTED', StateStartTimestamp: at(15), ConnectedToAgentTimestamp: at(15), QueueTimestamp: at(0), Queue: { ARN: queueArn } };
      const inAcw = { ...onCall, State: 'ENDED', StateStartTimestamp: at(200) };
      const agentEvent = (eventAt: string, current: object[], previous: object[]) => ({ AgentARN: agentArn, EventId: `e-${eventAt}`, EventType: 'STATE_CHANGE', EventTimestamp: eventAt, CurrentAgentSnapshot: snapshot(current), PreviousAgentSnapshot: snapshot(previous) });
      const ndjson = (...records: object[]) => records.map((r) => JSON.stringify(r)).join('\n');

      const first = await json(await app.postConnect(t, ndjson(contactEvent('QUEUED'), contactEvent('CONNECTED_TO_AGENT', agentInfo)), { contentType: 'application/x-ndjson' }));
      expect(first.body).toMatchObject({ accepted: 2, duplicates: 1 }); // CONNECTED_TO_AGENT re-tells the queued
      const snap = await json(await app.postConnect(t, JSON.stringify([agentEvent(at(15), [onCall], [])])));
      expect(snap.body).toMatchObject({ accepted: 1, duplicates: 2 }); // only the agent.state is new
      expect((await app.queues(t))[0]).toMatchObject({ id: 'sales', waiting: 0, agents: { busy: 1 }, today: { offered: 1, answered: 1, asaSeconds: 15 } });

      await app.postConnect(t, JSON.stringify(contactEvent('DISCONNECTED', { ...agentInfo, disconnectTimestamp: at(200) })));
      await app.postConnect(t, JSON.stringify(agentEvent(at(200), [inAcw], [onCall])));
      expect((await app.queues(t))[0]).toMatchObject({ agents: { wrapup: 1, busy: 0 }, today: { handled: 1, ahtSeconds: 185 } });
      // After-contact work ends when the contact leaves the snapshot: that is its wrap-up time.
      await app.postConnect(t, JSON.stringify(agentEvent(at(230), [], [inAcw])));
      expect((await app.queues(t))[0]).toMatchObject({ agents: { available: 1, wrapup: 0 }, today: { answered: 1, ahtSeconds: 215 } });
    });

    it('refuses unreadable JSON (line and column) and unreadable records (their index), storing nothing', async () => {
      const t = await fresh();
      const bad = await json(await app.postConnect(t, '{"detail": {"eventType": "QUEUED",\n "contactId": }}'));
      expect(bad).toEqual({ status: 400, body: { error: expect.stringContaining('line 2, column 15'), line: 2, column: 15 } });
      const good = { detail: { eventType: 'QUEUED', contactId: 'c1', queueInfo: { queueArn: 'x/queue/q', enqueueTimestamp: new Date(now()).toISOString() } } };
      const records = await json(await app.postConnect(t, JSON.stringify([good, { detail: { eventType: 'QUEUED' } }, 'text'])));
      expect(records).toEqual({
        status: 400,
        body: {
          error: '2 problem(s) in the records; nothing was imported',
          errors: [
            { index: 1, message: 'QUEUED: contactId is missing' },
            { index: 2, message: 'a record must be a JSON object' },
          ],
          errorCount: 2,
        },
      });
      expect((await json(await app.postConnect(t, JSON.stringify(good)))).body).toMatchObject({ accepted: 1 });
      expect((await app.postConnect(t, '')).status).toBe(400);
      expect((await app.postConnect(t, JSON.stringify(good), { contentType: 'text/plain' })).status).toBe(415);
      expect((await app.postConnect(null, JSON.stringify(good))).status).toBe(400);
    });
  });
});
