/** The intervals of a day as rows, oldest first, with the day's totals in the footer: the numbers
 * behind the chart, and the same rows the CSV download holds. */
import { createMemo, For, Show } from 'solid-js';
import { formatDuration, formatPercent } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { intervalTotals, tableRows } from '../lib/intervals.ts';
import { serviceLevelLevel } from '../lib/thresholds.ts';
import type { IntervalStats } from '../lib/types.ts';
import { formatTimeOfDay } from '../lib/zoned-time.ts';

export interface IntervalTableProps {
  rows: readonly IntervalStats[];
  zone: string;
  stepMs: number;
  nowMs: number;
  target: number;
}

export function IntervalTable(props: IntervalTableProps) {
  const rows = createMemo(() => tableRows(props.rows));
  const totals = createMemo(() => intervalTotals(rows()));
  const percent = (f: number | null) => formatPercent(f, t().locale, { floor: true });

  return (
    <Show when={rows().length > 0} fallback={<p class="table-empty">{t().noContactsOnDay}</p>}>
      <div class="table-scroll">
        <table class="grid-table interval-table" data-testid="interval-table">
          <thead>
            <tr>
              <th scope="col">{t().intervalStart}</th>
              <th scope="col">{t().offered}</th>
              <th scope="col">{t().answered}</th>
              <th scope="col">{t().abandoned}</th>
              <th scope="col">{t().serviceLevelPercent}</th>
              <th scope="col">{t().asa}</th>
              <th scope="col">{t().aht}</th>
              <th scope="col">{t().maxWait}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(row) => {
                const start = Date.parse(row.start);
                const current = () => start <= props.nowMs && props.nowMs < start + props.stepMs;
                return (
                  <tr data-start={start} data-current={current()}>
                    <th scope="row" data-col="start">
                      {formatTimeOfDay(start, props.zone, t().locale)}
                      <Show when={current()}>
                        <span class="in-progress">{t().inProgress}</span>
                      </Show>
                    </th>
                    <td data-col="offered">{row.offered}</td>
                    <td data-col="answered">{row.answered}</td>
                    <td data-col="abandoned">{row.abandoned}</td>
                    <td data-col="service-level" data-level={serviceLevelLevel(row.serviceLevel, props.target)}>
                      {percent(row.serviceLevel)}
                    </td>
                    <td data-col="asa">{formatDuration(row.asaSeconds)}</td>
                    <td data-col="aht">{formatDuration(row.ahtSeconds)}</td>
                    <td data-col="max-wait">{formatDuration(row.maxWaitSeconds)}</td>
                  </tr>
                );
              }}
            </For>
          </tbody>
          <tfoot>
            <tr data-testid="interval-totals">
              <th scope="row">{t().total}</th>
              <td data-col="offered">{totals().offered}</td>
              <td data-col="answered">{totals().answered}</td>
              <td data-col="abandoned">{totals().abandoned}</td>
              <td data-col="service-level" data-level={serviceLevelLevel(totals().serviceLevel, props.target)}>
                {percent(totals().serviceLevel)}
              </td>
              <td data-col="asa">{formatDuration(totals().asaSeconds)}</td>
              <td data-col="aht">{formatDuration(totals().ahtSeconds)}</td>
              <td data-col="max-wait">{formatDuration(totals().maxWaitSeconds)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </Show>
  );
}
