/**
 * The queues on the board: one Solid store keyed by `${tenant}/${id}`. Each snapshot is
 * reconciled into its entry, so only the numbers that changed re-render and a screen that runs
 * for weeks holds one object per queue, however many updates it receives.
 */
import { batch } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { supersedes } from '../lib/snapshots.ts';
import type { TickSource } from '../lib/ticking.ts';
import { queueKey, type Queue } from '../lib/types.ts';

export type BoardQueue = Queue & TickSource;

export interface Board {
  readonly queues: Readonly<Record<string, BoardQueue>>;
  /** Applies one subscription message; an out-of-order older snapshot is ignored. */
  apply(q: Queue, receivedAtMs: number): void;
  /** Applies a full query result; entries a subscription has already made newer are kept. */
  applyAll(list: Queue[], receivedAtMs: number): void;
}

export function createBoard(): Board {
  const [state, setState] = createStore<{ queues: Record<string, BoardQueue> }>({ queues: {} });

  function apply(q: Queue, receivedAtMs: number) {
    const key = queueKey(q);
    if (!supersedes(q, state.queues[key])) return;
    setState('queues', key, reconcile({ ...q, receivedAtMs }));
  }

  function applyAll(list: Queue[], receivedAtMs: number) {
    batch(() => {
      for (const q of list) apply(q, receivedAtMs);
    });
  }

  return {
    get queues() {
      return state.queues;
    },
    apply,
    applyAll,
  };
}
