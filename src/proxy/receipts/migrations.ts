// The receipt table's schema, as numbered migrations applied at start, the same for PGlite and a server.
import type { SqlDatabase } from './sql.js';

/**
 * Each migration is a list of statements. Append only: a released migration is never edited
 * (databases in the field already ran it).
 */
export const MIGRATIONS: ReadonlyArray<readonly string[]> = [
  [
    `CREATE TABLE agent_chat_receipts (
      id uuid PRIMARY KEY,
      created_at timestamptz NOT NULL,
      channel text NOT NULL,
      contact text NOT NULL,
      consent boolean,
      consent_text text,
      page text,
      locale text,
      timezone text,
      sender text NOT NULL,
      ip_hash text,
      user_agent text,
      idempotency_key text,
      vendor_session_id text,
      vendor_status text NOT NULL,
      schedule_at timestamptz
    )`,
    'CREATE INDEX agent_chat_receipts_created_at ON agent_chat_receipts (created_at)',
    // Email addresses are found whatever their case, so the index is on lower(contact).
    'CREATE INDEX agent_chat_receipts_contact ON agent_chat_receipts (lower(contact), created_at)',
  ],
];

// Any fixed number: instances starting together on one server take turns migrating.
const MIGRATION_LOCK = 0x61676e74;

/** Brings the schema up to date; safe to run from several instances at once. Resolves to the version. */
export async function migrate(db: SqlDatabase): Promise<number> {
  return db.transaction(async (sql) => {
    await sql.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await sql.query(
       'CREATE TABLE IF NOT EXISTS agent_chat_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await sql.query<{ version: number | null }>('SELECT max(version) AS version FROM agent_chat_migrations');
    const current = rows[0]?.version ?? 0;
    for (let version = current + 1; version <= MIGRATIONS.length; version++) {
       for (const statement of MIGRATIONS[version - 1]!) await sql.query(statement);
       await sql.query('INSERT INTO agent_chat_migrations (version) VALUES ($1)', [version]);
    }
    return Math.max(current, MIGRATIONS.length);
  });
}
