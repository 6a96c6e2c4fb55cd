/** What a supervisor does to follow-ups: create one, change its status, owner or note. Each
 * answers with the follow-up as the server now has it, to show at once rather than on the push. */
import { CREATE_FOLLOW_UP_MUTATION, ME_QUERY, UPDATE_FOLLOW_UP_MUTATION } from './documents.ts';
import { query } from './graphql.ts';
import type { FollowUp, FollowUpKind, FollowUpStatus, Viewer } from './types.ts';

export interface NewFollowUp {
  tenant: string;
  kind: FollowUpKind;
  queue: string | null;
  contact: string;
  owner: string;
  note: string;
  /** ISO instant; null: the tenant's policy sets it. */
  dueAt: string | null;
}

/** The mutation's input: blank fields left out, so the server applies its defaults. */
export function createInput(f: NewFollowUp): Record<string, unknown> {
  const input: Record<string, unknown> = { tenant: f.tenant, kind: f.kind };
  if (f.queue) input.queue = f.queue;
  if (f.contact.trim()) input.contact = f.contact.trim();
  if (f.owner.trim()) input.owner = f.owner.trim();
  if (f.note.trim()) input.note = f.note.trim();
  if (f.dueAt) input.dueAt = f.dueAt;
  return input;
}

export async function createFollowUp(f: NewFollowUp, token: string): Promise<FollowUp> {
  const { createFollowUp: created } = await query<{ createFollowUp: FollowUp }>(CREATE_FOLLOW_UP_MUTATION, { input: createInput(f) }, token);
  return created;
}

export interface FollowUpChange {
  status?: FollowUpStatus;
  owner?: string;
  note?: string;
}

export async function updateFollowUp(tenant: string, id: string, change: FollowUpChange, token: string): Promise<FollowUp> {
  const { updateFollowUp: updated } = await query<{ updateFollowUp: FollowUp }>(UPDATE_FOLLOW_UP_MUTATION, { tenant, id, input: change }, token);
  return updated;
}

export async function fetchMe(token: string, signal?: AbortSignal): Promise<Viewer> {
  const { me } = await query<{ me: Viewer }>(ME_QUERY, {}, token, signal);
  return me;
}
