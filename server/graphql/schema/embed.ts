/**
 * Client embeds (server/auth/embed.ts): tokens a tenant's ADMIN or SUPERVISOR hands a client
 * for a read-only dashboard in an iframe, their list (no secrets), revocation, and the session
 * the embed page reads its theme and views from.
 */
import { TENANT_PATTERN } from '../../../schema/events.ts';
import { recordAudit } from '../../audit/record.ts';
import {
  DEFAULT_EMBED_TTL_SECONDS,
  DEFAULT_EMBED_VIEWS,
  EMBED_VIEWS,
  embedTokenOptions,
  embedUrl,
  type EmbedTheme,
  type EmbedView,
  type StoredEmbed,
} from '../../auth/embed.ts';
import { canManageEmbeds } from '../../auth/principal.ts';
import type { StoredToken } from '../../store/port.ts';
import { withoutNulls } from '../../engine/settings-schema.ts';
import { builder } from '../builder.ts';
import { badInput, forbidden, type GraphQLContext } from '../context.ts';

interface EmbedTokenView {
  id: string;
  name: string;
  tenant: string;
  queues: string[] | null;
  views: EmbedView[];
  theme: EmbedTheme;
  createdAt: number;
  createdBy: string;
  expiresAt: number;
}

const viewOf = (t: StoredToken & { embed: StoredEmbed }): EmbedTokenView => ({
  id: t.id,
  name: t.name,
  tenant: t.embed.tenant,
  queues: t.embed.queues,
  views: t.embed.views,
  theme: t.embed.theme,
  createdAt: t.createdAt,
  createdBy: t.embed.createdBy,
  // Embed tokens are always made with an expiry; a record without one never expires.
  expiresAt: t.expiresAt ?? Number.MAX_SAFE_INTEGER,
});

const EmbedViewEnum = builder.enumType('EmbedView', {
  description: 'What an embed page shows: QUEUES a tile per queue, TOTALS the row of all its queues, CHART today by 15 minutes.',
  values: EMBED_VIEWS,
});

const EmbedThemeRef = builder.objectRef<EmbedTheme>('EmbedTheme').implement({
  description: "The client's look: an https logo and hex colours. Unset parts keep Floorboard's.",
  fields: (t) => ({
    logoUrl: t.string({ nullable: true, resolve: (x) => x.logoUrl ?? null }),
    primary: t.string({ nullable: true, resolve: (x) => x.primary ?? null }),
    background: t.string({ nullable: true, resolve: (x) => x.background ?? null }),
    text: t.string({ nullable: true, resolve: (x) => x.text ?? null }),
  }),
});

const EmbedThemeInput = builder.inputType('EmbedThemeInput', {
  fields: (t) => ({
    logoUrl: t.string({ description: 'https:// URL of the logo (shown at the top left).' }),
    primary: t.string({ description: 'Hex colour of the header and accents, e.g. #0a66c2.' }),
    background: t.string({ description: 'Hex colour of the page background.' }),
    text: t.string({ description: 'Hex colour of the text; by default black or white, whichever reads on the background.' }),
  }),
});

const CreateEmbedTokenInput = builder.inputType('CreateEmbedTokenInput', {
  fields: (t) => ({
    tenant: t.id({ required: true }),
    name: t.string({ description: 'What the token is for, shown in embedTokens (default "embed <tenant>").' }),
    queues: t.idList({ description: 'Only these queues of the tenant; omit for all of them (those created later too).' }),
    views: t.field({ type: [EmbedViewEnum], description: 'Default [QUEUES, TOTALS].' }),
    theme: t.field({ type: EmbedThemeInput }),
    ttlSeconds: t.int({ description: `Seconds until the token is refused; default ${DEFAULT_EMBED_TTL_SECONDS} (a year), at most two years.` }),
  }),
});

const EmbedDetailsRef = builder.interfaceRef<EmbedTokenView>('EmbedTokenDetails').implement({
  description: 'A client-embed token: a read-only VIEWER of one tenant, maybe of some of its queues only.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    tenant: t.exposeID('tenant'),
    queues: t.idList({ nullable: true, description: 'null: every queue of the tenant.', resolve: (x) => x.queues }),
    views: t.field({ type: [EmbedViewEnum], resolve: (x) => x.views }),
    theme: t.field({ type: EmbedThemeRef, resolve: (x) => x.theme }),
    createdAt: t.field({ type: 'DateTime', resolve: (x) => x.createdAt }),
    createdBy: t.exposeString('createdBy', { description: 'Name of the token that created it.' }),
    expiresAt: t.field({ type: 'DateTime', resolve: (x) => x.expiresAt }),
  }),
});

const EmbedTokenRef = builder.objectRef<EmbedTokenView & { token: string; url: string }>('EmbedToken').implement({
  description: 'A new embed token. Its secret is shown here once: only its hash is stored.',
  interfaces: [EmbedDetailsRef],
  fields: (t) => ({
    token: t.exposeString('token', { description: 'The bearer secret.' }),
    url: t.exposeString('url', {
      description: 'The embed page with the token in its fragment (#token=…), which browsers never send to a server. Absolute when the request says its host.',
    }),
  }),
});

const EmbedTokenInfoRef = builder.objectRef<EmbedTokenView & { expired: boolean }>('EmbedTokenInfo').implement({
  description: 'An embed token as listed: no secret.',
  interfaces: [EmbedDetailsRef],
  fields: (t) => ({ expired: t.exposeBoolean('expired') }),
});

