/** Options both stores share, and the retention facts behind them. */
import type { Tier } from '../engine/aggregate.ts';

export interface StoreOptions {
  /** Event ids are remembered for this many arrival days (UTC): a resend older than that counts again. */
  dedupDays: number;
  /** Clock in epoch ms (tests drive it). */
  clock: () => number;
}

/** Visit records outlive their last event by a week: e-mail contacts stay open for days. */
export const VISIT_TTL_MS = 7 * 86_400_000;

/** Alert state changes kept per tenant. */
export const ALERT_HISTORY = 1000;

/** Webhook delivery attempts kept per tenant. */
export const DELIVERY_LOG = 1000;

/** Arrival day number (UTC days since the epoch), the unit of the dedup horizon. */
export function arrivalDay(ms: number): number {
  return Math.floor(ms / 86_400_000);
}

const DAY = 86_400_000;
/** Default retention per resolution (issue: 10 s two days, 1 min two weeks, 15 min two years, 1 h and 1 day five years). */
export const DEFAULT_TIERS: readonly Tier[] = [
  { step: 'SEC10', retentionMs: 2 * DAY },
  { step: 'MIN1', retentionMs: 14 * DAY },
  { step: 'MIN15', retentionMs: 731 * DAY },
  { step: 'HOUR1', retentionMs: 1827 * DAY },
  { step: 'DAY1', retentionMs: 1827 * DAY },
];
