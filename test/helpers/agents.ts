/** An agent as the server sends it (`agents` / `agentsUpdated`), for the web's pure-logic tests. */
import type { Agent } from '../../web/src/lib/wall-documents.ts';

export function wireAgent(id: string, activity: Agent['activity'], extra: Partial<Agent> = {}): Agent {
  return {
    id,
    tenant: 't',
    activity,
    reason: null,
    since: null,
    secondsInState: 10,
    inProgress: 0,
    slots: [],
    queues: ['q1'],
    asOf: '2026-01-05T09:00:00Z',
    ...extra,
  };
}
