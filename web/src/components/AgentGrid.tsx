/**
 * The agent grid: one cell per signed-in agent, 60 to 200 of them on one screen without
 * scrolling. Each cell says what the agent does in a colour, an icon of its own shape AND a word
 * (or the away reason), how long it has done it (ticking locally), its chat slots in use and its
 * queues. The grid measures its box and picks the columns and rows that make the cells largest;
 * the cells' type follows their size (container units), so 1080p and 4K read the same.
 */
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import { ACTIVITY_ICON, ACTIVITY_ORDER, activityKey, agentKey, gridShape, secondsInStateAt, slotsText, summarize, type GridAgent } from '../lib/agent-grid.ts';
import { formatDuration } from '../lib/format.ts';
import { t } from '../lib/i18n.ts';

/** Pixels between cells at 1080p; scaled with the screen like the rest of the wall. */
const GAP_RATIO = 0.004;

export interface AgentGridProps {
  agents: readonly GridAgent[];
  /** Agents of the panel's queues who are offline: counted, not shown. */
  offline: number;
  now: number;
  queueName(tenant: string, queue: string): string;
  /** Given when several tenants share the grid: each cell names its tenant. */
  tenantName?: ((tenant: string) => string) | undefined;
  /** The panel's queues, when it shows some only: they come first in each cell's queue line. */
  queues: readonly string[] | null;
}

export function AgentGrid(props: AgentGridProps) {
  let box!: HTMLOListElement;
  const [size, setSize] = createSignal({ width: 0, height: 0, gap: 6 });

  onMount(() => {
    const measure = () => {
      const gap = Math.max(3, Math.round(window.innerWidth * GAP_RATIO));
      setSize({ width: box.clientWidth, height: box.clientHeight, gap });
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    onCleanup(() => observer.disconnect());
  });

  const shape = createMemo(() => {
    const s = size();
    return gridShape(props.agents.length, s.width, s.height, s.gap);
  });
  const summary = createMemo(() => summarize(props.agents, props.offline));

  return (
    <div class="agent-panel" data-testid="agent-grid">
      <ul class="agent-summary" aria-label={t().agents}>
        <For each={ACTIVITY_ORDER}>
          {(activity) => (
            <li data-activity={activityKey(activity)} data-testid={`agents-${activityKey(activity)}`}>
              <span class="agent-icon" aria-hidden="true">
                {ACTIVITY_ICON[activity]}
              </span>
              <span class="count">{summary().counts[activity]}</span> <span class="word">{t().activity[activityKey(activity)]}</span>
              <Show when={activity === 'AWAY' && summary().awayReasons.length > 0}>
                <span class="reasons">
                  ({summary()
                    .awayReasons.map((r) => `${r.reason ? t().wall.awayReason(r.reason) : t().wall.noReason} ${r.count}`)
                    .join(' · ')}
                  )
                </span>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <ol
        class="agent-grid"
        ref={box}
        style={{
          '--agent-columns': shape().columns,
          '--agent-rows': shape().rows,
          '--agent-gap': `${size().gap}px`,
        }}
        data-columns={shape().columns}
        data-rows={shape().rows}
      >
        <For each={props.agents} fallback={<li class="agent-empty">{props.queues ? t().wall.noAgentsOnQueues : t().wall.noAgents}</li>}>
          {(agent) => <AgentCell agent={agent} now={props.now} queueName={props.queueName} tenantName={props.tenantName} first={props.queues} />}
        </For>
      </ol>
    </div>
  );
}

function AgentCell(props: {
  agent: GridAgent;
  now: number;
  queueName(tenant: string, queue: string): string;
  tenantName?: ((tenant: string) => string) | undefined;
  first: readonly string[] | null;
}) {
  const a = () => props.agent;
  const key = () => activityKey(a().activity);
  const word = () => (a().activity === 'AWAY' && a().reason ? t().wall.awayReason(a().reason!) : t().activity[key()]);
  const time = () => formatDuration(secondsInStateAt(a(), props.now));
  const queueNames = () => {
    const first = props.first;
    const ordered = first ? [...a().queues].sort((x, y) => Number(!first.includes(x)) - Number(!first.includes(y))) : a().queues;
    return ordered.map((q) => props.queueName(a().tenant, q));
  };
  const queuesText = () => {
    const names = queueNames();
    const first = names[0] ?? '';
    return names.length > 1 ? `${first} +${names.length - 1}` : first;
  };
  const slots = () => slotsText(a().slots, t().channel);
  // The cell names the agent; its tenant (on a wall of several) is in its queues' names and here.
  const title = () => t().wall.agentTitle(props.tenantName ? `${a().id} (${props.tenantName(a().tenant)})` : a().id, word(), time(), queueNames().join(', '));
  return (
    <li class="agent" data-activity={key()} data-agent={agentKey(a())} title={title()}>
      {/* The cell is the size container; what sizes by it (padding included) sits inside. */}
      <div class="agent-in">
        <div class="agent-top">
          <span class="agent-state" data-testid="agent-state">
            <span class="agent-icon" aria-hidden="true">
              {ACTIVITY_ICON[a().activity]}
            </span>
            <span class="agent-word">{word()}</span>
          </span>
          <Show when={slots()}>
            {(s) => (
              <span class="agent-slots" data-metric="slots" title={t().wall.slotsTitle}>
                {s()}
              </span>
            )}
          </Show>
        </div>
        <div class="agent-name">{a().id}</div>
        <div class="agent-foot">
          <span class="agent-queues" data-testid="agent-queues">
            {queuesText()}
          </span>
          <span class="agent-time" data-metric="time-in-state" data-long={(secondsInStateAt(a(), props.now) ?? 0) >= 3600}>
            {time()}
          </span>
        </div>
      </div>
    </li>
  );
}
