import { describe, expect, it, vi } from 'vitest';
import {
  acknowledgementShort,
  alertHeadline,
  alertValue,
  conditionWords,
  durationWords,
  ruleTimingWords,
  severityOf,
  thresholdWords,
  valueWords,
} from '../../web/src/lib/alert-text.ts';
import type { AlertRule } from '../../web/src/lib/types.ts';

// i18n.ts picks its language from `window` as it loads: give it one before importing it.
vi.stubGlobal('window', { localStorage: { getItem: () => null, setItem: () => {} }, navigator: { language: 'en-GB' } });
const { MESSAGES } = await import('../../web/src/lib/i18n.ts');
const EN = MESSAGES.en;
const ES = MESSAGES.es;

/** es-ES puts a no-break space before the percent sign. */
const nb = (s: string) => s.replace(/ %/g, '\u00a0%');

const rule = (over: Partial<AlertRule>): AlertRule => ({
  id: 'r',
  tenant: 't',
  queue: 'q',
  metric: 'WAITING',
  comparator: 'ABOVE',
  threshold: 0,
  clearThreshold: null,
  windowMinutes: null,
  forSeconds: 0,
  severity: 'WARNING',
  enabled: true,
  isDefault: false,
  ...over,
});

describe('durationWords', () => {
  it('says seconds, minutes and hours the way a wall reads them', () => {
    expect([0, 45, 60, 90, 125, 3600, 3660, 3725, 7200].map((s) => durationWords(s, EN))).toEqual([
      '0 s',
      '45 s',
      '1 min',
      '1 min 30 s',
      '2 min 5 s',
      '1 h',
      '1 h 1 min',
      '1 h 2 min',
      '2 h',
    ]);
  });
  it('drops fractions and never goes negative', () => {
    expect(durationWords(59.9, EN)).toBe('59 s');
    expect(durationWords(-3, EN)).toBe('0 s');
  });
});

describe('conditionWords', () => {
  it('puts the metric, the comparator and the threshold in its unit into words', () => {
    expect(conditionWords(rule({ metric: 'SERVICE_LEVEL', comparator: 'BELOW', threshold: 0.8, windowMinutes: 30 }), EN)).toBe(
      'SL below 80% (last 30 min)',
    );
    expect(conditionWords(rule({ metric: 'SERVICE_LEVEL', comparator: 'BELOW', threshold: 0.8 }), EN)).toBe('SL below 80% today');
    expect(conditionWords(rule({ metric: 'LONGEST_WAIT', threshold: 120 }), EN)).toBe('Longest wait above 2 min');
    expect(conditionWords(rule({ metric: 'ASA', threshold: 45, windowMinutes: 15 }), EN)).toBe('ASA above 45 s (last 15 min)');
    expect(conditionWords(rule({ metric: 'WAITING', threshold: 0 }), EN)).toBe('Waiting above 0');
    expect(conditionWords(rule({ metric: 'AGENTS_AVAILABLE', comparator: 'BELOW', threshold: 2 }), EN)).toBe('Agents available below 2');
    expect(conditionWords(rule({ metric: 'ABANDON_RATE', threshold: 0.085, windowMinutes: 60 }), EN)).toBe('Abandon rate above 8.5% (last 60 min)');
    expect(conditionWords(rule({ metric: 'OVERDUE_FOLLOWUPS', threshold: 3 }), EN)).toBe('Overdue follow-ups above 3');
  });
  it('speaks Spanish too', () => {
    expect(conditionWords(rule({ metric: 'SERVICE_LEVEL', comparator: 'BELOW', threshold: 0.8, windowMinutes: 30 }), ES)).toBe(
      nb('NS bajo 80 % (últimos 30 min)'),
    );
    expect(conditionWords(rule({ metric: 'LONGEST_WAIT', threshold: 90 }), ES)).toBe('Espera máx. sobre 1 min 30 s');
    expect(conditionWords(rule({ metric: 'OCCUPANCY', threshold: 0.9 }), ES)).toBe(nb('Ocupación sobre 90 % hoy'));
  });
});

describe('values and thresholds', () => {
  it('shows fractions as percentages, flooring service level so 79.6 % never reads 80 %', () => {
    expect(valueWords('SERVICE_LEVEL', 0.796, EN)).toBe('79%');
    expect(valueWords('ABANDON_RATE', 0.126, EN)).toBe('13%');
    expect(thresholdWords('SERVICE_LEVEL', 0.855, EN)).toBe('85.5%');
  });
  it('shows times in words, counts as numbers, and a dash for no value', () => {
    expect(valueWords('LONGEST_WAIT', 95.4, EN)).toBe('1 min 35 s');
    expect(valueWords('WAITING', 12, EN)).toBe('12');
    expect(valueWords('WAITING', 1234, ES)).toBe('1234');
    expect(valueWords('ASA', null, EN)).toBe('–');
    expect(alertValue({ rule: null, value: 3 }, EN)).toBe('–');
    expect(alertValue({ rule: rule({ metric: 'WAITING' }), value: 3 }, EN, 5)).toBe('5');
  });
});

describe('ruleTimingWords', () => {
  it('says when the rule fires and where it clears', () => {
    expect(ruleTimingWords(rule({ metric: 'SERVICE_LEVEL', threshold: 0.8, clearThreshold: 0.82, forSeconds: 60 }), EN)).toBe(
      'after 1 min · clears at 82%',
    );
    expect(ruleTimingWords(rule({ forSeconds: 0 }), EN)).toBe('at once');
    expect(ruleTimingWords(rule({ threshold: 5, clearThreshold: 5, forSeconds: 30 }), EN)).toBe('after 30 s');
    expect(ruleTimingWords(rule({ metric: 'LONGEST_WAIT', threshold: 120, clearThreshold: 60, forSeconds: 0 }), ES)).toBe(
      'al momento · se despeja en 1 min',
    );
  });
});

describe('headlines and acknowledgements', () => {
  it('names a deleted rule as such, and shows its alerts as warnings', () => {
    expect(alertHeadline({ rule: null }, EN)).toBe('Rule deleted');
    expect(severityOf({ severity: null })).toBe('WARNING');
    expect(severityOf({ severity: 'CRITICAL' })).toBe('CRITICAL');
  });
  it('says who acknowledged, with the note when there is one', () => {
    expect(acknowledgementShort({ acknowledgedBy: 'Ana', acknowledgementNote: 'calling in backup' }, EN)).toBe('✓ Ana · “calling in backup”');
    expect(acknowledgementShort({ acknowledgedBy: 'Ana', acknowledgementNote: 'llamando a refuerzos' }, ES)).toBe('✓ Ana · «llamando a refuerzos»');
    expect(acknowledgementShort({ acknowledgedBy: 'Ana', acknowledgementNote: null }, EN)).toBe('✓ Ana');
    expect(acknowledgementShort({ acknowledgedBy: null, acknowledgementNote: null }, EN)).toBe('✓ someone');
  });
});
