// Browser tests in real headless Chromium, with the REAL proxy handler (vendor = simulator)
// mounted on the test server, so a submission goes all the way through; React and Vue served
// as browser modules for the framework tests (test/browser/framework-modules.ts).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';

const { testServerMiddleware } = await tsImport('./test/browser/server.ts', import.meta.url);
const { frameworkModules, frameworkProxyMiddleware } = await tsImport('./test/browser/framework-modules.ts', import.meta.url);
const { forcedColorsPlugin } = await tsImport('./test/browser/media-plugin.ts', import.meta.url);

export default {
  files: 'test/browser/**/*.test.{ts,tsx}',
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 5000 } },
  testsFinishTimeout: 60_000,
  middleware: [testServerMiddleware(), await frameworkProxyMiddleware()],
  plugins: [esbuildPlugin({ ts: true, tsx: true, tsconfig: 'tsconfig.json', target: 'auto' }), frameworkModules(), forcedColorsPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
      },
    }),
  ],
};
