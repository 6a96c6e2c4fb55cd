/**
 * The Floorboard server in a process of its own, for benchmarks: its event loop, heap and CPU
 * are not shared with the load generator or the clients, so what is measured is the server.
 * Started by `startServerProcess` (processes.ts) with its settings in BENCH_SERVER (JSON), it
 * answers over IPC: memory (after a full GC), backlog, CPU time, stop.
 */
import { configFromEnv, type Config } from '../../server/config.ts';
import { startServer } from '../../server/server.ts';
import { serveRequests } from './ipc.ts';

const overrides = JSON.parse(process.env.BENCH_SERVER ?? '{}') as Partial<Config>;
const config = configFromEnv({}, { port: 0, host: '127.0.0.1', webDir: null, graphiql: false, ...overrides });
const server = await startServer({ config, log: (m) => process.env.BENCH_VERBOSE && console.error(`[server] ${m}`) });

serveRequests({
  memory: () => {
    // Two passes: weak maps and finalizers free more on the second.
    global.gc?.();
    global.gc?.();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
  },
  backlog: () => server.store.backlog(),
  cpu: () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  },
  stop: async () => {
    await server.close();
    // Exit after the reply is on its way: --cpu-prof writes its profile on exit.
    setTimeout(() => process.exit(0), 50);
    return true;
  },
});
process.send!({ type: 'ready', port: server.port, pid: process.pid });
