/**
 * The agents on the wall: one Solid store keyed by `${tenant}/${id}`. Each update is reconciled
 * into its entry, so only what changed re-renders and a screen that runs for weeks holds one
 * object per agent, however many updates it receives. A full batch (sent when a subscription
 * starts or restarts) also drops the tenant's agents it no longer lists.
 */
import { batch } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { agentKey, type GridAgent } from '../lib/agent-grid.ts';
import { supersedes } from '../lib/snapshots.ts';
import type { AgentBatch } from '../lib/wall-documents.ts';

export interface AgentStore {
  readonly agents: Readonly<Record<string, GridAgent>>;
  apply(batch: AgentBatch, receivedAtMs: number): void;
}

export function createAgentStore(): AgentStore {
  const [state, setState] = createStore<{ agents: Record<string, GridAgent> }>({ agents: {} });

  function apply(b: AgentBatch, receivedAtMs: number) {
    batch(() => {
      if (b.full) {
        const listed = new Set(b.agents.map(agentKey));
        for (const [key, a] of Object.entries(state.agents)) {
          if (a.tenant === b.tenant && !listed.has(key)) setState('agents', key, undefined!);
        }
      }
      for (const a of b.agents) {
        const key = agentKey(a);
        if (!supersedes(a, state.agents[key])) continue;
        setState('agents', key, reconcile({ ...a, receivedAtMs }));
      }
    });
  }

  return {
    get agents() {
      return state.agents;
    },
    apply,
  };
}
