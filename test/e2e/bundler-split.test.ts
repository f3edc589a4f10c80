// The bundler entry (`import 'agent-chat-launcher'`, after `npm run build`) splits as the
// self-contained files do: an app's bundler puts the panel in a chunk of its own, loaded by the
// element's dynamic import(), and the app's first chunk holds only the launcher.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { build as esbuild } from 'esbuild';
import { build as vite } from 'vite';

const root = new URL('../../', import.meta.url).pathname;
/** Text only the panel's template has. */
const PANEL_MARK = 'contact-msg';
const work = mkdtempSync(join(tmpdir(), 'acl-bundlers-'));
const app = join(work, 'app.js');
writeFileSync(app, `import '${join(root, 'dist/widget/define.js')}';\n`);

/** The app's chunks: the entry's text and every other chunk's, by file name. */
function chunks(dir: string, entry: string): { entry: string; others: Record<string, string> } {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  return { entry: read(entry), others: Object.fromEntries(files.filter((f) => f !== entry).map((f) => [f, read(f)])) };
}

function assertSplit({ entry, others }: { entry: string; others: Record<string, string> }): void {
  assert.match(entry, /agent-chat-launcher/, 'the entry chunk defines the element');
  assert.doesNotMatch(entry, new RegExp(PANEL_MARK), 'the panel is in the entry chunk');
  assert.ok(
    Object.values(others).some((code) => code.includes(PANEL_MARK)),
    `no chunk of its own holds the panel: ${Object.keys(others).join(', ')}`,
  );
}

describe('the bundler entry splits at the panel', () => {
  after(() => rmSync(work, { recursive: true, force: true }));

  it('esbuild (splitting)', async () => {
    const outdir = join(work, 'esbuild');
    await esbuild({ entryPoints: { app }, bundle: true, splitting: true, format: 'esm', outdir, logLevel: 'silent' });
    assertSplit(chunks(outdir, 'app.js'));
  });

  it('Vite', async () => {
    const outDir = join(work, 'vite');
    await vite({
      configFile: false,
      logLevel: 'silent',
      root: work,
      build: { outDir, minify: false, rolldownOptions: { input: app, output: { entryFileNames: 'app.js' } } },
    });
    assertSplit(chunks(outDir, 'app.js'));
  });
});
