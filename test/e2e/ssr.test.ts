// Server rendering as Next.js (@lit-labs/nextjs) and Astro (@astrojs/lit) do it: Lit's server renderer
// turns <agent-chat-launcher> into declarative shadow DOM in a Node process with no DOM globals, and
// Chromium, with Lit's hydration support loaded first, takes it over through the bundler entry.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { startSite, type Site } from './site.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
// The file an app's bundler picks for `import 'agent-chat-launcher'` (read from the exports map: this
// repository's tsconfig maps the name to the sources).
const bundlerEntry = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { default: string }> }).exports['.']!.default;

// Runs in a fresh `node` with nothing preloaded: Node 20 has no window, document, navigator or location.
const RENDER = `
  const missing = ['window', 'document', 'navigator', 'location'].filter((name) => !(name in globalThis));
  const { render } = await import('@lit-labs/ssr');
  const { collectResult } = await import('@lit-labs/ssr/lib/render-result.js');
  const { html } = await import('lit');
  await import('agent-chat-launcher');
  const markup = await collectResult(render(html\`<agent-chat-launcher endpoint="/api/agent-chat"></agent-chat-launcher>\`));
  const appeared = ['window', 'document', 'navigator', 'location'].filter((name) => name in globalThis);
  process.stdout.write(JSON.stringify({ missing, appeared, markup }));
`;

describe('server rendering with @lit-labs/ssr, then hydration in Chromium', () => {
  let markup = '';
  let dir = '';
  let site: Site;
  let browser: Browser;

  before(async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', RENDER], { cwd: root });
    const result = JSON.parse(stdout) as { missing: string[]; appeared: string[]; markup: string };
    assert.deepEqual(result.missing, ['window', 'document', 'navigator', 'location'], 'the renderer ran with no DOM globals');
    assert.deepEqual(result.appeared, [], 'rendering defined no browser global');
    markup = result.markup;

    // The bundler entry as an app's bundler sees it, with Lit's hydration support imported before Lit.
    dir = mkdtempSync(join(tmpdir(), 'agent-chat-ssr-'));
    await build({
      stdin: {
        contents: `import '@lit-labs/ssr-client/lit-element-hydrate-support.js';\nimport ${JSON.stringify(join(root, bundlerEntry))};`,
        resolveDir: root,
      },
      bundle: true,
      splitting: true,
      format: 'esm',
      outdir: dir,
      tsconfigRaw: {},
      logLevel: 'error',
    });
    const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SSR</title>
      <script type="module" src="/app/stdin.js"></script></head><body><main><h1>A server-rendered page</h1>${markup}</main></body></html>`;
    site = await startSite((path) => (path === '/' ? { html: page } : path.startsWith('/app/') ? { file: join(dir, path.slice(5)) } : undefined));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    site?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the element to declarative shadow DOM with its launcher button', () => {
    const element = /<agent-chat-launcher\b[^>]*endpoint="\/api\/agent-chat"[^>]*>\s*<template shadowroot(?:mode)?="open"[^>]*>([\s\S]*?)<\/template>/.exec(markup);
    assert.ok(element, `no declarative shadow root in:\n${markup.slice(0, 500)}`);
    assert.match(element[1]!, /<button\b[^>]*part="button"/, 'the launcher is rendered on the server');
    assert.match(element[1]!, /aria-expanded="false"/);
  });

  it('hydrates through the bundler entry: one launcher, no console error, and it works', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    tab.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await tab.goto(site.origin);
    await tab.waitForFunction(() => customElements.get('agent-chat-launcher') !== undefined);
    const before = await tab.evaluate(() => {
      const element = document.querySelector('agent-chat-launcher')!;
      return { launchers: document.querySelectorAll('agent-chat-launcher').length, buttons: element.shadowRoot!.querySelectorAll('[part=button]').length };
    });
    assert.deepEqual(before, { launchers: 1, buttons: 1 });

    // The server's button is now Lit's: clicking it opens the panel.
    await tab.locator('agent-chat-launcher [part=button]').click();
    await tab.locator('agent-chat-launcher [part=panel]').waitFor();
    assert.equal(await tab.locator('agent-chat-launcher [part=button]').count(), 1);
    assert.equal(await tab.locator('agent-chat-launcher [part=button]').getAttribute('aria-expanded'), 'true');
    assert.deepEqual(errors, []);
    await tab.close();
  });
});
