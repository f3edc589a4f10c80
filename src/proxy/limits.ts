// The rate limits: per client IP (10 min), per contact (24 h) and the deployment's daily budget of
// vendor sessions (UTC day), each answered with 429 and Retry-After. Two stages: a gate that only
// reads, before anything is stored for a request, and the count itself.
import { PHONE_CHANNELS } from '../contract/index.js';
import { ipKey } from './client-ip.js';
import { ProxyError, storeUnavailable } from './errors.js';
import type { KeyHasher } from './hash.js';
import type { ChatContext, LimitName, Stage } from './stage.js';
import type { ProxyStores, RateLimit } from './stores/types.js';

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

export interface LimitStages {
  /**
   * Runs first: refuses a client IP or a day that was already refused once in its window, reading
   * only, so a flood that has met the per-IP limit or the daily budget claims no idempotency key
   * and adds no counter. (A limit reached exactly still lets a replay through.)
   */
  gate: Stage<ChatContext>;
  /**
   * Counts, stopping at the first refusal: the contact, the client IP (skipped when unknown),
   * then one session from the daily budget, given back when the vendor certainly started
   * nothing. The contact first, so a flood aimed at one person adds no IP counters.
   */
  count: Stage<ChatContext>;
}

/** Keys are keyed hashes scoped by `scope` (the agent id); the daily key is the UTC date. A store that fails answers 503. */
export function limitStages(stores: ProxyStores, limits: LimitSettings, options: { scope: string; hash: KeyHasher; now: () => number }): LimitStages {
  const { scope, hash, now } = options;
  const counters: Record<LimitName, RateLimit> = {
    ip: stores.rateLimit({ name: `${scope}:ip`, points: limits.perIp, windowSeconds: IP_WINDOW_SECONDS }),
    contact: stores.rateLimit({ name: `${scope}:contact`, points: limits.perContact, windowSeconds: CONTACT_WINDOW_SECONDS }),
    daily: stores.rateLimit({ name: `${scope}:daily`, points: limits.daily, windowSeconds: DAY_SECONDS }),
  };
  let today = utcDay(now());
  const day = () => {
    const time = now();
    if (time >= today.end || time < today.start) today = utcDay(time);
    const secondsLeft = Math.max(1, Math.ceil((today.end - time) / 1000));
    return { key: today.day, secondsLeft, window: secondsLeft + DAILY_SLACK_SECONDS };
  };
  const ipOf = (context: ChatContext) => (context.clientIp === undefined ? undefined : hash('ip', ipKey(context.clientIp)));
  const refuse = (context: ChatContext, limit: LimitName, retryAfter: number): never => {
    context.facts.limit = limit;
    throw new ProxyError('rate_limited', { retryAfter, limit, detail: `${limit} limit reached` });
  };

  const gate: Stage<ChatContext> = async (context, next) => {
    const { key, secondsLeft } = day();
    const ip = ipOf(context);
    let daily, perIp;
    try {
      [daily, perIp] = await Promise.all([counters.daily.peek(key), ip === undefined ? undefined : counters.ip.peek(ip)]);
    } catch (error) {
      throw storeUnavailable(error);
    }
    if (daily.count > limits.daily) refuse(context, 'daily', secondsLeft);
    if (perIp && perIp.count > limits.perIp) refuse(context, 'ip', seconds(perIp.msBeforeReset));
    return next();
  };

  const count: Stage<ChatContext> = async (context, next) => {
    await consume(context, 'contact', hash('contact', contactKey(context.chat)));
    const ip = ipOf(context);
    if (ip !== undefined) await consume(context, 'ip', ip);
    const { key, secondsLeft, window } = day();
    await consume(context, 'daily', key, window, secondsLeft);
    try {
      return await next();
    } catch (error) {
      if (error instanceof ProxyError && error.options.vendorStartedNothing) {
        // Best effort: a budget point lost to a store failure only makes the budget stricter.
        await counters.daily.refund(key, window).catch(() => {});
      }
      throw error;
    }
  };

  async function consume(context: ChatContext, limit: LimitName, key: string, window?: number, retryAfter?: number): Promise<void> {
    let decision;
    try {
      decision = await counters[limit].consume(key, window);
    } catch (error) {
      throw storeUnavailable(error);
    }
    if (!decision.allowed) refuse(context, limit, retryAfter ?? seconds(decision.msBeforeReset));
  }

  return { gate, count };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

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

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The contact as the person behind it, from its canonical form: the E.164 number; an email
 * address lower-cased without a `+tag` (jane+1@ and jane+2@ reach the same inbox), and for
 * Gmail without dots and with googlemail.com as gmail.com (Gmail ignores both).
 */
export function contactKey(chat: Pick<ChatContext['chat'], 'type' | 'contact'>): string {
  if (PHONE_CHANNELS.includes(chat.type)) return chat.contact;
  const address = chat.contact.toLowerCase();
  const at = address.lastIndexOf('@');
  let local = address.slice(0, at).split('+')[0] || address.slice(0, at);
  let domain = address.slice(at + 1);
  if (GMAIL_DOMAINS.has(domain)) {
    local = local.replaceAll('.', '');
    domain = 'gmail.com';
  }
  return `${local}@${domain}`;
}
