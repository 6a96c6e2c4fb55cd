import type { CalendarSpec } from '../followups/calendar.ts';
import type { FollowUpPolicy } from '../followups/record.ts';
import type { WallLayout } from '../wall/layout.ts';

/**
 * Per-queue and per-tenant settings (metrics.md, "Per-queue settings"): the thresholds and the
 * service-level formula every number of a queue is computed with.
 */

export const SERVICE_LEVEL_FORMULAS = [
  'ANSWERED_OF_OFFERED_EXCL_SHORT',
  'ANSWERED_OF_OFFERED',
  'ANSWERED_OF_ANSWERED',
  'ABANDONS_MET',
  'REMOVED_WITHIN',
] as const;
export type ServiceLevelFormula = (typeof SERVICE_LEVEL_FORMULAS)[number];

export interface QueueSettings {
  name: string;
  channel: string;
  language: string | null;
  /** T: answered within this many seconds counts towards the service level. */
  thresholdSeconds: number;
  /** Target service level as a fraction, e.g. 0.8 for "80/20". */
  targetServiceLevel: number;
  /** S: abandons with a wait under this many seconds are short abandons. */
  shortAbandonSeconds: number;
  serviceLevelFormula: ServiceLevelFormula;
}

export interface TenantSettings {
  name: string;
  /** IANA zone: intervals and "today" are aligned to it. */
  timeZone: string;
  /** Due times of follow-ups by kind and priority (server/followups/record.ts has the defaults). */
  followUpPolicies?: FollowUpPolicy[];
  /** The calendar follow-up policies with businessHours count on (24/7 when unset). */
  businessHours?: CalendarSpec;
  /** Origins that may frame the tenant's client-embed page (CSP frame-ancestors); none when unset. */
  embedOrigins?: string[];
  /** Named wall screens (server/wall/layout.ts), sorted by name. */
  wallLayouts?: WallLayout[];
}

/** metrics.md defaults of T by channel; an unknown channel gets the voice default. */
const DEFAULT_THRESHOLD: Record<string, number> = { voice: 20, callback: 20, chat: 60, messaging: 300, email: 86_400 };

export function defaultQueueSettings(id: string, channel = 'voice', language: string | null = null): QueueSettings {
  return {
    name: id,
    channel,
    language,
    thresholdSeconds: DEFAULT_THRESHOLD[channel] ?? 20,
    targetServiceLevel: 0.8,
    shortAbandonSeconds: 5,
    serviceLevelFormula: 'ANSWERED_OF_OFFERED_EXCL_SHORT',
  };
}

export function defaultTenantSettings(id: string): TenantSettings {
  return { name: id, timeZone: 'UTC' };
}

const FORMULA_TEXT: Record<ServiceLevelFormula, (s: QueueSettings) => string> = {
  ANSWERED_OF_OFFERED_EXCL_SHORT: (s) => `short abandons < ${s.shortAbandonSeconds} s excluded`,
  ANSWERED_OF_OFFERED: () => 'answered of offered',
  ANSWERED_OF_ANSWERED: () => 'answered of answered',
  ABANDONS_MET: (s) => `abandons within ${formatSeconds(s.thresholdSeconds)} count as met`,
  REMOVED_WITHIN: (s) => `answered, abandoned or overflowed within ${formatSeconds(s.thresholdSeconds)}`,
};

function formatSeconds(s: number): string {
  if (s % 3600 === 0 && s >= 3600) return `${s / 3600} h`;
  if (s % 60 === 0 && s >= 60) return `${s / 60} min`;
  return `${s} s`;
}

/** The text a tile shows next to its service level, e.g. "80/20 · short abandons < 5 s excluded". */
export function serviceLevelLabel(s: QueueSettings): string {
  const target = Math.round(s.targetServiceLevel * 1000) / 10;
  const t = s.thresholdSeconds >= 3600 ? formatSeconds(s.thresholdSeconds) : String(s.thresholdSeconds);
  return `${target}/${t} · ${FORMULA_TEXT[s.serviceLevelFormula](s)}`;
}
