/** The big screen: one tile per queue, grouped by tenant when several are shown, and the alerts
 * on the wall in a banner above them. Queues and alerts come over one live link. */
import { useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { AlertBanner } from '../components/AlertBanner.tsx';
import { ProblemBanner, StaleBanner } from '../components/Banners.tsx';
import { Header } from '../components/Header.tsx';
import { QueueTile } from '../components/QueueTile.tsx';
import { StaffingGapTile } from '../components/StaffingGapTile.tsx';
import { liveAlertValue } from '../lib/alert-value.ts';
import { onTheWall, tileAlerts } from '../lib/alert-view.ts';
import { startAlertsLive } from '../lib/alerts-live.ts';
import { createNow } from '../lib/clock.ts';
import { indicator, isStale } from '../lib/freshness.ts';
import { t } from '../lib/i18n.ts';
import { boardLayout } from '../lib/layout.ts';
import { sumFollowUps } from '../lib/followup-view.ts';
import { createLiveLink } from '../lib/live-link.ts';
import { startQueueFeed } from '../lib/queue-feed.ts';
import { tenantZone } from '../lib/tenant-zone.ts';
import type { Tenant } from '../lib/types.ts';
import { createAlertStore } from '../stores/alerts.ts';
import { createBoard } from '../stores/board.ts';
import { createConnection } from '../stores/connection.ts';
import { token, tokenRefused } from '../stores/session.ts';

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
  const now = createNow();
  const board = createBoard();
  const connection = createConnection();
  const alerts = createAlertStore();
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

  const tenantName = (id: string) => tenants().find((x) => x.id === id)?.name ?? id;

  const wallAlerts = createMemo(() => Object.values(alerts.active).filter(onTheWall));
  const byTile = createMemo(() => tileAlerts(wallAlerts()));
  const firing = () => wallAlerts().filter((a) => a.state === 'FIRING').length;
  const queueName = (tenant: string, queue: string | null) =>
    queue === null ? null : (board.queues[`${tenant}/${queue}`]?.name ?? queue);

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

  const layout = createMemo(() => boardLayout(groups().map((g) => g.keys.length)));

  const supervisorHref = () => (props.tenant ? `/supervisor/${encodeURIComponent(props.tenant)}` : '/supervisor');
  /** Follow-ups of the queues on the wall, for the header (follow-ups of no queue are not here). */
  const followUpTotals = createMemo(() => sumFollowUps(Object.values(board.queues)), undefined, {
    equals: (a, b) => a.open === b.open && a.dueSoon === b.dueSoon && a.overdue === b.overdue,
  });
  /** Straight to the overdue ones when there are any. */
  const followUpsHref = () => `${supervisorHref()}?view=followups${followUpTotals().overdue > 0 ? '&overdue=1' : ''}`;

  const scope = () => {
    if (props.tenant) return tenantName(props.tenant);
    const only = groups().length === 1 ? groups()[0] : undefined;
    return only ? tenantName(only.tenant) : t().allTenants;
  };

  return (
    <div class="board" data-stale={stale()}>
      <Header
        scope={scope()}
        now={now()}
        indicator={indicator(connection.status(), connection.lastHeardMs(), now())}
        nav={{
          href: supervisorHref(),
          label: t().alertsLink(firing()),
          attention: firing() > 0,
        }}
        followUps={{ href: followUpsHref(), ...followUpTotals() }}
      />
      <StaleBanner since={stale() ? connection.lastHeardMs() : null} />
      <ProblemBanner message={connection.problem() ?? alertsLive.problem()} />
      <AlertBanner
        alerts={wallAlerts()}
        now={now()}
        queueName={(a) => queueName(a.tenant, a.queue)}
        value={(a) => liveAlertValue(a, a.queue === null ? undefined : board.queues[`${a.tenant}/${a.queue}`], now())}
        zone={(tenant) => tenantZone(tenants(), tenant)}
        tenantName={groups().length > 1 ? tenantName : undefined}
      />
      <StaffingGapTile
        tenants={props.tenant ? [props.tenant] : groups().map((g) => g.tenant)}
        staffed={(tenant, queue) => {
          const a = board.queues[`${tenant}/${queue}`]?.agents;
          return a ? a.available + a.busy + a.wrapup : undefined;
        }}
        queueName={(tenant, queue) => queueName(tenant, queue) ?? queue}
        tenantName={groups().length > 1 ? tenantName : undefined}
        token={currentToken}
        onUnauthorized={tokenRefused}
        now={now()}
      />
      <main class="wall" style={{ '--columns': layout().columns, '--scale': layout().scale }}>
        <Show
          when={groups().length > 0}
          fallback={
            <p class="empty">{connection.status() === 'connecting' ? t().connecting : t().noQueues}</p>
          }
        >
          <For each={groups()}>
            {(group) => (
              <section class="tenant" aria-label={tenantName(group.tenant)}>
                <Show when={groups().length > 1}>
                  <h2 class="tenant-name">{tenantName(group.tenant)}</h2>
                </Show>
                <div class="tiles">
                  <For each={group.keys}>
                    {(key) => (
                      <Show when={board.queues[key]}>
                        {(queue) => <QueueTile queue={queue()} now={now()} alert={byTile().get(key)} />}
                      </Show>
                    )}
                  </For>
                </div>
              </section>
            )}
          </For>
        </Show>
      </main>
    </div>
  );
}
