/**
 * A batch's effects and its acknowledgement, fenced by the tenant's lease, as one script call.
 *
 * Why a script rather than MULTI…EXEC under WATCH: a batch of a few thousand events makes some
 * 8,000 small writes (a HINCRBY per counter field per interval bucket, a SET per visit). As
 * commands in a transaction each costs the Node client a command object, its encoding, a queued
 * reply and a promise, which was a third of the server's CPU at full ingest (README, Benchmarks).
 * As one script call they are one request with flat arguments and one reply; Redis runs the same
 * writes, atomically. The fence is checked inside (the lease must still carry the batch's token),
 * so no WATCH round trip and no retry when this instance's own renewal touched the lease.
 *
 * Starts with `#!lua`: on a Redis Cluster every key must be declared in KEYS and on one slot,
 * and all of them carry the tenant's hash tag.
 *
 * KEYS: 1 lease, 2 event stream, 3 agents hash, 4 follow-ups hash, 5 queue ids set,
 *       6 queue meta hash, then each visit key, each bucket key, each waiting-set key, in the
 *       order of their sections below.
 * ARGV: 1 token, 2 visit TTL (ms), 3 consumer group, then the sections, each led by its count:
 *       visits      n, then n record JSONs                      (SET key json PX ttl)
 *       agents      n, then n (id, JSON) pairs                  (HSET)
 *       follow-ups  n, then n (id, JSON) pairs                  (HSET)
 *       buckets     n, then per bucket: expiresAt, maxWaitMs (0: none), f, then f (field, delta)
 *                   (a new bucket: HSET of them all and PEXPIREAT; else HINCRBY each, and HSET
 *                   maxWaitMs if larger: an existing bucket has its expiry from its creation)
 *       waiting     n, then per queue: a, r, a (score, contact) pairs, r contacts   (ZADD, ZREM)
 *       queue ids   n, then n ids                                (SADD)
 *       queue meta  n, then n (queue, JSON) pairs                (HSETNX)
 *       acks        n, then n entry ids                          (XACK)
 * then trims the stream of what no reader needs any more (XTRIM MINID ~).
 * Returns "OK", or the lease's current value prefixed "LOST:" (nothing written).
 */
import { defineScript, type CommandParser } from 'redis';
import type { Commit } from '../../engine/aggregate.ts';
import { AWAY_REASON_PREFIX, COUNTER_FIELDS } from '../../engine/counters.ts';
import type { RedisKeys } from './keys.ts';

const SCRIPT = `#!lua
local cur = redis.call('GET', KEYS[1])
if cur ~= ARGV[1] then return 'LOST:' .. (cur or '') end
local a, k = 4, 7
local function count()
  local n = tonumber(ARGV[a]); a = a + 1; return n
end
-- Many arguments go in slices: unpack() of thousands would overflow Lua's C stack.
local function sliced(cmd, key, extra, n, width)
  local i, last = a, a + n * width - 1
  while i <= last do
    local j = math.min(last, i + 3999)
    if extra then redis.call(cmd, key, extra, unpack(ARGV, i, j)) else redis.call(cmd, key, unpack(ARGV, i, j)) end
    i = j + 1
  end
  a = last + 1
end
local ttl = ARGV[2]
for _ = 1, count() do
  redis.call('SET', KEYS[k], ARGV[a], 'PX', ttl); k = k + 1; a = a + 1
end
sliced('HSET', KEYS[3], nil, count(), 2)
sliced('HSET', KEYS[4], nil, count(), 2)
for _ = 1, count() do
  local key, expiresAt, maxWait = KEYS[k], ARGV[a], ARGV[a + 1]
  k = k + 1; a = a + 2
  local f = count()
  if redis.call('EXISTS', key) == 0 then
    -- A new bucket: its fields in one HSET and its expiry once (three calls, not one per field).
    if maxWait ~= '0' then redis.call('HSET', key, 'maxWaitMs', maxWait) end
    if f > 0 then sliced('HSET', key, nil, f, 2) end
    redis.call('PEXPIREAT', key, expiresAt)
  else
    for _ = 1, f do
      redis.call('HINCRBY', key, ARGV[a], ARGV[a + 1]); a = a + 2
    end
    if maxWait ~= '0' and tonumber(maxWait) > tonumber(redis.call('HGET', key, 'maxWaitMs') or '-1') then
      redis.call('HSET', key, 'maxWaitMs', maxWait)
    end
  end
end
for _ = 1, count() do
  local key, adds, removes = KEYS[k], tonumber(ARGV[a]), tonumber(ARGV[a + 1])
  k = k + 1; a = a + 2
  sliced('ZADD', key, nil, adds, 2)
  sliced('ZREM', key, nil, removes, 1)
end
sliced('SADD', KEYS[5], nil, count(), 1)
for _ = 1, count() do
  redis.call('HSETNX', KEYS[6], ARGV[a], ARGV[a + 1]); a = a + 2
end
sliced('XACK', KEYS[2], ARGV[3], count(), 1)
-- Entries applied and acknowledged are done with: trim the stream up to the oldest entry still
-- needed, the oldest pending (read by some holder, not committed) or else the last delivered
-- (what follows it is not read yet). Approximate (~): whole nodes only, so it costs next to nothing.
local pending = redis.pcall('XPENDING', KEYS[2], ARGV[3])
if pending.err then return 'OK' end -- no stream or group yet: nothing was read, nothing to trim
local keep = pending[2]
if not keep then
  for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[2])) do
    local fields = {}
    for i = 1, #g, 2 do fields[g[i]] = g[i + 1] end
    if fields['name'] == ARGV[3] then keep = fields['last-delivered-id'] end
  end
end
if keep then redis.call('XTRIM', KEYS[2], 'MINID', '~', keep) end
return 'OK'`;

