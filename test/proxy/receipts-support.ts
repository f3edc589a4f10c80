// A complete receipt for the receipts tests, with text that tests quoting (commas, quotes, new lines, non-ASCII).
import type { Receipt } from '../../src/proxy/receipts/types.js';
import { NOW } from './support.js';

export { NOW };

/** A receipt made at NOW, with fresh ids; `fields` override any field. */
export function receipt(fields: Partial<Receipt> = {}): Receipt {
  return {
    id: crypto.randomUUID(),
    created_at: new Date(NOW).toISOString(),
    channel: 'phone',
    contact: '+14155550123',
    consent: true,
    consent_text: 'I agree to receive text messages from Shop, Inc. «ünïcødé», "quotes", commas\nand a new line.',
    page: 'https://shop.example/pricing?plan=pro',
    locale: 'en-US',
    timezone: 'America/Los_Angeles',
    sender: '+14155550100',
    ip_hash: 'c2FtcGxlLWhhc2gtb2YtaXA',
    user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
    idempotency_key: crypto.randomUUID(),
    vendor_session_id: crypto.randomUUID(),
    vendor_status: 'started',
    schedule_at: null,
    ...fields,
  };
}
