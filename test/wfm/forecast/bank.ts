/**
 * The bank data (shared/data/forecast/bank_calls_2003_5min.csv: a North American retail bank's
 * 5-minute call volumes, weekdays 07:00-21:05, March-October 2003; fpp2 `calls`, R. J. Hyndman,
 * GPL-3), read in place, and the benchmark protocol of its README: day-ahead forecasts at 15
 * minutes for each of the last 30 weekdays, each made with only the history before its day.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  accumulate,
  dayOfIso,
  emptySums,
  forecastQueue,
  instantOf,
  localDayMinute,
  mae,
  prepareSeries,
  seasonalNaiveScale,
  trainingDays,
  wape,
  type ForecastRequest,
  type IntervalObservation,
  type QueueForecast,
} from '../../../server/wfm/forecast/index.ts';

export const BANK_FILE = fileURLToPath(new URL('../../../../shared/data/forecast/bank_calls_2003_5min.csv', import.meta.url));
/** A North American bank: Eastern time, so the data crosses the April 2003 DST change. */
export const BANK_ZONE = 'America/New_York';

export interface BankData {
  observations: IntervalObservation[];
  /** The days present (ISO), in order. */
  dates: string[];
}

let cached: BankData | undefined;

export function loadBank(): BankData {
  if (cached) return cached;
  const lines = readFileSync(BANK_FILE, 'utf8').trim().split(/\r?\n/);
  const header = lines[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  const [iDate, iTime, iCalls] = [col('date'), col('start_time'), col('calls')];
  const observations: IntervalObservation[] = [];
  const dates: string[] = [];
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    const date = f[iDate]!;
    const [h, m] = f[iTime]!.split(':').map(Number) as [number, number];
    if (dates[dates.length - 1] !== date) dates.push(date);
    observations.push({ start: instantOf(BANK_ZONE, dayOfIso(date), h * 60 + m), contacts: Number(f[iCalls]) });
  }
  cached = { observations, dates };
  return cached;
}

export function dayStart(date: string, zone = BANK_ZONE): number {
  return instantOf(zone, dayOfIso(date), 0);
}

/** Actual contacts per 15-minute interval start of one day (only intervals with data). */
export function actualsOf(observations: readonly IntervalObservation[], date: string, stepMinutes = 15, zone = BANK_ZONE): Map<number, number> {
  const from = dayStart(date, zone);
  const to = instantOf(zone, dayOfIso(date) + 1, 0);
  const out = new Map<number, number>();
  const stepMs = stepMinutes * 60_000;
  for (const o of observations) {
    if (o.start < from || o.start >= to) continue;
    const { minute } = localDayMinute(zone, o.start);
    const start = from + Math.floor(minute / stepMinutes) * stepMs; // no DST change inside the bank's days
    out.set(start, (out.get(start) ?? 0) + o.contacts);
  }
  return out;
}

export interface DayAheadResult {
  mase: number;
  wape: number;
  mae: number;
  /** One-week seasonal naive MAE over the history before the first test day. */
  scale: number;
  /** Methods chosen, by count. */
  chosen: Record<string, number>;
  forecasts: QueueForecast[];
}

/**
 * Day-ahead forecasts of each test date from the history strictly before it (asOf = local
 * midnight), scored over every interval with data.
 */
export function dayAhead(testDates: readonly string[], request: Partial<ForecastRequest> = {}, data = loadBank()): DayAheadResult {
  const sums = emptySums();
  const chosen: Record<string, number> = {};
  const forecasts: QueueForecast[] = [];
  for (const date of testDates) {
    const asOf = dayStart(date);
    const to = instantOf(BANK_ZONE, dayOfIso(date) + 1, 0);
    const f = forecastQueue(data.observations, { timeZone: BANK_ZONE, stepMinutes: 15, ...request, asOf, from: asOf, to });
    forecasts.push(f);
    chosen[f.method] = (chosen[f.method] ?? 0) + 1;
    const actual = actualsOf(data.observations, date);
    const byStart = new Map(f.points.map((p) => [p.start, p.contacts]));
    const starts = [...actual.keys()];
    accumulate(
      sums,
      starts.map((s) => byStart.get(s) ?? 0),
      starts.map((s) => actual.get(s)!),
    );
  }
  const scale = bankScale(testDates[0]!, data);
  return { mase: mae(sums) / scale, wape: wape(sums), mae: mae(sums), scale, chosen, forecasts };
}

/** In-sample one-week seasonal naive MAE (15 min) of the open days before `date`. */
export function bankScale(date: string, data = loadBank()): number {
  const series = prepareSeries(data.observations, { timeZone: BANK_ZONE, stepMinutes: 15, asOf: dayStart(date) });
  return seasonalNaiveScale(trainingDays(series));
}

export function lastWeekdays(n = 30, data = loadBank()): string[] {
  return data.dates.slice(-n);
}

export interface IntradayResult {
  /** MAE of the rest of the day (intervals from the cut-off on), plain day-ahead forecast. */
  plainMae: number;
  /** Same, reforecast from the day's actuals before the cut-off. */
  reforecastMae: number;
  plainWape: number;
  reforecastWape: number;
  /** Days on which the guard let the reforecast apply. */
  applied: number;
}

/**
 * Intraday reforecast at a local cut-off (minutes after midnight) on each test date: asOf is the
 * cut-off, so the day's intervals before it are known; the rest of the day is scored with and
 * without the reforecast (the plain forecast is the reforecast divided by its factor).
 */
export function intraday(testDates: readonly string[], cutoffMinute: number, request: Partial<ForecastRequest> = {}, data = loadBank()): IntradayResult {
  const plain = emptySums();
  const re = emptySums();
  let applied = 0;
  for (const date of testDates) {
    const from = dayStart(date);
    const asOf = instantOf(BANK_ZONE, dayOfIso(date), cutoffMinute);
    const to = instantOf(BANK_ZONE, dayOfIso(date) + 1, 0);
    const f = forecastQueue(data.observations, { timeZone: BANK_ZONE, stepMinutes: 15, ...request, asOf, from, to });
    const factor = f.intraday?.factor ?? 1;
    if (f.intraday && f.intraday.shrink !== null) applied++;
    const actual = actualsOf(data.observations, date);
    const rest = f.points.filter((p) => p.start >= asOf && actual.has(p.start));
    accumulate(
      re,
      rest.map((p) => p.contacts),
      rest.map((p) => actual.get(p.start)!),
    );
    accumulate(
      plain,
      rest.map((p) => p.contacts / factor),
      rest.map((p) => actual.get(p.start)!),
    );
  }
  return { plainMae: mae(plain), reforecastMae: mae(re), plainWape: wape(plain), reforecastWape: wape(re), applied };
}
