/** One queue on the wallboard. Every coloured value also carries words or an icon saying why,
 * so the board reads the same to a colour-blind viewer and on a washed-out TV. A queue with an
 * alert on the wall takes the alert's colour, and its formula line gives way to the alert's words.
 * Open follow-ups of the queue share that line, on its right. */
import { A } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { acknowledgementShort, alertHeadline, SEVERITY_ICON, severityOf } from '../lib/alert-text.ts';
import type { TileAlert } from '../lib/alert-view.ts';
import { formatDuration, formatPercent } from '../lib/format.ts';
import { FollowUpBadge } from './FollowUpBadge.tsx';
import { t } from '../lib/i18n.ts';
import { serviceLevelLevel, waitLevel, worstLevel } from '../lib/thresholds.ts';
import { longestWaitAt } from '../lib/ticking.ts';
import { queueKey, type AgentCounts } from '../lib/types.ts';
import type { BoardQueue } from '../stores/board.ts';

const ACTIVITIES: (keyof AgentCounts)[] = ['available', 'busy', 'wrapup', 'away', 'offline'];

export function QueueTile(props: {
  queue: BoardQueue;
  now: number;
  alert?: TileAlert | undefined;
  /** The name as plain text, not a link to the drill-down (a client embed links nowhere). */
  plain?: boolean;
}) {
  const q = () => props.queue;
  const percent = (fraction: number | null, floor = false) => formatPercent(fraction, t().locale, { floor });

  const wait = () => longestWaitAt(q(), props.now);
  const waitLvl = () => waitLevel(wait(), q().settings.thresholdSeconds);
  const slLvl = () => serviceLevelLevel(q().today.serviceLevel, q().settings.targetServiceLevel);
  const target = () => percent(q().settings.targetServiceLevel);

  const waitFlag = () => {
    const threshold = q().settings.thresholdSeconds;
    if (waitLvl() === 'alert') return t().overDoubleThreshold(threshold);
    if (waitLvl() === 'warn') return t().overThreshold(threshold);
    return '';
  };
  /** Beside follow-ups the formula keeps its first part ("80/20"); the rest is in its tooltip
   * and on the drill-down. */
  const formulaWords = () => ((q().followUps?.open ?? 0) > 0 ? q().settings.label.split(' · ')[0] : q().settings.label);
  const slFlag = () => {
    if (slLvl() === 'none') return t().noServiceLevel;
    if (slLvl() === 'ok') return t().metTarget(target());
    return t().belowTarget(target());
  };

  return (
    <article
      class="tile"
      data-level={worstLevel(waitLvl(), slLvl())}
      data-queue={queueKey(q())}
      data-alert={props.alert ? severityOf(props.alert.alert).toLowerCase() : undefined}
      data-alert-state={props.alert?.alert.state.toLowerCase()}
      aria-label={q().name}
    >
      <header class="tile-head">
        {/* The name is the way into the queue's drill-down; on the TV it looks like plain text. */}
        <h3 class="tile-name">
          <Show when={!props.plain} fallback={q().name}>
            <A href={`/queue/${encodeURIComponent(q().tenant)}/${encodeURIComponent(q().id)}`} title={t().queueDetails(q().name)}>
              {q().name}
            </A>
          </Show>
        </h3>
        <span class="tile-tags">
          {t().channel(q().channel)}
          <Show when={q().language}>{(language) => ` · ${language().toUpperCase()}`}</Show>
        </span>
      </header>

      <div class="tile-main">
        <div class="metric" data-idle={q().waiting === 0}>
          <span class="label">{t().waiting}</span>
          <span class="value huge" data-metric="waiting">
            {q().waiting}
          </span>
        </div>
        <div class="metric" data-level={waitLvl()} data-idle={q().waiting === 0}>
          <span class="label-row">
            <span class="label">{t().longestWait}</span>
            <span class="flag">{waitFlag()}</span>
          </span>
          <span class="value huge" data-metric="longest-wait" data-long={wait() >= 3600}>
            {formatDuration(wait())}
          </span>
        </div>
      </div>

      <div class="tile-stats">
        <div class="stat stat-sl" data-level={slLvl()}>
          <span class="label">{t().serviceLevel}</span>
          <span class="value" data-metric="service-level">
            {percent(q().today.serviceLevel, true)}
          </span>
          <span class="flag">{slFlag()}</span>
        </div>
        <div class="stat">
          <span class="label">{t().asa}</span>
          <span class="value" data-metric="asa">
            {formatDuration(q().today.asaSeconds)}
          </span>
        </div>
        <div class="stat">
          <span class="label">{t().answered}</span>
          <span class="value" data-metric="answered">
            {q().today.answered}
          </span>
        </div>
        <div class="stat">
          <span class="label">{t().abandoned}</span>
          <span class="value" data-metric="abandoned">
            {q().today.abandoned}
          </span>
          <span class="flag" data-metric="abandon-rate">
            {percent(q().today.abandonRate)}
          </span>
        </div>
        {/* One line under the stats: the formula (or the alert that displaces it) on the left,
            the queue's follow-ups on the right, so neither makes the tile taller. */}
        <div class="tile-foot">
          <Show
            when={props.alert}
            fallback={
              <p class="formula" title={`${t().today} · ${q().settings.label}`}>
                {t().today} · <span data-metric="formula">{formulaWords()}</span>
              </p>
            }
          >
            {(alert) => <TileAlertLine alert={alert()} />}
          </Show>
          <FollowUpBadge counts={q().followUps} />
        </div>
      </div>

      <ul class="agents" aria-label={t().agents}>
        <For each={ACTIVITIES}>
          {(activity) => (
            <li data-activity={activity}>
              <span class="count" data-metric={`agents-${activity}`}>
                {q().agents[activity]}
              </span>
              <span class="label" title={t().activity[activity]}>
                {t().activity[activity]}
              </span>
            </li>
          )}
        </For>
      </ul>
    </article>
  );
}

/** The alert in a line: severity and condition while it fires, who has it in hand once acknowledged. */
function TileAlertLine(props: { alert: TileAlert }) {
  const a = () => props.alert.alert;
  const severity = () => severityOf(a());
  const acknowledged = () => a().state === 'ACKNOWLEDGED';
  const words = () => (acknowledged() ? acknowledgementShort(a(), t()) : alertHeadline(a(), t()));
  return (
    <p class="tile-alert" data-testid="tile-alert" title={`${alertHeadline(a(), t())} · ${t().alertState[a().state]}`}>
      <span class="tile-alert-sev">
        <span aria-hidden="true">{SEVERITY_ICON[severity()]}</span> {t().severity[severity()]}
      </span>{' '}
      <span class="tile-alert-words">{words()}</span>
      <Show when={props.alert.others > 0}>
        {' '}
        <span class="tile-alert-more">{t().alsoAlerts(props.alert.others)}</span>
      </Show>
    </p>
  );
}
