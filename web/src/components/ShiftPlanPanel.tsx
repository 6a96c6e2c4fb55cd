/**
 * Shift planning for the day shown: a small editor of one to three shift templates (kept on this
 * device), "Plan shifts" sends them with the what-if staffing to the server's solver, and the
 * answer comes back as a table of shifts, a coverage chart with the under-covered intervals in
 * red, paid hours, and both CSVs to download (from the answer itself: no token in any URL).
 */
import { createMemo, createSignal, For, Index, onCleanup, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { AuthError, GraphQLRequestError, query } from '../lib/graphql.ts';
import { t } from '../lib/i18n.ts';
import {
  SHIFT_PLAN_QUERY,
  WEEKDAYS,
  type PlannedShift,
  type ShiftPlan,
  type ShiftPlanRequest,
  type StaffingOverrides,
  type Weekday,
} from '../lib/planner-api.ts';
import { tp } from '../lib/planner-i18n.ts';
import {
  breakGroups,
  coverageColumns,
  defaultTemplates,
  draftProblems,
  draftToInput,
  isEmptyOverrides,
  isMissingField,
  MAX_TEMPLATES,
  newTemplate,
  parseStoredTemplates,
  planCsvName,
  startCount,
  type TemplateDraft,
} from '../lib/planner.ts';
import { formatTimeOfDay, type IsoDate } from '../lib/zoned-time.ts';
import { CoverageChart } from './CoverageChart.tsx';
import { InlineError } from './InlineError.tsx';

const STORAGE_KEY = 'floorboard.planner.templates';
const QUARTER_MS = 900_000;

export interface ShiftPlanPanelProps {
  tenant: string;
  queue: string;
  date: IsoDate;
  fromMs: number;
  toMs: number;
  zone: string;
  overrides: StaffingOverrides;
  token: () => string;
  onUnauthorized(): void;
}

function loadDrafts(): TemplateDraft[] {
  try {
    return parseStoredTemplates(window.localStorage.getItem(STORAGE_KEY)) ?? defaultTemplates();
  } catch {
    return defaultTemplates();
  }
}

function saveDrafts(drafts: TemplateDraft[]) {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(drafts));
  } catch {
    // storage disabled: the drafts last as long as the page
  }
}

/** Hands a text to the browser as a file: a Blob URL, revoked once the download has started. */
function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Local start times on the 15-minute grid, as 'HH:MM': the same 24-hour clock as the rest of
 * the page whatever the browser's locale (a native time input would follow it, AM/PM and all). */
const TIMES = Array.from({ length: 96 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);

function TimeSelect(props: { value: string; onChange(value: string): void; label: string; field: string }) {
  return (
    <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} aria-label={props.label} data-field={props.field}>
      <Show when={!TIMES.includes(props.value)}>
        <option value={props.value}>{props.value}</option>
      </Show>
      <For each={TIMES}>{(time) => <option value={time}>{time}</option>}</For>
    </select>
  );
}

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

