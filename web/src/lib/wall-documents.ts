/** The GraphQL operations of the wall's agent grid, screens and totals, and their wire shapes. */
import type { AgentCounts, QueueStats } from './types.ts';

export type AgentActivity = 'AVAILABLE' | 'BUSY' | 'WRAPUP' | 'AWAY' | 'OFFLINE';

export interface AgentSlots {
  channel: string;
  used: number;
  /** 0: the agent never declared a capacity on this channel. */
  capacity: number;
}

export interface Agent {
  id: string;
  tenant: string;
  activity: AgentActivity;
  reason: string | null;
  /** ISO-8601 event time the current activity began; null when unknown. */
  since: string | null;
  /** Seconds in the current activity at `asOf`; the grid ticks it locally from there. */
  secondsInState: number | null;
  inProgress: number;
  slots: AgentSlots[];
  queues: string[];
  asOf: string;
}

export interface AgentBatch {
  tenant: string;
  /** The tenant's every agent: those not in it are gone. */
  full: boolean;
  agents: Agent[];
}

const AGENT_FIELDS = /* GraphQL */ `
  id tenant activity reason since secondsInState inProgress slots { channel used capacity } queues asOf
`;

export const AGENTS_UPDATED_SUBSCRIPTION = /* GraphQL */ `
  subscription AgentsUpdated($tenant: ID) { agentsUpdated(tenant: $tenant) { tenant full agents { ${AGENT_FIELDS} } } }
`;

export type PanelKind = 'QUEUES' | 'AGENTS' | 'CHART' | 'TOTALS';
export type WallTimeZone = 'TENANT' | 'VIEWER';

export interface WallPanel {
  kind: PanelKind;
  /** null: all of the tenant's queues. */
  queues: string[] | null;
}

export interface WallView {
  title: string | null;
  panels: WallPanel[];
}

export interface WallLayoutSpec {
  views: WallView[];
  timeZone: WallTimeZone;
  rotateSeconds: number | null;
}

export interface WallLayout extends WallLayoutSpec {
  tenant: string;
  name: string;
  updatedAt: string;
  updatedBy: string;
}

const LAYOUT_FIELDS = /* GraphQL */ `
  tenant name timeZone rotateSeconds updatedAt updatedBy views { title panels { kind queues } }
`;

export const WALL_LAYOUTS_QUERY = /* GraphQL */ `
  query WallLayouts($tenant: ID!) { wallLayouts(tenant: $tenant) { ${LAYOUT_FIELDS} } }
`;

export const WALL_LAYOUT_CHANGED_SUBSCRIPTION = /* GraphQL */ `
  subscription WallLayoutChanged($tenant: ID!, $name: String!) {
    wallLayoutChanged(tenant: $tenant, name: $name) { tenant name layout { ${LAYOUT_FIELDS} } }
  }
`;

export const SAVE_WALL_LAYOUT_MUTATION = /* GraphQL */ `
  mutation SaveWallLayout($tenant: ID!, $name: String!, $layout: WallLayoutInput!) {
    saveWallLayout(tenant: $tenant, name: $name, layout: $layout) { ${LAYOUT_FIELDS} }
  }
`;

export const DELETE_WALL_LAYOUT_MUTATION = /* GraphQL */ `
  mutation DeleteWallLayout($tenant: ID!, $name: String!) { deleteWallLayout(tenant: $tenant, name: $name) }
`;

export interface GroupTotals {
  waiting: number;
  longestWaitSeconds: number;
  agents: AgentCounts;
  today: QueueStats;
}

export interface TenantTotals extends GroupTotals {
  tenant: string;
  asOf: string;
  channels: (GroupTotals & { channel: string })[];
}

const TOTALS_FIELDS = /* GraphQL */ `
  waiting longestWaitSeconds agents { available busy wrapup away offline }
  today { offered answered answeredWithinThreshold abandoned shortAbandoned overflowed serviceLevel asaSeconds ahtSeconds abandonRate }
`;

export const TENANT_TOTALS_QUERY = /* GraphQL */ `
  query TenantTotals($tenant: ID!) { tenantTotals(tenant: $tenant) { tenant asOf ${TOTALS_FIELDS} channels { channel ${TOTALS_FIELDS} } } }
`;
