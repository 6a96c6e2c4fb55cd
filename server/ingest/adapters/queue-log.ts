/**
 * Asterisk queue_log records → ingest events (mapping and decisions: queue-log.md).
 *
 * Pure: takes the records of one request and the adapter state left by the previous one
 * (calls still open, transfer aliases, agents' login, pause and queue membership), returns
 * the events, the problems, and the next state. Nothing here touches the store.
 *
 * Why ids of contact events hash (type, contact, queue, second) and not the line: the same
 * fact often reaches us from several lines (the duplicated ENTERQUEUE lines of a real file,
 * the COMPLETEAGENT written once per position, a queued time rebuilt from CONNECT's hold time
 * when the ENTERQUEUE line went to another request). Hashing the fact makes all of those one
 * event for the server's idempotency, whichever arrives first.
 */
import type { AgentStateEvent, ContactEvent, IngestEvent } from '../../../schema/events.ts';
import { eventId } from './event-id.ts';
import type { LineProblem, QueueLogRecord } from './queue-log-read.ts';

export const QUEUE_LOG_ADAPTER = 'queue-log';

/** Open calls and transfer aliases older than this (behind the latest line) are forgotten. */
export const CALL_MEMORY_MS = 12 * 3_600_000;

/** One visit the log has opened and not closed yet. */
export interface CallMemo {
  /** the callid its lines carry */
  callid: string;
  /** the contact id its events carry (differs after an attended transfer, see `aliases`) */
  contact: string;
  queue: string;
  /** queued and answered at (epoch ms), and by whom */
  q?: number;
  an?: number;
  agent?: string;
  /** latest line that touched it */
  at: number;
}

export interface AgentMemo {
  /** false after a logoff (or removal from its last queue), true after a login or ADDMEMBER */
  login?: boolean;
  /** queues it is a member of, once ADDMEMBER/REMOVEMEMBER told */
  queues?: string[];
  /** pause reason by queue */
  paused: Record<string, string>;
  /** PAUSEALL reason */
  all?: string;
  /** time of the latest line applied: older lines no longer change the memo */
  at: number;
}

export interface QueueLogState {
  v: 1;
  /** Header of a CSV export, for the requests that carry its later rows. */
  csvColumns: string[] | null;
  /** Latest record time seen (epoch ms). */
  latest: number;
  /** visit key (contact U+001F queue) → open visit */
  calls: Record<string, CallMemo>;
  /**
   * callid U+001F queue → the contact id its lines stand for there. After an attended transfer
   * into a queue, Asterisk writes the second queue's lines with the first call's callid; the
   * visit there was opened under the consultation call's id (issue759).
   */
  aliases: Record<string, { contact: string; at: number }>;
  agents: Record<string, AgentMemo>;
}

export function emptyQueueLogState(): QueueLogState {
  return { v: 1, csvColumns: null, latest: 0, calls: {}, aliases: {}, agents: {} };
}

/** The stored state, or an empty one when there is none or it is from another version. */
export function parseQueueLogState(json: string | null): QueueLogState {
  if (!json) return emptyQueueLogState();
  try {
    const s = JSON.parse(json) as Partial<QueueLogState>;
    if (s && s.v === 1 && s.calls && s.aliases && s.agents) return { ...emptyQueueLogState(), ...s } as QueueLogState;
  } catch {
    // A state that cannot be read is worth less than a fresh start: the next lines rebuild it.
  }
  return emptyQueueLogState();
}

export type AgentIdMode = 'normalized' | 'raw';

/**
 * The agent id of a member field. Asterisk names one person by interface (`Local/1127@callback-agent/n`,
 * `PJSIP/7009`) in membership lines and by agent (`Agent/1127`) in call lines; stripping the
 * technology, context and `/n` makes them one agent. Member names (`Agent D Member`) stay.
 */
