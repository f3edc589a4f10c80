// `npm start` as a developer runs it: PORT and HOST choose where the demo listens, and the page and
// its proxy answer there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freePort } from '../proxy/redis-server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('npm start', () => {
  it('listens on PORT and HOST, serving the demo page and the proxy', { timeout: 30_000 }, async () => {
    const port = await freePort();
    const child = spawn('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    try {
      let output = '';
      await new Promise<void>((resolve, reject) => {
        child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
          output += chunk;
          if (output.includes(`http://127.0.0.1:${port}/`)) resolve();
        });
        child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
      });
      const page = await fetch(`http://127.0.0.1:${port}/demo/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /agent-chat-launcher/);
      const chat = await fetch(`http://127.0.0.1:${port}/api/agent-chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'email', contact: 'start@example.com', hp: '' }),
      });
      assert.equal(chat.status, 201);
    } finally {
      // npm runs Vite in a child of its own: stop the whole group this test started.
      process.kill(-child.pid!, 'SIGTERM');
    }
  });
});
