/**
 * graphql-ws on the HTTP server's port and path (stack.md §2.2): a noServer WebSocketServer fed
 * from the 'upgrade' event, yoga's enveloped executors, and the caller from the connection
 * params (browsers cannot set headers on a WebSocket).
 *
 * A socket lives no longer than its token: sockets are kept by token id, and closed with 4403
 * the moment the token is revoked (on this instance or, through revocation.ts, another) or
 * expires. Every new operation resolves the token again, and every TOKEN_RECHECK_MS all open
 * sockets' tokens are re-checked, in case a revocation message was lost on the way.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, type ExecutionArgs } from 'graphql';
import { WebSocketServer, type WebSocket } from 'ws';
import { whenExpired } from '../auth/expiry.ts';
import type { Principal } from '../auth/principal.ts';
import { bearer, type TokenService } from '../auth/tokens.ts';
import type { Services } from '../graphql/context.ts';
import type { YogaServer } from '../graphql/yoga.ts';
import { pacedBy } from '../live/paced.ts';
import { SharedSubscriptions } from '../live/shared-subscriptions.ts';

/** The args onSubscribe returns carry yoga's enveloped executors (the yoga example's wiring), and the socket. */
type EnvelopedArgs = ExecutionArgs & { execute: (a: ExecutionArgs) => OperationResult; subscribe: (a: ExecutionArgs) => OperationResult; socket: WebSocket; subscriptionId: string };

/** Default of WS_MAX_BUFFERED_BYTES: above it, a socket's subscriptions stop pulling (and coalesce). */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** graphql-ws' Forbidden: the web app's link treats it as "this token is no good". */
export const TOKEN_CLOSE_CODE = 4403;
export const TOKEN_RECHECK_MS = 30_000;

interface Session {
  socket: WebSocket;
  secret: string;
  principal: Principal;
  cancelExpiry: () => void;
}

export function attachGraphQLWs(server: Server, opts: { yoga: YogaServer; tokens: TokenService; services: Services; recheckMs?: number; maxBufferedBytes?: number }) {
  const { tokens } = opts;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname !== opts.yoga.graphqlEndpoint) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);

  const sessions = new WeakMap<object, Session>();
  /** Open sessions by token id, so a revocation finds its sockets without a scan. */
  const byToken = new Map<string, Set<Session>>();

  const end = (s: Session, reason: string) => {
    forget(s);
    s.socket.close(TOKEN_CLOSE_CODE, reason);
  };
  const forget = (s: Session) => {
    s.cancelExpiry();
    const set = byToken.get(s.principal.id);
    if (!set?.delete(s)) return;
    if (set.size === 0) byToken.delete(s.principal.id);
  };

  const offRevoked = tokens.onRevoked((id) => {
    for (const s of [...(byToken.get(id) ?? [])]) end(s, 'token revoked');
  });

  /**
   * Closes the sockets whose token is gone or expired (a missed revocation message). One lookup
   * per token, not per socket: a wall of many screens, or an embed many viewers open, is one token.
   */
  async function recheck(): Promise<void> {
    await Promise.all(
      [...byToken.values()].map(async (set) => {
        const [first] = set;
        if (!first) return;
        const p = await tokens.resolve(first.secret).catch(() => first.principal); // store away: keep, retry next time
        if (!p) for (const s of [...set]) end(s, 'token revoked');
      }),
    );
  }
  const recheckTimer = setInterval(() => void recheck(), opts.recheckMs ?? TOKEN_RECHECK_MS);
  recheckTimer.unref();

  const shared = new SharedSubscriptions(opts.maxBufferedBytes ?? MAX_BUFFERED_BYTES);

  const disposable = useServer<Record<string, unknown> | undefined, { principal?: Principal }>(
    {
      execute: (args) => (args as unknown as EnvelopedArgs).execute(args),
      // A slow socket pulls no more results than it drains (live/paced.ts, live/coalesce.ts).
      subscribe: async (args) => {
        const a = args as unknown as EnvelopedArgs;
        // Identical wallboard subscriptions share one execution and serialisation (live/shared-subscriptions.ts).
        const joined = shared.join({
          args,
          principal: (a.contextValue as { principal: Principal }).principal,
          subscriptionId: a.subscriptionId,
          socket: a.socket,
          subscribe: () => a.subscribe(args),
        });
        if (joined) return joined;
        return pacedBy(await a.subscribe(args), a.socket, opts.maxBufferedBytes ?? MAX_BUFFERED_BYTES);
      },
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const secret = bearer(typeof raw === 'string' ? raw : null);
        const principal = await tokens.resolve(secret);
        if (!principal || !secret) return false; // closes with 4403 Forbidden
        const socket = ctx.extra.socket;
        const session: Session = { socket, secret, principal, cancelExpiry: () => {} };
        if (principal.expiresAt !== undefined) session.cancelExpiry = whenExpired(principal.expiresAt, tokens.clock, () => end(session, 'token expired'));
        sessions.set(socket, session);
        let set = byToken.get(principal.id);
        if (!set) byToken.set(principal.id, (set = new Set()));
        set.add(session);
        socket.once('close', () => forget(session));
        return true;
      },
      onSubscribe: async (ctx, subscriptionId, params) => {
        const session = sessions.get(ctx.extra.socket);
        // The token may have been revoked since the socket opened, and the message lost.
        const principal = session ? await tokens.resolve(session.secret) : null;
        if (!session || !principal) {
          if (session) setImmediate(() => end(session, 'token revoked'));
          return [new GraphQLError('the token was revoked or has expired', { extensions: { code: 'UNAUTHENTICATED' } })];
        }
        const { schema, execute, subscribe, contextFactory, parse, validate } = opts.yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
          principal,
          services: opts.services,
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          execute,
          subscribe,
          socket: ctx.extra.socket,
          subscriptionId,
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : (args as unknown as ExecutionArgs);
      },
    },
    wss,
  );

  return {
    wss,
    /** The shared subscriptions (their groups and members, for tests and diagnostics). */
    shared,
    recheck,
    async close() {
      offRevoked();
      clearInterval(recheckTimer);
      server.off('upgrade', onUpgrade);
      for (const set of byToken.values()) for (const s of set) s.cancelExpiry();
      byToken.clear();
      shared.closeAll();
      for (const client of wss.clients) client.terminate();
      await disposable.dispose();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
