// `npm run size` (part of `npm test`): raw / gzip / brotli sizes of the built browser files, and a
// failure when one is over its budget: the first load (what every page pays), the panel, each
// language, and what a visitor who opens the panel fetches in all.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const firstLoad = 8 * 1024;
const language = 1.5 * 1024;
const open = 28 * 1024;

/** Brotli budgets in bytes. */
export const BUDGET = {
  /** dist/embed.js and dist/agent-chat-launcher.js: the element, launcher and teaser, with Lit. */
  firstLoad,
  /** dist/panel.js (form, validation, submission, positioning): what opening leaves after the other two. */
  panel: open - firstLoad - language,
  /** Each dist/locales/<tag>.js. */
  language,
  /** First load + panel + the largest language: a visitor who opens the panel. */
  open,
};
/** What we aim for on the first load, reported but not enforced (Lit alone is about 5.7 KB). */
export const FIRST_LOAD_AIM = 6 * 1024;

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

/** Sizes as a CDN serves them: gzip level 9, brotli quality 11. */
export function measure(file: string): FileSize {
  const bytes = readFileSync(file);
  const brotli = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  });
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotli.length };
}

/** The files a page fetches first: one or the other. */
export const FIRST_FILES = ['dist/embed.js', 'dist/agent-chat-launcher.js'];
export const PANEL_FILE = 'dist/panel.js';

/** Each language file the build wrote (none while the languages ship inside the panel). */
export function languageFiles(): string[] {
  return existsSync('dist/locales') ? readdirSync('dist/locales').filter((f) => f.endsWith('.js')).map((f) => `dist/locales/${f}`) : [];
}

/** Every browser file with its size and budget, and the total for a visitor who opens the panel. */
export function sizeReport(): { sizes: (FileSize & { budget: number })[]; open: number } {
  const sizes = [
    ...FIRST_FILES.map((file) => ({ ...measure(file), budget: BUDGET.firstLoad })),
    { ...measure(PANEL_FILE), budget: BUDGET.panel },
    ...languageFiles().map((file) => ({ ...measure(file), budget: BUDGET.language })),
  ];
  const largest = (files: string[]) => Math.max(0, ...sizes.filter((s) => files.includes(s.file)).map((s) => s.brotli));
  const open = largest(FIRST_FILES) + largest([PANEL_FILE]) + largest(languageFiles());
  return { sizes, open };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { sizes, open } = sizeReport();
  const width = Math.max(...sizes.map((s) => s.file.length), 'first load + panel + a language'.length);
  const cell = (value: number | string) => String(value).padStart(7);
  console.log(`${'file'.padEnd(width)}  ${cell('raw')}  ${cell('gzip')}  ${cell('brotli')}  ${cell('budget')}`);
  for (const s of sizes) console.log(`${s.file.padEnd(width)}  ${cell(s.raw)}  ${cell(s.gzip)}  ${cell(s.brotli)}  ${cell(s.budget)}`);
  console.log(`${'first load + panel + a language'.padEnd(width)}  ${cell('')}  ${cell('')}  ${cell(open)}  ${cell(BUDGET.open)}`);
  const over = [...sizes.filter((s) => s.brotli > s.budget).map((s) => `${s.file} is ${s.brotli - s.budget} B over`)];
  if (open > BUDGET.open) over.push(`opening the panel fetches ${open - BUDGET.open} B too much`);
  if (over.length) {
    console.error(`size check FAILED (brotli): ${over.join('; ')}.`);
    process.exit(1);
  }
  const first = Math.max(...sizes.filter((s) => FIRST_FILES.includes(s.file)).map((s) => s.brotli));
  console.log(`size check passed; first load ${first} B brotli (aim ${FIRST_LOAD_AIM} B).`);
}
