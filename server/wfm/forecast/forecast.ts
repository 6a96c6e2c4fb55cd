/**
 * One queue's interval forecast as the API asks for it: from the queue's past intervals, as of
 * an instant, for a range of intervals at a step, with the method chosen by backtest, its
 * accuracy, and contacts and AHT per interval.
 *
 * Days of the range:
 * - from today (the local day of asOf) on: the chosen method trained on every open day before
 *   today; days expected closed (listed closures, weekdays that are usually closed) get zero
 *   contacts. Today's intervals from asOf on are reforecast from today's actuals so far
 *   (intraday.ts) when the backtest says it helps at this time of day.
 * - before today: what the chosen method would have forecast the day before (trained on the
 *   open days before that day), so a past range compares forecast with actual honestly.
 */
import { ahtForecast } from './aht.ts';
import { backtest, type MethodScore } from './backtest.ts';
import { localDayMinute, zoneOffsetMs, weekdayOf } from './calendar.ts';
import { chooseShrink, reforecast } from './intraday.ts';
import { METHOD_NAMES, methodByName, type MethodCache, type MethodName, type TargetDay } from './methods.ts';
import {
  expectedAfterClosure,
  expectedOpen,
  prepareSeries,
  trainingDays,
  type IntervalObservation,
  type SeriesDay,
  type SeriesOptions,
  type StepMinutes,
} from './series.ts';

export interface ForecastRequest extends SeriesOptions {
  /** Intervals starting in [from, to) are forecast (from is aligned down to the step). */
  from: number;
  to: number;
  /** Use this method instead of the backtest's choice (its backtest accuracy is still given). */
  method?: MethodName;
  /** The methods that compete (default: all of METHOD_NAMES). */
  methods?: readonly MethodName[];
  /** Backtest origins (default 20); 0 skips the backtest, and with it the choice and the reforecast guard. */
  backtestOrigins?: number;
  /** Reforecast today from its actuals so far (default true). */
  intraday?: boolean;
}

export interface ForecastPoint {
  /** Interval start, epoch ms. */
  start: number;
  /** Expected offered contacts. */
  contacts: number;
  /** Expected average handle time, seconds; null outside opening hours or without AHT history. */
  ahtSeconds: number | null;
}

export interface QueueForecast {
  method: MethodName;
  /** Day-ahead accuracy of the method over the backtest days; null without a backtest. */
  accuracy: { mase: number; wape: number; origins: number } | null;
  /** Every competing method's backtest score. */
  candidates: MethodScore[];
  stepMinutes: StepMinutes;
  /** Today's reforecast: intervals observed, the shrink chosen (null: not applied) and the factor. */
  intraday: { observedIntervals: number; shrink: number | null; factor: number } | null;
  points: ForecastPoint[];
}

