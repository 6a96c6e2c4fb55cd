/**
 * Agents, live: one `agentsUpdated` subscription on the page's live link. It starts with every
 * agent of each tenant (a full batch), also after every reconnect, so nothing needs re-querying.
 */
import type { AgentStore } from '../stores/agents.ts';
import type { LiveLink } from './live-link.ts';
import { AGENTS_UPDATED_SUBSCRIPTION, type AgentBatch } from './wall-documents.ts';

export function startAgentsLive(opts: { tenant: string | undefined; link: LiveLink; store: AgentStore }): () => void {
  return opts.link.subscribe<{ agentsUpdated: AgentBatch }>(
    { query: AGENTS_UPDATED_SUBSCRIPTION, variables: { tenant: opts.tenant ?? null } },
    (data) => opts.store.apply(data.agentsUpdated, Date.now()),
  );
}
