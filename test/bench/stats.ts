export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baselineName: string;
  baseline: number;
  note: string;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

/** The README table: each figure beside its baseline and their ratio. */
export function table(results: BenchResult[]): string {
  const rows = results.map(
    (r) => `| ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.baselineName}: ${fmt(r.baseline)} ${r.unit} | ${(r.value / r.baseline).toFixed(2)} | ${r.note} |`,
  );
  return ['| benchmark | Floorboard | baseline (same run) | ratio | notes |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
