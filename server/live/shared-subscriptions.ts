/**
 * One execution per group of identical subscriptions, one serialisation per snapshot, for all
 * of the group's sockets.
 *
 * graphql-ws runs every subscription on its own: a snapshot published to 1,000 wallboards was
 * executed 1,000 times (the selection set resolved field by field), serialised 1,000 times, and
 * walked through 1,000 chains of async iterators. Subscriptions with the same document, the
 * same variables and the same caller (the token, with its role, tenants and embed scope) have
 * the same results: here they share one source,
 * executed once per event by graphql as usual, whose result is serialised once and written to
 * every member's socket as a graphql-ws `next` message under the member's own subscription id.
 * (graphql-anycable's fingerprints do this for Ruby; stack.md §4.3 measured the gain.)
 *
 * Only `queueUpdated` subscriptions that select the snapshot's `tenant` and `id` are shared:
 * those two name the queue a result is about, which is what the rest needs:
 * - a member that joins later is sent the latest result of every queue first (what its own
 *   subscription would have started with: the current snapshots), then the live ones;
 * - a member whose socket has more than `maxBufferedBytes` unsent keeps only the latest
 *   result per queue until it drains (a slow screen skips to the current state; its memory is
 *   bounded by the number of queues, as with live/coalesce.ts on the unshared path).
 * Anything else takes graphql-ws' own path (`subscribe` returns null).
 */
import { getOperationAST, Kind, print, type DocumentNode, type ExecutionArgs, type FieldNode, type SelectionSetNode } from 'graphql';
import type { Principal } from '../auth/principal.ts';
import { coalesceStats } from './coalesce.ts';

/** The part of a ws WebSocket used here. */
export interface MemberSocket {
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: string, cb?: (err?: Error) => void): void;
}

const OPEN = 1;
const DRAIN_POLL_MS = 20;

/** The root fields shared, with the fields that name what a result is about. */
const SHAREABLE: Record<string, readonly string[]> = { queueUpdated: ['tenant', 'id'] };

interface Member {
  socket: MemberSocket;
  /** `{"id":<subscription id>,"type":"next","payload":` */
  prefix: string;
  /** Results waiting for the socket to drain, latest per item (insertion order kept). */
  behind: Map<string, string> | null;
  /** graphql-ws pulls from the member's iterator; it ends (or fails) when the group does. */
  end: (failure?: unknown) => void;
}

interface Group {
  key: string;
  members: Set<Member>;
  /** The latest serialised result per item: what a joining member starts with. */
  latest: Map<string, string>;
  source: AsyncIterator<unknown> | null;
  closed: boolean;
}

/**
 * The caller, for the group key: the token (a subscription ends with its token: revoked or
 * expired, yoga's token guard ends the source with an error for that token's subscribers only)
 * and everything authorization reads (role, tenants, embed scope).
 */
function callerOf(p: Principal): string {
  const { name: _name, ...rest } = p;
  return JSON.stringify(rest, (_k, v: unknown) => (v instanceof Set ? [...(v as Set<string>)].sort() : v));
}

/** JSON with object keys sorted, so that equal variables give equal keys. */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** The response keys under which a result names its item, or null when not shareable. */
function itemFields(document: DocumentNode, operationName: string | null | undefined): { root: string; keys: string[] } | null {
  const op = getOperationAST(document, operationName);
  if (!op || op.operation !== 'subscription' || op.selectionSet.selections.length !== 1) return null;
  const field = op.selectionSet.selections[0]!;
  if (field.kind !== Kind.FIELD || field.directives?.length || !Object.hasOwn(SHAREABLE, field.name.value)) return null;
  const keys = SHAREABLE[field.name.value]!.map((name) => direct(field.selectionSet, name));
  if (keys.some((k) => k === null)) return null;
  return { root: field.alias?.value ?? field.name.value, keys: keys as string[] };
}

/** The response key of `name` selected directly (unaliased, unconditional) in the set. */
function direct(set: SelectionSetNode | undefined, name: string): string | null {
  const hit = set?.selections.find((s): s is FieldNode => s.kind === Kind.FIELD && s.name.value === name && !s.alias && !s.directives?.length);
  return hit ? name : null;
}

export class SharedSubscriptions {
  private readonly groups = new Map<string, Group>();
  private readonly behind = new Set<Member>();
  private drainTimer: NodeJS.Timeout | undefined;

  constructor(private readonly maxBufferedBytes: number) {}

  /** Groups and members now (for tests and benchmarks). */
  stats(): { groups: number; members: number } {
    let members = 0;
    for (const g of this.groups.values()) members += g.members.size;
    return { groups: this.groups.size, members };
  }

