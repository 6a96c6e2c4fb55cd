/**
 * Handle-time forecast per interval: a robust weighted average. For a weekday and interval, the
 * contacts-weighted mean AHT of that interval over the last 8 open days of the weekday, shrunk
 * toward the same interval over all open days of the last 8 weeks, itself shrunk toward the
 * mean of those weeks (30 pseudo-contacts at each step): a quiet interval borrows from its
 * neighbours in time instead of echoing a handful of calls. Null when no AHT was ever reported.
 */
import type { SeriesDay } from './series.ts';

export interface AhtOptions {
  /** Days of the same weekday, and weeks of all days, averaged (default 8). */
  weeks?: number;
  /** Pseudo-contacts of each shrinkage step (default 30). */
  prior?: number;
}

export function ahtForecast(days: readonly SeriesDay[], weekday: number, width: number, options: AhtOptions = {}): (number | null)[] {
  const weeks = options.weeks ?? 8;
  const prior = options.prior ?? 30;
  const open = days.filter((d) => d.status === 'open');
  const lastDay = open[open.length - 1]?.day ?? 0;
  const recent = open.filter((d) => d.day > lastDay - 7 * weeks);
  const same: SeriesDay[] = [];
  for (let i = open.length - 1; i >= 0 && same.length < weeks; i--) if (open[i]!.weekday === weekday) same.push(open[i]!);

  let totalSum = 0;
  let totalN = 0;
  const slotSum = new Float64Array(width);
  const slotN = new Float64Array(width);
  for (const d of recent) {
    for (let s = 0; s < width; s++) {
      slotSum[s]! += d.ahtSum[s]!;
      slotN[s]! += d.ahtContacts[s]!;
    }
  }
  for (let s = 0; s < width; s++) {
    totalSum += slotSum[s]!;
    totalN += slotN[s]!;
  }
  if (totalN === 0) {
    // Nothing recent: any AHT ever reported.
    for (const d of open) for (let s = 0; s < width; s++) {
      totalSum += d.ahtSum[s]!;
      totalN += d.ahtContacts[s]!;
    }
    if (totalN === 0) return new Array<number | null>(width).fill(null);
  }
  const overall = totalSum / totalN;
  const out: number[] = [];
  for (let s = 0; s < width; s++) {
    const slotMean = (slotSum[s]! + prior * overall) / (slotN[s]! + prior);
    let sum = 0;
    let n = 0;
    for (const d of same) {
      sum += d.ahtSum[s]!;
      n += d.ahtContacts[s]!;
    }
    out.push((sum + prior * slotMean) / (n + prior));
  }
  return out;
}
