// Redis stores, so several proxy processes share one set of rate counters and idempotency records:
// rate-limiter-flexible's Redis limiter, and idempotency records claimed and finished by small Lua scripts.
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
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

function redisLimit(limiter: RateLimiterRedis): RateLimit {
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

export interface ConnectRedisOptions {
  /** Longest wait for any command; default 1000 ms. Past it the command fails and the proxy answers 503. */
  commandTimeoutMs?: number;
  /** Longest wait for a connection to be made; default 3000 ms. */
  connectTimeoutMs?: number;
  /** Told when an established connection fails or comes back, once per change (errors are never thrown). */
  onStateChange?: (state: 'down' | 'up', detail: string) => void;
}

export interface RedisConnection {
  client: Redis;
  /** Resolves once connected; rejects with the first connection's error. */
  ready: Promise<void>;
  /** Closes the connection. */
  close(): Promise<void>;
}

/**
 * An ioredis client that never lets a request wait on Redis: no offline queue (commands fail at
 * once while disconnected), a timeout per command, and reconnection in the background.
 */
export function connectRedis(url: string, options: ConnectRedisOptions = {}): RedisConnection {
  const commandTimeout = options.commandTimeoutMs ?? 1000;
  const connectTimeout = options.connectTimeoutMs ?? 3000;
  const client = new Redis(url, {
    enableOfflineQueue: false,
    commandTimeout,
    connectTimeout,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 100, 2000),
    // On close, a socket to a dead or frozen server is destroyed after this, not after 2 s.
    disconnectTimeout: 200,
  });

  // Changes after the first connection; a first connection that fails rejects `ready` instead.
  let up: boolean | undefined;
  let closing = false;
  const down = (detail: string) => {
    if (up === true && !closing) options.onStateChange?.('down', detail);
    if (up !== undefined) up = false;
  };
  client.on('error', (error: Error) => down(error.message));
  client.on('close', () => down('connection closed'));
  client.on('ready', () => {
    if (up === false) options.onStateChange?.('up', 'connection restored');
    up = true;
  });

  // Settles with the first connection: ready, or the first error (ECONNREFUSED, a timeout…).
  // The client keeps reconnecting in the background either way.
  const ready = new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => {
      client.off('ready', succeed);
      reject(new Error(`cannot connect to ${redactUrl(url)}: ${error.message}`));
    };
    const succeed = () => {
      client.off('error', fail);
      resolve();
    };
    client.once('ready', succeed);
    client.once('error', fail);
  });
  // The caller may never await `ready` (a server that starts anyway): no unhandled rejection.
  ready.catch(() => {});

  return {
    client,
    ready,
    async close() {
      closing = true;
      if (client.status === 'ready') {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise((resolve) => (timer = setTimeout(resolve, commandTimeout)));
        await Promise.race([client.quit().catch(() => {}), late]);
        clearTimeout(timer);
      }
      client.disconnect();
    },
  };
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the Redis URL';
  }
}