const EmbedSessionRef = builder.objectRef<Omit<EmbedTokenView, 'id' | 'name' | 'createdAt' | 'createdBy'>>('EmbedSession').implement({
  description: 'What an embed page shows, as its token says.',
  fields: (t) => ({
    tenant: t.exposeID('tenant'),
    queues: t.idList({ nullable: true, description: 'null: every queue of the tenant.', resolve: (x) => x.queues }),
    views: t.field({ type: [EmbedViewEnum], resolve: (x) => x.views }),
    theme: t.field({ type: EmbedThemeRef, resolve: (x) => x.theme }),
    expiresAt: t.field({ type: 'DateTime', resolve: (x) => x.expiresAt }),
  }),
});

function requireManage(ctx: GraphQLContext, tenant: string): string {
  if (!canManageEmbeds(ctx.principal, tenant)) {
    throw forbidden(`not allowed to manage the client embeds of tenant "${tenant}" (ADMIN, or SUPERVISOR of the tenant)`);
  }
  return tenant;
}

/** Scheme and host the caller reached us at (a proxy's X-Forwarded-* first), or '' for none. */
function publicBase(ctx: GraphQLContext): string {
  const req = (ctx as GraphQLContext & { request?: Request }).request;
  if (!req?.url) return '';
  const url = new URL(req.url);
  const first = (h: string | null) => h?.split(',')[0]?.trim() || null;
  const proto = first(req.headers.get('x-forwarded-proto')) ?? url.protocol.replace(/:$/, '');
  const host = first(req.headers.get('x-forwarded-host')) ?? req.headers.get('host') ?? url.host;
  if (!/^https?$/.test(proto) || !/^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9a-fA-F:.]+\](?::\d{1,5})?$/.test(host)) return url.origin;
  return `${proto}://${host}`;
}

builder.queryField('embedTokens', (t) =>
  t.field({
    type: [EmbedTokenInfoRef],
    description: "A tenant's client-embed tokens, expired ones included, without secrets. ADMIN, or SUPERVISOR of the tenant.",
    args: { tenant: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = requireManage(ctx, String(args.tenant));
      const list = await ctx.services.tokens.listEmbeds(tenant);
      return list.map((x) => ({ ...viewOf(x), expired: ctx.services.tokens.expired(x) }));
    },
  }),
);

builder.queryField('embedSession', (t) =>
  t.field({
    type: EmbedSessionRef,
    nullable: true,
    description: "The caller's embed: tenant, queues, views and theme. null unless the caller is an embed token.",
    resolve: async (_root, _args, ctx) => {
      const p = ctx.principal;
      if (!p.embed) return null;
      const stored = (await ctx.services.tokens.listEmbeds(p.embed.tenant)).find((x) => x.id === p.id);
      if (!stored) return null;
      const { tenant, queues, views, theme, expiresAt } = viewOf(stored);
      return { tenant, queues, views, theme, expiresAt };
    },
  }),
);

builder.mutationField('createEmbedToken', (t) =>
  t.field({
    type: EmbedTokenRef,
    description: 'A read-only token of one client account for its embed page, and the page URL. ADMIN, or SUPERVISOR of the tenant.',
    args: { input: t.arg({ type: CreateEmbedTokenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const tenant = String(input.tenant);
      if (!TENANT_PATTERN.test(tenant)) throw badInput('input.tenant', 'must match [A-Za-z0-9._-]{1,64}');
      requireManage(ctx, tenant);
      const parsed = embedTokenOptions.safeParse(
        withoutNulls({
          name: input.name,
          queues: input.queues?.map(String),
          views: input.views,
          theme: input.theme ? withoutNulls(input.theme) : null,
          ttlSeconds: input.ttlSeconds,
        }),
      );
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw badInput(`input.${issue.path.join('.')}`, issue.message);
      }
      const o = parsed.data;
      if (!(await ctx.services.store.tenants()).includes(tenant)) {
        throw badInput('input.tenant', `no tenant "${tenant}" yet: a tenant appears with its first event, or with setTenantSettings`);
      }
      if (o.queues) {
        const known = (await ctx.services.settings.tenant(tenant)).queues;
        const unknown = o.queues.filter((q) => !known.has(q));
        if (unknown.length) {
          throw badInput('input.queues', `tenant "${tenant}" has no queue ${unknown.map((q) => `"${q}"`).join(', ')} (its queues: ${[...known.keys()].sort().join(', ') || 'none yet'})`);
        }
      }
      const embed: StoredEmbed = {
        tenant,
        queues: o.queues ?? null,
        views: o.views ?? [...DEFAULT_EMBED_VIEWS],
        theme: o.theme ?? {},
        createdBy: ctx.principal.name,
      };
      const { secret, token } = await ctx.services.tokens.createEmbed({
        name: o.name ?? `embed ${tenant}`,
        embed,
        ttlSeconds: o.ttlSeconds ?? DEFAULT_EMBED_TTL_SECONDS,
      });
      await recordAudit(ctx, 'TOKEN_CREATED', {
        tenant,
        target: token.id,
        summary: { kind: 'embed', name: token.name, queues: embed.queues, views: embed.views, expiresAt: new Date(token.expiresAt).toISOString() },
      });
      return { ...viewOf(token), token: secret, url: embedUrl(publicBase(ctx), tenant, secret) };
    },
  }),
);

builder.mutationField('revokeEmbedToken', (t) =>
  t.boolean({
    description:
      'Revoke an embed token, given the token itself or its id (from embedTokens). It is refused from now on, everywhere, and its open subscriptions close. false: no such embed token.',
    args: { token: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      const stored = await ctx.services.tokens.find(args.token.trim());
      if (!stored?.embed) return false;
      requireManage(ctx, stored.embed.tenant);
      const revoked = await ctx.services.tokens.revoke(stored.id);
      if (revoked) await recordAudit(ctx, 'TOKEN_REVOKED', { tenant: stored.embed.tenant, target: stored.id, summary: { kind: 'embed', name: stored.name } });
      return revoked;
    },
  }),
);
