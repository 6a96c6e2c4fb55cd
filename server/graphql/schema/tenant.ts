/** Tenants (client accounts) and the settings every number is computed with. */
import { resolveQueueSettings } from '../../aggregate/settings-cache.ts';
import { serviceLevelLabel } from '../../engine/settings.ts';
import { isValidTimeZone } from '../../engine/time.ts';
import { TENANT_PATTERN } from '../../../schema/events.ts';
import { builder } from '../builder.ts';
import { badInput, requireConfigure, visibleTenants } from '../context.ts';
import { QueueSettingsRef, ServiceLevelFormula } from './queue.ts';

interface TenantView {
  id: string;
  name: string;
  timeZone: string;
}

export const TenantRef = builder.objectRef<TenantView>('Tenant').implement({
  description: 'A client account.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    timeZone: t.exposeString('timeZone', { description: 'IANA zone: intervals and "today" are aligned to it.' }),
  }),
});

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

builder.mutationField('setTenantSettings', (t) =>
  t.field({
    type: TenantRef,
    args: { tenant: t.arg.id({ required: true }), input: t.arg({ type: TenantSettingsInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = requireConfigure(ctx, String(args.tenant));
      checkTenantId(tenant);
      const { name, timeZone } = args.input;
      if (timeZone != null && !isValidTimeZone(timeZone)) throw badInput('input.timeZone', `"${timeZone}" is not an IANA time zone such as Europe/Madrid`);
      if (name != null && (name.length < 1 || name.length > 200)) throw badInput('input.name', 'must be 1 to 200 characters');
      await ctx.services.store.setTenantSettings(tenant, {
        ...(name != null ? { name } : {}),
        ...(timeZone != null ? { timeZone } : {}),
      });
      await ctx.services.settingsChanged(tenant);
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
      const i = args.input;
      const patch: Record<string, unknown> = {};
      if (i.name != null) {
        if (i.name.length < 1 || i.name.length > 200) throw badInput('input.name', 'must be 1 to 200 characters');
        patch.name = i.name;
      }
      if (i.channel != null) {
        if (!/^[a-z][a-z0-9_-]{0,31}$/.test(i.channel)) throw badInput('input.channel', 'must be a lower-case word such as voice, chat or email');
        patch.channel = i.channel;
      }
      if (i.language != null) patch.language = i.language;
      if (i.thresholdSeconds != null) {
        if (i.thresholdSeconds < 1 || i.thresholdSeconds > 30 * 86_400) throw badInput('input.thresholdSeconds', 'must be between 1 and 2592000 seconds');
        patch.thresholdSeconds = i.thresholdSeconds;
      }
      if (i.targetServiceLevel != null) {
        if (!(i.targetServiceLevel > 0 && i.targetServiceLevel <= 1)) throw badInput('input.targetServiceLevel', 'must be a fraction in (0, 1], e.g. 0.8 for 80 %');
        patch.targetServiceLevel = i.targetServiceLevel;
      }
      if (i.shortAbandonSeconds != null) {
        if (i.shortAbandonSeconds < 0 || i.shortAbandonSeconds > 3600) throw badInput('input.shortAbandonSeconds', 'must be between 0 and 3600 seconds');
        patch.shortAbandonSeconds = i.shortAbandonSeconds;
      }
      if (i.serviceLevelFormula != null) patch.serviceLevelFormula = i.serviceLevelFormula;
      await ctx.services.store.setQueueSettings(tenant, queue, patch);
      await ctx.services.settingsChanged(tenant);
      const c = await ctx.services.settings.tenant(tenant);
      const s = c.queues.get(queue) ?? resolveQueueSettings({ id: queue, settings: patch });
      return { ...s, label: serviceLevelLabel(s) };
    },
  }),
);
