/** The HTTP surface: health, ingest, GraphQL and the web app, on one Hono app. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { embedFrameAncestors, embedPageTenant } from '../auth/embed.ts';
import type { TokenService } from '../auth/tokens.ts';
import { bearer } from '../auth/tokens.ts';
import type { Services } from '../graphql/context.ts';
import type { YogaServer } from '../graphql/yoga.ts';
import { importRoutes } from '../ingest/import-routes.ts';
import { intervalImportRoutes } from '../ingest/intervals-import.ts';
import { ingestRoutes, type IngestLimits } from '../ingest/route.ts';
import { reportRoutes } from '../reports/csv-route.ts';
import type { AppEnv } from './env.ts';
import { rateLimit } from './rate-limit.ts';
import { isClientAbort } from './timeouts.ts';

export interface AppOptions {
  rateLimit: { perSecond: number; burst: number };
  services: Services;
  tokens: TokenService;
  yoga: YogaServer;
  limits: IngestLimits;
  /** Directory of the built web app (vite build), or null to serve none. */
  webDir: string | null;
}

export function createApp(opts: AppOptions) {
  const app = new Hono<AppEnv>();

  // Pages may not be framed, and no referrer leaks URLs. A client-embed page (/embed/<tenant>)
  // is the one exception: the tenant's `embedOrigins` may frame it (frame-ancestors; no
  // X-Frame-Options, which knows no list of origins), and nobody when it has none.
  const usualHeaders = secureHeaders({
    xFrameOptions: 'DENY',
    contentSecurityPolicy: { frameAncestors: ["'none'"] },
    referrerPolicy: 'no-referrer',
    crossOriginEmbedderPolicy: false,
  });
  const embedHeaders = secureHeaders({ xFrameOptions: false, referrerPolicy: 'no-referrer', crossOriginEmbedderPolicy: false });
  app.use('*', async (c, next) => {
    const tenant = embedPageTenant(c.req.path);
    if (tenant === null) return usualHeaders(c, next);
    // Straight from the store, not the settings cache: a page load is rare, and a cache entry
    // per made-up tenant name in the URL would be memory for the asking.
    const origins = await opts.services.store.tenantSettings(tenant).then((s) => s?.embedOrigins, () => undefined);
    await embedHeaders(c, next);
    c.res.headers.set('Content-Security-Policy', embedFrameAncestors(origins));
  });

  app.use('*', async function authenticate(c, next) {
    c.set('services', opts.services);
    const token = bearer(c.req.header('authorization'));
    c.set('principal', token ? await opts.tokens.resolve(token) : null);
    await next();
  });

  // An embed token reads through /graphql and nothing else: no ingest, no imports, no CSV.
  app.use('/api/*', async (c, next) => {
    if (c.get('principal')?.embed) {
      return c.json({ error: 'an embed token may only read its dashboard through /graphql; ingest, imports and reports need an API token' }, 403);
    }
    await next();
  });

  // One limiter for every path: a token's requests count together wherever they go.
  const limiter = rateLimit(opts.rateLimit);
  app.use('/api/*', limiter);
  app.use('/graphql', limiter);

  app.get('/healthz', async (c) => {
    const up = await opts.services.store.ping();
    return c.json({ status: up ? 'ok' : 'unavailable', store: opts.services.store.kind }, up ? 200 : 503);
  });

  app.route('/', ingestRoutes(opts.limits));
  app.route('/', importRoutes(opts.limits));
  app.route('/', intervalImportRoutes(opts.limits));
  app.route('/', reportRoutes());

  app.on(['GET', 'POST', 'OPTIONS'], '/graphql', async (c) => {
    const principal = c.get('principal');
    // GraphiQL (a browser GET asking for HTML) may load without a token; every operation needs one.
    const wantsPage = c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html');
    if (!principal && !wantsPage && c.req.method !== 'OPTIONS') {
      return c.json({ errors: [{ message: 'missing or invalid bearer token', extensions: { code: 'UNAUTHENTICATED' } }] }, 401);
    }
    return opts.yoga.fetch(c.req.raw, { principal: principal!, services: opts.services });
  });

  app.all('/api/*', (c) => c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` }, 404));

  if (opts.webDir && existsSync(join(opts.webDir, 'index.html'))) {
    const root = opts.webDir;
    const index = readFileSync(join(root, 'index.html'), 'utf8');
    app.use('/assets/*', serveStatic({ root }));
    app.get('/favicon.svg', serveStatic({ root }));
    // Client-side routes (/, /wall, /wall/:tenant, …) all load the app.
    app.get('*', (c) => c.html(index));
  } else {
    app.get('/', (c) => c.text('Floorboard API. The web app is not built: run `npm run build`.'));
  }

  app.onError((err, c) => {
    // A client that went away mid-body, or was cut by the request timeout, is no server fault:
    // nobody is listening for the answer, and a stack trace per slow client would flood the log.
    if (isClientAbort(err)) return c.json({ error: 'the request did not arrive whole in time' }, 408);
    if ('getResponse' in err) return (err as Error & { getResponse(): Response }).getResponse();
    console.error(err);
    return c.text('Internal Server Error', 500);
  });

  return app;
}
