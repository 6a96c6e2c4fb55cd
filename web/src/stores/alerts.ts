/**
 * The alerts a page knows of: the active ones (pending, firing, acknowledged) keyed by id, and
 * the recently resolved ones, newest first. One Solid store, reconciled per alert, so a change
 * to one alert re-renders only what shows it.
 */
import { batch } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import type { Alert } from '../lib/types.ts';

/** A screen left on for weeks keeps this many resolved alerts, no more. */
export const MAX_RESOLVED = 50;

export interface AlertStore {
  readonly active: Readonly<Record<string, Alert>>;
  readonly resolved: readonly Alert[];
  /** One change from the subscription or a mutation: RESOLVED leaves the active set. */
  apply(a: Alert): void;
  /** The whole picture from a query. `resolved` undefined leaves the resolved list as it is. */
  replace(active: Alert[], resolved?: Alert[]): void;
}

/** A pending alert that cleared is sent as RESOLVED with no firedAt: it never fired, and
 * listing it as resolved would report an incident that did not happen. */
const didFire = (a: Alert) => a.firedAt !== null;

export function createAlertStore(): AlertStore {
  const [state, setState] = createStore<{ active: Record<string, Alert>; resolved: Alert[] }>({ active: {}, resolved: [] });

  function apply(a: Alert) {
    if (a.state !== 'RESOLVED') {
      setState('active', a.id, reconcile(a));
      return;
    }
    batch(() => {
      setState(
        'active',
        produce((active) => {
          delete active[a.id];
        }),
      );
      if (didFire(a)) setState('resolved', (list) => [a, ...list.filter((x) => x.id !== a.id)].slice(0, MAX_RESOLVED));
    });
  }

  function replace(active: Alert[], resolved?: Alert[]) {
    batch(() => {
      setState('active', reconcile(Object.fromEntries(active.filter((a) => a.state !== 'RESOLVED').map((a) => [a.id, a]))));
      if (resolved) setState('resolved', reconcile(resolved.filter(didFire).slice(0, MAX_RESOLVED), { key: 'id' }));
    });
  }

  return {
    get active() {
      return state.active;
    },
    get resolved() {
      return state.resolved;
    },
    apply,
    replace,
  };
}
