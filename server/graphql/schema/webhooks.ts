/** Webhooks per tenant (signed notifications of alert changes) and their delivery log. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DeliveryAttempt, Webhook } from '../../notify/types.ts';
import { recordAudit } from '../../audit/record.ts';
import { changes } from '../../audit/summary.ts';
import { builder } from '../builder.ts';
import { badInput, requireConfigure } from '../context.ts';

const WebhookRef = builder.objectRef<Webhook>('Webhook').implement({
  description: 'Receives alert changes as signed JSON POSTs (header X-Floorboard-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>).',
  fields: (t) => ({
    id: t.exposeID('id'),
    tenant: t.exposeID('tenant'),
    url: t.exposeString('url'),
    enabled: t.exposeBoolean('enabled'),
    createdAt: t.field({ type: 'DateTime', resolve: (w) => w.createdAt }),
  }),
});

const SavedWebhookRef = builder.objectRef<{ webhook: Webhook; secret: string | null }>('SavedWebhook').implement({
  fields: (t) => ({
    webhook: t.field({ type: WebhookRef, resolve: (x) => x.webhook }),
    secret: t.exposeString('secret', { nullable: true, description: 'The signing secret, shown once when Floorboard generated it; null otherwise.' }),
  }),
});

const OutcomeEnum = builder.enumType('DeliveryOutcome', { values: ['DELIVERED', 'FAILED', 'GAVE_UP'] as const });

const DeliveryAttemptRef = builder.objectRef<DeliveryAttempt>('DeliveryAttempt').implement({
  fields: (t) => ({
    deliveryId: t.exposeID('deliveryId'),
    webhookId: t.exposeID('webhookId'),
    at: t.field({ type: 'DateTime', resolve: (a) => a.at }),
    attempt: t.exposeInt('attempt'),
    outcome: t.field({ type: OutcomeEnum, resolve: (a) => a.outcome }),
    status: t.exposeInt('status', { nullable: true, description: 'HTTP status of the answer; null when none came.' }),
    error: t.exposeString('error', { nullable: true }),
    nextAttemptAt: t.field({ type: 'DateTime', nullable: true, resolve: (a) => a.nextAttemptAt }),
  }),
});

const WebhookInput = builder.inputType('WebhookInput', {
  fields: (t) => ({
    id: t.id({ description: 'Give an id to change that webhook; omit to add one.' }),
    tenant: t.id({ required: true }),
    url: t.string({ required: true }),
    secret: t.string({ description: 'At least 16 characters; omit to have one generated (shown once).' }),
    enabled: t.boolean(),
  }),
});

builder.queryField('webhooks', (t) =>
  t.field({
    type: [WebhookRef],
    args: { tenant: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.services.store.webhooks(requireConfigure(ctx, String(args.tenant))),
  }),
);

builder.queryField('webhookDeliveries', (t) =>
  t.field({
    type: [DeliveryAttemptRef],
    description: 'The delivery log, newest first.',
    args: { tenant: t.arg.id({ required: true }), limit: t.arg.int({ defaultValue: 100 }) },
    resolve: (_root, args, ctx) => {
      const limit = args.limit ?? 100;
      if (limit < 1 || limit > 1000) throw badInput('limit', 'must be 1 to 1000');
      return ctx.services.store.deliveryLog(requireConfigure(ctx, String(args.tenant)), limit);
    },
  }),
);

builder.mutationField('upsertWebhook', (t) =>
  t.field({
    type: SavedWebhookRef,
    args: { input: t.arg({ type: WebhookInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const tenant = requireConfigure(ctx, String(input.tenant));
      let url: URL;
      try {
        url = new URL(input.url);
      } catch {
        throw badInput('input.url', `"${input.url}" is not a URL`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badInput('input.url', 'must be an http or https URL');
      if (input.secret != null && input.secret.length < 16) throw badInput('input.secret', 'must be at least 16 characters');
      const existing = input.id == null ? undefined : (await ctx.services.store.webhooks(tenant)).find((w) => w.id === String(input.id));
      if (input.id != null && !existing) throw badInput('input.id', `no webhook ${input.id} for tenant ${tenant}`);
      const generated = input.secret == null && !existing ? randomBytes(24).toString('base64url') : null;
      const webhook: Webhook = {
        id: existing?.id ?? randomUUID(),
        tenant,
        url: url.toString(),
        secret: input.secret ?? existing?.secret ?? generated!,
        enabled: input.enabled ?? existing?.enabled ?? true,
        createdAt: existing?.createdAt ?? ctx.services.clock(),
      };
      await ctx.services.store.putWebhook(webhook);
      const shown = { url: webhook.url, enabled: webhook.enabled };
      await recordAudit(ctx, existing ? 'WEBHOOK_UPDATED' : 'WEBHOOK_CREATED', {
        tenant,
        target: webhook.id,
        summary: { ...(existing ? changes({ url: existing.url, enabled: existing.enabled }, shown) : shown), secretChanged: existing ? webhook.secret !== existing.secret : true },
      });
      return { webhook, secret: generated };
    },
  }),
);

builder.mutationField('deleteWebhook', (t) =>
  t.boolean({
    args: { tenant: t.arg.id({ required: true }), id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = requireConfigure(ctx, String(args.tenant));
      const id = String(args.id);
      const before = (await ctx.services.store.webhooks(tenant)).find((w) => w.id === id);
      const deleted = await ctx.services.store.deleteWebhook(tenant, id);
      if (deleted) await recordAudit(ctx, 'WEBHOOK_DELETED', { tenant, target: id, summary: before ? { url: before.url } : {} });
      return deleted;
    },
  }),
);
