// The built dist/embed.js on a plain HTML page (only a script tag), against the built CLI proxy
// on another origin (the site's own /api/agent-chat is not used), driven in real Chromium.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { distFile, startSite, type Site } from './site.js';

/** Starts the built CLI with the simulator; resolves with its chat URL. */
async function startCli(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['dist/cli/agent-chat-proxy.js', '--simulate'], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const found = /listening on (\S+)/.exec(chunk.toString());
      if (found) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`CLI exited with ${code}`)));
  });
  return { child, url };
}

describe('dist/embed.js against the CLI proxy', () => {
  let browser: Browser;
  let site: Site;
  let cli: { child: ChildProcess; url: string };
  let endpoint = '';

  before(async () => {
    const pages: Record<string, () => string> = {
      '/plain.html': () => `<!doctype html><html lang="en"><title>Plain page</title>
        <script src="/dist/embed.js" data-endpoint="${endpoint}" data-channels="email,phone" data-business="Plain Co" defer></script>`,
      '/twice.html': () => `<!doctype html><html lang="en"><title>Twice</title>
        <script src="/dist/embed.js" data-endpoint="${endpoint}"></script>
        <script src="/dist/embed.js" data-endpoint="${endpoint}"></script>
        <script type="module" src="/dist/agent-chat-launcher.js"></script>
        <script src="/dist/embed.js" data-endpoint="${endpoint}" defer></script>`,
    };
    // The pages read `endpoint` when served, after the CLI has started on its own origin.
    site = await startSite((path) => (path.startsWith('/dist/') ? { file: distFile(path) } : pages[path] && { html: pages[path]() }));
    cli = await startCli({ ALLOWED_ORIGINS: site.origin });
    endpoint = cli.url;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    cli?.child.kill('SIGTERM');
    site?.close();
  });

  it('mounts from its script tag and takes a submission through to the confirmation', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${site.origin}/plain.html`);
    await page.locator('agent-chat-launcher [part=button]').click();
    await page.locator('agent-chat-launcher #contact').fill('visitor@example.com');
    await page.locator('agent-chat-launcher [part=submit]').click();
    const confirmation = page.locator('agent-chat-launcher [part=confirmation]');
    await confirmation.waitFor();
    assert.match(await confirmation.innerText(), /AI assistant will email you at visitor@example\.com/);
    assert.equal(await page.locator('agent-chat-launcher').getAttribute('channels'), 'email,phone');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('defines and mounts once when loaded twice and mixed with the module', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${site.origin}/twice.html`);
    await page.waitForFunction(() => customElements.get('agent-chat-launcher') && document.readyState === 'complete');
    assert.equal(await page.locator('agent-chat-launcher').count(), 1);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
