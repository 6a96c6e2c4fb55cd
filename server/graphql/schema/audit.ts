/**
 * The audit log over GraphQL: ADMIN reads every log; a SUPERVISOR reads its own tenants' logs
 * (who changed its floor), never the global one (API tokens). See server/audit.
 */
import { AUDIT_ACTIONS, type AuditActor, type AuditEntry } from '../../audit/entry.ts';
import { readAudit } from '../../audit/record.ts';
import { builder } from '../builder.ts';
import { badInput, forbidden } from '../context.ts';

const AuditActionEnum = builder.enumType('AuditAction', { values: AUDIT_ACTIONS });

const AuditActorRef = builder.objectRef<AuditActor>('AuditActor').implement({
  description: 'The token that acted, as it was then.',
  fields: (t) => ({
    id: t.exposeID('id', { description: "Token id; 'admin' for the ADMIN_TOKEN of the environment." }),
    name: t.exposeString('name'),
    role: t.exposeString('role'),
  }),
});

const AuditEntryRef = builder.objectRef<AuditEntry>('AuditEntry').implement({
  description: 'One administrative act.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
    actor: t.field({ type: AuditActorRef, resolve: (e) => e.actor }),
    tenant: t.exposeID('tenant', { nullable: true, description: 'null for acts on no one tenant (API tokens).' }),
    action: t.field({ type: AuditActionEnum, resolve: (e) => e.action }),
    target: t.exposeID('target', { description: 'What was acted on: token, rule, alert, queue, webhook or follow-up id, or the tenant.' }),
    summary: t.string({ description: 'What changed, as JSON text (e.g. {"threshold":{"from":0.8,"to":0.9}}); never a secret.', resolve: (e) => JSON.stringify(e.summary) }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.field({
    type: [AuditEntryRef],
    description:
      'Administrative acts, newest first. ADMIN: one tenant, or with no tenant every act (API tokens included). SUPERVISOR: its own tenants only. Page with before: the at of the last entry seen.',
    args: { tenant: t.arg.id(), limit: t.arg.int({ defaultValue: 100 }), before: t.arg({ type: 'DateTime' }) },
    resolve: async (_root, args, ctx) => {
      const limit = args.limit ?? 100;
      if (limit < 1 || limit > 1000) throw badInput('limit', 'must be 1 to 1000');
      const r = await readAudit(ctx.services.store, ctx.principal, {
        tenant: args.tenant == null ? null : String(args.tenant),
        limit,
        ...(args.before != null ? { before: args.before } : {}),
      });
      if ('forbidden' in r) throw forbidden(r.forbidden);
      return r;
    },
  }),
);
