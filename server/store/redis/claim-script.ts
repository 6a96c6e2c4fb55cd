/**
 * Claim due outbox entries atomically: take up to `limit` members scored at or before `now`,
 * and push their score to the end of the lease, in one script, so that two instances never
 * take the same delivery and a crashed one's lease simply runs out.
 *
 * KEYS[1] the due sorted set; KEYS[2] the delivery hash
 * ARGV[1] now (ms); ARGV[2] lease end (ms); ARGV[3] limit
 * Returns the JSON of each claimed delivery.
 */
import { defineScript, type CommandParser } from 'redis';

export const claimScript = defineScript({
  NUMBER_OF_KEYS: 2,
  SCRIPT: `#!lua
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], 'XX', ARGV[2], id)
  local json = redis.call('HGET', KEYS[2], id)
  if json then out[#out + 1] = json else redis.call('ZREM', KEYS[1], id) end
end
return out`,
  parseCommand(parser: CommandParser, due: string, data: string, now: number, leaseEnd: number, limit: number) {
    parser.pushKey(due);
    parser.pushKey(data);
    parser.push(String(now), String(leaseEnd), String(limit));
  },
  transformReply: (reply: unknown) => reply as string[],
});
