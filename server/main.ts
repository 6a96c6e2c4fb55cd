/** `npm start`: the server for production. REDIS_URL selects Redis; without it, memory (with a warning). */
import { fileURLToPath } from 'node:url';
import { ConfigError, configFromEnv } from './config.ts';
import { startServer } from './server.ts';

export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../dist/web', import.meta.url));

async function main() {
  const config = configFromEnv(process.env, { webDir: process.env.WEB_DIR ?? DEFAULT_WEB_DIR });
  if (!config.redisUrl) {
    console.warn('WARNING: REDIS_URL is not set: using the in-memory store. Data lives only in this process and is lost when it stops.');
  }
  const server = await startServer({ config });
  console.log(`Floorboard listening on ${server.url} (store: ${server.store.kind}, instance: ${config.instanceId})`);
  console.log(`  wallboard: ${server.url}/   GraphQL: ${server.url}/graphql`);
  if (config.adminTokenGenerated) console.log(`  ADMIN_TOKEN was not set; generated for this run: ${config.adminToken}`);
  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
