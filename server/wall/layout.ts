/**
 * Wall layouts: what a named screen of a tenant shows. A layout is one or more views, each an
 * ordered list of panels (queue tiles, the agent grid, today's chart, the tenant's totals); a
 * screen with several views rotates between them. A supervisor saves it from a desk and the TV
 * at `/wall/<tenant>?screen=<name>` follows.
 *
 * Kept in the tenant's settings: layouts are few, small and change rarely.
 */
import { z } from 'zod';

export const WALL_PANEL_KINDS = ['queues', 'agents', 'chart', 'totals'] as const;
export type WallPanelKind = (typeof WALL_PANEL_KINDS)[number];

/** Whose clock the screen's times follow: the tenant's zone, or the zone of the browser showing it. */
export const WALL_TIME_ZONES = ['tenant', 'viewer'] as const;
export type WallTimeZone = (typeof WALL_TIME_ZONES)[number];

export interface WallPanel {
  kind: WallPanelKind;
  /** Queues the panel is about; null: all of the tenant's. Agents: those serving any of them. */
  queues: string[] | null;
}

export interface WallView {
  title: string | null;
  panels: WallPanel[];
}

export interface WallLayoutSpec {
  views: WallView[];
  timeZone: WallTimeZone;
  /** Seconds per view when the screen has several and the URL gives no ?rotate. */
  rotateSeconds: number | null;
}

export interface WallLayout extends WallLayoutSpec {
  tenant: string;
  name: string;
  updatedAt: number;
  /** Name of the token that saved it. */
  updatedBy: string;
}

export const SCREEN_NAME = /^[A-Za-z0-9._-]{1,64}$/;
export const MAX_LAYOUTS = 50;
export const MAX_VIEWS = 12;
export const MAX_PANELS = 6;

const queueId = z.string().min(1, 'a queue id must not be empty').max(128, 'a queue id must be at most 128 characters');

const panel = z
  .object({
    kind: z.enum(WALL_PANEL_KINDS, { error: `kind must be one of ${WALL_PANEL_KINDS.join(', ')}` }),
    queues: z.array(queueId).min(1, 'queues must name at least one queue, or be null for all').max(500).nullable(),
  })
  .strict()
  .superRefine((p, ctx) => {
    // The chart draws one series of intervals: one queue, or the tenant's total.
    if (p.kind === 'chart' && p.queues && p.queues.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['queues'], message: 'a chart shows one queue, or null for all queues together' });
    }
    if (p.kind === 'totals' && p.queues) ctx.addIssue({ code: 'custom', path: ['queues'], message: 'totals are of all queues: leave queues null' });
  });

const view = z
  .object({
    title: z.string().trim().max(80, 'title must be at most 80 characters').nullable(),
    panels: z.array(panel).min(1, 'a view needs at least one panel').max(MAX_PANELS, `a view has at most ${MAX_PANELS} panels`),
  })
  .strict();

export const wallLayoutSpec = z
  .object({
    views: z.array(view).min(1, 'a layout needs at least one view').max(MAX_VIEWS, `a layout has at most ${MAX_VIEWS} views`),
    timeZone: z.enum(WALL_TIME_ZONES),
    rotateSeconds: z.number().int('rotateSeconds must be whole seconds').min(5, 'rotateSeconds must be 5 to 3600').max(3600, 'rotateSeconds must be 5 to 3600').nullable(),
  })
  .strict();

export type LayoutProblem = { path: string; message: string };

/**
 * Validate a layout against the schema and the tenant's queues (a typo would otherwise show an
 * empty panel on a TV nobody is watching closely). Returns the normalised spec or the first problem.
 */
export function checkLayout(input: unknown, knownQueues: ReadonlySet<string>): { ok: true; spec: WallLayoutSpec } | { ok: false; problem: LayoutProblem } {
  const r = wallLayoutSpec.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return { ok: false, problem: { path: issue.path.join('.'), message: issue.message } };
  }
  const spec = r.data;
  for (const [v, vw] of spec.views.entries()) {
    for (const [p, pn] of vw.panels.entries()) {
      const unknown = pn.queues?.find((q) => !knownQueues.has(q));
      if (unknown !== undefined) {
        const known = [...knownQueues].sort().join(', ') || 'none yet';
        return { ok: false, problem: { path: `views.${v}.panels.${p}.queues`, message: `unknown queue "${unknown}" (this tenant has: ${known})` } };
      }
    }
    if (vw.title === '') vw.title = null;
  }
  return { ok: true, spec };
}

/** The tenant's layouts with `layout` saved under its name (replacing one of the same name). */
export function withLayout(layouts: readonly WallLayout[], layout: WallLayout): WallLayout[] {
  return [...layouts.filter((l) => l.name !== layout.name), layout].sort((a, b) => a.name.localeCompare(b.name));
}
