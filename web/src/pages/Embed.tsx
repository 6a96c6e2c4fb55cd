/**
 * A client's dashboard for an iframe of the client's own portal: `/embed/<tenant>#token=…`.
 * It shows that one account's queues, in the client's colours and logo, and nothing else:
 * no links, no controls, no token prompt. Its token is an embed token (read-only, one tenant,
 * maybe some queues) taken from the URL fragment (lib/embed-token.ts); any other token, or an
 * embed token of another account, is refused before a single number is fetched.
 */
import { useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, lazy, onCleanup, Show, Suspense } from 'solid-js';
import { ProblemBanner, StaleBanner } from '../components/Banners.tsx';
import { QueueTile } from '../components/QueueTile.tsx';
import { createNow } from '../lib/clock.ts';
import { chartPalette, liveTotals, themeStyle, type EmbedSession } from '../lib/embed.ts';
import { loadEmbedIntervals, loadEmbedSession, loadEmbedTotals } from '../lib/embed-api.ts';
import { forgetEmbedToken, takeEmbedToken } from '../lib/embed-token.ts';
import { formatClock, formatDuration, formatPercent } from '../lib/format.ts';
import { indicator, isStale } from '../lib/freshness.ts';
import { AuthError, GraphQLRequestError, retryDelayMs } from '../lib/graphql.ts';
import { setLang, t } from '../lib/i18n.ts';
import { chartColumns, STEP_MS } from '../lib/intervals.ts';
import { boardLayout } from '../lib/layout.ts';
import { createLiveLink } from '../lib/live-link.ts';
import { createPolledQuery } from '../lib/polled-query.ts';
import { startQueueFeed } from '../lib/queue-feed.ts';
import { createRefresher } from '../lib/refresher.ts';
import { longestWaitAt } from '../lib/ticking.ts';
import type { Tenant } from '../lib/types.ts';
import { dayRange, localDate } from '../lib/zoned-time.ts';
import { createBoard, type Board } from '../stores/board.ts';
import { createConnection } from '../stores/connection.ts';
import '../embed.css';

// The chart brings uPlot: only an embed that shows the chart loads it.
const IntervalChart = lazy(() => import('../components/IntervalChart.tsx').then((m) => ({ default: m.IntervalChart })));

type Problem = 'noToken' | 'refused' | 'notEmbed' | 'wrongTenant';

type Phase =
  | { kind: 'loading' }
  | { kind: 'ready'; session: EmbedSession; tenant: Tenant }
  | { kind: 'problem'; problem: Problem }
  | { kind: 'failed'; message: string };

export function Embed() {
  const params = useParams<{ tenant: string }>();
  const tenant = params.tenant;
  const token = takeEmbedToken(tenant);
  // The language may come with the link (`?lang=es`), chosen by whoever set up the embed.
  const asked = new URLSearchParams(window.location.search).get('lang');
  if (asked === 'en' || asked === 'es') setLang(asked, { persist: false });

  const [phase, setPhase] = createSignal<Phase>(token ? { kind: 'loading' } : { kind: 'problem', problem: 'noToken' });
  const refused = () => {
    forgetEmbedToken(tenant);
    setPhase({ kind: 'problem', problem: 'refused' });
  };

  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const aborter = new AbortController();
  onCleanup(() => {
    clearTimeout(timer);
    aborter.abort();
  });
  function start(secret: string) {
    loadEmbedSession(secret, aborter.signal)
      .then(({ session, tenants }) => {
        // Another kind of token (a supervisor's, pasted by mistake) shows nothing here.
        if (!session) return setPhase({ kind: 'problem', problem: 'notEmbed' });
        if (session.tenant !== tenant) return setPhase({ kind: 'problem', problem: 'wrongTenant' });
        const info = tenants.find((x) => x.id === tenant) ?? { id: tenant, name: tenant, timeZone: 'UTC' };
        setPhase({ kind: 'ready', session, tenant: info });
      })
      .catch((err: unknown) => {
        if (aborter.signal.aborted) return;
        if (err instanceof AuthError) return refused();
        if (err instanceof GraphQLRequestError) setPhase({ kind: 'failed', message: err.message });
        // Unreachable or refusing for now: a portal's iframe keeps trying, like the wall does.
        timer = setTimeout(() => start(secret), retryDelayMs(attempt++));
      });
  }
  if (token) start(token);

  const ready = createMemo(() => {
    const p = phase();
    return p.kind === 'ready' ? p : null;
  });
  return (
    <Show when={ready()} keyed fallback={<EmbedMessage phase={phase()} />}>
      {(ready) => <EmbedBoard session={ready.session} tenant={ready.tenant} token={token!} onRefused={refused} />}
    </Show>
  );
}

