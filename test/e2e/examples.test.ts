// The examples/ folders as a site owner's project would use them, against the BUILT package
// installed as node_modules/agent-chat-launcher: they type-check (React JSX, event map, tag map),
// the Next.js page renders on the server, the Next.js route handler, the Cloudflare Worker and the
// Express app answer through a simulated vendor, and the plain HTML pages work in Chromium.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/chromium.js';
import { startSite, type Site } from './site.js';
import { toNodeListener } from 'agent-chat-launcher/node';
import { createSimulator, SIMULATOR_DEFAULTS } from 'agent-chat-launcher/simulator';

const run = promisify(execFile);
const repo = fileURLToPath(new URL('../../', import.meta.url));
/**
 * A throwaway project: the example sources, node_modules/agent-chat-launcher linked to this
 * package (as `npm install` of a tarball would resolve it: through package.json "exports"),
 * and the framework packages the examples need.
 */
function makeConsumer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-chat-launcher-consumer-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(repo, join(dir, 'node_modules', 'agent-chat-launcher'), 'dir');
  for (const dep of ['react', 'react-dom', 'express', '@types']) symlinkSync(join(repo, 'node_modules', dep), join(dir, 'node_modules', dep), 'dir');
  cpSync(join(repo, 'examples/react/src'), join(dir, 'react'), { recursive: true });
  cpSync(join(repo, 'examples/nextjs/app'), join(dir, 'nextjs/app'), { recursive: true });
  cpSync(join(repo, 'examples/cloudflare-worker/src'), join(dir, 'worker'), { recursive: true });
  for (const file of ['app.ts', 'server.ts']) cpSync(join(repo, 'examples/express', file), join(dir, 'express', file));
  cpSync(join(repo, 'test/e2e/fixtures/types-usage.tsx'), join(dir, 'types-usage.tsx'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        lib: ['es2023', 'dom', 'dom.iterable'],
        types: ['node'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
      },
      include: ['**/*.ts', '**/*.tsx'],
      exclude: ['node_modules'],
    }),
  );
  return dir;
}

/** Runs a TypeScript file of the consumer project in Node (tsx, with the consumer's tsconfig). */
async function runInConsumer(dir: string, file: string, env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run(process.execPath, ['--import', import.meta.resolve('tsx'), file], {
    cwd: dir,
    env: { ...process.env, ...env, TSX_TSCONFIG_PATH: join(dir, 'tsconfig.json') },
  });
  return stdout;
}

describe('examples/ against the built package', () => {
  let dir: string;
  let vendor: Server;
  let vendorUrl = '';

  before(async () => {
    dir = makeConsumer();
    // The simulated vendor over real HTTP, so the examples configure themselves from the environment.
    vendor = createServer(toNodeListener(createSimulator(SIMULATOR_DEFAULTS).fetch));
    await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
    vendorUrl = `http://127.0.0.1:${(vendor.address() as AddressInfo).port}/v1`;
  });

  after(() => {
    vendor?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('type-check with the published declarations (React JSX, event detail types, tag map)', async () => {
    const tsc = join(repo, 'node_modules/.bin/tsc');
    const result = await run(tsc, ['-p', join(dir, 'tsconfig.json')], { cwd: dir }).catch((e: { stdout: string }) => e);
    assert.equal(result.stdout, '', `tsc reported:\n${result.stdout}`);
  });

  it('render the Next.js page with its client component on the server, with no DOM', async () => {
    writeFileSync(
      join(dir, 'ssr.tsx'),
      `import { renderToString } from 'react-dom/server';
       import Page from './nextjs/app/page';
       console.log(renderToString(<Page />));`,
    );
    const html = await runInConsumer(dir, 'ssr.tsx');
    assert.match(html, /<agent-chat-launcher endpoint="\/api\/agent-chat" channels="phone,whatsapp,email" business="Harbor Dental"><\/agent-chat-launcher>/);
  });

  it('answer a request through the Next.js route handler, the Cloudflare Worker and the Express app', async () => {
    writeFileSync(
      join(dir, 'handlers.ts'),
      `import { POST } from './nextjs/app/api/agent-chat/route';
       import worker from './worker/worker';
       import { app } from './express/app';
       const request = (url: string, contact: string) => new Request(url, {
         method: 'POST', headers: { 'content-type': 'application/json' },
         body: JSON.stringify({ type: 'email', contact, hp: '' }) });
       const next = await POST(request('http://localhost:3000/api/agent-chat', 'next@example.com'));
       const edge = await worker.fetch(request('https://proxy.example/api/agent-chat', 'worker@example.com'), process.env);
       const other = await worker.fetch(new Request('https://proxy.example/elsewhere'), process.env);
       const server = app.listen(0, '127.0.0.1');
       await new Promise((resolve) => server.once('listening', resolve));
       const { port } = server.address() as { port: number };
       const viaExpress = await fetch(request(\`http://127.0.0.1:\${port}/api/agent-chat\`, 'express@example.com'));
       server.close();
       console.log(JSON.stringify({ next: [next.status, await next.json()], worker: [edge.status, await edge.json()], other: other.status, express: [viaExpress.status, await viaExpress.json()] }));`,
    );
    // The proxy logs one JSON line per request on stdout; the script's answer is the last line.
    const lines = (
      await runInConsumer(dir, 'handlers.ts', {
        WHIPPY_API_KEY: SIMULATOR_DEFAULTS.apiKey,
        WHIPPY_AGENT_ID: SIMULATOR_DEFAULTS.agentId,
        WHIPPY_BASE_URL: vendorUrl,
        CHANNEL_EMAIL: SIMULATOR_DEFAULTS.channels.email,
      })
    )
      .trim()
      .split('\n');
    const out = JSON.parse(lines.at(-1)!);
    assert.equal(out.next[0], 201);
    assert.equal(out.next[1].status, 'started');
    assert.equal(out.worker[0], 201);
    assert.equal(out.other, 404);
    assert.equal(out.express[0], 201);
    assert.equal(out.express[1].status, 'started');
  });
});

describe('examples/html in Chromium', () => {
  let browser: Browser;
  let site: Site;
  let origin = '';

  before(async () => {
    // The example pages as a site would serve them: the two built files under /agent-chat-launcher/.
    site = await startSite((path) => ({
      file: path.startsWith('/agent-chat-launcher/') ? join(repo, 'dist', path.slice('/agent-chat-launcher/'.length)) : join(repo, 'examples/html', path),
    }));
    origin = site.origin;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    site?.close();
  });

  for (const page of ['index.html', 'inline.html']) {
    it(`${page}: a visitor's request reaches the page's own launcher-success listener`, async () => {
      const tab = await browser.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (e) => errors.push(e.message));
      tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await tab.goto(`${origin}/${page}`);
      if (page === 'index.html') await tab.locator('agent-chat-launcher [part=button]').click();
      else assert.match(await tab.locator('agent-chat-launcher [part=header]').innerText(), /Hear from Harbor Dental/);
      await tab.locator('agent-chat-launcher [part=input]').fill(`html-${page}@example.com`);
      await tab.locator('agent-chat-launcher [part=submit]').click();
      await tab.locator('#status', { hasText: 'Requested: email, started' }).waitFor();
      assert.deepEqual(errors, []);
      await tab.close();
    });
  }
});
