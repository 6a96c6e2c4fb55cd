/**
 * The supervisor's outlook: per queue, the coming 15, 30 or 60 minutes simulated by the server
 * from the queue as it is now, with the agents on it now, with one and two more, and with one
 * fewer: "With 2 more agents: SL 84% (80%–88%), abandon 3%, longest wait 01:05". Under each
 * queue, what the simulation assumed and where it came from (forecast, last hour, a default).
 * Re-asked every 30 s (the server answers from the live state, so the lines follow the floor).
 */
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { formatDuration, formatPercent } from '../lib/format.ts';
import { AuthError, query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import { canRunOutlook, fetchOutlooks, formatRate, OUTLOOK_QUEUES_QUERY, staffedNow, type Outlook, type OutlookQueue } from '../lib/outlook.ts';
import type { Viewer } from '../lib/types.ts';
import { InlineError } from './InlineError.tsx';
import '../outlook.css';

const POLL_MS = 30_000;
const HORIZONS = [15, 30, 60] as const;
/** Queues asked at once: each request runs four simulations on the server. */
const PARALLEL = 3;

export interface OutlookPanelProps {
  /** The page's tenant, or undefined for every tenant the token sees. */
  tenant: string | undefined;
  tenantName(id: string): string;
  viewer: Viewer | null | undefined;
  token(): string;
  onUnauthorized(): void;
}

interface QueueResult {
  rows: Outlook[] | null;
  error: string | null;
}

const keyOf = (q: Pick<OutlookQueue, 'tenant' | 'id'>) => `${q.tenant}/${q.id}`;

export function OutlookPanel(props: OutlookPanelProps) {
  const [minutes, setMinutes] = createSignal<number>(30);
  const [queues, setQueues] = createSignal<OutlookQueue[] | null>(null);
  const [results, setResults] = createSignal(new Map<string, QueueResult>());
  const [problem, setProblem] = createSignal<string | null>(null);
  let aborter: AbortController | null = null;

  const allowed = (q: OutlookQueue) => canRunOutlook(props.viewer, q.tenant);

  async function poll() {
    aborter?.abort();
    const ctl = new AbortController();
    aborter = ctl;
    const m = minutes();
    let list: OutlookQueue[];
    try {
      list = (await query<{ queues: OutlookQueue[] }>(OUTLOOK_QUEUES_QUERY, { tenant: props.tenant ?? null }, props.token(), ctl.signal)).queues;
    } catch (err) {
      if (ctl.signal.aborted) return;
      if (err instanceof AuthError) props.onUnauthorized();
      else setProblem(t().outlook.failed(err instanceof Error ? err.message : String(err)));
      return;
    }
    if (ctl.signal.aborted) return;
    setProblem(null);
    list.sort((a, b) => a.tenant.localeCompare(b.tenant) || a.name.localeCompare(b.name));
    setQueues(list);
    const remaining = list.filter(allowed);
    const worker = async () => {
      for (let q = remaining.shift(); q; q = remaining.shift()) {
        const key = keyOf(q);
        const result: QueueResult = await fetchOutlooks(q, m, props.token(), ctl.signal).then(
          (rows) => ({ rows, error: null }),
          (err: unknown) => {
            if (err instanceof AuthError) props.onUnauthorized();
            return { rows: results().get(key)?.rows ?? null, error: err instanceof Error ? err.message : String(err) };
          },
        );
        if (ctl.signal.aborted) return;
        setResults((prev) => new Map(prev).set(key, result));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  }

  // A new horizon is a new question: the old lines go rather than stand under the new title.
  createEffect(
    on([minutes, () => props.viewer], () => {
      setResults(new Map());
      void poll();
    }),
  );
  const timer = setInterval(() => void poll(), POLL_MS);
  onCleanup(() => {
    clearInterval(timer);
    aborter?.abort();
  });

  const tenantsShown = createMemo(() => new Set((queues() ?? []).map((q) => q.tenant)).size);
  // Keys, not the objects a poll replaces: each queue's block stays put across refreshes.
  const keys = createMemo(() => (queues() ?? []).map(keyOf), [], { equals: (a, b) => a.join('\n') === b.join('\n') });
  const queueOf = (key: string) => queues()?.find((q) => keyOf(q) === key);
  const o = () => t().outlook;

  const line = (x: Outlook) => {
    const locale = t().locale;
    if (!x.serviceLevel) return o().noContacts;
    const sl = x.serviceLevel;
    return o().line(
      formatPercent(sl.mean, locale, { floor: true }),
      formatPercent(sl.low, locale, { floor: true }),
      formatPercent(sl.high, locale, { floor: true }),
      formatPercent(x.abandonRate?.mean ?? null, locale),
      formatDuration(x.longestWaitSeconds.mean),
    );
  };
  const assumed = (x: Outlook) => {
    const a = x.assumptions;
    return [
      o().arrivals(formatRate(a.arrivalsPerHour, t().locale), a.arrivalBasis),
      o().aht(formatDuration(a.ahtSeconds), a.ahtBasis),
      o().patience(a.patienceSeconds === null ? null : formatDuration(a.patienceSeconds)),
      a.label,
      o().runs(x.replications),
    ].join(' · ');
  };

  return (
    <section class="panel oc-panel" aria-labelledby="outlook-title" data-testid="outlook">
      <div class="toolbar">
        <h2 class="panel-title" id="outlook-title">
          {o().title(minutes())}
        </h2>
        <div class="segmented" role="group" aria-label={o().horizon} data-testid="outlook-horizon">
          <For each={HORIZONS}>
            {(m) => (
              <button type="button" data-minutes={m} aria-pressed={minutes() === m} onClick={() => setMinutes(m)}>
                {o().minutesOption(m)}
              </button>
            )}
          </For>
        </div>
      </div>
      <p class="oc-hint">{o().hint}</p>
      <InlineError message={problem()} />
      <Show when={queues()} fallback={<p class="table-empty">{t().loading}</p>}>
        <Show when={keys().length > 0} fallback={<p class="table-empty">{o().noQueues}</p>}>
          <div class="oc-list">
            <For each={keys()}>{(key) => <Show when={queueOf(key)}>{(q) => <QueueOutlook queue={q()} result={results().get(key)} />}</Show>}</For>
          </div>
        </Show>
      </Show>
    </section>
  );

  function QueueOutlook(p: { queue: OutlookQueue; result: QueueResult | undefined }) {
    const rows = () => p.result?.rows ?? null;
    const first = () => rows()?.[0];
    return (
      <article class="oc-queue" data-testid="outlook-queue" data-queue={keyOf(p.queue)}>
        <header class="oc-head">
          <h3 class="oc-name">
            <Show when={tenantsShown() > 1}>
              <span class="oc-tenant">{props.tenantName(p.queue.tenant)} · </span>
            </Show>
            {p.queue.name}
          </h3>
          <span class="oc-channel">{t().channel(p.queue.channel)}</span>
          <span class="oc-floor" data-testid="outlook-floor">
            {o().floor(first()?.staffedAgents ?? staffedNow(p.queue), first()?.waiting ?? p.queue.waiting)}
          </span>
        </header>
        <Show when={allowed(p.queue)} fallback={<p class="oc-note">{props.viewer === undefined ? t().loading : o().forbidden}</p>}>
          <Show
            when={rows()}
            fallback={
              <Show when={!p.result?.error}>
                <p class="oc-note">{t().loading}</p>
              </Show>
            }
          >
            {(list) => (
              <ul class="oc-rows">
                <For each={list()}>
                  {(x) => {
                    const delta = x.agents - x.staffedAgents;
                    const below = x.serviceLevel !== null && x.serviceLevel.mean < x.assumptions.targetServiceLevel;
                    return (
                      <li class="oc-row" data-testid="outlook-row" data-delta={delta} data-agents={x.agents} data-level={x.serviceLevel === null ? 'none' : below ? 'warn' : 'ok'}>
                        <span class="oc-label">{o().row(delta, x.agents)}:</span> <span class="oc-line">{line(x)}</span>
                        <Show when={below}>
                          <span class="visually-hidden"> ({o().belowTarget})</span>
                        </Show>
                      </li>
                    );
                  }}
                </For>
              </ul>
            )}
          </Show>
          <Show when={first()}>{(x) => <p class="oc-assumed" data-testid="outlook-assumed">{assumed(x())}</p>}</Show>
          <InlineError message={p.result?.error ? o().failed(p.result.error) : null} />
        </Show>
      </article>
    );
  }
}
