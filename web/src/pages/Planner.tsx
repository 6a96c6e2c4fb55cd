/**
 * The planner, at a desk: a queue's forecast against its actuals by interval, the agents it
 * needs (required, and scheduled after shrinkage), a what-if over the staffing policy recomputed
 * as the sliders move, today's intraday picture (actuals so far, staffed against required now)
 * and shift planning for the day. Route `/planner/:tenant/:queue`, the day and step in the query
 * string (`?date=2026-11-24&step=HOUR1`); `/planner` and `/planner/:tenant` pick a queue.
 */
import { A, useNavigate, useParams, useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { ProblemBanner } from '../components/Banners.tsx';
import { ForecastChart } from '../components/ForecastChart.tsx';
import { ForecastMethods } from '../components/ForecastMethods.tsx';
import { Header } from '../components/Header.tsx';
import { IntradayPanel } from '../components/IntradayPanel.tsx';
import { ShiftPlanPanel } from '../components/ShiftPlanPanel.tsx';
import { WhatIfPanel } from '../components/WhatIfPanel.tsx';
import { createNow } from '../lib/clock.ts';
import { QUEUE_NAMES_QUERY, TENANTS_QUERY } from '../lib/documents.ts';
import { formatClock } from '../lib/format.ts';
import { AuthError, GraphQLRequestError, query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import { INTERVAL_STEPS, isIntervalStep, STEP_MS } from '../lib/intervals.ts';
import { FORECAST_QUERY, STAFFING_NOW_QUERY, type Forecast, type QueueStaffingNow, type StaffingOverrides } from '../lib/planner-api.ts';
import { tp } from '../lib/planner-i18n.ts';
import {
  accuracyParts,
  ahtRange,
  baselineValues,
  createLatestRunner,
  daySoFar,
  forecastColumns,
  isEmptyOverrides,
  isMissingField,
  medianAht,
  overridesFrom,
  staffingSummary,
  type WhatIfValues,
} from '../lib/planner.ts';
import { createPolledQuery } from '../lib/polled-query.ts';
import { createRefresher } from '../lib/refresher.ts';
import type { IntervalStep, Tenant } from '../lib/types.ts';
import { addDays, dayRange, isIsoDate, isValidTimeZone, localDate, type IsoDate } from '../lib/zoned-time.ts';
import { token, tokenRefused } from '../stores/session.ts';
import '../planner.css';

/** Today's actuals and the staffed-now figure are re-read this often. */
const REFRESH_EVERY_MS = 60_000;
/** How far ahead a day may be picked: the forecast reaches a month. */
const MAX_DAYS_AHEAD = 30;
/** What-if: quiet time after a slider move, and the longest a steady drag waits for new numbers. */
const WHATIF_DEBOUNCE_MS = 150;
const WHATIF_MAX_WAIT_MS = 450;

const currentToken = () => token() ?? '';

type Range = { fromMs: number; toMs: number; step: IntervalStep };

interface QueueName {
  id: string;
  tenant: string;
  name: string;
}

/** Another queue in the URL gets a new page: nothing of the previous queue lingers. */
export function Planner() {
  const params = useParams<{ tenant?: string; queue?: string }>();
  return (
    <Show when={{ tenant: params.tenant, queue: params.queue }} keyed>
      {(p) => (p.tenant && p.queue ? <PlannerView tenant={p.tenant} queue={p.queue} /> : <PlannerPicker tenant={p.tenant} />)}
    </Show>
  );
}

/** Tenants and queue names for the pickers; failures other than a refused token leave them empty. */
function createDirectory(tenant: string | undefined) {
  const [tenants, setTenants] = createSignal<Tenant[] | undefined>();
  const [queues, setQueues] = createSignal<QueueName[] | undefined>();
  const [problem, setProblem] = createSignal<string | null>(null);
  const aborter = new AbortController();
  onCleanup(() => aborter.abort());
  const fail = (err: unknown) => {
    if (aborter.signal.aborted) return;
    if (err instanceof AuthError) tokenRefused();
    else setProblem(t().loadFailed(err instanceof Error ? err.message : String(err)));
  };
  query<{ tenants: Tenant[] }>(TENANTS_QUERY, {}, currentToken(), aborter.signal)
    .then((r) => setTenants(r.tenants))
    .catch((err: unknown) => {
      setTenants([]);
      fail(err);
    });
  query<{ queues: QueueName[] }>(QUEUE_NAMES_QUERY, { tenant: tenant ?? null }, currentToken(), aborter.signal)
    .then((r) => setQueues(r.queues))
    .catch((err: unknown) => {
      setQueues([]);
      fail(err);
    });
  return { tenants, queues, problem };
}

function PlannerPicker(props: { tenant: string | undefined }) {
  const now = createNow();
  const dir = createDirectory(props.tenant);
  const tenantName = (id: string) => dir.tenants()?.find((x) => x.id === id)?.name ?? id;
  const groups = createMemo(() => {
    const by = new Map<string, QueueName[]>();
    for (const q of dir.queues() ?? []) by.set(q.tenant, [...(by.get(q.tenant) ?? []), q]);
    return [...by.entries()]
      .map(([tenant, list]) => ({ tenant, queues: list.sort((a, b) => a.name.localeCompare(b.name)) }))
      .sort((a, b) => tenantName(a.tenant).localeCompare(tenantName(b.tenant)));
  });
  return (
    <div class="detail planner">
      <Header scope={props.tenant ? tenantName(props.tenant) : t().allTenants} now={now()} planner={false} />
      <ProblemBanner message={dir.problem()} />
      <main class="detail-main pl-main">
        <div class="detail-title">
          <A class="back" href={props.tenant ? `/wall/${encodeURIComponent(props.tenant)}` : '/'}>
            {t().backToWallboard}
          </A>
          <h1>{tp().plannerTitle}</h1>
        </div>
        <section class="panel pl-picker" aria-labelledby="picker-title" data-testid="queue-picker">
          <h2 class="panel-title" id="picker-title">
            {tp().pickTitle}
          </h2>
          <p class="pl-hint">{tp().pickHint}</p>
          <Show when={dir.queues()} fallback={<p class="table-empty">{t().loading}</p>}>
            <Show when={groups().length > 0} fallback={<p class="table-empty">{tp().noQueuesToPlan}</p>}>
              <For each={groups()}>
                {(g) => (
                  <div class="pl-picker-group">
                    <h3>{tenantName(g.tenant)}</h3>
                    <ul>
                      <For each={g.queues}>
                        {(q) => (
                          <li>
                            <A href={`/planner/${encodeURIComponent(q.tenant)}/${encodeURIComponent(q.id)}`}>{q.name}</A>
                          </li>
                        )}
                      </For>
                    </ul>
                  </div>
                )}
              </For>
            </Show>
          </Show>
        </section>
      </main>
    </div>
  );
}

function PlannerView(props: { tenant: string; queue: string }) {
  const { tenant, queue } = props;
  const now = createNow();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams<{ date?: string; step?: string }>();
  const dir = createDirectory(tenant);

  const describe = (err: unknown): string | null => {
    if (err instanceof AuthError) {
      tokenRefused();
      return null;
    }
    const message = err instanceof Error ? err.message : String(err);
    return /not allowed to plan|FORBIDDEN/i.test(message) ? tp().forbidden : t().loadFailed(message);
  };

  const zone = () => {
    const list = dir.tenants();
    if (list === undefined) return null;
    const z = list.find((x) => x.id === tenant)?.timeZone;
    return z && isValidTimeZone(z) ? z : 'UTC';
  };
  const tenantName = () => dir.tenants()?.find((x) => x.id === tenant)?.name ?? tenant;
  const queueName = () => dir.queues()?.find((q) => q.tenant === tenant && q.id === queue)?.name ?? queue;
  /** The queues of this tenant for the switcher; this one always among them (it may be known only
   * from imported history, which the live queue list does not show). */
  const tenantQueues = createMemo(() => {
    const list = (dir.queues() ?? []).filter((q) => q.tenant === tenant);
    if (!list.some((q) => q.id === queue)) list.push({ id: queue, tenant, name: queue });
    return list.sort((a, b) => a.name.localeCompare(b.name));
  });

  const step = (): IntervalStep => (isIntervalStep(search.step) ? search.step : 'MIN15');
  const today = createMemo(() => {
    const z = zone();
    return z ? localDate(now(), z) : null;
  });
  const maxDate = () => (today() ? addDays(today()!, MAX_DAYS_AHEAD) : undefined);
  const date = createMemo((): IsoDate | null => {
    const wanted = search.date;
    const current = today();
    return isIsoDate(wanted) && current !== null && wanted <= addDays(current, MAX_DAYS_AHEAD) ? wanted : current;
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
  const variables = (r: Range, staffing: StaffingOverrides | null) => ({
    tenant,
    queue,
    from: new Date(r.fromMs).toISOString(),
    to: new Date(r.toMs).toISOString(),
    step: r.step,
    staffing,
  });

  // The baseline: the queue's own staffing policy.
  const baseline = createPolledQuery(
    range,
    async (r, signal) => {
      const { forecast } = await query<{ forecast: Forecast }>(FORECAST_QUERY, variables(r, null), currentToken(), signal);
      return { forecast, atMs: Date.now() };
    },
    describe,
  );

  // What-if: the sliders the planner moved, over the baseline's values for the day shown.
  const [touched, setTouched] = createSignal<Partial<WhatIfValues>>({});
  const baseValues = createMemo(() => {
    const b = baseline.data();
    return b ? baselineValues(b.forecast.staffing, medianAht(b.forecast.points)) : null;
  });
  const values = () => {
    const base = baseValues();
    return base ? { ...base, ...touched() } : null;
  };
  const overrides = createMemo(
    (): StaffingOverrides => {
      const base = baseValues();
      const v = values();
      return base && v ? overridesFrom(v, base) : {};
    },
    {},
    { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  const [scenario, setScenario] = createSignal<{ key: string; rangeKey: string; forecast: Forecast } | null>(null);
  const [whatIfBusy, setWhatIfBusy] = createSignal(false);
  const [whatIfError, setWhatIfError] = createSignal<string | null>(null);
  const scenarioKey = () => {
    const r = range();
    return r ? JSON.stringify([r, overrides()]) : null;
  };
  const whatIf = createLatestRunner(
    async (k: { key: string; r: Range; o: StaffingOverrides }, signal) => {
      const { forecast } = await query<{ forecast: Forecast }>(FORECAST_QUERY, variables(k.r, k.o), currentToken(), signal);
      return forecast;
    },
    {
      delayMs: WHATIF_DEBOUNCE_MS,
      maxWaitMs: WHATIF_MAX_WAIT_MS,
      onBusy: setWhatIfBusy,
      onResult: (forecast, k) => {
        setWhatIfError(null);
        setScenario({ key: k.key, rangeKey: JSON.stringify(k.r), forecast });
      },
      onError: (err) => {
        if (err instanceof AuthError) return tokenRefused();
        const message = err instanceof Error ? err.message : String(err);
        setWhatIfError(/not allowed to plan/i.test(message) ? tp().forbidden : tp().whatIfFailed(message));
      },
    },
  );
  onCleanup(() => whatIf.cancel());
  createEffect(
    on([range, overrides], ([r, o]) => {
      const key = scenarioKey();
      if (!r || !key || isEmptyOverrides(o)) {
        whatIf.cancel();
        setScenario(null);
        setWhatIfError(null);
        return;
      }
      whatIf.schedule({ key, r, o });
    }),
  );
  /** The what-if answer for what is on screen, or the last one while the next is computed; null
   * when the what-if is the baseline. */
  const shownScenario = () => {
    if (isEmptyOverrides(overrides())) return null;
    const s = scenario();
    if (!s) return null;
    // Another day or step: that answer's intervals are not these.
    return s.rangeKey === JSON.stringify(range()) ? s.forecast : null;
  };

  // Intraday: staffed against required now, for today only.
  const [nowUnavailable, setNowUnavailable] = createSignal(false);
  const staffingNow = createPolledQuery(
    () => (showingToday() && !nowUnavailable() ? { tenant } : null),
    async (_k, signal) => {
      try {
        const { staffingNow: rows } = await query<{ staffingNow: QueueStaffingNow[] }>(STAFFING_NOW_QUERY, { tenant }, currentToken(), signal);
        return rows.find((r) => r.queue === queue) ?? null;
      } catch (err) {
        if (err instanceof GraphQLRequestError && isMissingField(err.message, 'staffingNow')) {
          setNowUnavailable(true);
          return null;
        }
        throw err;
      }
    },
    (err) => {
      if (!(err instanceof AuthError)) return tp().staffingNowUnavailable;
      tokenRefused();
      return null;
    },
  );

  const refresher = createRefresher(
    () => {
      if (!showingToday()) return;
      baseline.refresh();
      staffingNow.refresh();
      const r = range();
      const key = scenarioKey();
      if (r && key && !isEmptyOverrides(overrides())) whatIf.now({ key, r, o: overrides() });
    },
    { everyMs: REFRESH_EVERY_MS, minGapMs: 15_000 },
  );
  onCleanup(() => refresher.dispose());

  const shown = () => shownScenario() ?? baseline.data()?.forecast ?? null;
  const columns = createMemo(() => {
    const r = range();
    const f = shown();
    const b = baseline.data();
    if (!r || !f || !b) return null;
    return forecastColumns(f.points, { fromMs: r.fromMs, toMs: r.toMs, stepMs: STEP_MS[r.step] }, shownScenario() ? b.forecast.points : null);
  });
  const baseSummary = createMemo(() => {
    const r = range();
    const b = baseline.data();
    return r && b ? staffingSummary(b.forecast.points, STEP_MS[r.step]) : null;
  });
  const scenarioSummary = createMemo(() => {
    const r = range();
    const s = shownScenario();
    return r && s ? staffingSummary(s.points, STEP_MS[r.step]) : null;
  });
  const soFar = createMemo(() => {
    const r = range();
    const b = baseline.data();
    return r && b && showingToday() ? daySoFar(b.forecast.points, STEP_MS[r.step], now()) : null;
  });
  const hasHistory = () => {
    const b = baseline.data();
    return !!b && b.forecast.points.some((p) => p.contacts > 0);
  };
  const accuracy = () => {
    const b = baseline.data();
    return b ? tp().accuracy(accuracyParts(b.forecast.method, b.forecast.accuracy, t().locale)) : '';
  };

  const setView = (next: { date?: IsoDate; step?: IntervalStep }) => {
    const d = next.date ?? date();
    const s = next.step ?? step();
    setSearch({ date: d && d !== today() ? d : undefined, step: s === 'MIN15' ? undefined : s }, { replace: true });
  };
  const switchQueue = (id: string) => {
    const qs = new URLSearchParams();
    if (search.date) qs.set('date', search.date);
    if (search.step) qs.set('step', search.step);
    const query = qs.toString();
    navigate(`/planner/${encodeURIComponent(tenant)}/${encodeURIComponent(id)}${query ? `?${query}` : ''}`);
  };

  return (
    <div class="detail planner">
      <Header
        scope={`${tenantName()} · ${queueName()}`}
        now={now()}
        nav={{ href: `/supervisor/${encodeURIComponent(tenant)}`, label: t().alertsLink(0) }}
        planner={false}
      />
      <ProblemBanner message={dir.problem()} />
      <main class="detail-main pl-main">
        <div class="detail-title pl-title">
          <A class="back" href={`/wall/${encodeURIComponent(tenant)}`}>
            {t().backToWallboard}
          </A>
          <h1>{tp().plannerTitle}</h1>
          <label class="field pl-queue-pick">
            <span class="visually-hidden">{tp().queue}</span>
            <select value={queue} onChange={(e) => switchQueue(e.currentTarget.value)} data-testid="planner-queue">
              <For each={tenantQueues()}>{(q) => <option value={q.id}>{q.name}</option>}</For>
            </select>
          </label>
          <Show when={today() && date() ? { today: today()!, date: date()! } : null}>
            {(v) => (
              <div class="toolbar pl-toolbar">
                <label class="field">
                  <span class="visually-hidden">{t().day}</span>
                  <input
                    type="date"
                    data-testid="planner-date"
                    value={v().date}
                    max={maxDate()}
                    required
                    onChange={(e) => {
                      const value = e.currentTarget.value;
                      if (isIsoDate(value) && value <= maxDate()!) setView({ date: value });
                      else e.currentTarget.value = v().date;
                    }}
                  />
                </label>
                <button type="button" class="btn btn-quiet" disabled={v().date === v().today} onClick={() => setView({ date: v().today })}>
                  {t().today}
                </button>
                <div class="segmented" role="group" aria-label={t().intervalLength}>
                  <For each={INTERVAL_STEPS}>
                    {(s) => (
                      <button type="button" data-step={s} aria-pressed={step() === s} onClick={() => setView({ step: s })}>
                        {t().steps[s]}
                      </button>
                    )}
                  </For>
                </div>
              </div>
            )}
          </Show>
          <span class="detail-basis pl-basis">
            <Show when={baseline.data()}>
              <span class="pl-accuracy" data-testid="forecast-accuracy" title={tp().accuracyTitle}>
                {accuracy()}
              </span>
              {' · '}
            </Show>
            {zone() ? t().timesIn(zone()!) : ''}
            <Show when={baseline.data()}>
              {(d) => (
                <>
                  {' · '}
                  {t().updatedAt(formatClock(d().atMs, t().locale))}
                </>
              )}
            </Show>
          </span>
        </div>

        <Show when={baseline.error()}>
          {(message) => (
            <p class="inline-error pl-error" role="alert" data-testid="planner-error">
              ⚠ {message()}
            </p>
          )}
        </Show>

        <div class="pl-grid">
          <div class="pl-left">
            <section class="panel pl-forecast" aria-labelledby="forecast-title">
              <div class="pl-panel-head">
                <h2 class="panel-title" id="forecast-title">
                  {tp().forecastVsActual}
                </h2>
              </div>
              <Show
                when={columns() && range() ? { columns: columns()!, range: range()! } : null}
                fallback={<p class="table-empty">{baseline.error() ? '' : t().loading}</p>}
              >
                {(view) => (
                  <>
                    <Show when={!hasHistory()}>
                      <p class="pl-hint pl-nohistory">{tp().noForecast}</p>
                    </Show>
                    <ForecastChart
                      columns={view().columns}
                      fromMs={view().range.fromMs}
                      toMs={view().range.toMs}
                      stepMs={STEP_MS[view().range.step]}
                      zone={zone()!}
                      nowMs={showingToday() ? now() : null}
                    />
                  </>
                )}
              </Show>
            </section>

            <Show when={range() && zone() && date() ? { range: range()!, zone: zone()!, date: date()! } : null}>
              {(v) => (
                <ShiftPlanPanel
                  tenant={tenant}
                  queue={queue}
                  date={v().date}
                  fromMs={v().range.fromMs}
                  toMs={v().range.toMs}
                  zone={v().zone}
                  overrides={overrides()}
                  token={currentToken}
                  onUnauthorized={tokenRefused}
                />
              )}
            </Show>
          </div>

          <aside class="pl-side">
            <Show when={values() && baseValues() && baseSummary() ? { values: values()!, base: baseValues()!, summary: baseSummary()! } : null}>
              {(v) => (
                <WhatIfPanel
                  values={v().values}
                  baseline={v().base}
                  ahtRange={ahtRange(v().base.ahtSeconds)}
                  baselineSummary={v().summary}
                  scenarioSummary={scenarioSummary()}
                  busy={whatIfBusy()}
                  error={whatIfError()}
                  zone={zone() ?? 'UTC'}
                  onChange={(field, value) => setTouched((prev) => ({ ...prev, [field]: value }))}
                  onReset={() => setTouched({})}
                />
              )}
            </Show>
            <IntradayPanel
              today={showingToday()}
              now={staffingNow.data()}
              nowUnavailable={nowUnavailable() || staffingNow.error() !== null}
              soFar={soFar()}
              zone={zone() ?? 'UTC'}
            />
            <Show when={baseline.data()}>{(d) => <ForecastMethods forecast={d().forecast} />}</Show>
          </aside>
        </div>
      </main>
    </div>
  );
}
