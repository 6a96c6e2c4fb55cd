/**
 * Alerts in words: "SL below 80% (last 30 min)", "Longest wait above 2 min". A rule's metric,
 * comparator and threshold are what a supervisor reads on the wall, so every alert says what it
 * watches rather than a colour or a rule id.
 */
import { DASH, formatPercent } from './format.ts';
import type { Messages } from './i18n.ts';
import type { Alert, AlertMetric, AlertRule, AlertSeverity } from './types.ts';

/** Metrics the server sends as fractions (0.8) and the UI shows as percentages. */
const FRACTIONS: ReadonlySet<AlertMetric> = new Set(['SERVICE_LEVEL', 'ABANDON_RATE', 'OCCUPANCY']);
/** Metrics in seconds. The rest are counts. */
const SECONDS: ReadonlySet<AlertMetric> = new Set(['ASA', 'LONGEST_WAIT']);
/** Metrics over a period: with no window the server means "today". */
const WINDOWED: ReadonlySet<AlertMetric> = new Set(['SERVICE_LEVEL', 'ASA', 'ABANDON_RATE', 'OCCUPANCY']);

/** Icons beside the severity word: a shape per level, so the banner reads without colour. */
export const SEVERITY_ICON: Record<AlertSeverity, string> = { CRITICAL: '⚠', WARNING: '▲', INFO: 'ℹ' };
export const ACK_ICON = '✓';

/** A rule that was deleted leaves its alerts without a severity; they show as warnings. */
export const severityOf = (a: Pick<Alert, 'severity'>): AlertSeverity => a.severity ?? 'WARNING';

/** Seconds in words: "45 s", "2 min", "2 min 5 s", "1 h 5 min" (seconds dropped past an hour). */
export function durationWords(seconds: number, m: Messages): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const min = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return min ? `${m.hoursShort(h)} ${m.minutes(min)}` : m.hoursShort(h);
  if (min > 0) return s ? `${m.minutes(min)} ${m.secondsShort(s)}` : m.minutes(min);
  return m.secondsShort(s);
}

/** A threshold as percent with up to one decimal: 0.855 must not read as 86 %. */
function thresholdPercent(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

/** A rule's threshold (or clear threshold) in the metric's unit. */
export function thresholdWords(metric: AlertMetric, value: number, m: Messages): string {
  if (FRACTIONS.has(metric)) return thresholdPercent(value, m.locale);
  if (SECONDS.has(metric)) return durationWords(value, m);
  return new Intl.NumberFormat(m.locale, { maximumFractionDigits: 1 }).format(value);
}

/** An alert's value in the metric's unit; a dash when the server had none. Service level is
 * floored as on the tiles, so 79.6 % never reads "80%" beside "below 80%". */
export function valueWords(metric: AlertMetric, value: number | null, m: Messages): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  if (FRACTIONS.has(metric)) return formatPercent(value, m.locale, { floor: metric === 'SERVICE_LEVEL' });
  if (SECONDS.has(metric)) return durationWords(value, m);
  return new Intl.NumberFormat(m.locale, { maximumFractionDigits: 1 }).format(value);
}

/** What the rule watches: "SL below 80% (last 30 min)", "Waiting above 5". */
export function conditionWords(rule: Pick<AlertRule, 'metric' | 'comparator' | 'threshold' | 'windowMinutes'>, m: Messages): string {
  const base = m.alertCondition(m.alertMetric[rule.metric], rule.comparator === 'ABOVE', thresholdWords(rule.metric, rule.threshold, m));
  if (!WINDOWED.has(rule.metric)) return base;
  return `${base} ${rule.windowMinutes == null ? m.alertWindowToday : m.alertWindowLast(rule.windowMinutes)}`;
}

/** How the rule fires and clears: "after 1 min · clears at 82%". */
export function ruleTimingWords(rule: Pick<AlertRule, 'metric' | 'threshold' | 'clearThreshold' | 'forSeconds'>, m: Messages): string {
  const fires = rule.forSeconds > 0 ? m.ruleFiresAfter(durationWords(rule.forSeconds, m)) : m.ruleFiresAtOnce;
  if (rule.clearThreshold == null || rule.clearThreshold === rule.threshold) return fires;
  return `${fires} · ${m.ruleClearsAt(thresholdWords(rule.metric, rule.clearThreshold, m))}`;
}

/** The headline of an alert: its rule's condition, or that the rule is gone. */
export function alertHeadline(a: Pick<Alert, 'rule'>, m: Messages): string {
  return a.rule ? conditionWords(a.rule, m) : m.ruleDeleted;
}

/** The alert's value (or `value`, a fresher reading of the same metric) in its metric's unit. */
export function alertValue(a: Pick<Alert, 'rule' | 'value'>, m: Messages, value: number | null = a.value): string {
  return a.rule ? valueWords(a.rule.metric, value, m) : DASH;
}

/** Who acknowledged, and the note if any: "✓ admin · “calling in backup”". Short, for a tile. */
export function acknowledgementShort(a: Pick<Alert, 'acknowledgedBy' | 'acknowledgementNote'>, m: Messages): string {
  const who = a.acknowledgedBy ?? m.someone;
  return a.acknowledgementNote ? `${ACK_ICON} ${who} · ${m.quote(a.acknowledgementNote)}` : `${ACK_ICON} ${who}`;
}
