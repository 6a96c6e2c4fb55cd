/**
 * A starting plan for the MIP, from its LP relaxation: round every shift count down, place each
 * agent's windowed breaks where cover is most to spare, then add the shift that closes the most
 * remaining shortfall per paid minute until no shift pays for itself (LP rounding with greedy
 * repair, the textbook start for set covering).
 *
 * HiGHS proves the LP bound of these models quickly but can take many seconds at the root node to
 * find a good whole-number plan by itself (measured: 6–9 s for a realistic day in the WebAssembly
 * build). Handed this start, it begins within a percent or so of the bound and improves from
 * there, so a time limit still returns a good plan. The start is only a candidate: HiGHS checks
 * it, and the plan returned is HiGHS' incumbent.
 */
import type { Candidate } from './candidates.ts';
import type { Problem } from './input.ts';

export interface StartModel {
  numCols: number;
  used: number[];
  xColumn: number[];
  yColumns: (number[] | null)[][];
  /** Coverage row of each interval, −1 when it needs no one; slack column = firstSlack + row. */
  coverRow: Int32Array;
  firstSlack: number;
}

export function roundedStart(problem: Problem, all: Candidate[], model: StartModel, lp: Float64Array): Float64Array {
  const intervals = problem.starts.length;
  const need = new Float64Array(intervals);
  for (let t = 0; t < intervals; t++) need[t] = Math.max(0, problem.required[t]! - problem.already[t]!);
  const cover = new Float64Array(intervals);
  const value = new Float64Array(model.numCols);
  const perDay = new Map<string, number>();
  const perTemplateDay = new Map<string, number>();

  const shifts = model.used.map((i, k) => ({ k, c: all[i]!, template: problem.templates[all[i]!.template]! }));
  const allowed = ({ c, template }: (typeof shifts)[number]) =>
    (problem.maxAgentsPerDay === null || (perDay.get(c.day) ?? 0) < problem.maxAgentsPerDay) &&
    (template.maxCount === null || (perTemplateDay.get(`${c.template}|${c.day}`) ?? 0) < template.maxCount);

  const work = (s: (typeof shifts)[number]) => {
    const { c } = s;
    value[model.xColumn[s.k]!]! += 1;
    perDay.set(c.day, (perDay.get(c.day) ?? 0) + 1);
    const key = `${c.template}|${c.day}`;
    perTemplateDay.set(key, (perTemplateDay.get(key) ?? 0) + 1);
    c.cover.index.forEach((t, n) => (cover[t]! += c.cover.value[n]!));
  };
  /** The allowed time for one more agent's break with the most cover to spare (shortfall it adds, then spare). */
  const bestOption = (options: Candidate['breaks'][number]): number => {
    let best = 0;
    let bestShort = Infinity;
    let bestSpare = -Infinity;
    options.forEach((option, o) => {
      let spare = Infinity;
      let short = 0;
      option.cover.index.forEach((t, n) => {
        const after = cover[t]! - option.cover.value[n]! - need[t]!;
        spare = Math.min(spare, after);
        short += Math.min(option.cover.value[n]!, Math.max(0, -after));
      });
      if (short < bestShort - 1e-9 || (short <= bestShort + 1e-9 && spare > bestSpare)) {
        bestShort = short;
        bestSpare = spare;
        best = o;
      }
    });
    return best;
  };
  const place = (option: Candidate['breaks'][number][number], column: number, agents: number) => {
    option.cover.index.forEach((t, n) => (cover[t]! -= agents * option.cover.value[n]!));
    value[column]! += agents;
  };
  /** One agent of s takes each windowed break at the best allowed time. */
  const takeBreaks = (s: (typeof shifts)[number]) => {
    s.c.breaks.forEach((options, b) => {
      const columns = model.yColumns[s.k]![b];
      if (!columns) return; // fixed: already out of the shift's cover
      const best = bestOption(options);
      place(options[best]!, columns[best]!, 1);
    });
  };
  /** Moves breaks one agent at a time to the best time given all the others, until none moves. */
  const improveBreaks = () => {
    for (let pass = 0, moved = true; moved && pass < 5; pass++) {
      moved = false;
      for (const s of shifts) {
        s.c.breaks.forEach((options, b) => {
          const columns = model.yColumns[s.k]![b];
          if (!columns) return;
          options.forEach((option, o) => {
            let agents = value[columns[o]!]!;
            while (agents-- > 0) {
              place(option, columns[o]!, -1);
              const best = bestOption(options);
              place(options[best]!, columns[best]!, 1);
              if (best !== o) moved = true;
              else break;
            }
          });
        });
      }
    }
  };

  // Round down, then place the breaks of those agents against the cover of them all.
  const rounded = shifts.map((s) => Math.floor(lp[model.xColumn[s.k]!]! + 1e-6));
  shifts.forEach((s, n) => {
    for (let a = 0; a < rounded[n]!; a++) work(s);
  });
  shifts.forEach((s, n) => {
    for (let a = 0; a < rounded[n]!; a++) takeBreaks(s);
  });

  // Repair: add the shift closing the most shortfall per paid minute while that pays for itself.
  for (;;) {
    let best: (typeof shifts)[number] | null = null;
    let bestRatio = 0;
    for (const s of shifts) {
      if (!allowed(s)) continue;
      let gain = 0;
      s.c.cover.index.forEach((t, n) => (gain += Math.min(s.c.cover.value[n]!, Math.max(0, need[t]! - cover[t]!))));
      if (gain * problem.penalty <= s.template.paidMinutes + 1e-9) continue;
      const ratio = gain / Math.max(s.template.paidMinutes, 1e-9);
      if (ratio > bestRatio) {
        bestRatio = ratio;
        best = s;
      }
    }
    if (best === null) break;
    work(best);
    takeBreaks(best);
  }

  // Prune: drop agents whose hours are all over-covered, longest shifts first, after moving
  // breaks to where cover is to spare; again until nothing changes.
  const byPaid = shifts.slice().sort((a, b) => b.template.paidMinutes - a.template.paidMinutes);
  for (let changed = true, round = 0; changed && round < 5; round++) {
    changed = false;
    improveBreaks();
    for (const s of byPaid) {
      while (value[model.xColumn[s.k]!]! > 0 && dropAgent(s)) changed = true;
    }
  }
  /** Takes one agent of s off if every interval it works stays covered; its breaks go with it. */
  function dropAgent(s: (typeof shifts)[number]): boolean {
    const delta = new Map<number, number>();
    s.c.cover.index.forEach((t, n) => delta.set(t, -s.c.cover.value[n]!));
    const offsets: number[] = [];
    s.c.breaks.forEach((options, b) => {
      const columns = model.yColumns[s.k]![b];
      if (!columns) return;
      // The agent's break: of the times in use, the one that gives back the least cover.
      let pick = -1;
      columns.forEach((col, o) => {
        if (value[col]! > 0 && pick < 0) pick = o;
      });
      offsets.push(pick);
      const option = options[pick]!;
      option.cover.index.forEach((t, n) => delta.set(t, (delta.get(t) ?? 0) + option.cover.value[n]!));
    });
    for (const [t, d] of delta) if (d < 0 && cover[t]! + d < need[t]! - 1e-9) return false;
    for (const [t, d] of delta) cover[t]! += d;
    value[model.xColumn[s.k]!]! -= 1;
    let n = 0;
    s.c.breaks.forEach((_, b) => {
      const columns = model.yColumns[s.k]![b];
      if (columns) value[columns[offsets[n++]!]!]! -= 1;
    });
    perDay.set(s.c.day, perDay.get(s.c.day)! - 1);
    const key = `${s.c.template}|${s.c.day}`;
    perTemplateDay.set(key, perTemplateDay.get(key)! - 1);
    return true;
  }

  for (let t = 0; t < intervals; t++) {
    const row = model.coverRow[t]!;
    if (row >= 0) value[model.firstSlack + row] = Math.max(0, need[t]! - cover[t]!);
  }
  return value;
}
