/**
 * The supervisor's follow-ups of one tenant: filters (status, overdue only, owner, queue, kept in
 * the URL), the live list with "Load more", and the form for a new one. The tenant's counts go
 * up to the page (onSummary), which shows them beside the tab.
 * Write controls show only to a token whose role may use them; the server still has the last
 * word, and its refusals show where they happened.
 */
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { updateFollowUp, type FollowUpChange } from '../lib/followup-actions.ts';
import {
  DEFAULT_FILTER,
  followUpLabel,
  isFilterDefault,
  sortFollowUps,
  STATUS_FILTERS,
  type FollowUpFilter,
  type StatusFilter,
} from '../lib/followup-view.ts';
import { PAGE_SIZE, startFollowUpsLive } from '../lib/followups-live.ts';
import { t } from '../lib/i18n.ts';
import type { LiveLink } from '../lib/live-link.ts';
import type { FollowUp, FollowUpSummary } from '../lib/types.ts';
import { createFollowUpStore, type FollowUpRow } from '../stores/followups.ts';
import { FollowUpForm } from './FollowUpForm.tsx';
import { FollowUpList } from './FollowUpList.tsx';

/** How long "Done: Callback · Billing · c-1042" stays under the toolbar. */
const FLASH_MS = 6000;

export interface FollowUpsPanelProps {
  tenant: string;
  link: LiveLink;
  token: () => string;
  now: number;
  zone: string;
  /** The tenant's queues by name, for the queue filter and the form. */
  queues: readonly { id: string; name: string }[];
  queueName(id: string): string;
  canWrite: boolean;
  /** False until `me` has answered: no "view only" note before we know. */
  roleKnown: boolean;
  filter: FollowUpFilter;
  setFilter(next: FollowUpFilter): void;
  onSummary(summary: FollowUpSummary | null): void;
  onProblem(message: string | null): void;
  onUnauthorized(): void;
}

