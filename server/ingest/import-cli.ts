/**
 * Import a source file into a running Floorboard through its import endpoints.
 *
 *   npm run import -- queue-log FILE --tenant T --target URL --token TOKEN [--follow]
 *   npm run import -- amazon-connect FILE --tenant T --target URL --token TOKEN
 *
 * queue_log files go in requests of whole lines (the server keeps calls open across them);
 * with --follow the file is tailed like `tail -F`: new complete lines are posted as they are
 * appended, and a rotated (renamed, recreated) or truncated file is read again from its start.
 * Every event id derives from the line, so sending a line twice is harmless: after a restart
 * the file can simply be imported again.
 *
 * Prints progress to stderr and the totals as JSON to stdout. Exit status: 0 done (or stopped
 * by SIGINT/SIGTERM), 1 the server refused the import, 2 bad usage.
 */
import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const ADAPTERS = ['queue-log', 'amazon-connect'] as const;
export type Adapter = (typeof ADAPTERS)[number];

export interface ImportOptions {
  adapter: Adapter;
  file: string;
  tenant: string;
  /** Base URL of the server, e.g. http://localhost:8080 */
  target: string;
  token: string;
  follow: boolean;
  /** With follow: skip what the file holds already, post only what is appended. */
  fromEnd: boolean;
  /** Zone of date-times without an offset (queue_log table dumps); the server defaults to the tenant's. */
  tz?: string;
  agentIds?: 'normalized' | 'raw';
  chunkLines: number;
  chunkBytes: number;
  pollMs: number;
  /** Drop the lines the server cannot read (reporting them) instead of stopping. Always on with follow. */
  skipBadLines: boolean;
}

export interface ImportTotals {
  requests: number;
  accepted: number;
  duplicates: number;
  lines: number;
  skipped: number;
  unknownVerbs: Record<string, number>;
  /** Lines dropped after the server refused them (with --skip-bad-lines or --follow). */
  badLines: number;
}

export class ImportError extends Error {
  override name = 'ImportError';
}

const USAGE = `usage: npm run import -- <queue-log|amazon-connect> FILE --tenant T [--target URL] [--token TOKEN]
  [--follow] [--from-end] [--tz ZONE] [--agent-ids normalized|raw]
  [--chunk-lines N] [--chunk-bytes N] [--poll-ms N] [--skip-bad-lines]
  --target defaults to $FLOORBOARD_URL or http://localhost:8080, --token to $FLOORBOARD_TOKEN`;

export function parseCliArgs(argv: readonly string[], env: Record<string, string | undefined> = process.env): ImportOptions | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        tenant: { type: 'string' },
        target: { type: 'string' },
        token: { type: 'string' },
        follow: { type: 'boolean', default: false },
        'from-end': { type: 'boolean', default: false },
        tz: { type: 'string' },
        'agent-ids': { type: 'string' },
        'chunk-lines': { type: 'string', default: '2000' },
        'chunk-bytes': { type: 'string', default: String(1024 * 1024) },
        'poll-ms': { type: 'string', default: '500' },
        'skip-bad-lines': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    return { error: `${(err as Error).message}\n${USAGE}` };
  }
  const v = parsed.values;
  if (v.help) return { error: USAGE };
  const [adapter, file, ...extra] = parsed.positionals;
  if (!adapter || !(ADAPTERS as readonly string[]).includes(adapter)) return { error: `the first argument must be one of ${ADAPTERS.join(', ')}\n${USAGE}` };
  if (!file || extra.length) return { error: `give exactly one FILE\n${USAGE}` };
  if (!v.tenant) return { error: `--tenant is required\n${USAGE}` };
  const token = v.token ?? env.FLOORBOARD_TOKEN;
  if (!token) return { error: `--token (or FLOORBOARD_TOKEN) is required\n${USAGE}` };
  if (v['agent-ids'] !== undefined && v['agent-ids'] !== 'raw' && v['agent-ids'] !== 'normalized') return { error: '--agent-ids must be normalized or raw' };
  if (v.follow && adapter !== 'queue-log') return { error: '--follow works for queue-log files only' };
  const int = (name: 'chunk-lines' | 'chunk-bytes' | 'poll-ms', min: number) => {
    const n = Number(v[name]);
    return Number.isInteger(n) && n >= min ? n : null;
  };
  const chunkLines = int('chunk-lines', 1);
  const chunkBytes = int('chunk-bytes', 1024);
  const pollMs = int('poll-ms', 10);
  if (chunkLines === null || chunkBytes === null || pollMs === null) return { error: '--chunk-lines ≥ 1, --chunk-bytes ≥ 1024 and --poll-ms ≥ 10 must be whole numbers' };
  return {
    adapter: adapter as Adapter,
    file: resolve(file),
    tenant: v.tenant,
    target: (v.target ?? env.FLOORBOARD_URL ?? 'http://localhost:8080').replace(/\/+$/, ''),
    token,
    follow: v.follow,
    fromEnd: v['from-end'],
    ...(v.tz ? { tz: v.tz } : {}),
    ...(v['agent-ids'] ? { agentIds: v['agent-ids'] as 'normalized' | 'raw' } : {}),
    chunkLines,
    chunkBytes,
    pollMs,
    skipBadLines: v['skip-bad-lines'],
  };
}

