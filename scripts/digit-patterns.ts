// A small algebra over the digit patterns of libphonenumber's metadata (digits, \d, classes,
// groups, alternatives, anchors, ?, *, + and {n,m}), so the generator can ship a pattern only
// where the widget needs it, and then only the part it needs: what follows a given prefix
// (the pattern's derivative by that prefix).

export type Pattern =
  | { kind: 'digit'; set: string }
  | { kind: 'seq'; parts: Pattern[] }
  | { kind: 'alt'; options: Pattern[] }
  | { kind: 'repeat'; body: Pattern; min: number; max: number };

/** Matches only the empty string. */
const EMPTY: Pattern = { kind: 'seq', parts: [] };
/** Matches nothing. */
const NOTHING: Pattern = { kind: 'alt', options: [] };

function seq(parts: Pattern[]): Pattern {
  const flat = parts.flatMap((p) => (p.kind === 'seq' ? p.parts : [p]));
  if (flat.some(isNothing)) return NOTHING;
  return flat.length === 1 ? flat[0] : { kind: 'seq', parts: flat };
}

function alt(options: Pattern[]): Pattern {
  const seen = new Map<string, Pattern>();
  for (const option of options.flatMap((p) => (p.kind === 'alt' ? p.options : [p]))) {
    if (!isNothing(option)) seen.set(print(option), option);
  }
  const unique = [...seen.values()];
  return unique.length === 1 ? unique[0] : { kind: 'alt', options: unique };
}

function repeat(body: Pattern, min: number, max: number): Pattern {
  if (max === 0) return EMPTY;
  if (min === 1 && max === 1) return body;
  return { kind: 'repeat', body, min, max };
}

/** Whether `pattern` matches no string at all. */
export function isNothing(pattern: Pattern): boolean {
  switch (pattern.kind) {
    case 'digit':
      return !pattern.set;
    case 'seq':
      return pattern.parts.some(isNothing);
    case 'alt':
      return pattern.options.every(isNothing);
    case 'repeat':
      return pattern.min > 0 && isNothing(pattern.body);
  }
}

function nullable(pattern: Pattern): boolean {
  switch (pattern.kind) {
    case 'digit':
      return false;
    case 'seq':
      return pattern.parts.every(nullable);
    case 'alt':
      return pattern.options.some(nullable);
    case 'repeat':
      return pattern.min === 0 || nullable(pattern.body);
  }
}

/** The strings that, after `digit`, complete a match of `pattern`. */
function derive(pattern: Pattern, digit: string): Pattern {
  switch (pattern.kind) {
    case 'digit':
      return pattern.set.includes(digit) ? EMPTY : NOTHING;
    case 'seq': {
      const [head, ...tail] = pattern.parts;
      if (!head) return NOTHING;
      const rest = seq(tail);
      return alt([seq([derive(head, digit), rest]), nullable(head) ? derive(rest, digit) : NOTHING]);
    }
    case 'alt':
      return alt(pattern.options.map((option) => derive(option, digit)));
    case 'repeat':
      return seq([derive(pattern.body, digit), repeat(pattern.body, Math.max(pattern.min - 1, 0), pattern.max - 1)]);
  }
}

/** The strings that, after `prefix`, complete a match of `pattern`. */
export function after(pattern: Pattern, prefix: string): Pattern {
  return [...prefix].reduce(derive, pattern);
}

/** The lengths of the strings `pattern` matches, up to `limit`. */
export function lengths(pattern: Pattern, limit = 17): Set<number> {
  const add = (a: Set<number>, b: Set<number>) =>
    new Set([...a].flatMap((x) => [...b].map((y) => x + y)).filter((n) => n <= limit));
  switch (pattern.kind) {
    case 'digit':
      return new Set(pattern.set ? [1] : []);
    case 'seq':
      return pattern.parts.reduce((sum, part) => add(sum, lengths(part, limit)), new Set([0]));
    case 'alt':
      return new Set(pattern.options.flatMap((option) => [...lengths(option, limit)]));
    case 'repeat': {
      const body = lengths(pattern.body, limit);
      const out = new Set<number>(pattern.min === 0 ? [0] : []);
      let sums = new Set([0]);
      for (let times = 1; times <= Math.min(pattern.max, limit + 1) && sums.size; times++) {
        sums = add(sums, body);
        if (times >= pattern.min) sums.forEach((n) => out.add(n));
      }
      return out;
    }
  }
}

