/**
 * The big screen. A screen shows views, one at a time: by default the queue tiles, then the agent
 * grid; a saved screen (?screen=lobby) shows the views a supervisor laid out, each an ordered
 * list of panels. ?rotate=30 turns the views every 30 s (on /wall, every client's views in turn);
 * ?kiosk hides everything a TV has no use for. Alerts sit in a banner above whatever view is up.
 *
 * Everything comes over one live link for the life of the page: queues, alerts, agents (while
 * some view shows them) and the screen's layout. Turning views swaps DOM only; no subscription
 * starts or stops with a view, so a screen that rotates for weeks holds the same few of them.
 */
import { useLocation, useNavigate, useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { AlertBanner } from '../components/AlertBanner.tsx';
import { ProblemBanner, StaleBanner } from '../components/Banners.tsx';
import { Header } from '../components/Header.tsx';
import { StaffingGapTile } from '../components/StaffingGapTile.tsx';
import { WallLayoutEditor } from '../components/WallLayoutEditor.tsx';
import { AgentsPanel, ChartPanel, PanelFrame, QueuesPanel, TotalsPanel, type WallPanelContext } from '../components/WallPanels.tsx';
import { startAgentsLive } from '../lib/agents-live.ts';
import { liveAlertValue } from '../lib/alert-value.ts';
import { onTheWall, tileAlerts } from '../lib/alert-view.ts';
import { startAlertsLive } from '../lib/alerts-live.ts';
import { createNow } from '../lib/clock.ts';
import { ME_QUERY } from '../lib/documents.ts';
import { sumFollowUps } from '../lib/followup-view.ts';
import { indicator, isStale } from '../lib/freshness.ts';
import { query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import { createLiveLink } from '../lib/live-link.ts';
import { startQueueFeed } from '../lib/queue-feed.ts';
import { tenantZone } from '../lib/tenant-zone.ts';
import type { Tenant } from '../lib/types.ts';
import { WALL_LAYOUT_CHANGED_SUBSCRIPTION, type WallLayout, type WallTimeZone, type WallView } from '../lib/wall-documents.ts';
import { DEFAULT_VIEWS, pageIndexAt, panelShares, secondsToNextPage, wallPages, wallParams } from '../lib/wall-layout.ts';
import { loadZoneChoice, saveZoneChoice, screenZone, zoneLabel } from '../lib/wall-zone.ts';
import { createAgentStore } from '../stores/agents.ts';
import { createAlertStore } from '../stores/alerts.ts';
import { createBoard } from '../stores/board.ts';
import { createConnection } from '../stores/connection.ts';
import { token, tokenRefused } from '../stores/session.ts';
import '../wall.css';

/** Route component for `/`, `/wall` and `/wall/:tenant`. A new tenant in the URL gets a new
 * board and feed, so no queue of the previous tenant lingers on screen. */
export function Wallboard() {
  const params = useParams<{ tenant?: string }>();
  return (
    <Show when={{ tenant: params.tenant }} keyed>
      {(scope) => <TenantBoard tenant={scope.tenant} />}
    </Show>
  );
}

function TenantBoard(props: { tenant: string | undefined }) {
  const location = useLocation();
  const navigate = useNavigate();
  const params = createMemo(() => wallParams(location.search));
  const now = createNow();
  const startedAt = Date.now();
  const board = createBoard();
  const connection = createConnection();
  const alerts = createAlertStore();
  const agentStore = createAgentStore();
  const [tenants, setTenants] = createSignal<Tenant[]>([]);
  const currentToken = () => token() ?? '';

  const link = createLiveLink({ token: currentToken, connection, onUnauthorized: tokenRefused });
  const feed = startQueueFeed({
    tenant: props.tenant,
    token: currentToken,
    board,
    connection,
    onTenants: setTenants,
    onUnauthorized: tokenRefused,
    link,
  });
  const alertsLive = startAlertsLive({ tenant: props.tenant, link, token: currentToken, store: alerts, onUnauthorized: tokenRefused });
  onCleanup(() => {
    alertsLive.dispose();
    feed.dispose();
    link.dispose();
  });

  const stale = () => isStale(connection.lastHeardMs(), now());
  // A socket that says "open" while nothing arrives is dead in all but name: drop it so the
  // client reconnects, the queue subscription re-sends every snapshot and the alerts are re-read.
  createEffect(() => {
    if (stale() && connection.status() === 'live') link.reconnect();
  });

  // ----- the screen: a saved layout, followed live, or the default views -----

  /** undefined: no saved screen asked for, or not heard yet; null: the tenant has no such screen. */
  const [layout, setLayout] = createSignal<WallLayout | null | undefined>(undefined);
  // A memo: other changes to the address (?view) must not restart the layout's subscription.
  const screen = createMemo(() => (props.tenant ? params().screen : null));
  createEffect(() => {
    const name = screen();
    setLayout(undefined);
    if (!name || !props.tenant) return;
    const stop = link.subscribe<{ wallLayoutChanged: { layout: WallLayout | null } }>(
      { query: WALL_LAYOUT_CHANGED_SUBSCRIPTION, variables: { tenant: props.tenant, name } },
      (data) => setLayout(data.wallLayoutChanged.layout),
    );
    onCleanup(stop);
  });
  const views = createMemo<readonly WallView[]>(() => layout()?.views ?? DEFAULT_VIEWS);
  const rotateSeconds = () => params().rotateSeconds ?? layout()?.rotateSeconds ?? null;

  // The agents' subscription runs while some view of the screen has an agent grid.
  const needsAgents = createMemo(() => views().some((v) => v.panels.some((p) => p.kind === 'AGENTS')));
  createEffect(() => {
    if (!needsAgents()) return;
    onCleanup(startAgentsLive({ tenant: props.tenant, link, store: agentStore }));
  });
  const agentList = createMemo(() => Object.values(agentStore.agents));

  // Who may edit: only asked on a desk, of a tenant's wall; a kiosk never shows the control.
  const [canEdit, setCanEdit] = createSignal(false);
  if (props.tenant && !params().kiosk) {
    const tenant = props.tenant;
    query<{ me: { role: string; tenants: string[] } }>(ME_QUERY, {}, currentToken()).then(
      ({ me }) => setCanEdit((me.role === 'ADMIN' || me.role === 'SUPERVISOR') && (me.tenants.includes('*') || me.tenants.includes(tenant))),
      () => setCanEdit(false),
    );
  }
  const [editing, setEditing] = createSignal(false);

  // ----- tenants, queues and pages -----

  const tenantName = (id: string) => tenants().find((x) => x.id === id)?.name ?? id;
  const queueName = (tenant: string, queue: string) => board.queues[`${tenant}/${queue}`]?.name ?? queue;

  /** Tenants with their queue keys, both sorted by name. Reads only keys, tenants and names,
   * so it recomputes when a queue appears, not on every update. */
  const groups = createMemo(() => {
    const byTenant = new Map<string, { key: string; name: string }[]>();
    for (const [key, q] of Object.entries(board.queues)) {
      const list = byTenant.get(q.tenant) ?? [];
      list.push({ key, name: q.name });
      byTenant.set(q.tenant, list);
    }
    return [...byTenant.entries()]
      .map(([tenant, queues]) => ({
        tenant,
        keys: queues.sort((a, b) => a.name.localeCompare(b.name)).map((x) => x.key),
      }))
      .sort((a, b) => tenantName(a.tenant).localeCompare(tenantName(b.tenant)));
  });

  const rotating = () => rotateSeconds() !== null;
  const pages = createMemo(() => wallPages(props.tenant ?? null, groups().map((g) => g.tenant), views().length, rotating()));
  const [chosenView, setChosenView] = createSignal<number | null>(null);
  const pageIndex = createMemo(() => {
    if (rotating()) return pageIndexAt(pages().length, startedAt, now(), rotateSeconds());
    return Math.min(chosenView() ?? params().view ?? 0, pages().length - 1);
  });
  /** The page up now (and the layout's version), as a string: the view is rebuilt when either
   * changes, not every second. */
  const pageKey = createMemo(() => {
    const p = pages()[pageIndex()] ?? { tenant: null, view: 0 };
    return `${p.tenant ?? ''}\u001f${p.view}\u001f${layout()?.updatedAt ?? ''}`;
  });
  const page = createMemo(() => {
    const [tenant, view] = pageKey().split('\u001f') as [string, string];
    return { tenant: tenant || null, view: Number(view) };
  });
  const pageGroups = createMemo(() => (page().tenant ? groups().filter((g) => g.tenant === page().tenant) : groups()));
  /** The one tenant the page is about, if it is about one. */
  const pageTenant = () => page().tenant ?? props.tenant ?? (groups().length === 1 ? groups()[0]!.tenant : null);

  // ----- times: the client's clock or the room's -----

  const screenKey = () => `${props.tenant ?? '*'}/${screen() ?? ''}`;
  const [localZone, setLocalZone] = createSignal<WallTimeZone>(loadZoneChoice(screenKey()) ?? 'TENANT');
  const zoneChoice = (): WallTimeZone => layout()?.timeZone ?? localZone();
  const tenantZoneOrNull = () => {
    const tn = pageTenant();
    return tn ? tenantZone(tenants(), tn) : null;
  };
  const shownZone = () => screenZone(zoneChoice(), tenantZoneOrNull());
  function switchZone() {
    const next: WallTimeZone = zoneChoice() === 'TENANT' ? 'VIEWER' : 'TENANT';
    setLocalZone(next);
    saveZoneChoice(screenKey(), next);
  }

  // ----- alerts, follow-ups, header -----

  const wallAlerts = createMemo(() => Object.values(alerts.active).filter(onTheWall));
  const byTile = createMemo(() => tileAlerts(wallAlerts()));
  const firing = () => wallAlerts().filter((a) => a.state === 'FIRING').length;
  const alertQueueName = (tenant: string, queue: string | null) => (queue === null ? null : queueName(tenant, queue));

  const supervisorHref = () => (props.tenant ? `/supervisor/${encodeURIComponent(props.tenant)}` : '/supervisor');
  /** Follow-ups of the queues on the wall, for the header (follow-ups of no queue are not here). */
  const followUpTotals = createMemo(() => sumFollowUps(Object.values(board.queues)), undefined, {
    equals: (a, b) => a.open === b.open && a.dueSoon === b.dueSoon && a.overdue === b.overdue,
  });
  /** Straight to the overdue ones when there are any. */
  const followUpsHref = () => `${supervisorHref()}?view=followups${followUpTotals().overdue > 0 ? '&overdue=1' : ''}`;

  const scope = () => {
    const tn = page().tenant ?? props.tenant;
    if (tn) return tenantName(tn);
    const only = groups().length === 1 ? groups()[0] : undefined;
    return only ? tenantName(only.tenant) : t().allTenants;
  };

  const notice = () => {
    const p = params();
    if (p.problems.length) return t().wall.urlIgnored(p.problems.join(', '));
    if (p.screen && !props.tenant) return t().wall.screenNeedsTenant;
    if (p.screen && layout() === null) return t().wall.screenMissing(p.screen);
    return null;
  };

  const viewLabel = (v: WallView, i: number) => v.title ?? (v.panels.length === 1 ? t().wall.panelKind[v.panels[0]!.kind] : t().wall.viewN(i + 1));
  const setScreen = (name: string | null) => {
    const q = new URLSearchParams(location.search);
    if (name) q.set('screen', name);
    else q.delete('screen');
    q.delete('view');
    const s = q.toString();
    navigate(`${location.pathname}${s ? `?${s}` : ''}`, { replace: true });
  };

  const ctx: WallPanelContext = {
    board,
    agents: agentList,
    get now() {
      return now();
    },
    get groups() {
      return pageGroups();
    },
    get byTile() {
      return byTile();
    },
    tenantName,
    get multiTenant() {
      return pageGroups().length > 1;
    },
    queueName,
    get tenantZone() {
      return tenantZoneOrNull();
    },
    get shownZone() {
      return shownZone();
    },
    token: currentToken,
    onUnauthorized: tokenRefused,
  };

  const view = () => views()[page().view] ?? views()[0]!;

  return (
    <div class="board" data-stale={stale()} data-kiosk={params().kiosk}>
      <Header
        scope={scope()}
        now={now()}
        indicator={indicator(connection.status(), connection.lastHeardMs(), now())}
        nav={params().kiosk ? undefined : { href: supervisorHref(), label: t().alertsLink(firing()), attention: firing() > 0 }}
        planner={params().kiosk ? false : undefined}
        followUps={{ href: followUpsHref(), ...followUpTotals() }}
        clockZone={{ zone: shownZone(), label: zoneLabel(shownZone()) }}
      >
        <Show when={rotating() && pages().length > 1}>
          <span class="wall-rotation" data-testid="rotation" role="status">
            <span class="wall-dots" aria-hidden="true">
              <For each={pages()}>{(_, i) => <span data-on={i() === pageIndex()} />}</For>
            </span>
            {`${pageIndex() + 1}/${pages().length} · ${t().wall.nextIn(secondsToNextPage(startedAt, now(), rotateSeconds()!))}`}
          </span>
        </Show>
        <Show when={!rotating() && views().length > 1 && !params().kiosk}>
          <nav class="wall-tabs" aria-label={t().wall.views}>
            <For each={views()}>
              {(v, i) => (
                <button type="button" class="wall-tab" aria-pressed={pageIndex() === i()} data-testid={`view-tab-${i() + 1}`} onClick={() => setChosenView(i())}>
                  {viewLabel(v, i())}
                </button>
              )}
            </For>
          </nav>
        </Show>
        {/* A saved screen keeps its zone in its layout (the editor changes it); an unsaved one on this device. */}
        <Show when={!params().kiosk && !layout()}>
          <button type="button" class="wall-zone" title={t().wall.zoneSwitch(t().wall.zone[zoneChoice()])} data-testid="zone-switch" onClick={switchZone}>
            {t().wall.zone[zoneChoice()]}
          </button>
        </Show>
        <Show when={canEdit() && !params().kiosk}>
          <button type="button" class="wall-edit" aria-expanded={editing()} data-testid="edit-layout" onClick={() => setEditing((x) => !x)}>
            ✎ {t().wall.editLayout}
          </button>
        </Show>
      </Header>
      <StaleBanner since={stale() ? connection.lastHeardMs() : null} />
      <ProblemBanner message={connection.problem() ?? alertsLive.problem()} />
      <Show when={notice()}>
        <p class="wall-notice" role="status" data-testid="wall-notice">
          {notice()}
        </p>
      </Show>
      <AlertBanner
        alerts={wallAlerts()}
        now={now()}
        queueName={(a) => alertQueueName(a.tenant, a.queue)}
        value={(a) => liveAlertValue(a, a.queue === null ? undefined : board.queues[`${a.tenant}/${a.queue}`], now())}
        zone={(tn) => screenZone(zoneChoice(), tenantZone(tenants(), tn))}
        tenantName={groups().length > 1 ? tenantName : undefined}
      />
      <StaffingGapTile
        tenants={pageGroups().map((g) => g.tenant)}
        staffed={(tenant, queue) => {
          const a = board.queues[`${tenant}/${queue}`]?.agents;
          return a ? a.available + a.busy + a.wrapup : undefined;
        }}
        queueName={(tenant, queue) => queueName(tenant, queue)}
        tenantName={pageGroups().length > 1 ? tenantName : undefined}
        token={currentToken}
        onUnauthorized={tokenRefused}
        now={now()}
      />
      <main class="wall" data-page={pageIndex()} data-view={page().view}>
        <Show
          when={groups().length > 0}
          fallback={<p class="empty">{connection.status() === 'connecting' ? t().connecting : t().noQueues}</p>}
        >
          {/* Keyed on the page: a new view builds its panels afresh and the old one's are disposed. */}
          <Show when={pageKey()} keyed>
            {(_key) => {
              const v = view();
              const shares = panelShares(v.panels);
              return (
                <div class="wall-view" data-testid="wall-view">
                  <For each={v.panels}>
                    {(panel, i) => (
                      <PanelFrame panel={panel} share={shares[i()] ?? 0}>
                        <Switch>
                          <Match when={panel.kind === 'QUEUES'}>
                            <QueuesPanel panel={panel} share={shares[i()] ?? 1} ctx={ctx} />
                          </Match>
                          <Match when={panel.kind === 'AGENTS'}>
                            <AgentsPanel panel={panel} ctx={ctx} />
                          </Match>
                          <Match when={panel.kind === 'CHART'}>
                            <ChartPanel panel={panel} ctx={ctx} />
                          </Match>
                          <Match when={panel.kind === 'TOTALS'}>
                            <TotalsPanel ctx={ctx} />
                          </Match>
                        </Switch>
                      </PanelFrame>
                    )}
                  </For>
                </div>
              );
            }}
          </Show>
        </Show>
      </main>
      <Show when={editing() && props.tenant && canEdit()}>
        <WallLayoutEditor
          tenant={props.tenant!}
          queues={(groups().find((g) => g.tenant === props.tenant)?.keys ?? []).map((k) => ({ id: k.slice(props.tenant!.length + 1), name: board.queues[k]?.name ?? k }))}
          screen={screen()}
          views={views()}
          timeZone={zoneChoice()}
          rotateSeconds={layout()?.rotateSeconds ?? null}
          token={currentToken}
          onUnauthorized={tokenRefused}
          onSaved={(name) => setScreen(name)}
          onDeleted={(name) => {
            if (name === screen()) setScreen(null);
          }}
          onClose={() => setEditing(false)}
        />
      </Show>
    </div>
  );
}
