/**
 * HiGHS (https://highs.dev), compiled to WebAssembly by the npm package `highs`, run in one
 * worker thread (highs-worker.mjs). A solve is synchronous inside WebAssembly and may use its
 * whole time limit; in the worker it does not stall the server's event loop (live wallboards,
 * websockets). Jobs queue on the one worker: HiGHS in WebAssembly is single-threaded anyway. The
 * worker starts on first use (about 150 ms to compile the 3.5 MB module) and does not keep the
 * process alive while idle.
 */
import { Worker } from 'node:worker_threads';
import type { ModelData } from 'highs';
import type { ShiftPlanStatus } from './types.ts';

export interface SolveResult {
  status: ShiftPlanStatus;
  values: Float64Array | null;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  solveMs: number;
}

interface Pending {
  resolve(result: SolveResult): void;
  reject(error: Error): void;
}

interface Runtime {
  worker: Worker;
  version: string;
  pending: Map<number, Pending>;
}

let runtime: Promise<Runtime> | null = null;
let nextId = 1;

function start(): Promise<Runtime> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./highs-worker.mjs', import.meta.url));
    const pending = new Map<number, Pending>();
    let ready: Runtime | null = null;
    const fail = (error: Error) => {
      runtime = null; // the next call starts a fresh worker
      if (ready === null) reject(error);
      for (const job of pending.values()) job.reject(error);
      pending.clear();
    };
    worker.on('message', (message: { ready?: boolean; version?: string; id?: number; result?: SolveResult; error?: string }) => {
      if (message.ready) {
        ready = { worker, version: message.version ?? 'unknown', pending };
        worker.unref();
        resolve(ready);
        return;
      }
      const job = pending.get(message.id!);
      if (!job) return;
      pending.delete(message.id!);
      if (pending.size === 0) worker.unref();
      if (message.error !== undefined) job.reject(new Error(`HiGHS: ${message.error}`));
      else job.resolve(message.result!);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`HiGHS worker exited with code ${code}`)));
  });
}

function highs(): Promise<Runtime> {
  runtime ??= start();
  return runtime;
}

/** Starts the solver worker ahead of the first plan; resolves to the HiGHS version. */
export async function solverVersion(): Promise<string> {
  return (await highs()).version;
}

export interface SolveOptions {
  timeLimitSeconds: number;
  mipRelGap: number;
  /** A feasible start (every column) for a MIP. */
  start?: Float64Array;
  /** Drop integrality: solve the LP relaxation. */
  relax?: boolean;
}

export async function solve(model: ModelData, options: SolveOptions): Promise<SolveResult> {
  const { worker, pending } = await highs();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.ref();
    worker.postMessage({
      id,
      model,
      options: { time_limit: options.timeLimitSeconds, mip_rel_gap: options.mipRelGap },
      start: options.start,
      relax: options.relax === true,
    });
  });
}
