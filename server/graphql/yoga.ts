/** graphql-yoga over the Pothos schema. The server context carries the caller and the services. */
import { createYoga } from 'graphql-yoga';
import type { GraphQLContext } from './context.ts';
import { schema } from './schema/index.ts';

export function createYogaServer(opts: { graphiql: boolean }) {
  return createYoga<GraphQLContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: opts.graphiql ? { title: 'Floorboard GraphQL' } : false,
    // GraphQLErrors thrown on purpose (forbidden, bad input) pass; anything else is masked.
    maskedErrors: true,
    logging: false,
  });
}

export type YogaServer = ReturnType<typeof createYogaServer>;
