// Redis stores, so several proxy processes share one set of rate counters and idempotency records:
// rate-limiter-flexible's Redis limiter, and idempotency records claimed and finished by small Lua scripts.
// Takes a connected ioredis client (connectRedis in ./redis-connection.ts makes one for Node).
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from './limiter-library.js';
import type { IdempotencyClaim, IdempotencyStore, ProxyStores, RateLimit, StoredResponse } from './types.js';

export interface RedisStoreOptions {
  /**
   * Prefix of every key; default `agent-chat:`. The proxy already scopes its keys by agent id,
   * so instances of one agent act as one; give another prefix to keep deployments apart anyway.
   */
  prefix?: string;
}

/** Stores on a connected ioredis client. Every command can fail (down, timeout): callers answer 503. */
export function redisStores(client: Redis, options: RedisStoreOptions = {}): ProxyStores {
  const prefix = options.prefix ?? 'agent-chat:';
  return {
    rateLimit({ name, points, windowSeconds }) {
      const limiter = new RateLimiterRedis({
        storeClient: client,
        points,
        duration: windowSeconds,
        keyPrefix: `${prefix}rl:${name}`,
        // Fail at once while disconnected instead of queueing behind a reconnect.
        rejectIfRedisNotReady: true,
      });
      return redisLimit(limiter);
    },
    idempotency: redisIdempotency(client, `${prefix}idem:`),
  };
}

function redisLimit(limiter: InstanceType<typeof RateLimiterRedis>): RateLimit {
  const duration = (windowSeconds: number | undefined) => (windowSeconds === undefined ? {} : { customDuration: windowSeconds });
  return {
    consume(key, windowSeconds) {
      return limiter.consume(key, 1, duration(windowSeconds)).then(
        (result) => ({ allowed: true, msBeforeReset: result.msBeforeNext }),
        (refusal: unknown) => {
          // rate-limiter-flexible rejects with its result past the limit, with an Error when Redis fails.
          if (refusal instanceof RateLimiterRes) return { allowed: false, msBeforeReset: refusal.msBeforeNext };
          throw refusal;
        },
      );
    },
    async peek(key) {
      const result = await limiter.get(key);
      return { count: result?.consumedPoints ?? 0, msBeforeReset: result?.msBeforeNext ?? 0 };
    },
    async refund(key, windowSeconds) {
      await limiter.reward(key, 1, duration(windowSeconds));
    },
  };
}

// The record as it is while the first request runs, then once it finished. Never holds the
// contact: the fingerprint is a keyed hash and the response is the proxy's own {status, id}.
interface PendingRecord {
  fingerprint: string;
  token: string;
}
interface FinishedRecord {
  fingerprint: string;
  response: StoredResponse;
}

// Returns the record when one exists; otherwise sets ours (lock TTL) and returns nil.
const CLAIM = `
local current = redis.call('GET', KEYS[1])
if current then return current end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;
// Replaces or deletes the record only while it is still exactly our pending one.
const COMPLETE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

function redisIdempotency(client: Redis, prefix: string): IdempotencyStore {
  return {
    async claim(key, fingerprint, lockMs): Promise<IdempotencyClaim> {
      const redisKey = prefix + key;
      const pending = JSON.stringify({ fingerprint, token: crypto.randomUUID() } satisfies PendingRecord);
      const current = (await client.eval(CLAIM, 1, redisKey, pending, String(lockMs))) as string | null;
      if (current !== null) {
        const record = JSON.parse(current) as Partial<PendingRecord & FinishedRecord>;
        return { claimed: false, fingerprint: String(record.fingerprint), response: record.response ?? null };
      }
      return {
        claimed: true,
        lease: {
          async complete(response, ttlMs) {
            const finished = JSON.stringify({ fingerprint, response } satisfies FinishedRecord);
            await client.eval(COMPLETE, 1, redisKey, pending, finished, String(ttlMs));
          },
          async release() {
            await client.eval(RELEASE, 1, redisKey, pending);
          },
        },
      };
    },
  };
}
