// Phone numbers as visitors type, paste and autofill them → E.164, read the way libphonenumber
// reads them, from a table generated out of its metadata (calling-codes.ts). The proxy still
// validates authoritatively with the full metadata.
import { CALLING_CODES } from './calling-codes.js';

export interface Region {
  /** ISO 3166 alpha-2. */
  region: string;
  /** Country calling code, digits only. */
  code: string;
  /** National trunk prefix dialled before a national number ("0", "1", "8", or ""). */
  trunk: string;
}

/** What the widget knows of a numbering plan (region "001": numbers of no country, e.g. +881). */
interface Plan extends Region {
  /** Possible lengths of a national (significant) number. */
  lengths: number[];
  /** The international call prefix, anchored at the start. */
  idd: RegExp;
  /** The trunk prefix (with a carrier code) as libphonenumber recognises it, anchored. */
  trunkPattern?: RegExp;
  /** How the trunk prefix turns into the national number's start (e.g. Argentina's 15 → 9…). */
  transform?: string;
  /** The start of a national number that belongs to this region among those sharing its code. */
  leading?: RegExp;
  /** The national number pattern, only where a national number may start like a trunk prefix. */
  pattern?: RegExp;
  /** What follows the calling code in national numbers that start with it (when any may). */
  afterCode?: RegExp;
}

let regions: Map<string, Plan> | undefined;
let codes: Map<string, Plan[]> | undefined;

function table(): { regions: Map<string, Plan>; codes: Map<string, Plan[]> } {
  if (!regions || !codes) {
    regions = new Map();
    codes = new Map();
    const anchored = (pattern: string) => new RegExp(`^(?:${pattern})`);
    const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
    for (const entry of CALLING_CODES.split(' ')) {
      const [id, lengths, trunk = '', idd = '', parsing = '', transform, leading, pattern, afterCode] = entry.split(';');
      const [, region, code] = /^([A-Z]{2}|001)(\d+)$/.exec(id)!;
      const none = (field: string, otherwise: string) => (field === '-' ? '' : field || otherwise);
      const plan: Plan = {
        region,
        code,
        trunk: none(trunk, '0'),
        lengths: [...lengths].map((n) => parseInt(n, 36)),
        idd: anchored(none(idd, '00')),
        transform: transform || undefined,
        leading: leading ? anchored(leading) : undefined,
        pattern: pattern ? whole(pattern) : undefined,
        afterCode: afterCode ? whole(afterCode) : undefined,
      };
      const trunkPattern = none(parsing, plan.trunk);
      if (trunkPattern) plan.trunkPattern = anchored(trunkPattern);
      if (region !== '001') regions.set(region, plan);
      codes.set(code, [...(codes.get(code) ?? []), plan]);
    }
  }
  return { regions, codes };
}

/** Every region with its calling code, keyed by ISO code. */
export function allRegions(): Map<string, Region> {
  return table().regions;
}

export type PhoneProblem = 'empty' | 'invalid' | 'too_short' | 'too_long';
export type PhoneResult = { ok: true; e164: string } | { ok: false; problem: PhoneProblem };

// Separators people type or paste: any space or dash, dots, slashes, brackets, tildes, and the
// invisible format marks (direction marks, zero-width spaces, soft hyphens) copied with numbers.
const SEPARATORS = /[\p{Zs}\p{Pd}\p{Cf}\u2212\u30FC.\uFF0E/\uFF0F()\uFF08\uFF09[\]\uFF3B\uFF3D~\u2053\u223C\uFF5E]/gu;
// Digits libphonenumber reads: ASCII, full-width, Arabic-Indic and Eastern Arabic-Indic.
const DIGIT_ZEROS = [0x30, 0xff10, 0x660, 0x6f0];

/** "+", then digits only, or undefined when `raw` holds anything else. */
function digitsOf(raw: string): string | undefined {
  const text = raw.replace(SEPARATORS, '').replace(/^\uFF0B/, '+');
  let out = '';
  for (const char of text) {
    const point = char.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => point >= z && point <= z + 9);
    if (zero !== undefined) out += point - zero;
    else if (char === '+' && !out) out = '+';
    else return undefined;
  }
  return out;
}

/** The plans of the calling code `digits` start with (codes are prefix-free: 1 to 3 digits). */
function splitCallingCode(digits: string): { plans: Plan[]; rest: string } | undefined {
  for (let length = 1; length <= 3; length++) {
    const plans = table().codes.get(digits.slice(0, length));
    if (plans) return { plans, rest: digits.slice(length) };
  }
  return undefined;
}

/** The region among those sharing a calling code that a national number belongs to. */
function planOf(plans: Plan[], national: string, preferred?: string): Plan {
  return (
    plans.find((plan) => plan.leading?.test(national)) ??
    plans.find((plan) => plan.region === preferred) ??
    plans[0]
  );
}

type LengthCheck = 'possible' | 'too_short' | 'too_long' | 'invalid';

function checkLength(national: string, lengths: number[]): LengthCheck {
  const n = national.length;
  if (n < lengths[0]) return 'too_short';
  if (n > lengths[lengths.length - 1]) return 'too_long';
  return lengths.includes(n) ? 'possible' : 'invalid';
}

