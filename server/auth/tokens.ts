/**
 * Bearer tokens: the ADMIN_TOKEN of the environment, and API tokens created through GraphQL.
 * A token's secret is shown once at creation and stored only as its SHA-256; lookups go by
 * hash, and the admin token is compared in constant time.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Store, StoredToken } from '../store/port.ts';
import type { Principal, Role } from './principal.ts';

const TOKEN_PREFIX = 'fbt_';

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function generateSecret(): string {
  return TOKEN_PREFIX + randomBytes(24).toString('base64url');
}

/** The token of an `Authorization: Bearer …` value, or null. */
export function bearer(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export class TokenService {
  private readonly adminDigest: Buffer;

  constructor(
    private readonly store: Store,
    adminToken: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.adminDigest = createHash('sha256').update(adminToken).digest();
  }

  /** The principal a secret stands for, or null for an unknown or revoked one. */
  async resolve(secret: string | null): Promise<Principal | null> {
    if (!secret) return null;
    const digest = createHash('sha256').update(secret).digest();
    if (timingSafeEqual(digest, this.adminDigest)) return { id: 'admin', name: 'admin', role: 'ADMIN', tenants: 'all' };
    if (!secret.startsWith(TOKEN_PREFIX)) return null;
    const t = await this.store.tokenByHash(digest.toString('hex'));
    return t ? toPrincipal(t) : null;
  }

  async create(input: { name: string; role: Role; tenants: string[] }): Promise<{ secret: string; token: StoredToken }> {
    const secret = generateSecret();
    const token: StoredToken = { id: randomUUID(), name: input.name, role: input.role, tenants: [...input.tenants], createdAt: this.clock() };
    await this.store.putToken(sha256(secret), token);
    return { secret, token };
  }

  revoke(id: string): Promise<boolean> {
    return this.store.deleteToken(id);
  }

  list(): Promise<StoredToken[]> {
    return this.store.listTokens();
  }
}

export function toPrincipal(t: StoredToken): Principal {
  return {
    id: t.id,
    name: t.name,
    role: t.role as Role,
    tenants: t.tenants.includes('*') ? 'all' : new Set(t.tenants),
  };
}
