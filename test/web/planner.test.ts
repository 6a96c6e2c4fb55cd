import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ForecastPoint, QueueStaffingNow, StaffingPolicy } from '../../web/src/lib/planner-api.ts';
import {
  accuracyParts,
  ahtRange,
  baselineValues,
  breakGroups,
  coverageColumns,
  createLatestRunner,
  daySoFar,
  defaultTemplates,
  draftProblems,
  draftToInput,
  forecastColumns,
  gapEntries,
  gapLevel,
  isEmptyOverrides,
  isMissingField,
  median,
  medianAht,
  newTemplate,
  overridesFrom,
  parseStoredTemplates,
  planCsvName,
  signed,
  staffingSummary,
  startCount,
  type TemplateDraft,
} from '../../web/src/lib/planner.ts';

const QUARTER = 900_000;
const HOUR = 3_600_000;
const DAY0 = Date.UTC(2026, 10, 23); // a Monday, 00:00 UTC
const iso = (ms: number) => new Date(ms).toISOString();

function point(startMs: number, over: Partial<ForecastPoint> = {}): ForecastPoint {
  return { start: iso(startMs), contacts: 10, ahtSeconds: 240, requiredAgents: 4, scheduledAgents: 6, actualContacts: null, ...over };
}

/** A deferred promise per call, so a test decides when and how each request ends. */
function controllableRun() {
  const calls: { key: string; signal: AbortSignal; resolve(v: string): void; reject(e: unknown): void }[] = [];
  const run = vi.fn((key: string, signal: AbortSignal) => new Promise<string>((resolve, reject) => calls.push({ key, signal, resolve, reject })));
  return { run, calls };
}

