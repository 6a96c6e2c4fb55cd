/** The lenient JSON reader: comments, trailing commas, value streams, and errors that point. */
import { describe, expect, it } from 'vitest';
import { readJsonValues } from '../../server/ingest/adapters/jsonc.ts';
import { connectSample, repairedAgentSample } from './samples.ts';

describe('readJsonValues', () => {
  it('reads one value, an array, NDJSON, and pretty-printed objects back to back', () => {
    expect(readJsonValues('{"a":1}')).toEqual({ ok: true, values: [{ a: 1 }] });
    expect(readJsonValues('[{"a":1},{"b":2}]')).toEqual({ ok: true, values: [[{ a: 1 }, { b: 2 }]] });
    expect(readJsonValues('{"a":1}\n{"b":2}\n')).toEqual({ ok: true, values: [{ a: 1 }, { b: 2 }] });
    expect(readJsonValues('{\n  "a": 1\n}\n\n{\n  "b": [true, false, null, -1.5e3, "x\\"y\\u00e9"]\n}')).toEqual({
      ok: true,
      values: [{ a: 1 }, { b: [true, false, null, -1500, 'x"yé'] }],
    });
    expect(readJsonValues('\ufeff // nothing but a comment\n')).toEqual({ ok: true, values: [] });
  });

  it('skips // and /* */ comments and trailing commas, outside strings only', () => {
    const r = readJsonValues('{ "url": "http://x//y", /* block */ "list": [1, 2, ], // line\n "o": {"k": "v",}, }');
    expect(r).toEqual({ ok: true, values: [{ url: 'http://x//y', list: [1, 2], o: { k: 'v' } }] });
  });

  it('keeps "__proto__" as a key, never as the prototype', () => {
    const r = readJsonValues('{"__proto__": {"polluted": true}}');
    expect(r.ok).toBe(true);
    const v = (r as { values: Record<string, unknown>[] }).values[0]!;
    expect(Object.keys(v)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });

  it('names line and column of what is wrong', () => {
    expect(readJsonValues('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ ok: false, line: 3, column: 3, message: expect.stringContaining('expected "," or "}"') });
    expect(readJsonValues('{"a": tru}')).toMatchObject({ ok: false, line: 1, column: 7 });
    expect(readJsonValues('{"a": "open\n"}')).toMatchObject({ ok: false, line: 1, message: 'unterminated string' });
    expect(readJsonValues('/* never closed')).toMatchObject({ ok: false, message: 'unclosed /* comment' });
    expect(readJsonValues('[1, 2')).toMatchObject({ ok: false, message: expect.stringContaining('the end of the text') });
    expect(readJsonValues('['.repeat(100))).toMatchObject({ ok: false, message: expect.stringContaining('nested deeper') });
  });

  it('reads the Amazon Connect contact samples (comments, a trailing comma, two objects)', () => {
    const r = readJsonValues(connectSample('contact_event_samples.jsonc'));
    expect(r.ok && r.values.length).toBe(2);
  });

  it('points at the agent sample as AWS published it: an object closed one brace too early', () => {
    const r = readJsonValues(connectSample('agent_event_sample.jsonc'));
    expect(r).toMatchObject({ ok: false, line: 68, message: expect.stringContaining('closed too soon at line 67') });
    expect(readJsonValues(repairedAgentSample()).ok).toBe(true);
  });
});
