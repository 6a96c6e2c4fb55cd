/** The state of the live link, for the header indicator and the banners. */
import { createSignal, type Accessor } from 'solid-js';
import type { LinkStatus } from '../lib/freshness.ts';

export interface Connection {
  status: Accessor<LinkStatus>;
  /** Local time of the last message or pong; null until the first one. */
  lastHeardMs: Accessor<number | null>;
  /** What the server last refused (a tenant this token may not see, a failed query); null when all is well. */
  problem: Accessor<string | null>;
  setStatus(status: LinkStatus): void;
  heard(atMs: number): void;
  setProblem(message: string | null): void;
}

export function createConnection(): Connection {
  const [status, setStatus] = createSignal<LinkStatus>('connecting');
  const [lastHeardMs, setLastHeardMs] = createSignal<number | null>(null);
  const [problem, setProblem] = createSignal<string | null>(null);
  return { status, lastHeardMs, problem, setStatus, heard: setLastHeardMs, setProblem };
}
