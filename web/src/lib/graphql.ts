/**
 * The one GraphQL client of the web app: queries over HTTP POST and subscriptions over
 * graphql-ws, both on /graphql of the page's own origin and both carrying the bearer token.
 */
import { createClient, type Client, type ClientOptions } from 'graphql-ws';

export const GRAPHQL_PATH = '/graphql';

/** graphql-ws close code the server uses for a token it refuses. */
export const FORBIDDEN_CLOSE_CODE = 4403;

/** The server refused the token (HTTP 401, or a GraphQL UNAUTHENTICATED error). Being denied one
 * tenant or field is not this: the token is still good for what it may see. */
export class AuthError extends Error {
  override name = 'AuthError';
}

/** The server answered but refused or failed the operation; the message is the server's. */
export class GraphQLRequestError extends Error {
  override name = 'GraphQLRequestError';
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Runs a query over HTTP. Throws AuthError when the token is refused, GraphQLRequestError with the
 * server's messages when it answers with errors (partial data counts: the caller can't tell what
 * is missing), and fetch's own error when the server can't be reached.
 */
export async function query<T>(
  document: string,
  variables: Record<string, unknown>,
  token: string,
  signal?: AbortSignal,
): Promise<T> {
  const res = await fetch(GRAPHQL_PATH, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query: document, variables }),
    signal: signal ?? null,
  });
  if (res.status === 401) throw new AuthError('token refused (HTTP 401)');
  const body = (await res.json().catch(() => null)) as GraphQLResponse<T> | null;
  if (body?.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    throw new AuthError(body.errors[0]?.message ?? 'token refused');
  }
  if (!res.ok || !body?.data || body.errors?.length) {
    throw new GraphQLRequestError(
      body?.errors?.map((e) => e.message).join('; ') || `GraphQL request failed (HTTP ${res.status})`,
    );
  }
  return body.data;
}

/** Backoff between reconnect attempts: 1 s doubling to a 30 s cap, plus up to 1 s of jitter so
 * a room of TVs coming back from a server restart doesn't reconnect in lockstep. */
export function retryDelayMs(retries: number, random: () => number = Math.random): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, retries)) + Math.floor(random() * 1000);
}

/** A readable message from whatever a graphql-ws sink's `error` receives: GraphQL errors, an
 * Error, or a CloseEvent. */
export function errorMessage(err: unknown): string {
  if (Array.isArray(err)) return err.map((e: { message?: unknown }) => String(e?.message ?? e)).join('; ');
  if (err instanceof Error) return err.message;
  const close = err as { code?: unknown; reason?: unknown } | null;
  if (close && typeof close.code === 'number') return `connection closed (${close.code}${close.reason ? `: ${String(close.reason)}` : ''})`;
  return String(err);
}

export function wsUrl(loc: Pick<Location, 'protocol' | 'host'>): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}${GRAPHQL_PATH}`;
}

/**
 * A graphql-ws client for a screen that must stay up for weeks: it never gives up
 * reconnecting, and pings every 10 s so a dead link shows as stale within 30 s.
 * The token is read on every (re)connect, so a replaced token is used on the next attempt.
 */
export function createLiveClient(token: () => string, on: ClientOptions['on']): Client {
  return createClient({
    url: wsUrl(window.location),
    connectionParams: () => ({ authorization: `Bearer ${token()}` }),
    shouldRetry: () => true,
    retryAttempts: Infinity,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
    keepAlive: 10_000,
    on,
  });
}
