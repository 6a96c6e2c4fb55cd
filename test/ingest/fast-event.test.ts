/**
 * The ingest fast path (server/ingest/fast-event.ts) against the contract's schemas: it may only
 * accept what parseEvent accepts, with the same data; and it must take the events real sources
 * send, or it is no faster.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, parseEvent, type IngestEvent } from '../../schema/events.ts';
import { fastEvent } from '../../server/ingest/fast-event.ts';
import { createFloor } from '../../simulations/floor.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';

const START = Date.UTC(2026, 10, 16, 0);
const floorEvents: IngestEvent[] = createFloor(bpo, { seed: 5, startMs: START }).advance(START + 12 * 3_600_000);

/** One valid event of every type, with every optional field, in both time formats. */
const full: Record<string, unknown>[] = [
  { id: 'e1', type: 'contact.queued', at: '2026-11-23T09:00:00Z', tenant: 't', contact: 'c', queue: 'q', channel: 'voice', language: 'en', priority: 3 },
  { id: 'e2', type: 'contact.answered', at: 1_790_000_000_000, tenant: 't', contact: 'c', queue: 'q', agent: 'a' },
  { id: 'e3', type: 'contact.abandoned', at: '2026-11-23T09:00:00.123+01:00', tenant: 't', contact: 'c', queue: 'q' },
  { id: 'e4', type: 'contact.overflowed', at: '2026-11-23T09:00Z', tenant: 't', contact: 'c', queue: 'q', reason: 'timeout', toQueue: 'q2' },
  { id: 'e5', type: 'contact.transferred', at: '2026-11-23T09:00:00Z', tenant: 't', contact: 'c', queue: 'q', agent: 'a', toQueue: 'q2', toAgent: 'b', escalation: true },
  { id: 'e6', type: 'contact.ended', at: '2026-11-23T09:00:00Z', tenant: 't', contact: 'c', queue: 'q', agent: 'a', holdSeconds: 12.5 },
  { id: 'e7', type: 'contact.wrapped', at: '2026-11-23T09:00:00Z', tenant: 't', contact: 'c', queue: 'q', agent: 'a', extra: { any: 'thing' } },
  { id: 'e8', type: 'agent.state', at: '2026-11-23T09:00:00Z', tenant: 't', agent: 'a', state: 'away', reason: 'lunch', queues: ['q', 'q2'], capacity: { chat: 3, voice: 1 } },
  { id: 'e9', type: 'followup.created', at: '2026-11-23T09:00:00Z', tenant: 't', followup: 'f', kind: 'callback', contact: 'c', queue: 'q', dueAt: '2026-11-24T09:00:00Z', owner: 'o', priority: 1, note: 'call back' },
  { id: 'e10', type: 'followup.updated', at: '2026-11-23T09:00:00Z', tenant: 't', followup: 'f', status: 'done', owner: 'o', dueAt: 1_790_000_000_000, note: '' },
];

/** Values that break some rule somewhere. */
const tricky = fc.constantFrom<unknown>(
  undefined, null, '', 'x', 'x'.repeat(129), 'x'.repeat(4001), 'a\u0000b', 'A', 'Voice', 'voice', 'sms', 'a b', '{t}', 0, -1, 1.5, 1000, 1001, 86_400, 86_401,
  Date.UTC(1999, 0, 1), 1_790_000_000_000, 1_790_000_000_000.5, true, false, [], ['q'], [''], {}, { chat: 101 }, { Chat: 1 }, { chat: 1.5 },
  '2026-02-30T00:00:00Z', '2024-02-29T00:00:00Z', '2100-02-29T00:00:00Z', '2000-02-29T00:00:00Z', '0000-02-29T00:00:00Z', '0004-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-11-23T24:00:00Z', '2026-11-23T09:00:00', '2026-11-23', '2026-13-01T00:00:00Z', '2026-11-23T09:00:00+0100', 'timeout', 'away', 'callback', 'done',
  'contact.queued', 'agent.state', 'followup.created',
);

const seen = { fast: 0, refused: 0 };
const same = (value: unknown) => {
  const accepted = fastEvent(value);
  if (accepted === null) {
    if (!parseEvent(value, 0).ok) seen.refused++;
    return;
  }
  seen.fast++;
  const r = parseEvent(value, 0);
  expect(r.ok, `fast path accepted what the schema refuses: ${JSON.stringify(value)} → ${JSON.stringify(r.ok ? null : r.errors)}`).toBe(true);
  if (r.ok) expect(accepted).toEqual(r.event);
};

