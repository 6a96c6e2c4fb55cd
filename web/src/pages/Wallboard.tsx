/** The big screen: one tile per queue, grouped by tenant when several are shown. */
import { useParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { ProblemBanner, StaleBanner } from '../components/Banners.tsx';
import { Header } from '../components/Header.tsx';
import { QueueTile } from '../components/QueueTile.tsx';
import { createNow } from '../lib/clock.ts';
import { indicator, isStale } from '../lib/freshness.ts';
import { t } from '../lib/i18n.ts';
import { boardLayout } from '../lib/layout.ts';
import { startQueueFeed } from '../lib/queue-feed.ts';
import type { Tenant } from '../lib/types.ts';
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
  const [tenants, setTenants] = createSignal<Tenant[]>([]);

  const feed = startQueueFeed({
    tenant: props.tenant,
    token: () => token() ?? '',
    board,
    connection,
    onTenants: setTenants,
    onUnauthorized: tokenRefused,
  });
  onCleanup(() => feed.dispose());

  const stale = () => isStale(connection.lastHeardMs(), now());
  // A socket that says "open" while nothing arrives is dead in all but name: drop it so the
  // client reconnects and the subscription re-sends every snapshot.
  createEffect(() => {
    if (stale() && connection.status() === 'live') feed.reconnect();
  });

  const tenantName = (id: string) => tenants().find((x) => x.id === id)?.name ?? id;

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

  const scope = () => {
    if (props.tenant) return tenantName(props.tenant);
    const only = groups().length === 1 ? groups()[0] : undefined;
    return only ? tenantName(only.tenant) : t().allTenants;
  };

  return (
    <div class="board" data-stale={stale()}>
      <Header scope={scope()} now={now()} indicator={indicator(connection.status(), connection.lastHeardMs(), now())} />
      <StaleBanner since={stale() ? connection.lastHeardMs() : null} />
      <ProblemBanner message={connection.problem()} />
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
                      <Show when={board.queues[key]}>{(queue) => <QueueTile queue={queue()} now={now()} />}</Show>
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
