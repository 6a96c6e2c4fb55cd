import { describe, expect, it } from 'vitest';
import { supersedes } from '../../web/src/lib/snapshots.ts';

describe('supersedes', () => {
  it('takes the first snapshot of a queue', () => {
    expect(supersedes({ asOf: '2026-11-23T09:00:00Z' }, undefined)).toBe(true);
  });

  it('takes newer or equal snapshots and ignores older ones (query and subscription race)', () => {
    const prev = { asOf: '2026-11-23T09:00:05.000Z' };
    expect(supersedes({ asOf: '2026-11-23T09:00:06Z' }, prev)).toBe(true);
    expect(supersedes({ asOf: '2026-11-23T09:00:05Z' }, prev)).toBe(true);
    expect(supersedes({ asOf: '2026-11-23T09:00:04.999Z' }, prev)).toBe(false);
  });

  it('compares instants, not strings, across offsets', () => {
    expect(supersedes({ asOf: '2026-11-23T10:00:06+01:00' }, { asOf: '2026-11-23T09:00:05Z' })).toBe(true);
    expect(supersedes({ asOf: '2026-11-23T10:00:04+01:00' }, { asOf: '2026-11-23T09:00:05Z' })).toBe(false);
  });

  it('takes the arrival when a time cannot be read', () => {
    expect(supersedes({ asOf: 'garbage' }, { asOf: '2026-11-23T09:00:05Z' })).toBe(true);
  });
});