  /**
   * The member's side of a shared subscription, as graphql-ws wants a subscription (an async
   * generator that never yields: results are written to the socket here), or null when the
   * operation is not shared. `subscribe` is called for the group's source, once per group.
   */
  join(opts: {
    args: ExecutionArgs;
    principal: Principal;
    subscriptionId: string;
    socket: MemberSocket;
    subscribe: () => Promise<unknown> | unknown;
  }): AsyncGenerator<never, void, unknown> | null {
    const fields = itemFields(opts.args.document, opts.args.operationName);
    if (!fields) return null;
    const query = opts.args.document.loc?.source.body ?? print(opts.args.document);
    const key = `${callerOf(opts.principal)}\u0000${opts.args.operationName ?? ''}\u0000${stableJson(opts.args.variableValues ?? {})}\u0000${query}`;

    let group = this.groups.get(key);
    const fresh = !group;
    if (!group) {
      group = { key, members: new Set(), latest: new Map(), source: null, closed: false };
      this.groups.set(key, group);
    }

    let done = false;
    let failure: unknown;
    let wake: (() => void) | null = null;
    const member: Member = {
      socket: opts.socket,
      prefix: `{"id":${JSON.stringify(opts.subscriptionId)},"type":"next","payload":`,
      behind: null,
      end: (err) => {
        done = true;
        failure = err;
        wake?.();
      },
    };
    group.members.add(member);
    // What the member's own subscription would have started with: the current state.
    for (const [item, json] of group.latest) this.send(member, item, json);
    if (fresh) void this.run(group, fields, opts.subscribe);

    const g = group;
    const leave = () => {
      if (!g.members.delete(member)) return;
      this.forget(member);
      if (g.members.size === 0) this.close(g);
    };
    const iterator: AsyncGenerator<never, void, unknown> = {
      next: async () => {
        if (!done) await new Promise<void>((r) => (wake = r));
        leave();
        if (failure !== undefined) throw failure;
        return { value: undefined, done: true };
      },
      return: async () => {
        done = true;
        wake?.();
        leave();
        return { value: undefined, done: true };
      },
      throw: async (err?: unknown) => {
        done = true;
        wake?.();
        leave();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  }

  private async run(group: Group, fields: { root: string; keys: string[] }, subscribe: () => Promise<unknown> | unknown): Promise<void> {
    try {
      const result = await subscribe();
      if (!result || typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') {
        // A single result (errors: not allowed, bad arguments): every member gets it, then ends.
        this.dispatch(group, null, JSON.stringify(result));
        this.end(group);
        return;
      }
      const source = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      group.source = source;
      if (group.closed) {
        await source.return?.();
        return;
      }
      for (let r = await source.next(); !r.done && !group.closed; r = await source.next()) {
        const value = r.value as { data?: Record<string, Record<string, unknown> | null> | null; errors?: unknown[] };
        const item = value?.data?.[fields.root];
        const id = item && !value.errors?.length ? fields.keys.map((k) => String(item[k])).join('\u001f') : null;
        const json = JSON.stringify(value);
        if (id !== null) group.latest.set(id, json);
        this.dispatch(group, id, json);
      }
      this.end(group);
    } catch (err) {
      this.end(group, err);
    }
  }

  private dispatch(group: Group, item: string | null, json: string): void {
    for (const m of group.members) this.send(m, item, json);
  }

  /** Write now, or keep the latest per item while the socket has too much unsent. */
  private send(m: Member, item: string | null, json: string): void {
    if (m.socket.readyState !== OPEN) return;
    if (m.behind || m.socket.bufferedAmount > this.maxBufferedBytes) {
      m.behind ??= new Map();
      // Without an item (an error result) the key is unique: it is never dropped.
      const key = item ?? `\u0000${m.behind.size}`;
      // A newer result goes to the end, as it would have been sent. Counted with the unshared
      // path's buffers (coalesce.ts), so the process-wide figures cover both.
      if (m.behind.delete(key)) coalesceStats.skipped++;
      else coalesceStats.pending++;
      m.behind.set(key, json);
      this.behind.add(m);
      this.drainTimer ??= setInterval(() => this.drain(), DRAIN_POLL_MS);
      return;
    }
    m.socket.send(`${m.prefix}${json}}`);
  }

  private drain(): void {
    for (const m of this.behind) {
      if (m.socket.readyState !== OPEN) {
        this.forget(m);
        continue;
      }
      if (m.socket.bufferedAmount > this.maxBufferedBytes) continue;
      const pending = m.behind!;
      m.behind = null;
      this.behind.delete(m);
      coalesceStats.pending -= pending.size;
      for (const [item, json] of pending) this.send(m, item.startsWith('\u0000') ? null : item, json);
    }
    if (this.behind.size === 0) {
      clearInterval(this.drainTimer);
      this.drainTimer = undefined;
    }
  }

  /** Drop what a member had waiting (it left, or its socket closed). */
  private forget(m: Member): void {
    if (m.behind) coalesceStats.pending -= m.behind.size;
    m.behind = null;
    this.behind.delete(m);
  }

  private end(group: Group, failure?: unknown): void {
    this.close(group);
    for (const m of group.members) m.end(failure);
  }

  private close(group: Group): void {
    if (group.closed) return;
    group.closed = true;
    if (this.groups.get(group.key) === group) this.groups.delete(group.key);
    void group.source?.return?.();
  }

  /** End every shared subscription (shutdown). */
  closeAll(): void {
    for (const g of [...this.groups.values()]) this.end(g);
    clearInterval(this.drainTimer);
    this.drainTimer = undefined;
  }
}
