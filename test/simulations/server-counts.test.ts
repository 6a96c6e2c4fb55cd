/**
 * What the server makes of the simulated floor: three hours of the demo's BPO scenario (with
 * overflows between queues, skill expansion, tier-2 escalations and callbacks) posted to the
 * real server on each store, and every queue's counts and every follow-up compared with what
 * the events say by metrics.md (event-stats.ts) and events.md. Counts must agree exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestEvent } from '../../schema/events.ts';
import { applyScenarioSettings } from '../../server/demo.ts';
import { createFloor } from '../../simulations/floor.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';
import { startApp, type TestApp } from '../helpers/app.ts';
import { storeCases } from '../helpers/require.ts';
import { queueStats, type QueueCounts } from './event-stats.ts';

const HOUR = 3_600_000;
const COUNTS = ['offered', 'answered', 'answeredWithinThreshold', 'abandoned', 'shortAbandoned', 'overflowed', 'handled', 'transferredOut', 'escalated'] as const;

interface ExpectedFollowUp {
  kind: string;
  status: string;
  queue: string | null;
  contact: string | null;
  owner: string | null;
}

/**
 * The follow-ups the events owe, by events.md: one per followup.created, and one per escalation
 * transfer (the server opens it, id escalation:<queue>:<contact>, in the queue it went to); each
 * with the status and owner of its latest update.
 */
function expectedFollowUps(events: readonly IngestEvent[]): Map<string, ExpectedFollowUp> {
  const out = new Map<string, ExpectedFollowUp>();
  for (const e of events) {
    if (e.type === 'followup.created') {
      out.set(`${e.tenant}/${e.followup}`, { kind: e.kind, status: 'open', queue: e.queue ?? null, contact: e.contact ?? null, owner: e.owner ?? null });
    } else if (e.type === 'contact.transferred' && e.escalation) {
      out.set(`${e.tenant}/escalation:${e.queue}:${e.contact}`, { kind: 'escalation', status: 'open', queue: e.toQueue ?? e.queue, contact: e.contact, owner: null });
    } else if (e.type === 'followup.updated') {
      const f = out.get(`${e.tenant}/${e.followup}`)!;
      if (e.status !== undefined) f.status = e.status;
      if (e.owner !== undefined) f.owner = e.owner;
    }
  }
  return out;
}

describe.each(storeCases())('the simulated BPO floor, counted by the server (%s store)', (_store, opts) => {
  let app: TestApp;
  let events: IngestEvent[];
  // A fixed afternoon (a Monday: part-timers on shift in New York and Madrid), so the run is
  // the same whenever the test runs; the server's clock is set just after it.
  const end = Date.parse('2026-11-30T16:00:00Z');
  const start = end - 3 * HOUR;

  beforeAll(async () => {
    const wallStart = Date.now();
    app = await startApp({ ...opts, clock: () => end + 60_000 + (Date.now() - wallStart) });
    await applyScenarioSettings(app.server.store, bpo);
    events = createFloor(bpo, { seed: 21, startMs: start, runId: 'counts' }).advance(end);
    for (let i = 0; i < events.length; i += 5_000) {
      const res = await app.postEvents(events.slice(i, i + 5_000));
      expect(res.status, await res.clone().text()).toBe(202);
    }
    await app.settled();
  });
  afterAll(() => app?.close());

  it('counts every queue as the events say: offered, answered, abandoned, overflowed, transferred, escalated', async () => {
    const thresholds = new Map(bpo.queues.map((q) => [q.id, q.serviceLevelSeconds]));
    const expected = queueStats(events, { thresholdSeconds: (q) => thresholds.get(q)!, shortAbandonSeconds: 5 });
    // The rules really fired in these three hours, so the comparison covers them.
    const total = (field: keyof QueueCounts) => [...expected.values()].reduce((n, c) => n + c[field], 0);
    expect(total('escalated')).toBeGreaterThan(5);
    expect(total('overflowed')).toBeGreaterThan(5);
    expect(expected.get('northwind/callbacks-en')?.offered ?? 0).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'contact.overflowed' && e.toQueue !== undefined)).toBe(true);

    const query = `query($t: ID!, $q: ID, $from: DateTime!, $to: DateTime!) {
      intervals(tenant: $t, queue: $q, from: $from, to: $to, step: HOUR1) { ${COUNTS.join(' ')} } }`;
    const from = new Date(start - HOUR).toISOString();
    const to = new Date(end + HOUR).toISOString();
    for (const q of bpo.queues) {
      const res = await app.graphql<{ intervals: Record<(typeof COUNTS)[number], number>[] }>(query, { t: q.tenant, q: q.id, from, to });
      expect(res.errors).toBeUndefined();
      const server = Object.fromEntries(COUNTS.map((k) => [k, res.data!.intervals.reduce((n, i) => n + i[k], 0)]));
      const mine = expected.get(`${q.tenant}/${q.id}`);
      const want = Object.fromEntries(COUNTS.map((k) => [k, mine?.[k] ?? 0]));
      expect(server, `${q.tenant}/${q.id}`).toEqual(want);
    }
  });

  it('holds every follow-up the events opened, escalations and callbacks, with their status and owner', async () => {
    const expected = expectedFollowUps(events);
    expect([...expected.values()].filter((f) => f.kind === 'escalation').length).toBeGreaterThan(5);
    expect([...expected.values()].filter((f) => f.kind === 'callback').length).toBeGreaterThan(0);
    expect([...expected.values()].filter((f) => f.status === 'done').length).toBeGreaterThan(0);

    const server = new Map<string, ExpectedFollowUp>();
    for (const t of bpo.tenants) {
      let after: string | null = null;
      for (;;) {
        const res: { data?: { followUps: { nodes: { id: string; kind: string; status: string; queue: string | null; contact: string | null; owner: string | null }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }; errors?: unknown } =
          await app.graphql(
            `query($t: ID!, $after: String) { followUps(tenant: $t, status: [OPEN, IN_PROGRESS, WAITING_CUSTOMER, DONE, CANCELLED], first: 500, after: $after) {
              nodes { id kind status queue contact owner } pageInfo { hasNextPage endCursor } } }`,
            { t: t.id, after },
          );
        expect(res.errors).toBeUndefined();
        for (const f of res.data!.followUps.nodes) {
          server.set(`${t.id}/${f.id}`, { kind: f.kind.toLowerCase(), status: f.status.toLowerCase(), queue: f.queue, contact: f.contact, owner: f.owner });
        }
        if (!res.data!.followUps.pageInfo.hasNextPage) break;
        after = res.data!.followUps.pageInfo.endCursor;
      }
    }
    expect(server).toEqual(expected);
    // The board's summary counts the open ones (not done) per tenant.
    for (const t of bpo.tenants) {
      const res = await app.graphql<{ followUpSummary: { open: number } }>('query($t: ID!) { followUpSummary(tenant: $t) { open } }', { t: t.id });
      const open = [...expected].filter(([id, f]) => id.startsWith(`${t.id}/`) && f.status !== 'done').length;
      expect(res.data?.followUpSummary.open, t.id).toBe(open);
    }
  });
});