export function agentIdOf(raw: string, mode: AgentIdMode = 'normalized'): string | null {
  const s = raw.trim();
  if (isNone(s)) return null;
  if (mode === 'raw') return s;
  const m = /^[A-Za-z][A-Za-z0-9_]*\/(.+)$/.exec(s);
  if (!m) return s;
  const bare = m[1]!.replace(/\/n$/, '').split('@')[0]!.trim();
  return bare || s;
}

function isNone(s: string): boolean {
  return s === '' || s.toUpperCase() === 'NONE';
}

export interface TranslateOptions {
  tenant: string;
  agentIds?: AgentIdMode;
}

/** An event and the line it came from (to name the line when validation refuses the event). */
export interface LineEvent {
  line: number;
  event: IngestEvent;
}

export interface QueueLogTranslation {
  events: LineEvent[];
  problems: LineProblem[];
  state: QueueLogState;
  /** Records that made no event: informational verbs, and unknown ones (also counted by verb). */
  skipped: number;
  unknownVerbs: Record<string, number>;
}

/** Verbs that carry nothing for the wallboard (see queue-log.md for why each). */
const INFORMATIONAL = new Set([
  'RINGNOANSWER',
  'RINGCANCELED',
  'DID',
  'INFO',
  'CONFIGRELOAD',
  'PENALTY',
  'RINGINUSE',
  'AGENTDUMP',
  'SYSCOMPAT',
]);

const OVERFLOWS: Record<string, { reason: 'timeout' | 'exit_key' | 'no_agents'; waitField: number; detail?: string }> = {
  EXITWITHTIMEOUT: { reason: 'timeout', waitField: 2 },
  EXITEMPTY: { reason: 'no_agents', waitField: 2 },
  LEAVEEMPTY: { reason: 'no_agents', waitField: 2 },
  EXITWITHKEY: { reason: 'exit_key', waitField: 3 },
  WITHDRAW: { reason: 'exit_key', waitField: 2, detail: 'withdraw' },
};

/** Calls turned away before entering: offered and overflowed in the same instant. */
const REFUSALS: Record<string, { reason: 'full' | 'closed' | 'no_agents' | 'timeout'; detail?: string }> = {
  FULL: { reason: 'full' },
  CLOSED: { reason: 'closed' },
  JOINEMPTY: { reason: 'no_agents' },
  DIVERT_CA_RATIO: { reason: 'full', detail: 'divert_ca_ratio' },
  DIVERT_HOLDTIME: { reason: 'timeout', detail: 'divert_holdtime' },
};

const TRANSFERS = new Set(['BLINDTRANSFER', 'ATTENDEDTRANSFER', 'TRANSFER']);

/** A record that cannot be translated: its line is reported, the request refused. */
class LineError extends Error {}

const visitKey = (contact: string, queue: string) => `${contact}\u001f${queue}`;
const MAX_REASON = 64;

export function translateQueueLog(records: readonly QueueLogRecord[], prev: QueueLogState, opts: TranslateOptions): QueueLogTranslation {
  const state: QueueLogState = structuredClone(prev);
  const agentMode = opts.agentIds ?? 'normalized';
  const out: QueueLogTranslation = { events: [], problems: [], state, skipped: 0, unknownVerbs: {} };
  // Lines of one request in time order (a stable sort keeps same-second lines as written):
  // real files are out of order, and the state machine below reads better in time.
  const sorted = [...records].sort((a, b) => a.at - b.at);

  for (const r of sorted) {
    const emitted: LineEvent[] = [];
    const emit = (event: IngestEvent) => emitted.push({ line: r.line, event });
    try {
      if (!translateRecord(r, state, { ...opts, agentIds: agentMode }, emit, out)) out.skipped++;
      out.events.push(...emitted);
      state.latest = Math.max(state.latest, r.at);
    } catch (err) {
      if (!(err instanceof LineError)) throw err;
      out.problems.push({ line: r.line, message: `${r.verb}: ${err.message}` });
    }
  }
  forgetOld(state);
  return out;
}

