/**
 * The life of an alert, as a pure function of (rule, value, previous state, now):
 *
 *   (none) ──breach──► PENDING ──held forSeconds──► FIRING ──acknowledge──► ACKNOWLEDGED
 *      ▲                  │ clear                     │ clear                  │ clear  │ until passes
 *      └──────────────────┘ (dropped, never fired)    ▼                        ▼        ▼
 *                                                  RESOLVED ◄──────────────────┘     FIRING
 *
 * A breach after RESOLVED starts a new alert (a new id); the resolved one stays in history.
 * A firing alert clears only once the value is past the clear threshold (hysteresis). A value
 * that cannot be computed (no contacts yet: null) neither breaches nor clears.
 */
import type { AlertRule } from './rules.ts';

export const ALERT_STATES = ['PENDING', 'FIRING', 'ACKNOWLEDGED', 'RESOLVED'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

export interface Acknowledgement {
  by: string;
  at: number;
  note: string | null;
  /** The acknowledgement lapses then, and a still-breaching alert fires again. */
  until: number | null;
}

export interface Alert {
  id: string;
  ruleId: string;
  tenant: string;
  queue: string | null;
  state: AlertState;
  value: number | null;
  /** When the condition started to hold. */
  since: number;
  firedAt: number | null;
  resolvedAt: number | null;
  acknowledgement: Acknowledgement | null;
  /** When the state last changed. */
  changedAt: number;
}

export function breaches(rule: AlertRule, value: number): boolean {
  return rule.comparator === 'ABOVE' ? value > rule.threshold : value < rule.threshold;
}

/** Back on the good side of the clear threshold (the threshold itself when none is set). */
export function clears(rule: AlertRule, value: number): boolean {
  const c = rule.clearThreshold ?? rule.threshold;
  return rule.comparator === 'ABOVE' ? value <= c : value >= c;
}

/**
 * The rule's alert after a step (null: none active), and whether its state changed. The value
 * moves every tick; only state changes are stored, published and notified.
 */
export type Transition = { alert: Alert; changed: boolean } | { alert: null; changed: boolean };

/**
 * The next state of the rule's current alert (`prev`: the latest alert of the rule, or null).
 * `newId` names a new alert when one starts.
 */
export function step(rule: AlertRule, prev: Alert | null, value: number | null, now: number, newId: () => string): Transition {
  const active = prev && prev.state !== 'RESOLVED' ? prev : null;
  if (!rule.enabled) {
    if (!active) return { alert: null, changed: false };
    if (active.state === 'PENDING') return { alert: null, changed: true };
    return { alert: { ...active, state: 'RESOLVED', resolvedAt: now, changedAt: now }, changed: true };
  }
  if (!active) {
    if (value === null || !breaches(rule, value)) return { alert: null, changed: false };
    const alert: Alert = {
      id: newId(),
      ruleId: rule.id,
      tenant: rule.tenant,
      queue: rule.queue,
      state: 'PENDING',
      value,
      since: now,
      firedAt: null,
      resolvedAt: null,
      acknowledgement: null,
      changedAt: now,
    };
    return promote(rule, alert, now);
  }
  const current = value === null ? active : { ...active, value };
  if (active.state === 'PENDING') {
    // Pending is only a wait: any moment off the breach drops it.
    if (value !== null && !breaches(rule, value)) return { alert: null, changed: true };
    return promote(rule, current, now);
  }
  if (value !== null && clears(rule, value)) {
    return { alert: { ...current, state: 'RESOLVED', resolvedAt: now, changedAt: now }, changed: true };
  }
  const ack = active.acknowledgement;
  if (active.state === 'ACKNOWLEDGED' && ack?.until != null && now >= ack.until) {
    return { alert: { ...current, state: 'FIRING', changedAt: now }, changed: true };
  }
  return { alert: current, changed: false };
}

/** A pending alert fires once its condition has held forSeconds; a new one is a change either way. */
function promote(rule: AlertRule, alert: Alert, now: number): Transition {
  if (alert.state === 'PENDING' && now - alert.since >= rule.forSeconds * 1000) {
    return { alert: { ...alert, state: 'FIRING', firedAt: now, changedAt: now }, changed: true };
  }
  return { alert, changed: alert.changedAt === now };
}

export class AlertStateError extends Error {
  override name = 'AlertStateError';
}

/** Acknowledge a firing alert (or renew an acknowledgement). */
export function acknowledge(alert: Alert, ack: Acknowledgement): Alert {
  if (alert.state !== 'FIRING' && alert.state !== 'ACKNOWLEDGED') {
    throw new AlertStateError(`alert ${alert.id} is ${alert.state}: only a FIRING or ACKNOWLEDGED alert can be acknowledged`);
  }
  if (ack.until !== null && ack.until <= ack.at) throw new AlertStateError('until must be in the future');
  return { ...alert, state: 'ACKNOWLEDGED', acknowledgement: ack, changedAt: ack.at };
}
