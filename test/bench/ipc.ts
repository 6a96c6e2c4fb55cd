/**
 * Benchmark child processes: forked with tsx, driven by request/response messages over IPC.
 * A child calls `serveRequests` with its handlers and sends `{type: 'ready', …}` once it can
 * take requests; the parent's `spawnChild` waits for that and returns a `request` function.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

type Handler = (args: any) => unknown;

interface RequestMessage {
  type: 'request';
  id: number;
  name: string;
  args: unknown;
}
interface ReplyMessage {
  type: 'reply';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

/** In a child: answer the parent's requests by name. */
export function serveRequests(handlers: Record<string, Handler>): void {
  process.on('message', async (m: RequestMessage) => {
    if (m?.type !== 'request') return;
    let reply: ReplyMessage;
    try {
      const h = handlers[m.name];
      if (!h) throw new Error(`no handler ${m.name}`);
      reply = { type: 'reply', id: m.id, ok: true, value: await h(m.args) };
    } catch (err) {
      reply = { type: 'reply', id: m.id, ok: false, error: (err as Error).stack ?? String(err) };
    }
    process.send!(reply);
  });
  // The parent gone (Ctrl-C, crash): do not linger.
  process.on('disconnect', () => process.exit(0));
}

export interface Child<Ready = Record<string, unknown>> {
  proc: ChildProcess;
  pid: number;
  ready: Ready;
  request<T = unknown>(name: string, args?: unknown): Promise<T>;
  /** CPU seconds (user + system) the child has used, from /proc. */
  cpuSeconds(): number;
  /** Asks it to stop, then kills it if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/** CPU seconds of a process, from /proc/<pid>/stat (Linux). */
export function cpuSecondsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * Fork `file` (a .ts module next to this one) under tsx, with --expose-gc; `profileDir` adds
 * --cpu-prof (the profile is written when the child exits).
 */
export async function spawnChild<Ready = Record<string, unknown>>(
  file: string,
  env: Record<string, string> = {},
  opts: { profileDir?: string; maxOldSpaceMb?: number } = {},
): Promise<Child<Ready>> {
  const execArgv = ['--import', 'tsx', '--expose-gc'];
  if (opts.maxOldSpaceMb) execArgv.push(`--max-old-space-size=${opts.maxOldSpaceMb}`);
  if (opts.profileDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`);
  const proc = fork(fileURLToPath(new URL(file, import.meta.url)), [], {
    execArgv,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const ready = await new Promise<Ready>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${file} exited (${code}) before it was ready`));
    proc.once('exit', onExit);
    proc.on('message', (m: any) => {
      if (m?.type === 'ready') {
        proc.off('exit', onExit);
        resolve(m as Ready);
      } else if (m?.type === 'reply') {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.ok) p.resolve(m.value);
        else p.reject(new Error(`${file}: ${m.error}`));
      }
    });
  });
  let stopping = false;
  proc.once('exit', (code, signal) => {
    if (!stopping) console.error(`!! ${file} exited unexpectedly (code ${code}, signal ${signal})`);
    for (const p of pending.values()) p.reject(new Error(`${file} exited (${code ?? signal})`));
    pending.clear();
  });
  const request = <T>(name: string, args?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      proc.send({ type: 'request', id, name, args } satisfies RequestMessage);
    });
  return {
    proc,
    pid: proc.pid!,
    ready,
    request,
    cpuSeconds: () => cpuSecondsOf(proc.pid!),
    async stop(graceMs = 10_000) {
      stopping = true;
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
      await request('stop').catch(() => {});
      await exited;
      clearTimeout(timer);
    },
  };
}
