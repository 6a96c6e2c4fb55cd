/** Alert transitions, driven by a controlled clock. */
import { describe, expect, it } from 'vitest';
import { acknowledge, AlertStateError, step, type Alert } from '../../server/alerts/lifecycle.ts';
import { defaultRule, type AlertRule } from '../../server/alerts/rules.ts';

const S = 1000;
const T0 = Date.parse('2026-11-23T09:00:00Z');
let n = 0;
const newId = () => `t:a${++n}`;

const longestWait: AlertRule = {
  id: 'r1', tenant: 't', queue: 'q', metric: 'LONGEST_WAIT', comparator: 'ABOVE', threshold: 60, clearThreshold: 30,
  windowMinutes: null, forSeconds: 10, severity: 'CRITICAL', enabled: true, isDefault: false,
};

/** Run a rule over (seconds after T0, value) samples; the states after each. */
function run(rule: AlertRule, samples: [number, number | null][], acks: Record<number, { until?: number }> = {}) {
  let alert: Alert | null = null;
  const out: (string | null)[] = [];
  for (const [t, v] of samples) {
    const now = T0 + t * S;
    if (acks[t] && alert) alert = acknowledge(alert, { by: 'sup', at: now, note: 'on it', until: acks[t]!.until === undefined ? null : T0 + acks[t]!.until! * S });
    const r = step(rule, alert, v, now, newId);
    alert = r.alert;
    out.push(alert ? alert.state : null);
  }
  return { out, alert };
}

describe('alert lifecycle', () => {
  it('is pending while the breach is younger than forSeconds, then fires', () => {
    expect(run(longestWait, [[0, 61], [5, 70], [9, 80], [10, 90]]).out).toEqual(['PENDING', 'PENDING', 'PENDING', 'FIRING']);
  });

  it('drops a pending alert that clears before firing', () => {
    expect(run(longestWait, [[0, 61], [5, 50], [20, 61]]).out).toEqual(['PENDING', null, 'PENDING']);
  });

  it('fires at once with forSeconds 0, and resolves only past the clear threshold', () => {
    const rule = { ...longestWait, forSeconds: 0 };
    expect(run(rule, [[0, 61], [1, 45], [2, 31], [3, 30]]).out).toEqual(['FIRING', 'FIRING', 'FIRING', 'RESOLVED']);
  });

  it('starts a new alert after a resolve, keeping the old one resolved', () => {
    const rule = { ...longestWait, forSeconds: 0 };
    let prev: Alert | null = null;
    const ids: string[] = [];
    for (const [t, v] of [[0, 70], [1, 10], [2, 70]] as const) {
      prev = step(rule, prev, v, T0 + t * S, newId).alert;
      ids.push(`${prev!.id}:${prev!.state}`);
    }
    expect(ids[0]!.split(':')[2]).toBe('FIRING');
    expect(ids[1]).toBe(ids[0]!.replace('FIRING', 'RESOLVED'));
    expect(ids[2]!.endsWith('PENDING') || ids[2]!.endsWith('FIRING')).toBe(true);
    expect(ids[2]!.split(':').slice(0, 2)).not.toEqual(ids[0]!.split(':').slice(0, 2));
  });

  it('stays acknowledged, and fires again when an acknowledgement with until lapses', () => {
    const rule = { ...longestWait, forSeconds: 0 };
    const { out, alert } = run(rule, [[0, 70], [5, 80], [10, 90], [40, 95], [70, 95]], { 5: { until: 60 } });
    expect(out).toEqual(['FIRING', 'ACKNOWLEDGED', 'ACKNOWLEDGED', 'ACKNOWLEDGED', 'FIRING']);
    expect(alert!.acknowledgement).toMatchObject({ by: 'sup', note: 'on it' });
  });

  it('neither breaches nor clears on an undefined value', () => {
    const sl = defaultRule('t', 'q', { targetServiceLevel: 0.8 });
    expect(run({ ...sl, forSeconds: 0 }, [[0, null], [1, 0.7], [2, null], [3, 0.81], [4, 0.82]]).out).toEqual([null, 'FIRING', 'FIRING', 'FIRING', 'RESOLVED']);
  });

  it('refuses to acknowledge what is not firing', () => {
    const { alert } = run(longestWait, [[0, 70]]);
    expect(() => acknowledge(alert!, { by: 'x', at: T0, note: null, until: null })).toThrow(AlertStateError);
  });

  it('resolves the alert of a rule that is disabled', () => {
    const rule = { ...longestWait, forSeconds: 0 };
    const { alert } = run(rule, [[0, 70]]);
    expect(step({ ...rule, enabled: false }, alert, 70, T0 + S, newId).alert?.state).toBe('RESOLVED');
  });
});
