/**
 * The forecast's methods side by side, as the backtest scored them (day-ahead MASE and WAPE over
 * the same days), the chosen one marked: a planner can see why this method, and by how much.
 */
import { For, Show } from 'solid-js';
import { DASH } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import type { Forecast } from '../lib/planner-api.ts';
import { tp } from '../lib/planner-i18n.ts';
import { accuracyParts } from '../lib/planner.ts';

export function ForecastMethods(props: { forecast: Forecast }) {
  const rows = () =>
    [...props.forecast.candidates].sort((a, b) => (a.mase ?? a.wape ?? Infinity) - (b.mase ?? b.wape ?? Infinity) || a.method.localeCompare(b.method));
  return (
    <section class="panel pl-methods" aria-labelledby="methods-title" data-testid="forecast-methods">
      <h2 class="panel-title" id="methods-title">
        {tp().methodsTitle}
      </h2>
      <Show when={rows().length > 0} fallback={<p class="pl-hint">{tp().noBacktest}</p>}>
        <table class="grid-table pl-methods-table">
          <thead>
            <tr>
              <th scope="col">{tp().colMethod}</th>
              <th scope="col">MASE</th>
              <th scope="col">WAPE</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(c) => {
                const parts = () => accuracyParts(c.method, { mase: c.mase, wape: c.wape, origins: 0 }, t().locale);
                const chosen = () => c.method === props.forecast.method;
                return (
                  <tr data-chosen={chosen()} data-method={c.method}>
                    <th scope="row">
                      {c.method}
                      <Show when={chosen()}>
                        <span class="pl-chosen">{tp().chosen}</span>
                      </Show>
                    </th>
                    <td>{parts().mase ?? DASH}</td>
                    <td>{parts().wape ?? DASH}</td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
        <p class="pl-hint pl-methods-note">{tp().methodsNote}</p>
      </Show>
    </section>
  );
}
