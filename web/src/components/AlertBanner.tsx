/**
 * The wall's alert banner, under the header: what is firing and what someone has in hand, in
 * words big enough for the back of the room. It sits in the page's flow, so the tiles shrink to
 * make room instead of being covered, and it holds at most MAX_ROWS lines.
 */
import { createMemo, For, Show } from 'solid-js';
import { ACK_ICON, alertHeadline, alertValue, SEVERITY_ICON, severityOf } from '../lib/alert-text.ts';
import { bannerView } from '../lib/alert-view.ts';
import { formatDuration } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import type { Alert } from '../lib/types.ts';
import { formatTimeOfDay } from '../lib/zoned-time.ts';

/** Four lines: enough for the usual handful, little enough to leave the wall its tiles. */
export const MAX_ROWS = 4;

export interface AlertBannerProps {
  alerts: Alert[];
  now: number;
  /** The queue's display name, or null for a tenant-wide alert. */
  queueName(a: Alert): string | null;
  /** The alert's metric as the board has it now, or the server's value (lib/alert-value.ts). */
  value(a: Alert): number | null;
  /** The IANA zone the alert's times are shown in (its tenant's). */
  zone(tenant: string): string;
  /** A tenant's name, when the wall shows several and rows must say whose they are. */
  tenantName?: (tenant: string) => string;
}

export function AlertBanner(props: AlertBannerProps) {
  const view = createMemo(() => bannerView(props.alerts, MAX_ROWS));
  const worst = () => {
    const firing = view().rows.find((a) => a.state === 'FIRING');
    return firing ? severityOf(firing).toLowerCase() : 'acknowledged';
  };
  return (
    <Show when={view().rows.length > 0}>
      <section class="alert-banner" data-worst={worst()} aria-label={t().alertsLabel} aria-live="polite" data-testid="alert-banner">
        <ul class="ab-rows">
          <For each={view().rows}>{(a) => <AlertRow alert={a} {...props} />}</For>
          <Show when={view().hidden > 0}>
            <li class="ab-more" data-testid="alert-banner-more">
              {t().moreAlerts(view().hidden, view().hiddenFiring)}
            </li>
          </Show>
        </ul>
      </section>
    </Show>
  );
}

function AlertRow(props: AlertBannerProps & { alert: Alert }) {
  const a = () => props.alert;
  const severity = () => severityOf(a());
  const acknowledged = () => a().state === 'ACKNOWLEDGED';
  const sinceMs = () => Date.parse(a().since);
  const zone = () => props.zone(a().tenant);
  const where = () => {
    const queue = props.queueName(a()) ?? t().allQueues;
    return props.tenantName ? `${props.tenantName(a().tenant)} · ${queue}` : queue;
  };
  const ackText = () => {
    const until = a().acknowledgedUntil;
    const untilText = until ? ` · ${t().untilTime(formatTimeOfDay(Date.parse(until), zone(), t().locale))}` : '';
    const note = a().acknowledgementNote ? ` · ${t().quote(a().acknowledgementNote!)}` : '';
    return `${ACK_ICON} ${t().acknowledgedBy(a().acknowledgedBy ?? t().someone)}${note}${untilText}`;
  };

  return (
    <li
      class="ab-row"
      data-severity={severity().toLowerCase()}
      data-state={a().state.toLowerCase()}
      data-alert-id={a().id}
    >
      <span class="ab-sev">
        <span aria-hidden="true">{acknowledged() ? ACK_ICON : SEVERITY_ICON[severity()]}</span> {t().severity[severity()]}
      </span>
      <span class="ab-where">{where()}</span>
      <span class="ab-what">{alertHeadline(a(), t())}</span>
      <span class="ab-value" data-testid="alert-value">
        {alertValue(a(), t(), props.value(a()))}
      </span>
      {/* How long first: on a wall "for 12 minutes" is what matters, the clock time is for later. */}
      <span class="ab-when">
        <span class="ab-elapsed">{formatDuration((props.now - sinceMs()) / 1000)}</span>
        <span class="ab-since">{t().sinceTime(formatTimeOfDay(sinceMs(), zone(), t().locale))}</span>
      </span>
      <span class="ab-ack" data-testid="alert-ack" title={acknowledged() ? ackText() : undefined}>
        {acknowledged() ? ackText() : ''}
      </span>
    </li>
  );
}
