/**
 * The server under soak, in its own process (started with --expose-gc): the real server from
 * the environment's configuration, plus an IPC channel the soak test samples it through. On
 * 'sample' it collects garbage twice and answers with the heap then in use and the event-loop
 * delay since the previous sample (perf_hooks.monitorEventLoopDelay), then starts a new window.
 * Nothing of this is in the production server: sampling stays a test's business.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { configFromEnv } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';

export interface SoakSample {
  heapUsed: number;
  rss: number;
  /** CPU time (user + system) the process used over the window, milliseconds. */
  cpuMs: number;
  /** Event-loop delay over the window, milliseconds. */
  delay: { mean: number; p50: number; p99: number; max: number };
}

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !process.send) throw new Error('run with --expose-gc and an IPC channel (the soak test does)');

const delay = monitorEventLoopDelay({ resolution: 10 });
const server = await startServer({ config: configFromEnv(process.env, { webDir: null }), log: () => {} });
delay.enable();
let cpu = process.cpuUsage();

process.on('message', (m: unknown) => {
  if (m === 'stop') {
    void server.close().then(() => process.exit(0));
    return;
  }
  if (m !== 'sample') return;
  gc();
  gc();
  const ms = (ns: number) => ns / 1e6;
  const sample: SoakSample = {
    heapUsed: process.memoryUsage().heapUsed,
    rss: process.memoryUsage().rss,
    cpuMs: (() => {
      const d = process.cpuUsage(cpu);
      cpu = process.cpuUsage();
      return (d.user + d.system) / 1000;
    })(),
    delay: { mean: ms(delay.mean), p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
  };
  delay.reset();
  process.send!({ type: 'sample', sample });
});
process.send({ type: 'ready', port: server.port });
