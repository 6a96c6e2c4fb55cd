/**
 * The ingest contract (shared/design/events.md) as zod schemas with their TypeScript types.
 * Shared by the server (validation), the simulator (emission) and the tests.
 *
 * Objects are "loose": sources may add fields of their own; they are kept with the event
 * and ignored by the aggregates.
 */
import { z } from 'zod';

/** Longest any identifier may be; the contract names 128 for `id`, we apply it to every id. */
const MAX_ID = 128;

// Control characters (NUL included) in ids would poison Redis keys and logs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

const ref = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, `${what} must not be empty`)
    .max(MAX_ID, `${what} is longer than ${MAX_ID} characters`)
    .refine((s) => !CONTROL.test(s), `${what} contains control characters`);

export const TENANT_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const tenantId = z
  .string({ error: 'tenant must be a string' })
  .regex(TENANT_PATTERN, 'tenant must match [A-Za-z0-9._-]{1,64}');

/** ISO-8601 with a UTC offset (Z or ±hh:mm), fractional seconds allowed. */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Date.parse rolls 2026-02-30 over to March 2nd; a source that sends it has a bug worth a 400. */
function isIsoTime(s: string): boolean {
  const m = ISO_WITH_OFFSET.exec(s);
  if (!m || Number.isNaN(Date.parse(s))) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}
/** Epoch milliseconds from 1970 to the year 9999: a number of seconds would land in 1970, so it is refused. */
const MIN_EPOCH_MS = Date.UTC(2000, 0, 1);
const MAX_EPOCH_MS = Date.UTC(9999, 11, 31);

export const eventTime = z.union(
  [
    z
      .string()
      .refine(
        isIsoTime,
        'at must be a valid ISO-8601 time with an offset, e.g. 2026-11-23T09:00:00Z',
      ),
    z
      .number()
      .int('at in epoch milliseconds must be an integer')
      .min(MIN_EPOCH_MS, 'at in epoch milliseconds must be after 2000-01-01 (seconds are not accepted)')
      .max(MAX_EPOCH_MS, 'at is after the year 9999'),
  ],
  { error: 'at must be an ISO-8601 string with offset or epoch milliseconds' },
);

