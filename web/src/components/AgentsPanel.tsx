/**
 * Agents at a supervisor's desk, live. The Agents tab (`/supervisor/:tenant?view=agents`): every
 * agent of one tenant in a table (activity in a colour, an icon AND a word, away reason, time in
 * state ticking locally, slots in use, queues leading to their drill-down), filtered by queue and
 * activity, sorted by time in state or name, with a count per activity that is also the
 * activity filter. An agent in one state longer than its limit (lib/agents-table.ts) is flagged
 * in words beside its time. QueueAgents is the same rows, compact, for one queue's drill-down.
 *
 * Both run the wall's subscription and store (lib/agents-live.ts, stores/agents.ts) on the page's
 * live link, so the agents come on the socket that already carries the page's other updates.
 */
import { A } from '@solidjs/router';
import { createMemo, createSignal, For, onCleanup, Show } from 'solid-js';
import { ACTIVITY_ICON, activityKey, agentKey, secondsInStateAt, slotsText, summarize, type GridAgent } from '../lib/agent-grid.ts';
import { startAgentsLive } from '../lib/agents-live.ts';
import {
  ACTIVITY_FILTERS,
  countAgents,
  DEFAULT_AGENT_FILTER,
  filterAgents,
  limitRules,
  limitText,
  overLimitAt,
  queueOptions,
  servesQueue,
  sortAgents,
  type ActivityFilter,
  type AgentFilter,
  type AgentSort,
} from '../lib/agents-table.ts';
import { QUEUE_NAMES_QUERY } from '../lib/documents.ts';
import { formatDuration } from '../lib/format.ts';
import { AuthError, query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import type { LiveLink } from '../lib/live-link.ts';
import type { Tenant } from '../lib/types.ts';
import type { AgentActivity } from '../lib/wall-documents.ts';
import { createAgentStore } from '../stores/agents.ts';
import '../agents-desk.css';
import { TenantPicker } from './TenantPicker.tsx';

const m = () => t().agentsDesk;

/** One tenant's agents, live while the calling component lives. */
function createTenantAgents(tenant: string, link: LiveLink) {
  const store = createAgentStore();
  onCleanup(startAgentsLive({ tenant, link, store }));
  return createMemo(() => Object.values(store.agents).filter((a) => a.tenant === tenant));
}

const queueHref = (tenant: string, queue: string) => `/queue/${encodeURIComponent(tenant)}/${encodeURIComponent(queue)}`;

/** An activity for one agent: the away reason stands for "away" when there is one, as on the wall. */
const reasonWord = (a: GridAgent) => (a.activity === 'AWAY' && a.reason ? t().wall.awayReason(a.reason) : null);

export interface AgentsPanelProps {
  /** The page's tenant, or null: the caller picks one of `tenants`. */
  tenant: string | null;
  tenants: readonly Tenant[];
  tenantsLoaded: boolean;
  onPickTenant(id: string): void;
  link: LiveLink;
  now: number;
  /** The tenant's named queues (others an agent serves are listed by id). */
  queues(tenant: string): { id: string; name: string }[];
  queueName(tenant: string, queue: string): string;
  filter: AgentFilter;
  setFilter(next: AgentFilter): void;
}

export function AgentsPanel(props: AgentsPanelProps) {
  return (
    <div class="ag-section" data-testid="agents">
      <Show
        when={props.tenant}
        keyed
        fallback={
          <Show when={props.tenantsLoaded} fallback={<p class="table-empty">{t().loading}</p>}>
            <TenantPicker title={m().tab} hint={m().pickTenant} tenants={props.tenants} detail={(tn) => tn.id} onPick={props.onPickTenant} testId="agents-tenant-picker" />
          </Show>
        }
      >
        {(tenant) => <TenantAgents {...props} tenant={tenant} />}
      </Show>
    </div>
  );
}

function TenantAgents(props: AgentsPanelProps & { tenant: string }) {
  const tenant = props.tenant;
  const agents = createTenantAgents(tenant, props.link);
  const f = () => props.filter;
  const set = (patch: Partial<AgentFilter>) => props.setFilter({ ...props.filter, ...patch });

  // The queue decides what the counts count; the activity then picks among them.
  const inQueue = createMemo(() => agents().filter((a) => servesQueue(a, f().queue)));
  const counts = createMemo(() => countAgents(inQueue(), props.now));
  const awayReasons = createMemo(() => summarize(inQueue().filter((a) => a.activity === 'AWAY'), 0).awayReasons);
  // Sorted without the clock (see sortAgents), so the order only moves when an update arrives.
  const sorted = createMemo(() => sortAgents(filterAgents(inQueue(), { queue: null, activity: f().activity, longOnly: false }, 0), f().sort));
  const shown = createMemo(() => (f().longOnly ? sorted().filter((a) => overLimitAt(a, props.now) !== null) : sorted()));
  const options = createMemo(() => queueOptions(props.queues(tenant), agents()));
  const isDefault = () => f().queue === null && f().activity === 'SIGNED_IN' && !f().longOnly;
  const signedIn = () => inQueue().length - counts().counts.OFFLINE;
  const filterCount = (a: ActivityFilter) => (a === 'SIGNED_IN' ? signedIn() : counts().counts[a]);
  const hint = () =>
    m().limitsHint(
      limitRules().map((r) => ({
        what: r.reason ? t().wall.awayReason(r.reason) : m().activity[activityKey(r.activity)],
        limit: limitText(r.seconds),
      })),
    );

  return (
    <section class="panel ag-panel" aria-labelledby="ag-title">
      <div class="toolbar ag-toolbar">
        <h2 class="panel-title" id="ag-title">
          {m().tab}
        </h2>
        <div class="segmented ag-activities" role="group" aria-label={m().filterActivity} data-testid="agent-activity-filter">
          <For each={ACTIVITY_FILTERS}>
            {(a) => (
              <button
                type="button"
                data-filter={a === 'SIGNED_IN' ? 'signed-in' : activityKey(a)}
                data-activity={a === 'SIGNED_IN' ? undefined : activityKey(a)}
                aria-pressed={f().activity === a}
                onClick={() => set({ activity: a })}
              >
                <Show when={a !== 'SIGNED_IN'}>
                  <span class="agent-icon" aria-hidden="true">
                    {ACTIVITY_ICON[a as AgentActivity]}
                  </span>{' '}
                </Show>
                <span class="ag-count">{filterCount(a)}</span> <span class="ag-count-word">{a === 'SIGNED_IN' ? m().signedIn : t().activity[activityKey(a)]}</span>
              </button>
            )}
          </For>
        </div>
        <button
          type="button"
          class="chip-toggle ag-over-toggle"
          data-testid="agent-over-filter"
          data-zero={counts().overLimit === 0}
          aria-pressed={f().longOnly}
          onClick={() => set({ longOnly: !f().longOnly })}
        >
          {/* One flex item: the chip's gap would otherwise widen the spaces between the words. */}
          <span>
            <span aria-hidden="true">⚠</span> <span data-testid="agent-over-count">{counts().overLimit}</span> {m().overLimitWord}
          </span>
        </button>
        <label class="field fu-filter">
          <span>{m().filterQueue}</span>
          <select name="agent-queue" data-testid="agent-queue-filter" value={f().queue ?? ''} onChange={(e) => set({ queue: e.currentTarget.value || null })}>
            <option value="">{t().allQueues}</option>
            <For each={options()}>{(q) => <option value={q.id}>{q.name}</option>}</For>
          </select>
        </label>
        <div class="segmented" role="group" aria-label={m().sortBy} data-testid="agent-sort">
          <For each={['time', 'name'] as AgentSort[]}>
            {(s) => (
              <button type="button" data-sort={s} aria-pressed={f().sort === s} onClick={() => set({ sort: s })}>
                {m().sort[s]}
              </button>
            )}
          </For>
        </div>
        <Show when={!isDefault()}>
          <button type="button" class="btn btn-quiet btn-small" data-testid="agent-clear-filters" onClick={() => props.setFilter({ ...DEFAULT_AGENT_FILTER, sort: f().sort })}>
            {m().clearFilters}
          </button>
        </Show>
        <span class="toolbar-note" data-testid="agent-count">
          {m().showing(shown().length, signedIn())}
        </span>
      </div>
      <Show when={awayReasons().length > 0}>
        <p class="ag-reasons" data-testid="agent-away-reasons">
          {ACTIVITY_ICON.AWAY} {t().activity.away}:{' '}
          {awayReasons()
            .map((r) => `${r.reason ? t().wall.awayReason(r.reason) : t().wall.noReason} ${r.count}`)
            .join(' · ')}
        </p>
      </Show>

      <Show
        when={shown().length > 0}
        fallback={<p class="table-empty">{agents().length === 0 ? t().wall.noAgents : m().noneFiltered}</p>}
      >
        <div class="table-scroll ag-scroll">
          <AgentTable agents={shown()} now={props.now} tenant={tenant} queueName={(q) => props.queueName(tenant, q)} currentQueue={null} />
        </div>
      </Show>
      <p class="ag-hint" data-testid="agent-limits">
        {hint()}
      </p>
    </section>
  );
}

export interface QueueAgentsProps {
  tenant: string;
  queue: string;
  link: LiveLink;
  now: number;
  token(): string;
  onUnauthorized(): void;
}

/** The agents serving one queue, for its drill-down: signed in, longest in state first. */
export function QueueAgents(props: QueueAgentsProps) {
  const { tenant, queue } = props;
  const agents = createTenantAgents(tenant, props.link);
  const mine = createMemo(() => agents().filter((a) => servesQueue(a, queue)));
  const shown = createMemo(() => sortAgents(filterAgents(mine(), { queue: null, activity: 'SIGNED_IN', longOnly: false }, 0), 'time'));
  const overLimit = createMemo(() => countAgents(shown(), props.now).overLimit);

  // The other queues' names dress the rows up; without them the ids show.
  const [names, setNames] = createSignal(new Map<string, string>());
  const aborter = new AbortController();
  onCleanup(() => aborter.abort());
  query<{ queues: { id: string; name: string }[] }>(QUEUE_NAMES_QUERY, { tenant }, props.token(), aborter.signal)
    .then(({ queues }) => setNames(new Map(queues.map((q) => [q.id, q.name]))))
    .catch((err: unknown) => {
      if (!aborter.signal.aborted && err instanceof AuthError) props.onUnauthorized();
    });

  return (
    <section class="panel ag-queue" aria-labelledby="ag-queue-title" data-testid="queue-agents">
      <h2 class="panel-title" id="ag-queue-title">
        {m().queueTitle}
      </h2>
      {/* The counts per activity are in the live panel above; only the flag is new here. */}
      <Show when={overLimit() > 0}>
        <p class="ag-countline-over" data-testid="queue-agent-over">
          ⚠ <strong>{overLimit()}</strong> {m().overLimitWord}
        </p>
      </Show>
      <Show when={shown().length > 0} fallback={<p class="table-empty">{m().queueNone}</p>}>
        <AgentTable agents={shown()} now={props.now} tenant={tenant} queueName={(q) => names().get(q) ?? q} currentQueue={queue} compact />
      </Show>
    </section>
  );
}

function AgentTable(props: {
  agents: readonly GridAgent[];
  now: number;
  tenant: string;
  queueName(queue: string): string;
  /** The drill-down's queue: listed first and not linked (the page is already there). */
  currentQueue: string | null;
  compact?: boolean;
}) {
  return (
    <table class="grid-table ag-table" data-compact={props.compact === true} data-testid={props.compact ? 'queue-agent-list' : 'agent-list'}>
      <thead>
        <tr>
          <th scope="col" class="cell-text">{m().colAgent}</th>
          <th scope="col" class="cell-text">{m().colActivity}</th>
          <Show when={!props.compact}>
            <th scope="col" class="cell-text">{m().colReason}</th>
          </Show>
          <th scope="col" class="cell-text">{m().colTime}</th>
          <th scope="col">{m().colSlots}</th>
          <th scope="col" class="cell-text">{m().colQueues}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.agents}>
          {(a) => <AgentRow agent={a} now={props.now} tenant={props.tenant} queueName={props.queueName} currentQueue={props.currentQueue} compact={props.compact} />}
        </For>
      </tbody>
    </table>
  );
}

