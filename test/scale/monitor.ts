/**
 * Reading Redis MONITOR output as operations: each top-level command, each MULTI…EXEC block, and
 * each script (EVALSHA with the commands it ran, which MONITOR prints right after it as "lua"),
 * with the keys it touched. Keys come from Redis itself (COMMAND GETKEYS), not from our code.
 */
import { createHash } from 'node:crypto';
import { RESP_TYPES, type createClient } from 'redis';

export interface MonitorLine {
  client: string;
  args: Buffer[];
}

/** `1700000000.123456 [0 127.0.0.1:5000] "SET" "k" "v"`: arguments quoted, escaped as sdscatrepr does. */
export function parseMonitorLine(line: string): MonitorLine | null {
  const m = /^\d+\.\d+ \[\d+ ([^\]]+)\] /.exec(line);
  if (!m) return null;
  const args: Buffer[] = [];
  let i = m[0].length;
  while (i < line.length) {
    if (line[i] === ' ') {
      i++;
      continue;
    }
    if (line[i] !== '"') return null;
    i++;
    const bytes: number[] = [];
    for (;;) {
      const c = line[i++];
      if (c === undefined) return null;
      if (c === '"') break;
      if (c !== '\\') {
        bytes.push(c.charCodeAt(0));
        continue;
      }
      const e = line[i++];
      if (e === 'x') {
        bytes.push(parseInt(line.slice(i, i + 2), 16));
        i += 2;
      } else bytes.push({ n: 10, r: 13, t: 9, a: 7, b: 8 }[e as 'n'] ?? e!.charCodeAt(0));
    }
    args.push(Buffer.from(bytes));
  }
  return { client: m[1]!, args };
}

export interface Operation {
  /** Command name, `MULTI`, or `script:<name>` (by SHA1). */
  kind: string;
  keys: Buffer[];
}

type Client = Pick<ReturnType<typeof createClient>, 'sendCommand'>;

/** Keys of each command, asked of Redis (COMMAND GETKEYS), in pipelined chunks. */
async function keysOf(client: Client, commands: Buffer[][]): Promise<Buffer[][]> {
  const out: Buffer[][] = [];
  for (let i = 0; i < commands.length; i += 500) {
    const chunk = commands.slice(i, i + 500);
    out.push(
      ...(await Promise.all(
        chunk.map(async (args) => {
          try {
            return (await client.sendCommand([Buffer.from('COMMAND'), Buffer.from('GETKEYS'), ...args], { typeMapping: { [RESP_TYPES.BLOB_STRING]: Buffer } })) as Buffer[];
          } catch {
            return []; // a command without keys (PING, PUBLISH, CLIENT …)
          }
        }),
      )),
    );
  }
  return out;
}

/** Group MONITOR lines into operations, with their keys. `scripts` names scripts by SHA1. */
export async function operations(client: Client, lines: MonitorLine[], scripts: Map<string, string>): Promise<Operation[]> {
  const keys = await keysOf(
    client,
    lines.map((l) => l.args),
  );
  const ops: Operation[] = [];
  const open = new Map<string, Operation>();
  let script: Operation | null = null;
  lines.forEach((line, i) => {
    const name = line.args[0]!.toString().toUpperCase();
    if (line.client === 'lua') {
      script?.keys.push(...keys[i]!);
      return;
    }
    script = null;
    const txn = open.get(line.client);
    if (name === 'MULTI') open.set(line.client, { kind: 'MULTI', keys: [] });
    else if (name === 'EXEC' && txn) {
      open.delete(line.client);
      ops.push(txn);
    } else if (name === 'DISCARD') open.delete(line.client);
    else if (txn) txn.keys.push(...keys[i]!);
    else {
      const op: Operation = { kind: name, keys: [...keys[i]!] };
      if (name === 'EVALSHA' || name === 'EVAL') {
        // EVALSHA names its script by SHA1; EVAL (node-redis' fallback after NOSCRIPT) carries it.
        const sha = name === 'EVALSHA' ? line.args[1]!.toString() : createHash('sha1').update(line.args[1]!).digest('hex');
        op.kind = `script:${scripts.get(sha) ?? sha}`;
        script = op;
      }
      ops.push(op);
    }
  });
  return ops;
}
