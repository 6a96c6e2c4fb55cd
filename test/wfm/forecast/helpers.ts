/** Hand-made series for the forecast tests. */
import { dayOfIso, instantOf, weekdayOf, type IntervalObservation } from '../../../server/wfm/forecast/index.ts';

export const ZONE = 'Europe/Madrid';

export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

/** Standard normal from a uniform source (Box-Muller). */
export function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(next(), 1e-300))) * Math.cos(2 * Math.PI * next());
}

export interface MakeOptions {
  /** First and last local dates, inclusive. */
  from: string;
  to: string;
  zone?: string;
  /** Width of the intervals of the data, minutes (default 15). */
  stepMinutes?: number;
  /** Open hours, local minutes [open, close) (default 08:00-18:00). */
  open?: number;
  close?: number;
  /** Weekdays open, Monday = 0 (default Monday-Friday). */
  weekdays?: readonly number[];
  /** Dates without data (holidays). */
  skip?: readonly string[];
  /** Contacts of an interval. */
  value: (day: number, minute: number, weekday: number) => number;
  ahtSeconds?: (day: number, minute: number) => number;
}

export function makeSeries(o: MakeOptions): IntervalObservation[] {
  const zone = o.zone ?? ZONE;
  const step = o.stepMinutes ?? 15;
  const open = o.open ?? 8 * 60;
  const close = o.close ?? 18 * 60;
  const weekdays = new Set(o.weekdays ?? [0, 1, 2, 3, 4]);
  const skip = new Set((o.skip ?? []).map(dayOfIso));
  const out: IntervalObservation[] = [];
  for (let day = dayOfIso(o.from); day <= dayOfIso(o.to); day++) {
    const weekday = weekdayOf(day);
    if (!weekdays.has(weekday) || skip.has(day)) continue;
    for (let minute = open; minute < close; minute += step) {
      const obs: IntervalObservation = { start: instantOf(zone, day, minute), contacts: o.value(day, minute, weekday) };
      if (o.ahtSeconds) obs.ahtSeconds = o.ahtSeconds(day, minute);
      out.push(obs);
    }
  }
  return out;
}

/** A smooth intraday curve on 08:00-18:00 with a late-morning and an afternoon peak. */
export function curve(minute: number): number {
  const h = minute / 60;
  return 0.4 + Math.exp(-(((h - 11) / 1.5) ** 2)) + 0.7 * Math.exp(-(((h - 15) / 1.8) ** 2));
}

/** Level of each weekday, Monday busiest. */
export const WEEKDAY_LEVEL = [1.3, 1.1, 1, 0.95, 0.9, 0.5, 0.4];

export const midnight = (date: string, zone = ZONE) => instantOf(zone, dayOfIso(date), 0);
