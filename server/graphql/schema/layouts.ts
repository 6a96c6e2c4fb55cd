/**
 * Wall layouts: a tenant's named screens (server/wall/layout.ts). Anyone who may read the tenant
 * may read them (a TV runs on a VIEWER token); SUPERVISOR and ADMIN tokens save and delete them.
 * A TV follows its screen over `wallLayoutChanged`, so a change made at a desk reaches the wall
 * without anyone touching it.
 */
import { TENANT_PATTERN } from '../../../schema/events.ts';
import { listenLive, publishLive } from '../../live/pubsub.ts';
import {
  checkLayout,
  MAX_LAYOUTS,
  SCREEN_NAME,
  WALL_PANEL_KINDS,
  WALL_TIME_ZONES,
  withLayout,
  type WallLayout,
  type WallPanel,
  type WallView,
} from '../../wall/layout.ts';
import { builder } from '../builder.ts';
import { badInput, requireConfigure, requireRead, type GraphQLContext } from '../context.ts';
import './scalars.ts';

const up = <T extends string>(s: T) => s.toUpperCase() as Uppercase<T>;
const down = <T extends string>(s: T) => s.toLowerCase() as Lowercase<T>;

const PanelKindEnum = builder.enumType('WallPanelKind', {
  description: 'QUEUES: a tile per queue. AGENTS: the agent grid. CHART: today by interval (offered, answered, service level). TOTALS: the tenant\'s all-queues row and one per channel.',
  values: WALL_PANEL_KINDS.map(up) as ['QUEUES', 'AGENTS', 'CHART', 'TOTALS'],
});

const TimeZoneEnum = builder.enumType('WallTimeZone', {
  description: "TENANT: the screen's times are on the tenant's clock. VIEWER: on the clock of the browser showing it.",
  values: WALL_TIME_ZONES.map(up) as ['TENANT', 'VIEWER'],
});

const PanelRef = builder.objectRef<WallPanel>('WallPanel').implement({
  fields: (t) => ({
    kind: t.field({ type: PanelKindEnum, resolve: (p) => up(p.kind) }),
    queues: t.exposeIDList('queues', { nullable: true, description: 'The queues it is about; null: all of them.' }),
  }),
});

const ViewRef = builder.objectRef<WallView>('WallView').implement({
  fields: (t) => ({
    title: t.exposeString('title', { nullable: true }),
    panels: t.field({ type: [PanelRef], resolve: (v) => v.panels }),
  }),
});

const LayoutRef = builder.objectRef<WallLayout>('WallLayout').implement({
  description: 'A named screen of a tenant: open it at /wall/<tenant>?screen=<name>.',
  fields: (t) => ({
    tenant: t.exposeID('tenant'),
    name: t.exposeString('name'),
    views: t.field({ type: [ViewRef], description: 'Shown in turn when there are several.', resolve: (l) => l.views }),
    timeZone: t.field({ type: TimeZoneEnum, resolve: (l) => up(l.timeZone) }),
    rotateSeconds: t.exposeInt('rotateSeconds', { nullable: true, description: 'Seconds per view unless the URL says ?rotate=N.' }),
    updatedAt: t.field({ type: 'DateTime', resolve: (l) => l.updatedAt }),
    updatedBy: t.exposeString('updatedBy'),
  }),
});

const LayoutChangeRef = builder.objectRef<{ tenant: string; name: string; layout: WallLayout | null }>('WallLayoutChange').implement({
  fields: (t) => ({
    tenant: t.exposeID('tenant'),
    name: t.exposeString('name'),
    layout: t.field({ type: LayoutRef, nullable: true, description: 'null: there is no such screen (deleted, or never saved).', resolve: (c) => c.layout }),
  }),
});

const PanelInput = builder.inputType('WallPanelInput', {
  fields: (t) => ({
    kind: t.field({ type: PanelKindEnum, required: true }),
    queues: t.idList({ description: 'null or absent: all queues. A chart takes one queue at most; totals none.' }),
  }),
});

const ViewInput = builder.inputType('WallViewInput', {
  fields: (t) => ({
    title: t.string(),
    panels: t.field({ type: [PanelInput], required: true }),
  }),
});

const LayoutInput = builder.inputType('WallLayoutInput', {
  fields: (t) => ({
    views: t.field({ type: [ViewInput], required: true }),
    timeZone: t.field({ type: TimeZoneEnum, defaultValue: 'TENANT' }),
    rotateSeconds: t.int({ description: '5 to 3600; null: only a ?rotate in the URL rotates.' }),
  }),
});

function checkTenant(tenant: string): string {
  if (!TENANT_PATTERN.test(tenant)) throw badInput('tenant', 'must match [A-Za-z0-9._-]{1,64}');
  return tenant;
}

