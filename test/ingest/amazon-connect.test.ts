/** The Amazon Connect translator, pure: the shared samples and the cases the mapping decides. */
import { describe, expect, it } from 'vitest';
import { parseEvent, type IngestEvent } from '../../schema/events.ts';
import { readJsonValues } from '../../server/ingest/adapters/jsonc.ts';
import { arnId, channelOf, emptyConnectState, translateAmazonConnect, type ConnectState } from '../../server/ingest/adapters/amazon-connect.ts';
import { connectSample, repairedAgentSample } from './samples.ts';

const INSTANCE = 'arn:aws:connect:eu-west-1:111122223333:instance/inst-1';
const queueArn = (id: string) => `${INSTANCE}/queue/${id}`;
const agentArn = (id: string) => `${INSTANCE}/agent/${id}`;

function run(values: unknown[], state: ConnectState = emptyConnectState()) {
  const t = translateAmazonConnect(values, state, { tenant: 't1' });
  for (const { event } of t.events) {
    const r = parseEvent(event, 0);
    if (!r.ok) throw new Error(`invalid event ${JSON.stringify(event)}: ${JSON.stringify(r.errors)}`);
  }
  return t;
}

const brief = (events: { event: IngestEvent }[]) =>
  events.map(({ event }) => {
    const { id: _id, tenant: _t, at, ...rest } = event as IngestEvent & Record<string, unknown>;
    return { at: new Date(at as number).toISOString(), ...rest };
  });

/** A contact event as EventBridge delivers it (camelCase detail). */
function contactEvent(eventType: string, contactId: string, o: { queue?: string; enq?: string; agent?: string; conn?: string; disc?: string; channel?: string; method?: string; previous?: string } = {}) {
  return {
    version: '0',
    'detail-type': 'Amazon Connect Contact Event',
    source: 'aws.connect',
    time: o.disc ?? o.conn ?? o.enq ?? '2026-11-23T09:00:00Z',
    detail: {
      eventType,
      contactId,
      channel: o.channel ?? 'VOICE',
      initiationMethod: o.method ?? 'INBOUND',
      instanceArn: INSTANCE,
      ...(o.previous ? { previousContactId: o.previous } : {}),
      ...(o.queue ? { queueInfo: { queueArn: queueArn(o.queue), queueType: 'STANDARD', ...(o.enq ? { enqueueTimestamp: o.enq } : {}) } } : {}),
      ...(o.agent ? { agentInfo: { agentArn: agentArn(o.agent), ...(o.conn ? { connectedToAgentTimestamp: o.conn } : {}) } } : {}),
      ...(o.disc ? { disconnectTimestamp: o.disc } : {}),
    },
  };
}

/** An agent event stream record (PascalCase, as Kinesis delivers it). */
function agentEvent(type: string, at: string, o: { status?: { Name: string; Type?: string; StartTimestamp?: string }; contacts?: object[]; previousContacts?: object[]; id?: string } = {}) {
  const snapshot = (contacts: object[] | undefined, status = o.status) => ({
    ...(status ? { AgentStatus: { ARN: `${INSTANCE}/agent-state/x`, ...status } } : {}),
    Configuration: {
      Username: 'ana',
      RoutingProfile: {
        Name: 'Sales',
        Concurrency: [
          { Channel: 'VOICE', AvailableSlots: 1, MaximumSlots: 1 },
          { Channel: 'CHAT', AvailableSlots: 2, MaximumSlots: 2 },
        ],
        InboundQueues: [
          { ARN: queueArn('sales'), Name: 'Sales', Channels: ['VOICE', 'CHAT'] },
          { ARN: `${INSTANCE}/queue/agent/ana-1`, Name: null, Channels: ['VOICE'] },
        ],
      },
    },
    Contacts: contacts ?? [],
  });
  return {
    AgentARN: agentArn('ana-1'),
    EventId: o.id ?? `${type}-${at}`,
    EventTimestamp: at,
    EventType: type,
    InstanceARN: INSTANCE,
    Version: '2017-10-01',
    CurrentAgentSnapshot: snapshot(o.contacts),
    ...(o.previousContacts ? { PreviousAgentSnapshot: snapshot(o.previousContacts) } : {}),
  };
}

const snapshotContact = (contactId: string, state: string, o: { queued?: string; connected?: string; since?: string; queue?: string } = {}) => ({
  ContactId: contactId,
  Channel: 'VOICE',
  InitiationMethod: 'INBOUND',
  State: state,
  StateStartTimestamp: o.since ?? o.connected ?? '2026-11-23T09:00:00Z',
  ...(o.connected ? { ConnectedToAgentTimestamp: o.connected } : {}),
  ...(o.queued ? { QueueTimestamp: o.queued } : {}),
  Queue: { ARN: queueArn(o.queue ?? 'sales'), Name: 'Sales' },
});

