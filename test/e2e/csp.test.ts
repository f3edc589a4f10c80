// The README's CSP advice, proved: under a strict Content-Security-Policy that allows only the
// script's origin (script-src) and the proxy's (connect-src), and no inline styles at all, the
// built widget renders, opens, submits and confirms with no violation reported.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { toNodeListener } from 'agent-chat-launcher/node';
import { createChatProxy } from 'agent-chat-launcher/proxy';
import { createSimulator, SIMULATOR_DEFAULTS } from 'agent-chat-launcher/simulator';

/** The policy the README quotes for a same-origin proxy and a self-hosted embed.js. */
export const STRICT_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

const PAGES: Record<string, string> = {
  '/embed.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict CSP</title>
    <script src="/dist/embed.js" data-endpoint="/api/agent-chat" data-channels="email,phone" defer></script></head>
    <body><h1>Strict CSP</h1></body></html>`,
  '/module.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict CSP</title>
    <script type="module" src="/dist/agent-chat-launcher.js"></script></head>
    <body><agent-chat-launcher endpoint="/api/agent-chat" channels="email,phone"></agent-chat-launcher></body></html>`,
};

describe('under a strict Content-Security-Policy', () => {
  let browser: Browser;
  let site: Server;
  let origin = '';

  before(async () => {
    const simulator = createSimulator(SIMULATOR_DEFAULTS);
    const proxy = toNodeListener(createChatProxy({ ...SIMULATOR_DEFAULTS, fetch: simulator.fetch, log: () => {} }));
    site = createServer(async (req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      if (path === '/api/agent-chat') return void proxy(req, res);
      if (path === '/favicon.ico') return void res.writeHead(204).end();
      res.setHeader('Content-Security-Policy', STRICT_CSP);
      if (PAGES[path]) {
        res.setHeader('Content-Type', 'text/html');
        res.end(PAGES[path]);
      } else if (path === '/dist/embed.js' || path === '/dist/agent-chat-launcher.js') {
        res.setHeader('Content-Type', 'text/javascript');
        res.end(await readFile(new URL(`../..${path}`, import.meta.url)));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    site?.close();
  });

  for (const page of Object.keys(PAGES)) {
    it(`${page}: renders styled, submits and confirms, with no violation`, async () => {
      const tab = await browser.newPage();
      await tab.addInitScript(() => {
        const w = window as unknown as { violations: string[] };
        w.violations = [];
        document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await tab.goto(`${origin}${page}`);
      const button = tab.locator('agent-chat-launcher [part=button]');
      // Styled: the shadow root's stylesheet applied (the launcher sits in the bottom-right corner).
      const box = (await button.boundingBox())!;
      const viewport = tab.viewportSize()!;
      assert.ok(viewport.width - (box.x + box.width) < 100 && viewport.height - (box.y + box.height) < 100, `launcher at ${JSON.stringify(box)}`);
      await button.click();
      await tab.locator('agent-chat-launcher [part=input]').fill('csp@example.com');
      await tab.locator('agent-chat-launcher [part=submit]').click();
      await tab.locator('agent-chat-launcher [part=confirmation]').waitFor();
      assert.deepEqual(await tab.evaluate(() => (window as unknown as { violations: string[] }).violations), []);
      assert.deepEqual(errors, []);
      await tab.close();
    });
  }
});
