/** Full-width warnings under the header: they must be seen from across the room. */
import { Show } from 'solid-js';
import { formatClock } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';

export function StaleBanner(props: { since: number | null }) {
  return (
    <Show when={props.since}>
      {(since) => (
        <div class="banner banner-stale" role="alert" data-testid="stale-banner">
          <strong>⚠ {t().staleSince(formatClock(since(), t().locale))}</strong>
          <span>{t().staleHint}</span>
        </div>
      )}
    </Show>
  );
}

export function ProblemBanner(props: { message: string | null }) {
  return (
    <Show when={props.message}>
      {(message) => (
        <div class="banner banner-problem" role="alert" data-testid="problem-banner">
          <strong>⚠</strong> <span>{message()}</span>
        </div>
      )}
    </Show>
  );
}
