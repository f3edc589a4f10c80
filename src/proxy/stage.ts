// The pipeline's vocabulary, importing nothing of the proxy's own: a reply as plain data, what
// stages know about a request, a stage, and the small runner that chains stages (like Hono's compose).
import type { ChannelType } from '../contract/index.js';

/** An answer as plain data; the handler turns it into the one Response, at the edge. */
export interface Reply {
  status: number;
  /** Sent as JSON; null for no body. */
  body: unknown;
  headers?: Record<string, string>;
}

/** Which rate limit refused a request. */
export type LimitName = 'ip' | 'contact' | 'daily';

/** What the log learns while a request runs; stages add to it (plain data: ProxyLogEntry carries it). */
export interface RequestFacts {
  /**
   * The error code; `honeypot` for a request answered as a bot trap; `replayed` for a stored
   * answer sent again; `client_closed` when the client went away before the answer.
   */
  code?: string;
  field?: string;
  type?: ChannelType;
  /** The contact as sent, then canonical; the log entry holds it masked, e.g. `+1415•••0123`. */
  contact?: string;
  /** The limit that refused the request (`rate_limited`). */
  limit?: LimitName;
  /** A store failed (`unavailable`) or was full of live entries (`full`): the request got 503. */
  store?: 'unavailable' | 'full';
  /** The vendor call, when one was made: `started`, `scheduled` or the error code it became. */
  vendor?: { outcome: string; ms: number };
  /** Why it failed, for the owner (vendor status and text), with contact and key masked in the log. */
  detail?: string;
  /** `error` when the owner must look though the visitor got an answer (`receipt_failed`): logged on stderr. */
  level?: 'error';
}

/** What every stage knows about a request. */
export interface RequestContext {
  readonly request: Request;
  /** The client's address as the runtime or a trusted proxy gave it; undefined when unknown. */
  readonly clientIp: string | undefined;
  readonly facts: RequestFacts;
  /** The Origin, once it is allowed: the response then carries CORS headers for it. */
  allowedOrigin?: string;
  /** The body, once it reads as a JSON object. */
  body?: Record<string, unknown>;
}

/** A request that passed validation, as the chat stages (and a site's own `stages`) see it. */
export interface ChatContext extends RequestContext {
  readonly body: Readonly<Record<string, unknown>>;
  readonly chat: {
    readonly type: ChannelType;
    /** Canonical: libphonenumber's E.164, or the email address with its domain lower-cased. */
    readonly contact: string;
    /** UTC ISO 8601, whole seconds; null for "now". */
    readonly scheduleAt: string | null;
  };
  /** The organization's channel for `chat.type`. */
  readonly from: string;
  readonly idempotencyKey: string | null;
}

/** Adds a note for the owner to the request's log entry. */
export function addDetail(facts: RequestFacts, detail: string): void {
  facts.detail = facts.detail ? `${facts.detail}; ${detail}` : detail;
}

/**
 * A step of the pipeline: answers by itself (returns a Reply, or throws a ProxyError) or calls
 * `next()` and may look at what came back.
 */
export type Stage<Context> = (context: Context, next: () => Promise<Reply>) => Promise<Reply>;

/** Runs `stages` in order, then `last`; a stage calling `next()` twice is a bug and throws. */
export function compose<Context>(
  stages: readonly Stage<Context>[],
  last: (context: Context) => Promise<Reply>,
): (context: Context) => Promise<Reply> {
  return (context) => {
    let reached = -1;
    const run = (index: number): Promise<Reply> => {
      if (index <= reached) return Promise.reject(new Error('a stage called next() twice'));
      reached = index;
      const stage = stages[index];
      return stage ? stage(context, () => run(index + 1)) : last(context);
    };
    return run(0);
  };
}