/** Event time as epoch milliseconds. `at` has been validated by `eventTime`. */
export function eventTimeMs(at: string | number): number {
  if (typeof at === 'number') return at;
  return utcIsoMs(at) ?? Date.parse(at);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DDTHH:MM:SS[.sss]Z`, the form toISOString writes and most sources send, read digit by
 * digit (aggregation reads every event's time; this is about twice as fast as Date.parse). Any
 * other form, or a field out of range, is left to Date.parse (undefined).
 */
function utcIsoMs(s: string): number | undefined {
  const n = s.length;
  if (n !== 20 && n !== 24) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  if (s.charCodeAt(n - 1) !== 90 || (n === 24 && s.charCodeAt(19) !== 46)) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  const ms = n === 24 ? digits(s, 20, 3) : 0;
  const leapDay = mo === 2 && d === 29 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || (d > DAYS_IN_MONTH[mo - 1]! && !leapDay)) return undefined;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms < 0) return undefined;
  return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
}

/** The number written in `count` decimal digits at `from`, or -1 if one is not a digit. */
function digits(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export const CHANNELS = ['voice', 'chat', 'email', 'messaging', 'callback'] as const;
/** Known channels plus any lower-case word a source may use ("sms", "video"). */
export const channel = z
  .string({ error: 'channel must be a string' })
  .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'channel must be a lower-case word such as voice, chat, email, messaging, callback');

const envelope = {
  id: ref('id'),
  at: eventTime,
  tenant: tenantId,
};

const contactBase = {
  ...envelope,
  contact: ref('contact'),
  queue: ref('queue'),
};

export const contactQueued = z.looseObject({
  ...contactBase,
  type: z.literal('contact.queued'),
  channel,
  language: z.string().max(35).optional(),
  priority: z.number().int().min(0).max(1000).optional(),
});

export const contactAnswered = z.looseObject({
  ...contactBase,
  type: z.literal('contact.answered'),
  agent: ref('agent'),
});

export const contactAbandoned = z.looseObject({
  ...contactBase,
  type: z.literal('contact.abandoned'),
});

export const OVERFLOW_REASONS = ['timeout', 'exit_key', 'no_agents', 'full', 'closed'] as const;
export const contactOverflowed = z.looseObject({
  ...contactBase,
  type: z.literal('contact.overflowed'),
  reason: z.enum(OVERFLOW_REASONS, { error: `reason must be one of ${OVERFLOW_REASONS.join(', ')}` }),
  toQueue: ref('toQueue').optional(),
});

export const contactTransferred = z.looseObject({
  ...contactBase,
  type: z.literal('contact.transferred'),
  agent: ref('agent'),
  toQueue: ref('toQueue').optional(),
  toAgent: ref('toAgent').optional(),
  escalation: z.boolean().optional(),
});

export const contactEnded = z.looseObject({
  ...contactBase,
  type: z.literal('contact.ended'),
  agent: ref('agent'),
  holdSeconds: z.number().min(0).max(86_400).optional(),
});

export const contactWrapped = z.looseObject({
  ...contactBase,
  type: z.literal('contact.wrapped'),
  agent: ref('agent'),
});

export const AGENT_STATES = ['available', 'away', 'offline'] as const;
export const agentState = z.looseObject({
  ...envelope,
  type: z.literal('agent.state'),
  agent: ref('agent'),
  state: z.enum(AGENT_STATES, { error: `state must be one of ${AGENT_STATES.join(', ')}` }),
  reason: z.string().min(1).max(64).optional(),
  queues: z.array(ref('queues[]')).max(1000).optional(),
  capacity: z.record(channel, z.number().int().min(0).max(100)).optional(),
});

export const FOLLOWUP_KINDS = ['callback', 'escalation', 'promise'] as const;
export const FOLLOWUP_STATUSES = ['open', 'in_progress', 'waiting_customer', 'done', 'cancelled'] as const;

export const followupCreated = z.looseObject({
  ...envelope,
  type: z.literal('followup.created'),
  followup: ref('followup'),
  kind: z.enum(FOLLOWUP_KINDS, { error: `kind must be one of ${FOLLOWUP_KINDS.join(', ')}` }),
  contact: ref('contact').optional(),
  queue: ref('queue').optional(),
  dueAt: eventTime.optional(),
  owner: ref('owner').optional(),
  priority: z.number().int().min(0).max(1000).optional(),
  note: z.string().max(4000).optional(),
});

export const followupUpdated = z.looseObject({
  ...envelope,
  type: z.literal('followup.updated'),
  followup: ref('followup'),
  status: z.enum(FOLLOWUP_STATUSES, { error: `status must be one of ${FOLLOWUP_STATUSES.join(', ')}` }).optional(),
  owner: ref('owner').optional(),
  dueAt: eventTime.optional(),
  note: z.string().max(4000).optional(),
});

/** One schema per `type`: picking the schema by type gives a clearer error than a union would. */
export const EVENT_SCHEMAS = {
  'contact.queued': contactQueued,
  'contact.answered': contactAnswered,
  'contact.abandoned': contactAbandoned,
  'contact.overflowed': contactOverflowed,
  'contact.transferred': contactTransferred,
  'contact.ended': contactEnded,
  'contact.wrapped': contactWrapped,
  'agent.state': agentState,
  'followup.created': followupCreated,
  'followup.updated': followupUpdated,
} as const;

export type EventType = keyof typeof EVENT_SCHEMAS;
export const EVENT_TYPES = Object.keys(EVENT_SCHEMAS) as EventType[];

export type ContactQueued = z.infer<typeof contactQueued>;
export type ContactAnswered = z.infer<typeof contactAnswered>;
export type ContactAbandoned = z.infer<typeof contactAbandoned>;
export type ContactOverflowed = z.infer<typeof contactOverflowed>;
export type ContactTransferred = z.infer<typeof contactTransferred>;
export type ContactEnded = z.infer<typeof contactEnded>;
export type ContactWrapped = z.infer<typeof contactWrapped>;
export type AgentStateEvent = z.infer<typeof agentState>;
export type FollowupCreated = z.infer<typeof followupCreated>;
export type FollowupUpdated = z.infer<typeof followupUpdated>;

export type ContactEvent =
  | ContactQueued
  | ContactAnswered
  | ContactAbandoned
  | ContactOverflowed
  | ContactTransferred
  | ContactEnded
  | ContactWrapped;
export type FollowupEvent = FollowupCreated | FollowupUpdated;
export type IngestEvent = ContactEvent | AgentStateEvent | FollowupEvent;

export interface EventError {
  /** Position of the event in the batch (the line number, from 0, for NDJSON). */
  index: number;
  /** Dotted path of the offending field ("" for the event as a whole). */
  path: string;
  message: string;
}

function isEventType(t: unknown): t is EventType {
  return typeof t === 'string' && Object.hasOwn(EVENT_SCHEMAS, t);
}

/** Validate one decoded JSON value as an event. Returns the event or the problems found. */
export function parseEvent(value: unknown, index: number): { ok: true; event: IngestEvent } | { ok: false; errors: EventError[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [{ index, path: '', message: 'an event must be a JSON object' }] };
  }
  const type = (value as { type?: unknown }).type;
  if (!isEventType(type)) {
    const message =
      type === undefined
        ? 'type is required'
        : `unknown event type ${JSON.stringify(type).slice(0, 80)}; expected one of ${EVENT_TYPES.join(', ')}`;
    return { ok: false, errors: [{ index, path: 'type', message }] };
  }
  const result = EVENT_SCHEMAS[type].safeParse(value);
  if (result.success) return { ok: true, event: result.data as IngestEvent };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      index,
      path: issue.path.map(String).join('.'),
      message: issue.path.length && issue.code === 'invalid_type' && issue.input === undefined
        ? `${issue.path.join('.')} is required`
        : issue.message,
    })),
  };
}
