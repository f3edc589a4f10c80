// In-process stores for a single proxy instance: fixed-window counters and idempotency records, each
// holding at most `maxEntries` live keys. A full store refuses new keys rather than forget a live one.
import { StoreFullError } from '../errors.js';
import type { IdempotencyClaim, IdempotencyStore, ProxyStores, RateDecision, RateLimit, RateLimitOptions, StoredResponse } from './types.js';

export interface MemoryStoreOptions {
  /** Most live keys each counter and the idempotency store hold (at least 1); default 10,000. */
  maxEntries?: number;
}

/** Memory stores plus their current sizes (for tests and the benchmark). */
export interface MemoryStores extends ProxyStores {
  /** Keys held: idempotency records, and each counter's keys by name. */
  sizes(): { idempotency: number; rateLimits: Record<string, number> };
}

/**
 * Stores for one process. Each counter and the idempotency store are capped separately. When one
 * is full of entries still live, a new key is refused (the proxy answers 503) and no live counter
 * or claim is ever forgotten: a flood cannot buy a second session or a second vendor call. The
 * proxy's order of checks (daily budget and per-IP limit before the others) keeps floods from
 * filling them in the first place.
 */
export function memoryStores(options: MemoryStoreOptions = {}): MemoryStores {
  const maxEntries = Math.max(1, options.maxEntries ?? 10_000);
  const counters = new Map<string, MemoryCounter>();
  const idempotency = new MemoryIdempotencyStore(maxEntries);
  return {
    rateLimit(limit) {
      const counter = new MemoryCounter(limit, maxEntries);
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

// How often a full store may scan all its entries for expired ones; in between it looks only at
// the oldest (entries mostly expire in the order they were added, so that is usually enough).
const FULL_SCAN_INTERVAL_MS = 1000;

/** A map of at most `max` live entries; expired ones count as absent and are swept when it fills. */
class ExpiringMap<V extends { expiresAt: number }> {
  readonly #entries = new Map<string, V>();
  readonly #name: string;
  readonly #max: number;
  #lastFullScan = -Infinity;

  constructor(name: string, max: number) {
    this.#name = name;
    this.#max = max;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string, now: number): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined || entry.expiresAt > now) return entry;
    this.#entries.delete(key);
    return undefined;
  }

  /** Adds or moves `key` to the newest place; throws StoreFullError when every entry is live. */
  set(key: string, entry: V, now: number): void {
    if (!this.#entries.delete(key) && this.#entries.size >= this.#max) {
      this.#sweep(now);
      if (this.#entries.size >= this.#max) throw new StoreFullError(this.#name);
    }
    this.#entries.set(key, entry);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  #sweep(now: number): void {
    const full = now - this.#lastFullScan >= FULL_SCAN_INTERVAL_MS;
    if (full) this.#lastFullScan = now;
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt <= now) this.#entries.delete(key);
      else if (!full) return;
    }
  }
}

interface Window {
  count: number;
  expiresAt: number;
}

/** A fixed-window counter per key: the window starts at a key's first request. */
class MemoryCounter implements RateLimit {
  readonly #windows: ExpiringMap<Window>;
  readonly #points: number;
  readonly #windowMs: number;

  constructor(options: RateLimitOptions, maxEntries: number) {
    this.#windows = new ExpiringMap(`the ${options.name} counter`, maxEntries);
    this.#points = options.points;
    this.#windowMs = options.windowSeconds * 1000;
  }

  get size(): number {
    return this.#windows.size;
  }

  async consume(key: string, windowSeconds?: number): Promise<RateDecision> {
    const now = Date.now();
    let window = this.#windows.get(key, now);
    if (window === undefined) {
      window = { count: 0, expiresAt: now + (windowSeconds === undefined ? this.#windowMs : windowSeconds * 1000) };
      this.#windows.set(key, window, now);
    }
    window.count += 1;
    return { allowed: window.count <= this.#points, msBeforeReset: window.expiresAt - now };
  }

  async peek(key: string): Promise<{ count: number; msBeforeReset: number }> {
    const now = Date.now();
    const window = this.#windows.get(key, now);
    return window ? { count: window.count, msBeforeReset: window.expiresAt - now } : { count: 0, msBeforeReset: 0 };
  }

  async refund(key: string): Promise<void> {
    const window = this.#windows.get(key, Date.now());
    if (window && window.count > 0) window.count -= 1;
  }
}

interface MemoryRecord {
  fingerprint: string;
  response: StoredResponse | null;
  expiresAt: number;
}

/** Idempotency records with their expiry. */
class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #records: ExpiringMap<MemoryRecord>;

  constructor(maxEntries: number) {
    this.#records = new ExpiringMap('the idempotency store', maxEntries);
  }

  get size(): number {
    return this.#records.size;
  }

  // No await before the record is set: of concurrent claims, exactly the first wins.
  async claim(key: string, fingerprint: string, lockMs: number): Promise<IdempotencyClaim> {
    const now = Date.now();
    const existing = this.#records.get(key, now);
    if (existing) return { claimed: false, fingerprint: existing.fingerprint, response: existing.response };
    const record: MemoryRecord = { fingerprint, response: null, expiresAt: now + lockMs };
    this.#records.set(key, record, now);
    const owns = () => this.#records.get(key, Date.now()) === record;
    return {
      claimed: true,
      lease: {
        complete: async (response, ttlMs) => {
          if (!owns()) return;
          record.response = response;
          record.expiresAt = Date.now() + ttlMs;
          // Newest place: entries stay roughly in the order they expire.
          this.#records.set(key, record, Date.now());
        },
        release: async () => {
          if (owns()) this.#records.delete(key);
        },
      },
    };
  }
}
