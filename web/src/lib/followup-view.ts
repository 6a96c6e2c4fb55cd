/**
 * Follow-ups in words and in order, with no Solid and no network: which ones a filter keeps
 * (the same rules the server's `followUps` query applies, so a pushed change can be placed in
 * or out of the list without asking again), their order (most urgent first), the countdown
 * between reads, and what a tile or the header says about them.
 */
import type { Messages } from './i18n.ts';
import {
  FOLLOW_UP_STATUSES,
  OPEN_STATUSES,
  type FollowUp,
  type FollowUpStatus,
  type QueueFollowUps,
  type Role,
  type Viewer,
} from './types.ts';
import { zonedWallTime } from './ack-until.ts';
import { isIsoDate } from './zoned-time.ts';

// ---------- filters ----------

/** 'ALL_OPEN': the server's default, the ones still owed (open, in progress, waiting). */
export type StatusFilter = 'ALL_OPEN' | FollowUpStatus;
export const STATUS_FILTERS: readonly StatusFilter[] = ['ALL_OPEN', ...FOLLOW_UP_STATUSES];

export interface FollowUpFilter {
  status: StatusFilter;
  /** Only the overdue ones. */
  overdueOnly: boolean;
  /** Exactly this owner; null: anyone (assigned or not). */
  owner: string | null;
  /** Exactly this queue; null: every queue, and none. */
  queue: string | null;
}

export const DEFAULT_FILTER: FollowUpFilter = { status: 'ALL_OPEN', overdueOnly: false, owner: null, queue: null };

export const statusesOf = (filter: Pick<FollowUpFilter, 'status'>): readonly FollowUpStatus[] =>
  filter.status === 'ALL_OPEN' ? OPEN_STATUSES : [filter.status];

/** The `followUps` query's filter arguments. */
export function filterVariables(filter: FollowUpFilter): { status: FollowUpStatus[]; overdue: boolean | null; owner: string | null; queue: string | null } {
  return {
    status: [...statusesOf(filter)],
    overdue: filter.overdueOnly ? true : null,
    owner: filter.owner,
    queue: filter.queue,
  };
}

/** Whether the server would list `f` under `filter` (its overdue flag as of the server's read). */
export function matchesFilter(f: Pick<FollowUp, 'status' | 'overdue' | 'owner' | 'queue'>, filter: FollowUpFilter): boolean {
  return (
    statusesOf(filter).includes(f.status) &&
    (!filter.overdueOnly || f.overdue) &&
    (filter.owner === null || f.owner === filter.owner) &&
    (filter.queue === null || f.queue === filter.queue)
  );
}

export const isFilterDefault = (f: FollowUpFilter): boolean =>
  f.status === 'ALL_OPEN' && !f.overdueOnly && f.owner === null && f.queue === null;

const isStatusFilter = (v: unknown): v is StatusFilter => STATUS_FILTERS.includes(v as StatusFilter);
const clean = (v: string | undefined): string | null => {
  const s = v?.trim();
  return s ? s : null;
};

/** The filter a URL carries (`?status=DONE&overdue=1&owner=ana&queue=billing`); anything
 * unknown falls back to the default, so a stale link still opens. */
export function parseFilter(search: Partial<Record<'status' | 'overdue' | 'owner' | 'queue', string | undefined>>): FollowUpFilter {
  return {
    status: isStatusFilter(search.status) ? search.status : 'ALL_OPEN',
    overdueOnly: search.overdue === '1' || search.overdue === 'true',
    owner: clean(search.owner),
    queue: clean(search.queue),
  };
}

/** The search parameters of a filter; undefined removes a parameter. */
export function filterSearch(f: FollowUpFilter): Record<'status' | 'overdue' | 'owner' | 'queue', string | undefined> {
  return {
    status: f.status === 'ALL_OPEN' ? undefined : f.status,
    overdue: f.overdueOnly ? '1' : undefined,
    owner: f.owner ?? undefined,
    queue: f.queue ?? undefined,
  };
}

// ---------- order ----------

