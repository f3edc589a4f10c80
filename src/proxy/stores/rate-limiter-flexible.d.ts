// Types for the rate-limiter-flexible files imported one by one (see limiter-library.ts): the package
// types only its index.
declare module 'rate-limiter-flexible/lib/RateLimiterRedis.js' {
  const RateLimiterRedis: typeof import('rate-limiter-flexible').RateLimiterRedis;
  export default RateLimiterRedis;
}
declare module 'rate-limiter-flexible/lib/RateLimiterRes.js' {
  const RateLimiterRes: typeof import('rate-limiter-flexible').RateLimiterRes;
  export default RateLimiterRes;
}
