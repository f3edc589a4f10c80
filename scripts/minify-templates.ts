// A build-time Vite plugin that squeezes the whitespace out of the widget's css`…`, html`…` and
// svg`…` templates, which a JS minifier must leave alone. Only literal text changes, never ${…}.
import type { Plugin } from 'vite';

const TAG = /\b(css|html|svg)`/;

/** Collapses runs of whitespace, and drops it around CSS punctuation and between tags. */
export function squeeze(text: string, tag: string): string {
  if (tag === 'css') text = text.replace(/\/\*[\s\S]*?\*\//g, '');
  const out = text.replace(/\s+/g, ' ').replace(/> </g, '><');
  return tag === 'css' ? out.replace(/ ?([{}:;,>]) ?/g, '$1').replace(/;}/g, '}') : out;
}

/** Returns `code` with every tagged template's literal parts squeezed. */
export function minifyTemplates(code: string): string {
  const tags = new RegExp(TAG.source, 'g');
  let out = '';
  let last = 0;
  for (let match; (match = tags.exec(code)); ) {
    const start = match.index + match[0].length;
    const end = templateEnd(code, start);
    out += code.slice(last, start) + squeezeLiteral(code.slice(start, end), match[1]);
    last = tags.lastIndex = end;
  }
  return out + code.slice(last);
}

// Squeezes the literal text between ${…} expressions, and templates nested in them.
function squeezeLiteral(body: string, tag: string): string {
  let out = '';
  let i = 0;
  while (i < body.length) {
    const open = body.indexOf('${', i);
    const textEnd = open < 0 ? body.length : open;
    out += squeeze(body.slice(i, textEnd), tag);
    if (open < 0) break;
    const close = expressionEnd(body, open + 2);
    out += '${' + minifyTemplates(body.slice(open + 2, close)) + '}';
    i = close + 1;
  }
  return out;
}

/** Index of the backtick closing the template whose text starts at `i`. */
function templateEnd(code: string, i: number): number {
  for (; i < code.length; i++) {
    if (code[i] === '\\') i++;
    else if (code[i] === '`') return i;
    else if (code.startsWith('${', i)) i = expressionEnd(code, i + 2);
  }
  throw new Error('unterminated template');
}

/** Index of the `}` closing an expression that starts at `i`, skipping strings and templates. */
function expressionEnd(code: string, i: number): number {
  for (let depth = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '{') depth++;
    else if (c === '}' && depth-- === 0) return i;
    else if (c === '`') i = templateEnd(code, i + 1);
    else if (c === "'" || c === '"') {
      for (i++; code[i] !== c; i++) if (code[i] === '\\') i++;
    }
  }
  throw new Error('unterminated expression');
}

export function minifyTemplatesPlugin(): Plugin {
  return {
    name: 'minify-templates',
    enforce: 'pre',
    transform(code, id) {
      return id.includes('/src/widget/') && TAG.test(code) ? { code: minifyTemplates(code), map: null } : undefined;
    },
  };
}
