/**
 * `npm run demo`: the product on its embedded default, fed by the simulator. The server runs on
 * the in-memory store, the tenants and queues of the "bpo" scenario get their names, time
 * zones and thresholds, and the simulator posts its events over real HTTP, as an ACD would.
 */
import { fileURLToPath } from 'node:url';
import { recordAudit } from './audit/record.ts';
import { DEFAULT_EMBED_TTL_SECONDS, embedUrl, type StoredEmbed } from './auth/embed.ts';
import { canManageEmbeds } from './auth/principal.ts';
import { startFeed } from '../simulations/feed.ts';
import { bpo } from '../simulations/scenarios/bpo.ts';
import type { Scenario } from '../simulations/scenario.ts';
import { ConfigError, configFromEnv } from './config.ts';
import { DEFAULT_WEB_DIR } from './main.ts';
import type { Store } from './store/port.ts';
import type { Services } from './graphql/context.ts';
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

/** The demo client dashboard's look: a light portal theme, so the embed shows off its theming. */
const DEMO_EMBED_THEME = { primary: '#0b5394', background: '#f4f7fb', text: '#14202b' };

/**
 * A client-embed link for one demo account, made at start as its account manager would make it
 * (createEmbedToken), but through the token service, in process: the admin token is resolved
 * and checked like any caller's, and the act is audited.
 */
export async function createDemoEmbed(services: Services, adminToken: string, base: string, tenant: string): Promise<{ url: string; id: string }> {
  const admin = await services.tokens.resolve(adminToken);
  if (!admin || !canManageEmbeds(admin, tenant)) throw new Error(`the demo's admin token may not create embeds of "${tenant}"`);
  const embed: StoredEmbed = { tenant, queues: null, views: ['TOTALS', 'QUEUES', 'CHART'], theme: DEMO_EMBED_THEME, createdBy: admin.name };
  const { secret, token } = await services.tokens.createEmbed({ name: 'demo client dashboard', embed, ttlSeconds: DEFAULT_EMBED_TTL_SECONDS });
  await recordAudit({ principal: admin, services }, 'TOKEN_CREATED', {
    tenant,
    target: token.id,
    summary: { kind: 'embed', name: token.name, queues: null, views: embed.views, expiresAt: new Date(token.expiresAt).toISOString() },
  });
  return { url: embedUrl(base, tenant, secret), id: token.id };
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
  const client = bpo.tenants[0]!;
  const embed = await createDemoEmbed(server.services, config.adminToken, local, client.id);
  console.log(`
Floorboard demo (in-memory store, simulated BPO floor: ${bpo.tenants.length} client accounts, ${bpo.queues.length} queues, ${bpo.agents.length} agents)

  Wallboard   ${local}/${fragment}
  TV kiosk    ${local}/wall${fragment}
  Client view ${embed.url}   (${client.name}'s dashboard as the client sees it)
  Embeds      ${local}/supervisor/${client.id}?view=embeds${fragment}   (make and revoke client dashboard links)
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