describe('createLatestRunner (the what-if requests)', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('waits for the quiet time, then sends only the latest key', async () => {
    const { run, calls } = controllableRun();
    const onResult = vi.fn();
    const r = createLatestRunner(run, { delayMs: 150, onResult, onError: vi.fn() });
    r.schedule('a');
    vi.advanceTimersByTime(100);
    r.schedule('b');
    vi.advanceTimersByTime(149);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(calls[0]!.key).toBe('b');
    calls[0]!.resolve('B');
    await vi.runAllTimersAsync();
    expect(onResult).toHaveBeenCalledWith('B', 'b');
  });

  it('aborts the request in flight when a newer one goes out, and never reports the old answer', async () => {
    const { run, calls } = controllableRun();
    const onResult = vi.fn();
    const r = createLatestRunner(run, { delayMs: 150, onResult, onError: vi.fn() });
    r.schedule('a');
    vi.advanceTimersByTime(150);
    r.schedule('b');
    vi.advanceTimersByTime(150);
    expect(calls.map((c) => c.key)).toEqual(['a', 'b']);
    expect(calls[0]!.signal.aborted).toBe(true);
    expect(calls[1]!.signal.aborted).toBe(false);
    // The old answer arrives late, after the new one: only the new one counts.
    calls[1]!.resolve('B');
    calls[0]!.resolve('A');
    await vi.runAllTimersAsync();
    expect(onResult.mock.calls).toEqual([['B', 'b']]);
  });

  it('keeps sending during a long drag when maxWait is set', () => {
    const { run, calls } = controllableRun();
    const r = createLatestRunner(run, { delayMs: 150, maxWaitMs: 450, onResult: vi.fn(), onError: vi.fn() });
    // An input event every 16 ms for a second: the quiet time never comes.
    for (let t = 0; t < 1000; t += 16) {
      r.schedule(`v${t}`);
      vi.advanceTimersByTime(16);
    }
    // Not one per event, not zero until the end either: about one per maxWait.
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(run.mock.calls.length).toBeLessThanOrEqual(3);
    vi.advanceTimersByTime(150);
    expect(calls.at(-1)!.key).toBe('v992');
    // Every request but the last was aborted by the next.
    expect(calls.slice(0, -1).every((c) => c.signal.aborted)).toBe(true);
  });

  it('without maxWait a continuous drag sends once, when it stops', () => {
    const { run } = controllableRun();
    const r = createLatestRunner(run, { delayMs: 150, onResult: vi.fn(), onError: vi.fn() });
    for (let t = 0; t < 1000; t += 16) {
      r.schedule(`v${t}`);
      vi.advanceTimersByTime(16);
    }
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(150);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('sends at once with now(), dropping a pending key', () => {
    const { run, calls } = controllableRun();
    const r = createLatestRunner(run, { delayMs: 150, onResult: vi.fn(), onError: vi.fn() });
    r.schedule('pending');
    r.now('now');
    vi.advanceTimersByTime(1000);
    expect(calls.map((c) => c.key)).toEqual(['now']);
  });

  it('reports errors of the latest request only, and busy around each', async () => {
    const { run, calls } = controllableRun();
    const onError = vi.fn();
    const busy: boolean[] = [];
    const r = createLatestRunner(run, { delayMs: 0, onResult: vi.fn(), onError, onBusy: (b) => busy.push(b) });
    r.now('a');
    r.now('b');
    calls[0]!.reject(new Error('aborted'));
    calls[1]!.reject(new Error('server down'));
    await vi.runAllTimersAsync();
    expect(onError).toHaveBeenCalledTimes(1);
    expect((onError.mock.calls[0]![0] as Error).message).toBe('server down');
    expect(onError.mock.calls[0]![1]).toBe('b');
    expect(busy).toEqual([true, true, false]);
  });

  it('cancel() drops the pending key and aborts the request in flight', async () => {
    const { run, calls } = controllableRun();
    const onResult = vi.fn();
    const busy: boolean[] = [];
    const r = createLatestRunner(run, { delayMs: 150, onResult, onError: vi.fn(), onBusy: (b) => busy.push(b) });
    r.now('a');
    r.schedule('b');
    r.cancel();
    vi.advanceTimersByTime(1000);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.resolve('A');
    await vi.runAllTimersAsync();
    expect(onResult).not.toHaveBeenCalled();
    expect(busy).toEqual([true, false]);
  });
});

describe('forecast shaping', () => {
  const frame = { fromMs: DAY0, toMs: DAY0 + 4 * QUARTER, stepMs: QUARTER };

  it('has one entry per interval at its middle, null where the server sent nothing', () => {
    const cols = forecastColumns([point(DAY0, { actualContacts: 7 }), point(DAY0 + 2 * QUARTER, { actualContacts: 0, contacts: 12.5 })], frame);
    expect(cols.x).toEqual([0, 1, 2, 3].map((i) => (DAY0 + i * QUARTER + QUARTER / 2) / 1000));
    expect(cols.starts[1]).toBe(DAY0 + QUARTER);
    expect(cols.forecast).toEqual([10, null, 12.5, null]);
    // A begun interval without contacts is 0; one not begun (the server's null) is null.
    expect(cols.actual).toEqual([7, null, 0, null]);
    expect(cols.required).toEqual([4, null, 4, null]);
    expect(cols.scheduled).toEqual([6, null, 6, null]);
    expect(cols.baselineScheduled).toEqual([null, null, null, null]);
  });

  it('adds the baseline only when a what-if changes the agents', () => {
    const base = [point(DAY0), point(DAY0 + QUARTER)];
    const same = forecastColumns(base, frame, base);
    expect(same.baselineScheduled.every((v) => v === null)).toBe(true);
    const more = [point(DAY0, { requiredAgents: 5, scheduledAgents: 8 }), point(DAY0 + QUARTER)];
    expect(forecastColumns(more, frame, base).baselineScheduled).toEqual([6, 6, null, null]);
  });

  it('drops points outside the day', () => {
    const cols = forecastColumns([point(DAY0 - QUARTER), point(DAY0 + 4 * QUARTER)], frame);
    expect(cols.forecast).toEqual([null, null, null, null]);
  });

  it('sums agent-hours by the step and finds the peaks', () => {
    const pts = [point(DAY0, { requiredAgents: 2, scheduledAgents: 3 }), point(DAY0 + HOUR, { requiredAgents: 5, scheduledAgents: 8 }), point(DAY0 + 2 * HOUR, { requiredAgents: 5, scheduledAgents: 8, contacts: 0 })];
    expect(staffingSummary(pts, HOUR)).toEqual({ contacts: 20, requiredPeak: 5, scheduledPeak: 8, peakAt: DAY0 + HOUR, requiredHours: 12, scheduledHours: 19 });
    expect(staffingSummary(pts, QUARTER).requiredHours).toBe(3);
    expect(staffingSummary([], QUARTER)).toEqual({ contacts: 0, requiredPeak: 0, scheduledPeak: 0, peakAt: null, requiredHours: 0, scheduledHours: 0 });
  });

  it('takes the median AHT over intervals with contacts', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const pts = [point(DAY0, { ahtSeconds: 200 }), point(DAY0, { ahtSeconds: 300 }), point(DAY0, { ahtSeconds: 900, contacts: 0 }), point(DAY0, { ahtSeconds: null })];
    expect(medianAht(pts)).toBe(250);
    expect(medianAht([point(DAY0, { contacts: 0 })])).toBeNull();
  });

  it('compares today so far over the intervals already over', () => {
    const pts = [
      point(DAY0, { contacts: 10, actualContacts: 12 }),
      point(DAY0 + QUARTER, { contacts: 10, actualContacts: 11 }),
      point(DAY0 + 2 * QUARTER, { contacts: 10, actualContacts: 3 }), // in progress
      point(DAY0 + 3 * QUARTER, { contacts: 10, actualContacts: null }),
    ];
    const s = daySoFar(pts, QUARTER, DAY0 + 2 * QUARTER + 60_000);
    expect(s).toEqual({ intervals: 2, until: DAY0 + 2 * QUARTER, actual: 23, forecast: 20, deviation: expect.closeTo(0.15, 10) });
    expect(daySoFar(pts, QUARTER, DAY0 + 60_000)).toEqual({ intervals: 0, until: null, actual: 0, forecast: 0, deviation: null });
  });

  it('shapes the coverage on the 15-minute grid', () => {
    const rows = [{ start: iso(DAY0 + QUARTER), required: 3, scheduled: 1, under: 2, over: 0 }];
    expect(coverageColumns(rows, frame)).toEqual({
      x: [0, 1, 2, 3].map((i) => (DAY0 + i * QUARTER + QUARTER / 2) / 1000),
      required: [null, 3, null, null],
      scheduled: [null, 1, null, null],
      under: [null, 2, null, null],
    });
  });
});

