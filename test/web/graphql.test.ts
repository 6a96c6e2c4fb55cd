import { describe, expect, it } from 'vitest';
import { errorMessage, retryDelayMs, wsUrl } from '../../web/src/lib/graphql.ts';

describe('retryDelayMs', () => {
  it('doubles from 1 s and caps at 30 s, plus under 1 s of jitter', () => {
    const noJitter = () => 0;
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((n) => retryDelayMs(n, noJitter))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(retryDelayMs(0, () => 0.999)).toBe(1999);
    expect(retryDelayMs(1e6, () => 0.999)).toBe(30_999);
  });
});

describe('wsUrl', () => {
  it('follows the page: ws on http, wss on https, same host and port', () => {
    expect(wsUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/graphql');
    expect(wsUrl({ protocol: 'https:', host: 'board.example.com' })).toBe('wss://board.example.com/graphql');
  });
});

describe('errorMessage', () => {
  it('reads GraphQL errors, Errors and close events', () => {
    expect(errorMessage([{ message: 'not allowed: tenant globex' }, { message: 'second' }])).toBe(
      'not allowed: tenant globex; second',
    );
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage({ code: 4500, reason: 'Internal' })).toBe('connection closed (4500: Internal)');
    expect(errorMessage({ code: 1006, reason: '' })).toBe('connection closed (1006)');
  });
});
