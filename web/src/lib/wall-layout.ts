/**
 * What a wall screen shows and in which order, pure: the URL's options (?screen, ?rotate, ?view,
 * ?kiosk), the default views of a screen nobody configured, the pages a rotation goes through
 * and which one is up at a given instant, and how a view shares its height between panels.
 */
import type { PanelKind, WallPanel, WallView } from './wall-documents.ts';

export const SCREEN_NAME = /^[A-Za-z0-9._-]{1,64}$/;
export const MIN_ROTATE_SECONDS = 5;
export const MAX_ROTATE_SECONDS = 3600;

export interface WallParams {
  /** A saved screen of the tenant (?screen=lobby); null: the default views. */
  screen: string | null;
  /** Seconds per page (?rotate=30); null: no rotation from the URL. */
  rotateSeconds: number | null;
  /** The view to show when not rotating, 0-based (?view=2 is the second); null: the first. */
  view: number | null;
  /** A TV: no editing controls (?kiosk, ?kiosk=1). */
  kiosk: boolean;
  /** What in the URL could not be used, for the page to say (never silently ignored). */
  problems: string[];
}

export function wallParams(search: string): WallParams {
  const q = new URLSearchParams(search);
  const problems: string[] = [];
  let screen: string | null = q.get('screen');
  if (screen !== null && !SCREEN_NAME.test(screen)) {
    problems.push(`screen=${screen}`);
    screen = null;
  }
  let rotateSeconds: number | null = null;
  const rotate = q.get('rotate');
  if (rotate !== null) {
    const n = Number(rotate);
    if (Number.isInteger(n) && n >= MIN_ROTATE_SECONDS && n <= MAX_ROTATE_SECONDS) rotateSeconds = n;
    else problems.push(`rotate=${rotate}`);
  }
  let view: number | null = null;
  const v = q.get('view');
  if (v !== null) {
    const n = Number(v);
    if (Number.isInteger(n) && n >= 1) view = n - 1;
    else problems.push(`view=${v}`);
  }
  const kiosk = q.has('kiosk') && q.get('kiosk') !== '0' && q.get('kiosk') !== 'false';
  return { screen, rotateSeconds, view, kiosk, problems };
}

/** A screen nobody configured: the queues, then the agents. */
export const DEFAULT_VIEWS: readonly WallView[] = [
  { title: null, panels: [{ kind: 'QUEUES', queues: null }] },
  { title: null, panels: [{ kind: 'AGENTS', queues: null }] },
];

/** One page of a rotation: a view, of one tenant or (null) of every tenant on the wall. */
export interface WallPage {
  tenant: string | null;
  view: number;
}

/**
 * The pages a screen goes through. A tenant's wall goes through its views; the all-clients wall
 * (/wall) goes through each client's views in turn when it rotates, and shows every client at
 * once when it does not.
 */
export function wallPages(scope: string | null, tenants: readonly string[], views: number, rotating: boolean): WallPage[] {
  const viewIds = Array.from({ length: Math.max(1, views) }, (_, i) => i);
  if (scope !== null || !rotating || tenants.length <= 1) return viewIds.map((view) => ({ tenant: scope, view }));
  return tenants.flatMap((tenant) => viewIds.map((view) => ({ tenant, view })));
}

/**
 * The page up at `nowMs` of a rotation that began at `startMs`: a function of the clock, not a
 * timer of its own, so rotating creates nothing that could pile up over weeks.
 */
export function pageIndexAt(pages: number, startMs: number, nowMs: number, rotateSeconds: number | null): number {
  if (pages <= 1 || rotateSeconds === null) return 0;
  return Math.floor(Math.max(0, nowMs - startMs) / (rotateSeconds * 1000)) % pages;
}

/** Seconds left before the next page, for the small countdown a rotating screen shows. */
export function secondsToNextPage(startMs: number, nowMs: number, rotateSeconds: number): number {
  const period = rotateSeconds * 1000;
  return Math.ceil((period - (Math.max(0, nowMs - startMs) % period)) / 1000);
}

/** How much of a view's height each kind of panel asks for; TOTALS takes its own (one row). */
const WEIGHT: Record<PanelKind, number> = { QUEUES: 3, AGENTS: 3, CHART: 2, TOTALS: 0 };

/** Each panel's share of the view's flexible height (0 for a panel sized by its content). */
export function panelShares(panels: readonly Pick<WallPanel, 'kind'>[]): number[] {
  const total = panels.reduce((sum, p) => sum + WEIGHT[p.kind], 0);
  return panels.map((p) => (total === 0 ? 0 : WEIGHT[p.kind] / total));
}

/** The views to edit or save: a deep copy, so an editor's drafts never touch what is on screen. */
export function copyViews(views: readonly WallView[]): WallView[] {
  return views.map((v) => ({ title: v.title, panels: v.panels.map((p) => ({ kind: p.kind, queues: p.queues ? [...p.queues] : null })) }));
}

/** Move the item at `from` by `by` places (±1), or leave the list as is at either end. */
export function moved<T>(list: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return [...list];
  const out = [...list];
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}
