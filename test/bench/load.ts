/**
 * Load for the benchmarks: the simulated BPO floor (simulations/scenarios/bpo.ts: 3 client
 * accounts, 15 queues, 86 agents) run for `hours` up to now, serialised once into request
 * bodies of `batch` events, then replayed as many independent copies: copy `k` renames every
 * tenant `t` to `<k>-t` (a string edit of the serialised body, so the generator costs next to
 * nothing). Copies are fresh tenants with their own streams, records and dedup sets, so every
 * event is new work for the server; the event times stay those of the simulation (the last
 * `hours`, inside every interval tier's retention).
 */
import type { IngestEvent } from '../../schema/events.ts';
import { createFloor } from '../../simulations/floor.ts';
import { bpo } from '../../simulations/scenarios/bpo.ts';

export interface EventTemplate {
  /** Events in simulation order. */
  events: IngestEvent[];
  /** Each event's JSON, with `"tenant":"` left open for a copy prefix. */
  json: string[];
  /** Request bodies of `batch` consecutive events (JSON arrays). */
  bodies: string[];
  batch: number;
}

export function eventTemplate(hours: number, batch: number, seed = 11): EventTemplate {
  const now = Date.now();
  const floor = createFloor(bpo, { seed, startMs: now - hours * 3_600_000, runId: `b${seed}` });
  const events = floor.advance(now);
  const json = events.map((e) => JSON.stringify(e));
  const bodies: string[] = [];
  for (let i = 0; i < json.length; i += batch) bodies.push(`[${json.slice(i, i + batch).join(',')}]`);
  return { events, json, bodies, batch };
}

/** The same text with every tenant id prefixed: `"tenant":"x"` → `"tenant":"<prefix>x"`. */
export function renameTenants(text: string, prefix: string): string {
  return text.replaceAll('"tenant":"', `"tenant":"${prefix}`);
}

/**
 * Request bodies with their tenants renamed for a copy, made by patching bytes: each body is
 * encoded once with a placeholder prefix of fixed width, and a copy is that buffer with the
 * prefix written over the placeholder at its known offsets. The generator shares the cores with
 * the server it measures; renaming and encoding 800 KB of text per request cost it about 1.5 µs
 * of CPU per event.
 */
function bodyPatcher(bodies: readonly string[], prefixWidth: number) {
  const placeholder = '~'.repeat(prefixWidth);
  const marker = `"tenant":"${placeholder}`;
  const encoded = bodies.map((body) => {
    const text = renameTenants(body, placeholder);
    const offsets: number[] = [];
    // The text is ASCII (JSON.stringify escapes nothing the simulator emits), so characters are bytes.
    for (let i = text.indexOf(marker); i >= 0; i = text.indexOf(marker, i + 1)) offsets.push(i + '"tenant":"'.length);
    return { buffer: Buffer.from(text, 'latin1'), offsets };
  });
  return (chunk: number, prefix: string): Uint8Array<ArrayBuffer> => {
    if (prefix.length !== prefixWidth) throw new Error(`tenant prefix ${prefix} is not ${prefixWidth} characters`);
    const { buffer, offsets } = encoded[chunk]!;
    const bytes = Buffer.from(prefix, 'latin1');
    const out = new Uint8Array(buffer.length);
    out.set(buffer);
    for (const at of offsets) out.set(bytes, at);
    return out;
  };
}

export interface LoadStats {
  requests: number;
  accepted: number;
  duplicates: number;
  /** Answers 429 (backpressure or rate limit): the batch was sent again after Retry-After. */
  refused: number;
  /** Requests that failed on the connection (sent again). */
  socketErrors: number;
}

export interface Load {
  stats: LoadStats;
  /** The error that stopped the load early, if one did. */
  readonly failure: unknown;
  /** Stop sending; resolves once the requests in flight are answered. */
  stop(): Promise<LoadStats>;
}

/**
 * Posts the template's bodies to `/api/events`, `copies` copies at a time (round robin, so
 * the copies' tenants are live together), starting a new generation of copies (new tenants)
 * whenever the template is used up. `eventsPerSecond` paces it; without, it sends as fast as
 * the server answers with `inFlight` requests outstanding (backpressure answers 429 when
 * aggregation falls behind: those batches are sent again after the Retry-After).
 */
