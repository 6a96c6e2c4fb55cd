/**
 * A real server process (`server/main.ts`) on a given port and Redis, for the tests that kill
 * it (SIGKILL) or run several instances: what a crash does can only be shown on a process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from './app.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcessOptions {
  port: number;
  redisUrl: string;
  prefix: string;
  adminToken: string;
  /** Keep it stable across a restart: the restarted instance takes its own work back. */
  instanceId: string;
  /** More environment (SNAPSHOT_INTERVAL_MS, TENANT_LEASE_MS, …). */
  env?: Record<string, string>;
}

export function startServerProcess(o: ServerProcessOptions): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(o.port),
      HOST: '127.0.0.1',
      REDIS_URL: o.redisUrl,
      REDIS_PREFIX: o.prefix,
      ADMIN_TOKEN: o.adminToken,
      INSTANCE_ID: o.instanceId,
      WEB_DIR: '/nonexistent',
      ...o.env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Resolves once the process at `base` answers /healthz with 200. */
export function healthy(base: string, what = 'the server process to start'): Promise<unknown> {
  return eventually(async () => (await fetch(`${base}/healthz`)).ok, 20_000, what);
}

/** SIGKILL, and wait for the exit. */
export async function kill(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}