export interface RunContext {
  signal?: AbortSignal;
  log?: (msg: string) => void;
}

/** Run one import to its end (or, with follow, until `signal` aborts). */
export async function runImport(opts: ImportOptions, ctx: RunContext = {}): Promise<ImportTotals> {
  const totals: ImportTotals = { requests: 0, accepted: 0, duplicates: 0, lines: 0, skipped: 0, unknownVerbs: {}, badLines: 0 };
  const poster = new Poster(opts, totals, ctx);
  try {
    if (opts.adapter === 'amazon-connect') {
      // JSON records span lines: the file goes whole (the server reads one value, an array, NDJSON or JSONC).
      await poster.postJson(new Uint8Array(await readFile(opts.file)));
    } else if (!opts.follow) {
      await poster.postLines(splitLines(await readFile(opts.file), 1).items);
    } else {
      await followFile(opts.file, { fromEnd: opts.fromEnd, pollMs: opts.pollMs, signal: ctx.signal, log: ctx.log }, (items) => poster.postLines(items));
    }
  } catch (err) {
    // Stopped on purpose (mid-request, say): what was posted stands, and the totals say how much.
    if (!ctx.signal?.aborted) throw err;
  }
  return totals;
}

// ---- posting ---------------------------------------------------------------------------------

/** A line of the file and its number there (to report what the server refused). */
export interface Line {
  text: string;
  line: number;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

class Poster {
  constructor(
    private readonly opts: ImportOptions,
    private readonly totals: ImportTotals,
    private readonly ctx: RunContext,
  ) {}

  private url(adapter: Adapter): string {
    const q = new URLSearchParams({ tenant: this.opts.tenant });
    if (this.opts.tz) q.set('tz', this.opts.tz);
    if (this.opts.agentIds && adapter === 'queue-log') q.set('agentIds', this.opts.agentIds);
    return `${this.opts.target}/api/import/${adapter}?${q}`;
  }

  private log(msg: string) {
    this.ctx.log?.(msg);
  }

  /** Lines in requests of at most chunkLines lines and chunkBytes bytes. */
  async postLines(items: readonly Line[]): Promise<void> {
    let chunk: Line[] = [];
    let bytes = 0;
    for (const it of items) {
      const size = Buffer.byteLength(it.text) + 1;
      if (chunk.length && (chunk.length >= this.opts.chunkLines || bytes + size > this.opts.chunkBytes)) {
        await this.postChunk(chunk);
        chunk = [];
        bytes = 0;
      }
      chunk.push(it);
      bytes += size;
    }
    if (chunk.length) await this.postChunk(chunk);
  }

