/**
 * Resolved tenant and queue settings, cached briefly: the aggregator and the snapshot builder
 * need them for every batch and tick, and they change rarely (a mutation invalidates at once
 * in this process; other instances see the change within `ttlMs`).
 */
import { defaultQueueSettings, defaultTenantSettings, type QueueSettings, type TenantSettings } from '../engine/settings.ts';
import type { QueueInfo, Store } from '../store/port.ts';

export interface TenantConfig {
  id: string;
  settings: TenantSettings;
  queues: Map<string, QueueSettings>;
}

export function resolveQueueSettings(info: QueueInfo): QueueSettings {
  const base = defaultQueueSettings(info.id, info.settings?.channel ?? info.channel ?? 'voice', info.language ?? null);
  return { ...base, ...info.settings };
}

export class SettingsCache {
  private readonly cache = new Map<string, { at: number; config: Promise<TenantConfig> }>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 2000,
  ) {}

  tenant(tenant: string): Promise<TenantConfig> {
    const hit = this.cache.get(tenant);
    const now = Date.now();
    if (hit && now - hit.at < this.ttlMs) return hit.config;
    const config = this.load(tenant);
    this.cache.set(tenant, { at: now, config });
    config.catch(() => this.cache.delete(tenant));
    return config;
  }

  invalidate(tenant: string): void {
    this.cache.delete(tenant);
  }

  private async load(tenant: string): Promise<TenantConfig> {
    const [ts, queues] = await Promise.all([this.store.tenantSettings(tenant), this.store.queues(tenant)]);
    return {
      id: tenant,
      settings: { ...defaultTenantSettings(tenant), ...ts },
      queues: new Map(queues.map((q) => [q.id, resolveQueueSettings(q)])),
    };
  }
}
