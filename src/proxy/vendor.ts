// The vendor client: the ONLY module that knows the vendor's URL, header and body field names,
// and the one place every vendor answer is mapped to an outcome or a contract error.
import type { ChannelType, ProxyErrorCode } from '../contract/index.js';
import { ProxyError } from './errors.js';

/** Anything that sends a Request and returns the Response: the global `fetch`, or the simulator's. */
export type FetchLike = (request: Request) => Promise<Response>;

/** The vendor API base when none is configured. */
export const DEFAULT_BASE_URL = 'https://api.whippy.co/v1';

/** What the proxy asks the vendor for, in the proxy's own words. */
export interface VendorChatRequest {
  /** The organization's channel (phone number or email) the agent writes from. */
  from: string;
  /** The visitor's contact. */
  to: string;
  type: ChannelType;
  /** UTC ISO 8601, or null to start now. */
  scheduleAt: string | null;
}

/** The vendor accepted: 201 started, 202 scheduled. `id` is null when its body could not be read. */
export type VendorOutcome =
  | { status: 'started'; id: string | null }
  | { status: 'scheduled'; id: string | null; scheduleAt: string | null };

export interface VendorClientOptions {
  baseUrl: string;
  apiKey: string;
  agentId: string;
  sendInitialMessage: boolean;
  timeoutMs: number;
  /** Sends the request; default the global fetch. */
  fetch?: FetchLike | undefined;
}

/** Starts a chat at the vendor; throws ProxyError (502/503/504) with the vendor's answer in `detail`. */
export type StartAgentChat = (chat: VendorChatRequest) => Promise<VendorOutcome>;

// ASSUMPTION: the vendor's reference drops every body field name but `schedule_at`.
// Its alphabetical listing fits `from`, `schedule_at`, `send_initial_message`, `to`, `type`,
// and the vendor's messaging endpoints name sender and recipient `from`/`to`. If the vendor
// names them otherwise, this function is the one place to change.
function vendorBody(chat: VendorChatRequest, sendInitialMessage: boolean): Record<string, unknown> {
  return {
    from: chat.from,
    to: chat.to,
    type: chat.type,
    send_initial_message: sendInitialMessage,
    ...(chat.scheduleAt !== null && { schedule_at: chat.scheduleAt }),
  };
}

// Vendor text kept in the log, at most.
const DETAIL_CHARS = 500;

/**
 * A vendor failure. `startedNothing` only when the vendor certainly started nothing: it answered
 * with an error status, or was never reached. The daily budget gives such attempts back.
 */
function vendorError(code: ProxyErrorCode, detail: string, startedNothing: boolean): ProxyError {
  return new ProxyError(code, { detail, vendorStartedNothing: startedNothing });
}

// Socket errors that prove the request never left: the connection was not established.
// ECONNRESET, EPIPE, socket hang up and the like may come after the vendor read the request.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * A client for `POST {baseUrl}/agents/{agentId}/chat`. It never retries a request the vendor
 * may have received; a connection that could not be made at all is tried once more.
 */
