/** Number and time formatting for the wallboard. Every function shows a dash for "no value"
 * (null, NaN), never 0 or 100 %, because on a wallboard a made-up number is worse than none. */

export const DASH = '–';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Seconds as mm:ss under an hour and h:mm:ss from an hour on; fractions are dropped so a
 * ticking value changes exactly once per second. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return DASH;
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${pad2(m)}:${pad2(s)}`;
}

/**
 * A fraction 0..1 as a whole percentage in the locale's style ("83%", "83 %").
 * `floor` truncates instead of rounding: service level uses it so that 79.6 % against an 80 %
 * target never reads "80%" next to a "below target" warning.
 */
export function formatPercent(
  fraction: number | null | undefined,
  locale: string,
  { floor = false }: { floor?: boolean } = {},
): string {
  if (fraction == null || !Number.isFinite(fraction)) return DASH;
  const whole = (floor ? Math.floor(fraction * 100 + 1e-9) : Math.round(fraction * 100)) / 100;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(whole);
}

/** Wall-clock time hh:mm:ss (24 h) in `zone` (default: the browser's), for the header and the stale banner. */
export function formatClock(epochMs: number, locale: string, zone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    ...(zone ? { timeZone: zone } : {}),
  }).format(epochMs);
}
