// The proxy's request log: one entry per request, plain data for a log line and for metrics,
// with the contact masked, no secrets, and every string safe to print.
import type { ChannelType } from '../contract/index.js';
import type { LimitName } from './stage.js';

/** One request, as the log and metrics see it. */
export interface ProxyLogEntry {
  /** ISO time the request arrived. */
  time: string;
  /** A random id per request, to find one request among many. */
  id: string;
  method: string;
  /** URL path only: a query string could carry personal data. */
  path: string;
  /** The status answered; 499 when the client went away first (`client_closed`). */
  status: number;
  /**
   * The error code; `honeypot` for a request answered as a bot trap; `replayed` for a stored
   * answer sent again; `client_closed` when the client went away before the answer.
   */
  code?: string;
  field?: string;
  latency_ms: number;
  type?: ChannelType;
  /** Masked, e.g. `+1415•••0123`. */
  contact?: string;
  /** The limit that refused the request (`rate_limited`). */
  limit?: LimitName;
  /** A store failed (`unavailable`) or was full of live entries (`full`): the request got 503. */
  store?: 'unavailable' | 'full';
  /** The vendor call, when one was made: `started`, `scheduled` or the error code it became. */
  vendor?: { outcome: string; ms: number };
  /** Why it failed, for the owner (vendor status and text), with contact and key masked. */
  detail?: string;
}

/** Receives each log entry; the default writes it to stdout as one JSON line. */
export type ProxyLogger = (entry: ProxyLogEntry) => void;

/** Writes the entry as one JSON line (console.log: stdout on Node, the platform log elsewhere). */
export const jsonLineLogger: ProxyLogger = (entry) => {
  console.log(JSON.stringify(entry));
};

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional marks,
// embeddings, overrides and isolates that could make a log line read otherwise than it is.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every unsafe character written as `\uXXXX`. */
export function escapeLogText(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
