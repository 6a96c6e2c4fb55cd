/** Recently resolved alerts: what fired, for how long, and who had acknowledged it. */
import { For, Show } from 'solid-js';
import { alertHeadline, severityOf } from '../lib/alert-text.ts';
import { DASH, formatDuration } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import type { Alert } from '../lib/types.ts';
import { formatWhen } from '../lib/when.ts';
import { SeverityPill } from './AlertBits.tsx';

/** A desk list, not an archive: the last few are what a supervisor checks after a busy spell. */
export const RESOLVED_ROWS = 15;

export interface ResolvedTableProps {
  alerts: readonly Alert[];
  now: number;
  zone(tenant: string): string;
  where(a: Alert): string;
}

export function ResolvedTable(props: ResolvedTableProps) {
  const when = (a: Alert, iso: string | null) => (iso ? formatWhen(Date.parse(iso), props.now, props.zone(a.tenant), t().locale) : DASH);
  const lasted = (a: Alert) => (a.firedAt && a.resolvedAt ? formatDuration((Date.parse(a.resolvedAt) - Date.parse(a.firedAt)) / 1000) : DASH);
  return (
    <section class="panel sup-resolved" aria-labelledby="resolved-title" data-testid="resolved">
      <h2 class="panel-title" id="resolved-title">
        {t().recentlyResolved}
      </h2>
      <Show when={props.alerts.length > 0} fallback={<p class="table-empty">{t().noResolved}</p>}>
        <div class="table-scroll">
          <table class="grid-table resolved-table">
            <thead>
              <tr>
                <th scope="col">{t().colQueue}</th>
                <th scope="col" class="cell-text">{t().colAlert}</th>
                <th scope="col" class="cell-text">{t().colSeverity}</th>
                <th scope="col">{t().colFired}</th>
                <th scope="col">{t().colResolved}</th>
                <th scope="col">{t().colLasted}</th>
                <th scope="col" class="cell-text">{t().colAcknowledged}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.alerts.slice(0, RESOLVED_ROWS)}>
                {(a) => (
                  <tr data-alert-id={a.id}>
                    <th scope="row">{props.where(a)}</th>
                    <td class="cell-text">{alertHeadline(a, t())}</td>
                    <td class="cell-text">
                      <SeverityPill severity={severityOf(a)} state="RESOLVED" />
                    </td>
                    <td>{when(a, a.firedAt)}</td>
                    <td>{when(a, a.resolvedAt)}</td>
                    <td>{lasted(a)}</td>
                    <td class="cell-text cell-ack">
                      {a.acknowledgedBy
                        ? `✓ ${a.acknowledgedBy}${a.acknowledgementNote ? ` · ${t().quote(a.acknowledgementNote)}` : ''}`
                        : DASH}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
