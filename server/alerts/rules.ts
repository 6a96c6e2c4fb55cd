/**
 * Alert rules: which metric of a queue (or of a tenant's queues together) is watched, against
 * what, for how long before it fires, and how it clears (hysteresis).
 */
import { z } from 'zod';
import { TENANT_PATTERN } from '../../schema/events.ts';
import type { QueueSettings } from '../engine/settings.ts';

export const ALERT_METRICS = [
  'SERVICE_LEVEL',
  'ASA',
  'LONGEST_WAIT',
  'WAITING',
  'ABANDON_RATE',
  'AGENTS_AVAILABLE',
  'OCCUPANCY',
  'OVERDUE_FOLLOWUPS',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/** Metrics over a period: they take `windowMinutes` (else "today"). The others are instantaneous. */
export const WINDOWED_METRICS: ReadonlySet<AlertMetric> = new Set(['SERVICE_LEVEL', 'ASA', 'ABANDON_RATE', 'OCCUPANCY']);

export const COMPARATORS = ['ABOVE', 'BELOW'] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const SEVERITIES = ['INFO', 'WARNING', 'CRITICAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AlertRule {
  id: string;
  tenant: string;
  /** null: the tenant's queues together. */
  queue: string | null;
  metric: AlertMetric;
  comparator: Comparator;
  threshold: number;
  /** Hysteresis: a firing alert resolves only once the value is back past this (default: threshold). */
  clearThreshold: number | null;
  /** For windowed metrics: the last N minutes; null: today. */
  windowMinutes: number | null;
  /** The condition must hold this long before the alert fires (pending until then). */
  forSeconds: number;
  severity: Severity;
  enabled: boolean;
  /** A rule Floorboard derived from the queue's service-level target, not one a user wrote. */
  isDefault: boolean;
}

export const ruleInput = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'id must match [A-Za-z0-9._:-]{1,128}').optional(),
    tenant: z.string().regex(TENANT_PATTERN, 'tenant must match [A-Za-z0-9._-]{1,64}'),
    queue: z.string().min(1).max(128).nullable().optional(),
    metric: z.enum(ALERT_METRICS),
    comparator: z.enum(COMPARATORS),
    threshold: z.number().finite(),
    clearThreshold: z.number().finite().nullable().optional(),
    windowMinutes: z.number().int().min(1, 'windowMinutes must be 1 to 1440').max(1440, 'windowMinutes must be 1 to 1440').nullable().optional(),
    forSeconds: z.number().int().min(0).max(86_400, 'forSeconds must be at most 86400').default(0),
    severity: z.enum(SEVERITIES).default('WARNING'),
    enabled: z.boolean().default(true),
  })
  .superRefine((r, ctx) => {
    if (r.windowMinutes != null && !WINDOWED_METRICS.has(r.metric)) {
      ctx.addIssue({ code: 'custom', path: ['windowMinutes'], message: `${r.metric} is instantaneous: it takes no windowMinutes` });
    }
    const c = r.clearThreshold;
    if (c != null && (r.comparator === 'ABOVE' ? c > r.threshold : c < r.threshold)) {
      ctx.addIssue({
        code: 'custom',
        path: ['clearThreshold'],
        message: `with ${r.comparator} ${r.threshold}, clearThreshold must be ${r.comparator === 'ABOVE' ? 'at or below' : 'at or above'} the threshold`,
      });
    }
    if (['SERVICE_LEVEL', 'ABANDON_RATE', 'OCCUPANCY'].includes(r.metric) && (r.threshold < 0 || r.threshold > 1)) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: `${r.metric} is a fraction: threshold must be in [0, 1], e.g. 0.8` });
    }
  });

export type RuleInput = z.input<typeof ruleInput>;

export function ruleFromInput(input: z.output<typeof ruleInput>, id: string): AlertRule {
  return {
    id,
    tenant: input.tenant,
    queue: input.queue ?? null,
    metric: input.metric,
    comparator: input.comparator,
    threshold: input.threshold,
    clearThreshold: input.clearThreshold ?? null,
    windowMinutes: input.windowMinutes ?? null,
    forSeconds: input.forSeconds,
    severity: input.severity,
    enabled: input.enabled,
    isDefault: false,
  };
}

/** Id of the default service-level rule of a queue: upserting a rule with this id overrides it. */
export const defaultRuleId = (queue: string) => `default:sl:${queue}`;

/**
 * The default rule of a queue: its service level over the last 30 minutes below target, for a
 * minute, clearing two points above target so that a queue at the line does not flap.
 */
export function defaultRule(tenant: string, queue: string, s: Pick<QueueSettings, 'targetServiceLevel'>): AlertRule {
  return {
    id: defaultRuleId(queue),
    tenant,
    queue,
    metric: 'SERVICE_LEVEL',
    comparator: 'BELOW',
    threshold: s.targetServiceLevel,
    // Rounded: 0.8 + 0.02 is 0.8200000000000001 in doubles, and 82 % would never clear.
    clearThreshold: Math.min(1, Math.round((s.targetServiceLevel + 0.02) * 1e9) / 1e9),
    windowMinutes: 30,
    forSeconds: 60,
    severity: 'WARNING',
    enabled: true,
    isDefault: true,
  };
}