/** The server's order: earliest due first (so overdue ones lead), then id. */
export function compareFollowUps(a: Pick<FollowUp, 'dueAt' | 'id'>, b: Pick<FollowUp, 'dueAt' | 'id'>): number {
  return Date.parse(a.dueAt) - Date.parse(b.dueAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export const sortFollowUps = <T extends Pick<FollowUp, 'dueAt' | 'id'>>(list: readonly T[]): T[] => [...list].sort(compareFollowUps);

// ---------- the clock between reads ----------

export type Countdown =
  /** Running and not yet due; `soon`: within the 15-minute warning window. */
  | { state: 'due'; seconds: number; soon: boolean }
  /** Past its due time, whether its clock is running or paused after the breach. */
  | { state: 'overdue'; seconds: number; paused: boolean }
  /** Waiting on the customer: the clock stands, `seconds` of it left. */
  | { state: 'paused'; seconds: number }
  | { state: 'closed'; status: 'DONE' | 'CANCELLED'; metOnTime: boolean | null };

/** The server's warning window (FollowUp.dueSoon): due within 15 minutes. */
export const DUE_SOON_SECONDS = 15 * 60;

/**
 * Where `f` stands at `nowMs`, counted from when it was received (`receivedAtMs`, local time)
 * rather than from its `dueAt`, so a TV or laptop with a skewed clock still counts right. A
 * running clock counts down by the wall clock; a paused one stands still (its due time moves
 * later as fast as time passes), unless it was already overdue, which it stays.
 */
export function countdownAt(
  f: Pick<FollowUp, 'status' | 'paused' | 'overdue' | 'dueInSeconds' | 'metOnTime'>,
  receivedAtMs: number,
  nowMs: number,
): Countdown {
  if (f.status === 'DONE' || f.status === 'CANCELLED') return { state: 'closed', status: f.status, metOnTime: f.metOnTime };
  const elapsed = Math.max(0, nowMs - receivedAtMs) / 1000;
  if (f.paused && !f.overdue) return { state: 'paused', seconds: Math.max(0, f.dueInSeconds) };
  const left = f.dueInSeconds - elapsed;
  if (f.overdue || left < 0) return { state: 'overdue', seconds: Math.max(0, -left), paused: f.paused };
  return { state: 'due', seconds: left, soon: left <= DUE_SOON_SECONDS };
}

/** A span in the fewest words that still say it: "45 s", "12 min", "1 h 5 min", "2 d 3 h".
 * Rounded down, so "due in" never promises more time than there is. */
export function spanWords(seconds: number, m: Pick<Messages, 'secondsShort' | 'minutes' | 'hoursShort' | 'fuDays'>): string {
  const total = Math.max(0, Math.floor(seconds));
  if (total < 60) return m.secondsShort(total);
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return m.minutes(minutes);
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${m.hoursShort(hours)} ${m.minutes(minutes % 60)}` : m.hoursShort(hours);
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${m.fuDays(days)} ${m.hoursShort(hours % 24)}` : m.fuDays(days);
}

export type CountdownTone = 'overdue' | 'soon' | 'ok' | 'paused' | 'closed';

export interface CountdownText {
  /** "due in 12 min", "overdue by 1 h 5 min", "paused: waiting on customer". */
  main: string;
  /** A second line: how much is left on a paused clock, whether it was done on time. */
  sub: string | null;
  tone: CountdownTone;
}

export function countdownText(c: Countdown, m: Messages): CountdownText {
  switch (c.state) {
    case 'due':
      return { main: c.seconds < 1 ? m.fuDueNow : m.fuDueIn(spanWords(c.seconds, m)), sub: null, tone: c.soon ? 'soon' : 'ok' };
    case 'overdue':
      return { main: m.fuOverdueBy(spanWords(c.seconds, m)), sub: c.paused ? m.fuPaused : null, tone: 'overdue' };
    case 'paused':
      return { main: m.fuPaused, sub: m.fuLeftOnClock(spanWords(c.seconds, m)), tone: 'paused' };
    case 'closed':
      return {
        main: m.fuStatus[c.status],
        sub: c.status === 'DONE' && c.metOnTime !== null ? (c.metOnTime ? m.fuDoneOnTime : m.fuDoneLate) : null,
        tone: 'closed',
      };
  }
}

// ---------- what a supervisor may do ----------

export type FollowUpAction = 'start' | 'waiting' | 'done' | 'cancel' | 'reopen';

export const ACTION_STATUS: Record<FollowUpAction, FollowUpStatus> = {
  start: 'IN_PROGRESS',
  waiting: 'WAITING_CUSTOMER',
  done: 'DONE',
  cancel: 'CANCELLED',
  reopen: 'OPEN',
};

/** The status changes that mean something from `status`: no "Start" on what is in progress,
 * and a closed follow-up can only be reopened. */
export function actionsFor(status: FollowUpStatus): FollowUpAction[] {
  switch (status) {
    case 'OPEN':
      return ['start', 'waiting', 'done', 'cancel'];
    case 'IN_PROGRESS':
      return ['waiting', 'done', 'cancel'];
    case 'WAITING_CUSTOMER':
      return ['start', 'done', 'cancel'];
    case 'DONE':
    case 'CANCELLED':
      return ['reopen'];
  }
}

const WRITERS: ReadonlySet<Role> = new Set(['ADMIN', 'SUPERVISOR']);

/**
 * Whether to offer write controls: the roles the server lets change follow-ups, in scope for
 * the tenant. undefined (the `me` answer has not come) offers nothing yet, so a viewer's screen
 * never flashes buttons; null (`me` failed) offers them and lets the server decide.
 */
export function canWriteFollowUps(viewer: Viewer | null | undefined, tenant: string): boolean {
  if (viewer === undefined) return false;
  if (viewer === null) return true;
  return WRITERS.has(viewer.role) && (viewer.tenants.includes('*') || viewer.tenants.includes(tenant));
}

// ---------- the wall ----------

export type TilePart = { kind: 'overdue' | 'dueSoon' | 'open'; n: number };

/** What a tile says about its queue's follow-ups: overdue and due soon when there are any, and
 * the open count; nothing at all when none is open. */
export function tileParts(counts: QueueFollowUps | null | undefined): TilePart[] {
  if (!counts || counts.open <= 0) return [];
  const parts: TilePart[] = [];
  if (counts.overdue > 0) parts.push({ kind: 'overdue', n: counts.overdue });
  if (counts.dueSoon > 0) parts.push({ kind: 'dueSoon', n: counts.dueSoon });
  parts.push({ kind: 'open', n: counts.open });
  return parts;
}

/** The tile's words for its parts, "2 overdue · 1 due soon · 5 open". */
export function tileWords(parts: readonly TilePart[], m: Messages): string {
  return parts.map((p) => (p.kind === 'overdue' ? m.fuOverdue(p.n) : p.kind === 'dueSoon' ? m.fuDueSoon(p.n) : m.fuOpen(p.n))).join(' · ');
}

/** The wall's totals over the queues it shows. */
export function sumFollowUps(list: Iterable<{ followUps?: QueueFollowUps | undefined }>): QueueFollowUps {
  const out = { open: 0, dueSoon: 0, overdue: 0 };
  for (const q of list) {
    if (!q.followUps) continue;
    out.open += q.followUps.open;
    out.dueSoon += q.followUps.dueSoon;
    out.overdue += q.followUps.overdue;
  }
  return out;
}

// ---------- the form ----------

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/;

/**
 * An `<input type="datetime-local">` value read as a wall-clock time in the tenant's `zone`
 * (not the browser's), as an ISO instant. null for an empty field (the policy sets the due
 * time); undefined for something that is not a date and time.
 */
export function dueInputToIso(value: string, zone: string): string | null | undefined {
  const v = value.trim();
  if (!v) return null;
  const m = LOCAL_DATE_TIME.exec(v);
  if (!m || !isIsoDate(m[1])) return undefined;
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (hour > 23 || minute > 59) return undefined;
  return new Date(zonedWallTime(m[1]!, hour * 60 + minute, zone)).toISOString();
}

/** A follow-up named for a status line: "Callback · Billing · c-1042". */
export function followUpLabel(f: Pick<FollowUp, 'kind' | 'queue' | 'contact' | 'id'>, m: Messages, queueName: (id: string) => string): string {
  return [m.fuKind[f.kind], f.queue ? queueName(f.queue) : null, f.contact ?? f.id].filter(Boolean).join(' · ');
}
