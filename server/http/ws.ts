/**
 * graphql-ws on the HTTP server's port and path (stack.md §2.2): a noServer WebSocketServer fed
 * from the 'upgrade' event, yoga's enveloped executors, and the caller from the connection
 * params (browsers cannot set headers on a WebSocket).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { ExecutionArgs } from 'graphql';
import { WebSocketServer } from 'ws';
import type { Principal } from '../auth/principal.ts';
import { bearer, type TokenService } from '../auth/tokens.ts';
import type { Services } from '../graphql/context.ts';
import type { YogaServer } from '../graphql/yoga.ts';

/** The args onSubscribe returns carry yoga's enveloped executors (the yoga example's wiring). */
type EnvelopedArgs = ExecutionArgs & { execute: (a: ExecutionArgs) => OperationResult; subscribe: (a: ExecutionArgs) => OperationResult };

export function attachGraphQLWs(server: Server, opts: { yoga: YogaServer; tokens: TokenService; services: Services }) {
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

  const principals = new WeakMap<object, Principal>();

  const disposable = useServer<Record<string, unknown> | undefined, { principal?: Principal }>(
    {
      execute: (args) => (args as unknown as EnvelopedArgs).execute(args),
      subscribe: (args) => (args as unknown as EnvelopedArgs).subscribe(args),
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        const principal = await opts.tokens.resolve(bearer(typeof raw === 'string' ? raw : null));
        if (!principal) return false; // closes with 4403 Forbidden
        principals.set(ctx.extra.socket, principal);
        return true;
      },
      onSubscribe: async (ctx, _id, params) => {
        const principal = principals.get(ctx.extra.socket)!;
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
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : (args as unknown as ExecutionArgs);
      },
    },
    wss,
  );

  return {
    wss,
    async close() {
      server.off('upgrade', onUpgrade);
      for (const client of wss.clients) client.terminate();
      await disposable.dispose();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}
