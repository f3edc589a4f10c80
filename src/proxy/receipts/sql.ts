// The little SQL the receipt store needs, over either PostgreSQL client: PGlite (embedded) or pg (a server).
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

/** Runs one parameterised statement ($1, $2, …). */
export interface SqlQuery {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

/** A PostgreSQL database, embedded or remote. */
export interface SqlDatabase extends SqlQuery {
  /** Runs `work` in one transaction on one connection. */
  transaction<T>(work: (sql: SqlQuery) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function fromPglite(db: PGlite): SqlDatabase {
  return {
    query: (text, params) => db.query(text, params),
    transaction: (work) => db.transaction((tx) => work({ query: (text, params) => tx.query(text, params) })),
    close: () => db.close(),
  };
}

// pg types rows loosely; the statements here say what they return.
const pgQuery =
  (client: Pool | PoolClient): SqlQuery['query'] =>
  async <Row>(text: string, params?: unknown[]) =>
    (await client.query(text, params)) as unknown as { rows: Row[] };

export function fromPgPool(pool: Pool): SqlDatabase {
  return {
    query: pgQuery(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: pgQuery(client) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
