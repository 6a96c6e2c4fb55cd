/**
 * Staffed against required, now, per queue (the "staffing gap"): the requirement of the current
 * 15-minute interval from each queue's forecast, computed once per interval per tenant (a
 * forecast reads weeks of history), against the agents on the floor now (available, busy or in
 * wrap-up) from the live state.
 */
import type { SettingsCache } from '../aggregate/settings-cache.ts';
import { bucketStart } from '../engine/time.ts';
import type { QueueSnapshot } from '../live/snapshot.ts';
import type { Store } from '../store/port.ts';
import { planQueue } from './queue-forecast.ts';

export interface QueueStaffingNow {
  queue: string;
  intervalStart: number;
  requiredAgents: number;
  scheduledAgents: number;
  staffedAgents: number;
  /** staffed − required: negative when short. */
  gap: number;
}

export class StaffingNow {
  private readonly cache = new Map<string, Promise<Map<string, { required: number; scheduled: number }>>>();

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsCache,
  ) {}

  private requirements(tenant: string, queues: string[], intervalStart: number, now: number) {
    const key = `${tenant}|${intervalStart}`;
    let hit = this.cache.get(key);
    if (!hit) {
      if (this.cache.size > 1000) this.cache.clear();
      hit = (async () => {
        const out = new Map<string, { required: number; scheduled: number }>();
        for (const queue of queues) {
          const f = await planQueue(this.store, this.settings, { tenant, queue, from: intervalStart, to: intervalStart + 900_000, stepMinutes: 15, asOf: now, now });
          const p = f.points[0];
          out.set(queue, { required: p?.requiredAgents ?? 0, scheduled: p?.scheduledAgents ?? 0 });
        }
        return out;
      })();
      hit.catch(() => this.cache.delete(key));
      this.cache.set(key, hit);
    }
    return hit;
  }

  async forTenant(tenant: string, snapshots: QueueSnapshot[], now: number): Promise<QueueStaffingNow[]> {
    const zone = (await this.settings.tenant(tenant)).settings.timeZone;
    const intervalStart = bucketStart(now, 'MIN15', zone);
    const req = await this.requirements(tenant, snapshots.map((s) => s.id).sort(), intervalStart, now);
    return snapshots.map((s) => {
      const staffed = s.agents.available + s.agents.busy + s.agents.wrapup;
      const r = req.get(s.id) ?? { required: 0, scheduled: 0 };
      return { queue: s.id, intervalStart, requiredAgents: r.required, scheduledAgents: r.scheduled, staffedAgents: staffed, gap: staffed - r.required };
    });
  }
}