export function FollowUpsPanel(props: FollowUpsPanelProps) {
  const store = createFollowUpStore();
  const live = startFollowUpsLive({
    tenant: props.tenant,
    link: props.link,
    token: props.token,
    store,
    filter: () => props.filter,
    onUnauthorized: props.onUnauthorized,
  });
  onCleanup(() => live.dispose());

  // A new filter is a new list: read it from the start.
  createEffect(
    on(
      () => JSON.stringify(props.filter),
      () => live.refilter(),
      { defer: true },
    ),
  );
  createEffect(() => props.onSummary(live.summary()));
  createEffect(() => props.onProblem(live.problem()));

  const rows = createMemo(() => sortFollowUps(Object.values(store.rows)));
  const owners = createMemo(() => [...new Set(rows().flatMap((r) => (r.owner ? [r.owner] : [])))].sort((a, b) => a.localeCompare(b)));
  /** The tenant's queues, and any a follow-up names that the tenant has no settings for. */
  const queueOptions = createMemo(() => {
    const known = new Map(props.queues.map((q) => [q.id, q.name]));
    for (const r of rows()) if (r.queue && !known.has(r.queue)) known.set(r.queue, r.queue);
    if (props.filter.queue && !known.has(props.filter.queue)) known.set(props.filter.queue, props.filter.queue);
    return [...known.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  });

  const [flash, setFlash] = createSignal<string | null>(null);
  let flashTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(flashTimer));
  function say(message: string) {
    setFlash(message);
    clearTimeout(flashTimer);
    flashTimer = setTimeout(() => setFlash(null), FLASH_MS);
  }
  const label = (f: Pick<FollowUp, 'kind' | 'queue' | 'contact' | 'id'>) => followUpLabel(f, t(), props.queueName);

  async function change(row: FollowUpRow, c: FollowUpChange) {
    const updated = await updateFollowUp(row.tenant, row.id, c, props.token());
    live.applyOwn(updated);
    if (c.status) say(t().fuDidStatus(c.status, label(updated)));
    else if (c.owner) say(t().fuDidAssign(c.owner, label(updated)));
  }

  function created(f: FollowUp) {
    live.applyOwn(f);
    say(t().fuDidCreate(label(f)));
  }

  const set = (patch: Partial<FollowUpFilter>) => props.setFilter({ ...props.filter, ...patch });
  const statusLabel = (s: StatusFilter) => (s === 'ALL_OPEN' ? t().fuAllOpen : t().fuStatus[s]);

  const [formOpen, setFormOpen] = createSignal(false);

  return (
    <section class="panel fu-panel" aria-labelledby="fu-title">
      <div class="toolbar fu-toolbar">
        <h2 class="panel-title" id="fu-title">
          {t().followUps}
        </h2>
        <div class="segmented" role="group" aria-label={t().fuFilterStatus} data-testid="followup-status-filter">
          <For each={STATUS_FILTERS}>
            {(s) => (
              <button type="button" data-filter={s} aria-pressed={props.filter.status === s} onClick={() => set({ status: s })}>
                {statusLabel(s)}
              </button>
            )}
          </For>
        </div>
        <button
          type="button"
          class="chip-toggle"
          data-testid="followup-overdue-filter"
          aria-pressed={props.filter.overdueOnly}
          onClick={() => set({ overdueOnly: !props.filter.overdueOnly })}
        >
          <span class="chip-dot" aria-hidden="true" />
          {t().fuOverdueOnly}
        </button>
        <label class="field fu-filter">
          <span>{t().fuFilterOwner}</span>
          <input
            type="search"
            name="owner-filter"
            list="fu-owners"
            placeholder={t().fuAnyOwner}
            value={props.filter.owner ?? ''}
            data-testid="followup-owner-filter"
            onChange={(e) => set({ owner: e.currentTarget.value.trim() || null })}
          />
          <datalist id="fu-owners">
            <For each={owners()}>{(o) => <option value={o} />}</For>
          </datalist>
        </label>
        <label class="field fu-filter">
          <span>{t().fuFilterQueue}</span>
          <select name="queue-filter" data-testid="followup-queue-filter" value={props.filter.queue ?? ''} onChange={(e) => set({ queue: e.currentTarget.value || null })}>
            <option value="">{t().allQueues}</option>
            <For each={queueOptions()}>{(q) => <option value={q.id}>{q.name}</option>}</For>
          </select>
        </label>
        <Show when={!isFilterDefault(props.filter)}>
          <button type="button" class="btn btn-quiet btn-small" data-testid="followup-clear-filters" onClick={() => props.setFilter(DEFAULT_FILTER)}>
            {t().fuClearFilters}
          </button>
        </Show>
        <span class="toolbar-note" data-testid="followup-count">
          <Show when={store.loaded}>{t().fuShowing(rows().length, store.totalCount)}</Show>
        </span>
        <Show when={props.canWrite}>
          <button
            type="button"
            class="btn fu-new-toggle"
            data-testid="followup-new-toggle"
            aria-expanded={formOpen()}
            aria-controls="fu-new"
            onClick={() => setFormOpen(!formOpen())}
          >
            <span aria-hidden="true">{formOpen() ? '−' : '+'}</span> {t().fuNew}
          </button>
        </Show>
      </div>

      <Show when={props.canWrite && formOpen()}>
        <FollowUpForm
          tenant={props.tenant}
          zone={props.zone}
          queues={queueOptions()}
          defaultQueue={props.filter.queue}
          token={props.token}
          onCreated={created}
          onClose={() => setFormOpen(false)}
          onUnauthorized={props.onUnauthorized}
        />
      </Show>
      <Show when={props.roleKnown && !props.canWrite}>
        <p class="fu-readonly" data-testid="followup-readonly">
          {t().fuReadOnly}
        </p>
      </Show>
      <p class="fu-flash" role="status" aria-live="polite" data-testid="followup-flash" data-empty={!flash()}>
        {flash() ? `✓ ${flash()}` : ''}
      </p>

      <Show
        when={rows().length > 0}
        fallback={
          <p class="table-empty" data-testid="followup-empty">
            {!store.loaded ? t().loading : isFilterDefault(props.filter) ? t().fuEmpty : t().fuEmptyFiltered}
          </p>
        }
      >
        <FollowUpList
          rows={rows()}
          now={props.now}
          zone={props.zone}
          queueName={props.queueName}
          canWrite={props.canWrite}
          onChange={change}
          onUnauthorized={props.onUnauthorized}
        />
      </Show>
      <Show when={store.hasNextPage}>
        <div class="fu-more">
          <button type="button" class="btn btn-quiet" data-testid="followup-load-more" disabled={live.busy() !== null} onClick={() => live.loadMore()}>
            {live.busy() === 'more' ? t().loading : t().fuLoadMore(Math.min(PAGE_SIZE, Math.max(0, store.totalCount - rows().length)))}
          </button>
        </div>
      </Show>
    </section>
  );
}
