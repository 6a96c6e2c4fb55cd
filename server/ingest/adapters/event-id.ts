/**
 * Deterministic event ids for imported records. The server deduplicates by id, so an id
 * derived from what a record says (never from when or how often it was sent) makes re-sending
 * a file, or a line that appears twice, change nothing.
 */
import { createHash } from 'node:crypto';

/** `prefix:` + the SHA-1 of the parts (43 to ~50 characters, inside the contract's 128). */
export function eventId(prefix: string, ...parts: readonly (string | number)[]): string {
  // U+001F cannot occur in a validated id or a trimmed field, so the joined parts are unambiguous.
  return `${prefix}:${createHash('sha1').update(parts.join('\u001f')).digest('hex')}`;
}
