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

// The parts of each response made here, so headers can be added and the body kept without
// touching the Response (that would turn a runtime's lightweight Response, e.g. @hono/node-server's,
// into a full one, and build a Headers object).
const PARTS = Symbol('response parts');
interface Parts {
  status: number;
  text: string | null;
  headers: Record<string, string>;
}
type WithParts = Response & { [PARTS]?: Parts };

/** A response with the proxy's base headers. */
export function proxyResponse(status: number, text: string | null, headers: Record<string, string> = {}): Response {
  const parts: Parts = { status, text, headers: { ...BASE_HEADERS, ...headers } };
  const response: WithParts = new Response(text, { status, headers: parts.headers });
  response[PARTS] = parts;
  return response;
}

/** A JSON response with the proxy's base headers. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return proxyResponse(status, JSON.stringify(body), { 'Content-Type': 'application/json; charset=utf-8', ...headers });
}

/** A response's body text, leaving the response unread (sendable as it is). */
export async function bodyText(response: Response): Promise<string> {
  const parts = (response as WithParts)[PARTS];
  return parts ? (parts.text ?? '') : response.clone().text();
}

/**
 * The response with `extra` headers and the base headers: rebuilt from its parts when made
 * here, otherwise its Headers are changed (`Vary` values are merged, not replaced).
 */
export function withHeaders(response: Response, extra: Record<string, string>): Response {
  const parts = (response as WithParts)[PARTS];
  if (parts) return proxyResponse(parts.status, parts.text, { ...parts.headers, ...extra });
  for (const [name, value] of Object.entries({ ...BASE_HEADERS, ...extra })) {
    if (name.toLowerCase() !== 'vary') response.headers.set(name, value);
    else {
      const present = response.headers.get('Vary')?.toLowerCase().split(',').map((item) => item.trim()) ?? [];
      if (!present.includes(value.toLowerCase()) && !present.includes('*')) response.headers.append('Vary', value);
    }
  }
  return response;
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

/**
 * A store (Redis) that did not answer in time or at all: 503, detail for the owner. The proxy
 * fails closed: without its limits and records it would be open to pumping and double sends.
 */
export function storeUnavailable(error: unknown): ProxyError {
  const text = error instanceof Error ? error.message : String(error);
  return new ProxyError('service_unavailable', { detail: `store unavailable: ${text}` });
}
