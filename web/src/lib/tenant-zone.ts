/** A tenant's time zone for showing its times: the configured one, or UTC (the server's default)
 * when the tenant list has not arrived, the token may not list tenants, or the zone is unknown
 * to this browser. */
import type { Tenant } from './types.ts';
import { isValidTimeZone } from './zoned-time.ts';

export function tenantZone(tenants: readonly Tenant[], id: string): string {
  const zone = tenants.find((x) => x.id === id)?.timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}
