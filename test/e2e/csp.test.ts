// The README's CSP advice, proved: under a strict Content-Security-Policy that allows only the
// script's origin (script-src) and the proxy's (connect-src), and no inline styles at all, the
// built widget renders, opens, submits and confirms with no violation reported.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { distFile, startSite, type Site } from './site.js';

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
  let site: Site;
  let origin = '';

  before(async () => {
    site = await startSite((path) => {
      const headers = { 'Content-Security-Policy': STRICT_CSP };
      if (PAGES[path]) return { html: PAGES[path], headers };
      // The built files: the first one and the panel it fetches later, from the same directory.
      if (path.startsWith('/dist/') && !path.includes('..')) return { file: distFile(path), headers };
      return undefined;
    });
    origin = site.origin;
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
