/**
 * HSET a hash field to a number only if it is larger than the current value: the max wait of an
 * interval bucket, merged inside the aggregator's MULTI.
 *
 * KEYS[1] the bucket hash; ARGV[1] field; ARGV[2] value
 */
import { defineScript, type CommandParser } from 'redis';

export const hashMaxScript = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `#!lua
local cur = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '-1')
if tonumber(ARGV[2]) > cur then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 0`,
  parseCommand(parser: CommandParser, key: string, field: string, value: number) {
    parser.pushKey(key);
    parser.push(field, String(value));
  },
  transformReply: () => 0 as const,
});
