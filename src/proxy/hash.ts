// Keyed hashes for store keys and request fingerprints, so no contact or IP address is ever stored readable.
import { createHash, createHmac } from 'node:crypto';

/** Hashes `value` for one `purpose`; equal inputs give equal outputs on every instance sharing the secret. */
export type KeyHasher = (purpose: string, value: string) => string;

/**
 * SHA-256 over a pepper derived from `secret` (the proxy uses its vendor API key, which every
 * instance of a deployment shares and no store ever sees), cut to 128 bits of base64url. Keyed,
 * because a plain hash of a phone number is reversed by trying every number. (Keying by prefix
 * rather than HMAC per value is a third of the cost; these hashes hide values, they sign nothing.)
 */
export function keyHasher(secret: string): KeyHasher {
  const pepper = createHmac('sha256', secret).update('agent-chat-launcher store keys').digest('base64url');
  return (purpose, value) => createHash('sha256').update(`${pepper}\0${purpose}\0${value}`).digest('base64url').slice(0, 22);
}

/** The same JSON text for the same object whatever its key order (objects of this contract are flat). */
export function canonicalJson(value: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(Object.keys(value).sort().map((key) => [key, value[key]]));
}
