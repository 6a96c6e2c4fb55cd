import { describe, expect, it, vi } from 'vitest';
import {
  actionsFor,
  canWriteFollowUps,
  compareFollowUps,
  countdownAt,
  countdownText,
  DEFAULT_FILTER,
  dueInputToIso,
  filterSearch,
  filterVariables,
  followUpLabel,
  isFilterDefault,
  matchesFilter,
  parseFilter,
  sortFollowUps,
  spanWords,
  sumFollowUps,
  tileParts,
  tileWords,
} from '../../web/src/lib/followup-view.ts';
import type { FollowUp } from '../../web/src/lib/types.ts';

// i18n.ts picks its language from `window` as it loads: give it one before importing it.
vi.stubGlobal('window', { localStorage: { getItem: () => null, setItem: () => {} }, navigator: { language: 'en-GB' } });
const { MESSAGES } = await import('../../web/src/lib/i18n.ts');
const EN = MESSAGES.en;
const ES = MESSAGES.es;

const fu = (over: Partial<FollowUp> = {}): FollowUp => ({
  id: 'f1', tenant: 't', kind: 'CALLBACK', status: 'OPEN', owner: null, queue: 'billing', contact: 'c-1', priority: null, note: null,
  createdAt: '2026-11-23T09:00:00.000Z', dueAt: '2026-11-23T10:00:00.000Z', dueInSeconds: 600, businessSecondsLeft: null,
  overdue: false, dueSoon: true, metOnTime: null, paused: false, ...over,
});

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T09:50:00.000Z');

describe('spanWords', () => {
  it('says a span in the fewest words, rounded down', () => {
    expect([0, 0.9, 45, 59.99].map((s) => spanWords(s, EN))).toEqual(['0 s', '0 s', '45 s', '59 s']);
    expect([60, 119, 12 * 60 + 30, 59 * 60 + 59].map((s) => spanWords(s, EN))).toEqual(['1 min', '1 min', '12 min', '59 min']);
    expect([3600, 3600 + 5 * 60 + 40, 23 * 3600 + 59 * 60].map((s) => spanWords(s, EN))).toEqual(['1 h', '1 h 5 min', '23 h 59 min']);
    expect([86_400, 86_400 + 3 * 3600 + 59 * 60, 9 * 86_400].map((s) => spanWords(s, EN))).toEqual(['1 d', '1 d 3 h', '9 d']);
    expect(spanWords(-5, EN)).toBe('0 s');
  });
});

describe('countdownAt and countdownText', () => {
  it('counts a running clock down from when the follow-up arrived, not from its dueAt (a skewed clock counts right)', () => {
    const f = fu({ dueInSeconds: 12 * 60 + 30 });
    expect(countdownAt(f, T0, T0)).toEqual({ state: 'due', seconds: 750, soon: true });
    expect(countdownAt(f, T0, T0 + 30_000)).toEqual({ state: 'due', seconds: 720, soon: true });
    expect(countdownText(countdownAt(f, T0, T0), EN)).toEqual({ main: 'due in 12 min', sub: null, tone: 'soon' });
    expect(countdownText(countdownAt(fu({ dueInSeconds: 3 * 3600 }), T0, T0), EN)).toEqual({ main: 'due in 3 h', sub: null, tone: 'ok' });
    // A local clock behind the receipt time never counts backwards.
    expect(countdownAt(f, T0, T0 - 5000)).toMatchObject({ seconds: 750 });
  });

  it('turns overdue by itself as the clock passes the due time, and says by how much', () => {
    const f = fu({ dueInSeconds: 20 });
    expect(countdownText(countdownAt(f, T0, T0 + 19_500), EN)).toEqual({ main: 'due now', sub: null, tone: 'soon' });
    expect(countdownAt(f, T0, T0 + 21_000)).toEqual({ state: 'overdue', seconds: 1, paused: false });
    const late = fu({ dueInSeconds: -(65 * 60 + 10), overdue: true, dueSoon: false });
    expect(countdownText(countdownAt(late, T0, T0), EN)).toEqual({ main: 'overdue by 1 h 5 min', sub: null, tone: 'overdue' });
    expect(countdownText(countdownAt(late, T0, T0), ES).main).toBe('vencido hace 1 h 5 min');
  });

  it('stands still while paused, and a clock paused after its breach stays overdue and keeps counting', () => {
    const paused = fu({ status: 'WAITING_CUSTOMER', paused: true, dueSoon: false, dueInSeconds: 3 * 3600 + 20 * 60 });
    expect(countdownAt(paused, T0, T0 + 10 * MIN)).toEqual({ state: 'paused', seconds: 12_000 });
    expect(countdownText(countdownAt(paused, T0, T0 + 10 * MIN), EN)).toEqual({
      main: 'paused: waiting on customer',
      sub: '3 h 20 min left on the clock',
      tone: 'paused',
    });
    expect(countdownText(countdownAt(paused, T0, T0), ES).main).toBe('en pausa: esperando al cliente');
    const breached = fu({ status: 'WAITING_CUSTOMER', paused: true, overdue: true, dueInSeconds: -120 });
    expect(countdownText(countdownAt(breached, T0, T0 + MIN), EN)).toEqual({ main: 'overdue by 3 min', sub: 'paused: waiting on customer', tone: 'overdue' });
  });

  it('runs on through "waiting on customer" when the due time is fixed (the server says paused: false)', () => {
    const fixed = fu({ status: 'WAITING_CUSTOMER', paused: false, dueInSeconds: 300 });
    expect(countdownAt(fixed, T0, T0 + MIN)).toEqual({ state: 'due', seconds: 240, soon: true });
  });

  it('says whether a closed one was done on time', () => {
    expect(countdownText(countdownAt(fu({ status: 'DONE', metOnTime: true }), T0, T0), EN)).toEqual({ main: 'Done', sub: '✓ done on time', tone: 'closed' });
    expect(countdownText(countdownAt(fu({ status: 'DONE', metOnTime: false }), T0, T0), EN).sub).toBe('done late');
    expect(countdownText(countdownAt(fu({ status: 'CANCELLED' }), T0, T0), ES)).toEqual({ main: 'Cancelado', sub: null, tone: 'closed' });
  });
});

