import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFollowUp, createInput, updateFollowUp } from '../../web/src/lib/followup-actions.ts';

afterEach(() => vi.unstubAllGlobals());

describe('follow-up mutations', () => {
  it('leaves blank fields out of a new follow-up, so the server applies its defaults (the policy sets the due time)', () => {
    expect(createInput({ tenant: 'acme', kind: 'CALLBACK', queue: null, contact: '  ', owner: '', note: ' ', dueAt: null })).toEqual({ tenant: 'acme', kind: 'CALLBACK' });
    expect(createInput({ tenant: 'acme', kind: 'PROMISE', queue: 'billing', contact: ' c-1 ', owner: 'ana ', note: 'quote', dueAt: '2026-11-23T14:00:00.000Z' })).toEqual({
      tenant: 'acme', kind: 'PROMISE', queue: 'billing', contact: 'c-1', owner: 'ana', note: 'quote', dueAt: '2026-11-23T14:00:00.000Z',
    });
  });

  it('sends the input and answers with the follow-up the server returns', async () => {
    const bodies: { query: string; variables: Record<string, unknown> }[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
      const body = JSON.parse(init.body);
      bodies.push(body);
      const data = body.query.includes('createFollowUp') ? { createFollowUp: { id: 'new' } } : { updateFollowUp: { id: 'f1', status: 'DONE' } };
      return new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    expect(await createFollowUp({ tenant: 'acme', kind: 'ESCALATION', queue: 'q', contact: '', owner: '', note: '', dueAt: null }, 'tok')).toEqual({ id: 'new' });
    expect(bodies[0]!.variables).toEqual({ input: { tenant: 'acme', kind: 'ESCALATION', queue: 'q' } });
    expect(await updateFollowUp('acme', 'f1', { status: 'DONE' }, 'tok')).toEqual({ id: 'f1', status: 'DONE' });
    expect(bodies[1]!.variables).toEqual({ tenant: 'acme', id: 'f1', input: { status: 'DONE' } });
  });
});