describe('what-if values', () => {
  const policy: StaffingPolicy = { model: 'ERLANG_C', targetServiceLevel: 0.8, thresholdSeconds: 20, shrinkage: 0.3, maxOccupancy: 0.85, patienceSeconds: null, ahtSeconds: null };

  it('starts from the policy and the median AHT, in slider units', () => {
    expect(baselineValues(policy, 241.6)).toEqual({ ahtSeconds: 242, targetPct: 80, thresholdSeconds: 20, shrinkagePct: 30, occupancyPct: 85 });
    expect(baselineValues({ ...policy, maxOccupancy: null }, null)).toMatchObject({ ahtSeconds: 300, occupancyPct: 100 });
  });

  it('sends only what the planner moved, as the API wants it', () => {
    const base = baselineValues(policy, 240);
    expect(overridesFrom(base, base)).toEqual({});
    expect(isEmptyOverrides(overridesFrom(base, base))).toBe(true);
    expect(overridesFrom({ ...base, targetPct: 95 }, base)).toEqual({ targetServiceLevel: 0.95 });
    expect(overridesFrom({ ...base, ahtSeconds: 300, shrinkagePct: 25, occupancyPct: 90, thresholdSeconds: 30 }, base)).toEqual({
      ahtSeconds: 300,
      shrinkage: 0.25,
      maxOccupancy: 0.9,
      thresholdSeconds: 30,
    });
  });

  it('ranges the AHT slider from half to double the baseline on 5 s steps', () => {
    expect(ahtRange(240)).toEqual({ min: 120, max: 480, step: 5 });
    expect(ahtRange(12)).toEqual({ min: 10, max: 60, step: 5 });
  });

  it('spells out method and accuracy, or says what is undefined', () => {
    expect(accuracyParts('svd-log', { mase: 0.6234, wape: 0.0712, origins: 20 }, 'en-GB')).toEqual({ method: 'svd-log', mase: '0.62', wape: '7.1%', origins: 20 });
    expect(accuracyParts('svd-log', { mase: 0.6234, wape: 0.0712, origins: 20 }, 'es-ES')).toMatchObject({ mase: '0,62', wape: '7,1\u00a0%' });
    expect(accuracyParts('weekday-average', { mase: null, wape: 0.01, origins: 20 }, 'en-GB').mase).toBeNull();
    expect(accuracyParts('seasonal-naive', null, 'en-GB')).toEqual({ method: 'seasonal-naive', mase: null, wape: null, origins: 0 });
  });
});

