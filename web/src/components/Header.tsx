/** The board's top bar: what is shown, whether it is live, the time in the room, and the way to
 * the page beside it (the wall leads to the supervisor's alerts). */
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { formatClock } from '../lib/format.ts';
import type { Indicator } from '../lib/freshness.ts';
import { lang, setLang, t } from '../lib/i18n.ts';

const ICONS: Record<Indicator, string> = { connecting: '◌', live: '●', reconnecting: '◐', stale: '⚠' };

export interface HeaderNav {
  href: string;
  label: string;
  /** Something there needs attention (alerts firing): the link says so in its colour too. */
  attention?: boolean;
}

export function Header(props: { scope: string; now: number; indicator: Indicator; nav?: HeaderNav | undefined }) {
  return (
    <header class="top">
      <div class="brand">
        <span class="logo" aria-hidden="true" />
        <span class="product">{t().product}</span>
        <span class="scope" data-testid="scope">
          {props.scope}
        </span>
      </div>
      <div class="top-right">
        <Show when={props.nav}>
          {(nav) => (
            <A class="top-nav" href={nav().href} data-attention={nav().attention ?? false} data-testid="header-nav">
              {nav().label}
            </A>
          )}
        </Show>
        <span class="link" data-state={props.indicator} data-testid="connection" role="status">
          <span aria-hidden="true">{ICONS[props.indicator]}</span> {t().status[props.indicator]}
        </span>
        <time class="clock" data-testid="clock">
          {formatClock(props.now, t().locale)}
        </time>
        <button
          class="lang"
          type="button"
          title={t().switchLanguage}
          onClick={() => setLang(lang() === 'en' ? 'es' : 'en')}
        >
          {lang() === 'en' ? 'ES' : 'EN'}
        </button>
      </div>
    </header>
  );
}
