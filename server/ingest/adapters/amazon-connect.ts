/**
 * Amazon Connect records → ingest events (mapping and decisions: amazon-connect.md).
 *
 * Two streams arrive here, in any order and any key casing: agent event stream records
 * (Kinesis: LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT with agent snapshots) and contact events
 * (EventBridge: INITIATED … DISCONNECTED, bare or in their envelope).
 *
 * Both streams can tell the same fact (the agent snapshot lists the contact the agent is on;
 * the contact event says it connected). The id of a contact event is the hash of
 * (type, contact, queue), whichever stream it came from, so posting both never counts twice.
 *
 * Pure: the state carried between requests is the queues each contact visited (to tell a
 * queue change and a transfer), passed in and returned.
 */
import type { AgentStateEvent, ContactEvent, IngestEvent } from '../../../schema/events.ts';
import { eventId } from './event-id.ts';

export const AMAZON_CONNECT_ADAPTER = 'amazon-connect';

/** Contacts not heard of for this long (behind the latest record) are forgotten. */
export const CONTACT_MEMORY_MS = 12 * 3_600_000;
const MAX_VISITS = 20;

export interface ConnectVisit {
  queue: string;
  /** enqueued at (epoch ms) */
  enq: number;
  /** the agent that took it in this queue */
  agent?: string;
}

export interface ConnectState {
  v: 1;
  latest: number;
  /** contact id → its visits to team queues, by enqueue time */
  contacts: Record<string, { visits: ConnectVisit[]; at: number }>;
}

export function emptyConnectState(): ConnectState {
  return { v: 1, latest: 0, contacts: {} };
}

export function parseConnectState(json: string | null): ConnectState {
  if (!json) return emptyConnectState();
  try {
    const s = JSON.parse(json) as Partial<ConnectState>;
    if (s && s.v === 1 && s.contacts) return { ...emptyConnectState(), ...s } as ConnectState;
  } catch {
    // Unreadable state: start afresh, the next records rebuild it.
  }
  return emptyConnectState();
}

export interface RecordProblem {
  /** position of the record (from 0; the elements of a top-level array count one each) */
  index: number;
  message: string;
}

export interface RecordEvent {
  index: number;
  event: IngestEvent;
}

export interface ConnectTranslation {
  events: RecordEvent[];
  problems: RecordProblem[];
  state: ConnectState;
  /** Records flattened out of arrays. */
  records: number;
  /** Records that made no event (known but uninformative, or unknown: those also in unknownTypes). */
  skipped: number;
  unknownTypes: Record<string, number>;
}

const CONTACT_EVENT_TYPES = new Set(['INITIATED', 'CONNECTED_TO_SYSTEM', 'QUEUED', 'CONNECTED_TO_AGENT', 'DISCONNECTED']);
const AGENT_EVENT_TYPES = new Set(['LOGIN', 'LOGOUT', 'STATE_CHANGE', 'HEART_BEAT']);
const ON_CONTACT = new Set(['CONNECTED', 'CONNECTED_ONHOLD', 'ENDED']);
const MAX_REASON = 64;

class RecordError extends Error {}

type Obj = Record<string, unknown>;

