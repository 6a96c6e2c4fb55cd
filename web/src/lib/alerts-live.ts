/**
 * Alerts, live: the current set from an `alerts` query, then each change from one
 * `alertChanged` subscription on the page's live link. Unlike `queueUpdated`, the subscription
 * sends no current state when it (re)starts, so the set is read again on every reconnect and
 * once a minute; changes that arrive while a read is in flight are applied again on top of its
 * answer, so a read that left the server before a change can't undo it.
 */
import { batch, createSignal, type Accessor } from 'solid-js';
import type { AlertStore } from '../stores/alerts.ts';
import { ALERT_CHANGED_SUBSCRIPTION, ALERTS_QUERY } from './documents.ts';
import { AuthError, GraphQLRequestError, query } from './graphql.ts';
import type { LiveLink } from './live-link.ts';
import type { Alert, AlertState } from './types.ts';

/** Re-read period: bounds how long a change missed in a reconnect's gap can stay wrong. */
export const RESYNC_EVERY_MS = 60_000;

const ALL_STATES: AlertState[] = ['PENDING', 'FIRING', 'ACKNOWLEDGED', 'RESOLVED'];

export interface AlertsLiveOptions {
  /** One tenant's alerts; undefined: every alert the token may see. */
  tenant: string | undefined;
  link: LiveLink;
  token: () => string;
  store: AlertStore;
  /** Also keep the recently resolved alerts (the supervisor view; the wall has no use for them). */
  withResolved?: boolean;
  onUnauthorized(): void;
}

export interface AlertsLive {
  /** What the server refused on the last read, or null. */
  problem: Accessor<string | null>;
  dispose(): void;
}

export function startAlertsLive(opts: AlertsLiveOptions): AlertsLive {
  const { store } = opts;
  const tenant = opts.tenant ?? null;
  const [problem, setProblem] = createSignal<string | null>(null);
  let disposed = false;
  let inFlight: AbortController | undefined;
  /** Changes seen since the read in flight was sent. */
  let replay: Alert[] | null = null;

  const stopSubscription = opts.link.subscribe<{ alertChanged: Alert }>(
    { query: ALERT_CHANGED_SUBSCRIPTION, variables: { tenant } },
    ({ alertChanged }) => {
      replay?.push(alertChanged);
      store.apply(alertChanged);
    },
  );

  async function resync() {
    inFlight?.abort();
    const ctl = new AbortController();
    inFlight = ctl;
    const seen: Alert[] = [];
    replay = seen;
    try {
      const variables = { tenant, states: opts.withResolved ? ALL_STATES : null };
      const { alerts } = await query<{ alerts: Alert[] }>(ALERTS_QUERY, variables, opts.token(), ctl.signal);
      if (ctl.signal.aborted || disposed) return;
      batch(() => {
        store.replace(
          alerts.filter((a) => a.state !== 'RESOLVED'),
          opts.withResolved ? alerts.filter((a) => a.state === 'RESOLVED') : undefined,
        );
        for (const a of seen) store.apply(a);
      });
      setProblem(null);
    } catch (err) {
      if (ctl.signal.aborted || disposed) return;
      if (err instanceof AuthError) opts.onUnauthorized();
      else if (err instanceof GraphQLRequestError) setProblem(err.message);
      // An unreachable server needs no words: the indicator says "reconnecting", and the
      // reconnect reads the set again.
    } finally {
      if (replay === seen) replay = null;
    }
  }

  const stopConnected = opts.link.onConnected(() => void resync());
  const timer = setInterval(() => void resync(), RESYNC_EVERY_MS);
  void resync();

  return {
    problem,
    dispose() {
      disposed = true;
      clearInterval(timer);
      inFlight?.abort();
      stopConnected();
      stopSubscription();
    },
  };
}
