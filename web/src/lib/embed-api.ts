/** The embed page's GraphQL operations: only what an embed token may run (server/auth/embed-guard.ts). */
import { INTERVALS_QUERY } from './documents.ts';
import { query } from './graphql.ts';
import { sumIntervals, type EmbedSession } from './embed.ts';
import type { AgentCounts, IntervalStats, QueueStats, Tenant } from './types.ts';

export const EMBED_SESSION_QUERY = /* GraphQL */ `
  query EmbedSession {
    embedSession { tenant queues views expiresAt theme { logoUrl primary background text } }
    tenants { id name timeZone }
  }
`;

export const EMBED_TOTALS_QUERY = /* GraphQL */ `
  query EmbedTotals($tenant: ID!) {
    tenantTotals(tenant: $tenant) {
      asOf
      agents { available busy wrapup away offline }
      today { offered answered abandoned serviceLevel asaSeconds abandonRate }
    }
  }
`;

export interface EmbedTotals {
  asOf: string;
  agents: AgentCounts;
  today: Pick<QueueStats, 'offered' | 'answered' | 'abandoned' | 'serviceLevel' | 'asaSeconds' | 'abandonRate'>;
}

export async function loadEmbedSession(token: string, signal?: AbortSignal): Promise<{ session: EmbedSession | null; tenants: Tenant[] }> {
  const r = await query<{ embedSession: EmbedSession | null; tenants: Tenant[] }>(EMBED_SESSION_QUERY, {}, token, signal);
  return { session: r.embedSession, tenants: r.tenants };
}

export async function loadEmbedTotals(tenant: string, token: string, signal?: AbortSignal): Promise<EmbedTotals> {
  return (await query<{ tenantTotals: EmbedTotals }>(EMBED_TOTALS_QUERY, { tenant }, token, signal)).tenantTotals;
}

/**
 * Today's intervals of the embed's queues as one series: the tenant's own sum when the token
 * sees every queue, else each of its queues asked for and summed here (a narrowed token may
 * not ask for the tenant-wide sum, which would include queues it must not see).
 */
export async function loadEmbedIntervals(
  r: { tenant: string; queues: string[] | null; fromMs: number; toMs: number },
  token: string,
  signal?: AbortSignal,
): Promise<IntervalStats[]> {
  const ask = (queue: string | null) =>
    query<{ intervals: IntervalStats[] }>(
      INTERVALS_QUERY,
      { tenant: r.tenant, queue, from: new Date(r.fromMs).toISOString(), to: new Date(r.toMs).toISOString(), step: 'MIN15' },
      token,
      signal,
    ).then((x) => x.intervals);
  if (r.queues === null) return ask(null);
  return sumIntervals(await Promise.all(r.queues.map(ask)));
}
