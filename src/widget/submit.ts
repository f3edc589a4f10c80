// Sending a submission to the site's proxy: one key per distinct body, a timeout, and
// every possible answer turned into one outcome the element can render.
import { ERROR_STATUS, IDEMPOTENCY_HEADER, isRetryableStatus, type ClientErrorCode, type ErrorField, type ProxyErrorCode } from '../contract/constants.js';
import type { ChatError, ChatRequest, ChatSuccess } from '../contract/schemas.js';

export type SubmitOutcome =
  | { ok: true; status: ChatSuccess['status']; id: string | null; scheduleAt: string | null; contact: string; receipt: string | null }
  | { ok: false; code: ProxyErrorCode | ClientErrorCode; retryable: boolean; field?: ErrorField; retryAfter?: number };

export interface SubmitOptions {
  endpoint: string;
  body: ChatRequest;
  key: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** How long the widget waits for the proxy (which itself gives the vendor 8 s). */
export const SUBMIT_TIMEOUT_MS = 15_000;

/** POSTs the body and reads the proxy's answer; never throws. */
export async function submitChat({ endpoint, body, key, timeoutMs = SUBMIT_TIMEOUT_MS, fetch: doFetch = fetch }: SubmitOptions): Promise<SubmitOutcome> {
  let response: Response;
  let payload: unknown;
  try {
    response = await doFetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_HEADER]: key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    payload = await response.json().catch(() => undefined);
  } catch (error) {
    const timedOut = (error as Error)?.name === 'TimeoutError';
    return { ok: false, code: timedOut ? 'timeout' : 'network_error', retryable: true };
  }
  if (response.ok) {
    const success = payload as Partial<ChatSuccess> | undefined;
    // The status code is authoritative: a 201 with an unreadable body still started a session.
    const status = response.status === 202 || success?.status === 'scheduled' ? 'scheduled' : 'started';
    return {
      ok: true,
      status,
      id: typeof success?.id === 'string' ? success.id : null,
      scheduleAt: (success && 'schedule_at' in success && success.schedule_at) || body.schedule_at || null,
      // The contact the vendor received, in the proxy's canonical form (a proxy that does not say: as sent).
      contact: typeof success?.contact === 'string' ? success.contact : body.contact,
      receipt: typeof success?.receipt === 'string' ? success.receipt : null,
    };
  }
  const error = (payload as Partial<ChatError> | undefined)?.error;
  return {
    ok: false,
    code: error && Object.hasOwn(ERROR_STATUS, error.code) ? error.code : 'unexpected_response',
    retryable: isRetryableStatus(response.status),
    field: error?.field,
    retryAfter: error?.retry_after,
  };
}

/** A random UUID, also where `crypto.randomUUID` is missing (pages served over plain http). */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Keeps one key per distinct body: a retry or a double click re-sends the same key,
 * an edited body gets a new one.
 */
export class SubmissionKeys {
  private current?: { key: string; body: string };

  keyFor(body: ChatRequest): string {
    const json = JSON.stringify(body);
    if (this.current?.body !== json) this.current = { key: newKey(), body: json };
    return this.current.key;
  }

  forget(): void {
    this.current = undefined;
  }
}
