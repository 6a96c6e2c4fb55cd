/**
 * Daily queue numbers computed straight from the call records and the definitions in
 * shared/design/metrics.md, as the reference a replay through Floorboard is checked against.
 *
 * Deliberately shares no code with the server (nothing under server/ is imported) and
 * nothing with the record-to-event mapping beyond the parsed record: the interval is the
 * local calendar day of q_start as the record reads it, waits are the data's own q_time
 * column and talk times its ser_time column, not differences of converted instants. If the
 * mapping or the server mis-placed a time, the two would disagree.
 *
 * The definitions, for a day D and queue Q, over the records that entered Q on day D
 * (q_start on D; PHANTOM records are not calls and are left out):
 * - offered: those records.
 * - answered: outcome AGENT with a q_exit (an answer time); wait = q_time.
 * - answeredWithinThreshold: answered with wait <= T.
 * - abandoned: outcome HANG with a q_exit; wait = q_time. shortAbandoned: wait < S.
 * - overflowed: none (the data has no system-rule exits).
 * - handled: answered with ser_start and ser_exit (the call's work ended; no wrap-up in the data).
 * - serviceLevel (ANSWERED_OF_OFFERED_EXCL_SHORT, the default): A(T) / (A + Ab + F − Ab(S)).
 * - asaSeconds: sum of waits of answered / A. ahtSeconds: sum of ser_time of handled / handled.
 * - abandonRate: Ab / (A + Ab + F). maxWaitSeconds: the longest wait of an answered or abandoned record.
 * Each ratio is null when its denominator is zero.
 */

/** The parts of a record these numbers read. */
export interface StatsRecord {
  readonly type: string;
  readonly outcome: string;
  readonly qStart: { readonly date: string } | null;
  readonly qExit: unknown | null;
  readonly serStart: unknown | null;
  readonly serExit: unknown | null;
  readonly qTime: number;
  readonly serTime: number;
}

export interface Thresholds {
  /** T: service-level threshold, seconds (voice default 20). */
  readonly T: number;
  /** S: short-abandon threshold, seconds (default 5). */
  readonly S: number;
}

export interface DailyQueueStats {
  /** Local calendar day YYYY-MM-DD the contacts entered the queue. */
  readonly day: string;
  readonly queue: string;
  readonly offered: number;
  readonly answered: number;
  readonly answeredWithinThreshold: number;
  readonly abandoned: number;
  readonly shortAbandoned: number;
  readonly overflowed: number;
  readonly handled: number;
  readonly serviceLevel: number | null;
  readonly asaSeconds: number | null;
  readonly ahtSeconds: number | null;
  readonly abandonRate: number | null;
  readonly maxWaitSeconds: number | null;
}

interface Tally {
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  handled: number;
  waitAnswered: number;
  talk: number;
  maxWait: number | null;
}

/** Per day and queue, sorted by day then queue. Defaults: T = 20 s, S = 5 s. */
export function independentDailyStats(records: Iterable<StatsRecord>, thresholds: Thresholds = { T: 20, S: 5 }): DailyQueueStats[] {
  const { T, S } = thresholds;
  const tallies = new Map<string, { day: string; queue: string; t: Tally }>();
  for (const r of records) {
    if (r.outcome === 'PHANTOM' || r.qStart === null) continue;
    const k = `${r.qStart.date}|${r.type}`;
    let entry = tallies.get(k);
    if (entry === undefined) {
      entry = {
        day: r.qStart.date,
        queue: r.type,
        t: { offered: 0, answered: 0, answeredWithinThreshold: 0, abandoned: 0, shortAbandoned: 0, handled: 0, waitAnswered: 0, talk: 0, maxWait: null },
      };
      tallies.set(k, entry);
    }
    const t = entry.t;
    t.offered++;
    if (r.qExit === null) continue; // no known outcome
    const wait = r.qTime;
    if (r.outcome === 'AGENT') {
      t.answered++;
      t.waitAnswered += wait;
      if (wait <= T) t.answeredWithinThreshold++;
      if (r.serStart !== null && r.serExit !== null) {
        t.handled++;
        t.talk += r.serTime;
      }
    } else if (r.outcome === 'HANG') {
      t.abandoned++;
      if (wait < S) t.shortAbandoned++;
    } else {
      continue;
    }
    t.maxWait = t.maxWait === null ? wait : Math.max(t.maxWait, wait);
  }
  const ratio = (num: number, den: number) => (den > 0 ? num / den : null);
  return [...tallies.values()]
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.queue < b.queue ? -1 : a.queue > b.queue ? 1 : 0))
    .map(({ day, queue, t }) => {
      const F = 0;
      return {
        day,
        queue,
        offered: t.offered,
        answered: t.answered,
        answeredWithinThreshold: t.answeredWithinThreshold,
        abandoned: t.abandoned,
        shortAbandoned: t.shortAbandoned,
        overflowed: F,
        handled: t.handled,
        serviceLevel: ratio(t.answeredWithinThreshold, t.answered + t.abandoned + F - t.shortAbandoned),
        asaSeconds: ratio(t.waitAnswered, t.answered),
        ahtSeconds: ratio(t.talk, t.handled),
        abandonRate: ratio(t.abandoned, t.answered + t.abandoned + F),
        maxWaitSeconds: t.maxWait,
      };
    });
}
