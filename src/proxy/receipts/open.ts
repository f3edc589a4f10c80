// Opening the receipt database a RECEIPTS setting names, daily expiry, and both together for a server process.
import { openEmbeddedReceipts, type EmbeddedOptions } from './embedded.js';
import { openServerReceipts, type ServerOptions } from './server.js';
import type { ReceiptsLocation } from './location.js';
import type { ReceiptDatabase, ReceiptStore } from './types.js';

/** Opens the receipt database `location` names (undefined when off); rejects with what went wrong. */
export async function openReceipts(
  location: ReceiptsLocation,
  options: EmbeddedOptions & ServerOptions = {},
): Promise<ReceiptDatabase | undefined> {
  if (location.kind === 'off') return undefined;
  if (location.kind === 'server') return openServerReceipts(location.url, options);
  return openEmbeddedReceipts(location.path, options);
}

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  /** Receipts older than this many days are deleted. */
  days: number;
  now?: () => number;
  /** Told how many were deleted, or why deleting failed (it is tried again the next day). */
  onDeleted?: (count: number) => void;
  onError?: (error: Error) => void;
}

/**
 * Deletes expired receipts now (resolves once done) and then once a day on a timer that does not
 * keep the process alive. Call the returned function to stop.
 */
export async function keepReceipts(db: ReceiptDatabase, options: RetentionOptions): Promise<() => void> {
  const now = options.now ?? Date.now;
  const expire = async () => {
    try {
      const count = await db.deleteBefore(new Date(now() - options.days * DAY_MS));
      options.onDeleted?.(count);
    } catch (error) {
      options.onError?.(error as Error);
    }
  };
  await expire();
  const timer = setInterval(() => void expire(), DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Something the running receipt database wants the owner to know (one JSON line on stderr in the CLI). */
export interface ReceiptsEvent {
  event: 'receipts_expired' | 'receipts_error';
  level?: 'error';
  count?: number;
  detail?: string;
}

/** Receipts for a server process: a store to give createChatProxy at once, and the database behind it. */
export interface RunningReceipts {
  /** Writes wait for the database while it opens; they fail (receipt null) if it could not. */
  store: ReceiptStore;
  /** Resolves once the database is open and migrated and old receipts are expired. */
  database: Promise<ReceiptDatabase>;
  /** Stops the daily expiry and closes the database (releasing the embedded directory). */
  close(): Promise<void>;
}

/** Opens the receipt database in the background, then expires old receipts now and daily. */
export function startReceipts(
  location: Exclude<ReceiptsLocation, { kind: 'off' }>,
  options: { days: number; onEvent: (event: ReceiptsEvent) => void },
): RunningReceipts {
  const report = (error: Error) => options.onEvent({ event: 'receipts_error', level: 'error', detail: error.message });
  let stopExpiry = () => {};
  const opened =
    location.kind === 'server' ? openServerReceipts(location.url, { onError: report }) : openEmbeddedReceipts(location.path, { onLockLost: report });
  const database = opened.then(async (db) => {
    stopExpiry = await keepReceipts(db, {
      days: options.days,
      onDeleted: (count) => count > 0 && options.onEvent({ event: 'receipts_expired', count }),
      onError: report,
    });
    return db;
  });
  database.catch(() => {});
  return {
    store: { add: async (receipt) => (await database).add(receipt) },
    database,
    async close() {
      stopExpiry();
      await (await database.catch(() => undefined))?.close();
    },
  };
}