export function forecastQueue(history: readonly IntervalObservation[], request: ForecastRequest): QueueForecast {
  const series = prepareSeries(history, request);
  const step = series.stepMinutes;
  const zone = series.timeZone;
  const { first, width } = series.window;
  const rows = trainingDays(series);
  const names = request.method ? [request.method] : (request.methods ?? METHOD_NAMES);
  if (names.length === 0) throw new RangeError('no forecast method to choose from');
  const pool = names.map(methodByName);
  const origins = request.backtestOrigins ?? 20;
  const caches = new Map<MethodName, MethodCache>();
  const bt = origins > 0 ? backtest(rows, pool, width, { origins, caches }) : null;
  const method = request.method ?? bt?.best ?? (names.includes('weekday-average') ? 'weekday-average' : names[0]!);
  const chosen = pool.find((m) => m.name === method) ?? methodByName(method);
  const score = bt?.scores.find((s) => s.method === method);

  // Interval starts of the range, grouped by local day.
  const stepMs = step * 60_000;
  const starts = new Map<number, { start: number; slot: number }[]>();
  const offset = zoneOffsetMs(zone, request.from);
  for (let t = request.from - ((((request.from + offset) % stepMs) + stepMs) % stepMs); t < request.to; t += stepMs) {
    const { day, minute } = localDayMinute(zone, t);
    let list = starts.get(day);
    if (!list) starts.set(day, (list = []));
    list.push({ start: t, slot: Math.floor(minute / step) - first });
  }

  const today = series.today.day;
  const firstDay = series.days[0]?.day ?? today;
  const contactsOf = new Map<number, Float64Array>();
  const open = new Set<number>();

  // Future (today on): one batch.
  const future: TargetDay[] = [];
  let ahead = 0;
  const lastTarget = Math.max(-Infinity, ...starts.keys());
  for (let d = today; d <= lastTarget; d++) {
    if (!expectedOpen(series, d)) continue;
    ahead++;
    if (starts.has(d)) future.push({ day: d, weekday: weekdayOf(d), afterClosure: expectedAfterClosure(series, d), ahead });
  }
  if (future.length) {
    chosen.forecast(rows, future, width, caches.get(method)).forEach((f, i) => {
      contactsOf.set(future[i]!.day, f);
      open.add(future[i]!.day);
    });
  }

  // Past: the day-ahead forecast each day had (from the backtest when it is one of its days).
  const backtested = new Map<number, Float64Array>();
  const btForecasts = bt?.forecasts.get(method);
  if (bt && btForecasts) bt.origins.forEach((o, i) => backtested.set(o.day, btForecasts[i]!));
  for (const d of starts.keys()) {
    if (d >= today || d < firstDay) continue;
    const rec = series.days[d - firstDay]!;
    if (rec.status === 'closed') continue;
    open.add(d);
    const prefix = rows.filter((r) => r.day < d);
    const f =
      backtested.get(d) ?? chosen.forecast(prefix, [{ day: d, weekday: rec.weekday, afterClosure: rec.afterClosure, ahead: 1 }], width)[0]!;
    contactsOf.set(d, f);
  }

  // Intraday reforecast of today.
  let intraday: QueueForecast['intraday'] = null;
  const todayForecast = contactsOf.get(today);
  if (request.intraday !== false && todayForecast && series.today.observed > 0) {
    const observed = series.today.observed;
    const shrink = bt && btForecasts ? chooseShrink(btForecasts, bt.origins.map((o) => o.contacts), observed) : null;
    const { contacts, factor } = reforecast(todayForecast, series.today.contacts, observed, shrink);
    // Intervals already observed keep the plain forecast, for forecast-vs-actual views.
    contactsOf.set(today, contacts);
    intraday = { observedIntervals: observed, shrink, factor };
  }

  // AHT per day, from the days before it (before today for the future).
  const ahtCache = new Map<string, (number | null)[]>();
  const ahtOf = (d: number): (number | null)[] => {
    const cutoff = Math.min(d, today);
    const key = `${cutoff}|${weekdayOf(d)}`;
    let a = ahtCache.get(key);
    if (!a) {
      const upto: readonly SeriesDay[] = series.days.slice(0, Math.max(0, cutoff - firstDay));
      a = ahtForecast(upto, weekdayOf(d), width);
      ahtCache.set(key, a);
    }
    return a;
  };

  const points: ForecastPoint[] = [];
  for (const [d, list] of starts) {
    const f = contactsOf.get(d);
    const aht = open.has(d) && f ? ahtOf(d) : null;
    for (const { start, slot } of list) {
      const inside = f !== undefined && slot >= 0 && slot < width;
      points.push({ start, contacts: inside ? f[slot]! : 0, ahtSeconds: inside && aht ? (aht[slot] ?? null) : null });
    }
  }
  return {
    method,
    accuracy: score ? { mase: score.mase, wape: score.wape, origins: bt!.origins.length } : null,
    candidates: bt ? [...bt.scores] : [],
    stepMinutes: step,
    intraday,
    points,
  };
}