export function createVendorClient(options: VendorClientOptions): StartAgentChat {
  const url = `${options.baseUrl}/agents/${encodeURIComponent(options.agentId)}/chat`;
  // The global fetch takes the URL and init as they are (a Request built first would be built twice).
  // A custom fetch may ignore the abort signal (the timeout must hold anyway); the global one does not.
  const { fetch: custom } = options;
  const fetchVendor = custom
    ? (init: RequestInit & { signal: AbortSignal }) => untilAborted(custom(new Request(url, init)), init.signal)
    : (init: RequestInit) => globalThis.fetch(url, init);
  const read = custom ? untilAborted : <T>(promise: Promise<T>) => promise;

  return async (chat) => {
    // A plain timer, not AbortSignal.timeout: that one is unref'd and would let a
    // process with nothing else to do exit while the vendor is still being awaited.
    const controller = new AbortController();
    const timeout = () => controller.abort(new DOMException('vendor timeout', 'TimeoutError'));
    const timer = setTimeout(timeout, options.timeoutMs);
    try {
      return await send(chat, controller.signal);
    } finally {
      clearTimeout(timer);
    }
  };

  function post(chat: VendorChatRequest, signal: AbortSignal): Promise<Response> {
    const init: RequestInit & { signal: AbortSignal } = {
      method: 'POST',
      headers: { 'X-WHIPPY-KEY': options.apiKey, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(vendorBody(chat, options.sendInitialMessage)),
      signal,
      // A redirect would resend the key to wherever it points: not followed, answered as a vendor error.
      // ('manual', not 'error': Cloudflare Workers' fetch refuses 'error'.)
      redirect: 'manual',
    };
    return fetchVendor(init);
  }

  async function send(chat: VendorChatRequest, signal: AbortSignal): Promise<VendorOutcome> {
    let response: Response;
    try {
      try {
        response = await post(chat, signal);
      } catch (error) {
        if (signal.aborted || !neverSent(error)) throw error;
        // A fresh request (a body is read once): nothing was sent, so nothing can be doubled.
        response = await post(chat, signal);
      }
    } catch (error) {
      if (signal.aborted) {
        throw vendorError('upstream_timeout', `vendor gave no answer within ${options.timeoutMs} ms`, false);
      }
      throw vendorError('upstream_error', `vendor unreachable: ${describe(error)}`, neverSent(error));
    }

    // The status is authoritative: a 201/202 whose body cannot be read still started or
    // scheduled a session, and asking the visitor to retry would start a second one.
    if (response.status === 202) {
      const data = await readData(response, signal, read);
      return { status: 'scheduled', id: readId(data), scheduleAt: chat.scheduleAt ?? readString(data?.schedule_at) };
    }
    if (response.status >= 200 && response.status < 300) {
      return { status: 'started', id: readId(await readData(response, signal, read)) };
    }

    const detail = `vendor answered ${response.status}: ${await readText(response, signal, read)}`;
    // 401/403/404: our key, agent or channel is wrong; 429: we are throttled. Not the visitor's doing.
    if ([401, 403, 404, 429].includes(response.status)) throw vendorError('service_unavailable', detail, true);
    // Anything else, 422 included: the proxy validated the request, so the fault is on our side
    // of the contract or the vendor's; the visitor can only try again.
    throw vendorError('upstream_error', detail, true);
  }
}

/** True when a fetch rejection proves the request was never sent (no connection could be made). */
export function neverSent(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause as { code?: unknown; errors?: unknown } | undefined;
  if (!cause) return false;
  if (typeof cause.code === 'string' && NOT_SENT_CODES.has(cause.code)) return true;
  // Several addresses tried (happy eyeballs): an AggregateError of connect errors.
  return Array.isArray(cause.errors) && cause.errors.length > 0 && cause.errors.every((item) => NOT_SENT_CODES.has((item as { code?: string })?.code ?? ''));
}

/** Settles with `promise`, or rejects once `signal` aborts, even if the fetch ignores the signal. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

type Reader = <T>(promise: Promise<T>, signal: AbortSignal) => Promise<T>;

async function readData(response: Response, signal: AbortSignal, read: Reader): Promise<Record<string, unknown> | undefined> {
  try {
    const body: unknown = await read(response.json(), signal);
    const data = (body as { data?: unknown } | null)?.data;
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function readId(data: Record<string, unknown> | undefined): string | null {
  const id = data?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

function readString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

async function readText(response: Response, signal: AbortSignal, read: Reader): Promise<string> {
  try {
    return (await read(response.text(), signal)).slice(0, DETAIL_CHARS);
  } catch {
    return '(unreadable body)';
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch hides the socket error (ECONNRESET, ENOTFOUND…) in `cause`.
  const cause = error.cause as (Error & { code?: string }) | undefined;
  const reason = cause instanceof Error ? ` (${cause.code ?? cause.message})` : '';
  return `${error.name}: ${error.message}${reason}`;
}