function AgentRow(props: {
  agent: GridAgent;
  now: number;
  tenant: string;
  queueName(queue: string): string;
  currentQueue: string | null;
  compact?: boolean;
}) {
  const a = () => props.agent;
  const key = () => activityKey(a().activity);
  const over = () => overLimitAt(a(), props.now);
  const stateWord = () => m().activity[key()];
  // Compact rows have no reason column: the reason stands for "away", as on the wall.
  const word = () => (props.compact ? (reasonWord(a()) ?? stateWord()) : stateWord());
  const slots = () => slotsText(a().slots, t().channel);
  const queues = () => {
    const current = props.currentQueue;
    return current ? [...a().queues].sort((x, y) => Number(x !== current) - Number(y !== current)) : a().queues;
  };
  const overTitle = (limit: number) => m().overLimitTitle(reasonWord(a()) ?? stateWord(), limitText(limit));
  return (
    <tr class="ag-row" data-agent={agentKey(a())} data-activity={key()} data-over={over() !== null}>
      <th scope="row" class="cell-text ag-name">
        {a().id}
      </th>
      <td class="cell-text">
        <span class="ag-state" data-testid="agent-state" title={props.compact && reasonWord(a()) ? `${stateWord()} · ${reasonWord(a())}` : undefined}>
          <span class="agent-icon" aria-hidden="true">
            {ACTIVITY_ICON[a().activity]}
          </span>{' '}
          <span class="ag-word">{word()}</span>
        </span>
      </td>
      <Show when={!props.compact}>
        <td class="cell-text ag-reason" data-testid="agent-reason">
          {reasonWord(a()) ?? '–'}
        </td>
      </Show>
      <td class="cell-text ag-time">
        <span data-metric="time-in-state">{formatDuration(secondsInStateAt(a(), props.now))}</span>
        <Show when={over()}>
          {(limit) => (
            <span class="ag-over" data-testid="agent-over-limit" title={overTitle(limit())}>
              {m().overLimit(limitText(limit()))}
            </span>
          )}
        </Show>
      </td>
      <td data-metric="slots" title={t().wall.slotsTitle}>
        {slots() ?? '–'}
      </td>
      <td class="cell-text ag-queues" data-testid="agent-queues">
        <For each={queues()}>
          {(q, i) => (
            <>
              {i() > 0 ? ', ' : ''}
              <Show when={q !== props.currentQueue} fallback={<span class="ag-queue-here">{props.queueName(q)}</span>}>
                <A href={queueHref(props.tenant, q)} data-queue={q} title={m().openQueue(props.queueName(q))}>
                  {props.queueName(q)}
                </A>
              </Show>
            </>
          )}
        </For>
      </td>
    </tr>
  );
}