/** Parses one of libphonenumber's digit patterns; capturing groups match as plain groups. */
export function parse(source: string): Pattern {
  let at = 0;
  const alternatives = (): Pattern => {
    const options: Pattern[] = [];
    do {
      const parts: Pattern[] = [];
      while (at < source.length && source[at] !== '|' && source[at] !== ')') parts.push(quantified(atom()));
      options.push(seq(parts));
    } while (source[at] === '|' && ++at);
    return alt(options);
  };
  const quantified = (body: Pattern): Pattern => {
    const [token, sign, low, comma, high] = /^(?:([?*+])|\{(\d+)(,?)(\d*)\})?/.exec(source.slice(at))!;
    at += token.length;
    if (sign) return repeat(body, sign === '+' ? 1 : 0, sign === '?' ? 1 : Infinity);
    if (!low) return body;
    return repeat(body, +low, comma ? (high ? +high : Infinity) : +low);
  };
  const range = (from: string, to: string) =>
    Array.from({ length: +to - +from + 1 }, (_, i) => String(+from + i)).join('');
  const atom = (): Pattern => {
    const char = source[at++];
    if (char === '(') {
      if (source.startsWith('?:', at)) at += 2;
      const group = alternatives();
      at++;
      return group;
    }
    if (char === '\\' && source[at] === 'd') return at++, { kind: 'digit', set: range('0', '9') };
    if (char === '[') {
      let set = '';
      for (; source[at] !== ']'; at++) {
        if (source.startsWith('\\d', at)) (set += range('0', '9')), at++;
        else if (source[at + 1] === '-') (set += range(source[at], source[at + 2])), (at += 2);
        else set += source[at];
      }
      at++;
      return { kind: 'digit', set: [...new Set(set)].sort().join('') };
    }
    if (char === '$' || char === '^') return EMPTY;
    if (/\d/.test(char)) return { kind: 'digit', set: char };
    throw new Error(`unexpected ${char} at ${at - 1} in ${source}`);
  };
  const pattern = alternatives();
  if (at !== source.length) throw new Error(`unexpected ${source[at]} at ${at} in ${source}`);
  return pattern;
}

const printed = new WeakMap<Pattern, string>();

/** A regular expression source for `pattern`. */
export function print(pattern: Pattern): string {
  let source = printed.get(pattern);
  if (source === undefined) printed.set(pattern, (source = printUncached(pattern)));
  return source;
}

function printUncached(pattern: Pattern): string {
  const group = (p: Pattern) => (p.kind === 'alt' && p.options.length > 1 ? `(?:${print(p)})` : print(p));
  switch (pattern.kind) {
    case 'digit': {
      const set = pattern.set;
      if (set === '0123456789') return '\\d';
      if (set.length === 1) return set;
      // Runs of three or more consecutive digits as ranges: "0125679" → "[0-25-79]".
      let out = '';
      for (let i = 0; i < set.length; ) {
        let j = i;
        while (j + 1 < set.length && +set[j + 1] === +set[j] + 1) j++;
        out += j - i >= 2 ? `${set[i]}-${set[j]}` : set.slice(i, j + 1);
        i = j + 1;
      }
      return `[${out}]`;
    }
    case 'seq':
      return pattern.parts.map(group).join('');
    case 'alt':
      return pattern.options.length ? pattern.options.map(print).join('|') : '(?!)';
    case 'repeat': {
      const { body, min, max } = pattern;
      const atom = body.kind === 'digit' ? print(body) : `(?:${print(body)})`;
      const count =
        min === 0 && max === 1 ? '?'
        : max === Infinity ? (min === 0 ? '*' : min === 1 ? '+' : `{${min},}`)
        : min === max ? `{${min}}`
        : `{${min},${max}}`;
      return atom + count;
    }
  }
}

/**
 * Whether some non-empty string matching `words` leaves a rest of `pattern` that `accept`s
 * (the rest: what completes a match of `pattern` after that string). Walks both patterns digit
 * by digit, skipping paths where they cannot meet.
 */
export function someWord(words: Pattern, pattern: Pattern, accept: (rest: Pattern) => boolean): boolean {
  const seen = new Set<string>();
  const walk = (w: Pattern, p: Pattern, depth: number): boolean => {
    if (isNothing(w) || isNothing(p) || depth > 17) return false;
    const key = `${print(w)}&${print(p)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (depth > 0 && nullable(w) && accept(p)) return true;
    return [...'0123456789'].some((digit) => walk(derive(w, digit), derive(p, digit), depth + 1));
  };
  return walk(words, pattern, 0);
}

/** Whether the two sets share a number. */
export const overlap = (a: Iterable<number>, b: Iterable<number>) => {
  const set = new Set(a);
  return [...b].some((n) => set.has(n));
};

export { nullable };

/** From `min` to `max` digits, any. */
export const anyDigits = (min: number, max = min): Pattern => repeat({ kind: 'digit', set: '0123456789' }, min, max);
export const literal = (digits: string): Pattern => seq([...digits].map((set) => ({ kind: 'digit', set })));
export const concat = (...parts: Pattern[]): Pattern => seq(parts);
