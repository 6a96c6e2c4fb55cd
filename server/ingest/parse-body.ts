/**
 * Decoding an ingest body into events, or into the list of what is wrong with it (events.md,
 * Transport): JSON (one event or an array) or NDJSON (one per line), all or nothing.
 */
import { parseEvent, type EventError, type IngestEvent } from '../../schema/events.ts';
import { fastEvent } from './fast-event.ts';

export const MAX_ERRORS_LISTED = 100;

export type BodyFormat = 'json' | 'ndjson';

export type ParsedBody =
  | { ok: true; events: IngestEvent[] }
  | { ok: false; status: 400; errors: EventError[]; errorCount: number }
  | { ok: false; status: 413; message: string };

/** The body format of a Content-Type header, or null for an unsupported one (415). */
export function bodyFormat(contentType: string | undefined | null): BodyFormat | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') return 'ndjson';
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeError(message: string): ParsedBody {
  return { ok: false, status: 400, errors: [{ index: 0, path: '', message }], errorCount: 1 };
}

export function parseBody(bytes: Uint8Array, format: BodyFormat, maxEvents: number): ParsedBody {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return decodeError('body is not valid UTF-8');
  }
  let values: unknown[];
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return decodeError(`body is not valid JSON: ${(err as Error).message}`);
    }
    values = Array.isArray(value) ? value : [value];
  } else {
    values = [];
    const errors: EventError[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (line === '') continue; // blank lines (and the final newline) carry no event
      try {
        values.push(JSON.parse(line));
      } catch (err) {
        errors.push({ index: values.length, path: '', message: `line ${i + 1} is not valid JSON: ${(err as Error).message}` });
        values.push(undefined);
      }
      if (values.length > maxEvents) break;
    }
    if (errors.length) return { ok: false, status: 400, errors: errors.slice(0, MAX_ERRORS_LISTED), errorCount: errors.length };
  }
  if (values.length > maxEvents) return { ok: false, status: 413, message: `a batch holds at most ${maxEvents} events; split it` };
  if (values.length === 0) return decodeError('the batch holds no event');

  const events: IngestEvent[] = [];
  const errors: EventError[] = [];
  let errorCount = 0;
  values.forEach((v, index) => {
    // The well-formed event takes the fast path; anything else gets the schema's verdict and words.
    const fast = fastEvent(v);
    if (fast) {
      events.push(fast);
      return;
    }
    const r = parseEvent(v, index);
    if (r.ok) events.push(r.event);
    else {
      errorCount += r.errors.length;
      if (errors.length < MAX_ERRORS_LISTED) errors.push(...r.errors.slice(0, MAX_ERRORS_LISTED - errors.length));
    }
  });
  if (errorCount) return { ok: false, status: 400, errors, errorCount };
  return { ok: true, events };
}

/** Events grouped by tenant, each group in batch order. */
export function byTenant(events: readonly IngestEvent[]): Map<string, IngestEvent[]> {
  const groups = new Map<string, IngestEvent[]>();
  for (const e of events) {
    let g = groups.get(e.tenant);
    if (!g) groups.set(e.tenant, (g = []));
    g.push(e);
  }
  return groups;
}
