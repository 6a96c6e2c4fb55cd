/**
 * A queue's live snapshot: everything a tile shows, computed once per queue per tick and sent
 * as is to every subscriber of it.
 */
import type { SettingsCache, TenantConfig } from '../aggregate/settings-cache.ts';
import { resolveQueueSettings } from '../aggregate/settings-cache.ts';
import { ACTIVITIES, agentView, type Activity, type AgentRecord, type AgentView } from '../engine/agent.ts';
import { addCounters, zeroCounters, type Counters } from '../engine/counters.ts';
import { queueStats, type QueueStats } from '../engine/metrics.ts';
import { defaultQueueSettings, serviceLevelLabel, type QueueSettings } from '../engine/settings.ts';
import { bucketStart } from '../engine/time.ts';
import { ALL_QUEUES_LABEL } from '../reports/intervals.ts';
import type { Store, WaitingSummary } from '../store/port.ts';
import { calendarOf, countFollowUps, viewFollowUp, type FollowUpCounts, type FollowUpView } from '../followups/view.ts';

export type AgentCounts = Record<Activity, number>;

/** A tenant's follow-ups as they stand at `now`. */
export async function followUpViews(store: Store, settings: SettingsCache, tenant: string, now: number): Promise<FollowUpView[]> {
  const config = await settings.tenant(tenant);
  const calendar = calendarOf(config.settings);
  const out: FollowUpView[] = [];
  for (const f of await store.followUps(tenant)) {
    const v = viewFollowUp(f, calendar, now);
    if (v) out.push(v);
  }
  return out;
}

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
  /** Follow-ups of the queue: open, due soon, overdue now; met on time of those done today. */
  followUps: FollowUpCounts;
}

/** Contacts waiting longer than this are taken for lost terminal events, not shown as waiting. */
export function waitingHorizonMs(s: QueueSettings): number {
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

interface QueueNow {
  id: string;
  settings: QueueSettings;
  today: Counters;
  waiting: WaitingSummary;
}

/** What every snapshot of a queue reads: today's counters and the waiting set. */
async function readQueues(store: Store, config: TenantConfig, ids: string[], now: number): Promise<QueueNow[]> {
  const today = bucketStart(now, 'DAY1', config.settings.timeZone);
  return Promise.all(
    ids.map(async (id) => {
      const settings = config.queues.get(id) ?? resolveQueueSettings({ id });
      const [[counters], waiting] = await Promise.all([
        store.counters(config.id, id, 'DAY1', [today]),
        store.waiting(config.id, id, now - waitingHorizonMs(settings)),
      ]);
      return { id, settings, today: counters!, waiting };
    }),
  );
}

const longestWait = (oldest: number | null, now: number) => (oldest === null ? 0 : Math.max(0, (now - oldest) / 1000));

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
  const [queues, agents, followUps] = await Promise.all([readQueues(store, config, ids, now), store.agents(tenant), followUpViews(store, settings, tenant, now)]);
  const agentCounts = agentCountsByQueue(agents);
  const today = bucketStart(now, 'DAY1', config.settings.timeZone);
  const followUpsByQueue = new Map<string | null, FollowUpView[]>();
  for (const f of followUps) {
    const list = followUpsByQueue.get(f.queue);
    if (list) list.push(f);
    else followUpsByQueue.set(f.queue, [f]);
  }
  return queues.map((q) => ({
    tenant,
    id: q.id,
    name: q.settings.name,
    channel: q.settings.channel,
    language: q.settings.language,
    waiting: q.waiting.count,
    oldestQueuedAt: q.waiting.oldest,
    longestWaitSeconds: longestWait(q.waiting.oldest, now),
    asOf: now,
    agents: agentCounts.get(q.id) ?? zeroAgentCounts(),
    today: queueStats(q.today, q.settings),
    settings: { ...q.settings, label: serviceLevelLabel(q.settings) },
    followUps: countFollowUps(followUpsByQueue.get(q.id) ?? [], today),
  }));
}

/** Totals of a group of queues (a tenant, or one channel of it): each agent counted once. */
export interface QueueGroupTotals {
  waiting: number;
  oldestQueuedAt: number | null;
  longestWaitSeconds: number;
  agents: AgentCounts;
  today: QueueStats;
}

export interface TenantTotals extends QueueGroupTotals {
  tenant: string;
  asOf: number;
  channels: (QueueGroupTotals & { channel: string })[];
}

/** `agents`: each agent's view, taken once for the tenant's row and every channel's. */
function groupTotals(queues: QueueNow[], agents: readonly AgentView[], now: number): QueueGroupTotals {
  const ids = new Set(queues.map((q) => q.id));
  const today = zeroCounters();
  let waiting = 0;
  let oldest: number | null = null;
  for (const q of queues) {
    addCounters(today, q.today);
    waiting += q.waiting.count;
    if (q.waiting.oldest !== null && (oldest === null || q.waiting.oldest < oldest)) oldest = q.waiting.oldest;
  }
  const counts = zeroAgentCounts();
  for (const v of agents) {
    if (v.queues.some((q) => ids.has(q))) counts[v.activity]++;
  }
  return {
    waiting,
    oldestQueuedAt: oldest,
    longestWaitSeconds: longestWait(oldest, now),
    agents: counts,
    today: { ...queueStats(today, defaultQueueSettings('all')), label: ALL_QUEUES_LABEL },
  };
}

/** The "all queues" row of a tenant, and one per channel. */
export async function buildTenantTotals(store: Store, settings: SettingsCache, tenant: string, now: number, only?: ReadonlySet<string>): Promise<TenantTotals> {
  const config = await settings.tenant(tenant);
  // `only`: the queues an embed token is narrowed to; its totals are of those queues alone.
  const ids = [...config.queues.keys()].filter((q) => !only || only.has(q));
  const [queues, records] = await Promise.all([readQueues(store, config, ids, now), store.agents(tenant)]);
  const agents = Array.from(records.values(), (r) => agentView(r));
  const channels = [...new Set(queues.map((q) => q.settings.channel))].sort();
  return {
    tenant,
    asOf: now,
    ...groupTotals(queues, agents, now),
    channels: channels.map((channel) => ({ channel, ...groupTotals(queues.filter((q) => q.settings.channel === channel), agents, now) })),
  };
}
