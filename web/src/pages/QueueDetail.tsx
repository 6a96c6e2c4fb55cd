/**
 * One queue in depth, for a supervisor's desk: the live state, rolling windows beside today, the
 * agents serving the queue, and the day by interval as a chart and a table with its CSV. Route
 * `/queue/:tenant/:queue`; the day and step are in the query string (`?date=2026-11-23&step=HOUR1`)
 * so a view can be shared.
 */
import { A, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, onCleanup, Show } from 'solid-js';
import { QueueAgents } from '../components/AgentsPanel.tsx';
import { ProblemBanner, StaleBanner } from '../components/Banners.tsx';
import { Header } from '../components/Header.tsx';
import { IntervalChart } from '../components/IntervalChart.tsx';
import { IntervalTable } from '../components/IntervalTable.tsx';
import { IntervalToolbar } from '../components/IntervalToolbar.tsx';
import { LivePanel } from '../components/LivePanel.tsx';
import { StatsPanel } from '../components/StatsPanel.tsx';
import { createNow } from '../lib/clock.ts';
import { INTERVALS_QUERY, QUEUE_DETAIL_QUERY, TENANTS_QUERY } from '../lib/documents.ts';
import { downloadWithToken } from '../lib/download.ts';
import { formatClock } from '../lib/format.ts';
import { indicator, isStale } from '../lib/freshness.ts';
import { AuthError, query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import { chartColumns, csvFileName, intervalsCsvPath, isIntervalStep, STEP_MS } from '../lib/intervals.ts';
import { createLiveLink } from '../lib/live-link.ts';
import { createPolledQuery } from '../lib/polled-query.ts';
import { startQueueLive } from '../lib/queue-live.ts';
import { createRefresher } from '../lib/refresher.ts';
import { queueKey, type IntervalStats, type IntervalStep, type Queue, type QueueWindows, type Tenant } from '../lib/types.ts';
import { dayRange, isIsoDate, isValidTimeZone, localDate, type IsoDate } from '../lib/zoned-time.ts';
import { createBoard } from '../stores/board.ts';
import { createConnection } from '../stores/connection.ts';
import { token, tokenRefused } from '../stores/session.ts';
import { InlineError } from '../components/InlineError.tsx';

/** Today's intervals and windows are re-read this often, and on live changes at most this often. */
const REFRESH_EVERY_MS = 60_000;
const REFRESH_MIN_GAP_MS = 15_000;

/** A new queue in the URL gets a new page: nothing of the previous queue lingers. */
export function QueueDetail() {
  const params = useParams<{ tenant: string; queue: string }>();
  return (
    <Show when={{ tenant: params.tenant, queue: params.queue }} keyed>
      {(p) => <QueueDetailView tenant={p.tenant} queue={p.queue} />}
    </Show>
  );
}

const currentToken = () => token() ?? '';

function QueueDetailView(props: { tenant: string; queue: string }) {
  // Fixed for the life of this view: the route above builds a new one for another queue.
  const { tenant, queue: queueId } = props;
  const now = createNow();
  const connection = createConnection();
  const board = createBoard();
  const queue = () => board.queues[queueKey({ tenant, id: queueId })];
  const [search, setSearch] = useSearchParams<{ date?: string; step?: string }>();

  /** Query failures in words for the page; a refused token signs out instead. */
  const describe = (err: unknown): string | null => {
    if (err instanceof AuthError) {
      tokenRefused();
      return null;
    }
    return t().loadFailed(err instanceof Error ? err.message : String(err));
  };

  // The tenant's time zone places the day and labels the intervals. Until it is known nothing is
  // asked for a day; if it can't be had, UTC (the server's default zone) is the honest guess.
  const [tenantInfo, setTenantInfo] = createSignal<Tenant | null>();
  const aborter = new AbortController();
  onCleanup(() => aborter.abort());
  query<{ tenants: Tenant[] }>(TENANTS_QUERY, {}, currentToken(), aborter.signal)
    .then(({ tenants }) => setTenantInfo(tenants.find((x) => x.id === tenant) ?? null))
    .catch((err: unknown) => {
      if (aborter.signal.aborted) return;
      if (err instanceof AuthError) tokenRefused();
      else setTenantInfo(null);
    });
  const zone = () => {
    const info = tenantInfo();
    if (info === undefined) return null;
    return info && isValidTimeZone(info.timeZone) ? info.timeZone : 'UTC';
  };

  const step = (): IntervalStep => (isIntervalStep(search.step) ? search.step : 'MIN15');
  const today = createMemo(() => {
    const z = zone();
    return z ? localDate(now(), z) : null;
  });
  /** The day shown: the URL's if it is a real day not in the future, else today (which rolls
   * over at the tenant's midnight for a page left open). */
  const date = createMemo((): IsoDate | null => {
    const wanted = search.date;
    const current = today();
    return isIsoDate(wanted) && current !== null && wanted <= current ? wanted : current;
  });
  const showingToday = () => date() !== null && date() === today();
  const range = createMemo(
    () => {
      const z = zone();
      const d = date();
      return z && d ? { ...dayRange(d, z), step: step() } : null;
    },
    null,
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  const detail = createPolledQuery(
    () => ({}),
    async (_key, signal): Promise<QueueWindows | null> => {
      const { queue: found } = await query<{ queue: (Queue & QueueWindows) | null }>(
        QUEUE_DETAIL_QUERY,
        { tenant, queue: queueId },
        currentToken(),
        signal,
      );
      if (!found) return null;
      const { w15, w30, w60, ...snapshot } = found;
      // Fills the page when the query beats the socket. After that the subscription is the live
      // source: re-applying each minute would re-base the ticking wait on a snapshot that may have
      // spent a while in transit, and the wait would visibly stall.
      if (!queue()) board.apply(snapshot, Date.now());
      return { w15, w30, w60 };
    },
    describe,
  );

  const intervals = createPolledQuery(
    range,
    async (r, signal): Promise<{ rows: IntervalStats[]; atMs: number }> => {
      const variables = { tenant, queue: queueId, from: new Date(r.fromMs).toISOString(), to: new Date(r.toMs).toISOString(), step: r.step };
      const { intervals: rows } = await query<{ intervals: IntervalStats[] }>(INTERVALS_QUERY, variables, currentToken(), signal);
      return { rows, atMs: Date.now() };
    },
    describe,
  );

  const refresher = createRefresher(
    () => {
      detail.refresh();
      if (showingToday()) intervals.refresh();
    },
    { everyMs: REFRESH_EVERY_MS, minGapMs: REFRESH_MIN_GAP_MS },
  );
  onCleanup(() => refresher.dispose());

  // Any change to today's numbers means the windows and today's intervals moved too.
  let lastToday: string | undefined;
  // One socket for the queue and its agents.
  const link = createLiveLink({ token: currentToken, connection, onUnauthorized: tokenRefused });
  onCleanup(() => link.dispose());
  const live = startQueueLive({
    link,
    tenant,
    ids: [queueId],
    token: currentToken,
    connection,
    onUnauthorized: tokenRefused,
    onSnapshot(q) {
      board.apply(q, Date.now());
      const todayNow = JSON.stringify(q.today);
      if (lastToday !== undefined && todayNow !== lastToday) refresher.poke();
      lastToday = todayNow;
    },
  });
  onCleanup(() => live.dispose());

  const stale = () => isStale(connection.lastHeardMs(), now());
  createEffect(() => {
    if (stale() && connection.status() === 'live') live.reconnect();
  });

  const columns = createMemo(() => {
    const r = range();
    const data = intervals.data();
    const q = queue();
    if (!r || !data) return null;
    return chartColumns(data.rows, {
      fromMs: r.fromMs,
      toMs: r.toMs,
      stepMs: STEP_MS[r.step],
      nowMs: data.atMs,
      target: q ? q.settings.targetServiceLevel : null,
    });
  });

  const setView = (next: { date?: IsoDate; step?: IntervalStep }) => {
    // Today is the default, kept out of the URL so a bookmark follows the calendar.
    const d = next.date ?? date();
    setSearch(
      {
        date: d && d !== today() ? d : undefined,
        step: (next.step ?? step()) === 'MIN15' ? undefined : (next.step ?? step()),
      },
      { replace: true },
    );
  };

  const [downloading, setDownloading] = createSignal(false);
  const [downloadError, setDownloadError] = createSignal<string | null>(null);
  async function download() {
    const r = range();
    const d = date();
    if (!r || !d) return;
    setDownloading(true);
    setDownloadError(null);
    try {
      const path = intervalsCsvPath({ tenant, queue: queueId, fromMs: r.fromMs, toMs: r.toMs, step: r.step });
      await downloadWithToken(path, currentToken(), csvFileName(queueId, d, r.step));
    } catch (err) {
      if (err instanceof AuthError) tokenRefused();
      else setDownloadError(t().downloadFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      setDownloading(false);
    }
  }

  const tenantName = () => tenantInfo()?.name ?? tenant;

  return (
    <div class="detail" data-stale={stale()}>
      <Header
        scope={tenantName()}
        now={now()}
        indicator={indicator(connection.status(), connection.lastHeardMs(), now())}
        nav={{ href: `/supervisor/${encodeURIComponent(tenant)}`, label: t().alertsLink(0) }}
      />
      <StaleBanner since={stale() ? connection.lastHeardMs() : null} />
      <ProblemBanner message={connection.problem()} />
      <main class="detail-main">
        <div class="detail-title">
          <A class="back" href={`/wall/${encodeURIComponent(tenant)}`}>
            {t().backToWallboard}
          </A>
          <h1 data-testid="queue-name">{queue()?.name ?? queueId}</h1>
          <Show when={queue()}>
            {(q) => (
              <>
                <span class="detail-tags" data-testid="queue-tags">
                  {t().channel(q().channel)}
                  <Show when={q().language}>
                    {(language) => (
                      <>
                        {' · '}
                        {language().toUpperCase()}
                      </>
                    )}
                  </Show>
                </span>
                <span class="detail-basis">
                  {t().serviceLevel}: <span data-metric="formula">{q().settings.label}</span>
                </span>
              </>
            )}
          </Show>
        </div>

        <Show
          when={queue()}
          fallback={
            <p class="empty">
              {detail.data() === null ? t().queueUnknown : detail.error() ?? t().connecting}
            </p>
          }
        >
          {(q) => (
            <div class="detail-grid">
              <aside class="detail-side">
                <LivePanel queue={q()} now={now()} />
                <StatsPanel
                  today={q().today}
                  windows={detail.data() ?? undefined}
                  target={q().settings.targetServiceLevel}
                  error={detail.error()}
                />
                <QueueAgents tenant={tenant} queue={queueId} link={link} now={now()} token={currentToken} onUnauthorized={tokenRefused} />
              </aside>

              <section class="panel detail-intervals" aria-label={t().intervals}>
                <Show when={zone() && date() && today() ? { zone: zone()!, date: date()!, today: today()! } : null}>
                  {(view) => (
                    <IntervalToolbar
                      date={view().date}
                      today={view().today}
                      step={step()}
                      zone={view().zone}
                      updated={intervals.data() ? formatClock(intervals.data()!.atMs, t().locale) : ''}
                      downloading={downloading()}
                      onDate={(d) => setView({ date: d })}
                      onStep={(s) => setView({ step: s })}
                      onDownload={download}
                    />
                  )}
                </Show>
                <InlineError message={downloadError() ?? intervals.error()} />
                <Show
                  when={columns() && range() && intervals.data() ? { columns: columns()!, range: range()!, data: intervals.data()! } : null}
                  fallback={<p class="table-empty">{t().loading}</p>}
                >
                  {(view) => (
                    <>
                      <IntervalChart
                        columns={view().columns}
                        fromMs={view().range.fromMs}
                        toMs={view().range.toMs}
                        stepMs={STEP_MS[view().range.step]}
                        zone={zone()!}
                      />
                      <IntervalTable
                        rows={view().data.rows}
                        zone={zone()!}
                        stepMs={STEP_MS[view().range.step]}
                        nowMs={now()}
                        target={q().settings.targetServiceLevel}
                      />
                    </>
                  )}
                </Show>
              </section>
            </div>
          )}
        </Show>
      </main>
    </div>
  );
}
