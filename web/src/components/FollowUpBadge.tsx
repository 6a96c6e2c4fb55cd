/**
 * A queue's follow-ups on its tile, in one line: "2 overdue · 1 due soon · 5 open" after a clock
 * icon, overdue on red, due soon in amber, always in words. The icon is drawn, not a character:
 * ⏰ needs an emoji font, which a kiosk TV may well lack.
 */
import { For, Show } from 'solid-js';
import { tileParts, tileWords, type TilePart } from '../lib/followup-view.ts';
import { t } from '../lib/i18n.ts';
import type { QueueFollowUps } from '../lib/types.ts';

export function ClockIcon(props: { class?: string }) {
  return (
    <svg class={props.class ?? 'fu-icon'} viewBox="0 0 16 16" aria-hidden="true">
      <circle cx="8" cy="8.6" r="6" fill="none" stroke="currentColor" stroke-width="1.8" />
      <path d="M8 5.4v3.5l2.3 1.5" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
      <path d="M2.2 3.6 4.3 1.7M13.8 3.6l-2.1-1.9" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
    </svg>
  );
}

const word = (p: TilePart) => tileWords([p], t());

/** Nothing when the queue has no open follow-up: a quiet tile stays quiet. */
export function FollowUpBadge(props: { counts: QueueFollowUps | null | undefined }) {
  const parts = () => tileParts(props.counts);
  const worst = () => parts()[0]?.kind ?? 'open';
  return (
    <Show when={parts().length > 0}>
      <span
        class="tile-fu"
        data-testid="tile-followups"
        data-worst={worst()}
        title={props.counts ? t().fuTileTitle(props.counts.overdue, props.counts.dueSoon, props.counts.open) : undefined}
        aria-label={`${t().followUps}: ${tileWords(parts(), t())}`}
      >
        <ClockIcon class="fu-icon tile-fu-icon" />
        {/* Each part with its separator is one item: one that does not fit wraps onto a second
            line the badge never shows, so a tight tile loses "5 open" whole, never half of it. */}
        <For each={parts()}>
          {(p, i) => (
            <span class="tile-fu-item">
              <Show when={i() > 0}>
                <span class="tile-fu-sep" aria-hidden="true">
                  {' · '}
                </span>
              </Show>
              <span class="tile-fu-part" data-part={p.kind}>
                {word(p)}
              </span>
            </span>
          )}
        </For>
      </span>
    </Show>
  );
}
