/**
 * The planner's pure parts: the latest-request runner behind the what-if sliders (debounce,
 * abort the request it replaces), the forecast and the shift plan shaped for uPlot, the what-if
 * summary against the baseline, shift templates from the editor to the API, and the staffing gap
 * in words and levels for the wall. Nothing here touches the DOM, so all of it is unit-tested.
 */
import type {
  CoverageRow,
  ForecastAccuracy,
  ForecastPoint,
  QueueStaffingNow,
  ShiftTemplateInput,
  StaffingOverrides,
  StaffingPolicy,
  Weekday,
} from './planner-api.ts';
import { WEEKDAYS } from './planner-api.ts';

// ---------------------------------------------------------------------------------------------
// The latest request wins: debounce, keep at most one request in flight, never show a stale one.

export interface LatestRunnerOptions<K, T> {
  /** Quiet time after the last change before the request goes out. */
  delayMs: number;
  /**
   * While changes keep coming (a slider being dragged), a request still goes out at least this
   * often, so the numbers follow the drag instead of waiting for the hand to stop. 0: never.
   */
  maxWaitMs?: number;
  onResult(value: T, key: K): void;
  onError(err: unknown, key: K): void;
  /** Called with true when a request goes out, false when the last one settles. */
  onBusy?(busy: boolean): void;
  timers?: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (id: unknown) => void; now: () => number };
}

export interface LatestRunner<K> {
  /** Ask for `key` after the quiet time; replaces any earlier key not yet sent. */
  schedule(key: K): void;
  /** Ask for `key` now (a button, a reset): no debounce. */
  now(key: K): void;
  /** Drop the pending key and abort the request in flight; nothing more is reported. */
  cancel(): void;
}

/**
 * Runs `run` for the latest key only. A new request aborts the one in flight (its AbortSignal
 * fires, and whatever it still resolves to is dropped), so answers can't arrive out of order and
 * the server stops work nobody will look at.
 */
