export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baselineName: string;
  baseline: number;
  note: string;
  /**
   * What the figure must reach, and whether it did: `min`/`max` bound the figure, `minRatio`/
   * `maxRatio` bound figure ÷ baseline. Absent: no target (the row reads "—").
   */
  target?: { min?: number; max?: number; minRatio?: number; maxRatio?: number };
  /** How to print the figures (default: the number and the unit). */
  format?: (x: number) => string;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The q-quantile (0..1) of a sample, nearest rank: p99 of 200 values is the 198th smallest. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

export const fmt = (x: number) => (!Number.isFinite(x) ? String(x) : Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

export function targetText(r: BenchResult): string {
  const t = r.target;
  if (!t) return '—';
  const parts: string[] = [];
  const v = (x: number) => (r.format ? r.format(x) : `${fmt(x)}${r.unit ? ` ${r.unit}` : ''}`);
  if (t.min !== undefined) parts.push(`≥ ${v(t.min)}`);
  if (t.max !== undefined) parts.push(`≤ ${v(t.max)}`);
  if (t.minRatio !== undefined) parts.push(`ratio ≥ ${t.minRatio}`);
  if (t.maxRatio !== undefined) parts.push(`ratio ≤ ${t.maxRatio}`);
  return parts.join(', ');
}

/** Whether the row meets its target (null: it has none). */
export function targetMet(r: BenchResult): boolean | null {
  const t = r.target;
  if (!t) return null;
  const ratio = r.value / r.baseline;
  return (
    (t.min === undefined || r.value >= t.min) &&
    (t.max === undefined || r.value <= t.max) &&
    (t.minRatio === undefined || ratio >= t.minRatio) &&
    (t.maxRatio === undefined || ratio <= t.maxRatio)
  );
}

/** The README table: each figure beside its baseline, their ratio, and the target. */
export function table(results: BenchResult[]): string {
  const rows = results.map((r) => {
    const v = (x: number) => (r.format ? r.format(x) : `${fmt(x)}${r.unit ? ` ${r.unit}` : ''}`);
    const met = targetMet(r);
    return `| ${r.name} | ${v(r.value)} | ${r.baselineName}: ${v(r.baseline)} | ${(r.value / r.baseline).toFixed(2)} | ${targetText(r)} | ${met === null ? '—' : met ? 'yes' : '**no**'} | ${r.note} |`;
  });
  return [
    '| benchmark | Floorboard | baseline (same run) | ratio | target | met? | notes |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
