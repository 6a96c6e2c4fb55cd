/** Abuse of the GraphQL endpoint bounces with clear errors; framing is refused everywhere. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../helpers/app.ts';

describe('GraphQL limits and security headers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp({ config: { production: true } });
  });
  afterAll(() => app.close());

  it('refuses too many aliases and oversized documents', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `q${i}: tenants { id }`).join(' ');
    const r = await app.graphql(`{ ${aliases} }`);
    expect(r.errors?.[0]?.message).toMatch(/alias/i);
    const huge = `{ ${Array.from({ length: 1200 }, () => 'tenants { id name timeZone }').join(' ')} }`;
    const h = await app.graphql(huge);
    expect(h.errors?.[0]?.message).toMatch(/token|alias|cost/i);
    // A normal wallboard query passes.
    expect((await app.graphql('{ queues { id today { offered serviceLevel } agents { available } } }')).errors).toBeUndefined();
  });

  it('lets only ADMIN tokens introspect in production', async () => {
    const q = '{ __schema { queryType { name } } }';
    expect((await app.graphql(q)).data.__schema.queryType.name).toBe('Query');
    const viewer = (await app.graphql(`mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }`, { i: { name: 'v', role: 'VIEWER', tenants: ['x'] } })).data.createApiToken.token;
    const r = await app.graphql(q, {}, viewer);
    expect(r.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('sends security headers and refuses framing', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
