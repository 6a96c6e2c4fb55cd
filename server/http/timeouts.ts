/**
 * Requests that take too long are cut with a clear status instead of holding a connection (and
 * its memory) for ever (issue 9):
 *
 * - a client that sends its headers or body too slowly (a slow upload, or a slowloris holding
 *   sockets open a byte at a time) gets Node's `408 Request Timeout` and the socket is closed;
 * - a GraphQL query that has not answered in time gets `504` with a TIMEOUT error. Work already
 *   started (a slow store, a solver in its worker) runs on, but the caller is answered and the
 *   connection freed. Mutations are not cut: an act half-reported is worse than a slow answer.
 *   Subscriptions are not cut: they are meant to stay open.
 *
 * Neither applies once a request is in: SSE streams and graphql-ws sockets stay open.
 */
import type { ServerOptions } from 'node:http';
import { getOperationAST, GraphQLError, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** Headers must arrive well before the whole request: a legitimate client sends them at once. */
const MAX_HEADERS_TIMEOUT_MS = 15_000;

/** Node's own limits on receiving a request, and how often it checks them (default every 30 s). */
export function requestTimeouts(requestTimeoutMs: number): Pick<ServerOptions, 'requestTimeout' | 'headersTimeout' | 'connectionsCheckingInterval'> {
  return {
    requestTimeout: requestTimeoutMs,
    headersTimeout: Math.min(requestTimeoutMs, MAX_HEADERS_TIMEOUT_MS),
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(requestTimeoutMs / 4))),
  };
}

/** The error a handler reading the body gets when the client went away or the request timeout cut it. */
export function isClientAbort(err: unknown): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === 'ECONNRESET' && err.message === 'aborted';
}

export function queryTimeoutError(ms: number): GraphQLError {
  return new GraphQLError(`the query did not finish within ${ms} ms and was cut; ask for less (a shorter range, fewer queues) or retry later`, {
    extensions: { code: 'TIMEOUT', http: { status: 504 } },
  });
}

/** An envelop plugin: a query whose execution outlasts `ms` is answered with a TIMEOUT error (HTTP 504). */
export function useQueryTimeout(ms: number): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== 'query') return;
      setExecuteFn(async (a) => {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<ExecutionResult>((resolve) => {
          timer = setTimeout(() => resolve({ errors: [queryTimeoutError(ms)] }), ms);
        });
        try {
          return await Promise.race([executeFn(a) as Promise<ExecutionResult>, timedOut]);
        } finally {
          clearTimeout(timer);
        }
      });
    },
  };
}
