// Writes src/widget/calling-codes.ts from libphonenumber-js's metadata, so the browser reads
// numbers as libphonenumber does (calling codes, trunk prefixes and their carrier-code rules,
// international prefixes, possible lengths) without shipping the metadata.
// Run: npx tsx scripts/generate-calling-codes.ts (a test fails when the file is stale).
import { writeFileSync } from 'node:fs';
import { Metadata } from 'libphonenumber-js/max';

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

/**
 * The strings `pattern` matches, cut to their first `k` digits: shorter ones are whole matches.
 * Reads the regular expressions of libphonenumber's metadata: digits, \d, classes, groups,
 * alternatives, anchors, ?, *, + and {n,m}.
 */
export function prefixes(pattern: string, k: number): Set<string> {
  let at = 0;
  const range = (from: string, to: string) => Array.from({ length: +to - +from + 1 }, (_, i) => String(+from + i));
  // Each part returns its strings cut to `room` digits; parsing happens once, so parts are
  // kept as functions of the room left.
  const alternatives = (): ((room: number) => Set<string>) => {
    const branches: ((room: number) => Set<string>)[] = [];
    do {
      const parts: ((room: number) => Set<string>)[] = [];
      while (at < pattern.length && pattern[at] !== '|' && pattern[at] !== ')') parts.push(quantified(atom()));
      branches.push((room) => parts.reduce((heads, part) => joinWithin(heads, part, room), new Set([''])));
    } while (pattern[at] === '|' && ++at);
    return (room) => new Set(branches.flatMap((branch) => [...branch(room)]));
  };
  const joinWithin = (heads: Set<string>, part: (room: number) => Set<string>, room: number) => {
    const out = new Set<string>();
    for (const head of heads) {
      if (head.length >= room) out.add(head);
      else for (const tail of part(room - head.length)) out.add(head + tail);
    }
    return out;
  };
  const quantified = (part: (room: number) => Set<string>): ((room: number) => Set<string>) => {
    const [token, sign, low = sign === '+' ? '1' : sign ? '0' : '1', comma, high] =
      /^(?:([?*+])|\{(\d+)(,?)(\d*)\})?/.exec(pattern.slice(at))!;
    at += token.length;
    const min = +low;
    const max = sign === '?' ? 1 : sign ? Infinity : comma ? (high ? +high : Infinity) : min;
    return (room) => {
      const out = new Set<string>(min === 0 ? [''] : []);
      let heads = new Set(['']);
      // Past `room` repetitions every string is already cut to the room.
      for (let times = 1; times <= Math.min(max, room + min); times++) {
        heads = joinWithin(heads, part, room);
        if (times >= min) heads.forEach((head) => out.add(head));
      }
      return out;
    };
  };
  const atom = (): ((room: number) => Set<string>) => {
    const char = pattern[at++];
    const one = (digits: string[]) => (room: number) => new Set(room > 0 ? digits : ['']);
    if (char === '(') {
      if (pattern.startsWith('?:', at)) at += 2;
      const group = alternatives();
      at++;
      return group;
    }
    if (char === '\\' && pattern[at++] === 'd') return one(range('0', '9'));
    if (char === '[') {
      const digits: string[] = [];
      for (; pattern[at] !== ']'; at++) {
        if (pattern.startsWith('\\d', at)) digits.push(...range('0', '9')), at++;
        else if (pattern[at + 1] === '-') digits.push(...range(pattern[at], pattern[at + 2])), (at += 2);
        else digits.push(pattern[at]);
      }
      at++;
      return one(digits);
    }
    if (char === '$' || char === '^') return () => new Set(['']);
    if (/\d/.test(char)) return one([char]);
    throw new Error(`unexpected ${char} in ${pattern}`);
  };
  return alternatives()(k);
}

/**
 * Whether the widget needs the region's national number pattern to read numbers as
 * libphonenumber does: to keep a trunk prefix that is part of a national number (a number
 * may start with the prefix, and a number one prefix longer may exist), or to tell a national
 * number from one typed with the calling code but without "+" (a number may start with the
 * code, and one that much longer may exist). `lengths`: those of every region of the code.
 */
