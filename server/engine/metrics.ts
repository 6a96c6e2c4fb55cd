/**
 * Metrics from counters, exactly as shared/design/metrics.md defines them. Rates are fractions
 * 0..1; a metric with nothing in its denominator is null (a dash on screen), never 100 %.
 */
import type { Counters } from './counters.ts';
import { serviceLevelLabel, type QueueSettings, type ServiceLevelFormula } from './settings.ts';

export interface QueueStats {
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  overflowed: number;
  handled: number;
  transferredOut: number;
  escalated: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: number | null;
  abandonRateExclShort: number | null;
  averageAbandonWaitSeconds: number | null;
  /** The basis of the numbers: which formula and thresholds they were computed with. */
  serviceLevelFormula: ServiceLevelFormula;
  thresholdSeconds: number;
  shortAbandonSeconds: number;
  label: string;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/** Service level by formula (metrics.md, "Service level: the formulas"). */
export function serviceLevel(c: Counters, formula: ServiceLevelFormula): number | null {
  const A = c.answered;
  const AT = c.answeredWithinThreshold;
  const Ab = c.abandoned;
  const AbT = c.abandonedWithinThreshold;
  const AbS = c.shortAbandoned;
  const F = c.overflowed;
  const FT = c.overflowedWithinThreshold;
  switch (formula) {
    case 'ANSWERED_OF_OFFERED_EXCL_SHORT':
      return ratio(AT, A + Ab + F - AbS);
    case 'ANSWERED_OF_OFFERED':
      return ratio(AT, A + Ab + F);
    case 'ANSWERED_OF_ANSWERED':
      return ratio(AT, A);
    case 'ABANDONS_MET':
      return ratio(AT + AbT, A + Ab + F);
    case 'REMOVED_WITHIN':
      return ratio(AT + AbT + FT, A + Ab + F);
  }
}

export function queueStats(c: Counters, settings: QueueSettings): QueueStats {
  const removed = c.answered + c.abandoned + c.overflowed;
  return {
    offered: c.offered,
    answered: c.answered,
    answeredWithinThreshold: c.answeredWithinThreshold,
    abandoned: c.abandoned,
    shortAbandoned: c.shortAbandoned,
    overflowed: c.overflowed,
    handled: c.handled,
    transferredOut: c.transferredOut,
    escalated: c.escalated,
    serviceLevel: serviceLevel(c, settings.serviceLevelFormula),
    asaSeconds: ratio(c.waitAnsweredMs / 1000, c.answered),
    ahtSeconds: ratio((c.talkMs + c.wrapMs) / 1000, c.handled),
    abandonRate: ratio(c.abandoned, removed),
    abandonRateExclShort: ratio(c.abandoned - c.shortAbandoned, removed - c.shortAbandoned),
    averageAbandonWaitSeconds: ratio(c.waitAbandonedMs / 1000, c.abandoned),
    serviceLevelFormula: settings.serviceLevelFormula,
    thresholdSeconds: settings.thresholdSeconds,
    shortAbandonSeconds: settings.shortAbandonSeconds,
    label: serviceLevelLabel(settings),
  };
}
