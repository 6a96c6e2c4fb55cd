/**
 * A stand-in for the server's POST /api/events: records what arrives and answers what the
 * test scripts (202 by default), over real HTTP so headers and bodies are what the wire sees.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IngestEvent } from '../../schema/events.ts';

export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly events: IngestEvent[];
  readonly status: number;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** Never answer: the request hangs until the client gives up. */
  readonly hang?: boolean;
}

export interface IngestStub {
  readonly url: string;
  readonly requests: Received[];
  /** Events of the requests answered 2xx, in order. */
  acknowledged(): IngestEvent[];
  /** Replies for the next requests, in order; then 202. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startIngestStub(): Promise<IngestStub> {
  const requests: Received[] = [];
  const replies: Reply[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const events = JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]') as IngestEvent[];
      const reply = replies.shift() ?? { status: 202 };
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, events, status: reply.status });
      if (reply.hang) return;
      const body = reply.body ?? (reply.status === 202 ? { accepted: events.length, duplicates: 0 } : { error: 'scripted' });
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    acknowledged: () => requests.filter((r) => r.status >= 200 && r.status < 300).flatMap((r) => r.events),
    script: (...next) => replies.push(...next),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