export function createLatestRunner<K, T>(
  run: (key: K, signal: AbortSignal) => Promise<T>,
  o: LatestRunnerOptions<K, T>,
): LatestRunner<K> {
  const timers = o.timers ?? {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: unknown) => clearTimeout(id as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
  };
  let timer: unknown;
  let pending: { key: K } | null = null;
  /** When the first change of the current burst came: maxWait counts from it. */
  let burstStart: number | null = null;
  let inFlight: AbortController | null = null;

  function fire() {
    timer = undefined;
    burstStart = null;
    const p = pending;
    pending = null;
    if (p) send(p.key);
  }

  function send(key: K) {
    inFlight?.abort();
    const ctl = new AbortController();
    inFlight = ctl;
    o.onBusy?.(true);
    run(key, ctl.signal).then(
      (value) => {
        if (ctl.signal.aborted) return;
        inFlight = null;
        o.onBusy?.(false);
        o.onResult(value, key);
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        inFlight = null;
        o.onBusy?.(false);
        o.onError(err, key);
      },
    );
  }

  function clearTimer() {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  }

  return {
    schedule(key) {
      pending = { key };
      const t = timers.now();
      burstStart ??= t;
      clearTimer();
      const maxWait = o.maxWaitMs ?? 0;
      const wait = maxWait > 0 ? Math.min(o.delayMs, Math.max(0, burstStart + maxWait - t)) : o.delayMs;
      timer = timers.setTimeout(fire, wait);
    },
    now(key) {
      clearTimer();
      burstStart = null;
      pending = null;
      send(key);
    },
    cancel() {
      clearTimer();
      burstStart = null;
      pending = null;
      if (inFlight) {
        inFlight.abort();
        inFlight = null;
        o.onBusy?.(false);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Numbers

export function median(values: readonly number[]): number | null {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/** The AHT the what-if starts from: the median of the forecast's AHT over intervals with contacts. */
export function medianAht(points: readonly ForecastPoint[]): number | null {
  return median(points.filter((p) => p.contacts > 0 && p.ahtSeconds != null).map((p) => p.ahtSeconds!));
}

// ---------------------------------------------------------------------------------------------
// The forecast chart

export interface Frame {
  fromMs: number;
  toMs: number;
  stepMs: number;
}

/** uPlot columns of the forecast chart: x at each interval's middle (epoch seconds), like the
 * drill-down's chart, so bars sit inside their interval; null where there is nothing to draw. */
export interface ForecastColumns {
  x: number[];
  /** Interval starts, ms, for labels. */
  starts: number[];
  forecast: (number | null)[];
  actual: (number | null)[];
  required: (number | null)[];
  scheduled: (number | null)[];
  /** The baseline's scheduled agents, only when a what-if differs from it; else all null. */
  baselineScheduled: (number | null)[];
}

/**
 * One entry per interval of [fromMs, toMs), whatever the server sent: an interval it did not
 * send has no forecast (null, the line breaks). Actual contacts are null for intervals not begun
 * (the server says so) and 0 for a begun one without contacts. `baseline` adds the baseline's
 * scheduled agents when the what-if result differs from it anywhere.
 */
export function forecastColumns(points: readonly ForecastPoint[], frame: Frame, baseline?: readonly ForecastPoint[] | null): ForecastColumns {
  const byStart = new Map<number, ForecastPoint>();
  for (const p of points) byStart.set(Date.parse(p.start), p);
  const baseByStart = new Map<number, ForecastPoint>();
  for (const p of baseline ?? []) baseByStart.set(Date.parse(p.start), p);
  const differs = !!baseline && points.some((p) => {
    const b = baseByStart.get(Date.parse(p.start));
    return !b || b.scheduledAgents !== p.scheduledAgents || b.requiredAgents !== p.requiredAgents;
  });

  const cols: ForecastColumns = { x: [], starts: [], forecast: [], actual: [], required: [], scheduled: [], baselineScheduled: [] };
  for (let s = frame.fromMs; s < frame.toMs; s += frame.stepMs) {
    const p = byStart.get(s);
    cols.starts.push(s);
    cols.x.push((s + frame.stepMs / 2) / 1000);
    cols.forecast.push(p ? p.contacts : null);
    cols.actual.push(p ? p.actualContacts : null);
    cols.required.push(p ? p.requiredAgents : null);
    cols.scheduled.push(p ? p.scheduledAgents : null);
    cols.baselineScheduled.push(differs ? (baseByStart.get(s)?.scheduledAgents ?? null) : null);
  }
  return cols;
}

// ---------------------------------------------------------------------------------------------
// What-if

export interface StaffingSummary {
  /** Forecast contacts over the range. */
  contacts: number;
  requiredPeak: number;
  scheduledPeak: number;
  /** Start (ms) of the first interval at the scheduled peak; null without any. */
  peakAt: number | null;
  /** Agent-hours: Σ agents × the interval's length in hours. */
  requiredHours: number;
  scheduledHours: number;
}

export function staffingSummary(points: readonly ForecastPoint[], stepMs: number): StaffingSummary {
  const hours = stepMs / 3_600_000;
  let requiredPeak = 0;
  let scheduledPeak = 0;
  let peakAt: number | null = null;
  let requiredHours = 0;
  let scheduledHours = 0;
  let contacts = 0;
  for (const p of points) {
    contacts += p.contacts;
    requiredHours += p.requiredAgents * hours;
    scheduledHours += p.scheduledAgents * hours;
    requiredPeak = Math.max(requiredPeak, p.requiredAgents);
    if (p.scheduledAgents > scheduledPeak) {
      scheduledPeak = p.scheduledAgents;
      peakAt = Date.parse(p.start);
    }
  }
  return { contacts, requiredPeak, scheduledPeak, peakAt, requiredHours, scheduledHours };
}

/** The sliders' values in the units they show: seconds and whole percentages. */
export interface WhatIfValues {
  ahtSeconds: number;
  targetPct: number;
  thresholdSeconds: number;
  shrinkagePct: number;
  occupancyPct: number;
}

/** The slider positions that reproduce the baseline: the policy the server used, the median AHT. */
export function baselineValues(policy: StaffingPolicy, aht: number | null): WhatIfValues {
  return {
    ahtSeconds: Math.round(aht ?? 300),
    targetPct: Math.round(policy.targetServiceLevel * 100),
    thresholdSeconds: Math.round(policy.thresholdSeconds),
    shrinkagePct: Math.round(policy.shrinkage * 100),
    occupancyPct: Math.round((policy.maxOccupancy ?? 1) * 100),
  };
}

/**
 * The overrides to send: only what differs from the baseline, so an untouched slider leaves the
 * server's own value (and an untouched AHT keeps the forecast's AHT per interval rather than one
 * flat value). Empty: the what-if is the baseline.
 */
export function overridesFrom(values: WhatIfValues, baseline: WhatIfValues): StaffingOverrides {
  const o: StaffingOverrides = {};
  if (values.ahtSeconds !== baseline.ahtSeconds) o.ahtSeconds = values.ahtSeconds;
  if (values.targetPct !== baseline.targetPct) o.targetServiceLevel = values.targetPct / 100;
  if (values.thresholdSeconds !== baseline.thresholdSeconds) o.thresholdSeconds = values.thresholdSeconds;
  if (values.shrinkagePct !== baseline.shrinkagePct) o.shrinkage = values.shrinkagePct / 100;
  if (values.occupancyPct !== baseline.occupancyPct) o.maxOccupancy = values.occupancyPct / 100;
  return o;
}

export const isEmptyOverrides = (o: StaffingOverrides): boolean => Object.keys(o).length === 0;

export interface SliderRange {
  min: number;
  max: number;
  step: number;
}

/** AHT range around the baseline: half to double it, on a 5-second grid. */
export function ahtRange(baselineAht: number): SliderRange {
  const snap = (x: number) => Math.max(5, Math.round(x / 5) * 5);
  return { min: Math.max(10, snap(baselineAht / 2)), max: Math.max(60, snap(baselineAht * 2)), step: 5 };
}

export const SLIDER_RANGES = {
  targetPct: { min: 50, max: 99, step: 1 },
  thresholdSeconds: { min: 5, max: 120, step: 5 },
  shrinkagePct: { min: 0, max: 60, step: 1 },
  occupancyPct: { min: 60, max: 100, step: 1 },
} satisfies Record<Exclude<keyof WhatIfValues, 'ahtSeconds'>, SliderRange>;

// ---------------------------------------------------------------------------------------------
// Method and accuracy, and the day so far

export interface AccuracyParts {
  method: string;
  /** "0.62", or null when undefined (an exactly weekly history). */
  mase: string | null;
  /** "7.1 %" in the locale's style, or null. */
  wape: string | null;
  origins: number;
}

export function accuracyParts(method: string, accuracy: ForecastAccuracy | null, locale: string): AccuracyParts {
  const number = (x: number, digits: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
  const mase = accuracy?.mase;
  const wape = accuracy?.wape;
  return {
    method,
    mase: mase != null && Number.isFinite(mase) ? number(mase, 2) : null,
    wape:
      wape != null && Number.isFinite(wape)
        ? new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(wape)
        : null,
    origins: accuracy?.origins ?? 0,
  };
}

export interface DaySoFar {
  /** Intervals wholly past, and the instant the last of them ended (ms); 0 and null before any. */
  intervals: number;
  until: number | null;
  actual: number;
  forecast: number;
  /** actual / forecast − 1; null when nothing was forecast. */
  deviation: number | null;
}

/** Today's actual contacts against the forecast over the intervals already over: the one in
 * progress is left out, its actual being only part of it. */
export function daySoFar(points: readonly ForecastPoint[], stepMs: number, nowMs: number): DaySoFar {
  let actual = 0;
  let forecast = 0;
  let intervals = 0;
  let until: number | null = null;
  for (const p of points) {
    const start = Date.parse(p.start);
    if (start + stepMs > nowMs || p.actualContacts == null) continue;
    actual += p.actualContacts;
    forecast += p.contacts;
    intervals++;
    until = Math.max(until ?? 0, start + stepMs);
  }
  return { intervals, until, actual, forecast, deviation: forecast > 0 ? actual / forecast - 1 : null };
}

// ---------------------------------------------------------------------------------------------
// Shift templates: the editor's drafts and what the API takes

export interface TemplateDraft {
  id: string;
  name: string;
  /** Shift length, minutes, breaks included. */
  lengthMinutes: number;
  /** Earliest and latest start, local 'HH:MM', and the grid between them. */
  earliest: string;
  latest: string;
  stepMinutes: number;
  days: Weekday[];
  /** One break per template in the editor; null: none. Times are minutes after the shift starts. */
  break: { afterMinutes: number; latestAfterMinutes: number; durationMinutes: number; paid: boolean } | null;
  /** Most shifts of this template per day; null: no cap. */
  maxCount: number | null;
}

export const MAX_TEMPLATES = 3;

/** The two shifts a centre starts from: a full day with lunch, and a part-time half day. */
export function defaultTemplates(): TemplateDraft[] {
  return [
    {
      id: 'FT8',
      name: '8 h',
      lengthMinutes: 480,
      earliest: '07:00',
      latest: '13:00',
      stepMinutes: 30,
      days: [...WEEKDAYS],
      // A 30-minute unpaid lunch that lies between hours 3.5 and 5 of the shift.
      break: { afterMinutes: 210, latestAfterMinutes: 270, durationMinutes: 30, paid: false },
      maxCount: null,
    },
    {
      id: 'PT4',
      name: '4 h',
      lengthMinutes: 240,
      earliest: '09:00',
      latest: '17:00',
      stepMinutes: 30,
      days: [...WEEKDAYS],
      break: null,
      maxCount: null,
    },
  ];
}

/** A new template for the "add" button: an id not yet taken, a 6-hour shift with a paid break. */
export function newTemplate(existing: readonly TemplateDraft[]): TemplateDraft {
  let n = existing.length + 1;
  while (existing.some((d) => d.id === `S${n}`)) n++;
  return {
    id: `S${n}`,
    name: '6 h',
    lengthMinutes: 360,
    earliest: '08:00',
    latest: '16:00',
    stepMinutes: 60,
    days: [...WEEKDAYS],
    break: { afterMinutes: 150, latestAfterMinutes: 210, durationMinutes: 15, paid: true },
    maxCount: null,
  };
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
export const minutesOf = (hhmm: string): number | null => {
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

export type DraftProblem = 'name' | 'length' | 'window' | 'step' | 'days' | 'break' | 'maxCount';

/** What is wrong with a draft, field by field; empty when it can be sent. */
export function draftProblems(d: TemplateDraft): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!d.name.trim()) out.push('name');
  if (!Number.isInteger(d.lengthMinutes) || d.lengthMinutes < 60 || d.lengthMinutes > 24 * 60) out.push('length');
  const from = minutesOf(d.earliest);
  const to = minutesOf(d.latest);
  if (from === null || to === null || to < from) out.push('window');
  if (!Number.isInteger(d.stepMinutes) || d.stepMinutes < 15 || d.stepMinutes > 240) out.push('step');
  if (d.days.length === 0) out.push('days');
  const b = d.break;
  if (
    b &&
    (!(b.durationMinutes > 0) ||
      b.afterMinutes < 0 ||
      b.latestAfterMinutes < b.afterMinutes ||
      b.latestAfterMinutes + b.durationMinutes > d.lengthMinutes)
  ) {
    out.push('break');
  }
  if (d.maxCount !== null && (!Number.isInteger(d.maxCount) || d.maxCount < 1)) out.push('maxCount');
  return out;
}

/** The API's template from a draft: a start window, days only when not every day, the break as
 * a window (or fixed when earliest and latest agree). */
export function draftToInput(d: TemplateDraft): ShiftTemplateInput {
  const input: ShiftTemplateInput = {
    id: d.id,
    name: d.name.trim() || d.id,
    lengthMinutes: d.lengthMinutes,
    startWindow: { from: d.earliest, to: d.latest, stepMinutes: d.stepMinutes },
  };
  if (d.days.length < WEEKDAYS.length) input.days = WEEKDAYS.filter((w) => d.days.includes(w));
  if (d.break) {
    input.breaks = [
      {
        afterMinutes: d.break.afterMinutes,
        ...(d.break.latestAfterMinutes > d.break.afterMinutes ? { latestAfterMinutes: d.break.latestAfterMinutes } : {}),
        durationMinutes: d.break.durationMinutes,
        paid: d.break.paid,
      },
    ];
  }
  if (d.maxCount !== null) input.maxCount = d.maxCount;
  return input;
}

/** Number of start times a draft offers (for the editor's hint). */
export function startCount(d: TemplateDraft): number {
  const from = minutesOf(d.earliest);
  const to = minutesOf(d.latest);
  if (from === null || to === null || to < from || !(d.stepMinutes > 0)) return 0;
  return Math.floor((to - from) / d.stepMinutes) + 1;
}

// ---------------------------------------------------------------------------------------------
// The shift plan's coverage chart

export interface CoverageColumns {
  x: number[];
  required: (number | null)[];
  scheduled: (number | null)[];
  under: (number | null)[];
}

/** Coverage rows on the day's 15-minute grid (x at each interval's middle, epoch seconds). */
export function coverageColumns(rows: readonly CoverageRow[], frame: Frame): CoverageColumns {
  const byStart = new Map<number, CoverageRow>();
  for (const r of rows) byStart.set(Date.parse(r.start), r);
  const cols: CoverageColumns = { x: [], required: [], scheduled: [], under: [] };
  for (let s = frame.fromMs; s < frame.toMs; s += frame.stepMs) {
    const r = byStart.get(s);
    cols.x.push((s + frame.stepMs / 2) / 1000);
    cols.required.push(r ? r.required : null);
    cols.scheduled.push(r ? r.scheduled : null);
    cols.under.push(r ? r.under : null);
  }
  return cols;
}

/** "billing_2026-11-23_shifts.csv": sorts by queue and day, safe on every file system. */
export function planCsvName(queue: string, date: string, kind: 'shifts' | 'coverage'): string {
  return `${queue.replace(/[^A-Za-z0-9._-]+/g, '_')}_${date}_${kind}.csv`;
}

// ---------------------------------------------------------------------------------------------
// The staffing gap, now

export type GapLevel = 'ok' | 'warn' | 'alert';

/**
 * Short by a little is amber, short by a lot red: red from 15 % of the requirement or 3 agents,
 * whichever is more (two agents short of four is a crisis, two short of sixty a normal minute).
 */
export function gapLevel(required: number, staffed: number): GapLevel {
  const short = required - staffed;
  if (short <= 0) return 'ok';
  return short >= Math.max(3, Math.ceil(required * 0.15)) ? 'alert' : 'warn';
}

export interface GapEntry {
  tenant: string;
  queue: string;
  required: number;
  staffed: number;
  gap: number;
  level: GapLevel;
}

/**
 * The wall's staffing line: queues the forecast needs agents for now, short ones first (most
 * short first), then the rest by name. `staffedNow` lets the wall use its live agent counts
 * instead of the server's (which are as of the last poll).
 */
export function gapEntries(
  byTenant: ReadonlyMap<string, readonly QueueStaffingNow[]>,
  staffedNow: (tenant: string, queue: string) => number | undefined,
  name: (tenant: string, queue: string) => string,
): GapEntry[] {
  const out: GapEntry[] = [];
  for (const [tenant, rows] of byTenant) {
    for (const r of rows) {
      if (r.requiredAgents <= 0) continue;
      const staffed = staffedNow(tenant, r.queue) ?? r.staffedAgents;
      out.push({ tenant, queue: r.queue, required: r.requiredAgents, staffed, gap: staffed - r.requiredAgents, level: gapLevel(r.requiredAgents, staffed) });
    }
  }
  return out.sort((a, b) => {
    const shortA = Math.min(0, a.gap);
    const shortB = Math.min(0, b.gap);
    if (shortA !== shortB) return shortA - shortB;
    return name(a.tenant, a.queue).localeCompare(name(b.tenant, b.queue));
  });
}

/** "−2", "+1", "±0" with a true minus sign. */
export function signed(n: number): string {
  if (n === 0) return '±0';
  return n > 0 ? `+${n}` : `−${-n}`;
}

/** Drafts kept from an earlier visit, if they still read as drafts; null otherwise. */
export function parseStoredTemplates(json: string | null): TemplateDraft[] | null {
  if (!json) return null;
  try {
    const list = JSON.parse(json) as unknown;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_TEMPLATES) return null;
    const ok = list.every(
      (d: Partial<TemplateDraft>) =>
        d &&
        typeof d.id === 'string' &&
        typeof d.name === 'string' &&
        typeof d.lengthMinutes === 'number' &&
        typeof d.earliest === 'string' &&
        typeof d.latest === 'string' &&
        typeof d.stepMinutes === 'number' &&
        Array.isArray(d.days) &&
        d.days.every((w) => WEEKDAYS.includes(w)) &&
        (d.break === null || (typeof d.break === 'object' && typeof d.break.afterMinutes === 'number')) &&
        (d.maxCount === null || typeof d.maxCount === 'number'),
    );
    return ok ? (list as TemplateDraft[]) : null;
  } catch {
    return null;
  }
}

/** True when the server's answer says it has no such field (an older server): not a failure to retry. */
export function isMissingField(message: string, field: string): boolean {
  return message.includes(field) && /Cannot query field|Unknown type|Unknown argument|Cannot query/.test(message);
}

export interface BreakGroup {
  minutes: number;
  paid: boolean;
  /** Break starts (ms), earliest first, with the agents taking the break then. */
  starts: { at: number; count: number }[];
}

/**
 * A shift's breaks grouped by length and pay, for one table cell: the solver may stagger one
 * shift's agents over several break times, and "30 min unpaid at 10:30 ×4, 11:00 ×3" reads in
 * a glance where seven start–end pairs do not.
 */
export function breakGroups(breaks: readonly { start: string; end: string; paid: boolean; count?: number }[]): BreakGroup[] {
  const groups = new Map<string, BreakGroup>();
  for (const b of breaks) {
    const at = Date.parse(b.start);
    const minutes = Math.round((Date.parse(b.end) - at) / 60_000);
    const key = `${minutes}|${b.paid}`;
    const g = groups.get(key) ?? { minutes, paid: b.paid, starts: [] };
    const same = g.starts.find((x) => x.at === at);
    if (same) same.count += b.count ?? 0;
    else g.starts.push({ at, count: b.count ?? 0 });
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, starts: g.starts.sort((x, y) => x.at - y.at) }))
    .sort((x, y) => x.starts[0]!.at - y.starts[0]!.at);
}
