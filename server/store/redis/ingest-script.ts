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

const SCRIPT = `#!lua
local stream, today = KEYS[1], KEYS[2]
local n = (#ARGV - 1) / 2
local ids = {}
for i = 1, n do ids[i] = ARGV[2 * i] end
-- One SMISMEMBER per day-set and chunk rather than a SISMEMBER per event and day: the
-- dedup horizon's sets cost a few commands per batch. (unpack takes at most ~8,000 values.)
local seen = {}
for k = 2, #KEYS do
  for from = 1, n, 4000 do
    local to = math.min(n, from + 3999)
    local r = redis.call('SMISMEMBER', KEYS[k], unpack(ids, from, to))
    for j = 1, #r do
      if r[j] == 1 then seen[from + j - 1] = true end
    end
  end
end
local accepted, duplicates = 0, 0
local inBatch, new = {}, {}
for i = 1, n do
  local id = ids[i]
  if seen[i] or inBatch[id] then
    duplicates = duplicates + 1
  else
    inBatch[id] = true
    new[#new + 1] = id
    redis.call('XADD', stream, '*', 'e', ARGV[2 * i + 1])
    accepted = accepted + 1
  end
end
for from = 1, #new, 4000 do
  redis.call('SADD', today, unpack(new, from, math.min(#new, from + 3999)))
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
