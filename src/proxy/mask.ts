// Masks a visitor's contact for logs and displays, so no raw phone number or address is ever written,
// also where a text repeats it in another form.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces the contact in `text` with its mask in the forms another system may echo it: any
 * letter case; for a phone number, its national digits however they are separated (digits only,
 * E.164, formatted nationally or internationally).
 */
export function maskContactIn(text: string, contact: string): string {
  const forms = [escapeRegExp(contact)];
  const phone = contact.startsWith('+') ? parsePhoneNumberFromString(contact) : undefined;
  if (phone) forms.push([...phone.nationalNumber].join('[^0-9A-Za-z]{0,3}'));
  return text.replace(new RegExp(forms.join('|'), 'gi'), maskContact(contact));
}
