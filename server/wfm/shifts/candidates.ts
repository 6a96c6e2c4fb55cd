/**
 * Every shift the plan may use: a template started at one of its local start times on one of its
 * days, in the time zone of the plan, with how much of each interval it works.
 *
 * - A candidate starts inside the horizon (at or after the first interval's start, before the
 *   last one's end). It may run past the end: that time is paid and covers nothing here. Shifts
 *   from before the horizon (last night's) come in as `alreadyScheduled`.
 * - Start times are local wall-clock times. A time that does not exist on a day (02:30 when the
 *   clocks spring forward) is skipped that day; an ambiguous one (autumn) is its first occurrence.
 *   The length is elapsed time: an 8-hour shift across a DST change still lasts 8 hours.
 * - Coverage is the fraction of an interval worked: 1 when a shift is on for the whole interval,
 *   1/3 for 5 minutes of a 15-minute one. Start times and breaks on the interval grid give whole
 *   agents; off-grid ones give agent-equivalents, which is what the interval actually gets.
 * - A break with a single allowed start (fixed) is folded into the shift's coverage. A break with
 *   a window gets one option per allowed start; the model decides how many agents take which.
 */
import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from './types.ts';
import type { Problem } from './input.ts';

/** Sparse row of interval fractions: parallel interval indices (increasing) and fractions. */
export interface Sparse {
  index: number[];
  value: number[];
}

export interface BreakOption {
  /** Minutes after the shift start. */
  offset: number;
  /** Fractions of each interval the break takes. */
  cover: Sparse;
}

export interface Candidate {
  template: number;
  /** Local date of the start, 'YYYY-MM-DD'. */
  day: string;
  weekday: Weekday;
  start: number;
  end: number;
  /** Fractions of each interval worked: the shift less its fixed breaks. */
  cover: Sparse;
  /** Per break of the template, in order: one option for a fixed break, several for a window. */
  breaks: BreakOption[][];
}

/** The intervals that [from, to) overlaps, with the fraction of each it covers. */
export function overlap(problem: Problem, from: number, to: number): Sparse {
  const { starts, widthMs } = problem;
  // First interval whose end is after `from`.
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! + widthMs <= from) lo = mid + 1;
    else hi = mid;
  }
  const index: number[] = [];
  const value: number[] = [];
  for (let i = lo; i < starts.length && starts[i]! < to; i++) {
    const s = starts[i]!;
    const minutes = Math.min(to, s + widthMs) - Math.max(from, s);
    if (minutes > 0) {
      index.push(i);
      value.push(minutes / widthMs);
    }
  }
  return { index, value };
}

/** a − b for sparse rows whose indices of b are a subset of a's (a break lies inside its shift). */
function subtract(a: Sparse, b: Sparse): Sparse {
  const value = a.value.slice();
  let k = 0;
  for (let j = 0; j < b.index.length; j++) {
    while (a.index[k] !== b.index[j]) k++;
    value[k]! -= b.value[j]!;
  }
  const out: Sparse = { index: [], value: [] };
  a.index.forEach((i, n) => {
    const v = value[n]!;
    if (v > 1e-12) {
      out.index.push(i);
      out.value.push(v);
    }
  });
  return out;
}

export function candidates(problem: Problem): Candidate[] {
  const { zone, starts, widthMs, templates } = problem;
  const horizonStart = starts[0]!;
  const horizonEnd = starts[starts.length - 1]! + widthMs;
  const out: Candidate[] = [];
  for (let day = DateTime.fromMillis(horizonStart, { zone }).startOf('day'); day.toMillis() < horizonEnd; day = day.plus({ days: 1 }).startOf('day')) {
    const date = day.toISODate()!;
    templates.forEach((template, t) => {
      if (!template.days.has(day.weekday)) return;
      for (const minuteOfDay of template.startMinutes) {
        const hour = Math.floor(minuteOfDay / 60);
        const minute = minuteOfDay % 60;
        const at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
        if (at.hour !== hour || at.minute !== minute) continue; // skipped by a DST change
        const start = at.toMillis();
        if (start < horizonStart || start >= horizonEnd) continue;
        const end = start + template.length * 60_000;
        let cover = overlap(problem, start, end);
        const breaks: BreakOption[][] = template.breaks.map((b) =>
          b.offsets.map((offset) => {
            const from = start + offset * 60_000;
            return { offset, cover: overlap(problem, from, from + b.duration * 60_000) };
          }),
        );
        for (const options of breaks) if (options.length === 1) cover = subtract(cover, options[0]!.cover);
        out.push({ template: t, day: date, weekday: WEEKDAYS[day.weekday - 1]!, start, end, cover, breaks });
      }
    });
  }
  return out;
}
