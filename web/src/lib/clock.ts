/** The page's one timer. Everything that moves by itself (the header clock, every tile's longest
 * wait, the stale check) reads this signal, so a board of 200 queues still wakes once a second. */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { msToNextSecond } from './ticking.ts';

/** Current time, updated on each whole second; the timer stops with the owner that created it. */
export function createNow(): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  // A chain of timeouts rather than setInterval: each one re-aims at the next second boundary,
  // so the display never drifts from the wall clock over weeks.
  let timer = setTimeout(function tick() {
    setNow(Date.now());
    timer = setTimeout(tick, msToNextSecond(Date.now()));
  }, msToNextSecond(Date.now()));
  onCleanup(() => clearTimeout(timer));
  return now;
}
