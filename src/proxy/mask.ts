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

// A run of digits with the separators people and systems write numbers with.
const NUMBER_RUN = /\+?\d(?:[\d\s().\/\u00a0\u2010-\u2015-]*\d)?/g;

/**
 * Replaces the contact in `text` with its mask in the forms another system may echo it: any
 * letter case; for a phone number, any run of digits holding its national number however it is
 * separated (digits only, E.164, formatted nationally or internationally).
 */
export function maskContactIn(text: string, contact: string): string {
  const mask = maskContact(contact);
  if (contact.includes('@')) {
    const lower = contact.toLowerCase();
    let result = '';
    let from = 0;
    const haystack = text.toLowerCase();
    for (let at = haystack.indexOf(lower); at >= 0; at = haystack.indexOf(lower, from)) {
      result += text.slice(from, at) + mask;
      from = at + lower.length;
    }
    return result + text.slice(from);
  }
  const phone = contact.startsWith('+') ? parsePhoneNumberFromString(contact) : undefined;
  const digits = phone ? phone.nationalNumber : contact.replace(/\D/g, '');
  if (digits.length < 4) return text.split(contact).join(mask);
  return text.replace(NUMBER_RUN, (run) => (run.replace(/\D/g, '').includes(digits) ? mask : run));
}
