/**
 * A tenant's aggregation lease, as three small scripts on its two keys (one hash tag, one slot).
 * The lease's value is a fencing token, `<instance>@<n>`, with n drawn from a counter that never
 * goes back: a holder that lost its lease and took it again holds a different token, so a write
 * checked against the token it read under can never pass for a later tenure (RedisStore.commit).
 *
 * Every script starts with `#!lua` so that a Redis Cluster refuses any key not declared in KEYS
 * or outside the script's slot (scripts without a shebang are let through for compatibility).
 */
import { defineScript, type CommandParser } from 'redis';

/**
 * Take the lease if nobody holds it, or if it still carries `adopt` as its instance (this
 * instance before a restart: it takes its tenants back without waiting for the lease to run out).
 *
 * KEYS[1] the lease; KEYS[2] its fencing counter
 * ARGV[1] instance id; ARGV[2] lease length (ms); ARGV[3] "1" to adopt a lease of the same instance
 * Returns the new token, or nil when another instance holds the lease.
 */
export const acquireLeaseScript = defineScript({
  NUMBER_OF_KEYS: 2,
  SCRIPT: `#!lua
local cur = redis.call('GET', KEYS[1])
if cur and not (ARGV[3] == '1' and string.sub(cur, 1, #ARGV[1] + 1) == ARGV[1] .. '@') then return false end
local token = ARGV[1] .. '@' .. redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
return token`,
  parseCommand(parser: CommandParser, lease: string, seq: string, instance: string, leaseMs: number, adopt: boolean) {
    parser.pushKey(lease);
    parser.pushKey(seq);
    parser.push(instance, String(leaseMs), adopt ? '1' : '0');
  },
  transformReply: (reply: unknown) => (reply == null ? null : String(reply)),
});

/**
 * Extend the lease if it still carries `token`.
 * KEYS[1] the lease; ARGV[1] token; ARGV[2] lease length (ms). Returns 1 if renewed, else 0.
 */
export const renewLeaseScript = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `#!lua
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`,
  parseCommand(parser: CommandParser, lease: string, token: string, leaseMs: number) {
    parser.pushKey(lease);
    parser.push(token, String(leaseMs));
  },
  transformReply: (reply: unknown) => Number(reply) === 1,
});

/** Give the lease up if it still carries `token`. KEYS[1] the lease; ARGV[1] token. */
export const releaseLeaseScript = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `#!lua
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
  parseCommand(parser: CommandParser, lease: string, token: string) {
    parser.pushKey(lease);
    parser.push(token);
  },
  transformReply: (reply: unknown) => Number(reply) === 1,
});