/** Translate one record into `emit`; false when it makes no event (counted as skipped). */
function translateRecord(
  r: QueueLogRecord,
  state: QueueLogState,
  opts: Required<TranslateOptions>,
  emit: (e: IngestEvent) => void,
  out: QueueLogTranslation,
): boolean {
  const { tenant } = opts;

  const contactEvent = <T extends ContactEvent['type']>(type: T, at: number, contact: string, queue: string, extra: object = {}) =>
    emit({ id: eventId('ql', type, contact, queue, Math.floor(at / 1000)), type, at, tenant, contact, queue, ...extra } as ContactEvent);

  const num = (i: number, name: string): number | undefined => {
    const s = r.data[i] ?? '';
    if (s === '') return undefined;
    if (!/^\d+(\.\d+)?$/.test(s)) throw new LineError(`${name} (data${i + 1}) is not a number: "${s.slice(0, 40)}"`);
    return Number(s);
  };
  const needCall = () => {
    if (isNone(r.callid)) throw new LineError('needs a call id');
    if (isNone(r.queue)) throw new LineError('needs a queue');
  };
  const agentOf = () => agentIdOf(r.agent, opts.agentIds);
  const needAgent = () => agentOf() ?? fail('needs an agent');
  const contactOf = (callid: string, queue: string) => state.aliases[visitKey(callid, queue)]?.contact ?? callid;
  const memo = (contact: string, queue: string): CallMemo => {
    const k = visitKey(contact, queue);
    const m = (state.calls[k] ??= { callid: r.callid, contact, queue, at: r.at });
    m.at = Math.max(m.at, r.at);
    return m;
  };
  const close = (contact: string, queue: string) => delete state.calls[visitKey(contact, queue)];
  /** Queued and answered times from hold and talk seconds, for a visit whose earlier lines we never saw. */
  const rebuild = (contact: string, queue: string, m: CallMemo | undefined, agent: string, hold: number | undefined, talk: number | undefined) => {
    if (m?.an !== undefined || talk === undefined) return;
    const an = r.at - Math.round(talk * 1000);
    if (m?.q === undefined && hold !== undefined) contactEvent('contact.queued', an - Math.round(hold * 1000), contact, queue, { channel: 'voice' });
    contactEvent('contact.answered', an, contact, queue, { agent });
  };

  const verb = r.verb;
  if (verb === 'ENTERQUEUE') {
    needCall();
    const contact = contactOf(r.callid, r.queue);
    const m = memo(contact, r.queue);
    m.q = Math.min(m.q ?? r.at, r.at);
    contactEvent('contact.queued', r.at, contact, r.queue, { channel: 'voice' });
    return true;
  }
  if (verb === 'CONNECT') {
    needCall();
    const agent = needAgent();
    const hold = num(0, 'holdtime');
    const contact = contactOf(r.callid, r.queue);
    const m = memo(contact, r.queue);
    if (m.q === undefined && hold !== undefined) {
      m.q = r.at - Math.round(hold * 1000);
      contactEvent('contact.queued', m.q, contact, r.queue, { channel: 'voice' });
    }
    m.an = r.at;
    m.agent = agent;
    contactEvent('contact.answered', r.at, contact, r.queue, { agent });
    return true;
  }
  if (verb === 'COMPLETECALLER' || verb === 'COMPLETEAGENT') {
    needCall();
    const hold = num(0, 'holdtime');
    const talk = num(1, 'calltime');
    const contact = contactOf(r.callid, r.queue);
    const m = state.calls[visitKey(contact, r.queue)];
    const agent = agentOf() ?? m?.agent ?? fail('needs an agent');
    rebuild(contact, r.queue, m, agent, hold, talk);
    contactEvent('contact.ended', r.at, contact, r.queue, { agent, endedBy: verb === 'COMPLETECALLER' ? 'caller' : 'agent' });
    close(contact, r.queue);
    return true;
  }
  if (verb === 'ABANDON' || verb in OVERFLOWS) {
    needCall();
    const rule = OVERFLOWS[verb];
    const wait = num(rule ? rule.waitField : 2, 'waittime');
    const contact = contactOf(r.callid, r.queue);
    const m = state.calls[visitKey(contact, r.queue)];
    if (m?.q === undefined && wait !== undefined) contactEvent('contact.queued', r.at - Math.round(wait * 1000), contact, r.queue, { channel: 'voice' });
    if (!rule) contactEvent('contact.abandoned', r.at, contact, r.queue);
    else {
      const extra: Record<string, unknown> = { reason: rule.reason };
      if (rule.detail) extra.detail = rule.detail;
      if (verb === 'EXITWITHKEY' && r.data[0]) extra.key = r.data[0];
      contactEvent('contact.overflowed', r.at, contact, r.queue, extra);
    }
    close(contact, r.queue);
    return true;
  }
  if (verb in REFUSALS) {
    needCall();
    const rule = REFUSALS[verb]!;
    const contact = contactOf(r.callid, r.queue);
    contactEvent('contact.queued', r.at, contact, r.queue, { channel: 'voice' });
    contactEvent('contact.overflowed', r.at, contact, r.queue, { reason: rule.reason, ...(rule.detail ? { detail: rule.detail } : {}) });
    close(contact, r.queue);
    return true;
  }
  if (TRANSFERS.has(verb)) {
    needCall();
    const hold = num(2, 'holdtime');
    const talk = num(3, 'calltime');
    let contact = contactOf(r.callid, r.queue);
    let m: CallMemo | undefined = state.calls[visitKey(contact, r.queue)];
    let toQueue: string | undefined;
    const lineAgent = agentOf();
    if (!m && lineAgent) {
      // The attended-transfer swap: the line carries the consultation call's id with the first
      // queue and agent. The visit it ends is the call that agent answered in that queue; the
      // consultation call waits in the queue it was transferred to.
      const original = latest(Object.values(state.calls).filter((c) => c.queue === r.queue && c.agent === lineAgent && c.an !== undefined && c.an <= r.at), (c) => c.an!);
      if (original) {
        const consult = latest(Object.values(state.calls).filter((c) => c.callid === r.callid && c.queue !== r.queue && c.an === undefined && c.q !== undefined && c.q <= r.at), (c) => c.q!);
        if (consult) {
          toQueue = consult.queue;
          state.aliases[visitKey(original.callid, consult.queue)] = { contact: consult.contact, at: r.at };
        }
        m = original;
        contact = original.contact;
      }
    }
    const agent = lineAgent ?? m?.agent ?? fail('needs an agent');
    rebuild(contact, r.queue, m, agent, hold, talk);
    const extra: Record<string, unknown> = { agent };
    if (toQueue) extra.toQueue = toQueue;
    if (verb !== 'ATTENDEDTRANSFER' && r.data[0]) extra.extension = r.data[0];
    contactEvent('contact.transferred', r.at, contact, r.queue, extra);
    // The transferring agent's conversation is over: wrap-up starts for them here.
    contactEvent('contact.ended', r.at, contact, r.queue, { agent, endedBy: 'transfer' });
    close(contact, r.queue);
    return true;
  }
  if (verb === 'QUEUESTART') {
    // Asterisk (re)started: no call survives it. Visits opened before it are closed so the
    // wallboard shows no caller waiting and no agent busy forever; later ones are kept (a file
    // sent again must not close the calls of its own future).
    let n = 0;
    for (const [k, c] of Object.entries(state.calls)) {
      if ((c.an ?? c.q ?? c.at) > r.at) continue;
      if (c.an !== undefined && c.agent) contactEvent('contact.ended', r.at, c.contact, c.queue, { agent: c.agent, endedBy: 'restart' });
      else if (c.q !== undefined) contactEvent('contact.overflowed', r.at, c.contact, c.queue, { reason: 'closed', detail: 'restart' });
      else continue;
      delete state.calls[k];
      n++;
    }
    for (const [k, a] of Object.entries(state.aliases)) if (a.at <= r.at) delete state.aliases[k];
    return n > 0;
  }

  const agentChange = AGENT_VERBS[verb];
  if (agentChange) {
    const agent = needAgent();
    if (agentChange.needsQueue && isNone(r.queue)) throw new LineError('needs a queue');
    const known = state.agents[agent] ?? { paused: {}, at: 0 };
    // A line older than the latest one applied (a file sent again, a late chunk) must not roll
    // the agent back: its event is still made (the engine keeps the latest by time) on a copy.
    const stale = r.at < known.at;
    const m = stale ? structuredClone(known) : known;
    agentChange.apply(m, r.queue, r.data[0] ?? '');
    if (!stale) {
      m.at = r.at;
      state.agents[agent] = m;
    }
    const p = presence(m);
    const event: AgentStateEvent = { id: eventId('ql', 'agent.state', r.key, agent), type: 'agent.state', at: r.at, tenant, agent, state: p.state };
    if (p.reason) event.reason = p.reason;
    if (m.queues) event.queues = [...m.queues];
    emit(event);
    return true;
  }

  if (!INFORMATIONAL.has(verb)) out.unknownVerbs[verb] = (out.unknownVerbs[verb] ?? 0) + 1;
  return false;
}

