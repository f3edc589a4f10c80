// Receipts on a PostgreSQL server (a postgres:// URL), shared by every proxy instance that uses it.
import { migrate } from './migrations.js';
import { fromPgPool } from './sql.js';
import { sqlReceiptDatabase } from './store.js';
import type { ReceiptDatabase } from './types.js';

export interface ServerOptions {
  /** Longest wait for a connection or a statement; default 2000 ms. A visitor waits at most this for a receipt. */
  timeoutMs?: number;
  /** Told about errors of idle connections (the server went away); they are never thrown. */
  onError?: (error: Error) => void;
}

/** Connects to `url`, migrates the schema, and resolves once both worked; rejects with the first error. */
export async function openServerReceipts(url: string, options: ServerOptions = {}): Promise<ReceiptDatabase> {
  const timeoutMs = options.timeoutMs ?? 2000;
  // Loaded only when used, like PGlite: the Node entry stays light for sites without receipts.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    connectionTimeoutMillis: timeoutMs,
    query_timeout: timeoutMs,
    idleTimeoutMillis: 30_000,
    allowExitOnIdle: true,
  });
  // Without a listener, an idle connection dropped by the server would crash the process.
  pool.on('error', (error) => options.onError?.(error));
  const db = fromPgPool(pool);
  try {
    await migrate(db);
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return sqlReceiptDatabase(db);
}