describe('Amazon Connect contact events', () => {
  it('translates the shared samples: an inbound answer (with its queue) and an outbound call (no offer)', () => {
    const json = readJsonValues(connectSample('contact_event_samples.jsonc'));
    const t = run((json as { values: unknown[] }).values);
    expect(t.problems).toEqual([]);
    const q = '12345678-1234-1234-1234-123456789012';
    expect(brief(t.events)).toEqual([
      { at: '2021-08-04T17:29:04.000Z', type: 'contact.queued', contact: '11111111-1111-1111-1111-111111111111', queue: q, channel: 'voice' },
      { at: '2021-08-04T17:29:09.000Z', type: 'contact.answered', contact: '11111111-1111-1111-1111-111111111111', queue: q, agent: q },
      // Sample 2 is OUTBOUND, with PascalCase AgentInfo: answered and ended, never offered.
      { at: '2021-08-04T17:29:09.000Z', type: 'contact.answered', contact: '11111111-1111-1111-1111-111111111111', queue: 'arn', agent: 'arn' },
      { at: '2021-08-04T17:18:37.000Z', type: 'contact.ended', contact: '11111111-1111-1111-1111-111111111111', queue: 'arn', agent: 'arn' },
    ]);
  });

  it('follows a contact from queue to answer to end; every record re-tells the facts under the same ids', () => {
    const enq = '2026-11-23T09:00:00.000Z';
    const conn = '2026-11-23T09:00:12.000Z';
    const disc = '2026-11-23T09:04:00.000Z';
    const t = run([
      contactEvent('INITIATED', 'c1'),
      contactEvent('QUEUED', 'c1', { queue: 'sales', enq }),
      contactEvent('CONNECTED_TO_AGENT', 'c1', { queue: 'sales', enq, agent: 'ana-1', conn }),
      contactEvent('DISCONNECTED', 'c1', { queue: 'sales', enq, agent: 'ana-1', conn, disc }),
    ]);
    expect(t.skipped).toBe(1); // INITIATED tells nothing yet
    const byId = new Map(t.events.map((e) => [e.event.id, e.event]));
    expect(brief([...byId.values()].map((event) => ({ event })))).toEqual([
      { at: enq, type: 'contact.queued', contact: 'c1', queue: 'sales', channel: 'voice' },
      { at: conn, type: 'contact.answered', contact: 'c1', queue: 'sales', agent: 'ana-1' },
      { at: disc, type: 'contact.ended', contact: 'c1', queue: 'sales', agent: 'ana-1' },
    ]);
  });

  it('a contact disconnected without an agent abandoned; in any order the same events', () => {
    const records = [contactEvent('DISCONNECTED', 'c2', { queue: 'sales', enq: '2026-11-23T09:00:00Z', disc: '2026-11-23T09:00:40Z' }), contactEvent('QUEUED', 'c2', { queue: 'sales', enq: '2026-11-23T09:00:00Z' })];
    const t = run(records);
    expect(brief(t.events).map((e) => e.type)).toEqual(['contact.queued', 'contact.abandoned', 'contact.queued']);
    const reversed = run([...records].reverse());
    expect(new Set(reversed.events.map((e) => e.event.id))).toEqual(new Set(t.events.map((e) => e.event.id)));
  });

  it('reads keys in any casing: a PascalCase envelope makes the very same events', () => {
    const camel = contactEvent('CONNECTED_TO_AGENT', 'c3', { queue: 'sales', enq: '2026-11-23T09:00:00Z', agent: 'ana-1', conn: '2026-11-23T09:00:05Z' });
    const pascal = JSON.parse(JSON.stringify(camel).replace(/"([a-z])([A-Za-z]*)":/g, (_, a: string, b: string) => `"${a.toUpperCase()}${b}":`));
    expect(pascal.Detail.EventType).toBe('CONNECTED_TO_AGENT');
    expect(run([pascal]).events).toEqual(run([camel]).events);
  });

  it('maps channels: VOICE, CHAT, TASK, and callbacks by their initiation method', () => {
    expect(channelOf('VOICE')).toBe('voice');
    expect(channelOf('Chat')).toBe('chat');
    expect(channelOf('TASK')).toBe('task');
    expect(channelOf('EMAIL')).toBe('email');
    expect(channelOf('VOICE', 'CALLBACK')).toBe('callback');
    const t = run([contactEvent('QUEUED', 'k1', { queue: 'backoffice', enq: '2026-11-23T09:00:00Z', channel: 'TASK' })]);
    expect(t.events[0]!.event).toMatchObject({ type: 'contact.queued', channel: 'task' });
  });

  it('leaves out agent queues and supervisors monitoring', () => {
    const toAgent = contactEvent('QUEUED', 'c4', { enq: '2026-11-23T09:00:00Z' });
    (toAgent.detail as Record<string, unknown>).queueInfo = { queueArn: `${INSTANCE}/queue/agent/ana-1`, queueType: 'AGENT', enqueueTimestamp: '2026-11-23T09:00:00Z' };
    const monitor = contactEvent('CONNECTED_TO_AGENT', 'c5', { queue: 'sales', enq: '2026-11-23T09:00:00Z', agent: 'sup-1', conn: '2026-11-23T09:00:05Z', method: 'MONITOR' });
    const t = run([toAgent, monitor]);
    expect(t.events).toEqual([]);
    expect(t.skipped).toBe(2);
  });

  it('a contact queued again elsewhere left the first queue: overflowed by a flow rule, or transferred after an answer', () => {
    const t = run([contactEvent('QUEUED', 'c6', { queue: 'sales', enq: '2026-11-23T09:00:00Z' }), contactEvent('QUEUED', 'c6', { queue: 'overflow', enq: '2026-11-23T09:05:00Z' })]);
    expect(brief(t.events).slice(2)).toEqual([{ at: '2026-11-23T09:05:00.000Z', type: 'contact.overflowed', contact: 'c6', queue: 'sales', reason: 'timeout', toQueue: 'overflow' }]);
    // Delivered the other way round, across two requests: the same event.
    const first = run([contactEvent('QUEUED', 'c6', { queue: 'overflow', enq: '2026-11-23T09:05:00Z' })]);
    const second = run([contactEvent('QUEUED', 'c6', { queue: 'sales', enq: '2026-11-23T09:00:00Z' })], first.state);
    expect(second.events.map((e) => e.event.id)).toContain(t.events[2]!.event.id);
  });

  it("an agent's transfer to a queue makes a new contact: the first one is transferred from its queue", () => {
    const first = run([contactEvent('DISCONNECTED', 'a1', { queue: 'sales', enq: '2026-11-23T09:00:00Z', agent: 'ana-1', conn: '2026-11-23T09:00:10Z', disc: '2026-11-23T09:03:00Z' })]);
    const t = run([contactEvent('QUEUED', 'b1', { queue: 'billing', enq: '2026-11-23T09:03:01Z', method: 'TRANSFER', previous: 'a1' })], first.state);
    expect(brief(t.events)).toEqual([
      { at: '2026-11-23T09:03:01.000Z', type: 'contact.queued', contact: 'b1', queue: 'billing', channel: 'voice' },
      { at: '2026-11-23T09:03:01.000Z', type: 'contact.transferred', contact: 'a1', queue: 'sales', agent: 'ana-1', toQueue: 'billing' },
    ]);
  });

  it('refuses records it cannot read, and counts the kinds it does not know', () => {
    const bad = { ...contactEvent('QUEUED', 'c7', { queue: 'sales', enq: 'yesterday' }), time: '2026-11-23T09:00:00Z' };
    const t = run([42, { detail: { eventType: 'QUEUED' } }, bad, contactEvent('CONTACT_DATA_UPDATED', 'c8'), { 'detail-type': 'AWS API Call via CloudTrail' }]);
    expect(t.problems).toEqual([
      { index: 0, message: 'a record must be a JSON object' },
      { index: 1, message: 'QUEUED: contactId is missing' },
      { index: 2, message: 'QUEUED: queueInfo.enqueueTimestamp is not an ISO-8601 time: "yesterday"' },
    ]);
    expect(t.unknownTypes).toEqual({ CONTACT_DATA_UPDATED: 1, 'AWS API Call via CloudTrail': 1 });
  });

  it('takes the last segment of ARNs as ids', () => {
    expect(arnId(queueArn('abc'))).toBe('abc');
    expect(arnId('arn')).toBe('arn');
    expect(arnId(undefined)).toBeUndefined();
  });
});