function fail(message: string): never {
  throw new LineError(message);
}

function latest<T>(items: T[], by: (t: T) => number): T | undefined {
  let best: T | undefined;
  for (const it of items) if (best === undefined || by(it) > by(best)) best = it;
  return best;
}

const pauseReason = (s: string) => (s.trim() || 'paused').slice(0, MAX_REASON);

const AGENT_VERBS: Record<string, { needsQueue?: boolean; apply(m: AgentMemo, queue: string, data1: string): void }> = {
  AGENTLOGIN: { apply: (m) => void (m.login = true) },
  AGENTCALLBACKLOGIN: { apply: (m) => void (m.login = true) },
  AGENTLOGOFF: { apply: logoff },
  AGENTCALLBACKLOGOFF: { apply: logoff },
  ADDMEMBER: {
    needsQueue: true,
    apply(m, queue, data1) {
      m.queues = [...new Set([...(m.queues ?? []), queue])];
      m.login = true;
      if (data1.toUpperCase() === 'PAUSED') m.paused[queue] = 'paused';
    },
  },
  REMOVEMEMBER: {
    needsQueue: true,
    apply(m, queue) {
      m.queues = (m.queues ?? []).filter((q) => q !== queue);
      delete m.paused[queue];
      // A member of no queue takes no queue call: on a queue wallboard that is logged off.
      if (m.queues.length === 0) m.login = false;
    },
  },
  PAUSE: {
    apply(m, queue, reason) {
      if (isNone(queue)) m.all = pauseReason(reason);
      else m.paused[queue] = pauseReason(reason);
    },
  },
  UNPAUSE: {
    apply(m, queue) {
      if (isNone(queue)) m.paused = {};
      else delete m.paused[queue];
      delete m.all;
    },
  },
  PAUSEALL: { apply: (m, _q, reason) => void (m.all = pauseReason(reason)) },
  UNPAUSEALL: {
    apply(m) {
      m.paused = {};
      delete m.all;
    },
  },
};

function logoff(m: AgentMemo): void {
  m.login = false;
  m.paused = {};
  delete m.all;
}

/**
 * Presence from the memo. Asterisk pauses per queue, the contract has one presence: the agent
 * is away when paused in every queue it serves (or everywhere), since paused in some it still
 * takes the others' calls.
 */
export function presence(m: AgentMemo): { state: 'available' | 'away' | 'offline'; reason?: string } {
  if (m.login === false) return { state: 'offline' };
  if (m.all) return { state: 'away', reason: m.all };
  const queues = m.queues?.length ? m.queues : Object.keys(m.paused);
  if (queues.length && queues.every((q) => m.paused[q])) return { state: 'away', reason: m.paused[queues[0]!]! };
  return { state: 'available' };
}

function forgetOld(state: QueueLogState): void {
  const horizon = state.latest - CALL_MEMORY_MS;
  for (const [k, c] of Object.entries(state.calls)) if (c.at < horizon) delete state.calls[k];
  for (const [k, a] of Object.entries(state.aliases)) if (a.at < horizon) delete state.aliases[k];
}