function needsPattern(plan: Plan, lengths: number[]): boolean {
  const trunk = plan.nationalPrefixForParsing();
  const pattern = plan.nationalNumberPattern();
  const code = plan.callingCode();
  const own = plan.possibleLengths() ?? [];
  const longerBy = (extra: number) => lengths.some((n) => own.includes(n + extra));
  const nationalFirst = prefixes(pattern, 1);
  if (trunk) {
    // Empty matches leave the number as it is; with a transform rule, lengths tell nothing.
    const first = [...prefixes(trunk, 1)];
    const words = plan.nationalPrefixTransformRule() ? undefined : [...prefixes(trunk, 9)].filter(Boolean);
    const mayStart = first.includes('') ? nationalFirst.size > 0 : first.some((d) => nationalFirst.has(d));
    if (mayStart && (!words || words.some((w) => w.length === 9 || (nationalFirst.has(w[0]) && longerBy(w.length))))) return true;
    if ([...prefixes(trunk, code.length)].some((s) => s && (s === code || code.startsWith(s)))) return true;
  }
  return prefixes(pattern, code.length).has(code) && longerBy(code.length);
}

/** Possible lengths as base-36 digits: [7, 9, 10] → "79a". */
const encodeLengths = (lengths: number[] = []) => lengths.map((n) => n.toString(36)).join('');

/**
 * One entry per numbering plan, fields split by ";", defaults empty or left out at the end,
 * "-" for none:
 * region (or 001 for numbers of no country) and calling code; possible national lengths;
 * trunk prefix (default "0"); international prefix pattern (default "00"); national prefix
 * pattern for parsing (default: the trunk prefix); its transform rule; leading digits that
 * tell regions sharing a calling code apart; the national number pattern where it is needed.
 * Ordered by calling code, each code's main region first, as libphonenumber orders them.
 */
export function encodeCallingCodes(): string {
  // countryCallingCodes() too is public at run time but missing from the types.
  const metadata = new Metadata() as Metadata & { countryCallingCodes(): Record<string, string[]> };
  const planOf = (key: string) => {
    metadata.selectNumberingPlan(key as never);
    return metadata.numberingPlan as unknown as Plan;
  };
  const entry = (region: string, key: string, codeLengths: number[]): string => {
    const plan = planOf(key);
    const trunk = plan.nationalPrefix() || '';
    const parsing = plan.nationalPrefixForParsing() || '';
    const fields = [
      region + plan.callingCode(),
      encodeLengths(plan.possibleLengths()),
      trunk === '0' ? undefined : trunk,
      plan.IDDPrefix() === '00' ? undefined : plan.IDDPrefix() || '',
      parsing === trunk ? undefined : parsing,
      plan.nationalPrefixTransformRule() || undefined,
      plan.leadingDigits() || undefined,
      needsPattern(plan, codeLengths) ? plan.nationalNumberPattern() : undefined,
    ];
    while (fields.length && fields.at(-1) === undefined) fields.pop();
    return fields.map((field) => (field === '' ? '-' : (field ?? ''))).join(';');
  };
  const entries: string[] = [];
  for (const [code, regions] of Object.entries(metadata.countryCallingCodes())) {
    const keys = regions.map((region) => (region === '001' ? code : region));
    const lengths = keys.flatMap((key) => planOf(key).possibleLengths() ?? []);
    for (const key of keys) entries.push(entry(key === code ? '001' : key, key, lengths));
  }
  return entries.join(' ');
}

export const CALLING_CODES_FILE = new URL('../src/widget/calling-codes.ts', import.meta.url);

export function callingCodesSource(): string {
  return `// Generated by scripts/generate-calling-codes.ts from libphonenumber-js metadata: do not edit.
// Entries split by " ", fields by ";" (empty or left out: the default; "-": none): region (001: no
// country) and calling code; possible national lengths in base 36; trunk prefix ("0");
// international prefix ("00"); trunk prefix pattern for parsing (the trunk prefix); its
// transform rule; leading digits; national number pattern. Each calling code's main region comes first.
export const CALLING_CODES = ${JSON.stringify(encodeCallingCodes())};
`;
}

if (import.meta.url === `file://${process.argv[1]}`) writeFileSync(CALLING_CODES_FILE, callingCodesSource());
