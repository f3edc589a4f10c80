// Each language ships as a file of its own, fetched only when used: a bundler splits them apart,
// and each stays small.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliCompressSync, constants } from 'node:zlib';
import { build } from 'esbuild';
import { en, LANGUAGES } from '../../src/widget/i18n.js';
import { importLocale } from '../../src/widget/locale-imports.js';

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

describe('a bundler', () => {
  it('splits every language but English into a file of its own', async () => {
    const { outputFiles } = await build({
      stdin: { contents: "export { loadStrings } from './src/widget/i18n.ts';", resolveDir: '.', loader: 'ts' },
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: 'out',
      charset: 'utf8',
      write: false,
    });
    const entry = outputFiles.find((file) => file.path.endsWith('stdin.js'))!;
    assert.ok(entry.text.includes(JSON.stringify(en.intro)), 'English is bundled');
    const titles = new Map<string, string>();
    for (const language of LANGUAGES.filter((l) => l !== 'en')) titles.set(language, JSON.stringify((await importLocale(language)).default.intro));
    for (const [language, title] of titles) {
      const holders = outputFiles.filter((file) => file.text.includes(title));
      assert.equal(holders.length, 1, `${language} is in ${holders.length} files`);
      assert.notEqual(holders[0], entry, `${language} is in the entry file`);
      const others = [...titles].filter(([other, text]) => other !== language && holders[0].text.includes(text));
      assert.deepEqual(others.map(([other]) => other), [], `${language} shares its file`);
    }
  });
});