  private async postChunk(chunk: Line[]): Promise<void> {
    for (;;) {
      const res = await this.send(this.url('queue-log'), 'text/plain; charset=utf-8', chunk.map((l) => l.text).join('\n') + '\n');
      const body = (await res.json().catch(() => ({}))) as Record<string, any>;
      const span = `lines ${chunk[0]!.line}-${chunk[chunk.length - 1]!.line}`;
      if (res.status === 202) {
        this.count(body);
        this.log(`${span}: accepted ${body.accepted}, duplicates ${body.duplicates}, skipped ${body.skipped}`);
        return;
      }
      if (res.status === 413 && chunk.length > 1) {
        // Too many events for one request: halve it.
        const half = Math.ceil(chunk.length / 2);
        await this.postChunk(chunk.slice(0, half));
        await this.postChunk(chunk.slice(half));
        return;
      }
      const refused: { line: number; message: string }[] = res.status === 400 && Array.isArray(body.errors) ? body.errors.filter((e: any) => typeof e?.line === 'number') : [];
      if (refused.length && (this.opts.skipBadLines || this.opts.follow) && refused.length === body.errorCount) {
        const bad = new Set(refused.map((e) => e.line));
        for (const e of refused) this.log(`line ${chunk[e.line - 1]?.line ?? '?'} skipped: ${e.message}`);
        this.totals.badLines += bad.size;
        chunk = chunk.filter((_, i) => !bad.has(i + 1));
        if (chunk.length === 0) return;
        continue;
      }
      const detail = refused.length ? `\n${refused.map((e) => `  line ${chunk[e.line - 1]?.line ?? '?'}: ${e.message}`).join('\n')}` : '';
      throw new ImportError(`${span} refused with ${res.status}: ${body.error ?? res.statusText}${detail}`);
    }
  }

  async postJson(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
    const res = await this.send(this.url('amazon-connect'), 'application/json', bytes);
    const body = (await res.json().catch(() => ({}))) as Record<string, any>;
    if (res.status !== 202) {
      const detail = Array.isArray(body.errors) ? `\n${body.errors.map((e: any) => `  record ${e.index}: ${e.message}`).join('\n')}` : '';
      throw new ImportError(`refused with ${res.status}: ${body.error ?? res.statusText}${detail}`);
    }
    this.count(body);
    this.log(`records ${body.records}: accepted ${body.accepted}, duplicates ${body.duplicates}, skipped ${body.skipped}`);
  }

  private count(body: Record<string, any>) {
    const t = this.totals;
    t.requests++;
    t.accepted += body.accepted ?? 0;
    t.duplicates += body.duplicates ?? 0;
    t.lines += body.lines ?? body.records ?? 0;
    t.skipped += body.skipped ?? 0;
    for (const [verb, n] of Object.entries((body.unknownVerbs ?? body.unknownTypes ?? {}) as Record<string, number>)) t.unknownVerbs[verb] = (t.unknownVerbs[verb] ?? 0) + n;
  }

