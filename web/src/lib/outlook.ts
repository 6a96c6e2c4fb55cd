/**
 * The supervisor's outlook: each queue's coming minutes simulated by the server (simulateAhead)
 * with the agents on it now and with a few more or fewer, in one request per queue.
 */
import type { OutlookBasisName } from './i18n.ts';
import { query } from './graphql.ts';
import type { Viewer } from './types.ts';

export interface OutlookBand {
  mean: number;
  low: number;
  high: number;
}

export interface Outlook {
  agents: number;
  staffedAgents: number;
  waiting: number;
  replications: number;
  contacts: number;
  serviceLevel: OutlookBand | null;
  abandonRate: OutlookBand | null;
  longestWaitSeconds: OutlookBand;
  assumptions: {
    arrivalsPerHour: number;
    arrivalBasis: OutlookBasisName;
    ahtSeconds: number;
    ahtBasis: OutlookBasisName;
    patienceSeconds: number | null;
    targetServiceLevel: number;
    label: string;
  };
}

export interface OutlookQueue {
  id: string;
  tenant: string;
  name: string;
  channel: string;
  waiting: number;
  agents: { available: number; busy: number; wrapup: number };
}

export const OUTLOOK_QUEUES_QUERY = /* GraphQL */ `
  query OutlookQueues($tenant: ID) { queues(tenant: $tenant) { id tenant name channel waiting agents { available busy wrapup } } }
`;

const OUTLOOK_FIELDS = `agents staffedAgents waiting replications contacts
  serviceLevel { mean low high } abandonRate { mean low high } longestWaitSeconds { mean low high }
  assumptions { arrivalsPerHour arrivalBasis ahtSeconds ahtBasis patienceSeconds targetServiceLevel label }`;

/** One request, one simulateAhead per agent count (aliased o0, o1, …). */
export function outlookDocument(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$a${i}: Int!`).join(', ');
  const fields = Array.from({ length: count }, (_, i) => `o${i}: simulateAhead(tenant: $t, queue: $q, agents: $a${i}, minutes: $m) { ${OUTLOOK_FIELDS} }`).join('\n  ');
  return `query Outlook($t: ID!, $q: ID!, $m: Int!, ${vars}) {\n  ${fields}\n}`;
}

/** Agents on the queue now, as the server counts them for the outlook. */
export const staffedNow = (q: OutlookQueue) => q.agents.available + q.agents.busy + q.agents.wrapup;

/** The lines a queue shows: now, one and two more, and one fewer when anyone is there to send away. */
export function outlookDeltas(staffed: number): number[] {
  return staffed > 0 ? [0, 1, 2, -1] : [0, 1, 2];
}

export async function fetchOutlooks(q: OutlookQueue, minutes: number, token: string, signal?: AbortSignal): Promise<Outlook[]> {
  const staffed = staffedNow(q);
  const deltas = outlookDeltas(staffed);
  const variables: Record<string, unknown> = { t: q.tenant, q: q.id, m: minutes };
  deltas.forEach((d, i) => (variables[`a${i}`] = staffed + d));
  const data = await query<Record<string, Outlook>>(outlookDocument(deltas.length), variables, token, signal);
  return deltas.map((_, i) => data[`o${i}`]!);
}

/** The server lets ADMIN, SUPERVISOR and PLANNER tokens of the tenant ask; null: the page could not tell (let the server decide). */
export function canRunOutlook(viewer: Viewer | null | undefined, tenant: string): boolean {
  if (viewer === undefined) return false;
  if (viewer === null) return true;
  return ['ADMIN', 'SUPERVISOR', 'PLANNER'].includes(viewer.role) && (viewer.tenants.includes('*') || viewer.tenants.includes(tenant));
}

/** A rate per hour as people read it: whole above 10, one decimal below. */
export function formatRate(perHour: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: perHour >= 10 ? 0 : 1 }).format(perHour);
}
