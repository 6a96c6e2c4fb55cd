/**
 * The GraphQL side of client embeds and token lifetimes, as one yoga plugin (it sees HTTP, SSE
 * and graphql-ws alike, since ws.ts runs yoga's enveloped executors):
 *
 * 1. An embed token may run only the read operations the embed page needs. An allowlist rather
 *    than a denylist: a query added to the schema later (alerts, follow-ups, forecasts, …) is
 *    refused to embeds until someone adds it here on purpose. Mutations are refused whole.
 *    Queue narrowing inside the allowed operations is enforced by their resolvers
 *    (canReadQueue in principal.ts): lists are filtered, a named queue outside the set refused.
 * 2. A subscription ends when its token is revoked or expires, with a last UNAUTHENTICATED
 *    error, so an SSE stream stops at once (graphql-ws sockets are also closed, by ws.ts).
 */
import { getOperationAST, GraphQLError, Kind, type DocumentNode, type ExecutionResult, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import { Repeater, type Plugin } from 'graphql-yoga';
import type { GraphQLContext } from '../graphql/context.ts';
import { whenExpired } from './expiry.ts';
import type { Principal } from './principal.ts';
import type { TokenService } from './tokens.ts';

/** Root fields an embed token may select, by operation type. */
export const EMBED_OPERATIONS = {
  query: new Set(['queues', 'queue', 'tenantTotals', 'intervals', 'tenants', 'me', 'embedSession', '__typename']),
  subscription: new Set(['queueUpdated']),
  mutation: new Set<string>(),
} as const;

/** Root field names an operation selects, through fragments; skip/include are not evaluated, so a
 * field that might run counts. Null when the document has no such operation (execution says so). */
export function rootFields(document: DocumentNode, operationName: string | null | undefined): { type: 'query' | 'mutation' | 'subscription'; fields: string[] } | null {
  const op = getOperationAST(document, operationName ?? undefined);
  if (!op) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fields = new Set<string>();
  const visited = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) fields.add(sel.name.value);
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else if (!visited.has(sel.name.value)) {
        visited.add(sel.name.value);
        const f = fragments.get(sel.name.value);
        if (f) walk(f.selectionSet);
      }
    }
  };
  walk(op.selectionSet);
  return { type: op.operation, fields: [...fields] };
}

/** Why an embed principal may not run this operation, or null when it may (or is no embed). */
export function embedRefusal(principal: Principal | undefined, document: DocumentNode, operationName: string | null | undefined): GraphQLError | null {
  if (!principal?.embed) return null;
  const op = rootFields(document, operationName);
  if (!op) return null;
  const allowed = EMBED_OPERATIONS[op.type];
  const refused = op.fields.filter((f) => !allowed.has(f));
  if (op.type === 'mutation' || refused.length) {
    const what = op.type === 'mutation' ? 'mutations' : refused.map((f) => `"${f}"`).join(', ');
    return new GraphQLError(`an embed token reads its tenant's live queues only; it may not run ${what}`, {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
  return null;
}

const ENDED: Record<'revoked' | 'expired', ExecutionResult> = {
  revoked: { errors: [new GraphQLError('the token was revoked', { extensions: { code: 'UNAUTHENTICATED' } })] },
  expired: { errors: [new GraphQLError('the token has expired', { extensions: { code: 'UNAUTHENTICATED' } })] },
};

function isAsyncIterable<T>(x: unknown): x is AsyncIterable<T> {
  return x != null && typeof (x as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}

/** The source's results until the principal's token is revoked or expires, then one last error. */
export function untilTokenEnds(source: AsyncIterable<ExecutionResult>, principal: Principal, tokens: TokenService): AsyncIterable<ExecutionResult> {
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const it = source[Symbol.asyncIterator]();
    const end = (why: 'revoked' | 'expired') => {
      void push(ENDED[why]);
      stop();
    };
    const offRevoked = tokens.onRevoked((id) => id === principal.id && end('revoked'));
    const cancelExpiry = principal.expiresAt === undefined ? () => {} : whenExpired(principal.expiresAt, tokens.clock, () => end('expired'));
    const stopped = stop.then(() => ({ done: true, value: undefined }) as const);
    try {
      for (;;) {
        const r = await Promise.race([it.next(), stopped]);
        if (r.done) break;
        await push(r.value);
      }
    } catch (err) {
      stop(err);
    } finally {
      offRevoked();
      cancelExpiry();
      stop();
      // Not awaited: a generator waiting for its next value finishes returning only when that
      // value comes, and nothing here needs to wait for it.
      void Promise.resolve(it.return?.()).catch(() => {});
    }
  });
}

export function useTokenGuard(): Plugin<GraphQLContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refusal = embedRefusal((args.contextValue as Partial<GraphQLContext>).principal, args.document, args.operationName);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as Partial<GraphQLContext>;
      const refusal = embedRefusal(ctx.principal, args.document, args.operationName);
      if (refusal) return setResultAndStopExecution({ errors: [refusal] });
      const principal = ctx.principal;
      const tokens = ctx.services?.tokens;
      // The environment's admin token is never revoked; everything else may be.
      if (!principal || !tokens || principal.id === 'admin') return;
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable<ExecutionResult>(result)) setResult(untilTokenEnds(result, principal, tokens) as AsyncIterableIterator<ExecutionResult>);
        },
      };
    },
  };
}
