// The CLI run as a service: Prometheus metrics on METRICS_PORT, and a graceful stop on SIGTERM that
// still answers the visitor whose request is running (a rolling update loses no request).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { withSimulatorDefaults } from '../../src/cli/setup.js';
import { toNodeListener } from '../../src/proxy/adapters/node.js';
import { settingsFromEnv } from '../../src/proxy/index.js';
import { SIMULATOR_DEFAULTS, createSimulator } from '../../src/simulator/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VENDOR_LATENCY_MS = 1500;

interface Cli {
  child: ChildProcess;
  /** stdout lines so far. */
  lines: string[];
  /** Resolves with the first stdout line matching `pattern`. */
  line(pattern: RegExp): Promise<string>;
  exit: Promise<number | null>;
}

function startCli(env: Record<string, string>, args: string[] = []): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/agent-chat-proxy.ts', ...args], {
    cwd: ROOT,
    // No receipts unless a test gives RECEIPTS: the default directory is in the working copy.
    env: { PATH: process.env.PATH ?? '', PORT: '0', RECEIPTS: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiting: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  let buffer = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const complete = buffer.split('\n');
    buffer = complete.pop()!;
    for (const line of complete) {
      lines.push(line);
      for (const wait of waiting.filter((w) => w.pattern.test(line))) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(line);
      }
    }
  });
  child.stderr!.resume();
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    lines,
    exit,
    line: (pattern) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiting.push({ pattern, resolve });
        void exit.then((code) => reject(new Error(`exited with ${code} before printing ${pattern}`)));
      });
    },
  };
}

function chat(url: string, contact: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
    body: JSON.stringify({ type: 'phone', contact, consent: true }),
  });
}

const urlIn = (line: string) => /(http:\/\/\S+)/.exec(line)![1]!;

/** Whether a new TCP connection to `url`'s port is refused. */
function refuses(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

describe('agent-chat-proxy as a service', () => {
  // The vendor over real HTTP, slow, telling the test when a request reaches it.
  let vendor: Server;
  let vendorEnv: Record<string, string>;
  let arrivals: Array<() => void> = [];
  const nextArrival = () => new Promise<void>((resolve) => arrivals.push(resolve));

  before(async () => {
    const simulator = createSimulator({ latencyMs: VENDOR_LATENCY_MS });
    vendor = createServer(
      toNodeListener(async (request) => {
        for (const arrived of arrivals.splice(0)) arrived();
        return simulator.fetch(request);
      }),
    );
    await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
    vendorEnv = {
      WHIPPY_API_KEY: SIMULATOR_DEFAULTS.apiKey,
      WHIPPY_AGENT_ID: SIMULATOR_DEFAULTS.agentId,
      WHIPPY_BASE_URL: `http://127.0.0.1:${(vendor.address() as AddressInfo).port}/v1`,
      CHANNEL_PHONE: SIMULATOR_DEFAULTS.channels.phone!,
    };
  });

  after(() => {
    vendor.closeAllConnections();
    vendor.close();
  });

  test('METRICS_PORT serves Prometheus text on its own port, moving as requests arrive; the chat port has no /metrics', async () => {
    const cli = startCli({ METRICS_PORT: '0' }, ['--simulate']);
    try {
      const chatUrl = urlIn(await cli.line(/listening on/));
      const metricsUrl = urlIn(await cli.line(/metrics on/));
      assert.match(metricsUrl, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      assert.notEqual(new URL(metricsUrl).port, new URL(chatUrl).port);
      const count = async () => /^agent_chat_requests_total\{status="201",code=""\} (\d+)$/m.exec(await (await fetch(metricsUrl)).text())?.[1] ?? '0';

      assert.equal(await count(), '0');
      assert.equal((await chat(chatUrl, '+14155550123')).status, 201);
      assert.equal((await chat(chatUrl, '+14155551000')).status, 201);
      assert.equal(await count(), '2');
      assert.equal((await fetch(new URL('/metrics', chatUrl))).status, 404);
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  test('METRICS_PORT and SHUTDOWN_GRACE_MS: defaults, and a bad value named', () => {
    const env = withSimulatorDefaults({});
    assert.deepEqual(settingsFromEnv(env).service, { shutdownGraceMs: 10_000 });
    assert.deepEqual(settingsFromEnv({ ...env, METRICS_PORT: '9464', SHUTDOWN_GRACE_MS: '25000' }).service, { metricsPort: 9464, shutdownGraceMs: 25_000 });
    assert.throws(() => settingsFromEnv({ ...env, METRICS_PORT: '8787' }), /METRICS_PORT must differ from PORT/);
    assert.throws(() => settingsFromEnv({ ...env, METRICS_PORT: 'ninety' }), /^SettingsError: METRICS_PORT/);
    assert.throws(() => settingsFromEnv({ ...env, SHUTDOWN_GRACE_MS: '-1' }), /^SettingsError: SHUTDOWN_GRACE_MS/);
  });

  test('SIGTERM during a slow vendor call: that visitor still gets the answer and its receipt, new connections are refused, exit 0', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'agent-chat-shutdown-'));
    const cli = startCli({ ...vendorEnv, RECEIPTS: join(directory, 'receipts') });
    try {
      const chatUrl = urlIn(await cli.line(/listening on/));
      const arrived = nextArrival();
      const answer = chat(chatUrl, '+14155550123');
      await arrived;
      const signalled = performance.now();
      cli.child.kill('SIGTERM');

      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(await refuses(chatUrl), 'a new connection after SIGTERM is refused');
      const response = await answer;
      assert.equal(response.status, 201);
      const body = await response.json();
      assert.equal(body.status, 'started');
      assert.match(body.receipt, /^[0-9a-f-]{36}$/, 'the receipt was written before the database closed');
      assert.equal(await cli.exit, 0);
      assert.ok(performance.now() - signalled < VENDOR_LATENCY_MS + 3000, 'exits once the last request is answered');
      assert.ok(cli.lines.some((line) => /"status":201/.test(line)), 'the request was logged');
    } finally {
      cli.child.kill('SIGKILL');
      rmSync(directory, { recursive: true, force: true });
    }
  });

  test('SHUTDOWN_GRACE_MS bounds the wait: past it the CLI exits 0 without the vendor answer', async () => {
    const cli = startCli({ ...vendorEnv, SHUTDOWN_GRACE_MS: '200' });
    try {
      const chatUrl = urlIn(await cli.line(/listening on/));
      const arrived = nextArrival();
      const answer = chat(chatUrl, '+14155551000').catch((error: Error) => error);
      await arrived;
      const signalled = performance.now();
      cli.child.kill('SIGTERM');
      assert.equal(await cli.exit, 0);
      assert.ok(performance.now() - signalled < VENDOR_LATENCY_MS, 'did not wait for the vendor');
      assert.ok((await answer) instanceof Error, 'the connection was cut');
    } finally {
      cli.child.kill('SIGKILL');
    }
  });
});
