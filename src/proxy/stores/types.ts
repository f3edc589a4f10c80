// What the proxy needs from a store: fixed-window rate counters and idempotency records.
// Implemented in memory (one process) and on Redis (several processes acting as one).

/** The answer of a rate counter. */
export interface RateDecision {
  /** False once more than the limit's points were counted in the current window. */
  allowed: boolean;
  /** Milliseconds until the current window ends. */
  msBeforeReset: number;
}

export interface RateLimitOptions {
  /** Unique per store: names this counter's keys. */
  name: string;
  /** Requests allowed per window. */
  points: number;
  /** Window length, from the first request of a key. */
  windowSeconds: number;
}

/**
 * A fixed-window counter of requests per key. Rejects (throws) when the store cannot answer, or
 * when it is full: a store never forgets a live key to make room for a new one.
 */
export interface RateLimit {
  /** Counts one request for `key`; `windowSeconds` overrides the window of a key counted for the first time. */
  consume(key: string, windowSeconds?: number): Promise<RateDecision>;
  /** The requests counted for `key` in its current window (0 when none) and the time left, counting nothing. */
  peek(key: string): Promise<{ count: number; msBeforeReset: number }>;
  /** Gives back one counted request (it turned out not to count). */
  refund(key: string, windowSeconds?: number): Promise<void>;
}

/** A finished answer kept for replay. */
export interface StoredResponse {
  status: number;
  /** The response body, as sent. */
  body: string;
}

/** Ownership of a key while its first request runs. */
export interface IdempotencyLease {
  /** Keeps the answer for `ttlMs`; does nothing if the lease was lost (expired, evicted). */
  complete(response: StoredResponse, ttlMs: number): Promise<void>;
  /** Forgets the key, so the next request with it runs again. */
  release(): Promise<void>;
}

/** What `claim` found: the key is now ours, or someone else's request holds it (running or finished). */
export type IdempotencyClaim =
  | { claimed: true; lease: IdempotencyLease }
  | { claimed: false; fingerprint: string; response: StoredResponse | null };

/** Idempotency records: one per key, claimed atomically. Rejects (throws) when the store cannot answer. */
export interface IdempotencyStore {
  /** Claims `key` for `lockMs` unless a record exists; atomic, so of many concurrent claims exactly one wins. */
  claim(key: string, fingerprint: string, lockMs: number): Promise<IdempotencyClaim>;
}

/** Where the proxy keeps its rate counters and idempotency records. */
export interface ProxyStores {
  /** A counter; call once per limit when the proxy is built. */
  rateLimit(options: RateLimitOptions): RateLimit;
  idempotency: IdempotencyStore;
}