/** A deep copy with every key lower-cased: `Detail.EventType` and `detail.eventType` read alike. */
export function lowerKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(lowerKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) {
    Object.defineProperty(out, k.toLowerCase(), { value: lowerKeys(x), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const obj = (v: unknown): Obj | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const upper = (v: unknown) => str(v)?.toUpperCase() ?? '';
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The last path segment of an ARN: the queue or agent id. */
export function arnId(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const last = arn.split('/').pop()?.trim();
  return last || undefined;
}

/** Agent queues (one per agent, for transfers to that agent) are no team's queue. */
function isAgentQueue(arn: string | undefined, queueType?: unknown): boolean {
  return upper(queueType) === 'AGENT' || /\/queue\/agent\//i.test(arn ?? '');
}

/** Connect's channel as a contract channel; a callback is a channel of its own there. */
export function channelOf(channel: unknown, method?: string): string {
  if (method === 'CALLBACK') return 'callback';
  const c = (str(channel) ?? 'VOICE').toLowerCase();
  if (c === 'tasks') return 'task';
  const word = c.replace(/[^a-z0-9_-]/g, '_').slice(0, 32);
  return /^[a-z]/.test(word) ? word : 'voice';
}

function time(v: unknown, what: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const ms = typeof v === 'number' ? v : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw new RecordError(`${what} is not an ISO-8601 time: ${JSON.stringify(v).slice(0, 60)}`);
  return ms;
}

export function translateAmazonConnect(values: readonly unknown[], prev: ConnectState, opts: { tenant: string }): ConnectTranslation {
  const state: ConnectState = structuredClone(prev);
  const records = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
  const out: ConnectTranslation = { events: [], problems: [], state, records: records.length, skipped: 0, unknownTypes: {} };
  records.forEach((raw, index) => {
    const made: RecordEvent[] = [];
    let ctx: RecordContext | undefined;
    const unknown = (type: string) => {
      out.unknownTypes[type] = (out.unknownTypes[type] ?? 0) + 1;
    };
    try {
      const rec = obj(lowerKeys(raw));
      if (!rec) throw new RecordError('a record must be a JSON object');
      ctx = new RecordContext(opts.tenant, state, (event) => made.push({ index, event }));
      const detail = obj(rec.detail);
      if (detail) ctx.contactEvent(detail, rec, unknown);
      else if (rec.agentarn !== undefined || rec.currentagentsnapshot !== undefined) ctx.agentEvent(rec, unknown);
      else if (rec.contactid !== undefined) ctx.contactEvent(rec, undefined, unknown);
      else unknown(str(rec['detail-type']) ?? str(rec.eventtype) ?? 'unrecognised record');
      if (made.length === 0) out.skipped++;
      out.events.push(...made);
    } catch (err) {
      if (!(err instanceof RecordError)) throw err;
      out.problems.push({ index, message: ctx?.kind ? `${ctx.kind}: ${err.message}` : err.message });
    }
  });
  const horizon = state.latest - CONTACT_MEMORY_MS;
  for (const [id, c] of Object.entries(state.contacts)) if (c.at < horizon) delete state.contacts[id];
  return out;
}

/** Translation of one record: the event builders and the contact memory. */
class RecordContext {
  /** The record's event type, once known: problems are named after it. */
  kind = '';

  constructor(
    private readonly tenant: string,
    private readonly state: ConnectState,
    private readonly emit: (e: IngestEvent) => void,
  ) {}

  private contact<T extends ContactEvent['type']>(type: T, at: number, contact: string, queue: string, extra: object = {}) {
    this.state.latest = Math.max(this.state.latest, at);
    this.emit({ id: eventId('ac', type, contact, queue), type, at, tenant: this.tenant, contact, queue, ...extra } as ContactEvent);
  }

  /**
   * Note a visit of `contact` to `queue` and close the visit before it, if the contact moved
   * on: with an agent it was transferred, without one a flow rule sent it elsewhere.
   */
  private visit(contact: string, v: ConnectVisit) {
    const memo = (this.state.contacts[contact] ??= { visits: [], at: v.enq });
    memo.at = Math.max(memo.at, v.enq);
    const same = memo.visits.find((x) => x.queue === v.queue && Math.abs(x.enq - v.enq) < 1000);
    if (same && (same.agent || !v.agent)) return; // nothing new about this visit
    if (same) same.agent = v.agent;
    else memo.visits.push(v);
    memo.visits.sort((a, b) => a.enq - b.enq);
    if (memo.visits.length > MAX_VISITS) memo.visits.splice(0, memo.visits.length - MAX_VISITS);
    const i = memo.visits.indexOf(same ?? v);
    for (const [a, b] of [
      [memo.visits[i - 1], memo.visits[i]],
      [memo.visits[i], memo.visits[i + 1]],
    ]) {
      if (!a || !b || a.queue === b.queue) continue;
      if (a.agent) this.contact('contact.transferred', b.enq, contact, a.queue, { agent: a.agent, toQueue: b.queue });
      else this.contact('contact.overflowed', b.enq, contact, a.queue, { reason: 'timeout', toQueue: b.queue });
    }
  }

  /** The latest visit of a contact that an agent took (for a transfer that made a new contact). */
  private answeredVisit(contact: string, before: number): ConnectVisit | undefined {
    const visits = this.state.contacts[contact]?.visits ?? [];
    return [...visits].reverse().find((v) => v.agent && v.enq <= before);
  }

  contactEvent(c: Obj, envelope: Obj | undefined, unknown: (t: string) => void) {
    const type = upper(c.eventtype);
    if (!CONTACT_EVENT_TYPES.has(type)) return unknown(type || 'contact event without eventType');
    this.kind = type;
    const contact = str(c.contactid);
    if (!contact) throw new RecordError('contactId is missing');
    const method = upper(c.initiationmethod);
    // A supervisor listening in is not a contact of the queue.
    if (method === 'MONITOR') return;
    const qi = obj(c.queueinfo);
    const queueArn = str(qi?.queuearn);
    const queue = arnId(queueArn);
    if (!queue || isAgentQueue(queueArn, qi?.queuetype)) return;
    const channel = channelOf(c.channel, method);
    const envTime = time(envelope?.time, 'time');
    const enq = time(qi?.enqueuetimestamp, 'queueInfo.enqueueTimestamp') ?? (type === 'QUEUED' ? envTime : undefined);
    const ai = obj(c.agentinfo);
    const agent = arnId(str(ai?.agentarn));
    const conn = time(ai?.connectedtoagenttimestamp, 'agentInfo.connectedToAgentTimestamp') ?? (type === 'CONNECTED_TO_AGENT' ? envTime : undefined);
    // Outbound calls are no queue's offer; their answer and end still make the agent busy.
    const offered = method !== 'OUTBOUND';

    if (offered && enq !== undefined) this.contact('contact.queued', enq, contact, queue, { channel });
    if (agent && conn !== undefined) this.contact('contact.answered', conn, contact, queue, { agent });
    if (type === 'DISCONNECTED') {
      const disc = time(c.disconnecttimestamp, 'disconnectTimestamp') ?? envTime;
      if (disc === undefined) throw new RecordError('disconnectTimestamp is missing');
      if (agent) this.contact('contact.ended', disc, contact, queue, { agent });
      else if (offered) this.contact('contact.abandoned', disc, contact, queue);
    }
    if (!offered || enq === undefined) return;

    // An agent's transfer to a queue makes a new contact that names the one it came from.
    const previous = str(c.previouscontactid);
    if (previous && previous !== contact && (method === 'TRANSFER' || method === 'QUEUE_TRANSFER')) {
      const from = this.answeredVisit(previous, enq);
      const at = time(c.initiationtimestamp, 'initiationTimestamp') ?? enq;
      if (from) this.contact('contact.transferred', at, previous, from.queue, { agent: from.agent, toQueue: queue });
    }
    this.visit(contact, { queue, enq, ...(agent && conn !== undefined ? { agent } : {}) });
  }

  agentEvent(a: Obj, unknown: (t: string) => void) {
    const type = upper(a.eventtype);
    if (!AGENT_EVENT_TYPES.has(type)) return unknown(type || 'agent event without EventType');
    this.kind = type;
    const agent = arnId(str(a.agentarn));
    if (!agent) throw new RecordError('AgentARN is missing');
    const at = time(a.eventtimestamp, 'EventTimestamp');
    if (at === undefined) throw new RecordError('EventTimestamp is missing');
    this.state.latest = Math.max(this.state.latest, at);
    const cur = obj(a.currentagentsnapshot);
    const prev = obj(a.previousagentsnapshot);

    const p = this.presence(type, obj(cur?.agentstatus), at);
    if (p) {
      const profile = obj(obj(cur?.configuration)?.routingprofile);
      const event: AgentStateEvent = { id: '', type: 'agent.state', at: p.at, tenant: this.tenant, agent, state: p.state };
      if (p.reason) event.reason = p.reason;
      if (profile) {
        const queues = list(profile.inboundqueues)
          .map((q) => str(obj(q)?.arn))
          .filter((arn) => arn && !isAgentQueue(arn))
          .map((arn) => arnId(arn)!);
        event.queues = [...new Set(queues)];
        const capacity: Record<string, number> = {};
        for (const slot of list(profile.concurrency)) {
          const s = obj(slot);
          const max = s?.maximumslots;
          if (s && typeof max === 'number' && Number.isInteger(max)) capacity[channelOf(s.channel)] = max;
        }
        if (Object.keys(capacity).length) event.capacity = capacity;
      }
      // Identical snapshots (a HEART_BEAT every two minutes) get the same id: one event, not thirty an hour.
      event.id = eventId('ac', 'agent.state', agent, event.state, event.reason ?? '', p.at, JSON.stringify(event.queues ?? null), JSON.stringify(event.capacity ?? null));
      this.emit(event);
    }

    // The contacts the agent is on: answers and ends (same ids as the contact events'), and
    // the one thing only this stream tells, the end of after-contact work (the contact leaves
    // the snapshot).
    const now = new Map<string, Obj>();
    for (const sc of list(cur?.contacts).map(obj)) {
      const contact = str(sc?.contactid);
      if (sc && contact) now.set(contact, sc);
    }
    for (const [contact, sc] of now) {
      const where = this.snapshotQueue(sc);
      if (!where) continue;
      const state = upper(sc.state);
      const method = upper(sc.initiationmethod);
      const qts = time(sc.queuetimestamp, 'Contacts[].QueueTimestamp');
      const cts = time(sc.connectedtoagenttimestamp, 'Contacts[].ConnectedToAgentTimestamp');
      if (method !== 'OUTBOUND' && qts !== undefined) this.contact('contact.queued', qts, contact, where, { channel: channelOf(sc.channel, method) });
      if (cts !== undefined && (state === '' || ON_CONTACT.has(state))) this.contact('contact.answered', cts, contact, where, { agent });
      if (state === 'ENDED') this.contact('contact.ended', time(sc.statestarttimestamp, 'Contacts[].StateStartTimestamp') ?? at, contact, where, { agent });
      if (method !== 'OUTBOUND' && qts !== undefined) this.visit(contact, { queue: where, enq: qts, ...(cts !== undefined ? { agent } : {}) });
    }
    for (const sc of list(prev?.contacts).map(obj)) {
      const contact = str(sc?.contactid);
      if (!sc || !contact || now.has(contact)) continue;
      const where = this.snapshotQueue(sc);
      if (!where) continue;
      const state = upper(sc.state);
      if (state === 'ENDED') this.contact('contact.wrapped', at, contact, where, { agent });
      else if (state === 'CONNECTED' || state === 'CONNECTED_ONHOLD') this.contact('contact.ended', at, contact, where, { agent });
    }
  }

  /** The team queue of a snapshot contact, or undefined for agent queues, monitoring and unknown queues. */
  private snapshotQueue(sc: Obj): string | undefined {
    if (upper(sc.initiationmethod) === 'MONITOR') return undefined;
    const arn = str(obj(sc.queue)?.arn);
    if (!arn || isAgentQueue(arn)) return undefined;
    return arnId(arn);
  }

  private presence(type: string, status: Obj | undefined, at: number): { state: AgentStateEvent['state']; reason?: string; at: number } | null {
    if (type === 'LOGOUT') return { state: 'offline', at };
    if (!status) return null;
    // The presence began when the status did; a heartbeat only repeats it.
    const start = time(status.starttimestamp, 'AgentStatus.StartTimestamp');
    const since = start !== undefined && start <= at ? start : at;
    const name = str(status.name);
    switch (upper(status.type)) {
      case 'OFFLINE':
        return { state: 'offline', at: since };
      case 'ROUTABLE':
        return { state: 'available', at: since };
      case 'CUSTOM':
        return { state: 'away', reason: (name ?? 'away').toLowerCase().slice(0, MAX_REASON), at: since };
    }
    // Documentation samples leave Type out: go by the two built-in status names.
    if (!name) return null;
    const lower = name.toLowerCase();
    if (lower === 'offline') return { state: 'offline', at: since };
    if (lower === 'available') return { state: 'available', at: since };
    return { state: 'away', reason: lower.slice(0, MAX_REASON), at: since };
  }
}
