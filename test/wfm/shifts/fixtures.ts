/**
 * A realistic planning input (requirement from the staffing maths over a day or a week of a
 * 24-hour voice queue, three templates with break windows) and a greedy planner to compare with.
 * Shared by shifts.test.ts and measure.ts.
 */
import { DateTime } from 'luxon';
import { staffing } from '../../../server/wfm/index.ts';
import type { PlanInterval, ShiftPlanInput, ShiftTemplate } from '../../../server/wfm/shifts/index.ts';

export const ZONE = 'Europe/Paris';

/** Calls per hour at local time h (0–24): a quiet night, a morning peak at 10:30 and an afternoon one at 14:30. */
function arrivalsPerHour(h: number, dayFactor: number): number {
  const bump = (centre: number, width: number, height: number) => height * Math.exp(-((h - centre) ** 2) / (2 * width ** 2));
  return dayFactor * (25 + bump(10.5, 1.8, 520) + bump(14.5, 2.2, 430) + bump(19, 1.5, 160));
}

/** Weekday volume relative to Monday (Mondays highest, weekends low), wfm.md §3.1. */
const DAY_FACTORS = [1, 0.95, 0.92, 0.93, 0.88, 0.55, 0.4];

/**
 * `days` local days from Monday 2026-11-23 in ZONE, 15-minute intervals: scheduled agents per
 * interval for Erlang C, AHT 300 s, 80 % within 20 s, 85 % occupancy cap, 30 % shrinkage.
 */
export function requirementIntervals(days: number): PlanInterval[] {
  const out: PlanInterval[] = [];
  const first = DateTime.fromISO('2026-11-23T00:00', { zone: ZONE });
  const end = first.plus({ days }).toMillis();
  for (let ms = first.toMillis(); ms < end; ms += 900_000) {
    const local = DateTime.fromMillis(ms, { zone: ZONE });
    const h = local.hour + local.minute / 60 + 7.5 / 60;
    const day = Math.floor(local.diff(first, 'days').days);
    const arrivals = arrivalsPerHour(h, DAY_FACTORS[day % 7]!);
    const r = staffing({
      model: 'ERLANG_C',
      arrivalsPerHour: arrivals,
      ahtSeconds: 300,
      thresholdSeconds: 20,
      targetServiceLevel: 0.8,
      maxOccupancy: 0.85,
      shrinkage: 0.3,
    });
    out.push({ start: ms, required: r.scheduledAgents });
  }
  return out;
}

export const TEMPLATES: ShiftTemplate[] = [
  {
    id: 'FT8',
    name: 'Full time 8 h',
    lengthMinutes: 480,
    startWindow: { from: '00:00', to: '16:00', stepMinutes: 30 },
    breaks: [
      { afterMinutes: 105, latestAfterMinutes: 150, durationMinutes: 15, paid: true },
      { afterMinutes: 210, latestAfterMinutes: 270, durationMinutes: 30, paid: false },
      { afterMinutes: 345, latestAfterMinutes: 390, durationMinutes: 15, paid: true },
    ],
  },
  {
    id: 'PT6',
    name: 'Part time 6 h',
    lengthMinutes: 360,
    startWindow: { from: '06:00', to: '18:00', stepMinutes: 60 },
    breaks: [
      { afterMinutes: 120, latestAfterMinutes: 180, durationMinutes: 15, paid: true },
      { afterMinutes: 240, latestAfterMinutes: 270, durationMinutes: 15, paid: true },
    ],
  },
  {
    id: 'PT4',
    name: 'Part time 4 h',
    lengthMinutes: 240,
    startWindow: { from: '07:00', to: '20:00', stepMinutes: 30 },
    breaks: [{ afterMinutes: 90, latestAfterMinutes: 150, durationMinutes: 15, paid: true }],
  },
];

/** An 8-hour night shift from 22:00: couples each day to the next, so a week is one MIP. */
export const NIGHT: ShiftTemplate = {
  id: 'N8',
  name: 'Night 8 h',
  lengthMinutes: 480,
  startTimes: ['22:00', '23:00'],
  breaks: [{ afterMinutes: 180, latestAfterMinutes: 300, durationMinutes: 30, paid: true }],
};