describe('shift templates', () => {
  it('defaults to an 8 h shift with lunch and a 4 h part-time shift, as the API takes them', () => {
    const [ft, pt] = defaultTemplates().map(draftToInput);
    expect(ft).toEqual({
      id: 'FT8',
      name: '8 h',
      lengthMinutes: 480,
      startWindow: { from: '07:00', to: '13:00', stepMinutes: 30 },
      // A 30-minute unpaid lunch lying between hours 3.5 and 5: it starts 3.5 to 4.5 h in.
      breaks: [{ afterMinutes: 210, latestAfterMinutes: 270, durationMinutes: 30, paid: false }],
    });
    expect(pt).toEqual({ id: 'PT4', name: '4 h', lengthMinutes: 240, startWindow: { from: '09:00', to: '17:00', stepMinutes: 30 } });
    expect(defaultTemplates().map(startCount)).toEqual([13, 17]);
    expect(defaultTemplates().every((d) => draftProblems(d).length === 0)).toBe(true);
  });

  it('sends days (in week order) only when some are left out, a fixed break without a window, and the cap', () => {
    const d: TemplateDraft = { ...defaultTemplates()[0]!, days: ['FRI', 'MON'], break: { afterMinutes: 120, latestAfterMinutes: 120, durationMinutes: 15, paid: true }, maxCount: 4 };
    expect(draftToInput(d)).toMatchObject({ days: ['MON', 'FRI'], breaks: [{ afterMinutes: 120, durationMinutes: 15, paid: true }], maxCount: 4 });
    expect(draftToInput(d).breaks![0]).not.toHaveProperty('latestAfterMinutes');
    expect(draftToInput({ ...d, name: '  ' }).name).toBe('FT8');
  });

  it('says what is wrong with a draft, field by field', () => {
    const ok = defaultTemplates()[0]!;
    expect(draftProblems({ ...ok, name: ' ' })).toEqual(['name']);
    expect(draftProblems({ ...ok, lengthMinutes: 30 })).toContain('length');
    expect(draftProblems({ ...ok, earliest: '13:00', latest: '07:00' })).toEqual(['window']);
    expect(draftProblems({ ...ok, earliest: '7:00' })).toEqual(['window']);
    expect(draftProblems({ ...ok, stepMinutes: 5 })).toEqual(['step']);
    expect(draftProblems({ ...ok, days: [] })).toEqual(['days']);
    expect(draftProblems({ ...ok, break: { afterMinutes: 460, latestAfterMinutes: 470, durationMinutes: 30, paid: false } })).toEqual(['break']);
    expect(draftProblems({ ...ok, break: { afterMinutes: 200, latestAfterMinutes: 100, durationMinutes: 30, paid: false } })).toEqual(['break']);
    expect(draftProblems({ ...ok, maxCount: 0 })).toEqual(['maxCount']);
    expect(startCount({ ...ok, earliest: '13:00', latest: '07:00' })).toBe(0);
  });

  it('adds templates with ids not yet taken', () => {
    const list = defaultTemplates();
    const third = newTemplate(list);
    expect(third.id).toBe('S3');
    expect(newTemplate([...list, third]).id).toBe('S4');
    expect(draftProblems(third)).toEqual([]);
  });

  it('reads stored drafts back, and refuses anything else', () => {
    const list = defaultTemplates();
    expect(parseStoredTemplates(JSON.stringify(list))).toEqual(list);
    expect(parseStoredTemplates(null)).toBeNull();
    expect(parseStoredTemplates('not json')).toBeNull();
    expect(parseStoredTemplates('[]')).toBeNull();
    expect(parseStoredTemplates(JSON.stringify([...list, ...list]))).toBeNull();
    expect(parseStoredTemplates(JSON.stringify([{ ...list[0], days: ['MONDAY'] }]))).toBeNull();
    expect(parseStoredTemplates(JSON.stringify([{ id: 'x' }]))).toBeNull();
  });

  it('groups a shift’s staggered breaks by length and pay, with the agents at each time', () => {
    const b = (h: number, m: number, len: number, paid: boolean, count: number) => ({
      start: iso(DAY0 + h * HOUR + m * 60_000),
      end: iso(DAY0 + h * HOUR + (m + len) * 60_000),
      paid,
      count,
    });
    expect(breakGroups([b(11, 30, 30, false, 3), b(10, 30, 15, true, 7), b(11, 0, 30, false, 2), b(11, 0, 30, false, 2)])).toEqual([
      { minutes: 15, paid: true, starts: [{ at: DAY0 + 10.5 * HOUR, count: 7 }] },
      {
        minutes: 30,
        paid: false,
        starts: [
          { at: DAY0 + 11 * HOUR, count: 4 },
          { at: DAY0 + 11.5 * HOUR, count: 3 },
        ],
      },
    ]);
    expect(breakGroups([])).toEqual([]);
  });

  it('names the CSV files by queue, day and kind', () => {
    expect(planCsvName('billing en/1', '2026-11-23', 'shifts')).toBe('billing_en_1_2026-11-23_shifts.csv');
    expect(planCsvName('billing', '2026-11-23', 'coverage')).toBe('billing_2026-11-23_coverage.csv');
  });
});