function EmbedMessage(props: { phase: Phase }) {
  const text = () => {
    const p = props.phase;
    if (p.kind === 'problem') return t().embed[p.problem];
    if (p.kind === 'failed') return t().embed.failed(p.message);
    return t().loading;
  };
  return (
    <div class="embed embed-message" data-testid="embed-message" data-state={props.phase.kind}>
      <p role={props.phase.kind === 'loading' ? 'status' : 'alert'}>{text()}</p>
    </div>
  );
}

/** Every snapshot the feed applies also pokes the refresher of the totals and the chart. */
function pokingBoard(board: Board, poke: () => void): Board {
  return {
    get queues() {
      return board.queues;
    },
    apply(q, at) {
      board.apply(q, at);
      poke();
    },
    applyAll(list, at) {
      board.applyAll(list, at);
      poke();
    },
  };
}

function EmbedBoard(props: { session: EmbedSession; tenant: Tenant; token: string; onRefused(): void }) {
  const { session, tenant } = props;
  const zone = tenant.timeZone;
  const views = new Set(session.views);
  const now = createNow();
  const board = createBoard();
  const connection = createConnection();
  const token = () => props.token;

  // The client's look on the whole document, so the page around the content takes it too.
  const theme = themeStyle(session.theme);
  const root = document.documentElement;
  for (const [k, v] of Object.entries(theme.vars)) root.style.setProperty(k, v);
  root.dataset.embedTone = theme.tone;
  if (theme.vars['--bg']) root.dataset.embedBg = '';
  onCleanup(() => {
    for (const k of Object.keys(theme.vars)) root.style.removeProperty(k);
    delete root.dataset.embedTone;
    delete root.dataset.embedBg;
  });
  const title = t().embed.title(tenant.name);
  createEffect(() => (document.title = t().embed.title(tenant.name)));

  const describe = (err: unknown) => {
    if (err instanceof AuthError) {
      props.onRefused();
      return null;
    }
    return err instanceof Error ? err.message : String(err);
  };
  const totals = createPolledQuery(
    () => (views.has('TOTALS') ? tenant.id : null),
    (tn, signal) => loadEmbedTotals(tn, props.token, signal),
    describe,
  );
  // Today, in the tenant's zone: a new key at midnight fetches the new day.
  const day = createMemo(() => localDate(now(), zone));
  const chart = createPolledQuery(
    () => (views.has('CHART') ? { day: day() } : null),
    async (k, signal) => {
      const range = dayRange(k.day, zone);
      const rows = await loadEmbedIntervals({ tenant: tenant.id, queues: session.queues, ...range }, props.token, signal);
      return { rows, range, atMs: Date.now() };
    },
    describe,
  );
  const refresher = createRefresher(
    () => {
      totals.refresh();
      chart.refresh();
    },
    { everyMs: 60_000, minGapMs: 5_000 },
  );
  onCleanup(() => refresher.dispose());

  const link = createLiveLink({ token, connection, onUnauthorized: props.onRefused });
  const feed = startQueueFeed({
    tenant: tenant.id,
    token,
    board: pokingBoard(board, () => refresher.poke()),
    connection,
    onTenants: () => {},
    onUnauthorized: props.onRefused,
    link,
  });
  onCleanup(() => {
    feed.dispose();
    link.dispose();
  });

  const stale = () => isStale(connection.lastHeardMs(), now());
  createEffect(() => {
    if (stale() && connection.status() === 'live') link.reconnect();
  });

  const keys = createMemo(() =>
    Object.entries(board.queues)
      .filter(([, q]) => q.tenant === tenant.id)
      .sort(([, a], [, b]) => a.name.localeCompare(b.name))
      .map(([key]) => key),
  );
  // The tiles' box is measured by the wall's own height (cqh), whatever the totals and the chart leave it.
  const layout = createMemo(() => boardLayout([keys().length]));
  const palette = chartPalette(theme);

  const live = () =>
    liveTotals(keys().map((k) => ({ waiting: board.queues[k]!.waiting, longestWait: longestWaitAt(board.queues[k]!, now()) })));

  const columns = createMemo(() => {
    const data = chart.data();
    if (!data) return null;
    const targets = new Set(keys().map((k) => board.queues[k]!.settings.targetServiceLevel));
    return {
      range: data.range,
      columns: chartColumns(data.rows, {
        ...data.range,
        stepMs: STEP_MS.MIN15,
        nowMs: data.atMs,
        target: targets.size === 1 ? [...targets][0]! : null,
      }),
    };
  });

  const percent = (v: number | null | undefined, floor = false) => formatPercent(v, t().locale, { floor });

  return (
    <div class="embed" data-testid="embed" data-tenant={tenant.id} data-stale={stale()}>
      <header class="embed-top">
        <Show when={theme.logoUrl}>
          {(src) => <img class="embed-logo" src={src()} alt="" referrerpolicy="no-referrer" data-testid="embed-logo" />}
        </Show>
        <h1 class="embed-title" data-testid="embed-title" aria-label={title}>
          {tenant.name}
        </h1>
        <span class="embed-status" data-state={indicator(connection.status(), connection.lastHeardMs(), now())} role="status" data-testid="connection">
          {t().status[indicator(connection.status(), connection.lastHeardMs(), now())]}
        </span>
        <time class="embed-clock">{formatClock(now(), t().locale)}</time>
      </header>
      <StaleBanner since={stale() ? connection.lastHeardMs() : null} />
      <ProblemBanner message={connection.problem() ?? totals.error() ?? chart.error()} />

      <Show when={views.has('TOTALS')}>
        <section class="embed-totals" aria-label={t().embed.totalsTitle} data-testid="embed-totals">
          <h2 class="embed-heading">{t().embed.totalsTitle}</h2>
          <dl>
            <div>
              <dt>{t().waiting}</dt>
              <dd data-metric="waiting">{live().waiting}</dd>
            </div>
            <div>
              <dt>{t().longestWait}</dt>
              <dd data-metric="longest-wait">{formatDuration(live().longestWait)}</dd>
            </div>
            <div>
              <dt>{t().serviceLevel}</dt>
              <dd data-metric="service-level">{percent(totals.data()?.today.serviceLevel, true)}</dd>
            </div>
            <div>
              <dt>{t().answered}</dt>
              <dd data-metric="answered">{totals.data()?.today.answered ?? '–'}</dd>
            </div>
            <div>
              <dt>{t().abandoned}</dt>
              <dd data-metric="abandoned">
                {totals.data()?.today.abandoned ?? '–'} <small>{percent(totals.data()?.today.abandonRate)}</small>
              </dd>
            </div>
            <div>
              <dt>{t().embed.agentsNow}</dt>
              <dd data-metric="agents">
                <Show when={totals.data()} fallback="–">
                  {(d) => (
                    <>
                      {d().agents.available} <small>{t().activity.available}</small> · {d().agents.busy + d().agents.wrapup}{' '}
                      <small>{t().activity.busy}</small>
                    </>
                  )}
                </Show>
              </dd>
            </div>
          </dl>
        </section>
      </Show>

      <Show when={views.has('QUEUES')}>
        <main class="wall embed-queues" style={{ '--columns': layout().columns, '--scale': layout().scale }}>
          <Show when={keys().length > 0} fallback={<p class="empty">{connection.status() === 'connecting' ? t().connecting : t().noQueues}</p>}>
            <div class="tiles">
              <For each={keys()}>
                {(key) => <Show when={board.queues[key]}>{(q) => <QueueTile queue={q()} now={now()} plain />}</Show>}
              </For>
            </div>
          </Show>
        </main>
      </Show>

      <Show when={views.has('CHART')}>
        <section class="embed-chart" aria-label={t().embed.chartTitle} data-testid="embed-chart">
          <h2 class="embed-heading">
            {t().embed.chartTitle} <small>{t().timesIn(zone)}</small>
          </h2>
          <Show when={columns()} fallback={<p class="empty">{t().loading}</p>}>
            {(c) => (
              <Suspense fallback={<p class="empty">{t().loading}</p>}>
                <IntervalChart columns={c().columns} fromMs={c().range.fromMs} toMs={c().range.toMs} stepMs={STEP_MS.MIN15} zone={zone} palette={palette} />
              </Suspense>
            )}
          </Show>
        </section>
      </Show>
    </div>
  );
}
