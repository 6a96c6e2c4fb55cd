/**
 * How many columns the board uses and how big everything in a tile is, from the number of
 * queues. The baseline is twelve tiles in four columns and three rows on a 16:9 screen
 * (scale 1, less the headroom); fewer queues get bigger tiles so a small team's board still
 * fills the TV and reads from the back of the room, and more queues shrink towards a floor
 * below which the wall scrolls.
 */

export const BASE_COLUMNS = 4;
export const BASE_ROWS = 3;
export const MAX_COLUMNS = 6;
export const MIN_SCALE = 0.6;
export const MAX_SCALE = 2.6;
/** The gap between tiles, which does not scale, as a share of a baseline tile's size. */
export const GAP = 0.04;
/** A tenant heading, which does not scale either, as a share of a baseline row. */
export const HEADING_ROWS = 0.15;
/** Borders and minimum font sizes do not scale with the tiles: keep this much room for them. */
export const HEADROOM = 0.96;

export interface BoardLayout {
  columns: number;
  /** Multiplier of every size inside the tiles; 1 at the baseline. */
  scale: number;
}

/** How many baseline tiles fit in `count` tracks where the baseline has `base`, gaps taken out. */
const share = (base: number, count: number, fixed = 0) => (base + (base - count) * GAP - fixed) / count;

/**
 * `groupSizes` holds the number of tiles per tenant section; headings show only for several.
 * `baseRows`: how many baseline rows the tiles' box holds (3 for the whole wall; less for a panel
 * that shares the wall with others).
 */
export function boardLayout(groupSizes: readonly number[], baseRows = BASE_ROWS): BoardLayout {
  const headings = groupSizes.length > 1 ? groupSizes.length * HEADING_ROWS : 0;
  let best: BoardLayout = { columns: BASE_COLUMNS, scale: HEADROOM };
  let bestFit = -1;
  for (let columns = 1; columns <= MAX_COLUMNS; columns++) {
    const rows = groupSizes.reduce((sum, n) => sum + Math.ceil(n / columns), 0);
    if (rows === 0) break;
    // Tiles are as big as both their width share and their height share allow.
    const fit = Math.min(share(BASE_COLUMNS, columns), share(baseRows, rows, headings));
    // Strictly better only: on a tie the fewer, wider columns win and leave no empty rows.
    if (fit > bestFit + 1e-9) {
      bestFit = fit;
      best = { columns, scale: Math.min(MAX_SCALE, Math.max(MIN_SCALE, fit * HEADROOM)) };
    }
  }
  return best;
}
