// Debian's Chromium (or CHROME_PATH) for the e2e tests, benchmarks and screenshots, with the flags
// this machine needs: root requires --no-sandbox, and a closed network wants no background traffic.
import { chromium, type Browser } from 'playwright-core';

export const CHROME_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROME_ARGS });
}
