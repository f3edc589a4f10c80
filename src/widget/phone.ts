// Phone numbers as visitors type, paste and autofill them → E.164. Deliberately light:
// the proxy validates authoritatively with full metadata.
import { CALLING_CODES } from './calling-codes.js';

export interface Region {
  /** ISO 3166 alpha-2. */
  region: string;
  /** Country calling code, digits only. */
  code: string;
  /** National trunk prefix dialled before a national number ("0", "1", "8", or ""). */
  trunk: string;
}

let regions: Map<string, Region> | undefined;

/** Every region with its calling code, keyed by ISO code. */
export function allRegions(): Map<string, Region> {
  regions ??= new Map(
    CALLING_CODES.split(' ').map((entry) => {
      const [, region, code, trunk] = /^([A-Z]{2})(\d+)(?::(\d*))?$/.exec(entry)!;
      return [region, { region, code, trunk: trunk ?? '0' }];
    }),
  );
  return regions;
}

export type PhoneProblem = 'empty' | 'invalid' | 'too_short' | 'too_long';
export type PhoneResult = { ok: true; e164: string } | { ok: false; problem: PhoneProblem };

// E.164 allows 15 digits; the shortest numbers in use (e.g. Niue) have 7 with the calling code.
const MIN_DIGITS = 7;
const MAX_DIGITS = 15;

/**
 * Reads `raw` as an international number (`+`, `00`, or `011` from North America) or as
 * a national number of `region`, dropping its trunk prefix, and returns it in E.164.
 */
export function toE164(raw: string, region: string): PhoneResult {
  const text = raw.trim();
  if (!text) return { ok: false, problem: 'empty' };
  if (!/^\+?[\d\s\-.()/]+$/.test(text)) return { ok: false, problem: 'invalid' };
  const plan = allRegions().get(region.toUpperCase());
  let digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) {
    // already international
  } else if (digits.startsWith('00')) {
    digits = digits.slice(2);
  } else if (plan?.code === '1' && digits.startsWith('011')) {
    digits = digits.slice(3);
  } else if (plan) {
    if (plan.trunk && digits.startsWith(plan.trunk)) digits = digits.slice(plan.trunk.length);
    digits = plan.code + digits;
  } else {
    return { ok: false, problem: 'invalid' };
  }
  if (digits.startsWith('0')) return { ok: false, problem: 'invalid' };
  if (digits.length < MIN_DIGITS) return { ok: false, problem: 'too_short' };
  if (digits.length > MAX_DIGITS) return { ok: false, problem: 'too_long' };
  return { ok: true, e164: '+' + digits };
}

/** The calling code an E.164 number starts with (codes are prefix-free: 1 to 3 digits). */
export function callingCodeOf(e164: string): string | undefined {
  const codes = new Set([...allRegions().values()].map((r) => r.code));
  for (let length = 1; length <= 3; length++) {
    const code = e164.slice(1, 1 + length);
    if (codes.has(code)) return code;
  }
  return undefined;
}

/** "+14155550123" → "+1 415 555 0123": readable without per-country formatting rules. */
export function formatE164(e164: string): string {
  const code = callingCodeOf(e164);
  if (!code) return e164;
  const national = e164.slice(1 + code.length);
  const head = national.slice(0, -4).replace(/(\d{3})(?=\d)/g, '$1 ');
  return `+${code} ${head ? head + ' ' : ''}${national.slice(-4)}`;
}

/** The region of a BCP 47 tag ("en-GB" → "GB"), when it names one we know. */
export function regionOfLocale(locale: string | undefined): string | undefined {
  const region = locale?.match(/[-_]([A-Za-z]{2})(?:[-_]|$)/)?.[1]?.toUpperCase();
  return region && allRegions().has(region) ? region : undefined;
}
