import { describe, expect, it } from 'vitest';
import { isForbidden, ruleInput } from '../../web/src/lib/alert-actions.ts';
import { GraphQLRequestError } from '../../web/src/lib/graphql.ts';
import type { AlertRule } from '../../web/src/lib/types.ts';

describe('ruleInput', () => {
  it('sends every field of the rule back with only `enabled` changed, so an upsert resets nothing', () => {
    const rule: AlertRule = {
      id: 'default:sl:billing', tenant: 'acme', queue: 'billing', metric: 'SERVICE_LEVEL', comparator: 'BELOW', threshold: 0.8,
      clearThreshold: 0.82, windowMinutes: 30, forSeconds: 60, severity: 'WARNING', enabled: true, isDefault: true,
    };
    const { isDefault: _derived, ...fields } = rule;
    expect(ruleInput(rule, false)).toEqual({ ...fields, enabled: false });
  });
});

describe('isForbidden', () => {
  it("recognises the server's role refusals, and nothing else", () => {
    expect(isForbidden(new GraphQLRequestError('not allowed to acknowledge alerts of tenant "acme"'))).toBe(true);
    expect(isForbidden(new GraphQLRequestError('not allowed to change the settings of tenant "acme"'))).toBe(true);
    expect(isForbidden(new GraphQLRequestError('this operation needs an ADMIN token'))).toBe(true);
    expect(isForbidden(new GraphQLRequestError('id: no current alert acme:1 (resolved alerts cannot be acknowledged)'))).toBe(false);
    expect(isForbidden(new Error('not allowed to acknowledge alerts'))).toBe(false);
  });
});