export interface CommitCall {
  keys: string[];
  args: string[];
}

/** The script's keys and arguments for a batch: pure, so its layout is tested without Redis. */
export function commitCall(keys: RedisKeys, tenant: string, c: Commit, ackIds: readonly string[], token: string, group: string, visitTtlMs: number): CommitCall {
  const k = [keys.lease(tenant), keys.events(tenant), keys.agents(tenant), keys.followUps(tenant), keys.queueIds(tenant), keys.queueMeta(tenant)];
  const a = [token, String(visitTtlMs), group];

  a.push(String(c.visits.size));
  for (const [v, rec] of c.visits) {
    k.push(keys.visit(tenant, v));
    a.push(JSON.stringify(rec));
  }
  a.push(String(c.agents.size));
  for (const [id, rec] of c.agents) a.push(id, JSON.stringify(rec));
  a.push(String(c.followUps.size));
  for (const [id, f] of c.followUps) a.push(id, JSON.stringify(f));

  a.push(String(c.increments.size));
  for (const inc of c.increments.values()) {
    k.push(keys.bucket(tenant, inc.queue, inc.step, inc.start));
    a.push(String(inc.expiresAt), String(Math.max(0, inc.counters.maxWaitMs)));
    const at = a.length;
    a.push('');
    for (const f of COUNTER_FIELDS) if (inc.counters[f]) a.push(f, String(inc.counters[f]));
    for (const reason in inc.counters.awayByReason) {
      const ms = inc.counters.awayByReason[reason];
      if (ms) a.push(AWAY_REASON_PREFIX + reason, String(ms));
    }
    a[at] = String((a.length - at - 1) / 2);
  }

  a.push(String(c.waiting.size));
  for (const [queue, changes] of c.waiting) {
    k.push(keys.waiting(tenant, queue));
    const add: string[] = [];
    const remove: string[] = [];
    for (const [contact, at] of changes) {
      if (at === null) remove.push(contact);
      else add.push(String(at), contact);
    }
    a.push(String(add.length / 2), String(remove.length));
    for (const x of add) a.push(x);
    for (const x of remove) a.push(x);
  }

  a.push(String(c.queues.size));
  for (const q of c.queues.keys()) a.push(q);
  const meta = [...c.queues].filter(([, m]) => m.channel);
  a.push(String(meta.length));
  for (const [queue, m] of meta) a.push(queue, JSON.stringify(m));

  a.push(String(ackIds.length));
  for (const id of ackIds) a.push(id);
  return { keys: k, args: a };
}

/** "OK", or the lease's holder now ("" when free) when the batch's token no longer holds it. */
export type CommitReply = { ok: true } | { ok: false; current: string | null };

export const commitScript = defineScript({
  SCRIPT,
  parseCommand(parser: CommandParser, call: CommitCall) {
    // The key count is the call's own (NUMBER_OF_KEYS is for fixed counts).
    parser.push(String(call.keys.length));
    for (const key of call.keys) parser.pushKey(key);
    // One at a time: a big batch has tens of thousands, too many for a spread call.
    for (const arg of call.args) parser.push(arg);
  },
  transformReply: (reply: unknown): CommitReply => {
    const s = String(reply);
    if (s === 'OK') return { ok: true };
    const current = s.slice('LOST:'.length);
    return { ok: false, current: current === '' ? null : current };
  },
});
