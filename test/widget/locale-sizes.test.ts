// Each language ships as a file of its own, fetched only when used: each stays small.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { LANGUAGES } from '../../src/widget/i18n.js';

/** The budget for one language's file, brotli, in bytes. */
const LANGUAGE_BUDGET = 1536;

describe('language files', () => {
  it(`are each at most ${LANGUAGE_BUDGET} B brotli when built alone`, async (t) => {
    const sizes: [string, number][] = [];
    for (const language of LANGUAGES) {
      const { outputFiles } = await build({
        entryPoints: [`src/widget/locales/${language}.ts`],
        bundle: true,
        minify: true,
        format: 'esm',
        charset: 'utf8',
        write: false,
      });
      const bytes = outputFiles[0].contents;
      sizes.push([language, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).length]);
    }
    sizes.sort((a, b) => b[1] - a[1]);
    t.diagnostic(`largest: ${sizes.slice(0, 3).map(([language, size]) => `${language} ${size} B`).join(', ')}`);
    for (const [language, size] of sizes) assert.ok(size <= LANGUAGE_BUDGET, `${language} is ${size} B brotli`);
  });
});
