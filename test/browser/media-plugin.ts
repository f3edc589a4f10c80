// A test-runner command the stock emulateMedia lacks for Chrome (Puppeteer refuses the feature):
// forced colours (Windows high contrast), through the DevTools protocol. Reduced motion stays on,
// as the rest of the suite expects (Chromium keeps one set of emulated media features per page).
import type { TestRunnerPlugin } from '@web/test-runner';

interface CdpPage {
  createCDPSession(): Promise<{ send(method: string, params: object): Promise<unknown> }>;
}

export function forcedColorsPlugin(): TestRunnerPlugin {
  return {
    name: 'forced-colors-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'forced-colors') return undefined;
      const page = (session.browser as unknown as { getPage(id: string): CdpPage }).getPage(session.id);
      const cdp = await page.createCDPSession();
      const value = (payload as { active?: boolean })?.active ? 'active' : 'none';
      await cdp.send('Emulation.setEmulatedMedia', {
        features: [
          { name: 'forced-colors', value },
          { name: 'prefers-reduced-motion', value: 'reduce' },
        ],
      });
      return true;
    },
  };
}