describe('filters', () => {
  it('keeps what the server would list: the open statuses by default, then overdue, owner and queue exactly', () => {
    const all = DEFAULT_FILTER;
    expect(['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'DONE', 'CANCELLED'].map((status) => matchesFilter(fu({ status: status as FollowUp['status'] }), all))).toEqual([
      true, true, true, false, false,
    ]);
    expect(matchesFilter(fu({ status: 'DONE' }), { ...all, status: 'DONE' })).toBe(true);
    expect(matchesFilter(fu({ status: 'OPEN' }), { ...all, status: 'DONE' })).toBe(false);
    expect(matchesFilter(fu({ overdue: false }), { ...all, overdueOnly: true })).toBe(false);
    expect(matchesFilter(fu({ overdue: true }), { ...all, overdueOnly: true })).toBe(true);
    expect(matchesFilter(fu({ owner: 'ana' }), { ...all, owner: 'ana' })).toBe(true);
    expect(matchesFilter(fu({ owner: null }), { ...all, owner: 'ana' })).toBe(false);
    expect(matchesFilter(fu({ owner: 'Ana' }), { ...all, owner: 'ana' })).toBe(false);
    expect(matchesFilter(fu({ queue: null }), { ...all, queue: 'billing' })).toBe(false);
    expect(matchesFilter(fu({ queue: null }), all)).toBe(true);
  });

  it('turns into query variables and URL parameters and back', () => {
    expect(filterVariables(DEFAULT_FILTER)).toEqual({ status: ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER'], overdue: null, owner: null, queue: null });
    const f = { status: 'WAITING_CUSTOMER' as const, overdueOnly: true, owner: 'ana', queue: 'billing' };
    expect(filterVariables(f)).toEqual({ status: ['WAITING_CUSTOMER'], overdue: true, owner: 'ana', queue: 'billing' });
    expect(filterSearch(f)).toEqual({ status: 'WAITING_CUSTOMER', overdue: '1', owner: 'ana', queue: 'billing' });
    expect(parseFilter(filterSearch(f))).toEqual(f);
    expect(filterSearch(DEFAULT_FILTER)).toEqual({ status: undefined, overdue: undefined, owner: undefined, queue: undefined });
    // A stale or hand-made link opens with the defaults for what it got wrong.
    expect(parseFilter({ status: 'LOST', overdue: 'yes', owner: '  ', queue: '' })).toEqual(DEFAULT_FILTER);
    expect(isFilterDefault(parseFilter({}))).toBe(true);
    expect(isFilterDefault({ ...DEFAULT_FILTER, owner: 'x' })).toBe(false);
  });
});

describe('order', () => {
  it('puts the earliest due first (overdue ones lead), then by id, as the server does', () => {
    const list = [
      fu({ id: 'b', dueAt: '2026-11-23T10:05:00.000Z' }),
      fu({ id: 'late', dueAt: '2026-11-23T09:00:00.000Z', overdue: true }),
      fu({ id: 'a', dueAt: '2026-11-23T10:05:00.000Z' }),
      fu({ id: 'paused', dueAt: '2026-11-23T13:00:00.000Z', paused: true }),
    ];
    expect(sortFollowUps(list).map((f) => f.id)).toEqual(['late', 'a', 'b', 'paused']);
    expect(compareFollowUps(list[0]!, list[0]!)).toBe(0);
    expect(list.map((f) => f.id)).toEqual(['b', 'late', 'a', 'paused']); // sorted a copy
  });
});

describe('actions and roles', () => {
  it('offers the status changes that mean something from where a follow-up stands', () => {
    expect(actionsFor('OPEN')).toEqual(['start', 'waiting', 'done', 'cancel']);
    expect(actionsFor('IN_PROGRESS')).toEqual(['waiting', 'done', 'cancel']);
    expect(actionsFor('WAITING_CUSTOMER')).toEqual(['start', 'done', 'cancel']);
    expect(actionsFor('DONE')).toEqual(['reopen']);
    expect(actionsFor('CANCELLED')).toEqual(['reopen']);
  });

  it('shows write controls to supervisors and admins of the tenant only, and to nobody before `me` answers', () => {
    const me = (role: string, tenants: string[]) => ({ id: 'x', name: 'x', role: role as never, tenants });
    expect(canWriteFollowUps(me('SUPERVISOR', ['acme']), 'acme')).toBe(true);
    expect(canWriteFollowUps(me('ADMIN', ['*']), 'acme')).toBe(true);
    expect(canWriteFollowUps(me('SUPERVISOR', ['globex']), 'acme')).toBe(false);
    expect(canWriteFollowUps(me('VIEWER', ['*']), 'acme')).toBe(false);
    expect(canWriteFollowUps(me('PLANNER', ['acme']), 'acme')).toBe(false);
    expect(canWriteFollowUps(undefined, 'acme')).toBe(false);
    // `me` failed: offer them, and let the server's answer decide.
    expect(canWriteFollowUps(null, 'acme')).toBe(true);
  });
});

describe('the wall', () => {
  it('says overdue, due soon and open, leaving out zeros, and nothing when none is open', () => {
    expect(tileWords(tileParts({ open: 5, dueSoon: 1, overdue: 2 }), EN)).toBe('2 overdue · 1 due soon · 5 open');
    expect(tileWords(tileParts({ open: 2, dueSoon: 1, overdue: 1 }), EN)).toBe('1 overdue · 1 due soon · 2 open');
    expect(tileWords(tileParts({ open: 3, dueSoon: 0, overdue: 2 }), EN)).toBe('2 overdue · 3 open');
    expect(tileWords(tileParts({ open: 3, dueSoon: 0, overdue: 0 }), EN)).toBe('3 open');
    expect(tileWords(tileParts({ open: 1, dueSoon: 0, overdue: 1 }), ES)).toBe('1 vencido · 1 abierto');
    expect(tileWords(tileParts({ open: 5, dueSoon: 2, overdue: 3 }), ES)).toBe('3 vencidos · 2 vencen pronto · 5 abiertos');
    expect(tileParts({ open: 0, dueSoon: 0, overdue: 0 })).toEqual([]);
    expect(tileParts(undefined)).toEqual([]);
  });

  it('sums the queues for the header, skipping snapshots without counts', () => {
    expect(sumFollowUps([{ followUps: { open: 2, dueSoon: 1, overdue: 1 } }, {}, { followUps: { open: 3, dueSoon: 0, overdue: 2 } }])).toEqual({ open: 5, dueSoon: 1, overdue: 3 });
    expect(EN.fuHeader(3, 1)).toBe('Follow-ups · 3 overdue');
    expect(EN.fuHeader(0, 2)).toBe('Follow-ups · 2 due soon');
    expect(ES.fuHeader(1, 0)).toBe('Seguimientos · 1 vencido');
  });
});

describe('dueInputToIso', () => {
  it("reads the form's date and time on the tenant's clock, not the browser's", () => {
    expect(dueInputToIso('2026-11-23T15:00', 'Europe/Madrid')).toBe('2026-11-23T14:00:00.000Z');
    expect(dueInputToIso('2026-07-01T15:00', 'Europe/Madrid')).toBe('2026-07-01T13:00:00.000Z');
    expect(dueInputToIso('2026-11-23T15:00', 'America/Santiago')).toBe('2026-11-23T18:00:00.000Z');
    expect(dueInputToIso('2026-11-23T09:30:00', 'UTC')).toBe('2026-11-23T09:30:00.000Z');
  });

  it('is null for an empty field (the policy decides) and undefined for nonsense', () => {
    expect(dueInputToIso('', 'UTC')).toBeNull();
    expect(dueInputToIso('   ', 'UTC')).toBeNull();
    expect(dueInputToIso('2026-02-30T10:00', 'UTC')).toBeUndefined();
    expect(dueInputToIso('2026-11-23T24:00', 'UTC')).toBeUndefined();
    expect(dueInputToIso('tomorrow', 'UTC')).toBeUndefined();
  });
});

describe('followUpLabel', () => {
  it('names a follow-up by kind, queue and contact, or its id without a contact', () => {
    const name = (id: string) => ({ billing: 'Billing' })[id] ?? id;
    expect(followUpLabel(fu(), EN, name)).toBe('Callback · Billing · c-1');
    expect(followUpLabel(fu({ queue: null, contact: null, kind: 'PROMISE' }), ES, name)).toBe('Compromiso · f1');
  });
});
