// The package as a newcomer installs it before it is published: `npm pack`, then `npm install` of the
// tarball into an empty project, also with --legacy-peer-deps (still common), which installs no peer
// dependency; the CLI runs from there. The examples depend on that same tarball.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('installing the packed tarball', () => {
  let dir = '';
  let tarball = '';
  let installLog = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agent-chat-install-'));
    // The build is `npm test`'s step before this one; no scripts, so packing builds nothing.
    const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT });
    tarball = (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename;
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'site', private: true, type: 'module' }));
    // From npm's cache, as this machine has no network beyond the registry; the registry when missing.
    installLog = (await run('npm', ['install', `./${tarball}`, '--legacy-peer-deps', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir })).stderr;
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('installs with no engine warning: every dependency runs on this Node', () => {
    assert.doesNotMatch(installLog, /EBADENGINE/);
  });

  it('installs with --legacy-peer-deps and the CLI prints its help', async () => {
    const { stdout } = await run(join(dir, 'node_modules/.bin/agent-chat-proxy'), ['--help'], { cwd: dir });
    assert.match(stdout, /Usage: agent-chat-proxy/);
  });

  it('the installed CLI serves a chat with --simulate and stops on SIGTERM', { timeout: 30_000 }, async () => {
    const child = spawn(join(dir, 'node_modules/.bin/agent-chat-proxy'), ['--simulate'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
          const found = /listening on (\S+)/.exec(chunk);
          if (found) resolve(found[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'email', contact: 'installed@example.com', hp: '' }),
      });
      assert.equal(response.status, 201);
      child.kill('SIGTERM');
      assert.deepEqual(await once(child, 'exit'), [0, null]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('every example with a package.json depends on this tarball, from the repository root', () => {
    const examples = readdirSync(join(ROOT, 'examples'), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    let checked = 0;
    for (const { name } of examples) {
      let manifest: { dependencies?: Record<string, string> };
      try {
        manifest = JSON.parse(readFileSync(join(ROOT, 'examples', name, 'package.json'), 'utf8'));
      } catch {
        continue; // html/: no package.json, served as files
      }
      assert.equal(manifest.dependencies?.['agent-chat-launcher'], `file:../../${tarball}`, `examples/${name}`);
      checked += 1;
    }
    assert.ok(checked >= 5);
  });
});