describe('the staffing gap', () => {
  it('is amber when a little short, red when short by 15 % or 3 agents, whichever is more', () => {
    expect(gapLevel(14, 14)).toBe('ok');
    expect(gapLevel(14, 20)).toBe('ok');
    expect(gapLevel(14, 12)).toBe('warn');
    expect(gapLevel(14, 11)).toBe('alert');
    expect(gapLevel(4, 2)).toBe('warn');
    expect(gapLevel(4, 1)).toBe('alert');
    expect(gapLevel(60, 53)).toBe('warn');
    expect(gapLevel(60, 51)).toBe('alert');
  });

  it('lists queues with a requirement, most short first, with live staffed counts', () => {
    const row = (queue: string, required: number, staffed: number): QueueStaffingNow => ({
      queue,
      intervalStart: iso(DAY0),
      requiredAgents: required,
      scheduledAgents: Math.ceil(required / 0.7),
      staffedAgents: staffed,
      gap: staffed - required,
    });
    const byTenant = new Map([
      ['t1', [row('sales', 10, 10), row('billing', 14, 12), row('closed', 0, 3)]],
      ['t2', [row('claims', 8, 5), row('alpha', 5, 6)]],
    ]);
    const live = (tenant: string, queue: string) => (tenant === 't1' && queue === 'sales' ? 9 : undefined);
    const entries = gapEntries(byTenant, live, (_t, q) => q);
    expect(entries.map((e) => [e.queue, e.staffed, e.gap, e.level])).toEqual([
      ['claims', 5, -3, 'alert'],
      ['billing', 12, -2, 'warn'],
      ['sales', 9, -1, 'warn'], // the live count (9) beats the server's (10)
      ['alpha', 6, 1, 'ok'],
    ]);
  });

  it('writes the gap with a true minus', () => {
    expect(signed(-2)).toBe('−2');
    expect(signed(3)).toBe('+3');
    expect(signed(0)).toBe('±0');
  });

  it('recognises a server without the field', () => {
    expect(isMissingField('Cannot query field "shiftPlan" on type "Query".', 'shiftPlan')).toBe(true);
    expect(isMissingField('Unknown type "ShiftPlanRequest".', 'shiftPlan')).toBe(false);
    expect(isMissingField('Unknown type "ShiftPlanRequest".', 'ShiftPlan')).toBe(true);
    expect(isMissingField('not allowed to plan for tenant "x"', 'shiftPlan')).toBe(false);
  });
});

describe('planner strings', () => {
  it('have every message in English and Spanish, and the accuracy line reads as the brief shows', async () => {
    vi.stubGlobal('window', { localStorage: { getItem: () => null, setItem: () => {} }, navigator: { language: 'en-GB' } });
    const { PLANNER_MESSAGES } = await import('../../web/src/lib/planner-i18n.ts');
    expect(Object.keys(PLANNER_MESSAGES.es).sort()).toEqual(Object.keys(PLANNER_MESSAGES.en).sort());
    const parts = { method: 'svd-log', mase: '0.62', wape: '7.1 %', origins: 20 };
    expect(PLANNER_MESSAGES.en.accuracy(parts)).toBe('svd-log · MASE 0.62 · WAPE 7.1 % over 20 days');
    expect(PLANNER_MESSAGES.es.accuracy({ ...parts, mase: '0,62', wape: '7,1 %' })).toBe('svd-log · MASE 0,62 · WAPE 7,1 % en 20 días');
    expect(PLANNER_MESSAGES.en.gapLine(12, 14, signed(-2))).toBe('12 of 14 needed (−2)');
    expect(PLANNER_MESSAGES.es.gapLine(12, 14, signed(-2))).toBe('12 de 14 necesarios (−2)');
    vi.unstubAllGlobals();
  });
});
