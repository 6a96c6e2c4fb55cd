/**
 * Intraday, for today: staffed against required now (the server's staffingNow for this queue),
 * and the contacts of the intervals already over against their forecast.
 */
import { Show } from 'solid-js';
import { t } from '../lib/i18n.ts';
import type { QueueStaffingNow } from '../lib/planner-api.ts';
import { tp } from '../lib/planner-i18n.ts';
import { gapLevel, type DaySoFar } from '../lib/planner.ts';
import { formatTimeOfDay } from '../lib/zoned-time.ts';

export interface IntradayPanelProps {
  /** False when another day is shown: nothing here is about it. */
  today: boolean;
  /** undefined: loading; null: the server doesn't say (no staffingNow, or not for this queue). */
  now: QueueStaffingNow | null | undefined;
  nowUnavailable: boolean;
  soFar: DaySoFar | null;
  zone: string;
}

export function IntradayPanel(props: IntradayPanelProps) {
  const m = tp;
  const clock = (ms: number) => formatTimeOfDay(ms, props.zone, t().locale);
  const number = (x: number) => new Intl.NumberFormat(t().locale, { maximumFractionDigits: 0 }).format(x);
  const signedPct = (x: number) =>
    new Intl.NumberFormat(t().locale, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(x).replace('-', '−');
  const pct = (x: number) => new Intl.NumberFormat(t().locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.abs(x));

  return (
    <section class="panel pl-intraday" aria-labelledby="intraday-title" data-testid="intraday">
      <h2 class="panel-title" id="intraday-title">
        <span class="pulse" aria-hidden="true" />
        {m().today}
      </h2>
      <Show when={props.today} fallback={<p class="pl-hint">{m().notToday}</p>}>
        <div class="pl-intraday-grid">
          <div class="kpi" data-testid="staffed-now" data-level={props.now && props.now.requiredAgents > 0 ? gapLevel(props.now.requiredAgents, props.now.staffedAgents) : undefined}>
            <span class="kpi-label">{m().staffedNow}</span>
            <Show
              when={props.now}
              fallback={
                <span class="pl-hint">
                  {props.nowUnavailable ? m().staffingNowUnavailable : props.now === null ? m().notLive : t().loading}
                </span>
              }
            >
              {(now) => (
                <Show when={now().requiredAgents > 0} fallback={<span class="pl-hint">{m().nothingNeededNow}</span>}>
                  <span class="pl-kpi-value" data-testid="staffed-now-value">
                    {m().staffedOfNeeded(now().staffedAgents, now().requiredAgents)}
                  </span>
                  <span class="kpi-flag">
                    {now().gap < 0 ? `▼ ${m().short(-now().gap)}` : now().gap > 0 ? `✓ ${m().over(now().gap)}` : `✓ ${m().asNeeded}`}
                  </span>
                  <span class="pl-note">
                    {m().intervalNow(clock(Date.parse(now().intervalStart)), clock(Date.parse(now().intervalStart) + 900_000))}
                  </span>
                </Show>
              )}
            </Show>
          </div>
          <div class="kpi" data-testid="so-far">
            <span class="kpi-label">{m().contactsSoFar}</span>
            <Show when={props.soFar && props.soFar.intervals > 0 ? props.soFar : null} fallback={<span class="pl-hint">{m().noneYet}</span>}>
              {(s) => (
                <>
                  <span class="pl-kpi-value">
                    {number(s().actual)} <span class="pl-kpi-of">/ {number(s().forecast)}</span>
                  </span>
                  <span class="kpi-flag" data-dev={s().deviation == null ? 'none' : Math.abs(s().deviation!) < 0.05 ? 'on' : s().deviation! > 0 ? 'up' : 'down'}>
                    <Show when={s().deviation != null} fallback={m().onForecast}>
                      {Math.abs(s().deviation!) < 0.05
                        ? m().onForecastBy(signedPct(s().deviation!))
                        : s().deviation! > 0
                          ? m().aboveForecast(pct(s().deviation!))
                          : m().belowForecast(pct(s().deviation!))}
                    </Show>
                  </span>
                  <span class="pl-note">{m().soFarLine(number(s().actual), number(s().forecast), clock(s().until!))}</span>
                </>
              )}
            </Show>
          </div>
        </div>
      </Show>
    </section>
  );
}
