// In-process stores for a single proxy instance: rate-limiter-flexible's memory limiter and an idempotency
// map, each holding at most `maxEntries` keys (least recently used evicted first), so memory stays bounded.
import { RateLimiterMemory, RateLimiterRes } from './limiter-library.js';
import type {
  IdempotencyClaim,
  IdempotencyStore,
  ProxyStores,
  RateDecision,
  RateLimit,
  RateLimitOptions,
  StoredResponse,
} from './types.js';

export interface MemoryStoreOptions {
  /** Most keys each counter and the idempotency store hold (at least 2); default 10,000. */
  maxEntries?: number;
}

/** Memory stores plus their current sizes (for tests and the benchmark). */
export interface MemoryStores extends ProxyStores {
  /** Keys held: idempotency records, and each counter's keys by name. */
  sizes(): { idempotency: number; rateLimits: Record<string, number> };
}

/**
 * Stores for one process. Each counter and the idempotency store are capped separately and
 * forget their least recently used keys first: under a flood of more distinct keys than
 * `maxEntries` (in 10 min for IPs, 24 h for contacts and records) idle keys are forgotten early,
 * while the keys in use (an abuser's) stay. The daily budget has one key a day.
 */
export function memoryStores(options: MemoryStoreOptions = {}): MemoryStores {
  const maxEntries = Math.max(2, options.maxEntries ?? 10_000);
  const counters = new Map<string, BoundedMemoryLimit>();
  const idempotency = new MemoryIdempotencyStore(maxEntries);
  return {
    rateLimit(limit) {
      const counter = new BoundedMemoryLimit(limit, maxEntries);
      counters.set(limit.name, counter);
      return counter;
    },
    idempotency,
    sizes: () => ({
      idempotency: idempotency.size,
      rateLimits: Object.fromEntries([...counters].map(([name, counter]) => [name, counter.size])),
    }),
  };
}

/**
 * A map of at most `max` entries in two generations: used keys move to the current one, and
 * when it is full the previous one is dropped whole. Least recently used first, O(1) per call,
 * with no per-entry bookkeeping (a Map emptied from its front would be scanned on each eviction).
 */
class BoundedMap<V> {
  #current = new Map<string, V>();
  #previous = new Map<string, V>();
  readonly #half: number;
  readonly #onEvict: ((key: string) => void) | undefined;

  constructor(max: number, onEvict?: (key: string) => void) {
    this.#half = Math.floor(max / 2);
    this.#onEvict = onEvict;
  }

  get size(): number {
    return this.#current.size + this.#previous.size;
  }

  /** The value, marking the key as used. */
  get(key: string): V | undefined {
    const value = this.#current.get(key);
    if (value !== undefined) return value;
    const old = this.#previous.get(key);
    if (old !== undefined) {
      this.#previous.delete(key);
      this.#add(key, old);
    }
    return old;
  }

  set(key: string, value: V): void {
    if (this.#current.has(key)) this.#current.set(key, value);
    else {
      this.#previous.delete(key);
      this.#add(key, value);
    }
  }

  delete(key: string): void {
    if (!this.#current.delete(key)) this.#previous.delete(key);
  }

  #add(key: string, value: V): void {
    if (this.#current.size >= this.#half) {
      if (this.#onEvict) for (const evicted of this.#previous.keys()) this.#onEvict(evicted);
      this.#previous = this.#current;
      this.#current = new Map();
    }
    this.#current.set(key, value);
  }
}

/** rate-limiter-flexible's RateLimiterMemory (which expires keys but has no cap), with its keys capped. */
class BoundedMemoryLimit implements RateLimit {
  readonly #limiter: RateLimiterMemory;
  readonly #keys: BoundedMap<true>;

  constructor(options: RateLimitOptions, maxEntries: number) {
    this.#limiter = new RateLimiterMemory({ points: options.points, duration: options.windowSeconds });
    this.#keys = new BoundedMap(maxEntries, (key) => void this.#limiter.delete(key));
  }

  get size(): number {
    return this.#keys.size;
  }

  consume(key: string, windowSeconds?: number): Promise<RateDecision> {
    if (this.#keys.get(key) === undefined) this.#keys.set(key, true);
    return this.#limiter.consume(key, 1, durationOption(windowSeconds)).then(allowed, refused);
  }

  async refund(key: string, windowSeconds?: number): Promise<void> {
    if (this.#keys.get(key) !== undefined) await this.#limiter.reward(key, 1, durationOption(windowSeconds));
  }
}

function durationOption(windowSeconds: number | undefined): { customDuration?: number } {
  return windowSeconds === undefined ? {} : { customDuration: windowSeconds };
}

// rate-limiter-flexible resolves within the limit and rejects with its result past it.
const allowed = (result: RateLimiterRes): RateDecision => ({ allowed: true, msBeforeReset: result.msBeforeNext });
const refused = (refusal: unknown): RateDecision => {
  if (refusal instanceof RateLimiterRes) return { allowed: false, msBeforeReset: refusal.msBeforeNext };
  throw refusal;
};

interface MemoryRecord {
  fingerprint: string;
  response: StoredResponse | null;
  expiresAt: number;
}

/** Idempotency records with their expiry, in a BoundedMap. */
class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records: BoundedMap<MemoryRecord>;

  constructor(maxEntries: number) {
    this.#records = new BoundedMap(maxEntries);
  }

  get size(): number {
    return this.#records.size;
  }

  // No await before the record is set: of concurrent claims, exactly the first wins.
  async claim(key: string, fingerprint: string, lockMs: number): Promise<IdempotencyClaim> {
    const now = Date.now();
    const existing = this.#records.get(key);
    if (existing && existing.expiresAt > now) {
      return { claimed: false, fingerprint: existing.fingerprint, response: existing.response };
    }
    const record: MemoryRecord = { fingerprint, response: null, expiresAt: now + lockMs };
    this.#records.set(key, record);
    const owns = () => this.#records.get(key) === record;
    return {
      claimed: true,
      lease: {
        complete: async (response, ttlMs) => {
          if (!owns()) return;
          record.response = response;
          record.expiresAt = Date.now() + ttlMs;
        },
        release: async () => {
          if (owns()) this.#records.delete(key);
        },
      },
    };
  }
}
