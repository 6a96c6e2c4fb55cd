/**
 * The baseline server: bare `ws` on a Node HTTP server, in a process of its own, holding plain
 * sockets. It broadcasts given bytes to every socket (one string, `send()` to each: what a
 * hand-written push server does), on an IPC request (fan-out) or on `POST /broadcast` (latency:
 * an HTTP request in, a frame out to every socket, nothing else).
 */
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';
import { serveRequests } from './ipc.ts';

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
const broadcast = (payload: string) => {
  for (const ws of wss.clients) ws.send(payload);
};

const server = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    broadcast(Buffer.concat(chunks).toString('utf8'));
    res.writeHead(202, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
});
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));

serveRequests({
  /** Send each payload, in order, to every socket. */
  broadcast(a: { payloads: string[] }) {
    for (const p of a.payloads) broadcast(p);
    return wss.clients.size;
  },
  memory() {
    global.gc?.();
    global.gc?.();
    const m = process.memoryUsage();
    return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
  },
  sockets: () => wss.clients.size,
  stop() {
    for (const ws of wss.clients) ws.terminate();
    server.close();
    setTimeout(() => process.exit(0), 50);
    return true;
  },
});
process.send!({ type: 'ready', port: (server.address() as { port: number }).port, pid: process.pid });
