/** The agent grid's data: agents(tenant) and agentsUpdated over real HTTP and graphql-ws, on both stores. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activitySince, agentSnapshot } from '../../server/live/agent-snapshot.ts';
import { applyAgentState, applyAgentWork, emptyAgent } from '../../server/engine/agent.ts';
import { graphqlOk, startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { agentState, lifecycle, nextId } from '../helpers/events.ts';
import { storeCases } from '../helpers/require.ts';
import { collect, wsClient } from '../helpers/ws-client.ts';

const AGENT_FIELDS = 'id tenant activity reason since secondsInState inProgress slots { channel used capacity } queues asOf';
const AGENTS_QUERY = `query($t: ID) { agents(tenant: $t) { ${AGENT_FIELDS} } }`;
const AGENTS_SUBSCRIPTION = `subscription($t: ID) { agentsUpdated(tenant: $t) { tenant full agents { ${AGENT_FIELDS} } } }`;

interface Agent {
  id: string;
  tenant: string;
  activity: string;
  reason: string | null;
  since: string | null;
  secondsInState: number | null;
  inProgress: number;
  slots: { channel: string; used: number; capacity: number }[];
  queues: string[];
}
interface Batch {
  agentsUpdated: { tenant: string; full: boolean; agents: Agent[] };
}

async function tokenFor(app: TestApp, role: string, tenants: string[]): Promise<string> {
  const r = await graphqlOk<{ createApiToken: { token: string } }>(app, 'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
    i: { name: `${role} agents test`, role, tenants },
  });
  return r.createApiToken.token;
}

const iso = (ms: number) => new Date(ms).toISOString();

describe('agent snapshot (pure)', () => {
  const at = (s: number) => Date.UTC(2026, 0, 5, 9, 0, s);
  const state = (s: number, st: 'available' | 'away' | 'offline', extra: object = {}) =>
    ({ id: nextId(), type: 'agent.state', tenant: 't', agent: 'a', at: iso(at(s)), state: st, ...extra }) as never;
  const work = (type: string, s: number, contact: string) =>
    ({ id: nextId(), type, tenant: 't', queue: 'chat', contact, agent: 'a', at: iso(at(s)) }) as never;

  it('dates a spell of busy from the first of overlapping contacts, and counts chat slots', () => {
    const r = applyAgentState(emptyAgent(), state(0, 'available', { queues: ['chat'], capacity: { chat: 3 } }));
    applyAgentWork(r, 'chat\u001fc1', work('contact.answered', 10, 'c1'), 'chat');
    applyAgentWork(r, 'chat\u001fc2', work('contact.answered', 20, 'c2'), 'chat');
    applyAgentWork(r, 'chat\u001fc1', work('contact.ended', 30, 'c1'), 'chat');
    const snap = agentSnapshot('t', 'a', r, at(40));
    expect(snap).toMatchObject({ activity: 'busy', since: at(10), secondsInState: 30, inProgress: 1, slots: [{ channel: 'chat', used: 1, capacity: 3 }], queues: ['chat'] });
  });

  it('starts a new spell with a new away reason, and after wrap-up', () => {
    const r = applyAgentState(emptyAgent(), state(0, 'available', { queues: ['chat'] }));
    applyAgentWork(r, 'chat\u001fc1', work('contact.answered', 10, 'c1'), 'chat');
    applyAgentWork(r, 'chat\u001fc1', work('contact.ended', 20, 'c1'), 'chat');
    expect(activitySince(r, 'wrapup', null)).toBe(at(20));
    applyAgentWork(r, 'chat\u001fc1', work('contact.wrapped', 25, 'c1'), 'chat');
    expect(agentSnapshot('t', 'a', r, at(30))).toMatchObject({ activity: 'available', since: at(25) });
    applyAgentState(r, state(40, 'away', { reason: 'break' }));
    applyAgentState(r, state(50, 'away', { reason: 'lunch' }));
    expect(agentSnapshot('t', 'a', r, at(45 + 60))).toMatchObject({ activity: 'away', reason: 'lunch', since: at(50), secondsInState: 55 });
  });

  it('takes a stamp shared by several contacts once, and dates nothing on a record without stamps', () => {
    expect(agentSnapshot('t', 'a', emptyAgent(), at(10))).toMatchObject({ activity: 'available', since: null, secondsInState: null });
    const r = applyAgentState(emptyAgent(), state(0, 'away', { reason: 'break', queues: ['chat'] }));
    applyAgentState(r, state(10, 'available'));
    applyAgentWork(r, 'chat\u001fc1', work('contact.answered', 10, 'c1'), 'chat');
    applyAgentWork(r, 'chat\u001fc2', work('contact.answered', 10, 'c2'), 'chat');
    expect(agentSnapshot('t', 'a', r, at(15))).toMatchObject({ activity: 'busy', since: at(10), inProgress: 2 });
    applyAgentWork(r, 'chat\u001fc1', work('contact.ended', 20, 'c1'), 'chat');
    applyAgentWork(r, 'chat\u001fc2', work('contact.ended', 20, 'c2'), 'chat');
    expect(agentSnapshot('t', 'a', r, at(25))).toMatchObject({ activity: 'wrapup', since: at(20), inProgress: 0 });
  });

  it('never shows a negative time in state for events stamped ahead of the clock', () => {
    const r = applyAgentState(emptyAgent(), state(100, 'available'));
    expect(agentSnapshot('t', 'a', r, at(50)).secondsInState).toBe(0);
  });
});

describe.each(storeCases())('agents over GraphQL (%s store)', (_store, opts) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(opts);
  });
  afterAll(() => app.close());

  it('answers agents(tenant) with activity, away reason, time in state, slots and queues', async () => {
    const t = uniqueTenant('ag');
    const t0 = Date.now() - 5 * 60_000;
    await app.postEvents([
      { ...agentState(t, 'chat.1', t0, 'available', { queues: ['chat-en'] }), capacity: { chat: 3 } },
      agentState(t, 'voice.1', t0, 'available', { queues: ['billing'] }),
      agentState(t, 'voice.2', t0, 'away', { queues: ['billing'], reason: 'lunch' }),
      ...lifecycle({ tenant: t, queue: 'chat-en', channel: 'chat', contact: 'k1', queuedAt: t0 + 1000, outcome: { kind: 'answered', after: 2, agent: 'chat.1' } }),
      ...lifecycle({ tenant: t, queue: 'chat-en', channel: 'chat', contact: 'k2', queuedAt: t0 + 1000, outcome: { kind: 'answered', after: 5, agent: 'chat.1' } }),
      ...lifecycle({ tenant: t, queue: 'billing', contact: 'c1', queuedAt: t0, outcome: { kind: 'answered', after: 10, agent: 'voice.1', talk: 60 } }),
    ]);
    await app.settled();
    const { agents } = await graphqlOk<{ agents: Agent[] }>(app, AGENTS_QUERY, { t });
    expect(agents.map((a) => a.id)).toEqual(['chat.1', 'voice.1', 'voice.2']);
    const [chat, voice1, voice2] = agents as [Agent, Agent, Agent];
    expect(chat).toMatchObject({ tenant: t, activity: 'BUSY', reason: null, since: iso(t0 + 3000), inProgress: 2, slots: [{ channel: 'chat', used: 2, capacity: 3 }], queues: ['chat-en'] });
    expect(chat.secondsInState).toBeGreaterThan(290);
    expect(voice1).toMatchObject({ activity: 'WRAPUP', since: iso(t0 + 70_000), inProgress: 0, slots: [] });
    expect(voice2).toMatchObject({ activity: 'AWAY', reason: 'lunch', since: iso(t0), queues: ['billing'], slots: [] });
  });

  it('streams every agent first, then only those that changed, and each agent once per batch', async () => {
    const t = uniqueTenant('ag');
    const t0 = Date.now() - 60_000;
    await app.postEvents([agentState(t, 'a1', t0, 'available', { queues: ['q'] }), agentState(t, 'a2', t0, 'available', { queues: ['q'] })]);
    await app.settled();
    const client = wsClient(app.url, app.token);
    const sub = collect<Batch>(client, AGENTS_SUBSCRIPTION, { t });
    try {
      const first = await sub.until((m) => m.agentsUpdated.full);
      expect(first.agentsUpdated.agents.map((a) => [a.id, a.activity])).toEqual([
        ['a1', 'AVAILABLE'],
        ['a2', 'AVAILABLE'],
      ]);
      // Three changes of a2 in one request: a2 arrives, as it stands after the last of them.
      await app.postEvents([
        agentState(t, 'a2', t0 + 1000, 'away', { reason: 'break' }),
        agentState(t, 'a2', t0 + 2000, 'available'),
        agentState(t, 'a2', t0 + 3000, 'away', { reason: 'coaching' }),
      ]);
      const change = await sub.until((m) => !m.agentsUpdated.full && m.agentsUpdated.agents.some((a) => a.reason === 'coaching'));
      expect(change.agentsUpdated.tenant).toBe(t);
      expect(change.agentsUpdated.agents.map((a) => a.id)).toEqual(['a2']);
      expect(change.agentsUpdated.agents[0]).toMatchObject({ activity: 'AWAY', reason: 'coaching', since: iso(t0 + 3000) });
      // The unchanged agent is not sent again, and no batch carries an agent twice.
      for (const m of sub.messages.slice(1)) {
        expect(m.agentsUpdated.agents.map((a) => a.id)).not.toContain('a1');
        expect(new Set(m.agentsUpdated.agents.map((a) => a.id)).size).toBe(m.agentsUpdated.agents.length);
      }
    } finally {
      sub.stop();
      await client.dispose();
    }
  });

  it("refuses another tenant's agents, by query and by subscription, and never leaks them to a scoped token", async () => {
    const mine = uniqueTenant('own');
    const theirs = uniqueTenant('foreign');
    const t0 = Date.now() - 60_000;
    await app.postEvents([agentState(mine, 'me.1', t0, 'available', { queues: ['q'] }), agentState(theirs, 'them.1', t0, 'available', { queues: ['q'] })]);
    await app.settled();
    const viewer = await tokenFor(app, 'VIEWER', [mine]);

    const refused = await app.graphql(AGENTS_QUERY, { t: theirs }, viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toContain(theirs);
    const ingest = await tokenFor(app, 'INGEST', [mine]);
    expect((await app.graphql(AGENTS_QUERY, { t: mine }, ingest)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // No tenant named: only the token's own.
    const all = await graphqlOk<{ agents: Agent[] }>(app, AGENTS_QUERY, { t: null }, viewer);
    expect(all.agents.map((a) => a.tenant)).toEqual([mine]);

    const client = wsClient(app.url, viewer);
    const foreign = collect<Batch>(client, AGENTS_SUBSCRIPTION, { t: theirs });
    const own = collect<Batch>(client, AGENTS_SUBSCRIPTION, { t: null });
    try {
      await expect(foreign.until(() => false, 3000)).rejects.toThrow(/not allowed to read tenant/);
      expect(foreign.messages).toEqual([]);
      await own.until((m) => m.agentsUpdated.full);
      await app.postEvents([agentState(theirs, 'them.1', t0 + 1000, 'away', { reason: 'break' }), agentState(mine, 'me.1', t0 + 1000, 'away', { reason: 'break' })]);
      await own.until((m) => m.agentsUpdated.agents.some((a) => a.id === 'me.1' && a.activity === 'AWAY'));
      // Give the foreign change every chance to arrive: it went out in the same ticks.
      await app.settled();
      expect(own.messages.flatMap((m) => m.agentsUpdated.agents.map((a) => a.tenant))).not.toContain(theirs);
    } finally {
      foreign.stop();
      own.stop();
      await client.dispose();
    }
  });
});
