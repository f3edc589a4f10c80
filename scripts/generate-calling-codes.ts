// Writes src/widget/calling-codes.ts from libphonenumber-js's metadata, so the browser reads
// numbers as libphonenumber does (calling codes, trunk prefixes and their carrier-code rules,
// international prefixes, possible lengths) without shipping the metadata.
// Run: npx tsx scripts/generate-calling-codes.ts (a test fails when the file is stale).
import { writeFileSync } from 'node:fs';
import { Metadata } from 'libphonenumber-js/max';
import {
  after,
  anyDigits,
  concat,
  isNothing,
  lengths as patternLengths,
  literal,
  nullable,
  overlap,
  parse,
  print,
  someWord,
  type Pattern,
} from './digit-patterns.js';

// Parts of a numbering plan that libphonenumber-js has at run time but leaves out of its types.
interface Plan {
  callingCode(): string;
  nationalPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  IDDPrefix(): string | undefined;
  possibleLengths(): number[] | undefined;
  leadingDigits(): string | undefined;
  nationalNumberPattern(): string;
}

/** The top-level alternatives of a pattern's source: "(a|b)$|c" → ["(a|b)$", "c"]. */
function topLevelOptions(source: string): string[] {
  const options = [''];
  let depth = 0;
  for (const char of source) {
    depth += char === '(' ? 1 : char === ')' ? -1 : 0;
    if (char === '|' && depth === 0) options.push('');
    else options[options.length - 1] += char;
  }
  return options;
}

/**
 * What of the region's national number pattern the widget needs to read numbers as
 * libphonenumber does, given `lengths`, those of every region of the calling code:
 * - the whole pattern where a number starting with a trunk prefix may itself be a national
 *   number (libphonenumber then keeps the prefix unless the rest is one too);
 * - otherwise, where a national number may start with the calling code (a visitor typing the
 *   code without "+"), only what follows the code in such numbers.
 */
function neededPatterns(plan: Plan, lengths: number[]): { pattern?: string; afterCode?: string } {
  const source = plan.nationalNumberPattern();
  const national = parse(source);
  const code = plan.callingCode();
  const trunk = plan.nationalPrefixForParsing();
  const whole = { pattern: source };
  for (const option of trunk ? topLevelOptions(trunk) : []) {
    const words = parse(option);
    // A match that is the whole input (…$) is kept as it is when it is a national number; a
    // transformed one may be one whatever follows; one sliced off, when the rest may be one.
    const transformed = plan.nationalPrefixTransformRule() && /\((?!\?:)/.test(option);
    const accept = option.endsWith('$')
      ? nullable
      : transformed
        ? (rest: Pattern) => !isNothing(rest)
        : (rest: Pattern) => overlap(patternLengths(rest), lengths);
    if (someWord(words, national, accept)) return whole;
    // A prefix that swallows part of the calling code, or more, changes what "the rest" is.
    const beyondCode = concat(literal(code), anyDigits(1, Infinity));
    if (someWord(words, literal(code), (rest) => !nullable(rest)) || someWord(words, beyondCode, nullable)) return whole;
  }
  const afterCode = after(national, code);
  return overlap(patternLengths(afterCode), lengths) ? { afterCode: print(afterCode) } : {};
}

/** Possible lengths as base-36 digits: [7, 9, 10] → "79a". */
const encodeLengths = (lengths: number[] = []) => lengths.map((n) => n.toString(36)).join('');

/**
 * One entry per numbering plan, fields split by ";", defaults empty or left out at the end,
 * "-" for none:
 * region (or 001 for numbers of no country) and calling code; possible national lengths;
 * trunk prefix (default "0"); international prefix pattern (default "00"); national prefix
 * pattern for parsing (default: the trunk prefix); its transform rule; leading digits that
 * tell regions sharing a calling code apart; the national number pattern, or what follows
 * the calling code in national numbers, where the widget needs them (see neededPatterns).
 * Ordered by calling code, each code's main region first as libphonenumber orders them; numbers
 * of no country last.
 */
export function encodeCallingCodes(): string {
  // countryCallingCodes() and nonGeographic() too are public at run time but missing from the types.
  const metadata = new Metadata() as Metadata & {
    countryCallingCodes(): Record<string, string[]>;
    nonGeographic(): Record<string, unknown>;
  };
  const planOf = (key: string) => {
    metadata.selectNumberingPlan(key as never);
    return metadata.numberingPlan as unknown as Plan;
  };
  const entry = (region: string, key: string, codeLengths: number[]): string => {
    const plan = planOf(key);
    const trunk = plan.nationalPrefix() || '';
    const parsing = plan.nationalPrefixForParsing() || '';
    const { pattern, afterCode } = neededPatterns(plan, codeLengths);
    const fields = [
      region + plan.callingCode(),
      encodeLengths(plan.possibleLengths()),
      trunk === '0' ? undefined : trunk,
      plan.IDDPrefix() === '00' ? undefined : plan.IDDPrefix() || '',
      parsing === trunk ? undefined : parsing,
      plan.nationalPrefixTransformRule() || undefined,
      plan.leadingDigits() || undefined,
      pattern,
      afterCode,
    ];
    while (fields.length && fields.at(-1) === undefined) fields.pop();
    return fields.map((field) => (field === '' ? '-' : (field ?? ''))).join(';');
  };
  const entries: string[] = [];
  for (const regions of Object.values(metadata.countryCallingCodes())) {
    const lengths = regions.flatMap((region) => planOf(region).possibleLengths() ?? []);
    for (const region of regions) entries.push(entry(region, region, lengths));
  }
  for (const code of Object.keys(metadata.nonGeographic())) {
    entries.push(entry('001', code, planOf(code).possibleLengths() ?? []));
  }
  return entries.join(' ');
}

export const CALLING_CODES_FILE = new URL('../src/widget/calling-codes.ts', import.meta.url);

export function callingCodesSource(): string {
  return `// Generated by scripts/generate-calling-codes.ts from libphonenumber-js metadata: do not edit.
// Entries split by " ", fields by ";" (empty or left out: the default; "-": none): region (001: no
// country) and calling code; possible national lengths in base 36; trunk prefix ("0");
// international prefix ("00"); trunk prefix pattern for parsing (the trunk prefix); its
// transform rule; leading digits; national number pattern; the part of it after the calling
// code. Each calling code's main region comes first; numbers of no country come last.
export const CALLING_CODES = ${JSON.stringify(encodeCallingCodes())};
`;
}

if (import.meta.url === `file://${process.argv[1]}`) writeFileSync(CALLING_CODES_FILE, callingCodesSource());