describe('Amazon Connect agent events', () => {
  it('the (repaired) shared sample: available since its status began, team queues only, capacity per channel', () => {
    const json = readJsonValues(repairedAgentSample());
    const t = run((json as { values: unknown[] }).values);
    expect(t.problems).toEqual([]);
    expect(brief(t.events)).toEqual([
      { at: '2019-08-13T20:52:30.704Z', type: 'agent.state', agent: 'agent-ARN', state: 'available', queues: ['queue-ARN'], capacity: { chat: 3, voice: 1 } },
    ]);
  });

  it('maps status types: ROUTABLE available, CUSTOM away with its name, OFFLINE and LOGOUT offline', () => {
    const at = '2026-11-23T09:00:00.000Z';
    const states = run([
      agentEvent('LOGIN', at, { status: { Name: 'Available', Type: 'ROUTABLE', StartTimestamp: at } }),
      agentEvent('STATE_CHANGE', '2026-11-23T10:00:00.000Z', { status: { Name: 'Lunch', Type: 'CUSTOM', StartTimestamp: '2026-11-23T10:00:00.000Z' } }),
      agentEvent('STATE_CHANGE', '2026-11-23T11:00:00.000Z', { status: { Name: 'Offline', Type: 'OFFLINE', StartTimestamp: '2026-11-23T11:00:00.000Z' } }),
      agentEvent('LOGOUT', '2026-11-23T11:00:05.000Z', { status: { Name: 'Available', Type: 'ROUTABLE', StartTimestamp: at } }),
    ]).events.map((e) => [(e.event as { state: string }).state, (e.event as { reason?: string }).reason ?? null, (e.event as { queues?: string[] }).queues]);
    expect(states).toEqual([
      ['available', null, ['sales']],
      ['away', 'lunch', ['sales']],
      ['offline', null, ['sales']],
      ['offline', null, ['sales']],
    ]);
  });

  it('heartbeats repeating a snapshot are one event (the same id)', () => {
    const status = { Name: 'Available', Type: 'ROUTABLE', StartTimestamp: '2026-11-23T09:00:00.000Z' };
    const t = run([agentEvent('HEART_BEAT', '2026-11-23T09:02:00.000Z', { status }), agentEvent('HEART_BEAT', '2026-11-23T09:04:00.000Z', { status })]);
    expect(t.events).toHaveLength(2);
    expect(t.events[0]!.event.id).toBe(t.events[1]!.event.id);
  });

  it("the snapshot's contacts tell answers and ends under the contact events' ids, and the end of after-contact work", () => {
    const status = { Name: 'Available', Type: 'ROUTABLE', StartTimestamp: '2026-11-23T08:00:00.000Z' };
    const queued = '2026-11-23T09:00:00.000Z';
    const connected = '2026-11-23T09:00:10.000Z';
    const ended = '2026-11-23T09:03:00.000Z';
    const t = run([
      agentEvent('STATE_CHANGE', connected, { status, contacts: [snapshotContact('c9', 'CONNECTED', { queued, connected })] }),
      agentEvent('STATE_CHANGE', ended, { status, contacts: [snapshotContact('c9', 'ENDED', { queued, connected, since: ended })], previousContacts: [snapshotContact('c9', 'CONNECTED', { queued, connected })] }),
      agentEvent('STATE_CHANGE', '2026-11-23T09:04:00.000Z', { status, contacts: [], previousContacts: [snapshotContact('c9', 'ENDED', { queued, connected, since: ended })] }),
    ]);
    const distinct = new Map(t.events.map((e) => [e.event.id, e.event]));
    expect(brief([...distinct.values()].filter((e) => e.type !== 'agent.state').map((event) => ({ event })))).toEqual([
      { at: queued, type: 'contact.queued', contact: 'c9', queue: 'sales', channel: 'voice' },
      { at: connected, type: 'contact.answered', contact: 'c9', queue: 'sales', agent: 'ana-1' },
      { at: ended, type: 'contact.ended', contact: 'c9', queue: 'sales', agent: 'ana-1' },
      { at: '2026-11-23T09:04:00.000Z', type: 'contact.wrapped', contact: 'c9', queue: 'sales', agent: 'ana-1' },
    ]);
    // The contact events of the same contact make the same ids: posting both streams counts once.
    const fromContactEvents = run([contactEvent('DISCONNECTED', 'c9', { queue: 'sales', enq: queued, agent: 'ana-1', conn: connected, disc: ended })]);
    for (const e of fromContactEvents.events) expect(distinct.has(e.event.id)).toBe(true);
  });

  it('refuses agent records without an agent or a time', () => {
    const noTime = agentEvent('HEART_BEAT', '');
    const noAgent = { ...agentEvent('HEART_BEAT', '2026-11-23T09:00:00Z'), AgentARN: undefined };
    expect(run([noTime, noAgent]).problems).toEqual([
      { index: 0, message: 'HEART_BEAT: EventTimestamp is missing' },
      { index: 1, message: 'HEART_BEAT: AgentARN is missing' },
    ]);
  });
});
