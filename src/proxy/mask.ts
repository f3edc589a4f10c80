// Masks a visitor's contact for logs and displays, so no raw phone number or address is ever written.

const MASK = '•••';

/**
 * `+14155550123` → `+1415•••0123`, `jane@example.com` → `j•••@example.com`;
 * anything else keeps only its first character. Never returns the whole input.
 */
export function maskContact(contact: string): string {
  const at = contact.lastIndexOf('@');
  if (at > 0) return `${contact[0]}${MASK}${contact.slice(at).slice(0, 100)}`;
  if (/^\+\d{9,}$/.test(contact)) return `${contact.slice(0, 5)}${MASK}${contact.slice(-4)}`;
  if (/^\+\d{3,8}$/.test(contact)) return `${contact.slice(0, 2)}${MASK}${contact.slice(-2)}`;
  return contact.length > 0 ? `${contact[0]}${MASK}` : '';
}
