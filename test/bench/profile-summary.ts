/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time per function and per file, and
 * inclusive time per file of ours, so "where does the time go" has an answer without a GUI.
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx server/main.ts …
 *   npx tsx test/bench/profile-summary.ts /tmp/prof/CPU.….cpuprofile [--top 30]
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

// esbuild comes with tsx and vite; without it, frames of ours keep tsx's line numbers.
const esbuild = await import('esbuild').catch(() => null);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const shortUrl = (url: string) =>
  url
    .replace(/^file:\/\//, '')
    .replace(/.*\/node_modules\//, 'nm:')
    .replace(/^\/work\/main\//, '');

/**
 * tsx runs TypeScript through esbuild with whitespace minified, so every frame of ours sits on
 * line 1 and arrow functions are anonymous. Redo the same transform with a source map to turn
 * the frame's column back into a line of the .ts file.
 */
const maps = new Map<string, SourceMap | null>();
function originalLine(url: string, line: number, column: number): number {
  if (!url.startsWith('file://') || !/\.(ts|tsx|mts)$/.test(url) || url.includes('/node_modules/')) return line + 1;
  let map = maps.get(url);
  if (map === undefined) {
    try {
      if (!esbuild) throw new Error('no esbuild');
      const r = esbuild.transformSync(readFileSync(fileURLToPath(url), 'utf8'), {
        loader: url.endsWith('x') ? 'tsx' : 'ts',
        format: 'esm',
        target: `node${process.versions.node}`,
        sourcemap: 'external',
        minifyWhitespace: true,
        keepNames: true,
        sourcefile: url,
      });
      map = new SourceMap(JSON.parse(r.map));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  const hit = map?.findEntry(line, column) as { originalLine?: number } | undefined;
  return hit?.originalLine !== undefined ? hit.originalLine + 1 : line + 1;
}

export function summarise(profile: Profile, top = 30): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  let idle = 0;
  const fnSelf = new Map<string, number>();
  const fileSelf = new Map<string, number>();
  const fileIncl = new Map<string, number>();
  const fnIncl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!;
    total += us;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    const file = shortUrl(n.callFrame.url) || name;
    const key = `${name} ${file}:${originalLine(n.callFrame.url, n.callFrame.lineNumber, n.callFrame.columnNumber)}`;
    fnSelf.set(key, (fnSelf.get(key) ?? 0) + us);
    const pkg = file.startsWith('nm:') ? file.split('/').slice(0, file.startsWith('nm:@') ? 2 : 1).join('/') : file;
    fileSelf.set(pkg, (fileSelf.get(pkg) ?? 0) + us);
    // Inclusive per file of ours: each sample counts once for every distinct file on its stack.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      const f = shortUrl(cf.url);
      if (!f || f.startsWith('nm:') || f.startsWith('node:')) continue;
      if (!seen.has(f)) {
        seen.add(f);
        fileIncl.set(f, (fileIncl.get(f) ?? 0) + us);
      }
      const fn = `${cf.functionName || '(anonymous)'} ${f}:${originalLine(cf.url, cf.lineNumber, cf.columnNumber)}`;
      if (!seen.has(fn)) {
        seen.add(fn);
        fnIncl.set(fn, (fnIncl.get(fn) ?? 0) + us);
      }
    }
  }
  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  return [
    `busy ${(busy / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms (percentages are of busy time)`,
    '\n-- self time by function --',
    rows(fnSelf),
    '\n-- self time by file / package --',
    rows(fileSelf),
    '\n-- inclusive time by file of ours --',
    rows(fileIncl),
    '\n-- inclusive time by function of ours --',
    rows(fnIncl),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx test/bench/profile-summary.ts PROFILE.cpuprofile [--top N]');
    process.exit(2);
  }
  const topAt = process.argv.indexOf('--top');
  const top = topAt > 0 ? Number(process.argv[topAt + 1]) : 30;
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, top));
}
