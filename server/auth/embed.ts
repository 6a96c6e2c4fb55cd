/**
 * Client embeds: a read-only dashboard of one client account that a BPO hands to its client
 * to put in an iframe of the client's own portal. Safe by construction:
 *
 * - the token is a VIEWER of exactly one tenant, optionally narrowed to some of its queues, and
 *   it expires (a year unless told otherwise); only its SHA-256 is stored, like API tokens;
 * - it may run only the read operations the embed page needs (server/auth/embed-guard.ts), so
 *   an operation added later is refused to it until someone decides otherwise;
 * - /api (ingest, imports, CSV reports) refuses it outright (server/http/app.ts);
 * - the page may be framed only by the tenant's `embedOrigins` (CSP frame-ancestors);
 * - revoking it closes its open subscriptions at once, on every instance (revocation.ts).
 */
import { z } from 'zod';

export const EMBED_VIEWS = ['QUEUES', 'TOTALS', 'CHART'] as const;
export type EmbedView = (typeof EMBED_VIEWS)[number];
export const DEFAULT_EMBED_VIEWS: readonly EmbedView[] = ['QUEUES', 'TOTALS'];

/** A year: long enough that a client's portal does not break every month, short enough that a
 * forgotten link dies by itself. */
export const DEFAULT_EMBED_TTL_SECONDS = 365 * 86_400;
export const MAX_EMBED_TTL_SECONDS = 2 * 365 * 86_400;

/** The client's colours and logo. Validated here and again by the page before use. */
export interface EmbedTheme {
  /** An https:// image URL (the page loads it with no referrer). */
  logoUrl?: string;
  /** Hex colours, #rgb or #rrggbb. */
  primary?: string;
  background?: string;
  text?: string;
}

/** What a stored token carries when it is a client embed. */
export interface StoredEmbed {
  tenant: string;
  /** null: every queue of the tenant, those created later included. */
  queues: string[] | null;
  views: EmbedView[];
  theme: EmbedTheme;
  /** Name of the principal that created it (shown to whoever may revoke it). */
  createdBy: string;
}

const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

const colour = (field: string) =>
  z
    .string()
    .regex(HEX_COLOUR, `${field} must be a hex colour such as #0a66c2`)
    .transform((c) => c.toLowerCase());

/** https only, no credentials, no fragments of markup: the page puts it in an <img src>. */
const logoUrl = z
  .string()
  .max(2048, 'logoUrl must be at most 2048 characters')
  .refine((s) => {
    try {
      const u = new URL(s);
      return u.protocol === 'https:' && !u.username && !u.password && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'logoUrl must be an https:// URL without credentials, such as https://client.example.com/logo.svg');

export const embedTheme = z
  .object({ logoUrl, primary: colour('primary'), background: colour('background'), text: colour('text') })
  .partial()
  .strict();

const QUEUE_ID = z.string().min(1, 'queue ids must not be empty').max(128, 'queue ids must be at most 128 characters');

/** The part of createEmbedToken's input that needs more than GraphQL's types to check. */
export const embedTokenOptions = z
  .object({
    name: z.string().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters').optional(),
    queues: z
      .array(QUEUE_ID)
      .min(1, 'leave queues out to show every queue of the tenant, or name at least one')
      .max(200, 'at most 200 queues')
      .transform((qs) => [...new Set(qs)].sort())
      .optional(),
    views: z
      .array(z.enum(EMBED_VIEWS))
      .min(1, 'name at least one view: QUEUES, TOTALS or CHART')
      .transform((vs) => EMBED_VIEWS.filter((v) => vs.includes(v)))
      .optional(),
    theme: embedTheme.optional(),
    ttlSeconds: z
      .number()
      .int('ttlSeconds must be whole seconds')
      .min(1, 'ttlSeconds must be at least 1')
      .max(MAX_EMBED_TTL_SECONDS, `ttlSeconds must be at most ${MAX_EMBED_TTL_SECONDS} (two years)`)
      .optional(),
  })
  .strict();

export type EmbedTokenOptions = z.output<typeof embedTokenOptions>;

/**
 * The page's address. The token rides in the fragment, never the query string: browsers do not
 * send fragments to the server, so it stays out of access logs, proxies and Referer headers
 * (QueueMetrics' wallboard URLs carry user and password in the query string); the page takes
 * it and erases it from its address bar.
 */
export function embedUrl(base: string, tenant: string, secret: string): string {
  return `${base.replace(/\/+$/, '')}/embed/${encodeURIComponent(tenant)}#token=${encodeURIComponent(secret)}`;
}

/** `/embed/<tenant>` (an optional trailing slash): the tenant, or null for any other path. */
export function embedPageTenant(path: string): string | null {
  const m = /^\/embed\/([A-Za-z0-9._-]{1,64})\/?$/.exec(path);
  return m ? m[1]! : null;
}

/**
 * The CSP a tenant's embed page is sent with: framed only by the tenant's allowed origins, and
 * by nobody when it has none. Origins were validated when they were saved (settings-schema.ts);
 * they are filtered again here because a header is no place for a surprise.
 */
export function embedFrameAncestors(origins: readonly string[] | undefined): string {
  const safe = (origins ?? []).filter((o) => /^https?:\/\/(?:\*\.)?[a-z0-9.-]+(?::\d{1,5})?$/.test(o));
  return `frame-ancestors ${safe.length ? safe.join(' ') : "'none'"}`;
}
