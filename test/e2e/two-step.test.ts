// Two-step loading of the built files, in real Chromium: a page pays for the launcher only; the
// panel follows on intent (hover, focus, touch), on open, or at once inline, from the directory the
// script came from, also from another origin with no CORS headers, under a CSP that allows only
// that origin and under a nonce CSP with 'strict-dynamic'; a failed panel file is retried calmly.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { distFile, startSite, type Resource, type Site } from './site.js';

const NONCE = 'r4nd0m-n0nce';

/** A content page with `head` in its <head>; the element's endpoint is the page's own proxy. */
const page = (head: string, body = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Two-step</title>${head}</head><body><h1>Shop</h1>${body}</body></html>`;

describe('two-step loading of dist/', () => {
  let browser: Browser;
  let site: Site;
  /**
   * Another origin serving dist/ as plain static files with no CORS headers, except on the module
   * file: a module script always needs CORS, the first file included; the later parts never do.
   */
  let cdn: Site;
  const pages: Record<string, { html: string; csp?: string }> = {};

  before(async () => {
    cdn = await startSite((path): Resource | undefined => {
      if (!path.startsWith('/dist/') || path.includes('..')) return undefined;
      return { file: distFile(path), headers: path === '/dist/agent-chat-launcher.js' ? { 'Access-Control-Allow-Origin': '*' } : undefined };
    });
    const fromCdn = `${cdn.origin}/dist`;
    Object.assign(pages, {
      '/embed.html': { html: page('<script src="/dist/embed.js" data-endpoint="/api/agent-chat" data-channels="email,phone" defer></script>') },
      '/module.html': {
        html: page('<script type="module" src="/dist/agent-chat-launcher.js"></script>', '<agent-chat-launcher endpoint="/api/agent-chat" channels="email"></agent-chat-launcher>'),
      },
      '/fr.html': {
        html: page('<script src="/dist/embed.js" data-endpoint="/api/agent-chat" data-channels="email" defer></script>').replace('lang="en"', 'lang="fr"'),
      },
      '/inline.html': { html: page('<script src="/dist/embed.js" data-endpoint="/api/agent-chat" data-mode="inline" data-channels="email"></script>') },
      '/show-early.html': {
        html: page(
          '<script src="/dist/embed.js" data-endpoint="/api/agent-chat" data-channels="email"></script>',
          '<script src="/show.js"></script>',
        ),
      },
      '/cdn.html': {
        html: page(`<script src="${fromCdn}/embed.js" data-endpoint="/api/agent-chat" data-channels="email" defer></script>`),
        // Scripts only from the CDN's origin, the proxy on the page's own, no inline styles.
        csp: `default-src 'none'; script-src ${cdn.origin}; connect-src 'self'; style-src 'none'; img-src 'none'; base-uri 'none'`,
      },
      '/cdn-module.html': {
        html: page(`<script type="module" src="${fromCdn}/agent-chat-launcher.js"></script>`, '<agent-chat-launcher endpoint="/api/agent-chat" channels="email"></agent-chat-launcher>'),
        csp: `default-src 'none'; script-src ${cdn.origin}; connect-src 'self'; style-src 'none'; base-uri 'none'`,
      },
      '/nonce.html': {
        html: page(`<script nonce="${NONCE}" src="/dist/embed.js" data-endpoint="/api/agent-chat" data-channels="email" defer></script>`),
        csp: `default-src 'none'; script-src 'nonce-${NONCE}' 'strict-dynamic'; connect-src 'self'; style-src 'none'; base-uri 'none'`,
      },
      '/nonce-only.html': {
        html: page(`<script nonce="${NONCE}" src="/dist/embed.js" data-endpoint="/api/agent-chat" data-channels="email" defer></script>`),
        csp: `default-src 'none'; script-src 'nonce-${NONCE}'; connect-src 'self'; style-src 'none'; base-uri 'none'`,
      },
    });
    site = await startSite((path): Resource | undefined => {
      // Runs right after embed.js has mounted the element (its DOMContentLoaded listener came first).
      const show = "addEventListener('DOMContentLoaded', () => document.querySelector('agent-chat-launcher').show())";
      if (path === '/show.js') return { html: show, headers: { 'Content-Type': 'text/javascript' } };
      if (path.startsWith('/dist/') && !path.includes('..')) return { file: distFile(path) };
      const found = pages[path];
      return found && { html: found.html, headers: found.csp ? { 'Content-Security-Policy': found.csp } : undefined };
    });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    site?.close();
    cdn?.close();
  });

  /** Opens `path` in a fresh context (empty cache), recording requests, CSP violations and errors. */
  async function visit(path: string): Promise<{ tab: Page; requests: string[]; problems: string[] }> {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    tab.on('request', (r) => requests.push(r.url().replace(site.origin, '').replace(cdn.origin, 'CDN')));
    tab.on('pageerror', (e) => problems.push(e.message));
    tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await tab.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await tab.goto(site.origin + path, { waitUntil: 'load' });
    return { tab, requests, problems };
  }

  const launcher = (tab: Page) => tab.locator('agent-chat-launcher [part=button]');
  const focusInPanel = (tab: Page) => tab.evaluate(() => !!document.querySelector('agent-chat-launcher')!.shadowRoot!.activeElement?.closest('[part=panel]'));
  const panelFiles = (requests: string[]) => requests.filter((r) => !r.endsWith('/embed.js') && !r.endsWith('/agent-chat-launcher.js') && r.includes('/dist/'));

  let visitors = 0;
  /** Submits an email (a new one each time: the proxy limits requests per contact) and waits for the confirmation. */
  async function submitEmail(tab: Page): Promise<void> {
    await tab.locator('agent-chat-launcher [part=input]').fill(`two-step-${++visitors}@example.com`);
    await tab.locator('agent-chat-launcher [part=submit]').click();
    await tab.locator('agent-chat-launcher [part=confirmation]').waitFor();
  }

  for (const path of ['/embed.html', '/module.html']) {
    it(`${path}: fetches nothing but the script until intent; hovering fetches the panel before the click`, async () => {
      const { tab, requests, problems } = await visit(path);
      await launcher(tab).waitFor();
      await tab.waitForTimeout(300);
      assert.deepEqual(panelFiles(requests), [], 'fetched before intent');
      await launcher(tab).hover();
      await tab.locator('agent-chat-launcher [part=panel][hidden]').waitFor({ state: 'attached' });
      assert.deepEqual(panelFiles(requests), ['/dist/panel.js']);
      await launcher(tab).click();
      await tab.locator('agent-chat-launcher [part=input]').waitFor();
      assert.deepEqual(panelFiles(requests), ['/dist/panel.js'], 'fetched more than the panel');
      assert.deepEqual(problems, []);
      await tab.context().close();
    });
  }

  it('focus on the launcher (keyboard) is intent too', async () => {
    const { tab, requests } = await visit('/embed.html');
    await launcher(tab).waitFor();
    await launcher(tab).focus();
    await tab.locator('agent-chat-launcher [part=panel]').waitFor({ state: 'attached' });
    await tab.keyboard.press('Enter');
    await tab.locator('agent-chat-launcher [part=input]').waitFor();
    assert.ok(await focusInPanel(tab), 'focus moved into the panel');
    assert.deepEqual(panelFiles(requests), ['/dist/panel.js']);
    await tab.context().close();
  });

  it('a touch on the launcher is intent too, and the tap opens the panel', async () => {
    const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 700 } });
    const tab = await context.newPage();
    const requests: string[] = [];
    tab.on('request', (r) => requests.push(r.url().replace(site.origin, '')));
    await tab.goto(`${site.origin}/embed.html`, { waitUntil: 'load' });
    await launcher(tab).tap();
    await tab.locator('agent-chat-launcher [part=input]').waitFor();
    assert.deepEqual(panelFiles(requests), ['/dist/panel.js']);
    await context.close();
  });

  it('show() before the panel arrived opens it as soon as it is there, focus inside', async () => {
    const { tab } = await visit('/show-early.html');
    await tab.locator('agent-chat-launcher [part=input]').waitFor();
    assert.equal(await tab.locator('agent-chat-launcher').getAttribute('open'), '');
    await tab.waitForFunction(() => document.querySelector('agent-chat-launcher')!.shadowRoot!.activeElement?.closest('[part=panel]'));
    await tab.context().close();
  });

  it('inline mode fetches the panel at once and shows the form', async () => {
    const { tab, requests } = await visit('/inline.html');
    await tab.locator('agent-chat-launcher [part=input]').waitFor();
    assert.deepEqual(panelFiles(requests), ['/dist/panel.js']);
    await tab.context().close();
  });

  for (const path of ['/cdn.html', '/cdn-module.html']) {
    it(`${path}: from another origin without CORS headers, under a CSP naming only that origin: no violation`, async () => {
      const { tab, requests, problems } = await visit(path);
      await launcher(tab).hover();
      await launcher(tab).click();
      await submitEmail(tab);
      assert.deepEqual(panelFiles(requests), ['CDN/dist/panel.js']);
      assert.deepEqual(problems, []);
      await tab.context().close();
    });
  }

  for (const path of ['/nonce.html', '/nonce-only.html']) {
    it(`${path}: under a nonce CSP the panel gets the loader's nonce: no violation`, async () => {
      const { tab, requests, problems } = await visit(path);
      await launcher(tab).click();
      await submitEmail(tab);
      assert.deepEqual(panelFiles(requests), ['/dist/panel.js']);
      assert.deepEqual(problems, []);
      await tab.context().close();
    });
  }

  it('a panel file that fails leaves the launcher working, says so with a retry, and the retry fetches again', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    let panelRequests = 0;
    await tab.route('**/dist/panel.js', (route) => (++panelRequests <= 2 ? route.fulfill({ status: 503, body: '' }) : route.continue()));
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(`${site.origin}/embed.html`);
    await launcher(tab).click();
    const failure = tab.locator('agent-chat-launcher [part=panel] [part=error]');
    await failure.waitFor();
    assert.match(await failure.innerText(), /could not be loaded/i);
    // The launcher still closes it, and opening again is the next attempt: it fetches again.
    await launcher(tab).click();
    assert.equal(await tab.locator('agent-chat-launcher').getAttribute('open'), null);
    await launcher(tab).click();
    await tab.waitForFunction(() => document.querySelector('agent-chat-launcher')!.shadowRoot!.querySelector('[part=error]'));
    assert.equal(panelRequests, 2);
    await tab.locator('agent-chat-launcher [part=panel] button').click();
    await tab.locator('agent-chat-launcher [part=input]').waitFor();
    assert.equal(panelRequests, 3);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a French page fetches the panel and the French texts, nothing else', async () => {
    const { tab, requests, problems } = await visit('/fr.html');
    await launcher(tab).hover();
    await launcher(tab).click();
    await tab.locator('agent-chat-launcher [part=input]').waitFor();
    assert.match(await tab.locator('agent-chat-launcher [part=header]').innerText(), /Recevez un message/);
    assert.deepEqual(panelFiles(requests).sort(), ['/dist/locales/fr.js', '/dist/panel.js']);
    assert.deepEqual(problems, []);
    await tab.context().close();
  });

  it('a late language: the panel shows in English first, then in French, keeping what was typed', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await tab.route('**/dist/locales/fr.js', async (route) => {
      await held;
      await route.continue();
    });
    await tab.goto(`${site.origin}/fr.html`);
    await launcher(tab).click();
    const input = tab.locator('agent-chat-launcher [part=input]');
    await input.waitFor();
    assert.match(await tab.locator('agent-chat-launcher [part=header]').innerText(), /Get a message/);
    await input.fill('typed-before@example.com');
    release();
    await tab.locator('agent-chat-launcher [part=header]', { hasText: 'Recevez un message' }).waitFor();
    assert.equal(await input.inputValue(), 'typed-before@example.com');
    await context.close();
  });

  it('a language file that fails leaves the panel in English, and opening again tries again', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    let languageRequests = 0;
    await tab.route('**/dist/locales/fr.js', (route) => (++languageRequests === 1 ? route.fulfill({ status: 404, body: '' }) : route.continue()));
    await tab.goto(`${site.origin}/fr.html`);
    await launcher(tab).click();
    await tab.locator('agent-chat-launcher [part=input]').waitFor();
    assert.match(await tab.locator('agent-chat-launcher [part=header]').innerText(), /Get a message/);
    await launcher(tab).click();
    await launcher(tab).click();
    await tab.locator('agent-chat-launcher [part=header]', { hasText: 'Recevez un message' }).waitFor();
    assert.equal(languageRequests, 2);
    await context.close();
  });
});
