/**
 * The supervisor's desk, in tabs. Alerts: the current alerts (filter by state and severity)
 * with acknowledge, the recently resolved ones, and the rules in force with a switch each.
 * Agents (`?view=agents&queue=…&activity=away&long=1&sort=name`): one tenant's agents, live
 * (components/AgentsPanel.tsx). Follow-ups (`?view=followups`): one tenant's callbacks, escalations and promises, live, to
 * filter, assign and close (components/FollowUpsPanel.tsx). Outlook (`?view=outlook`): each
 * queue's coming minutes simulated from now with the agents there and a few more or fewer
 * (components/OutlookPanel.tsx). Embeds (`?view=embeds`, ADMIN and SUPERVISOR only): the client
 * dashboard links of a tenant (components/EmbedsPanel.tsx). Route `/supervisor` (every tenant the
 * token sees; follow-ups ask which) and `/supervisor/:tenant`; the filters are in the query
 * string (`?state=FIRING&severity=CRITICAL`, `?view=followups&overdue=1&owner=ana`) so a view can
 * be shared.
 */
import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { AgentsPanel } from '../components/AgentsPanel.tsx';
import { AlertCard } from '../components/AlertCard.tsx';
import { EmbedsPanel } from '../components/EmbedsPanel.tsx';
import { ProblemBanner, StaleBanner } from '../components/Banners.tsx';
import { FollowUpsPanel } from '../components/FollowUpsPanel.tsx';
import { OutlookPanel } from '../components/OutlookPanel.tsx';
import { Header } from '../components/Header.tsx';
import { ResolvedTable } from '../components/ResolvedTable.tsx';
import { RulesPanel } from '../components/RulesPanel.tsx';
import { agentFilterSearch, parseAgentFilter, type AgentFilter } from '../lib/agents-table.ts';
import { SEVERITY_ICON } from '../lib/alert-text.ts';
import { countByState, filterAlerts, sortAlerts, type SeverityFilter, type StateFilter } from '../lib/alert-view.ts';
import { embedsAccess } from '../lib/embeds-admin.ts';
import { startAlertsLive } from '../lib/alerts-live.ts';
import { createNow } from '../lib/clock.ts';
import { QUEUE_NAMES_QUERY, TENANTS_QUERY } from '../lib/documents.ts';
import { fetchMe } from '../lib/followup-actions.ts';
import { formatPercent } from '../lib/format.ts';
import { canWriteFollowUps, filterSearch, parseFilter, type FollowUpFilter } from '../lib/followup-view.ts';
import { indicator, isStale } from '../lib/freshness.ts';
import { AuthError, query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import { createLiveLink } from '../lib/live-link.ts';
import { tenantZone } from '../lib/tenant-zone.ts';
import type { Alert, AlertSeverity, AlertState, FollowUpSummary, Tenant, Viewer } from '../lib/types.ts';
import { createAlertStore } from '../stores/alerts.ts';
import { createConnection } from '../stores/connection.ts';
import { token, tokenRefused } from '../stores/session.ts';
import { TenantPicker } from '../components/TenantPicker.tsx';

const STATE_FILTERS: StateFilter[] = ['ALL', 'FIRING', 'ACKNOWLEDGED', 'PENDING'];
const SEVERITY_FILTERS: SeverityFilter[] = ['ALL', 'CRITICAL', 'WARNING', 'INFO'];

const isStateFilter = (v: unknown): v is StateFilter => STATE_FILTERS.includes(v as StateFilter);
const isSeverityFilter = (v: unknown): v is SeverityFilter => SEVERITY_FILTERS.includes(v as SeverityFilter);

type View = 'alerts' | 'agents' | 'followups' | 'outlook' | 'embeds';

const currentToken = () => token() ?? '';

/** Another tenant in the URL gets a new page: nothing of the previous one lingers. */
export function Supervisor() {
  const params = useParams<{ tenant?: string }>();
  return (
    <Show when={{ tenant: params.tenant }} keyed>
      {(scope) => <SupervisorView tenant={scope.tenant} />}
    </Show>
  );
}

function SupervisorView(props: { tenant: string | undefined }) {
  const { tenant } = props;
  const now = createNow();
  const connection = createConnection();
  const alerts = createAlertStore();
  const [search, setSearch] = useSearchParams<{
    state?: string;
    severity?: string;
    view?: string;
    status?: string;
    overdue?: string;
    owner?: string;
    queue?: string;
    activity?: string;
    long?: string;
    sort?: string;
  }>();
  const navigate = useNavigate();
  const view = (): View =>
    search.view === 'followups' || search.view === 'outlook' || search.view === 'agents' ? search.view : search.view === 'embeds' && embedsAllowed() !== 'no' ? 'embeds' : 'alerts';
  const showView = (next: View) => setSearch({ view: next === 'alerts' ? undefined : next }, { replace: true });

  const link = createLiveLink({ token: currentToken, connection, onUnauthorized: tokenRefused });
  const live = startAlertsLive({ tenant, link, token: currentToken, store: alerts, withResolved: true, onUnauthorized: tokenRefused });
  onCleanup(() => {
    live.dispose();
    link.dispose();
  });
  const stale = () => isStale(connection.lastHeardMs(), now());
  createEffect(() => {
    if (stale() && connection.status() === 'live') link.reconnect();
  });

  // Names and zones only dress the page up: without them it shows ids and UTC, so failures other
  // than a refused token are let go.
  const [tenants, setTenants] = createSignal<Tenant[]>([]);
  const [tenantsLoaded, setTenantsLoaded] = createSignal(false);
  const [queueNames, setQueueNames] = createSignal(new Map<string, string>());
  /** The caller: undefined until `me` answers, null when it could not say (the server decides). */
  const [viewer, setViewer] = createSignal<Viewer | null | undefined>(undefined);
  const aborter = new AbortController();
  onCleanup(() => aborter.abort());
  const ignore = (err: unknown) => {
    if (!aborter.signal.aborted && err instanceof AuthError) tokenRefused();
  };
  query<{ tenants: Tenant[] }>(TENANTS_QUERY, {}, currentToken(), aborter.signal)
    .then(({ tenants: list }) => setTenants(list))
    .catch(ignore)
    .finally(() => setTenantsLoaded(true));
  fetchMe(currentToken(), aborter.signal)
    .then(setViewer)
    .catch((err: unknown) => {
      ignore(err);
      if (!aborter.signal.aborted) setViewer(null);
    });
  query<{ queues: { id: string; tenant: string; name: string }[] }>(QUEUE_NAMES_QUERY, { tenant: tenant ?? null }, currentToken(), aborter.signal)
    .then(({ queues }) => setQueueNames(new Map(queues.map((q) => [`${q.tenant}/${q.id}`, q.name]))))
    .catch(ignore);

  const tenantName = (id: string) => tenants().find((x) => x.id === id)?.name ?? id;
  const queueName = (tenantId: string, queue: string) => queueNames().get(`${tenantId}/${queue}`) ?? queue;
  const zone = (tenantId: string) => tenantZone(tenants(), tenantId);
  /** The tenants shown: the URL's, or every one the token may list. */
  const shownTenants = createMemo(() => (tenant ? [tenant] : tenants().map((x) => x.id)), undefined, {
    equals: (a, b) => a.join('\n') === b.join('\n'),
  });
  const several = () => shownTenants().length > 1;
  const where = (a: Alert) => {
    const queue = a.queue === null ? t().allQueues : queueName(a.tenant, a.queue);
    return several() ? `${tenantName(a.tenant)} · ${queue}` : queue;
  };

  const stateFilter = (): StateFilter => (isStateFilter(search.state) ? search.state : 'ALL');
  const severityFilter = (): SeverityFilter => (isSeverityFilter(search.severity) ? search.severity : 'ALL');
  const current = createMemo(() => sortAlerts(Object.values(alerts.active)));
  const counts = createMemo(() => countByState(current()));
  const shown = createMemo(() => filterAlerts(current(), { state: stateFilter(), severity: severityFilter() }));
  const zoneNote = () => {
    if (view() === 'followups' && followUpTenant()) return t().timesIn(zone(followUpTenant()!));
    const ids = shownTenants();
    return ids.length === 1 ? t().timesIn(zone(ids[0]!)) : t().timesInZones;
  };

  // Follow-ups are listed one tenant at a time: the URL's, the only one the token sees, or the
  // one picked below.
  const followUpTenant = createMemo(() => tenant ?? (tenants().length === 1 ? tenants()[0]!.id : null));
  const followUpFilter = createMemo(
    () => parseFilter({ status: search.status, overdue: search.overdue, owner: search.owner, queue: search.queue }),
    undefined,
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  const setFollowUpFilter = (next: FollowUpFilter) => setSearch(filterSearch(next), { replace: true });
  const agentFilter = createMemo(
    (): AgentFilter => parseAgentFilter({ queue: search.queue, activity: search.activity, long: search.long, sort: search.sort }),
    undefined,
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );
  const [followUpSummary, setFollowUpSummary] = createSignal<FollowUpSummary | null>(null);
  const [followUpProblem, setFollowUpProblem] = createSignal<string | null>(null);
  const queuesOf = (tenantId: string) =>
    [...queueNames().entries()]
      .filter(([key]) => key.startsWith(`${tenantId}/`))
      .map(([key, name]) => ({ id: key.slice(tenantId.length + 1), name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  const pickTenant = (id: string) => navigate(`/supervisor/${encodeURIComponent(id)}?view=followups`);
  // Client embeds: for the tenant's ADMIN and SUPERVISOR only; VIEWER and PLANNER never see the tab.
  const embedsTenant = () => tenant ?? (tenants().length === 1 ? tenants()[0]!.id : null);
  const embedsAllowed = () => embedsAccess(viewer(), embedsTenant());

  return (
    <div class="detail supervisor" data-stale={stale()}>
      <Header
        scope={tenant ? tenantName(tenant) : t().allTenants}
        now={now()}
        indicator={indicator(connection.status(), connection.lastHeardMs(), now())}
      />
      <StaleBanner since={stale() ? connection.lastHeardMs() : null} />
      <ProblemBanner message={connection.problem() ?? live.problem() ?? followUpProblem()} />
      <main class="detail-main sup-main">
        <div class="detail-title">
          <A class="back" href={tenant ? `/wall/${encodeURIComponent(tenant)}` : '/'}>
            {t().backToWallboard}
          </A>
          <h1 class="visually-hidden">{view() === 'agents' ? t().agentsDesk.tab : view() === 'followups' ? t().tabFollowUps : view() === 'outlook' ? t().outlook.tab : view() === 'embeds' ? t().embeds.title : t().supervisorTitle}</h1>
          <div class="sup-tabs" role="tablist" aria-label={t().supervisorTitle}>
            <button type="button" role="tab" class="sup-tab" aria-selected={view() === 'alerts'} data-testid="tab-alerts" onClick={() => showView('alerts')}>
              {t().tabAlerts}
              <span class="tab-count" data-tone="firing" data-zero={counts().FIRING === 0}>
                {counts().FIRING}
              </span>
            </button>
            <button type="button" role="tab" class="sup-tab" aria-selected={view() === 'agents'} data-testid="tab-agents" onClick={() => showView('agents')}>
              {t().agentsDesk.tab}
            </button>
            <button type="button" role="tab" class="sup-tab" aria-selected={view() === 'followups'} data-testid="tab-followups" onClick={() => showView('followups')}>
              {t().tabFollowUps}
              <Show when={followUpSummary()}>
                {(sum) => (
                  <span class="tab-count" data-tone={sum().overdue > 0 ? 'overdue' : 'soon'} data-zero={sum().overdue === 0 && sum().dueSoon === 0}>
                    {sum().overdue > 0 ? sum().overdue : sum().dueSoon}
                  </span>
                )}
              </Show>
            </button>
            <button type="button" role="tab" class="sup-tab" aria-selected={view() === 'outlook'} data-testid="tab-outlook" onClick={() => showView('outlook')}>
              {t().outlook.tab}
            </button>
            <Show when={embedsAllowed() === 'yes'}>
              <button type="button" role="tab" class="sup-tab" aria-selected={view() === 'embeds'} data-testid="tab-embeds" onClick={() => showView('embeds')}>
                {t().embeds.tab}
              </button>
            </Show>
          </div>
          <Show when={view() === 'alerts'}>
            <span class="sup-counts" data-testid="alert-counts">
              <For each={['FIRING', 'ACKNOWLEDGED', 'PENDING'] as AlertState[]}>
                {(state) => (
                  <span class="sup-count" data-state={state.toLowerCase()} data-zero={counts()[state] === 0}>
                    <strong>{counts()[state]}</strong> {t().alertState[state].toLowerCase()}
                  </span>
                )}
              </For>
            </span>
          </Show>
          <Show when={view() === 'followups' && followUpSummary()}>
            {(sum) => (
              <span class="sup-counts" data-testid="followup-counts">
                <span class="sup-count" data-state="overdue" data-zero={sum().overdue === 0}>
                  <strong>{sum().overdue}</strong> {t().fuCountWord.overdue(sum().overdue)}
                </span>
                <span class="sup-count" data-state="soon" data-zero={sum().dueSoon === 0}>
                  <strong>{sum().dueSoon}</strong> {t().fuCountWord.dueSoon(sum().dueSoon)}
                </span>
                <span class="sup-count" data-state="open" data-zero={sum().open === 0}>
                  <strong>{sum().open}</strong> {t().fuCountWord.open(sum().open)}
                </span>
                <span class="sup-count sup-count-note" data-testid="followup-on-time">
                  {sum().metOnTimeRate !== null ? t().fuMetOnTime(formatPercent(sum().metOnTimeRate, t().locale)) : t().fuNoneDoneToday}
                </span>
              </span>
            )}
          </Show>
          <span class="detail-basis">{zoneNote()}</span>
        </div>

        <div class="fu-section" hidden={view() !== 'followups'} data-testid="followups">
          <Show
            when={followUpTenant()}
            keyed
            fallback={
              <Show when={tenantsLoaded()} fallback={<p class="table-empty">{t().loading}</p>}>
                <TenantPicker
                  title={t().fuTenant}
                  hint={t().fuPickTenant}
                  tenants={tenants()}
                  detail={(tn) => tn.timeZone}
                  onPick={pickTenant}
                  testId="followup-tenant-picker"
                />
              </Show>
            }
          >
            {(tn) => (
              <FollowUpsPanel
                tenant={tn}
                link={link}
                token={currentToken}
                now={now()}
                zone={zone(tn)}
                queues={queuesOf(tn)}
                queueName={(id) => queueName(tn, id)}
                canWrite={canWriteFollowUps(viewer(), tn)}
                roleKnown={viewer() !== undefined}
                filter={followUpFilter()}
                setFilter={setFollowUpFilter}
                onSummary={setFollowUpSummary}
                onProblem={setFollowUpProblem}
                onUnauthorized={tokenRefused}
              />
            )}
          </Show>
        </div>

        {/* Mounted only while shown: its subscription runs only then. */}
        <Show when={view() === 'agents'}>
          <AgentsPanel
            tenant={followUpTenant()}
            tenants={tenants()}
            tenantsLoaded={tenantsLoaded()}
            onPickTenant={(id) => navigate(`/supervisor/${encodeURIComponent(id)}?view=agents`)}
            link={link}
            now={now()}
            queues={queuesOf}
            queueName={queueName}
            filter={agentFilter()}
            setFilter={(next) => setSearch(agentFilterSearch(next), { replace: true })}
          />
        </Show>

        {/* Mounted only while shown: it asks the server for simulations every 30 s. */}
        <Show when={view() === 'outlook'}>
          <OutlookPanel tenant={tenant} tenantName={tenantName} viewer={viewer()} token={currentToken} onUnauthorized={tokenRefused} />
        </Show>

        <Show when={view() === 'embeds'}>
          <Show when={embedsAllowed() === 'yes'} fallback={<p class="table-empty">{t().loading}</p>}>
            <EmbedsPanel
              tenant={embedsTenant()}
              tenants={tenants().filter((x) => embedsAccess(viewer(), x.id) === 'yes')}
              now={now()}
              token={currentToken}
              onPickTenant={(id) => navigate(`/supervisor/${encodeURIComponent(id)}?view=embeds`)}
              onUnauthorized={tokenRefused}
            />
          </Show>
        </Show>

        <div class="sup-grid" hidden={view() !== 'alerts'}>
          <div class="sup-left">
            <section class="panel sup-alerts" aria-labelledby="alerts-title">
              <div class="toolbar">
                <h2 class="panel-title" id="alerts-title">
                  {t().currentAlerts}
                </h2>
                <div class="segmented" role="group" aria-label={t().filterState} data-testid="state-filter">
                  <For each={STATE_FILTERS}>
                    {(f) => (
                      <button type="button" data-filter={f} aria-pressed={stateFilter() === f} onClick={() => setSearch({ state: f === 'ALL' ? undefined : f }, { replace: true })}>
                        {f === 'ALL' ? t().filterAll : t().alertState[f as AlertState]}
                        <Show when={f !== 'ALL'}>
                          <span class="seg-count">{counts()[f as AlertState]}</span>
                        </Show>
                      </button>
                    )}
                  </For>
                </div>
                <div class="segmented" role="group" aria-label={t().filterSeverity} data-testid="severity-filter">
                  <For each={SEVERITY_FILTERS}>
                    {(f) => (
                      <button type="button" data-filter={f} aria-pressed={severityFilter() === f} onClick={() => setSearch({ severity: f === 'ALL' ? undefined : f }, { replace: true })}>
                        <Show when={f !== 'ALL'} fallback={t().filterAll}>
                          <span aria-hidden="true" class="seg-icon" data-severity={f.toLowerCase()}>
                            {SEVERITY_ICON[f as AlertSeverity]}
                          </span>{' '}
                          {t().severity[f as AlertSeverity]}
                        </Show>
                      </button>
                    )}
                  </For>
                </div>
              </div>
              <Show
                when={shown().length > 0}
                fallback={<p class="table-empty">{current().length === 0 ? t().noAlerts : t().noAlertsFiltered}</p>}
              >
                <div class="acard-list" data-testid="alert-list">
                  <For each={shown()}>
                    {(a) => (
                      <AlertCard
                        alert={a}
                        now={now()}
                        zone={zone(a.tenant)}
                        queueName={a.queue === null ? null : where(a)}
                        token={currentToken}
                        onAcknowledged={(updated) => alerts.apply(updated)}
                        onUnauthorized={tokenRefused}
                      />
                    )}
                  </For>
                </div>
              </Show>
            </section>
            <ResolvedTable alerts={alerts.resolved} now={now()} zone={zone} where={where} />
          </div>
          <RulesPanel tenants={shownTenants()} tenantName={tenantName} queueName={queueName} token={currentToken} onUnauthorized={tokenRefused} />
        </div>
      </main>
    </div>
  );
}