/** Drops a trunk prefix (with its carrier code) as libphonenumber does, when what remains can be a number. */
function stripTrunk(digits: string, plan: Plan, plans: Plan[]): string {
  const match = plan.trunkPattern?.exec(digits);
  if (!match) return digits;
  const national =
    plan.transform && match.length > 1 && match[match.length - 1]
      ? digits.replace(plan.trunkPattern!, plan.transform)
      : digits.slice(match[0].length);
  // libphonenumber keeps the prefix when the digits with it form a national number and without it do not.
  if (plan.pattern?.test(digits) && !plan.pattern.test(national)) return digits;
  // ... or when what remains is too short or of no possible length for the region it names
  // (which, among regions sharing a code, only leading digits tell here: any of them may do).
  const candidates = plans.filter((p) => p === plan || !p.leading || p.leading.test(national));
  const checks = candidates.map((p) => checkLength(national, p.lengths));
  return checks.includes('possible') || checks.includes('too_long') ? national : digits;
}

interface Reading {
  /** The regions of the calling code, its main region first. */
  plans: Plan[];
  national: string;
  /** Typed with "+" or an international prefix. */
  international: boolean;
}

/** The calling code and national number `raw` names, read in `region` when it is national. */
function read(raw: string, region: string): Reading | PhoneProblem {
  const digits = digitsOf(raw.trim());
  if (digits === undefined) return 'invalid';
  if (!digits.replace('+', '')) return 'empty';
  const international = (rest: string): Reading | PhoneProblem => {
    const split = rest.startsWith('0') ? undefined : splitCallingCode(rest);
    if (!split) return 'invalid';
    return { plans: split.plans, national: stripTrunk(split.rest, split.plans[0], split.plans), international: true };
  };
  if (digits.startsWith('+')) return international(digits.slice(1));
  const home = table().regions.get(region.toUpperCase());
  if (!home) return 'invalid';
  const idd = home.idd.exec(digits);
  if (idd && !digits.slice(idd[0].length).startsWith('0')) return international(digits.slice(idd[0].length));
  const plans = table().codes.get(home.code)!;
  const reading = (national: string): Reading => ({ plans, national, international: false });
  // The calling code typed without "+": libphonenumber takes it so when the whole is too long,
  // or the rest is a national number and the whole is not. Without the national number
  // pattern, the table tells what may follow the code in a national number, and a possible
  // length whether the rest may be one (where it is not, libphonenumber finds no valid number
  // either way).
  if (digits.startsWith(home.code)) {
    const whole = stripTrunk(digits, home, plans);
    const rest = stripTrunk(digits.slice(home.code.length), home, plans);
    const wholeIsNational = home.pattern
      ? home.pattern.test(whole)
      : whole.startsWith(home.code)
        ? !!home.afterCode?.test(whole.slice(home.code.length))
        : whole === rest; // the trunk prefix is the calling code (North America's 1)
    const restIsNational = home.pattern ? home.pattern.test(rest) : checkLength(rest, home.lengths) === 'possible';
    if ((!wholeIsNational && restIsNational) || checkLength(whole, home.lengths) === 'too_long') {
      return reading(stripTrunk(digits.slice(home.code.length), plans[0], plans));
    }
  }
  const national = stripTrunk(digits, home, plans);
  // "00" or "011" typed where another international prefix is in use (libphonenumber refuses).
  const other = checkLength(national, home.lengths) !== 'possible' && /^(?:00|011)/.exec(digits);
  const fallback = other && international(digits.slice(other[0].length));
  return fallback && typeof fallback !== 'string' ? fallback : reading(national);
}

/**
 * Reads `raw` as an international number (`+`, the region's international prefix, `00` or
 * `011`) or as a national number of `region` (with its trunk prefix and carrier codes, also
 * kept after a calling code as in `+44 (0)20…`), and returns it in E.164 as libphonenumber
 * reads it, or the problem when libphonenumber would certainly refuse it (no possible length).
 */
export function toE164(raw: string, region: string): PhoneResult {
  const reading = read(raw, region);
  if (typeof reading === 'string') return { ok: false, problem: reading };
  const lengths = reading.plans.flatMap((plan) => plan.lengths).sort((a, b) => a - b);
  const check = checkLength(reading.national, lengths);
  if (check !== 'possible') return { ok: false, problem: check === 'invalid' ? 'invalid' : check };
  return { ok: true, e164: `+${reading.plans[0].code}${reading.national}` };
}

/**
 * The region an international input names (`+44 20…`, or `0044…` read in `current`), so the
 * country select can follow what the visitor types; among regions sharing a calling code, the
 * one its leading digits name, else `current` when it shares the code, else the code's main
 * region (libphonenumber tells the others apart by full number patterns, too large to ship).
 * Undefined for national input, unknown codes and numbers of no country.
 */
export function regionOfNumber(raw: string, current = ''): string | undefined {
  const reading = read(raw, current);
  if (typeof reading === 'string' || !reading.international) return undefined;
  const region = planOf(reading.plans, reading.national, current.toUpperCase()).region;
  return region === '001' ? undefined : region;
}

/** The calling code an E.164 number starts with. */
export function callingCodeOf(e164: string): string | undefined {
  return splitCallingCode(e164.slice(1))?.plans[0].code;
}

/** "+14155550123" → "+1 415 555 0123": readable without per-country formatting rules. */
export function formatE164(e164: string): string {
  const code = callingCodeOf(e164);
  if (!code) return e164;
  const national = e164.slice(1 + code.length);
  const head = national.slice(0, -4).replace(/(\d{3})(?=\d)/g, '$1 ');
  return `+${code} ${head ? head + ' ' : ''}${national.slice(-4)}`;
}

/** The region of a BCP 47 tag, by likely subtags when it names none ("de" → "DE", "en-GB" → "GB"). */
export function regionOfLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale.replace(/_/g, '-')).maximize().region;
  } catch {
    region = locale.match(/[-_]([A-Za-z]{2})(?:[-_]|$)/)?.[1];
  }
  region = region?.toUpperCase();
  return region && allRegions().has(region) ? region : undefined;
}
