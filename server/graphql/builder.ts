import SchemaBuilder from '@pothos/core';
import type { GraphQLContext } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: GraphQLContext;
  Scalars: {
    /** Epoch milliseconds inside the server, ISO-8601 on the wire. */
    DateTime: { Input: number; Output: number | Date };
  };
  DefaultFieldNullability: false;
}>({
  // Fields are non-null unless they say otherwise: a null means "undefined", not "forgot".
  defaultFieldNullability: false,
});
