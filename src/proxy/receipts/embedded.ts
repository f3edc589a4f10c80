// Receipts in an embedded PostgreSQL (PGlite) persisted in a directory that one process owns at a time.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { migrate } from './migrations.js';
import { fromPglite } from './sql.js';
import { sqlReceiptDatabase } from './store.js';
import type { ReceiptDatabase } from './types.js';

/** The directory is held by another process (a running proxy, or a `receipts` command). */
export class ReceiptsLockedError extends Error {
  constructor(directory: string) {
    super(
      `the receipts directory ${directory} is in use by another process (a running proxy?). ` +
        'Stop it first (a lock left by a process that crashed expires within 30 s), or keep receipts in ' +
        'PostgreSQL (RECEIPTS=postgres://…) to read them while proxies run.',
    );
    this.name = 'ReceiptsLockedError';
  }
}

// The owner refreshes its lock every STALE_MS / 2; a lock older than this belongs to a dead process.
const STALE_MS = 30_000;

export interface EmbeddedOptions {
  /** Refuse (rather than create) a directory that holds no database yet: a reader's typo finds nothing. */
  mustExist?: boolean;
  /** Told if the lock was taken over (the event loop stalled past 30 s): writes stop, as they must. */
  onLockLost?: (error: Error) => void;
}

/**
 * Opens (creating it if needed) the embedded database in `directory`: the data in `data/`, and
 * `owner.lock` beside it, because PGlite does not keep a second process out and two writers
 * lose writes. Throws ReceiptsLockedError when another live process holds the directory.
 */
export async function openEmbeddedReceipts(directory: string, options: EmbeddedOptions = {}): Promise<ReceiptDatabase> {
  const path = resolve(directory);
  if (options.mustExist && !existsSync(join(path, 'data', 'PG_VERSION'))) {
    throw new Error(`there is no receipt database in ${directory}`);
  }
  await mkdir(path, { recursive: true });
  let lost = false;
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      lockfilePath: join(path, 'owner.lock'),
      stale: STALE_MS,
      onCompromised: (error) => {
        lost = true;
        options.onLockLost?.(error);
      },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') throw new ReceiptsLockedError(directory);
    throw error;
  }

  try {
    // Loaded only when used: 27 MB of WebAssembly that sites with a server or no receipts never load.
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(join(path, 'data'));
    const db = fromPglite(pglite);
    await migrate(db);
    const store = sqlReceiptDatabase(db, () => release());
    return {
      ...store,
      async add(receipt) {
        if (lost) throw new Error('the receipts directory lock was lost; restart the proxy');
        await store.add(receipt);
      },
    };
  } catch (error) {
    await release().catch(() => {});
    throw error;
  }
}
