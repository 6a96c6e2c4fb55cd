/** The board's top bar: what is shown, whether it is live, the time in the room, and the way to
 * the page beside it (the wall leads to the supervisor's alerts, and to its follow-ups when some
 * are overdue or due soon). */
import { A } from '@solidjs/router';
import { Show, type JSX } from 'solid-js';
import { formatClock } from '../lib/format.ts';
import type { Indicator } from '../lib/freshness.ts';
import { lang, setLang, t } from '../lib/i18n.ts';
import { tp } from '../lib/planner-i18n.ts';
import { ClockIcon } from './FollowUpBadge.tsx';

const ICONS: Record<Indicator, string> = { connecting: '◌', live: '●', reconnecting: '◐', stale: '⚠' };

export interface HeaderNav {
  href: string;
  label: string;
  /** Something there needs attention (alerts firing): the link says so in its colour too. */
  attention?: boolean;
}

/** The tenant's follow-ups that need someone now, beside the way to the supervisor's list. */
export interface HeaderFollowUps {
  href: string;
  overdue: number;
  dueSoon: number;
}

export function Header(props: {
  scope: string;
  now: number;
  /** The live link's state; pages without one (the planner) leave it out. */
  indicator?: Indicator | undefined;
  nav?: HeaderNav | undefined;
  /** Where the "Planner" link leads (default /planner); false hides it (on the planner itself). */
  planner?: string | false | undefined;
  followUps?: HeaderFollowUps | undefined;
  /** The clock's zone and the words beside it ("New York"); absent: the browser's zone, unlabelled. */
  clockZone?: { zone: string; label: string } | undefined;
  /** Controls of the page itself (the wall's view tabs and layout editor), before the link state. */
  children?: JSX.Element;
}) {
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
        {/* Only when something is overdue or about to be: a quiet wall has nothing to say here. */}
        <Show when={props.followUps && (props.followUps.overdue > 0 || props.followUps.dueSoon > 0) ? props.followUps : undefined}>
          {(fu) => (
            <A
              class="top-nav top-fu"
              href={fu().href}
              data-level={fu().overdue > 0 ? 'overdue' : 'soon'}
              data-testid="header-followups"
            >
              <ClockIcon class="fu-icon" />
              {t().fuHeader(fu().overdue, fu().dueSoon)}
            </A>
          )}
        </Show>
        <Show when={props.planner !== false}>
          <A class="top-nav" href={props.planner || '/planner'} data-testid="header-planner">
            {tp().plannerLink}
          </A>
        </Show>
        <Show when={props.nav}>
          {(nav) => (
            <A class="top-nav" href={nav().href} data-attention={nav().attention ?? false} data-testid="header-nav">
              {nav().label}
            </A>
          )}
        </Show>
        {props.children}
        <Show when={props.indicator}>
          {(state) => (
            <span class="link" data-state={state()} data-testid="connection" role="status">
              <span aria-hidden="true">{ICONS[state()]}</span> {t().status[state()]}
            </span>
          )}
        </Show>
        <time class="clock" data-testid="clock">
          {formatClock(props.now, t().locale, props.clockZone?.zone)}
          <Show when={props.clockZone}>{(z) => <span class="clock-zone" data-testid="clock-zone">{z().label}</span>}</Show>
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