describe('ingest fast path', () => {
  it('takes every event of a simulated floor, as the schema would', () => {
    const types = new Set(floorEvents.map((e) => e.type));
    expect(types.size).toBeGreaterThanOrEqual(8);
    for (const e of floorEvents) {
      const decoded = JSON.parse(JSON.stringify(e));
      expect(fastEvent(decoded), JSON.stringify(e)).not.toBeNull();
      same(decoded);
    }
  });

  it('takes a full event of every type', () => {
    expect(full.map((e) => e.type).sort()).toEqual([...EVENT_TYPES].sort());
    for (const e of full) {
      expect(fastEvent(e), JSON.stringify(e)).not.toBeNull();
      same(e);
    }
  });

  it('accepts nothing the schema refuses: any field of any event replaced by anything', () => {
    const keys = [...new Set(full.flatMap((e) => Object.keys(e)))];
    fc.assert(
      fc.property(fc.constantFrom(...full), fc.array(fc.record({ key: fc.constantFrom(...keys, 'other'), value: fc.oneof(tricky, fc.jsonValue()) }), { minLength: 1, maxLength: 3 }), (base, edits) => {
        const e: Record<string, unknown> = { ...base };
        for (const { key, value } of edits) {
          if (value === undefined) delete e[key];
          else e[key] = value;
        }
        same(JSON.parse(JSON.stringify(e)));
      }),
      { numRuns: 5000 },
    );
    // Both sides exercised: mutations the fast path took, and ones the schema refused.
    expect(seen.fast).toBeGreaterThan(500);
    expect(seen.refused).toBeGreaterThan(500);
  });

  it('takes every shape of ISO time the contract allows', () => {
    const times = ['2026-11-23T09:00Z', '2026-11-23T09:00:00Z', '2026-11-23T09:00:00.1Z', '2026-11-23T09:00:00.123456789-23:59', '2026-11-23T23:59:59+0000', '0100-01-01T00:00-00:00', '9999-12-31T23:59:59.999Z', '2024-02-29T00:00:00Z', '2000-02-29T12:30+05:30'];
    for (const at of times) {
      for (const e of [{ ...full[0]!, at }, { ...full[8]!, dueAt: at }]) {
        expect(fastEvent(e), at).not.toBeNull();
        same(e);
      }
    }
  });

  it('accepts no time the schema refuses: ISO-like strings with any digits, cut or garbled', () => {
    // Digits mostly in range, so that both sides are exercised; any pair 00-99 otherwise.
    const two = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 12 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 31 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 99 }), weight: 1 }).map((n) => String(n).padStart(2, '0'));
    const offset = fc.oneof(
      fc.constantFrom('Z', 'Z', 'Z', 'z', '', '+', '-00', '+00:0', 'Z '),
      fc.tuple(fc.constantFrom('+', '-'), two, fc.constantFrom(':', ''), two).map((p) => p.join('')),
    );
    const iso = fc
      .tuple(
        fc.constantFrom('2026', '2024', '2100', '2000', '1999', '0100', '0099', '0004', '0000', '9999', '202', '2026x'),
        two, two, two, two,
        fc.option(two, { nil: '' }).map((s) => (s === '' ? '' : `:${s}`)),
        fc.option(fc.stringMatching(/^[0-9]{0,11}$/), { nil: '' }).map((s) => (s === '' ? '' : `.${s}`)),
        offset,
      )
      .map(([y, mo, d, h, mi, sec, frac, off]) => `${y}-${mo}-${d}T${h}:${mi}${sec}${frac}${off}`);
    const garbled = fc
      .tuple(iso, fc.nat(), fc.constantFrom('0', '9', ':', '-', '+', '.', 'T', 'Z', ' ', '', '\u0660'))
      .map(([s, i, c]) => s.slice(0, i % (s.length + 1)) + c + s.slice((i % (s.length + 1)) + 1));
    const counts = { fast: 0, slow: 0 };
    fc.assert(
      fc.property(fc.oneof(iso, garbled), (at) => {
        for (const e of [{ ...full[0]!, at }, { ...full[8]!, dueAt: at }]) {
          if (fastEvent(e)) counts.fast++;
          else counts.slow++;
          same(e);
        }
      }),
      { numRuns: 20_000 },
    );
    expect(counts.fast).toBeGreaterThan(1000);
    expect(counts.slow).toBeGreaterThan(2000);
  });

  it('accepts nothing the schema refuses: arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => same(v)), { numRuns: 2000 });
  });
});
