// rate-limiter-flexible's Redis limiter, imported directly by file as its README shows ("or import
// directly"): the package's index also loads its cluster limiter, which needs node:cluster, missing
// from fetch-handler runtimes (Workers).
import type * as Library from 'rate-limiter-flexible';
import RedisLimiter from 'rate-limiter-flexible/lib/RateLimiterRedis.js';
import LimiterResult from 'rate-limiter-flexible/lib/RateLimiterRes.js';

export const RateLimiterRedis = RedisLimiter as typeof Library.RateLimiterRedis;
/** What a limiter resolves with, and rejects with past its limit (a store failure rejects with an Error). */
export const RateLimiterRes = LimiterResult as typeof Library.RateLimiterRes;
export type RateLimiterRedis = Library.RateLimiterRedis;
export type RateLimiterRes = Library.RateLimiterRes;
