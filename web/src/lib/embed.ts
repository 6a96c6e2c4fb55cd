/**
 * The client-embed page's pure parts: which path is an embed, the client's theme turned into
 * CSS variables (validated again here: the page trusts nothing it is handed), and a chart's
 * intervals summed over the queues the embed shows.
 */
import { serviceLevelFromCounts } from './intervals.ts';
import type { IntervalStats } from './types.ts';

export type EmbedView = 'QUEUES' | 'TOTALS' | 'CHART';

export interface EmbedTheme {
  logoUrl: string | null;
  primary: string | null;
  background: string | null;
  text: string | null;
}

/** What the embed's token says it shows (the server's `embedSession`). */
export interface EmbedSession {
  tenant: string;
  /** null: every queue of the tenant. */
  queues: string[] | null;
  views: EmbedView[];
  theme: EmbedTheme;
  expiresAt: string;
}

const EMBED_PATH = /^\/embed\/([^/]+)\/?$/;

/** The tenant of an embed page's path (`/embed/<tenant>`), or null for any other page. */
export function embedTenant(pathname: string): string | null {
  const m = EMBED_PATH.exec(pathname);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}

export const isEmbedPath = (pathname: string): boolean => embedTenant(pathname) !== null;

const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

export function isHexColour(value: unknown): value is string {
  return typeof value === 'string' && HEX.test(value);
}

/** An https URL without credentials, or null: the only kind of logo the page will load. */
export function safeLogoUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' && !u.username && !u.password ? u.href : null;
  } catch {
    return null;
  }
}

function rgb(hex: string): [number, number, number] {
  const h = hex.slice(1);
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const DARK_TEXT = '#111418';
const LIGHT_TEXT = '#f3f6fa';

/** Black-ish or white-ish, whichever reads better on `background`. */
export function readableOn(background: string): string {
  return contrast(background, DARK_TEXT) >= contrast(background, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
}

export interface ThemeStyle {
  /** CSS custom properties for the page's root element. */
  vars: Record<string, string>;
  /** 'light' backgrounds get the darker status colours of embed.css. */
  tone: 'light' | 'dark';
  logoUrl: string | null;
}

/**
 * The theme as CSS variables. Anything that is not a hex colour or an https logo is ignored
 * (Floorboard's own look stays). A text colour that would be unreadable on the background
 * (contrast under 3:1) gives way to black or white.
 */
export function themeStyle(theme: Partial<EmbedTheme> | null | undefined): ThemeStyle {
  const vars: Record<string, string> = {};
  const bg = isHexColour(theme?.background) ? theme.background : null;
  const tone = bg && luminance(bg) > 0.4 ? 'light' : 'dark';
  if (bg) {
    vars['--bg'] = bg;
    const text = isHexColour(theme?.text) && contrast(theme.text, bg) >= 3 ? theme.text : readableOn(bg);
    vars['--text'] = text;
  } else if (isHexColour(theme?.text) && contrast(theme.text, '#07090d') >= 3) {
    vars['--text'] = theme.text;
  }
  if (isHexColour(theme?.primary)) {
    vars['--embed-primary'] = theme.primary;
    vars['--embed-on-primary'] = readableOn(theme.primary);
  }
  return { vars, tone, logoUrl: safeLogoUrl(theme?.logoUrl) };
}

/**
 * The chart's colours on the client's background (canvas cannot read CSS variables): on a light
 * one the wall's pale blue, neon green and white line would vanish. None: the wall's own.
 */
export function chartPalette(style: ThemeStyle): Partial<Record<'text' | 'grid' | 'offered' | 'offeredFill' | 'answered' | 'serviceLevel' | 'target', string>> | undefined {
  // A dark theme changes only the text colour; the chart keeps the rest of its own palette.
  if (style.tone !== 'light') return style.vars['--text'] ? { serviceLevel: style.vars['--text'] } : undefined;
  return {
    text: '#5b6776',
    grid: 'rgba(20, 32, 43, 0.1)',
    offered: '#1f6fd1',
    offeredFill: 'rgba(31, 111, 209, 0.22)',
    answered: '#12804f',
    serviceLevel: style.vars['--text'] ?? DARK_TEXT,
    target: '#a15c00',
  };
}


/**
 * Several queues' intervals as one series: counts summed per interval start, and the service
 * level from the summed counts as the server does for "all queues" (answered within each
 * contact's own threshold, short abandons excluded). Times and rates that do not add up are
 * left out (null).
 */
export function sumIntervals(perQueue: readonly (readonly IntervalStats[])[]): IntervalStats[] {
  if (perQueue.length === 1) return [...perQueue[0]!].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const byStart = new Map<number, IntervalStats>();
  for (const rows of perQueue) {
    for (const r of rows) {
      const start = Date.parse(r.start);
      const acc = byStart.get(start);
      if (!acc) {
        byStart.set(start, { ...r, asaSeconds: null, ahtSeconds: null, abandonRate: null, serviceLevelFormula: 'ANSWERED_OF_OFFERED_EXCL_SHORT' });
        continue;
      }
      acc.offered += r.offered;
      acc.answered += r.answered;
      acc.answeredWithinThreshold += r.answeredWithinThreshold;
      acc.abandoned += r.abandoned;
      acc.shortAbandoned += r.shortAbandoned;
      acc.overflowed += r.overflowed;
      acc.handled += r.handled;
      acc.maxWaitSeconds = r.maxWaitSeconds == null ? acc.maxWaitSeconds : Math.max(acc.maxWaitSeconds ?? 0, r.maxWaitSeconds);
    }
  }
  return [...byStart.values()]
    .map((r) => ({ ...r, serviceLevel: serviceLevelFromCounts(r, 'ANSWERED_OF_OFFERED_EXCL_SHORT') }))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

/** Live totals of the queues on screen: everyone waiting, and the longest of their waits. */
export function liveTotals(queues: readonly { waiting: number; longestWait: number }[]): { waiting: number; longestWait: number } {
  let waiting = 0;
  let longestWait = 0;
  for (const q of queues) {
    waiting += q.waiting;
    if (q.waiting > 0) longestWait = Math.max(longestWait, q.longestWait);
  }
  return { waiting, longestWait };
}
