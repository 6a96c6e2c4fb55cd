/** Tenants (client accounts) and the settings every number is computed with. */
import type { z } from 'zod';
import { resolveQueueSettings } from '../../aggregate/settings-cache.ts';
import { serviceLevelLabel } from '../../engine/settings.ts';
import { queueSettingsPatch, tenantSettingsPatch, withoutNulls } from '../../engine/settings-schema.ts';
import { TENANT_PATTERN } from '../../../schema/events.ts';
import { recordAudit } from '../../audit/record.ts';
import { changes } from '../../audit/summary.ts';
import { builder } from '../builder.ts';
import { badInput, requireConfigure, visibleTenants } from '../context.ts';
import { QueueSettingsRef, ServiceLevelFormula } from './queue.ts';
import { RoleEnum } from './tokens.ts';
import type { Role } from '../../auth/principal.ts';

interface TenantView {
  id: string;
  name: string;
  timeZone: string;
  embedOrigins?: string[];
}

export const TenantRef = builder.objectRef<TenantView>('Tenant').implement({
  description: 'A client account.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    timeZone: t.exposeString('timeZone', { description: 'IANA zone: intervals and "today" are aligned to it.' }),
    embedOrigins: t.stringList({
      description: 'Origins that may frame the client-embed page (CSP frame-ancestors); empty: none may.',
      resolve: (x) => x.embedOrigins ?? [],
    }),
  }),
});

const ViewerRef = builder.objectRef<{ id: string; name: string; role: string; tenants: string[] }>('Viewer').implement({
  description: 'The caller: what its token may do.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.field({ type: RoleEnum, resolve: (v) => v.role as Role }),
    tenants: t.exposeStringList('tenants', { description: '["*"] for every tenant.' }),
  }),
});

builder.queryField('me', (t) =>
  t.field({
    type: ViewerRef,
    resolve: (_root, _args, ctx) => {
      const p = ctx.principal;
      return { id: p.id, name: p.name, role: p.role, tenants: p.tenants === 'all' ? ['*'] : [...p.tenants].sort() };
    },
  }),
);

builder.queryField('tenants', (t) =>
  t.field({
    type: [TenantRef],
    description: 'The tenants the caller may see.',
    resolve: async (_root, _args, ctx) => {
      const ids = await visibleTenants(ctx, null);
      const configs = await Promise.all(ids.map((id) => ctx.services.settings.tenant(id)));
      return configs.map((c) => ({ id: c.id, ...c.settings }));
    },
  }),
);

const TenantSettingsInput = builder.inputType('TenantSettingsInput', {
  fields: (t) => ({
    name: t.string(),
    timeZone: t.string({ description: 'IANA time zone, e.g. Europe/Madrid' }),
    embedOrigins: t.stringList({
      description: 'Origins that may frame the client-embed page, e.g. ["https://portal.client.example"]; https (http only for localhost), at most 20; [] for none.',
    }),
  }),
});

const QueueSettingsInput = builder.inputType('QueueSettingsInput', {
  fields: (t) => ({
    name: t.string(),
    channel: t.string(),
    language: t.string(),
    thresholdSeconds: t.int({ description: 'T: answered within T seconds counts towards the service level.' }),
    targetServiceLevel: t.float({ description: 'Target as a fraction, e.g. 0.8.' }),
    shortAbandonSeconds: t.int({ description: 'S: abandons with a wait under S seconds are short abandons.' }),
    serviceLevelFormula: t.field({ type: ServiceLevelFormula }),
  }),
});

function checkTenantId(tenant: string) {
  if (!TENANT_PATTERN.test(tenant)) throw badInput('tenant', 'must match [A-Za-z0-9._-]{1,64}');
}

/** Parse a settings patch, or throw a BAD_USER_INPUT naming the first offending input field. */
function parsePatch<T>(schema: z.ZodType<T>, input: Record<string, unknown>): T {
  const r = schema.safeParse(withoutNulls(input));
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw badInput(`input.${issue.path.join('.')}`, issue.message);
}

builder.mutationField('setTenantSettings', (t) =>
  t.field({
    type: TenantRef,
    args: { tenant: t.arg.id({ required: true }), input: t.arg({ type: TenantSettingsInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = requireConfigure(ctx, String(args.tenant));
      checkTenantId(tenant);
      const patch = parsePatch(tenantSettingsPatch, args.input);
      const before = (await ctx.services.settings.tenant(tenant)).settings;
      await ctx.services.store.setTenantSettings(tenant, patch);
      await ctx.services.settingsChanged(tenant);
      await recordAudit(ctx, 'TENANT_SETTINGS_CHANGED', { tenant, target: tenant, summary: changes(before, patch) });
      const c = await ctx.services.settings.tenant(tenant);
      return { id: tenant, ...c.settings };
    },
  }),
);

builder.mutationField('setQueueSettings', (t) =>
  t.field({
    type: QueueSettingsRef,
    description: 'Change a queue\'s settings. New thresholds apply to contacts that enter the queue from now on.',
    args: {
      tenant: t.arg.id({ required: true }),
      queue: t.arg.id({ required: true }),
      input: t.arg({ type: QueueSettingsInput, required: true }),
    },
    resolve: async (_root, args, ctx) => {
      const tenant = requireConfigure(ctx, String(args.tenant));
      checkTenantId(tenant);
      const queue = String(args.queue);
      if (queue.length < 1 || queue.length > 128) throw badInput('queue', 'must be 1 to 128 characters');
      const patch = parsePatch(queueSettingsPatch, args.input);
      const before = (await ctx.services.settings.tenant(tenant)).queues.get(queue) ?? null;
      await ctx.services.store.setQueueSettings(tenant, queue, patch);
      await ctx.services.settingsChanged(tenant);
      await recordAudit(ctx, 'QUEUE_SETTINGS_CHANGED', { tenant, target: queue, summary: changes(before, patch) });
      const c = await ctx.services.settings.tenant(tenant);
      const s = c.queues.get(queue) ?? resolveQueueSettings({ id: queue, settings: patch });
      return { ...s, label: serviceLevelLabel(s) };
    },
  }),
);
