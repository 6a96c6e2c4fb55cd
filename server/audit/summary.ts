/**
 * Summaries of a change for the audit log: what differs, small, and without secrets. Pure.
 * Redaction is a second line of defence: callers already leave secrets out, but a field added
 * to an input later must not leak into the log by way of a spread.
 */

const SECRET_KEY = /secret|password|passwd|authorization|credential|^token$|^hash$/i;
const MAX_STRING = 500;
const MAX_DEPTH = 4;
const MAX_ITEMS = 50;

/** The summary made safe to keep: secret-looking keys dropped, long strings and lists cut. */
export function redact(summary: Record<string, unknown>): Record<string, unknown> {
  return clean(summary, 0) as Record<string, unknown>;
}

function clean(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return v.length > MAX_STRING ? `${v.slice(0, MAX_STRING)}…` : v;
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v === undefined) return null;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(v)) return v.slice(0, MAX_ITEMS).map((x) => clean(x, depth + 1));
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === undefined) continue;
      // A flag or a count under a secret-sounding key (secretRotated: true) is no secret.
      out[k] = SECRET_KEY.test(k) && (typeof x === 'string' || (typeof x === 'object' && x !== null)) ? '[redacted]' : clean(x, depth + 1);
    }
    return out;
  }
  return String(v);
}

/**
 * The fields of `after` whose value differs from `before`'s, as `{ field: { from, to } }`
 * (from is null where there was none). Values compare as JSON.
 */
export function changes(before: object | null | undefined, after: object): Record<string, { from: unknown; to: unknown }> {
  const prev = (before ?? {}) as Record<string, unknown>;
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(after as Record<string, unknown>)) {
    if (to === undefined) continue;
    const from = prev[k] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) out[k] = { from, to };
  }
  return out;
}
