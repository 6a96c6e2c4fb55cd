/**
 * A follow-up owed to a customer (callback, escalation, promise), folded from its events like a
 * visit: in any order, each field keeps the value of its latest event by event time, the
 * status history keeps every change, and the record is complete once `followup.created` has
 * been seen. Its due rule is fixed when it is created (an explicit dueAt, or the tenant's
 * policy then in force), as visits keep the thresholds in force when they were queued.
 */
import type { FollowupCreated, FollowupUpdated } from '../../schema/events.ts';
import { eventTimeMs } from '../../schema/events.ts';
import type { DueRule, FollowUpStatus, StatusChange } from './clock.ts';

export const FOLLOW_UP_KINDS = ['callback', 'escalation', 'promise'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** How long a follow-up of a kind (and priority) may take, on the tenant's calendar or not. */
export interface FollowUpPolicy {
  kind: FollowUpKind;
  /** null: any priority (a policy naming the priority wins over it). */
  priority: number | null;
  dueMinutes: number;
  businessHours: boolean;
}

/** Without a policy of the tenant: a callback within 4 business hours, an escalation within a business day, a promise within two. */
export const DEFAULT_POLICIES: readonly FollowUpPolicy[] = [
  { kind: 'callback', priority: null, dueMinutes: 240, businessHours: true },
  { kind: 'escalation', priority: null, dueMinutes: 480, businessHours: true },
  { kind: 'promise', priority: null, dueMinutes: 960, businessHours: true },
];

export function policyFor(policies: readonly FollowUpPolicy[], kind: FollowUpKind, priority: number | null): FollowUpPolicy {
  const ofKind = (list: readonly FollowUpPolicy[]) => list.filter((p) => p.kind === kind);
  const own = ofKind(policies);
  return (
    own.find((p) => p.priority !== null && p.priority === priority) ??
    own.find((p) => p.priority === null) ??
    ofKind(DEFAULT_POLICIES)[0]!
  );
}

type Field = 'owner' | 'note' | 'priority' | 'queue' | 'contact' | 'dueAt';

export interface FollowUp {
  id: string;
  tenant: string;
  /** Set by followup.created; a record seen only through updates has none yet and is not listed. */
  kind: FollowUpKind | null;
  createdAt: number | null;
  due: DueRule | null;
  contact: string | null;
  queue: string | null;
  owner: string | null;
  priority: number | null;
  note: string | null;
  history: StatusChange[];
  /** Event time of the value each field holds (latest wins). */
  fieldAt: Partial<Record<Field, number>>;
}

export function emptyFollowUp(tenant: string, id: string): FollowUp {
  return { id, tenant, kind: null, createdAt: null, due: null, contact: null, queue: null, owner: null, priority: null, note: null, history: [], fieldAt: {} };
}

function setField<K extends Field>(f: FollowUp, field: K, value: FollowUp[K extends 'dueAt' ? never : K] | undefined, at: number) {
  if (value === undefined) return;
  const prev = f.fieldAt[field];
  if (prev !== undefined && (at < prev || (at === prev && JSON.stringify(value) <= JSON.stringify((f as never)[field])))) return;
  (f as unknown as Record<string, unknown>)[field] = value;
  f.fieldAt[field] = at;
}

/** Status changes in a fixed order (time, then status), whatever order they came in. */
function addStatus(f: FollowUp, change: StatusChange) {
  if (f.history.some((h) => h.at === change.at && h.status === change.status)) return;
  f.history = [...f.history, change].sort((a, b) => a.at - b.at || a.status.localeCompare(b.status));
}

export function applyFollowUpCreated(prev: FollowUp, e: FollowupCreated, policies: readonly FollowUpPolicy[]): FollowUp {
  const f: FollowUp = structuredClone(prev);
  const at = eventTimeMs(e.at);
  if (f.createdAt === null || at < f.createdAt) {
    f.createdAt = at;
    f.kind = e.kind;
    // The due rule of the earliest created event: an explicit time, or the policy in force.
    const dueAt = e.dueAt === undefined ? undefined : eventTimeMs(e.dueAt);
    const policy = policyFor(policies, e.kind, e.priority ?? null);
    f.due = dueAt !== undefined ? { dueAt } : { dueMinutes: policy.dueMinutes, businessHours: policy.businessHours };
  }
  setField(f, 'contact', e.contact, at);
  setField(f, 'queue', e.queue, at);
  setField(f, 'owner', e.owner, at);
  setField(f, 'priority', e.priority, at);
  setField(f, 'note', e.note, at);
  return f;
}

export function applyFollowUpUpdated(prev: FollowUp, e: FollowupUpdated): FollowUp {
  const f: FollowUp = structuredClone(prev);
  const at = eventTimeMs(e.at);
  if (e.status) addStatus(f, { at, status: e.status as FollowUpStatus });
  setField(f, 'owner', e.owner, at);
  setField(f, 'note', e.note, at);
  if (e.dueAt !== undefined) {
    // A new explicit due time replaces the rule, latest by event time.
    const prevAt = f.fieldAt.dueAt;
    if (prevAt === undefined || at >= prevAt) {
      f.due = { dueAt: eventTimeMs(e.dueAt) };
      f.fieldAt.dueAt = at;
    }
  }
  return f;
}

/** The status now: the last change, or open. */
export function currentStatus(f: FollowUp): FollowUpStatus {
  return f.history[f.history.length - 1]?.status ?? 'open';
}
