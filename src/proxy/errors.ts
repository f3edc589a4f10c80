// The proxy's failures: one error class with its contract code, and its JSON reply. The one place
// error bodies are made.
import { ERROR_STATUS, type ChatError, type ErrorField, type ProxyErrorCode } from '../contract/index.js';
import type { LimitName, Reply } from './stage.js';

// Visitor-facing defaults; they never carry vendor text or internals.
const MESSAGES: Record<ProxyErrorCode, string> = {
  invalid_json: 'The request body is not valid JSON.',
  origin_not_allowed: 'This site is not allowed to call this endpoint.',
  method_not_allowed: 'Use POST to send a request.',
  payload_too_large: 'The request body is too large.',
  unsupported_media_type: 'Send the request as application/json.',
  validation_failed: 'The request is not valid.',
  channel_unavailable: 'This way of contacting you is not available.',
  idempotency_key_reused: 'This request key was already used for a different request.',
  request_in_progress: 'This request is already being processed.',
  rate_limited: 'Too many requests. Please try again later.',
  upstream_error: 'We could not reach our messaging service. Please try again.',
  service_unavailable: 'Our messaging service is unavailable right now. Please try again later.',
  upstream_timeout: 'Our messaging service did not answer in time. Please try again.',
};

export interface ProxyErrorOptions {
  /** The request field at fault (`validation_failed` only). */
  field?: ErrorField;
  /** Replaces the default visitor-facing message. */
  message?: string;
  /** Seconds until a retry may succeed; also sent as `Retry-After`. */
  retryAfter?: number;
  /** For the owner's log only (vendor status and text, exception message); never sent. */
  detail?: string;
  /** Extra response headers, e.g. `Allow`. */
  headers?: Record<string, string>;
  /** The vendor certainly started nothing (it answered an error, or was never reached). */
  vendorStartedNothing?: boolean;
  /** The limit that refused (`rate_limited`). */
  limit?: LimitName;
  /** A store could not answer (`unavailable`) or was full of live entries (`full`). */
  store?: 'unavailable' | 'full';
}

/** A failure with a contract error code; thrown by any stage, answered by `errorReply`. */
export class ProxyError extends Error {
  readonly code: ProxyErrorCode;
  readonly status: number;
  readonly options: Readonly<ProxyErrorOptions>;

  constructor(code: ProxyErrorCode, options: ProxyErrorOptions = {}) {
    super(options.message ?? MESSAGES[code]);
    this.name = 'ProxyError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.options = options;
  }
}

/** `{"error":{"code","message","field"?,"retry_after"?}}` with the code's status. */
export function errorReply(error: ProxyError): Reply {
  const { field, retryAfter, headers } = error.options;
  const body: ChatError = { error: { code: error.code, message: error.message } };
  if (field) body.error.field = field;
  if (retryAfter === undefined) return { status: error.status, body, headers };
  body.error.retry_after = retryAfter;
  return { status: error.status, body, headers: { ...headers, 'Retry-After': String(retryAfter) } };
}

/**
 * Any exception as a ProxyError. One that is not already a ProxyError is a bug or an
 * unexpected runtime failure: the visitor gets a retryable 502 `upstream_error` (the
 * contract has no 500 code) and the owner's log gets the message.
 */
export function toProxyError(error: unknown): ProxyError {
  if (error instanceof ProxyError) return error;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new ProxyError('upstream_error', { detail: `unexpected proxy failure: ${text}` });
}

/** Thrown by a bounded store that is full of live entries: it refuses rather than forget one. */
export class StoreFullError extends Error {
  constructor(what: string) {
    super(`${what} is full of live entries`);
    this.name = 'StoreFullError';
  }
}

/**
 * A store that failed, timed out or is full: 503, detail for the owner. The proxy fails closed:
 * without its limits and records it would be open to pumping and double sends.
 */
export function storeUnavailable(error: unknown): ProxyError {
  const text = error instanceof Error ? error.message : String(error);
  return new ProxyError('service_unavailable', {
    detail: `store unavailable: ${text}`,
    store: error instanceof StoreFullError ? 'full' : 'unavailable',
  });
}
