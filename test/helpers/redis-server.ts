/**
 * Starts a private redis-server for tests: free port, temporary directory, no shared state.
 * Used by the vitest global setup (one server per run) and by fault tests that need their own
 * (to kill and restart it, with AOF).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'redis';

export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().unref().on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

export async function startRedis(opts: { appendOnly?: boolean; dir?: string; port?: number; args?: string[] } = {}): Promise<RedisServer> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'floorboard-redis-'));
  const port = opts.port ?? (await freePort());
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--loglevel', 'warning'];
  args.push('--appendonly', opts.appendOnly ? 'yes' : 'no');
  if (opts.appendOnly) args.push('--appendfsync', 'always');
  args.push(...(opts.args ?? []));
  const proc: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `redis://127.0.0.1:${port}`;
  let ready = false;
  for (let i = 0; i < 200 && !ready; i++) {
    try {
      const c = createClient({ url, socket: { reconnectStrategy: false } });
      c.on('error', () => {});
      await c.connect();
      await c.ping();
      c.destroy();
      ready = true;
    } catch {
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  if (!ready) {
    proc.kill('SIGKILL');
    throw new Error(`redis-server did not answer on port ${port}`);
  }
  return {
    url,
    port,
    dir,
    stop: async () => {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await exited;
      }
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
