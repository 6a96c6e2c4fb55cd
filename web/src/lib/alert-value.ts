/**
 * The value an alert's row shows. The server's `Alert.value` is the metric at the last state
 * change, so a longest wait that fired at 1:35 would still read 1:35 while the tile beside it
 * ticks past 3:00. Where the board has the same number live (the queue's own instantaneous
 * metrics, and "today" figures), the row shows that instead; rolling windows and tenant-wide
 * rules keep the server's value, which the board has no live source for.
 */
import type { TickSource } from './ticking.ts';
import { longestWaitAt } from './ticking.ts';
import type { Alert, Queue } from './types.ts';

export function liveAlertValue(a: Pick<Alert, 'rule' | 'value'>, queue: (Queue & TickSource) | undefined, nowMs: number): number | null {
  const rule = a.rule;
  if (!rule || rule.queue === null || !queue) return a.value;
  switch (rule.metric) {
    case 'WAITING':
      return queue.waiting;
    case 'LONGEST_WAIT':
      return longestWaitAt(queue, nowMs);
    case 'AGENTS_AVAILABLE':
      return queue.agents.available;
    case 'SERVICE_LEVEL':
      return rule.windowMinutes === null ? queue.today.serviceLevel : a.value;
    case 'ASA':
      return rule.windowMinutes === null ? queue.today.asaSeconds : a.value;
    case 'ABANDON_RATE':
      return rule.windowMinutes === null ? queue.today.abandonRate : a.value;
    default:
      return a.value;
  }
}
