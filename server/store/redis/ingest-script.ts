/**
 * Ingest of one tenant's batch as one Lua script: deduplicate by event id against the sets of
 * the dedup horizon and XADD the new events, atomically, returning {accepted, duplicates}.
 *
 * KEYS[1]  the tenant's event stream
 * KEYS[2]  today's seen-set (new ids are added to it)
 * KEYS[3…] the seen-sets of earlier days inside the horizon
 * ARGV[1]  TTL of today's seen-set, in seconds
 * ARGV[2…] pairs: event id, event JSON
 */
import { defineScript, type CommandParser } from 'redis';

const SCRIPT = `
local stream, today = KEYS[1], KEYS[2]
local accepted, duplicates = 0, 0
local inBatch = {}
for i = 2, #ARGV, 2 do
  local id, json = ARGV[i], ARGV[i + 1]
  local dup = inBatch[id] ~= nil
  if not dup then
    for k = 2, #KEYS do
      if redis.call('SISMEMBER', KEYS[k], id) == 1 then dup = true; break end
    end
  end
  if dup then
    duplicates = duplicates + 1
  else
    inBatch[id] = true
    redis.call('SADD', today, id)
    redis.call('XADD', stream, '*', 'e', json)
    accepted = accepted + 1
  end
end
redis.call('EXPIRE', today, ARGV[1])
return { accepted, duplicates }
`;

export const ingestScript = defineScript({
  SCRIPT,
  parseCommand(parser: CommandParser, keyNames: string[], ttlSeconds: number, pairs: string[]) {
    parser.push(String(keyNames.length));
    for (const k of keyNames) parser.pushKey(k);
    parser.push(String(ttlSeconds));
    for (const p of pairs) parser.push(p);
  },
  transformReply: (reply: unknown) => reply as [number, number],
});
