// The rate limits of SPEC §5 as one stage: per client IP (10 min), per contact (24 h) and the
// deployment's daily budget of vendor sessions (UTC day), each answered with 429 and Retry-After.
import { PHONE_CHANNELS } from '../contract/index.js';
import { ProxyError, storeUnavailable } from './errors.js';
import type { ChatStage } from './handler.js';
import type { KeyHasher } from './hash.js';
import type { ProxyStores, RateLimit } from './stores/types.js';
import type { ValidChatRequest } from './validate.js';
import { VendorError } from './vendor.js';

/** Requests allowed per window. */
export interface LimitSettings {
  /** Per client IP per 10 minutes (RATE_LIMIT_IP). */
  perIp: number;
  /** Per contact per 24 hours (RATE_LIMIT_CONTACT). */
  perContact: number;
  /** Vendor sessions per UTC day, all instances together (DAILY_LIMIT). */
  daily: number;
}

export const IP_WINDOW_SECONDS = 10 * 60;
export const CONTACT_WINDOW_SECONDS = 24 * 60 * 60;
// The daily budget's window is given per request: the rest of the UTC day.
const DAY_SECONDS = 24 * 60 * 60;
// The daily counter outlives its UTC day by this much, so instances whose clocks differ a little agree.
const DAILY_SLACK_SECONDS = 60 * 60;

interface Limiters {
  ip: RateLimit;
  contact: RateLimit;
  daily: RateLimit;
}

/**
 * Counts, in this order, stopping at the first refusal: the client IP (skipped when the runtime
 * gave none), the contact, then one session from the daily budget. A budget session is given
 * back when the vendor certainly started nothing (it answered an error, or was never reached).
 * Keys are keyed hashes scoped by `scope` (the agent id); the daily key is the UTC date.
 * A store that fails answers 503 (fail closed).
 */
export function limitsStage(
  stores: ProxyStores,
  limits: LimitSettings,
  options: { scope: string; hash: KeyHasher; now: () => number },
): ChatStage {
  const { scope, hash, now } = options;
  const limiters: Limiters = {
    ip: stores.rateLimit({ name: `${scope}:ip`, points: limits.perIp, windowSeconds: IP_WINDOW_SECONDS }),
    contact: stores.rateLimit({ name: `${scope}:contact`, points: limits.perContact, windowSeconds: CONTACT_WINDOW_SECONDS }),
    daily: stores.rateLimit({ name: `${scope}:daily`, points: limits.daily, windowSeconds: DAY_SECONDS }),
  };

  let today = utcDay(now());

  return async (context, next) => {
    if (context.clientIp !== undefined) {
      await count(limiters.ip, hash('ip', ipKey(context.clientIp)), 'per-IP');
    }
    await count(limiters.contact, hash('contact', contactKey(context.chat)), 'per-contact');

    const time = now();
    if (time >= today.end || time < today.start) today = utcDay(time);
    const { day } = today;
    const secondsLeft = Math.max(1, Math.ceil((today.end - time) / 1000));
    const window = secondsLeft + DAILY_SLACK_SECONDS;
    await count(limiters.daily, day, 'daily', window, secondsLeft);

    try {
      return await next();
    } catch (error) {
      if (error instanceof VendorError && !error.mayHaveStarted) {
        // Best effort: a budget point lost to a store failure only makes the budget stricter.
        await limiters.daily.refund(day, window).catch(() => {});
      }
      throw error;
    }
  };
}

async function count(limit: RateLimit, key: string, label: string, window?: number, retryAfter?: number): Promise<void> {
  let decision;
  try {
    decision = await limit.consume(key, window);
  } catch (error) {
    throw storeUnavailable(error);
  }
  if (!decision.allowed) {
    throw new ProxyError('rate_limited', {
      retryAfter: retryAfter ?? Math.max(1, Math.ceil(decision.msBeforeReset / 1000)),
      detail: `${label} limit reached`,
    });
  }
}

// The UTC day of `time`: its date (the daily key) and bounds, recomputed only when the day changes.
function utcDay(time: number): { day: string; start: number; end: number } {
  const end = nextUtcMidnight(time);
  const start = end - DAY_SECONDS * 1000;
  return { day: new Date(start).toISOString().slice(0, 10), start, end };
}

/** Epoch ms of the UTC midnight after `time`. */
export function nextUtcMidnight(time: number): number {
  const date = new Date(time);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 1);
}

/**
 * The contact as the person behind it: E.164 as validated; an email address lower-cased and
 * without a `+tag` (jane+1@ and jane+2@ reach the same inbox).
 */
export function contactKey(chat: Pick<ValidChatRequest, 'type' | 'contact'>): string {
  if (PHONE_CHANNELS.includes(chat.type)) return chat.contact;
  const address = chat.contact.toLowerCase();
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).split('+')[0] || address.slice(0, at);
  return `${local}${address.slice(at)}`;
}

/**
 * The address a limit counts: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 network,
 * since one subscriber usually holds a whole /64 and could otherwise rotate through it.
 */
export function ipKey(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(':')) return address;
  const [head = '', tail, ...rest] = address.split('::');
  if (rest.length > 0) return address;
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  if (tail === undefined ? missing !== 0 : missing < 1) return address;
  const groups = [...headParts, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...tailParts];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/.test(group))) return address;
  return `${groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}
