// An ioredis connection for the Redis stores that never lets a request wait on Redis (Node only:
// kept out of the proxy's runtime-neutral entry, exported by the Node adapter).
import { Redis } from 'ioredis';

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


/**
 * A warning when Redis's `maxmemory-policy` could evict the proxy's keys (forgetting a limit or a
 * claim); undefined when it cannot. Managed Redis that forbids CONFIG is reported as unknown.
 */
export async function evictionPolicyWarning(client: Redis): Promise<string | undefined> {
  let policy: string | undefined;
  let maxmemory: string | undefined;
  try {
    policy = ((await client.call('CONFIG', 'GET', 'maxmemory-policy')) as string[])[1];
    maxmemory = ((await client.call('CONFIG', 'GET', 'maxmemory')) as string[])[1];
  } catch (error) {
    return `could not read Redis's maxmemory-policy (${(error as Error).message}); make sure it is noeviction, or rate limits and idempotency records may be evicted`;
  }
  // Every key of the proxy has a TTL, so a volatile-* policy may evict them as much as an allkeys-* one.
  // With no memory limit (maxmemory 0) nothing is evicted whatever the policy.
  if (policy === undefined || policy === 'noeviction' || maxmemory === '0') return undefined;
  return `Redis's maxmemory-policy is ${policy}: when Redis is full it may evict rate limits and idempotency records (all of them have a TTL); set it to noeviction`;
}
