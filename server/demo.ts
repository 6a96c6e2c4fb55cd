/**
 * `npm run demo`: the product on its embedded default, fed by the simulator. The server runs on
 * the in-memory store, the tenants and queues of the "bpo" scenario get their names, time
 * zones and thresholds, and the simulator posts its events over real HTTP, as an ACD would.
 */
import { fileURLToPath } from 'node:url';
import { startFeed } from '../simulations/feed.ts';
import { bpo } from '../simulations/scenarios/bpo.ts';
import type { Scenario } from '../simulations/scenario.ts';
import { ConfigError, configFromEnv } from './config.ts';
import { DEFAULT_WEB_DIR } from './main.ts';
import type { Store } from './store/port.ts';
import { startServer } from './server.ts';

/** Names, zones and thresholds of the scenario's tenants and queues, as an admin would set them. */
export async function applyScenarioSettings(store: Store, scenario: Scenario): Promise<void> {
  for (const t of scenario.tenants) await store.setTenantSettings(t.id, { name: t.name, timeZone: t.timeZone });
  for (const q of scenario.queues) {
    await store.setQueueSettings(q.tenant, q.id, {
      name: q.name,
      channel: q.channel,
      language: q.language,
      thresholdSeconds: q.serviceLevelSeconds,
    });
  }
}

async function main() {
  const config = configFromEnv(process.env, { webDir: process.env.WEB_DIR ?? DEFAULT_WEB_DIR, redisUrl: null });
  const server = await startServer({ config });
  await applyScenarioSettings(server.store, bpo);
  const local = `http://localhost:${server.port}`;
  const feed = startFeed({
    target: local,
    token: config.adminToken,
    scenario: bpo,
    seed: Number(process.env.DEMO_SEED ?? 1),
    speed: Number(process.env.DEMO_SPEED ?? 1),
    log: (m) => console.log(`simulator: ${m}`),
  });
  await feed.warmedUp;
  const fragment = `#token=${encodeURIComponent(config.adminToken)}`;
  console.log(`
Floorboard demo (in-memory store, simulated BPO floor: ${bpo.tenants.length} client accounts, ${bpo.queues.length} queues, ${bpo.agents.length} agents)

  Wallboard   ${local}/${fragment}
  TV kiosk    ${local}/wall${fragment}
  GraphQL     ${local}/graphql   (Authorization: Bearer <token>)
  Health      ${local}/healthz
  Admin token ${config.adminToken}${config.adminTokenGenerated ? '   (generated: set ADMIN_TOKEN to choose one)' : ''}

Ctrl-C stops it. Data lives in memory only.`);
  const shutdown = async () => {
    await feed.stop();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
