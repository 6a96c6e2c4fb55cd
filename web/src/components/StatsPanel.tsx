/**
 * The last 15, 30 and 60 minutes beside today, metric by metric: a supervisor reads across a row
 * to see whether the queue is recovering or sliding, which one "today" number hides.
 */
import { For } from 'solid-js';
import { formatDuration, formatPercent } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';
import { serviceLevelLevel, type Level } from '../lib/thresholds.ts';
import type { QueueStats, QueueWindows } from '../lib/types.ts';
import { InlineError } from './InlineError.tsx';

interface Column {
  id: '15' | '30' | '60' | 'today';
  heading: () => string;
  stats: () => QueueStats | undefined;
}

interface Row {
  metric: string;
  label: () => string;
  value: (s: QueueStats) => string;
  level?: (s: QueueStats) => Level;
}

export function StatsPanel(props: { today: QueueStats; windows: QueueWindows | undefined; target: number; error: string | null }) {
  const percent = (f: number | null, floor = false) => formatPercent(f, t().locale, { floor });

  const columns: Column[] = [
    { id: '15', heading: () => t().minutes(15), stats: () => props.windows?.w15 },
    { id: '30', heading: () => t().minutes(30), stats: () => props.windows?.w30 },
    { id: '60', heading: () => t().minutes(60), stats: () => props.windows?.w60 },
    { id: 'today', heading: () => t().today, stats: () => props.today },
  ];

  const rows: Row[] = [
    { metric: 'offered', label: () => t().offered, value: (s) => String(s.offered) },
    { metric: 'answered', label: () => t().answered, value: (s) => String(s.answered) },
    { metric: 'abandoned', label: () => t().abandoned, value: (s) => String(s.abandoned) },
    {
      metric: 'service-level',
      label: () => t().serviceLevel,
      // Truncated like the tile: 79.6 % against an 80 % target never reads "80 %".
      value: (s) => percent(s.serviceLevel, true),
      level: (s) => serviceLevelLevel(s.serviceLevel, props.target),
    },
    { metric: 'asa', label: () => t().asa, value: (s) => formatDuration(s.asaSeconds) },
    { metric: 'aht', label: () => t().aht, value: (s) => formatDuration(s.ahtSeconds) },
    { metric: 'abandon-rate', label: () => t().abandonRate, value: (s) => percent(s.abandonRate) },
    { metric: 'short-abandoned', label: () => t().shortAbandoned, value: (s) => String(s.shortAbandoned) },
    { metric: 'overflowed', label: () => t().overflowed, value: (s) => String(s.overflowed) },
  ];

  return (
    <section class="panel stats-panel" aria-labelledby="stats-title" data-testid="stats">
      <h2 class="panel-title" id="stats-title">
        {t().performance}
      </h2>
      <table class="grid-table stats-table">
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={3} class="group-head">
              {t().lastMinutesGroup}
            </th>
            <td />
          </tr>
          <tr>
            <th scope="col">
              <span class="visually-hidden">{t().performance}</span>
            </th>
            <For each={columns}>
              {(c) => (
                <th scope="col" data-window={c.id}>
                  {c.heading()}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={rows}>
            {(row) => (
              <tr>
                <th scope="row">{row.label()}</th>
                <For each={columns}>
                  {(c) => {
                    const stats = c.stats;
                    return (
                      <td
                        data-window={c.id}
                        data-metric={row.metric}
                        data-level={stats() && row.level ? row.level(stats()!) : undefined}
                      >
                        {stats() ? row.value(stats()!) : ''}
                      </td>
                    );
                  }}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <InlineError message={props.error} />
    </section>
  );
}
