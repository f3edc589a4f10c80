// `npm run size` (part of `npm test`): raw / gzip / brotli sizes of the built browser files, and a
// failure when dist/embed.js (everything inlined) is over its budget.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The budget for dist/embed.js, brotli, in bytes: 26 KB while the whole widget is one file (the
 * phone table, the form model and five bundled languages together passed 24 KB); two-step loading
 * brings the first load to 8 KB.
 */
export const EMBED_BUDGET = 26 * 1024;
/** What we aim for, reported but not enforced. */
export const EMBED_AIM = 16 * 1024;

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

/** The two self-contained browser files (Lit and Floating UI inlined). */
export const BROWSER_FILES = ['dist/embed.js', 'dist/agent-chat-launcher.js'];

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = BROWSER_FILES.map(measure);
  const width = Math.max(...sizes.map((s) => s.file.length));
  console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(7)}  ${'gzip'.padStart(7)}  ${'brotli'.padStart(7)}`);
  for (const s of sizes) {
    console.log(`${s.file.padEnd(width)}  ${String(s.raw).padStart(7)}  ${String(s.gzip).padStart(7)}  ${String(s.brotli).padStart(7)}`);
  }
  const embed = sizes[0];
  const verdict = `dist/embed.js is ${embed.brotli} B brotli; budget ${EMBED_BUDGET} B, aim ${EMBED_AIM} B`;
  if (embed.brotli > EMBED_BUDGET) {
    console.error(`size check FAILED: ${verdict} (${embed.brotli - EMBED_BUDGET} B over).`);
    process.exit(1);
  }
  console.log(`size check passed: ${verdict}${embed.brotli > EMBED_AIM ? ` (${embed.brotli - EMBED_AIM} B above the aim)` : ''}.`);
}
