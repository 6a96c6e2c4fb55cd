/**
 * The event calendar of a discrete-event simulation: a binary min-heap of things due at a
 * time. Happenings due at the same time come out in the order they were scheduled, so a run
 * never depends on how the heap happens to break ties (determinism for a given seed).
 */

interface Entry<T> {
  readonly at: number;
  /** Insertion order: the tie-breaker for equal times. */
  readonly seq: number;
  readonly item: T;
}

export class EventCalendar<T> {
  readonly #heap: Entry<T>[] = [];
  #seq = 0;

  get size(): number {
    return this.#heap.length;
  }

  /** Schedule `item` at time `at` (any finite number; the simulator uses epoch ms). */
  schedule(at: number, item: T): void {
    if (!Number.isFinite(at)) throw new RangeError(`cannot schedule at ${at}`);
    const heap = this.#heap;
    heap.push({ at, seq: this.#seq++, item });
    // Sift up.
    let i = heap.length - 1;
    const entry = heap[i] as Entry<T>;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Entry<T>;
      if (!before(entry, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Time of the next happening, or undefined when nothing is scheduled. */
  peekTime(): number | undefined {
    return this.#heap[0]?.at;
  }

  /** Remove and return the next happening (earliest time, then earliest scheduled). */
  pop(): { at: number; item: T } | undefined {
    const heap = this.#heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as Entry<T>;
    if (heap.length > 0) {
      // Sift the last entry down from the root.
      let i = 0;
      const n = heap.length;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        const right = left + 1;
        let child = left;
        if (right < n && before(heap[right] as Entry<T>, heap[left] as Entry<T>)) child = right;
        const c = heap[child] as Entry<T>;
        if (!before(c, last)) break;
        heap[i] = c;
        i = child;
      }
      heap[i] = last;
    }
    return { at: top.at, item: top.item };
  }
}

function before<T>(a: Entry<T>, b: Entry<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
