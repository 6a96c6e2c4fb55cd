/** graphql-yoga over the Pothos schema. The server context carries the caller and the services. */
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga } from 'graphql-yoga';
import { useTokenGuard } from '../auth/embed-guard.ts';
import { useQueryTimeout } from '../http/timeouts.ts';
import type { GraphQLContext } from './context.ts';
import { schema } from './schema/index.ts';

/** Limits a legitimate screen never reaches and an abusive query does (issue 9). */
export const QUERY_LIMITS = { maxDepth: 12, maxAliases: 30, maxTokens: 3000, maxDirectives: 50, maxCost: 20_000 };

export function createYogaServer(opts: { graphiql: boolean; introspectionForAll: boolean; queryTimeoutMs?: number }) {
  return createYoga<GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: opts.graphiql ? { title: 'Floorboard GraphQL' } : false,
    // GraphQLErrors thrown on purpose (forbidden, bad input) pass; anything else is masked.
    maskedErrors: true,
    logging: false,
    // Request batching stays off (yoga's default): one operation per request.
    plugins: [
      // Embed tokens run only the embed's reads; subscriptions end when their token is revoked.
      useTokenGuard(),
      EnvelopArmorPlugin({
        maxDepth: { n: QUERY_LIMITS.maxDepth },
        maxAliases: { n: QUERY_LIMITS.maxAliases },
        maxTokens: { n: QUERY_LIMITS.maxTokens },
        maxDirectives: { n: QUERY_LIMITS.maxDirectives },
        costLimit: { maxCost: QUERY_LIMITS.maxCost },
        // Field suggestions would tell a stranger the schema that introspection hides.
        blockFieldSuggestion: { enabled: !opts.introspectionForAll },
      }),
      // In production only ADMIN tokens may introspect the schema.
      useDisableIntrospection({
        isDisabled: (_request, context) => !opts.introspectionForAll && (context as Partial<GraphQLContext>).principal?.role !== 'ADMIN',
      }),
      // A query that outlasts this is answered 504 TIMEOUT (server/http/timeouts.ts).
      ...(opts.queryTimeoutMs ? [useQueryTimeout(opts.queryTimeoutMs)] : []),
    ],
  });
}

export type YogaServer = ReturnType<typeof createYoga<GraphQLContext>>;
