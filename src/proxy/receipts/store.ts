// The receipt store on PostgreSQL (embedded or server): writes, reads, erasure and expiry in plain SQL.
import type { Receipt, ReceiptDatabase, ReceiptFilter } from './types.js';
import type { SqlDatabase } from './sql.js';

/** Column order of the table, the CSV and the JSON output. */
export const RECEIPT_FIELDS = [
  'id',
  'created_at',
  'channel',
  'contact',
  'consent',
  'consent_text',
  'page',
  'locale',
  'timezone',
  'sender',
  'ip_hash',
  'user_agent',
  'idempotency_key',
  'vendor_session_id',
  'vendor_status',
  'schedule_at',
] as const satisfies ReadonlyArray<keyof Receipt>;

const INSERT = `INSERT INTO agent_chat_receipts (${RECEIPT_FIELDS.join(', ')})
  VALUES (${RECEIPT_FIELDS.map((_, index) => `$${index + 1}`).join(', ')})`;

type Row = Omit<Receipt, 'created_at' | 'schedule_at'> & { created_at: Date | string; schedule_at: Date | string | null };

const iso = (value: Date | string) => new Date(value).toISOString();

/** A ReceiptDatabase on a migrated PostgreSQL database; `onClose` runs after the database closed. */
export function sqlReceiptDatabase(db: SqlDatabase, onClose: () => Promise<void> = async () => {}): ReceiptDatabase {
  return {
    async add(receipt) {
      await db.query(
        INSERT,
        RECEIPT_FIELDS.map((field) => receipt[field]),
      );
    },

    async list(filter = {}) {
      const { where, params } = conditions(filter);
      const order = filter.latest === undefined ? 'ASC' : 'DESC';
      const limit = filter.latest === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(filter.latest))}`;
      const { rows } = await db.query<Row>(
        `SELECT ${RECEIPT_FIELDS.join(', ')} FROM agent_chat_receipts${where} ORDER BY created_at ${order}, id${limit}`,
        params,
      );
      return rows.map((row) => ({ ...row, created_at: iso(row.created_at), schedule_at: row.schedule_at && iso(row.schedule_at) }));
    },

    async erase(contact) {
      return count(db, 'lower(contact) = lower($1)', [contact]);
    },

    async deleteBefore(time) {
      return count(db, 'created_at < $1', [time]);
    },

    async close() {
      try {
        await db.close();
      } finally {
        await onClose();
      }
    },
  };
}

function conditions(filter: ReceiptFilter): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    clauses.push(clause.replace('?', `$${params.length}`));
  };
  if (filter.contact !== undefined) add('lower(contact) = lower(?)', filter.contact);
  if (filter.since !== undefined) add('created_at >= ?', filter.since);
  if (filter.until !== undefined) add('created_at < ?', filter.until);
  return { where: clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '', params };
}

// Deletes the matching rows and counts them in one statement (the clients report counts differently).
async function count(db: SqlDatabase, where: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `WITH gone AS (DELETE FROM agent_chat_receipts WHERE ${where} RETURNING 1) SELECT count(*)::int AS count FROM gone`,
    params,
  );
  return rows[0]?.count ?? 0;
}
