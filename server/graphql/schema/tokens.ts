/** API tokens with a role and a tenant scope (ADMIN only). */
import { ROLES, type Role } from '../../auth/principal.ts';
import type { StoredToken } from '../../store/port.ts';
import { TENANT_PATTERN } from '../../../schema/events.ts';
import { recordAudit } from '../../audit/record.ts';
import { builder } from '../builder.ts';
import { badInput, requireAdmin } from '../context.ts';

export const RoleEnum = builder.enumType('Role', {
  description: 'ADMIN everything; SUPERVISOR read and manage its tenants; PLANNER read and plan; VIEWER read; INGEST post events only.',
  values: ROLES,
});

const ApiTokenRef = builder.objectRef<StoredToken>('ApiToken').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    role: t.field({ type: RoleEnum, resolve: (x) => x.role as Role }),
    tenants: t.exposeStringList('tenants', { description: '["*"] for every tenant.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (x) => x.createdAt }),
  }),
});

const CreatedTokenRef = builder.objectRef<{ secret: string; token: StoredToken }>('CreatedApiToken').implement({
  fields: (t) => ({
    token: t.exposeString('secret', { description: 'The bearer secret. Shown once: only its hash is stored.' }),
    apiToken: t.field({ type: ApiTokenRef, resolve: (x) => x.token }),
  }),
});

const CreateApiTokenInput = builder.inputType('CreateApiTokenInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    tenants: t.stringList({ required: true, description: 'Tenant ids, or ["*"] for all.' }),
  }),
});

builder.queryField('apiTokens', (t) =>
  t.field({
    type: [ApiTokenRef],
    resolve: (_root, _args, ctx) => {
      requireAdmin(ctx);
      return ctx.services.tokens.list();
    },
  }),
);

builder.mutationField('createApiToken', (t) =>
  t.field({
    type: CreatedTokenRef,
    args: { input: t.arg({ type: CreateApiTokenInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      requireAdmin(ctx);
      if (input.name.length < 1 || input.name.length > 200) throw badInput('input.name', 'must be 1 to 200 characters');
      if (input.tenants.length === 0) throw badInput('input.tenants', 'name at least one tenant, or "*" for all');
      for (const tn of input.tenants) {
        if (tn !== '*' && !TENANT_PATTERN.test(tn)) throw badInput('input.tenants', `"${tn}" is not a tenant id`);
      }
      const created = await ctx.services.tokens.create({ name: input.name, role: input.role, tenants: input.tenants });
      const { id, name, role, tenants } = created.token;
      await recordAudit(ctx, 'TOKEN_CREATED', { tenant: null, target: id, summary: { name, role, tenants } });
      return created;
    },
  }),
);

builder.mutationField('revokeApiToken', (t) =>
  t.boolean({
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireAdmin(ctx);
      const id = String(args.id);
      const token = (await ctx.services.tokens.list()).find((x) => x.id === id);
      const revoked = await ctx.services.tokens.revoke(id);
      if (revoked) await recordAudit(ctx, 'TOKEN_REVOKED', { tenant: null, target: id, summary: token ? { name: token.name, role: token.role, tenants: token.tenants } : {} });
      return revoked;
    },
  }),
);