  /**
   * One request, retried while the server is unreachable or asks to come back (503, 429):
   * indefinitely when following a live file, a few times otherwise.
   */
  private async send(url: string, contentType: string, body: string | Uint8Array<ArrayBuffer>): Promise<Response> {
    const maxAttempts = this.opts.follow ? Infinity : 6;
    for (let attempt = 1; ; attempt++) {
      let res: Response | null = null;
      let problem: string;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.opts.token}`, 'content-type': contentType },
          body,
          ...(this.ctx.signal ? { signal: this.ctx.signal } : {}),
        });
        if (!RETRY_STATUSES.has(res.status)) return res;
        problem = `${res.status}`;
      } catch (err) {
        if (this.ctx.signal?.aborted) throw err;
        problem = (err as Error).message;
      }
      if (attempt >= maxAttempts) throw new ImportError(`giving up after ${attempt} attempts: ${problem}`);
      const retryAfter = Number(res?.headers.get('retry-after'));
      const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.min(30_000, 500 * 2 ** (attempt - 1));
      await res?.body?.cancel().catch(() => {});
      this.log(`${problem}; retrying in ${waitMs} ms`);
      await sleep(waitMs, this.ctx.signal);
      if (this.ctx.signal?.aborted) throw new ImportError('stopped');
    }
  }
}

// ---- reading and following the file ----------------------------------------------------------

/** Complete lines of `bytes` (blank ones left out) numbered from `firstLine`, and the unfinished rest. */
export function splitLines(bytes: Buffer, firstLine: number, final = true): { items: Line[]; rest: Buffer; next: number } {
  const items: Line[] = [];
  let start = 0;
  let line = firstLine;
  for (;;) {
    const nl = bytes.indexOf(10, start);
    if (nl < 0) break;
    const text = bytes.subarray(start, nl).toString('utf8').replace(/\r$/, '');
    if (text.trim() !== '') items.push({ text, line });
    line++;
    start = nl + 1;
  }
  let rest = bytes.subarray(start);
  if (final && rest.length) {
    const text = rest.toString('utf8').replace(/\r$/, '');
    if (text.trim() !== '') items.push({ text, line });
    line++;
    rest = Buffer.alloc(0);
  }
  return { items, rest, next: line };
}

export interface FollowOptions {
  fromEnd: boolean;
  pollMs: number;
  signal?: AbortSignal | undefined;
  log?: ((msg: string) => void) | undefined;
  /** Deliver at most this many lines at once while catching up on a big file. */
  batchLines?: number;
}

/**
 * Tail `path` until `signal` aborts, handing complete lines to `deliver` (awaited: no more is
 * read while it works, so a slow server slows the reading, not the memory). Polls rather than
 * watches: fs.watch misses renames on some file systems, and rotation is exactly a rename.
 */
export async function followFile(path: string, opts: FollowOptions, deliver: (items: Line[]) => Promise<void>): Promise<void> {
  const log = opts.log ?? (() => {});
  const batchLines = opts.batchLines ?? 10_000;
  let handle: FileHandle | null = null;
  let ino = -1;
  let pos = 0;
  let rest = Buffer.alloc(0);
  let nextLine = 1;

  const openFile = async (fromEnd: boolean) => {
    try {
      handle = await open(path, 'r');
    } catch {
      handle = null; // not there (yet, or between rotation steps): look again next time
      return;
    }
    const st = await handle.stat();
    ino = st.ino;
    pos = fromEnd ? st.size : 0;
    rest = Buffer.alloc(0);
    nextLine = 1;
  };

  /** Read to the end of the open file, delivering complete lines. */
  const drain = async (h: FileHandle, final: boolean) => {
    const buf = Buffer.alloc(256 * 1024);
    let pending: Line[] = [];
    for (;;) {
      const { bytesRead } = await h.read(buf, 0, buf.length, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      const split = splitLines(Buffer.concat([rest, buf.subarray(0, bytesRead)]), nextLine, false);
      rest = Buffer.from(split.rest);
      nextLine = split.next;
      pending.push(...split.items);
      if (pending.length >= batchLines) {
        await deliver(pending);
        pending = [];
      }
    }
    if (final && rest.length) {
      // The file was rotated away: its last line will never be finished.
      pending.push(...splitLines(rest, nextLine, true).items);
      rest = Buffer.alloc(0);
    }
    if (pending.length) await deliver(pending);
  };

  await openFile(opts.fromEnd);
  try {
    while (!opts.signal?.aborted) {
      if (handle) await drain(handle, false);
      if (opts.signal?.aborted) break;
      const now = await stat(path).catch(() => null);
      if (!handle) {
        if (now) await openFile(false);
        else await sleep(opts.pollMs, opts.signal);
        continue;
      }
      const h: FileHandle = handle;
      if (now && now.ino !== ino) {
        log(`${path} was rotated: finishing the old file, then reading the new one from its start`);
        await drain(h, true);
        await h.close();
        handle = null;
        await openFile(false);
        continue;
      }
      if ((await h.stat()).size < pos) {
        log(`${path} was truncated: reading it again from its start`);
        pos = 0;
        rest = Buffer.alloc(0);
        nextLine = 1;
        continue;
      }
      await sleep(opts.pollMs, opts.signal);
    }
  } finally {
    await (handle as FileHandle | null)?.close();
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((done) => {
    if (signal?.aborted) return done();
    const timer = setTimeout(finish, ms);
    signal?.addEventListener('abort', finish, { once: true });
    function finish() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      done();
    }
  });
}

// ---- the command -----------------------------------------------------------------------------

async function main(): Promise<number> {
  const opts = parseCliArgs(process.argv.slice(2));
  if ('error' in opts) {
    console.error(opts.error);
    return process.argv.includes('--help') ? 0 : 2;
  }
  const stop = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => stop.abort());
  const log = (msg: string) => console.error(`[import ${opts.adapter}] ${msg}`);
  try {
    const totals = await runImport(opts, { signal: stop.signal, log });
    console.log(JSON.stringify(totals));
    return 0;
  } catch (err) {
    console.error(err instanceof ImportError ? err.message : (err as Error).stack ?? String(err));
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().then((code) => process.exit(code));
}
