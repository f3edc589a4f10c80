// `agent-chat-proxy receipts`: prints the consent receipts as CSV or JSON, or erases one person's.
// Needs only RECEIPTS (a directory or a postgres:// URL); no vendor settings.
import { parseArgs } from 'node:util';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { canonicalEmailAddress, isEmailAddress } from '../contract/index.js';
import { receiptsLocation } from '../proxy/receipts/location.js';
import { openReceipts } from '../proxy/receipts/open.js';
import { RECEIPT_FIELDS } from '../proxy/receipts/store.js';
import type { Receipt, ReceiptFilter } from '../proxy/receipts/types.js';

export const RECEIPTS_HELP = `Usage: agent-chat-proxy receipts [--contact C] [--since ISO] [--until ISO] [--format csv|json]
       agent-chat-proxy receipts --delete --contact C --yes

Prints the consent receipts kept in RECEIPTS: a directory (default ./.agent-chat/receipts)
or a postgres:// URL. No other setting is needed.

  --contact C      only this person's: a phone number in international form (+…, any
                   spelling) or an email address
  --since ISO      made at or after this time (2026-11-01 or 2026-11-01T09:00:00Z)
  --until ISO      made before this time
  --format F       csv (default) or json
  --delete         erase every receipt of --contact (the right to erasure); needs --yes
  --yes            confirm --delete
  -h, --help       show this help

The embedded database belongs to one process: while a proxy runs on the directory, stop it
first (or keep receipts in PostgreSQL to read them while proxies run).
`;

/** Where the command writes; a process's streams, or a test's buffers. */
export interface Output {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

class UsageError extends Error {}

/** Runs the command; resolves to the process exit code. */
export async function runReceipts(args: string[], env: NodeJS.ProcessEnv, output: Output): Promise<number> {
  try {
    const { values } = parseArgs({
      args,
      options: {
        contact: { type: 'string' },
        since: { type: 'string' },
        until: { type: 'string' },
        format: { type: 'string', default: 'csv' },
        delete: { type: 'boolean' },
        yes: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) {
      output.stdout(RECEIPTS_HELP);
      return 0;
    }
    if (values.format !== 'csv' && values.format !== 'json') throw new UsageError('--format must be csv or json');
    const filter: ReceiptFilter = {};
    if (values.contact !== undefined) filter.contact = canonicalContact(values.contact);
    if (values.since !== undefined) filter.since = time('--since', values.since);
    if (values.until !== undefined) filter.until = time('--until', values.until);
    if (values.delete && (filter.contact === undefined || filter.since || filter.until)) {
      throw new UsageError('--delete erases one person: give --contact, and no --since or --until');
    }

    let location;
    try {
      location = receiptsLocation(env.RECEIPTS);
    } catch (error) {
      throw new UsageError(`RECEIPTS ${(error as Error).message}`);
    }
    const db = await openReceipts(location, { mustExist: true });
    if (!db) throw new UsageError('RECEIPTS is off: there are no receipts to read');
    try {
      if (values.delete) {
        if (!values.yes) {
          const count = (await db.list(filter)).length;
          output.stderr(`${count} receipt(s) of ${filter.contact} would be erased; run again with --yes to erase them\n`);
          return 1;
        }
        output.stderr(`erased ${await db.erase(filter.contact!)} receipt(s) of ${filter.contact}\n`);
        return 0;
      }
      const receipts = await db.list(filter);
      output.stdout(values.format === 'json' ? toJson(receipts) : toCsv(receipts));
      return 0;
    } finally {
      await db.close();
    }
  } catch (error) {
    const message = (error as Error).message;
    output.stderr(`agent-chat-proxy receipts: ${message}${error instanceof UsageError || /^--/.test(message) ? ' (see --help)' : ''}\n`);
    return 1;
  }
}

/** The contact as the proxy stores it: libphonenumber's E.164, or the email with its domain lower-cased. */
export function canonicalContact(input: string): string {
  const text = input.trim();
  if (text.includes('@')) {
    if (!isEmailAddress(text)) throw new UsageError(`--contact ${JSON.stringify(input)} is not an email address`);
    return canonicalEmailAddress(text);
  }
  const phone = parsePhoneNumberFromString(text);
  if (!phone?.isValid()) {
    throw new UsageError(`--contact ${JSON.stringify(input)}: give a phone number in international form (+…) or an email address`);
  }
  return phone.number;
}

function time(flag: string, value: string): Date {
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw new UsageError(`${flag} must be an ISO 8601 date or time, like 2026-11-01T09:00:00Z`);
  return new Date(parsed);
}

/** A JSON array, one receipt per line. */
export function toJson(receipts: readonly Receipt[]): string {
  if (receipts.length === 0) return '[]\n';
  return `[\n${receipts.map((receipt) => JSON.stringify(receipt)).join(',\n')}\n]\n`;
}

/** RFC 4180 CSV with a header row. */
export function toCsv(receipts: readonly Receipt[]): string {
  const lines = [RECEIPT_FIELDS.join(',')];
  for (const receipt of receipts) lines.push(RECEIPT_FIELDS.map((field) => csvCell(receipt[field])).join(','));
  return lines.map((line) => `${line}\r\n`).join('');
}

// Quoted when needed. Text a visitor chose that a spreadsheet would run as a formula gets a leading
// apostrophe; a phone number (+ and digits) is left alone, since it is the evidence.
function csvCell(value: string | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=@\t\r]/.test(text) || (/^[+-]/.test(text) && !/^\+\d+$/.test(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