export function ShiftPlanPanel(props: ShiftPlanPanelProps) {
  const m = tp;
  const [drafts, setDrafts] = createStore<TemplateDraft[]>(loadDrafts());
  const update = (i: number, patch: Partial<TemplateDraft>) => {
    setDrafts(i, patch);
    saveDrafts(JSON.parse(JSON.stringify(drafts)) as TemplateDraft[]);
  };
  const replaceAll = (next: TemplateDraft[]) => {
    setDrafts(reconcile(next));
    saveDrafts(next);
  };
  const problems = createMemo(() => drafts.map((d) => draftProblems(d)));
  const valid = () => problems().every((p) => p.length === 0);

  const request = createMemo((): ShiftPlanRequest => ({
    tenant: props.tenant,
    queue: props.queue,
    from: new Date(props.fromMs).toISOString(),
    to: new Date(props.toMs).toISOString(),
    templates: drafts.map((d) => draftToInput(d)),
    ...(isEmptyOverrides(props.overrides) ? {} : { staffing: props.overrides }),
    options: { timeLimitSeconds: 10 },
  }));
  const requestKey = () => JSON.stringify(request());

  const [plan, setPlan] = createSignal<{ key: string; plan: ShiftPlan; date: IsoDate; fromMs: number; toMs: number } | null>(null);
  const [planning, setPlanning] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let inFlight: AbortController | null = null;
  onCleanup(() => inFlight?.abort());

  async function run() {
    inFlight?.abort();
    const ctl = new AbortController();
    inFlight = ctl;
    const req = request();
    const key = requestKey();
    const frame = { date: props.date, fromMs: props.fromMs, toMs: props.toMs };
    setPlanning(true);
    setError(null);
    try {
      const { shiftPlan } = await query<{ shiftPlan: ShiftPlan }>(SHIFT_PLAN_QUERY, { input: req }, props.token(), ctl.signal);
      if (ctl.signal.aborted) return;
      setPlan({ key, plan: shiftPlan, ...frame });
    } catch (err) {
      if (ctl.signal.aborted) return;
      if (err instanceof AuthError) {
        props.onUnauthorized();
        return;
      }
      const message = err instanceof Error ? err.message : String(err);
      setError(err instanceof GraphQLRequestError && isMissingField(message, 'shiftPlan') ? m().planUnavailable : m().planFailed(message));
    } finally {
      if (inFlight === ctl) {
        inFlight = null;
        setPlanning(false);
      }
    }
  }

  const clock = (iso: string) => formatTimeOfDay(Date.parse(iso), props.zone, t().locale);
  const number = (x: number, digits = 0) => new Intl.NumberFormat(t().locale, { maximumFractionDigits: digits }).format(x);
  const breaksText = (breaks: PlannedShift['breaks']) =>
    breakGroups(breaks)
      .map((g) =>
        m().breakAt(
          g.minutes,
          g.paid,
          g.starts
            .map((x) => `${formatTimeOfDay(x.at, props.zone, t().locale)}${g.starts.length > 1 && x.count > 0 ? ` ×${number(x.count, 2)}` : ''}`)
            .join(', '),
        ),
      )
      .join('; ');
  const dayLabel = () =>
    new Intl.DateTimeFormat(t().locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: props.zone }).format(props.fromMs + 12 * 3_600_000);
  const agentHoursOf = (intervals: number) => m().agentHours(number((intervals * QUARTER_MS) / 3_600_000, 1));

  return (
    <section class="panel pl-shifts" aria-labelledby="shifts-title" data-testid="shift-plan">
      <div class="pl-panel-head">
        <h2 class="panel-title" id="shifts-title">
          {m().shiftPlan}
        </h2>
        <span class="pl-hint pl-head-note">
          {m().planFor(dayLabel())}
          <Show when={!isEmptyOverrides(props.overrides)}> · {m().planWithWhatIf}</Show>
        </span>
      </div>
      <div class="pl-shifts-grid">
        <div class="pl-templates" aria-label={m().templates}>
          <Index each={drafts}>
            {(d, i) => (
              <fieldset class="pl-tpl" data-testid="shift-template" data-invalid={problems()[i]!.length > 0}>
                <legend class="visually-hidden">{d().name}</legend>
                <div class="pl-tpl-row">
                  <label class="pl-field pl-field-name">
                    <span>{m().templateName}</span>
                    <input type="text" value={d().name} maxLength={24} onInput={(e) => update(i, { name: e.currentTarget.value })} data-field="name" />
                  </label>
                  <label class="pl-field">
                    <span>{m().length}</span>
                    <span class="pl-unit">
                      <input
                        type="number"
                        min="1"
                        max="24"
                        step="0.25"
                        value={hours(d().lengthMinutes)}
                        onChange={(e) => update(i, { lengthMinutes: Math.round(Number(e.currentTarget.value) * 60) })}
                        data-field="length"
                      />
                      {m().hoursUnit}
                    </span>
                  </label>
                  <div class="pl-field">
                    <span>{m().starts}</span>
                    <span class="pl-unit">
                      <TimeSelect value={d().earliest} onChange={(v) => update(i, { earliest: v })} label={`${m().starts} ${m().startsBetween}`} field="earliest" />
                      {m().startsAnd}
                      <TimeSelect value={d().latest} onChange={(v) => update(i, { latest: v })} label={`${m().starts} ${m().startsAnd}`} field="latest" />
                      {m().every}
                      <select value={String(d().stepMinutes)} onChange={(e) => update(i, { stepMinutes: Number(e.currentTarget.value) })} aria-label={m().every}>
                        <For each={[15, 30, 60, 120]}>{(s) => <option value={s}>{s}</option>}</For>
                      </select>
                      {m().minutesUnit}
                    </span>
                  </div>

                  <button
                    type="button"
                    class="pl-remove"
                    title={m().removeTemplate(d().name)}
                    aria-label={m().removeTemplate(d().name)}
                    disabled={drafts.length <= 1}
                    onClick={() => replaceAll(drafts.filter((_, j) => j !== i).map((x) => ({ ...x })))}
                  >
                    ×
                  </button>
                </div>
                <div class="pl-tpl-row">
                  <span class="pl-days" role="group" aria-label={m().days}>
                    <For each={WEEKDAYS}>
                      {(w: Weekday) => (
                        <button
                          type="button"
                          aria-pressed={d().days.includes(w)}
                          onClick={() =>
                            update(i, { days: d().days.includes(w) ? d().days.filter((x) => x !== w) : WEEKDAYS.filter((x) => x === w || d().days.includes(x)) })
                          }
                        >
                          {m().weekdayShort[w]}
                        </button>
                      )}
                    </For>
                  </span>
                  <label class="pl-field pl-field-inline">
                    <span>{m().maxPerDay}</span>
                    <input
                      type="number"
                      min="1"
                      step="1"
                      placeholder={m().noCap}
                      value={d().maxCount ?? ''}
                      onChange={(e) => update(i, { maxCount: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) })}
                      class="pl-max"
                    />
                  </label>
                  <span class="pl-note pl-starts">{m().startOptions(startCount(d()))}</span>
                </div>
                <div class="pl-tpl-row">
                  <span class="pl-unit pl-break">
                    <label class="pl-check">
                      <input
                        type="checkbox"
                        checked={d().break !== null}
                        onChange={(e) =>
                          update(i, {
                            break: e.currentTarget.checked
                              ? { afterMinutes: Math.min(120, d().lengthMinutes / 2), latestAfterMinutes: Math.min(180, d().lengthMinutes / 2 + 60), durationMinutes: 15, paid: true }
                              : null,
                          })
                        }
                      />
                      <strong>{m().breakLabel}</strong>
                    </label>
                    <Show when={d().break} fallback={<span class="pl-muted">{m().noBreak}</span>}>
                      {(b) => (
                        <>
                          <input type="number" min="5" max="120" step="5" value={b().durationMinutes} onChange={(e) => update(i, { break: { ...b(), durationMinutes: Number(e.currentTarget.value) } })} aria-label={`${m().breakLabel} ${m().minutesUnit}`} />
                          {m().minutesUnit}
                          <select value={b().paid ? 'paid' : 'unpaid'} onChange={(e) => update(i, { break: { ...b(), paid: e.currentTarget.value === 'paid' } })} aria-label={m().paid}>
                            <option value="unpaid">{m().unpaid}</option>
                            <option value="paid">{m().paid}</option>
                          </select>
                          {m().breakWindow}
                          <input type="number" min="0" max="24" step="0.25" value={hours(b().afterMinutes)} onChange={(e) => update(i, { break: { ...b(), afterMinutes: Math.round(Number(e.currentTarget.value) * 60) } })} aria-label={`${m().breakLabel} ${m().startsBetween}`} />
                          {m().startsAnd}
                          <input type="number" min="0" max="24" step="0.25" value={hours(b().latestAfterMinutes)} onChange={(e) => update(i, { break: { ...b(), latestAfterMinutes: Math.round(Number(e.currentTarget.value) * 60) } })} aria-label={`${m().breakLabel} ${m().startsAnd}`} />
                        </>
                      )}
                    </Show>
                  </span>
                </div>
                <Show when={problems()[i]!.length > 0}>
                  <p class="inline-error" role="alert">
                    ⚠ {problems()[i]!.map((p) => m().problem[p]).join(' ')}
                  </p>
                </Show>
              </fieldset>
            )}
          </Index>
          <div class="pl-tpl-actions">
            <button
              type="button"
              class="btn btn-quiet"
              disabled={drafts.length >= MAX_TEMPLATES}
              onClick={() => replaceAll([...drafts.map((x) => ({ ...x })), newTemplate(drafts)])}
              data-testid="add-template"
            >
              {m().addTemplate}
            </button>
            <button type="button" class="btn btn-quiet" onClick={() => replaceAll(defaultTemplates())}>
              {m().reset}
            </button>
            <button type="button" class="btn pl-plan" disabled={planning() || !valid()} onClick={run} data-testid="plan-shifts">
              {planning() ? m().planning : m().plan}
            </button>
          </div>
          <InlineError message={error()} testId="plan-error" />
        </div>

        <div class="pl-plan-result" data-stale={plan() !== null && plan()!.key !== requestKey()}>
          <Show when={plan()} fallback={<p class="pl-hint pl-plan-empty">{m().planFirst}</p>}>
            {(p) => {
              const totalAgents = () => p().plan.shiftCount;
              return (
                <>
                  <div class="pl-plan-kpis" data-testid="plan-summary">
                    <div class="pl-kpi">
                      <span class="kpi-label">{m().planStatus}</span>
                      <span class="pl-status" data-status={p().plan.status} data-testid="plan-status">
                        {m().status[p().plan.status]}
                      </span>
                    </div>
                    <div class="pl-kpi">
                      <span class="kpi-label">{m().paidHours}</span>
                      <span class="pl-kpi-num" data-testid="plan-paid-hours">
                        {number(p().plan.paidMinutes / 60, 1)}
                      </span>
                    </div>
                    <div class="pl-kpi">
                      <span class="kpi-label">{m().shiftsCount}</span>
                      <span class="pl-kpi-num">{number(totalAgents())}</span>
                    </div>
                    <div class="pl-kpi" data-level={p().plan.underAgentIntervals > 0 ? 'alert' : 'ok'}>
                      <span class="kpi-label">{m().underCovered}</span>
                      <span class="pl-kpi-num" data-testid="plan-under">
                        {agentHoursOf(p().plan.underAgentIntervals)}
                      </span>
                      <Show when={p().plan.intervalsUnder > 0}>
                        <span class="pl-note">{m().inIntervals(p().plan.intervalsUnder)}</span>
                      </Show>
                    </div>
                    <div class="pl-kpi">
                      <span class="kpi-label">{m().overCovered}</span>
                      <span class="pl-kpi-num">{agentHoursOf(p().plan.overAgentIntervals)}</span>
                    </div>
                    <div class="pl-downloads">
                      <button type="button" class="btn btn-quiet" data-testid="download-shifts" onClick={() => downloadText(p().plan.csv.shifts, planCsvName(props.queue, p().date, 'shifts'))}>
                        <span aria-hidden="true">⤓</span> {m().downloadShifts}
                      </button>
                      <button type="button" class="btn btn-quiet" data-testid="download-coverage" onClick={() => downloadText(p().plan.csv.coverage, planCsvName(props.queue, p().date, 'coverage'))}>
                        <span aria-hidden="true">⤓</span> {m().downloadCoverage}
                      </button>
                    </div>
                  </div>
                  <Show when={p().key !== requestKey()}>
                    <p class="pl-stale-note">{m().planStale}</p>
                  </Show>
                  <div class="pl-plan-body">
                    <Show when={p().plan.shifts.length > 0} fallback={<p class="pl-hint">{m().noShifts}</p>}>
                      <div class="pl-shift-table-wrap">
                        <table class="grid-table pl-shift-table" data-testid="shift-table">
                          <thead>
                            <tr>
                              <th scope="col">{m().colTemplate}</th>
                              <th scope="col">{m().colStart}</th>
                              <th scope="col">{m().colEnd}</th>
                              <th scope="col">{m().colAgents}</th>
                              <th scope="col" class="cell-text">
                                {m().colBreaks}
                              </th>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={p().plan.shifts}>
                              {(s) => (
                                <tr data-template={s.template}>
                                  <th scope="row">{s.name}</th>
                                  <td data-col="start">{clock(s.start)}</td>
                                  <td data-col="end">{clock(s.end)}</td>
                                  <td data-col="count">{number(s.count, 2)}</td>
                                  <td class="cell-text pl-breaks" title={breaksText(s.breaks)}>
                                    {breaksText(s.breaks)}
                                  </td>
                                </tr>
                              )}
                            </For>
                          </tbody>
                          <tfoot>
                            <tr>
                              <th scope="row">{m().total}</th>
                              <td />
                              <td />
                              <td data-col="count">{number(totalAgents(), 2)}</td>
                              <td />
                            </tr>
                          </tfoot>
                        </table>
                      </div>
                    </Show>

                  </div>
                </>
              );
            }}
          </Show>
        </div>
      </div>
      <Show when={plan()}>
        {(c) => (
          <div class="pl-coverage-wrap" data-stale={c().key !== requestKey()}>
            <h3 class="pl-subtitle">{m().coverage}</h3>
            <CoverageChart
              columns={coverageColumns(c().plan.coverage, { fromMs: c().fromMs, toMs: c().toMs, stepMs: QUARTER_MS })}
              fromMs={c().fromMs}
              toMs={c().toMs}
              stepMs={QUARTER_MS}
              zone={props.zone}
            />
          </div>
        )}
      </Show>
    </section>
  );
}
