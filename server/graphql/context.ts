/** What every resolver gets: the caller and the services. One shape for HTTP and graphql-ws. */
import { GraphQLError } from 'graphql';
import type { SettingsCache } from '../aggregate/settings-cache.ts';
import type { AlertEngine } from '../alerts/engine.ts';
import type { WebhookDispatcher } from '../notify/dispatcher.ts';
import type { StaffingNow } from '../wfm/staffing-now.ts';
import { canConfigure, canRead, isAdmin, type Principal } from '../auth/principal.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { LivePubSub } from '../live/pubsub.ts';
import type { QueueSnapshot, TenantTotals } from '../live/snapshot.ts';
import type { Store } from '../store/port.ts';

export interface Services {
  store: Store;
  settings: SettingsCache;
  pubSub: LivePubSub;
  tokens: TokenService;
  clock: () => number;
  snapshots(tenant: string, queues?: Iterable<string>): Promise<QueueSnapshot[]>;
  /** The tenant's totals, or those of some of its queues (an embed token's). */
  totals(tenant: string, queues?: ReadonlySet<string>): Promise<TenantTotals>;
  alerts: AlertEngine;
  webhooks: WebhookDispatcher;
  staffingNow: StaffingNow;
  /** Settings of a tenant changed: drop caches and republish its queues. */
  settingsChanged(tenant: string): Promise<void>;
}

export interface GraphQLContext {
  principal: Principal;
  services: Services;
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', http: { status: 403 } } });
}

export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });
}

export function requireRead(ctx: GraphQLContext, tenant: string): string {
  if (!canRead(ctx.principal, tenant)) throw forbidden(`not allowed to read tenant "${tenant}"`);
  return tenant;
}

/** ADMIN or SUPERVISOR of the tenant; `act` says what was refused ("change the settings"). */
export function requireConfigure(ctx: GraphQLContext, tenant: string, act = 'change the settings'): string {
  if (!canConfigure(ctx.principal, tenant)) throw forbidden(`not allowed to ${act} of tenant "${tenant}"`);
  return tenant;
}

export function requireAdmin(ctx: GraphQLContext): void {
  if (!isAdmin(ctx.principal)) throw forbidden('this operation needs an ADMIN token of every tenant (tenants: ["*"])');
}

/** Tenants the caller may read: one (checked), or all it can see. */
export async function visibleTenants(ctx: GraphQLContext, tenant: string | null | undefined): Promise<string[]> {
  if (tenant) return [requireRead(ctx, tenant)];
  const known = await ctx.services.store.tenants();
  return known.filter((t) => canRead(ctx.principal, t));
}
