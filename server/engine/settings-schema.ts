/**
 * Validation of settings, wherever they come from (GraphQL mutations, the config file): one
 * schema, one set of messages.
 */
import { z } from 'zod';
import { SERVICE_LEVEL_FORMULAS } from './settings.ts';
import { isValidTimeZone } from './time.ts';

export const queueSettingsPatch = z
  .object({
    name: z.string().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters'),
    channel: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'channel must be a lower-case word such as voice, chat or email'),
    language: z.string().min(1).max(35, 'language must be a BCP 47 tag such as en or es-MX'),
    thresholdSeconds: z.number().int('thresholdSeconds must be whole seconds').min(1).max(30 * 86_400, 'thresholdSeconds must be between 1 and 2592000'),
    targetServiceLevel: z.number().gt(0, 'targetServiceLevel must be a fraction in (0, 1], e.g. 0.8 for 80 %').max(1, 'targetServiceLevel must be a fraction in (0, 1], e.g. 0.8 for 80 %'),
    shortAbandonSeconds: z.number().int('shortAbandonSeconds must be whole seconds').min(0).max(3600, 'shortAbandonSeconds must be between 0 and 3600'),
    serviceLevelFormula: z.enum(SERVICE_LEVEL_FORMULAS),
  })
  .partial()
  .strict();

/**
 * An origin allowed to frame the tenant's client-embed page (a CSP frame-ancestors source):
 * https with an optional `*.` subdomain wildcard and port; http only for localhost, for
 * trying an embed on a developer machine. Nothing else reaches the header: no paths, no
 * quotes, no `;` that would start a directive of its own.
 */
const EMBED_ORIGIN = /^(?:https:\/\/(?:\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|http:\/\/(?:localhost|127\.0\.0\.1))(?::\d{1,5})?$/;

const embedOrigin = z
  .string()
  .max(300, 'embedOrigins: an origin must be at most 300 characters')
  .transform((s) => s.trim().toLowerCase().replace(/\/$/, ''))
  .refine((s) => EMBED_ORIGIN.test(s), {
    error: (issue) => `embedOrigins: "${String(issue.input)}" is not an origin such as https://portal.client.example (https, no path; http only for localhost)`,
  });

export const tenantSettingsPatch = z
  .object({
    name: z.string().min(1, 'name must not be empty').max(200, 'name must be at most 200 characters'),
    timeZone: z.string().refine(isValidTimeZone, 'timeZone must be an IANA time zone such as Europe/Madrid'),
    embedOrigins: z
      .array(embedOrigin)
      .max(20, 'embedOrigins: at most 20 origins')
      .transform((os) => [...new Set(os)]),
  })
  .partial()
  .strict();

export type QueueSettingsPatch = z.infer<typeof queueSettingsPatch>;
export type TenantSettingsPatch = z.infer<typeof tenantSettingsPatch>;

/** GraphQL inputs carry null for absent fields; settings patches leave them out. */
export function withoutNulls<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as never;
}
