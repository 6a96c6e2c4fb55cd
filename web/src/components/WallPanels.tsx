/**
 * The panels a wall view is made of, in the order its layout gives: queue tiles, the agent grid,
 * today's chart and the all-queues totals. A view shares the wall's height between its panels
 * (lib/wall-layout.ts panelShares); every panel fits its share without scrolling.
 */
import { createMemo, For, lazy, onCleanup, Show, Suspense, type JSX } from 'solid-js';
import { panelAgents, type GridAgent } from '../lib/agent-grid.ts';
import type { TileAlert } from '../lib/alert-view.ts';
import { formatDuration, formatPercent } from '../lib/format.ts';
import { AuthError, query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import { boardLayout, BASE_ROWS } from '../lib/layout.ts';
import { createPolledQuery } from '../lib/polled-query.ts';
import { TENANT_TOTALS_QUERY, type GroupTotals, type TenantTotals, type WallPanel } from '../lib/wall-documents.ts';
import type { Board } from '../stores/board.ts';
import { AgentGrid } from './AgentGrid.tsx';
import { QueueTile } from './QueueTile.tsx';

// The chart brings uPlot: only a screen that shows a chart loads it.
const WallChartPanel = lazy(() => import('./WallChartPanel.tsx').then((m) => ({ default: m.WallChartPanel })));

export interface QueueGroup {
  tenant: string;
  /** Queue keys (`tenant/id`), sorted by name. */
  keys: string[];
}

export interface WallPanelContext {
  board: Board;
  agents: () => readonly GridAgent[];
  now: number;
  /** The tenant groups on this page (one tenant, or all of them). */
  groups: QueueGroup[];
  byTile: Map<string, TileAlert>;
  tenantName(tenant: string): string;
  /** Several tenants on the page: sections get headings, agent cells their tenant. */
  multiTenant: boolean;
  queueName(tenant: string, queue: string): string;
  /** The zone of the page's tenant (its "today"), or null when the page shows several. */
  tenantZone: string | null;
  /** The zone the screen shows times in: the tenant's or the viewer's. */
  shownZone: string;
  token(): string;
  onUnauthorized(): void;
}

export function PanelFrame(props: { panel: WallPanel; share: number; children: JSX.Element }) {
  return (
    <section
      class="wall-panel"
      data-kind={props.panel.kind.toLowerCase()}
      style={{ flex: props.share > 0 ? `${props.share} 1 0` : '0 0 auto', '--share': props.share > 0 ? props.share : 1 }}
    >
      {props.children}
    </section>
  );
}

export function QueuesPanel(props: { panel: WallPanel; share: number; ctx: WallPanelContext }) {
  const groups = createMemo(() => {
    const wanted = props.panel.queues ? new Set(props.panel.queues) : null;
    return props.ctx.groups
      .map((g) => ({ tenant: g.tenant, keys: wanted ? g.keys.filter((k) => wanted.has(k.slice(g.tenant.length + 1))) : g.keys }))
      .filter((g) => g.keys.length > 0);
  });
  const layout = createMemo(() =>
    boardLayout(
      groups().map((g) => g.keys.length),
      BASE_ROWS * (props.share > 0 ? props.share : 1),
    ),
  );
  return (
    <div class="wall-queues" style={{ '--columns': layout().columns, '--scale': layout().scale }}>
      <For each={groups()}>
        {(group) => (
          <section class="tenant" aria-label={props.ctx.tenantName(group.tenant)}>
            <Show when={props.ctx.multiTenant}>
              <h2 class="tenant-name">{props.ctx.tenantName(group.tenant)}</h2>
            </Show>
            <div class="tiles">
              <For each={group.keys}>
                {(key) => <Show when={props.ctx.board.queues[key]}>{(queue) => <QueueTile queue={queue()} now={props.ctx.now} alert={props.ctx.byTile.get(key)} />}</Show>}
              </For>
            </div>
          </section>
        )}
      </For>
    </div>
  );
}

export function AgentsPanel(props: { panel: WallPanel; ctx: WallPanelContext }) {
  const tenants = createMemo(() => new Set(props.ctx.groups.map((g) => g.tenant)));
  const agents = createMemo(() => panelAgents(props.ctx.agents().filter((a) => tenants().has(a.tenant)), props.panel.queues));
  return (
    <AgentGrid
      agents={agents().shown}
      offline={agents().offline}
      now={props.ctx.now}
      queueName={props.ctx.queueName}
      tenantName={props.ctx.multiTenant ? props.ctx.tenantName : undefined}
      queues={props.panel.queues}
    />
  );
}

export function ChartPanel(props: { panel: WallPanel; ctx: WallPanelContext }) {
  const tenant = () => (props.ctx.groups.length === 1 ? props.ctx.groups[0]!.tenant : null);
  const queue = () => props.panel.queues?.[0] ?? null;
  return (
    <Show when={tenant() && props.ctx.tenantZone ? { tenant: tenant()!, zone: props.ctx.tenantZone! } : null}>
      {(on) => (
        <Suspense fallback={<p class="wall-panel-note">{t().loading}</p>}>
          <WallChartPanel
            tenant={on().tenant}
            queue={queue()}
            title={t().wall.chartTitle(queue() ? props.ctx.queueName(on().tenant, queue()!) : t().allQueues)}
            target={queue() ? (props.ctx.board.queues[`${on().tenant}/${queue()}`]?.settings.targetServiceLevel ?? null) : null}
            zone={on().zone}
            labelZone={props.ctx.shownZone}
            now={props.ctx.now}
            token={props.ctx.token}
            onUnauthorized={props.ctx.onUnauthorized}
          />
        </Suspense>
      )}
    </Show>
  );
}

/** How often the totals are read again: their numbers move with every contact, their agents with every change. */
const TOTALS_EVERY_MS = 15_000;

export function TotalsPanel(props: { ctx: WallPanelContext }) {
  return <For each={props.ctx.groups}>{(g) => <TenantTotalsRow tenant={g.tenant} ctx={props.ctx} />}</For>;
}

function TenantTotalsRow(props: { tenant: string; ctx: WallPanelContext }) {
  const totals = createPolledQuery(
    () => props.tenant,
    (tenant, signal) => query<{ tenantTotals: TenantTotals }>(TENANT_TOTALS_QUERY, { tenant }, props.ctx.token(), signal).then((r) => r.tenantTotals),
    (err) => {
      if (err instanceof AuthError) props.ctx.onUnauthorized();
      return err instanceof Error ? err.message : String(err);
    },
  );
  const timer = setInterval(() => totals.refresh(), TOTALS_EVERY_MS);
  onCleanup(() => clearInterval(timer));
  return (
    <div class="wall-totals" data-testid="wall-totals" aria-label={t().wall.totalsTitle}>
      <Show when={totals.data()} fallback={<p class="wall-panel-note">{totals.error() ?? t().loading}</p>}>
        {(d) => (
          <>
            <TotalsCells label={props.ctx.multiTenant ? props.ctx.tenantName(props.tenant) : t().wall.totalsTitle} totals={d()} strong />
            <For each={d().channels}>{(c) => <TotalsCells label={t().wall.channelRow(c.channel)} totals={c} />}</For>
          </>
        )}
      </Show>
    </div>
  );
}

function TotalsCells(props: { label: string; totals: GroupTotals; strong?: boolean }) {
  const pct = (x: number | null) => formatPercent(x, t().locale, { floor: true });
  const busy = () => props.totals.agents.busy + props.totals.agents.wrapup;
  return (
    <dl class="totals-row" data-strong={props.strong ?? false}>
      <dt class="totals-label">{props.label}</dt>
      <div>
        <dt>{t().waiting}</dt>
        <dd data-metric="total-waiting">{props.totals.waiting}</dd>
      </div>
      <div>
        <dt>{t().longestWait}</dt>
        <dd>{formatDuration(props.totals.waiting > 0 ? props.totals.longestWaitSeconds : 0)}</dd>
      </div>
      <div>
        <dt>{t().offered}</dt>
        <dd data-metric="total-offered">{props.totals.today.offered}</dd>
      </div>
      <div>
        <dt>{t().answered}</dt>
        <dd>{props.totals.today.answered}</dd>
      </div>
      <div>
        <dt>{t().serviceLevel}</dt>
        <dd>{pct(props.totals.today.serviceLevel)}</dd>
      </div>
      <div>
        <dt>{t().abandonRate}</dt>
        <dd>{pct(props.totals.today.abandonRate)}</dd>
      </div>
      <div>
        <dt>{t().activity.busy}</dt>
        <dd>{busy()}</dd>
      </div>
      <div>
        <dt>{t().activity.available}</dt>
        <dd>{props.totals.agents.available}</dd>
      </div>
    </dl>
  );
}
