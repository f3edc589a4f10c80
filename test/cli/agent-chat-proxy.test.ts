// End-to-end tests of the real `agent-chat-proxy` CLI, spawned as a child process.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { SKIP_REDIS, startRedis } from '../proxy/redis-server.js';
import { ENV_SETTINGS } from '../../src/proxy/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = 'src/cli/agent-chat-proxy.ts';

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  // Only what is given: settings from the developer's shell must not leak in. Receipts off unless
  // a test gives RECEIPTS: the default directory is in the working copy.
  return spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', RECEIPTS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = start(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code, stdout, stderr };
}

/** Resolves with the first stdout line matching `pattern`. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const onData = (chunk: string) => {
      buffer += chunk;
      const line = buffer.split('\n').find((candidate) => pattern.test(candidate));
      if (line) {
        child.stdout!.off('data', onData);
        resolve(line);
      }
    };
    child.stdout!.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing ${pattern}`)));
  });
}

describe('agent-chat-proxy CLI', () => {
  test('a bad setting exits 1 with one stderr line naming it', async () => {
    const { code, stderr } = await run([], { WHIPPY_API_KEY: 'k', WHIPPY_AGENT_ID: 'not-a-uuid' });
    assert.equal(code, 1);
    assert.match(stderr, /WHIPPY_AGENT_ID must be a UUID/);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.doesNotMatch(stderr, /\bat .+:\d+:\d+/, 'no stack trace');
  });

  test('a bad setting also stops --simulate', async () => {
    const { code, stderr } = await run(['--simulate'], { PORT: 'eighty' });
    assert.equal(code, 1);
    assert.match(stderr, /PORT/);
  });

  test('without WHIPPY_API_KEY and without --simulate it exits 1 naming the key', async () => {
    const { code, stderr } = await run([], { WHIPPY_AGENT_ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' });
    assert.equal(code, 1);
    assert.match(stderr, /WHIPPY_API_KEY/);
    assert.match(stderr, /--simulate/);
  });

  test('--help prints usage and exits 0; an unknown option exits 1', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: agent-chat-proxy/);
    for (const { name } of ENV_SETTINGS) assert.match(help.stdout, new RegExp(`^  ${name} `, 'm'), `--help names ${name}`);
    const unknown = await run(['--nope']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /--nope/);
  });

  test('--simulate with PORT=0: prints its URL, serves /healthz and a chat end to end, logs masked, closes on SIGTERM', async () => {
    const child = start(['--simulate'], { PORT: '0' });
    try {
      const line = await waitForLine(child, /listening on/);
      const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      assert.ok(url, line);
      assert.match(line, /simulated vendor/);
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/agent-chat$/);
      assert.notEqual(new URL(url).port, '0');

      const health = await fetch(new URL('/healthz', url));
      assert.equal(health.status, 200);
      assert.deepEqual(await health.json(), { ok: true });

      const logged = waitForLine(child, /"status":201/);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({ type: 'phone', contact: '+14155550123', consent: true }),
      });
      assert.equal(response.status, 201);
      const body = await response.json();
      assert.equal(body.status, 'started');
      assert.equal(typeof body.id, 'string');

      const entry = JSON.parse(await logged);
      assert.equal(entry.contact, '+1415•••0123');
      assert.equal(entry.type, 'phone');

      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  test('RECEIPTS: a receipt per session with the exact consent text; the directory is this process\'s; `receipts` lists it once it stopped', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'agent-chat-cli-receipts-'));
    const receipts = { RECEIPTS: join(directory, 'receipts') };
    const child = start(['--simulate'], { PORT: '0', ...receipts });
    try {
      const url = listeningUrl(await waitForLine(child, /listening on/));
      const consentText = 'I agree that Harbor Dental’s AI assistant may text me at this number. «Msg & data rates may apply», "STOP" to end.';
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID(), 'User-Agent': 'cli-test' },
        body: JSON.stringify({ type: 'phone', contact: '+14155550123', consent: true, consent_text: consentText, page: 'https://harbor.example/' }),
      });
      assert.equal(response.status, 201);
      const { receipt, id } = await response.json();
      assert.match(receipt, /^[0-9a-f-]{36}$/);

      const second = await run(['--simulate'], { PORT: '0', ...receipts });
      assert.equal(second.code, 1);
      assert.match(second.stderr, /^agent-chat-proxy: RECEIPTS: the receipts directory .+ is in use by another process/);
      const reader = await run(['receipts'], receipts);
      assert.equal(reader.code, 1);
      assert.match(reader.stderr, /in use by another process/);

      child.kill('SIGTERM');
      assert.deepEqual(await once(child, 'exit'), [0, null]);
      const listed = await run(['receipts', '--format', 'json', '--contact', '+1 415-555-0123'], receipts);
      assert.equal(listed.code, 0, listed.stderr);
      const [kept, ...more] = JSON.parse(listed.stdout);
      assert.deepEqual(more, []);
      assert.equal(kept.id, receipt);
      assert.equal(kept.vendor_session_id, id);
      assert.equal(kept.consent_text, consentText);
      assert.equal(kept.user_agent, 'cli-test');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(directory, { recursive: true, force: true });
    }
  });

  test('HOST and CHAT_PATH: serves the chat at that path only', async () => {
    const child = start(['--simulate'], { PORT: '0', HOST: '127.0.0.1', CHAT_PATH: '/hooks/chat' });
    try {
      const url = listeningUrl(await waitForLine(child, /listening on/));
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/hooks\/chat$/);
      assert.equal((await chat(url, crypto.randomUUID(), '+14155550123')).status, 201);
      assert.equal((await chat(new URL('/api/agent-chat', url).href, crypto.randomUUID(), '+14155550123')).status, 404);
    } finally {
      child.kill('SIGKILL');
    }
  });

  test('an unreachable REDIS_URL exits 1 with one line naming it, without its password', async () => {
    const { code, stderr } = await run(['--simulate'], { PORT: '0', REDIS_URL: 'redis://:hunter2@127.0.0.1:1' });
    assert.equal(code, 1);
    assert.match(stderr, /^agent-chat-proxy: REDIS_URL cannot connect to redis:\/\/:\*\*\*@127\.0\.0\.1:1/);
    assert.doesNotMatch(stderr, /hunter2/);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
  });

  test('two processes on one REDIS_URL act as one: replays and limits across them', { skip: SKIP_REDIS }, async () => {
    const redis = await startRedis();
    const env = { PORT: '0', REDIS_URL: redis.url, RATE_LIMIT_IP: '2' };
    const one = start(['--simulate'], env);
    const two = start(['--simulate'], env);
    try {
      const [urlOne, urlTwo] = (await Promise.all([waitForLine(one, /listening on/), waitForLine(two, /listening on/)])).map(listeningUrl);
      const key = crypto.randomUUID();
      const first = await chat(urlOne!, key, '+14155550123');
      assert.equal(first.status, 201);
      const replay = await chat(urlTwo!, key, '+14155550123');
      assert.equal(replay.status, 201);
      assert.equal(replay.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await replay.json(), await first.json());
      assert.equal((await chat(urlTwo!, crypto.randomUUID(), '+14155551000')).status, 201);
      const limited = await chat(urlOne!, crypto.randomUUID(), '+14155559876');
      assert.equal(limited.status, 429, 'the third request from this IP, over both processes');
      assert.ok(Number(limited.headers.get('retry-after')) > 0);
    } finally {
      one.kill('SIGKILL');
      two.kill('SIGKILL');
      await redis.stop();
    }
  });
});

function listeningUrl(line: string): string {
  const url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
  assert.ok(url, line);
  return url;
}

function chat(url: string, key: string, contact: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
    body: JSON.stringify({ type: 'phone', contact, consent: true }),
  });
}