export function realisticInput(days: number, options: ShiftPlanInput['options'] = {}, templates = TEMPLATES): ShiftPlanInput {
  return { timeZone: ZONE, intervals: requirementIntervals(days), templates, options };
}

export interface GreedyPlan {
  shifts: number;
  paidMinutes: number;
  scheduled: number[];
  under: number;
}

/**
 * The classic greedy: walk the intervals in time order; while one is short, add the shift that
 * covers it and closes the most remaining shortfall per paid minute, each of its breaks at the
 * allowed time with the most cover to spare. Whole intervals only (starts on the grid).
 */
export function greedyPlan(input: ShiftPlanInput): GreedyPlan {
  const width = 900_000;
  const starts = input.intervals.map((i) => i.start);
  const required = input.intervals.map((i) => i.required);
  const scheduled = new Array<number>(starts.length).fill(0);
  const index = new Map(starts.map((s, i) => [s, i]));
  const horizonEnd = starts[starts.length - 1]! + width;
  interface Option {
    start: number;
    template: ShiftTemplate;
    paid: number;
  }
  const options: Option[] = [];
  for (let day = DateTime.fromMillis(starts[0]!, { zone: input.timeZone }).startOf('day'); day.toMillis() < horizonEnd; day = day.plus({ days: 1 })) {
    for (const template of input.templates) {
      const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
      const allowed = (template.startTimes ?? []).map(minutes);
      const w = template.startWindow;
      if (w) for (let m = minutes(w.from); m <= minutes(w.to); m += w.stepMinutes) allowed.push(m);
      for (const m of allowed) {
        const start = day.set({ hour: Math.floor(m / 60), minute: m % 60 }).toMillis();
        if (start < starts[0]! || start >= horizonEnd) continue;
        const unpaid = (template.breaks ?? []).reduce((s, b) => s + (b.paid ? 0 : b.durationMinutes), 0);
        options.push({ start, template, paid: template.lengthMinutes - unpaid });
      }
    }
  }
  /** Interval indices the option works, with its breaks placed against the current cover. */
  const place = (o: Option): number[] => {
    const slots = new Set<number>();
    for (let k = 0; k < o.template.lengthMinutes / 15; k++) {
      const i = index.get(o.start + k * width);
      if (i !== undefined) slots.add(i);
    }
    for (const b of o.template.breaks ?? []) {
      let best: number[] = [];
      let bestSpare = -Infinity;
      for (let off = b.afterMinutes; off <= (b.latestAfterMinutes ?? b.afterMinutes); off += 15) {
        const taken: number[] = [];
        for (let k = 0; k < b.durationMinutes / 15; k++) {
          const i = index.get(o.start + (off / 15 + k) * width);
          if (i !== undefined) taken.push(i);
        }
        const spare = Math.min(...taken.map((i) => scheduled[i]! - required[i]!));
        if (spare > bestSpare) {
          bestSpare = spare;
          best = taken;
        }
      }
      for (const i of best) slots.delete(i);
    }
    return [...slots];
  };
  let shifts = 0;
  let paidMinutes = 0;
  for (let t = 0; t < starts.length; t++) {
    while (scheduled[t]! < required[t]!) {
      let best: { slots: number[]; paid: number } | null = null;
      let bestScore = 0;
      for (const o of options) {
        if (o.start > starts[t]! || o.start + o.template.lengthMinutes * 60_000 <= starts[t]!) continue;
        const slots = place(o);
        if (!slots.includes(t)) continue;
        const gain = slots.reduce((s, i) => s + (scheduled[i]! < required[i]! ? 1 : 0), 0);
        if (gain / o.paid > bestScore) {
          bestScore = gain / o.paid;
          best = { slots, paid: o.paid };
        }
      }
      if (best === null) break; // nothing covers t: leave it short
      for (const i of best.slots) scheduled[i]!++;
      shifts++;
      paidMinutes += best.paid;
    }
  }
  const under = required.reduce((s, r, i) => s + Math.max(0, r - scheduled[i]!), 0);
  return { shifts, paidMinutes, scheduled, under };
}
