/** The queue right now, on the drill-down: who waits, for how long (ticking between updates), and
 * where the agents are. Same thresholds and words as the wallboard tile, at desk size. */
import { For } from 'solid-js';
import { formatDuration } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { waitLevel } from '../lib/thresholds.ts';
import { longestWaitAt } from '../lib/ticking.ts';
import type { AgentCounts } from '../lib/types.ts';
import type { BoardQueue } from '../stores/board.ts';

const ACTIVITIES: (keyof AgentCounts)[] = ['available', 'busy', 'wrapup', 'away', 'offline'];

export function LivePanel(props: { queue: BoardQueue; now: number }) {
  const q = () => props.queue;
  const wait = () => longestWaitAt(q(), props.now);
  const level = () => waitLevel(wait(), q().settings.thresholdSeconds);
  const flag = () => {
    const threshold = q().settings.thresholdSeconds;
    if (level() === 'alert') return t().overDoubleThreshold(threshold);
    if (level() === 'warn') return t().overThreshold(threshold);
    return '';
  };
  const signedIn = () => ACTIVITIES.reduce((n, a) => (a === 'offline' ? n : n + q().agents[a]), 0);
  const total = () => ACTIVITIES.reduce((n, a) => n + q().agents[a], 0);

  return (
    <section class="panel live-panel" aria-labelledby="live-title" data-testid="live">
      <h2 class="panel-title" id="live-title">
        <span class="pulse" aria-hidden="true" />
        {t().now}
      </h2>
      <div class="live-kpis">
        <div class="kpi" data-idle={q().waiting === 0}>
          <span class="kpi-label">{t().waiting}</span>
          <span class="kpi-value" data-metric="waiting">
            {q().waiting}
          </span>
        </div>
        <div class="kpi" data-level={level()} data-idle={q().waiting === 0}>
          <span class="kpi-label">{t().longestWait}</span>
          <span class="kpi-value" data-metric="longest-wait">
            {formatDuration(wait())}
          </span>
          <span class="kpi-flag">{flag()}</span>
        </div>
      </div>

      <div class="agents-head">
        <span class="kpi-label">{t().agents}</span>
        <span class="muted" data-metric="agents-signed-in">
          {t().agentsSignedIn(signedIn())}
        </span>
      </div>
      {/* Proportions at a glance; the counts below carry the numbers for anyone who can't tell the colours apart. */}
      <div class="agents-bar" aria-hidden="true">
        <For each={ACTIVITIES}>
          {(a) => <span data-activity={a} style={{ 'flex-grow': q().agents[a], display: q().agents[a] ? undefined : 'none' }} />}
        </For>
        <span class="agents-bar-empty" style={{ display: total() ? 'none' : undefined }} />
      </div>
      <ul class="agent-counts" aria-label={t().agents}>
        <For each={ACTIVITIES}>
          {(a) => (
            <li data-activity={a}>
              <span class="count" data-metric={`agents-${a}`}>
                {q().agents[a]}
              </span>
              <span class="kpi-label">{t().activity[a]}</span>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
