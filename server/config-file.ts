/**
 * The optional config file (FLOORBOARD_CONFIG=path.json): tenants and queues with their
 * settings, and retention per resolution. Applied at every start: the file's values win then,
 * mutations made afterwards win until the next start.
 *
 * {
 *   "retentionDays": { "SEC10": 2, "MIN1": 14, "MIN15": 731, "HOUR1": 1827, "DAY1": 1827 },
 *   "tenants": [{ "id": "acme", "name": "Acme", "timeZone": "Europe/Madrid",
 *                 "queues": [{ "id": "billing-en", "name": "Billing", "channel": "voice", "thresholdSeconds": 20 }] }]
 * }
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TENANT_PATTERN } from '../schema/events.ts';
import type { Tier } from './engine/aggregate.ts';
import { queueSettingsPatch, tenantSettingsPatch } from './engine/settings-schema.ts';
import { STEPS } from './engine/time.ts';
import { ConfigError } from './config.ts';
import { DEFAULT_TIERS } from './store/options.ts';
import type { Store } from './store/port.ts';

const DAY_MS = 86_400_000;

const ConfigFile = z
  .object({
    retentionDays: z
      .object(Object.fromEntries(STEPS.map((s) => [s, z.number().positive(`${s} must be a positive number of days`).max(36_500).optional()])))
      .strict()
      .optional(),
    tenants: z
      .array(
        tenantSettingsPatch.extend({
          id: z.string().regex(TENANT_PATTERN, 'id must match [A-Za-z0-9._-]{1,64}'),
          queues: z.array(queueSettingsPatch.extend({ id: z.string().min(1).max(128) })).optional(),
        }),
      )
      .optional(),
  })
  .strict();

export type FloorboardConfigFile = z.infer<typeof ConfigFile>;

export function readConfigFile(path: string): FloorboardConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`FLOORBOARD_CONFIG ${path}: ${(err as Error).message}`);
  }
  const r = ConfigFile.safeParse(raw);
  if (!r.success) {
    throw new ConfigError(`FLOORBOARD_CONFIG ${path} is invalid:\n${r.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return r.data;
}

/** The rollup tiers with the file's retention where it sets one. */
export function tiersOf(file: FloorboardConfigFile | null): Tier[] {
  return DEFAULT_TIERS.map((t) => {
    const days = file?.retentionDays?.[t.step];
    return days ? { step: t.step, retentionMs: days * DAY_MS } : { ...t };
  });
}

export async function applyConfigFile(store: Store, file: FloorboardConfigFile): Promise<void> {
  for (const { id, queues, ...tenant } of file.tenants ?? []) {
    if (Object.keys(tenant).length) await store.setTenantSettings(id, tenant);
    for (const { id: queue, ...settings } of queues ?? []) await store.setQueueSettings(id, queue, settings);
  }
}