function checkName(name: string): string {
  if (!SCREEN_NAME.test(name)) throw badInput('name', 'a screen name is 1 to 64 letters, digits, dots, dashes or underscores (it goes in the URL: ?screen=lobby)');
  return name;
}

async function layoutsOf(ctx: GraphQLContext, tenant: string): Promise<WallLayout[]> {
  return (await ctx.services.settings.tenant(tenant)).settings.wallLayouts ?? [];
}

builder.queryField('wallLayouts', (t) =>
  t.field({
    type: [LayoutRef],
    description: "A tenant's saved screens, by name.",
    args: { tenant: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => layoutsOf(ctx, requireRead(ctx, String(args.tenant))),
  }),
);

builder.queryField('wallLayout', (t) =>
  t.field({
    type: LayoutRef,
    nullable: true,
    args: { tenant: t.arg.id({ required: true }), name: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => (await layoutsOf(ctx, requireRead(ctx, String(args.tenant)))).find((l) => l.name === args.name) ?? null,
  }),
);

builder.mutationField('saveWallLayout', (t) =>
  t.field({
    type: LayoutRef,
    description: 'Save a screen under its name (replacing it if it exists). SUPERVISOR or ADMIN of the tenant.',
    args: {
      tenant: t.arg.id({ required: true }),
      name: t.arg.string({ required: true }),
      layout: t.arg({ type: LayoutInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const tenant = checkTenant(requireConfigure(ctx, String(args.tenant), 'save wall layouts'));
      const name = checkName(args.name);
      const input = {
        views: args.layout.views.map((v) => ({
          title: v.title ?? null,
          panels: v.panels.map((p) => ({ kind: down(p.kind), queues: p.queues ? p.queues.map(String) : null })),
        })),
        timeZone: down(args.layout.timeZone ?? 'TENANT'),
        rotateSeconds: args.layout.rotateSeconds ?? null,
      };
      const config = await ctx.services.settings.tenant(tenant);
      const checked = checkLayout(input, new Set(config.queues.keys()));
      if (!checked.ok) throw badInput(`layout.${checked.problem.path}`, checked.problem.message);
      const current = config.settings.wallLayouts ?? [];
      if (!current.some((l) => l.name === name) && current.length >= MAX_LAYOUTS) {
        throw badInput('name', `tenant "${tenant}" has ${MAX_LAYOUTS} screens already: delete one first`);
      }
      const layout: WallLayout = { tenant, name, ...checked.spec, updatedAt: ctx.services.clock(), updatedBy: ctx.principal.name };
      await ctx.services.store.setTenantSettings(tenant, { wallLayouts: withLayout(current, layout) });
      ctx.services.settings.invalidate(tenant);
      publishLive(ctx.services.pubSub, 'wallLayouts', tenant, { tenant, name, layout });
      return layout;
    },
  }),
);

builder.mutationField('deleteWallLayout', (t) =>
  t.field({
    type: 'Boolean',
    description: 'False when there was no such screen. SUPERVISOR or ADMIN of the tenant.',
    args: { tenant: t.arg.id({ required: true }), name: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = checkTenant(requireConfigure(ctx, String(args.tenant), 'delete wall layouts'));
      const current = await layoutsOf(ctx, tenant);
      if (!current.some((l) => l.name === args.name)) return false;
      await ctx.services.store.setTenantSettings(tenant, { wallLayouts: current.filter((l) => l.name !== args.name) });
      ctx.services.settings.invalidate(tenant);
      publishLive(ctx.services.pubSub, 'wallLayouts', tenant, { tenant, name: args.name, layout: null });
      return true;
    },
  }),
);

/** The screen as it is now (null when there is none), then after every save or deletion. */
async function* layoutChanges(ctx: GraphQLContext, tenant: string, name: string) {
  const it = listenLive(ctx.services.pubSub, 'wallLayouts', ctx.principal, tenant, [tenant]);
  const pending = it.next(); // starts listening now
  try {
    const layout = (await layoutsOf(ctx, tenant)).find((l) => l.name === name) ?? null;
    yield { tenant, name, layout };
    for (let r = await pending; !r.done; r = await it.next()) {
      if (r.value.tenant === tenant && r.value.name === name) yield r.value;
    }
  } finally {
    await it.return?.();
  }
}

builder.subscriptionField('wallLayoutChanged', (t) =>
  t.field({
    type: LayoutChangeRef,
    description: 'The screen now, then after every save or deletion of it.',
    args: { tenant: t.arg.id({ required: true }), name: t.arg.string({ required: true }) },
    subscribe: (_root, args, ctx) => layoutChanges(ctx, requireRead(ctx, String(args.tenant)), checkName(args.name)),
    resolve: (c: { tenant: string; name: string; layout: WallLayout | null }) => c,
  }),
);