export function startLoad(opts: {
  /** The server; several (instances on one Redis) take the requests in turn. */
  url: string | string[];
  token: string;
  template: EventTemplate;
  copies: number;
  inFlight?: number;
  eventsPerSecond?: number;
  /** Tenant prefix of this load's copies (different loads in one run use different ones). */
  name?: string;
}): Load {
  const { token, template, copies } = opts;
  const urls = Array.isArray(opts.url) ? opts.url : [opts.url];
  let turn = 0;
  const name = opts.name ?? 'L';
  const stats: LoadStats = { requests: 0, accepted: 0, duplicates: 0, refused: 0, socketErrors: 0 };
  let running = true;
  let seq = 0;
  let lastAnswer = performance.now();
  // A failed request stops the load; the error is reported by stop().
  let failure: unknown = null;
  // Copy k of generation g renames tenant t to `<name><g>c<k>-t`, g and k fixed-width in base 36.
  const prefixOf = (generation: number, copy: number) => `${name}${generation.toString(36).padStart(4, '0')}c${copy.toString(36).padStart(2, '0')}-`;
  const patch = bodyPatcher(template.bodies, prefixOf(0, 0).length);
  const nextBody = () => {
    const n = seq++;
    const perGeneration = template.bodies.length * copies;
    const generation = Math.floor(n / perGeneration);
    const within = n % perGeneration;
    const chunk = Math.floor(within / copies);
    const copy = within % copies;
    return patch(chunk, prefixOf(generation, copy));
  };
  const post = async (body: Uint8Array<ArrayBuffer>): Promise<boolean> => {
    let res: Response;
    try {
      res = await fetch(`${urls[turn++ % urls.length]}/api/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
    } catch (err) {
      // A kept-alive connection closed as the request went out: send the batch again (the server
      // deduplicates by id, so a batch that did arrive counts once). A server gone fails the load.
      stats.socketErrors++;
      if (performance.now() - lastAnswer > 15_000) throw err;
      return false;
    }
    lastAnswer = performance.now();
    stats.requests++;
    if (res.status === 429) {
      stats.refused++;
      await res.arrayBuffer();
      // As a well-behaved connector: wait as told before sending the batch again.
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') ?? 1)));
      return false;
    }
    const j = (await res.json()) as { accepted?: number; duplicates?: number; error?: string };
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(j)}`);
    stats.accepted += j.accepted ?? 0;
    stats.duplicates += j.duplicates ?? 0;
    return true;
  };
  const sendOne = async () => {
    const body = nextBody();
    while (running && !(await post(body))) await new Promise((r) => setTimeout(r, 25));
  };

  const workers: Promise<void>[] = [];
  if (opts.eventsPerSecond) {
    // Paced: one request every batch/rate seconds, on time whatever the answers take.
    const intervalMs = (template.batch / opts.eventsPerSecond) * 1000;
    const t0 = performance.now();
    let sent = 0;
    const inFlight = new Set<Promise<void>>();
    workers.push(
      (async () => {
        while (running) {
          const due = t0 + sent * intervalMs;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          if (!running) break;
          sent++;
          const p: Promise<void> = sendOne()
            .catch((err: unknown) => {
              failure ??= err;
              running = false;
            })
            .finally(() => inFlight.delete(p));
          inFlight.add(p);
          // A server that cannot keep up is not flooded: at most 8 requests outstanding.
          if (inFlight.size >= 8) await Promise.race(inFlight);
        }
        await Promise.all(inFlight);
      })(),
    );
  } else {
    for (let w = 0; w < (opts.inFlight ?? 2); w++) {
      workers.push(
        (async () => {
          while (running) await sendOne();
        })(),
      );
    }
  }
  const done = Promise.all(
    workers.map((w) =>
      w.catch((err) => {
        failure ??= err;
        running = false;
      }),
    ),
  );
  return {
    stats,
    get failure() {
      return failure;
    },
    async stop() {
      running = false;
      await done;
      if (failure) throw failure;
      return stats;
    },
  };
}
