// The step after the vendor accepted: one consent receipt per accepted request, its id in the success body.
// It runs inside the idempotency stage, so a replayed request returns the stored body and makes no second receipt.
import type { ChannelType, ChatSuccess } from '../../contract/index.js';
import type { KeyHasher } from '../hash.js';
import { addDetail, type ChatContext, type Stage } from '../stage.js';
import type { Receipt, ReceiptStore } from './types.js';

/** How long a visitor's success may wait for the receipt; past it the answer goes out with `receipt: null`. */
export const RECEIPT_TIMEOUT_MS = 2000;

/** What the proxy knows about an accepted request. */
export interface AcceptedRequest {
  /** The validated body as sent (consent, consent_text, page, locale, timezone). */
  body: Readonly<Record<string, unknown>>;
  type: ChannelType;
  /** Canonical. */
  contact: string;
  /** The sender configured for the channel. */
  from: string;
  idempotencyKey: string | null;
  clientIp: string | undefined;
  userAgent: string | null;
  /** The vendor's answer. */
  status: 'started' | 'scheduled';
  sessionId: string | null;
  scheduleAt: string | null;
  /** Epoch ms. */
  acceptedAt: number;
}

// Enough of any real user agent; the header is not validated, so it is bounded here.
const USER_AGENT_LENGTH = 512;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** The receipt of an accepted request; the client IP only as a keyed hash. */
export function receiptOf(accepted: AcceptedRequest, hash: KeyHasher): Receipt {
  const { body } = accepted;
  const page = text(body.page);
  return {
    id: crypto.randomUUID(),
    created_at: new Date(accepted.acceptedAt).toISOString(),
    channel: accepted.type,
    contact: accepted.contact,
    consent: typeof body.consent === 'boolean' ? body.consent : null,
    consent_text: text(body.consent_text),
    // The fragment is the visitor's own (and may hold anything): never kept.
    page: page && page.replace(/#.*$/s, ''),
    locale: text(body.locale),
    timezone: text(body.timezone),
    sender: accepted.from,
    ip_hash: accepted.clientIp === undefined ? null : hash('receipt-ip', accepted.clientIp),
    user_agent: accepted.userAgent && accepted.userAgent.slice(0, USER_AGENT_LENGTH),
    idempotency_key: accepted.idempotencyKey,
    vendor_session_id: accepted.sessionId,
    vendor_status: accepted.status,
    schedule_at: accepted.scheduleAt,
  };
}

/**
 * Writes the receipt; resolves to its id, or to null when the store failed or took longer than
 * `timeoutMs` (then `onFailure` hears why). Never rejects: the vendor already accepted, and the
 * visitor must get the success.
 */
export async function keepReceipt(
  store: ReceiptStore,
  receipt: Receipt,
  onFailure: (reason: string) => void,
  timeoutMs = RECEIPT_TIMEOUT_MS,
): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([store.add(receipt), timeout]);
    return receipt.id;
  } catch (error) {
    onFailure(`receipt not stored: ${(error as Error)?.message ?? String(error)}`);
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The pipeline step: after the vendor accepted (201/202), keeps the receipt and names it in the
 * success body (`receipt`, null when it could not be kept: then the log entry says
 * `receipt_failed` at error level). Other answers pass through untouched.
 */
export function receiptStage(store: ReceiptStore, options: { hash: KeyHasher; now: () => number }): Stage<ChatContext> {
  return async (context, next) => {
    const reply = await next();
    if (reply.status !== 201 && reply.status !== 202) return reply;
    const success = reply.body as ChatSuccess;
    const receipt = receiptOf(
      {
        body: context.body,
        type: context.chat.type,
        contact: context.chat.contact,
        from: context.from,
        idempotencyKey: context.idempotencyKey,
        clientIp: context.clientIp,
        userAgent: context.request.headers.get('user-agent'),
        status: success.status,
        sessionId: success.id,
        scheduleAt: success.status === 'scheduled' ? success.schedule_at : null,
        acceptedAt: options.now(),
      },
      options.hash,
    );
    const id = await keepReceipt(store, receipt, (reason) => {
      context.facts.code = 'receipt_failed';
      context.facts.level = 'error';
      addDetail(context.facts, reason);
    });
    return { ...reply, body: { ...success, receipt: id } satisfies ChatSuccess };
  };
}
