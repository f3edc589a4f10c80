// Clicks through the running demo (`npm start`) in Chromium and saves a screenshot of each state
// to screenshots/, for a person to look at. Usage: npx tsx scripts/screenshots.ts [url]
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium.js';

const url = process.argv[2] ?? 'http://127.0.0.1:5173/';
const out = 'screenshots';
mkdirSync(out, { recursive: true });

const browser = await launchChromium();

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(250); // let the opening animation finish
  await page.screenshot({ path: `${out}/${name}.png` });
  console.log(`${out}/${name}.png`);
}

let flows = 0;

async function flow(name: string, options: Parameters<typeof browser.newPage>[0], query = ''): Promise<void> {
  const page = await browser.newPage(options);
  await page.goto(url + query);
  const widget = page.locator('agent-chat-launcher');
  await shot(page, `${name}-closed`);
  if (!query.includes('inline')) await widget.locator('[part=button]').click();
  else await widget.scrollIntoViewIfNeeded();
  await shot(page, `${name}-open`);
  await widget.locator('[part=submit]').click();
  await shot(page, `${name}-invalid`);
  await widget.locator('#country').selectOption('US');
  await widget.locator('#contact').fill(`(415) 555-01${10 + flows++}`);
  await widget.locator('#consent').check();
  await widget.locator('[part=submit]').click();
  await widget.locator('[part=confirmation]').waitFor();
  await shot(page, `${name}-success`);
  await page.close();
}

await flow('desktop', { viewport: { width: 1200, height: 800 }, locale: 'en-US' });
await flow('phone', { viewport: { width: 390, height: 760 }, isMobile: true, hasTouch: true, locale: 'en-US' });
await flow('dark', { viewport: { width: 1200, height: 800 }, colorScheme: 'dark', locale: 'en-US' });
await flow('rtl', { viewport: { width: 1200, height: 800 }, locale: 'ar-EG' }, '?lang=ar');
await flow('inline', { viewport: { width: 1000, height: 900 }, locale: 'en-US' }, '?mode=inline');
await browser.close();
