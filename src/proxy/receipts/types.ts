// What a consent receipt holds, and what the proxy needs from the place receipts are kept.
import type { ChannelType } from '../../contract/index.js';

/**
 * The evidence that a person asked to be contacted, kept for every session the vendor accepted.
 * Field names are the database's columns and the `receipts` command's CSV/JSON keys.
 */
export interface Receipt {
  /** A UUID; returned to the visitor as `receipt`. */
  id: string;
  /** ISO 8601 time the vendor accepted the request. */
  created_at: string;
  channel: ChannelType;
  /** The canonical contact the vendor received: proving consent for it is the point. */
  contact: string;
  /** The request's `consent` flag; null when it did not send one. */
  consent: boolean | null;
  /** The consent wording exactly as the visitor saw it. */
  consent_text: string | null;
  /** The page the visitor was on. */
  page: string | null;
  locale: string | null;
  timezone: string | null;
  /** The business's configured sender for this channel. */
  sender: string;
  /** A keyed hash of the client IP (never the address itself); null when the runtime gave none. */
  ip_hash: string | null;
  user_agent: string | null;
  idempotency_key: string | null;
  /** The vendor's session id; null when its answer could not be read. */
  vendor_session_id: string | null;
  vendor_status: 'started' | 'scheduled';
  schedule_at: string | null;
}

/** Where the proxy writes receipts. A site may pass its own to `createChatProxy({ receipts })`. */
export interface ReceiptStore {
  /** Keeps one receipt; rejects when it could not. */
  add(receipt: Receipt): Promise<void>;
}

/** Which receipts to read or erase; every field narrows the selection. */
export interface ReceiptFilter {
  /** A canonical contact (email addresses match whatever the case). */
  contact?: string;
  /** From this time on (inclusive). */
  since?: Date;
  /** Before this time (exclusive). */
  until?: Date;
  /** At most this many, newest first (default: all, oldest first). */
  latest?: number;
}

/** The stores this package ships (PostgreSQL, embedded or server): they also read, erase and expire. */
export interface ReceiptDatabase extends ReceiptStore {
  list(filter?: ReceiptFilter): Promise<Receipt[]>;
  /** Erases every receipt of a contact (the right to erasure); resolves to how many. */
  erase(contact: string): Promise<number>;
  /** Deletes receipts made before `time`; resolves to how many. */
  deleteBefore(time: Date): Promise<number>;
  close(): Promise<void>;
}
