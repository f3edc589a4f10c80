// Turns a proxy error code into the SPEC §3 JSON response: the one place error bodies are made.
import { ERROR_STATUS, type ErrorField, type ProxyErrorCode } from '../contract/index.js';

/** Headers every response of the proxy carries: never cached, never content-sniffed. */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
};

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
}

/** A failure with a SPEC §3 error code; thrown by the handler's parts, answered by `errorResponse`. */
export class ProxyError extends Error {
  readonly code: ProxyErrorCode;
  readonly status: number;
  readonly field: ErrorField | undefined;
  readonly retryAfter: number | undefined;
  readonly detail: string | undefined;
  readonly headers: Record<string, string>;

  constructor(code: ProxyErrorCode, options: ProxyErrorOptions = {}) {
    super(options.message ?? MESSAGES[code]);
    this.name = 'ProxyError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.field = options.field;
    this.retryAfter = options.retryAfter;
    this.detail = options.detail;
    this.headers = options.headers ?? {};
  }
}

/** A JSON response with the proxy's base headers. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8', ...headers },
  });
}

/** `{"error":{"code","message","field"?,"retry_after"?}}` with the code's status. */
export function errorResponse(error: ProxyError): Response {
  const headers = { ...error.headers };
  if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter);
  return jsonResponse(
    error.status,
    {
      error: {
        code: error.code,
        message: error.message,
        ...(error.field && { field: error.field }),
        ...(error.retryAfter !== undefined && { retry_after: error.retryAfter }),
      },
    },
    headers,
  );
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
