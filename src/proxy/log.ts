// The proxy's request log: one JSON line per request, with the contact masked and no secrets.
import type { ChannelType } from '../contract/index.js';

/** One line of the request log. */
export interface ProxyLogEntry {
  /** ISO time the request arrived. */
  time: string;
  /** A random id per request, to find one request among many. */
  id: string;
  method: string;
  /** URL path only: a query string could carry personal data. */
  path: string;
  status: number;
  /** The error code; `honeypot` for a request answered as a bot trap; `replayed` for a stored answer sent again. */
  code?: string;
  field?: string;
  latency_ms: number;
  type?: ChannelType;
  /** Masked, e.g. `+1415•••0123`. */
  contact?: string;
  /** Why it failed, for the owner (vendor status and text), with contact and key redacted. */
  detail?: string;
}

/** Receives each log entry; the default writes it to stdout as one JSON line. */
export type ProxyLogger = (entry: ProxyLogEntry) => void;

/** Writes the entry as one JSON line (console.log: stdout on Node, the platform log elsewhere). */
export const jsonLineLogger: ProxyLogger = (entry) => {
  console.log(JSON.stringify(entry));
};

/** Replaces every occurrence of each secret in `text` (vendor text may echo the contact or key). */
export function redact(text: string, secrets: ReadonlyArray<readonly [secret: string, replacement: string]>): string {
  let result = text;
  for (const [secret, replacement] of secrets) {
    if (secret.length > 0) result = result.split(secret).join(replacement);
  }
  return result;
}
