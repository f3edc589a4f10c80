// Plain values of the widget ↔ proxy contract (SPEC §3), shared by both sides.
// No zod here: the browser bundle imports this file.

export { CHANNELS, CHANNEL_TYPES, PHONE_CHANNELS, isPhoneChannel, type ChannelDescriptor, type ChannelType } from './channels.js';

/** The request header carrying the visitor's submission key. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set on a response replayed from the idempotency store. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';

export const LIMITS = {
  /** Largest request body the proxy reads, in bytes. */
  bodyBytes: 4096,
  emailLength: 254,
  emailLocalPart: 64,
  /** Longest string accepted for `locale`, `timezone` and `hp`. */
  shortText: 100,
  /** Longest `consent_text`: the consent wording as the visitor saw it. */
  consentText: 1000,
  /** Longest `page` URL. */
  pageUrl: 2048,
  /** The proxy refuses a `schedule_at` closer than this, so the vendor's "strictly future" holds. */
  scheduleLeadSeconds: 60,
  defaultScheduleDays: 30,
} as const;

/** Every error code the proxy answers with, and the HTTP status it comes with. */
export const ERROR_STATUS = {
  invalid_json: 400,
  origin_not_allowed: 403,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  channel_unavailable: 422,
  idempotency_key_reused: 422,
  request_in_progress: 409,
  rate_limited: 429,
  upstream_error: 502,
  service_unavailable: 503,
  upstream_timeout: 504,
} as const;
export type ProxyErrorCode = keyof typeof ERROR_STATUS;
/** Codes the widget adds when no proxy answer could be read (or it was not ours: `unexpected_response`). */
export type ClientErrorCode = 'network_error' | 'timeout' | 'unexpected_response';

/** Fields a `validation_failed` error can name. */
export const ERROR_FIELDS = ['type', 'contact', 'schedule_at', 'consent', 'idempotency_key', 'body'] as const;
export type ErrorField = (typeof ERROR_FIELDS)[number];

/** A failure the visitor may simply try again (the same key is reused). */
export function isRetryableStatus(status: number): boolean {
  return status === 409 || status === 429 || status >= 500;
}

/** E.164: a plus, a country code that does not start with 0, at most 15 digits. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/** RFC 4122 textual form, any version. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The address grammar of HTML's <input type="email">.
const HTML_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** An address HTML's type="email" accepts, with a dot in the domain and within RFC 5321 lengths. */
export function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  return (
    value.length <= LIMITS.emailLength &&
    at > 0 &&
    at <= LIMITS.emailLocalPart &&
    value.includes('.', at) &&
    HTML_EMAIL.test(value)
  );
}

/** An address in its canonical form: the domain lower-cased (the local part may be case-sensitive). */
export function canonicalEmailAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return address.slice(0, at) + address.slice(at).toLowerCase();
}
