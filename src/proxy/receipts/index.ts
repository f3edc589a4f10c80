// The `agent-chat-launcher/receipts` entry (Node): consent receipts on PostgreSQL, embedded or a server.
// The proxy's runtime-neutral entry exports only their types.
export { openEmbeddedReceipts, ReceiptsLockedError, type EmbeddedOptions } from './embedded.js';
export { openServerReceipts, type ServerOptions } from './server.js';
export { DEFAULT_RECEIPTS_DAYS, DEFAULT_RECEIPTS_DIRECTORY, receiptsLocation, type ReceiptsLocation } from './location.js';
export { keepReceipts, openReceipts, startReceipts, type RetentionOptions, type RunningReceipts } from './open.js';
export type { Receipt, ReceiptDatabase, ReceiptFilter, ReceiptStore } from './types.js';
