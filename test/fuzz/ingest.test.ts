/**
 * Ingest fuzzing: random and mutated events and batches. Whatever the contract refuses gets a
 * clear 4xx and changes nothing; the server stays alive; nothing ever answers 5xx.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEvent } from '../../schema/events.ts';
import { startApp, uniqueTenant, type TestApp } from '../helpers/app.ts';
import { lifecycle } from '../helpers/events.ts';

describe('ingest under fuzzing', () => {
  let app: TestApp;
  let tenant: string;
  beforeAll(async () => {
    app = await startApp({ config: { maxBodyBytes: 1024 * 1024 } });
    tenant = uniqueTenant();
  });
  afterAll(() => app.close());

  const post = (body: BodyInit, type = 'application/json') =>
    fetch(`${app.url}/api/events`, { method: 'POST', headers: { authorization: `Bearer ${app.token}`, 'content-type': type }, body });
  const stored = async () => (await app.server.store.tenants()).includes(tenant) ? (await app.graphql(`query($t: ID) { queues(tenant: $t) { today { offered } } }`, { t: tenant })).data.queues : [];

  const valid = () => lifecycle({ tenant, queue: 'q', contact: `c${Math.random()}`, queuedAt: Date.now() })[0]!;
  /** A valid event with one field replaced by anything at all. */
  const mutated = fc.record({
    field: fc.constantFrom('id', 'type', 'at', 'tenant', 'contact', 'queue', 'channel', 'extra'),
    value: fc.oneof(fc.jsonValue(), fc.string({ unit: 'binary' }), fc.constant('\u0000'), fc.constant('x'.repeat(200)), fc.double()),
  });

  it('answers 400 to every batch the contract refuses, and stores none of it', async () => {
    const before = await stored();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.jsonValue(), mutated.map((m) => ({ ...valid(), [m.field]: m.value }))), { minLength: 1, maxLength: 5 }), async (batch) => {
        const refused = batch.some((v, i) => !parseEvent(JSON.parse(JSON.stringify(v)), i).ok);
        fc.pre(refused);
        const res = await post(JSON.stringify(batch));
        expect(res.status).toBe(400);
        const body = await res.json();
        expect(body.errors.length).toBeGreaterThan(0);
        for (const e of body.errors) expect(e).toEqual({ index: expect.any(Number), path: expect.any(String), message: expect.any(String) });
      }),
      { numRuns: 150 },
    );
    await app.settled();
    expect(await stored()).toEqual(before);
  });

  it('survives deep nesting, NUL bytes, invalid UTF-8, a 10 MB line and garbage content types', async () => {
    const deep = `${'['.repeat(100_000)}${JSON.stringify(valid())}${']'.repeat(100_000)}`;
    const cases: [BodyInit, string, number[]][] = [
      [deep, 'application/json', [400]],
      [JSON.stringify({ ...valid(), contact: 'a\u0000b' }), 'application/json', [400]],
      [new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'application/json', [400]],
      [`${'{"x":"'}${'a'.repeat(10 * 1024 * 1024)}"}`, 'application/x-ndjson', [413]],
      ['\u0000\u0000\u0000', 'application/x-ndjson', [400]],
      ['<xml/>', 'application/xml', [415]],
      ['', 'application/json', [400]],
    ];
    for (const [body, type, expected] of cases) {
      const res = await post(body, type);
      expect(expected).toContain(res.status);
      await res.body?.cancel();
    }
    // Alive, and still taking good events.
    const ok = await post(JSON.stringify([valid()]));
    expect(ok.status).toBe(202);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
