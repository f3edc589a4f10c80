// The built dist/embed.js on a plain HTML page (only a script tag), against the built CLI proxy
// on another origin, driven in real Chromium.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';

/** Serves `pages` by path and the built files under /dist/. */
async function startSite(pages: Record<string, (origin: string) => string>): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    if (path.startsWith('/dist/')) {
      res.setHeader('Content-Type', 'text/javascript');
      res.end(await readFile(new URL(`../..${path}`, import.meta.url)));
    } else if (pages[path]) {
      res.setHeader('Content-Type', 'text/html');
      res.end(pages[path](origin));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, origin };
}

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
  let site: { server: Server; origin: string };
  let cli: { child: ChildProcess; url: string };
  let endpoint = '';

  before(async () => {
    site = await startSite({
      '/plain.html': () => `<!doctype html><html lang="en"><title>Plain page</title>
        <script src="/dist/embed.js" data-endpoint="${endpoint}" data-channels="email,phone" data-business="Plain Co" defer></script>`,
      '/twice.html': () => `<!doctype html><html lang="en"><title>Twice</title>
        <script src="/dist/embed.js" data-endpoint="${endpoint}"></script>
        <script src="/dist/embed.js" data-endpoint="${endpoint}"></script>
        <script type="module" src="/dist/agent-chat-launcher.js"></script>
        <script src="/dist/embed.js" data-endpoint="${endpoint}" defer></script>`,
    });
    cli = await startCli({ ALLOWED_ORIGINS: site.origin });
    endpoint = cli.url;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    cli?.child.kill('SIGTERM');
    site?.server.close();
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
    assert.match(await confirmation.innerText(), /Plain Co will contact you at visitor@example\.com/);
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
