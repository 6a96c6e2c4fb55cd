import { GraphQLError, Kind } from 'graphql';
import { builder } from '../builder.ts';

function parseDateTime(value: unknown): number {
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (!Number.isNaN(ms) && /\d{4}-\d{2}-\d{2}T/.test(value)) return ms;
  }
  throw new GraphQLError(`DateTime must be an ISO-8601 string such as 2026-11-23T09:00:00Z, got ${JSON.stringify(value)}`);
}

export const DateTime = builder.scalarType('DateTime', {
  description: 'An instant, as an ISO-8601 string with offset (UTC on output).',
  serialize: (v) => new Date(v instanceof Date ? v.getTime() : v).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
