// The proxy's request log: one entry per request, plain data for a log line and for metrics,
// with the contact masked, no secrets, and every string safe to print.
import type { RequestFacts } from './stage.js';

/** One request, as the log and metrics see it: the facts its stages noted, the contact masked. */
export interface ProxyLogEntry extends RequestFacts {
  /** ISO time the request arrived. */
  time: string;
  /** A random id per request, to find one request among many. */
  id: string;
  method: string;
  /** URL path only: a query string could carry personal data. */
  path: string;
  /** The status answered; 499 when the client went away first (`client_closed`). */
  status: number;
  latency_ms: number;
}

/** Receives each log entry; the default writes it to stdout as one JSON line. */
export type ProxyLogger = (entry: ProxyLogEntry) => void;

/** Writes the entry as one JSON line (console.log: stdout on Node, the platform log elsewhere; errors to console.error). */
export const jsonLineLogger: ProxyLogger = (entry) => {
  if (entry.level === 'error') console.error(JSON.stringify(entry));
  else console.log(JSON.stringify(entry));
};

// C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional marks,
// embeddings, overrides and isolates that could make a log line read otherwise than it is.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every unsafe character written as `\uXXXX`. */
export function escapeLogText(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
