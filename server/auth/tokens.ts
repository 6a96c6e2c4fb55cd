/**
 * Bearer tokens: the ADMIN_TOKEN of the environment, API tokens created through GraphQL, and
 * client-embed tokens (embed.ts). A token's secret is shown once at creation and stored only as
 * its SHA-256; lookups go by hash, and the admin token is compared in constant time.
 *
 * Revocation deletes the stored hash, so the next request with the secret is refused wherever
 * it arrives (every instance reads the same store). What is already open (a graphql-ws socket,
 * an SSE stream) listens through `onRevoked`; `broadcast`, when wired (revocation.ts), carries
 * a revocation to the other instances.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Store, StoredToken } from '../store/port.ts';
import type { StoredEmbed } from './embed.ts';
import type { Principal, Role } from './principal.ts';

const TOKEN_PREFIX = 'fbt_';

export function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function generateSecret(): string {
  return TOKEN_PREFIX + randomBytes(24).toString('base64url');
}

/** Whether a string has the shape of a token secret (as opposed to a token id). */
export function looksLikeSecret(s: string): boolean {
  return s.startsWith(TOKEN_PREFIX);
}

/** The token of an `Authorization: Bearer …` value, or null. */
export function bearer(header: string | null | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export type RevokedListener = (tokenId: string) => void;

export class TokenService {
  private readonly adminDigest: Buffer;
  private readonly revokedListeners = new Set<RevokedListener>();
  /** Carries a revocation to the other instances; set by relayRevocations (revocation.ts). */
  broadcast: ((tokenId: string) => void) | null = null;

  constructor(
    private readonly store: Store,
    adminToken: string,
    readonly clock: () => number = Date.now,
  ) {
    this.adminDigest = createHash('sha256').update(adminToken).digest();
  }

  /** The principal a secret stands for, or null for an unknown, revoked or expired one. */
  async resolve(secret: string | null): Promise<Principal | null> {
    if (!secret) return null;
    const digest = createHash('sha256').update(secret).digest();
    if (timingSafeEqual(digest, this.adminDigest)) return { id: 'admin', name: 'admin', role: 'ADMIN', tenants: 'all' };
    if (!looksLikeSecret(secret)) return null;
    const t = await this.store.tokenByHash(digest.toString('hex'));
    return t && !this.expired(t) ? toPrincipal(t) : null;
  }

  expired(t: Pick<StoredToken, 'expiresAt'>): boolean {
    return t.expiresAt !== undefined && t.expiresAt <= this.clock();
  }

  async create(input: { name: string; role: Role; tenants: string[] }): Promise<{ secret: string; token: StoredToken }> {
    const secret = generateSecret();
    const token: StoredToken = { id: randomUUID(), name: input.name, role: input.role, tenants: [...input.tenants], createdAt: this.clock() };
    await this.store.putToken(sha256(secret), token);
    return { secret, token };
  }

  /** A client-embed token: a VIEWER of exactly the embed's tenant, refused after `ttlSeconds`. */
  async createEmbed(input: { name: string; embed: StoredEmbed; ttlSeconds: number }): Promise<{ secret: string; token: StoredToken & { embed: StoredEmbed; expiresAt: number } }> {
    const secret = generateSecret();
    const now = this.clock();
    const token = {
      id: randomUUID(),
      name: input.name,
      role: 'VIEWER',
      tenants: [input.embed.tenant],
      createdAt: now,
      expiresAt: now + input.ttlSeconds * 1000,
      embed: input.embed,
    };
    await this.store.putToken(sha256(secret), token);
    return { secret, token };
  }

  /** A stored token by its secret or its id (expired ones included: they can still be revoked). */
  async find(secretOrId: string): Promise<StoredToken | null> {
    if (looksLikeSecret(secretOrId)) return this.store.tokenByHash(sha256(secretOrId));
    return (await this.store.listTokens()).find((t) => t.id === secretOrId) ?? null;
  }

  /** Deletes the token, then closes what it holds open, here and (through `broadcast`) elsewhere. */
  async revoke(id: string): Promise<boolean> {
    const deleted = await this.store.deleteToken(id);
    if (deleted) {
      this.revoked(id);
      this.broadcast?.(id);
    }
    return deleted;
  }

  /** A token was revoked (here or on another instance): tell this process's listeners. */
  revoked(id: string): void {
    for (const l of this.revokedListeners) {
      try {
        l(id);
      } catch {
        // One listener's failure must not keep a revocation from the others.
      }
    }
  }

  onRevoked(listener: RevokedListener): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** API tokens (embed tokens are listed per tenant by `listEmbeds`). */
  async list(): Promise<StoredToken[]> {
    return (await this.store.listTokens()).filter((t) => !t.embed);
  }

  /** A tenant's client-embed tokens, expired ones included, oldest first. */
  async listEmbeds(tenant: string): Promise<(StoredToken & { embed: StoredEmbed })[]> {
    return (await this.store.listTokens()).filter((t): t is StoredToken & { embed: StoredEmbed } => t.embed?.tenant === tenant);
  }
}

export function toPrincipal(t: StoredToken): Principal {
  const p: Principal = {
    id: t.id,
    name: t.name,
    role: t.role as Role,
    tenants: t.tenants.includes('*') ? 'all' : new Set(t.tenants),
  };
  if (t.expiresAt !== undefined) p.expiresAt = t.expiresAt;
  // An embed token is read-only and of one tenant whatever else the record says.
  if (t.embed) {
    p.role = 'VIEWER';
    p.tenants = new Set([t.embed.tenant]);
    p.embed = { tenant: t.embed.tenant, queues: t.embed.queues ? new Set(t.embed.queues) : 'all' };
  }
  return p;
}
