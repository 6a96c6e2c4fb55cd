/**
 * Threshold rules that colour a tile. Every level also gets words or an icon on screen
 * (QueueTile), so the board reads the same to a colour-blind viewer and in a photo.
 */

/** `none` means there is nothing to judge (no service level yet). */
export type Level = 'none' | 'ok' | 'warn' | 'alert';

const RANK: Record<Level, number> = { none: 0, ok: 1, warn: 2, alert: 3 };

/**
 * How far below target (in fraction points) service level turns from amber to red. Ten points
 * is the usual "red" band of contact-center boards: 80/20 shows amber at 79 % and red under 70 %.
 */
export const SERVICE_LEVEL_ALERT_MARGIN = 0.1;

/** Longest wait against the queue's service-level threshold T: amber above T, red above 2T. */
export function waitLevel(longestWaitSeconds: number, thresholdSeconds: number): Level {
  if (longestWaitSeconds > 2 * thresholdSeconds) return 'alert';
  if (longestWaitSeconds > thresholdSeconds) return 'warn';
  return 'ok';
}

/** Service level (fraction, null when undefined) against its target fraction. */
export function serviceLevelLevel(serviceLevel: number | null, target: number): Level {
  if (serviceLevel == null) return 'none';
  // A small epsilon so that 0.8 computed as 0.7999999999 still meets an 80 % target.
  if (serviceLevel + 1e-9 >= target) return 'ok';
  if (serviceLevel + 1e-9 >= target - SERVICE_LEVEL_ALERT_MARGIN) return 'warn';
  return 'alert';
}

/** The most severe of several levels: the tile takes the colour of its worst value. */
export function worstLevel(...levels: Level[]): Level {
  return levels.reduce<Level>((worst, l) => (RANK[l] > RANK[worst] ? l : worst), 'none');
}
