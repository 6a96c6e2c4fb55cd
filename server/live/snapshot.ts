/**
 * A queue's live snapshot: everything a tile shows, computed once per queue per tick and sent
 * as is to every subscriber of it.
 */
import { ACTIVITIES, agentView, type Activity, type AgentRecord } from '../engine/agent.ts';
import { queueStats, type QueueStats } from '../engine/metrics.ts';
import { serviceLevelLabel, type QueueSettings } from '../engine/settings.ts';
import { bucketStart } from '../engine/time.ts';
import type { SettingsCache } from '../aggregate/settings-cache.ts';
import { resolveQueueSettings } from '../aggregate/settings-cache.ts';
import type { Store } from '../store/port.ts';

export type AgentCounts = Record<Activity, number>;

export interface QueueSnapshot {
  tenant: string;
  id: string;
  name: string;
  channel: string;
  language: string | null;
  waiting: number;
  /** Queued-at of the longest-waiting contact (epoch ms), null when nobody waits. */
  oldestQueuedAt: number | null;
  longestWaitSeconds: number;
  /** When the snapshot was computed (epoch ms): clients tick the longest wait from it. */
  asOf: number;
  agents: AgentCounts;
  today: QueueStats;
  settings: QueueSettings & { label: string };
}

/** Contacts waiting longer than this are taken for lost terminal events, not shown as waiting. */
function waitingHorizonMs(s: QueueSettings): number {
  return Math.max(12 * 3_600_000, 4 * s.thresholdSeconds * 1000);
}

export function zeroAgentCounts(): AgentCounts {
  return Object.fromEntries(ACTIVITIES.map((a) => [a, 0])) as AgentCounts;
}

/** Agents by activity per queue: an agent serving several queues counts in each queue's row. */
export function agentCountsByQueue(agents: Map<string, AgentRecord>): Map<string, AgentCounts> {
  const byQueue = new Map<string, AgentCounts>();
  for (const rec of agents.values()) {
    const v = agentView(rec);
    for (const q of v.queues) {
      let c = byQueue.get(q);
      if (!c) byQueue.set(q, (c = zeroAgentCounts()));
      c[v.activity]++;
    }
  }
  return byQueue;
}

export async function buildSnapshots(
  store: Store,
  settings: SettingsCache,
  tenant: string,
  queueIds: Iterable<string> | undefined,
  now: number,
): Promise<QueueSnapshot[]> {
  const config = await settings.tenant(tenant);
  const ids = [...(queueIds ?? config.queues.keys())];
  if (ids.length === 0) return [];
  const today = bucketStart(now, 'DAY1', config.settings.timeZone);
  const agentCounts = agentCountsByQueue(await store.agents(tenant));
  return Promise.all(
    ids.map(async (id) => {
      const s = config.queues.get(id) ?? resolveQueueSettings({ id });
      const [[counters], waiting] = await Promise.all([
        store.counters(tenant, id, 'DAY1', [today]),
        store.waiting(tenant, id, now - waitingHorizonMs(s)),
      ]);
      return {
        tenant,
        id,
        name: s.name,
        channel: s.channel,
        language: s.language,
        waiting: waiting.count,
        oldestQueuedAt: waiting.oldest,
        longestWaitSeconds: waiting.oldest === null ? 0 : Math.max(0, (now - waiting.oldest) / 1000),
        asOf: now,
        agents: agentCounts.get(id) ?? zeroAgentCounts(),
        today: queueStats(counters!, s),
        settings: { ...s, label: serviceLevelLabel(s) },
      };
    }),
  );
}
