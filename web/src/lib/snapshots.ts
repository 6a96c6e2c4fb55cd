/** Ordering of queue snapshots. The initial HTTP query and the subscription race each other,
 * so a snapshot only replaces one that is not newer than itself. */

export function supersedes(next: { asOf: string }, prev: { asOf: string } | undefined): boolean {
  if (!prev) return true;
  const a = Date.parse(next.asOf);
  const b = Date.parse(prev.asOf);
  // An unparseable time can't be ordered: take the arrival, the server's latest word.
  if (Number.isNaN(a) || Number.isNaN(b)) return true;
  return a >= b;
}
