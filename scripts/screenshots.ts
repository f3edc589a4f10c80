// Screenshots of every state of the widget (closed, teaser, open, invalid, sending, failed, sent)
// on desktop, phone, dark, right-to-left, forced colours (Windows high contrast), 200 % zoom and
// inline, for a person to look at. Serves a plain site page with the BUILT embed and proxy (vendor
// = simulator). Usage: npm run build && npx tsx scripts/screenshots.ts   (files go to screenshots/)
import { mkdirSync } from 'node:fs';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { distFile, startSite } from '../test/e2e/site.js';
import { launchChromium } from './chromium.js';

const out = 'screenshots';
mkdirSync(out, { recursive: true });

/** A site with a navigation bar at its top, so a panel that covered it would show. */
function sitePage(query: URLSearchParams): string {
  const dark = query.get('theme') === 'dark';
  const lang = query.get('lang') ?? 'en';
  const attributes = [...query].map(([name, value]) => `${name}="${value}"`).join(' ');
  return `<!doctype html><html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Harbor Dental</title>
<style>body{margin:0;font:16px/1.5 system-ui;background:${dark ? '#111418' : '#f6f7f9'};color:${dark ? '#e8eaee' : '#1d2330'}}
header{display:flex;justify-content:space-between;padding:16px 24px;background:${dark ? '#1c2027' : '#fff'};border-bottom:1px solid #8884}
main{padding:24px;max-width:720px}a{color:inherit}</style></head><body>
<header><strong>Harbor Dental</strong><nav><a href="#care">Care</a> · <a href="#visit">Visit</a> · <a href="#contact">Contact</a></nav></header>
<main><h1>Gentle dentistry on the waterfront</h1><p>${'Questions about a treatment, a bill or your next appointment? Our assistant can reach out. '.repeat(6)}</p>
<agent-chat-launcher endpoint="/api/agent-chat" business="Harbor Dental" teaser-delay="0.2" ${attributes}></agent-chat-launcher></main>
<script src="/dist/embed.js"></script></body></html>`;
}

// Every flow submits from 127.0.0.1: limits no flow meets.
const limits = { perIp: 1000, perContact: 1000, daily: 1000 };
const site = await startSite((path) => (path.startsWith('/dist/') ? { file: distFile(path) } : { html: '' }), { limits });
const browser = await launchChromium();

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300); // let animations settle
  await page.screenshot({ path: `${out}/${name}.png` });
  console.log(`${out}/${name}.png`);
}

let numbers = 0;

async function flow(name: string, options: BrowserContextOptions, attributes: Record<string, string> = {}): Promise<void> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const query = new URLSearchParams(attributes);
  await page.route('**/page', (route) => route.fulfill({ contentType: 'text/html', body: sitePage(query) }));
  await page.goto(`${site.origin}/page`);
  const widget = page.locator('agent-chat-launcher');
  const inline = attributes.mode === 'inline';
  if (!inline) {
    await shot(page, `${name}-1-closed`);
    if (attributes.teaser) {
      await widget.locator('[part=teaser]').waitFor();
      await shot(page, `${name}-2-teaser`);
    }
    await widget.locator('[part=button]').click();
  }
  await shot(page, `${name}-3-open`);
  await widget.locator('[part=submit]').click();
  await shot(page, `${name}-4-invalid`);
  await widget.locator('#country').selectOption('US');
  await widget.locator('#contact').fill(`(415) 555-01${10 + numbers++}`);
  const consent = widget.locator('#consent');
  if (await consent.count()) await consent.check();

  // Sending (the answer held back), then a failure, then the retry that goes through.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/agent-chat', async (route) => {
    await held;
    await route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'vendor_unavailable', message: 'x', retryable: true } }) });
  });
  await widget.locator('[part=submit]').click();
  await shot(page, `${name}-5-sending`);
  release();
  await widget.locator('[part=error]').waitFor();
  await shot(page, `${name}-6-failed`);
  await page.unroute('**/api/agent-chat');
  await widget.locator('[part=error] button, [part=submit]').first().click();
  await widget.locator('[part=confirmation]').waitFor();
  await shot(page, `${name}-7-sent`);
  await context.close();
}

const desktop = { viewport: { width: 1280, height: 800 }, locale: 'en-US' };
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US' };
try {
  await flow('desktop', desktop, { teaser: 'Questions? We can text you.' });
  await flow('phone', phone, { teaser: 'Questions? We can text you.' });
  await flow('dark', { ...desktop, colorScheme: 'dark' }, { theme: 'dark' });
  await flow('rtl', { ...desktop, locale: 'ar-EG' }, { lang: 'ar' });
  await flow('rtl-phone', { ...phone, locale: 'ar-EG' }, { lang: 'ar' });
  await flow('forced-colors', { ...desktop, forcedColors: 'active' });
  await flow('forced-colors-dark', { ...desktop, forcedColors: 'active', colorScheme: 'dark' });
  // 200 % zoom of a 1280×800 window: CSS sees 640×400.
  await flow('zoom200', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, locale: 'en-US' });
  await flow('zoom400', { viewport: { width: 320, height: 200 }, deviceScaleFactor: 4, locale: 'en-US' });
  await flow('inline', { ...desktop, viewport: { width: 1280, height: 1000 } }, { mode: 'inline' });
} finally {
  await browser.close();
  site.close();
}
