// The Node adapters: toNodeListener in a plain http server, and startProxyServer's routes, port and shutdown.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startProxyServer, toNodeListener, type ProxyServer } from '../../src/proxy/adapters/node.js';
import type { ClientInfo } from '../../src/proxy/index.js';
import { phoneBody, setup } from './support.js';

describe('toNodeListener', () => {
  test('serves the handler from http.createServer, passing the socket address as clientIp', async () => {
    const seen: Array<{ info: ClientInfo | undefined; body: string; host: string | null }> = [];
    const server = createServer(
      toNodeListener(async (request, info) => {
        seen.push({ info, body: await request.text(), host: request.headers.get('host') });
        return Response.json({ ok: true }, { status: 201 });
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/anything`, { method: 'POST', body: '{"a":1}' });
      assert.equal(response.status, 201);
      assert.deepEqual(await response.json(), { ok: true });
      assert.equal(seen[0]!.info?.clientIp, '127.0.0.1');
      assert.equal(seen[0]!.body, '{"a":1}');
      assert.equal(seen[0]!.host, `127.0.0.1:${port}`);
    } finally {
      server.close();
    }
  });
});

describe('startProxyServer', () => {
  let server: ProxyServer;
  const { handler, simulator } = setup();

  before(async () => {
    server = await startProxyServer({ handler, port: 0, chatPath: '/api/agent-chat' });
  });
  after(() => server.close());

  test('port 0 picks a free port and the URL carries it', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/agent-chat$/);
    assert.notEqual(new URL(server.url).port, '0');
    assert.equal(server.origin, new URL(server.url).origin);
  });

  test('GET /healthz → 200 {"ok":true}', async () => {
    const response = await fetch(`${server.origin}/healthz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ok: true });
  });

  test('any other path → 404 JSON', async () => {
    const response = await fetch(`${server.origin}/nope`);
    assert.equal(response.status, 404);
    assert.equal((await response.json()).error.code, 'not_found');
  });

  test('POST chatPath reaches the vendor: 201 started', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.origin },
      body: JSON.stringify(phoneBody()),
    });
    assert.equal(response.status, 201);
    assert.equal((await response.json()).status, 'started');
    assert.equal(simulator.received.length, 1);
  });

  test('GET chatPath → the handler\'s 405 with Allow', async () => {
    const response = await fetch(server.url);
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('allow'), 'POST, OPTIONS');
  });

  test('a large chunked body gets a readable 413 over a real socket', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(server.url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      request.on('error', reject);
      // No Content-Length: Node sends it chunked.
      for (let i = 0; i < 64; i++) request.write(' '.repeat(1024));
      request.end();
    });
    assert.equal(status, 413);
    assert.equal(JSON.parse(body).error.code, 'payload_too_large');
  });

  test('close() stops listening', async () => {
    const other = await startProxyServer({ handler, port: 0 });
    await other.close();
    await assert.rejects(fetch(`${other.origin}/healthz`));
  });
});

/** Sends raw bytes on a socket; resolves with everything the server wrote until it closed the connection. */
function rawExchange(origin: string, write: (socket: Socket) => void): Promise<{ text: string; ms: number }> {
  const { hostname, port } = new URL(origin);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => write(socket));
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk) => (text += chunk));
    socket.on('close', () => resolve({ text, ms: performance.now() - started }));
    socket.on('error', reject);
  });
}

describe('startProxyServer: slow and vanishing clients', () => {
  test('headers not finished in time: 408 and the connection closed', async () => {
    const { handler } = setup();
    const server = await startProxyServer({ handler, port: 0, headersTimeoutMs: 300, requestTimeoutMs: 600 });
    try {
      const { text, ms } = await rawExchange(server.origin, (socket) => socket.write('POST /api/agent-chat HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
      assert.match(text, /^HTTP\/1\.1 408/);
      assert.ok(ms < 5000, `${ms} ms`);
    } finally {
      await server.close();
    }
  });

  test('a body that stalls: 408 once the whole-request time is up, and the connection closed', async () => {
    const { handler, simulator } = setup();
    const server = await startProxyServer({ handler, port: 0, headersTimeoutMs: 300, requestTimeoutMs: 600 });
    try {
      const { text, ms } = await rawExchange(server.origin, (socket) =>
        socket.write('POST /api/agent-chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"type":'),
      );
      assert.match(text, /^HTTP\/1\.1 408/);
      assert.ok(ms >= 500 && ms < 5000, `${ms} ms`);
      assert.equal(simulator.received.length, 0);
    } finally {
      await server.close();
    }
  });

  test('a client that goes away mid-request is logged as client_closed, not as a vendor error', async () => {
    let vendorCalled!: () => void;
    const called = new Promise<void>((resolve) => (vendorCalled = resolve));
    const { handler, logs } = setup({
      fetch: async () => {
        vendorCalled();
        await new Promise((resolve) => setTimeout(resolve, 200));
        return Response.json({ data: { id: 'late' } }, { status: 201 });
      },
    });
    const server = await startProxyServer({ handler, port: 0 });
    try {
      const body = JSON.stringify(phoneBody());
      const socket = connect(Number(new URL(server.origin).port), '127.0.0.1', () =>
        socket.write(`POST /api/agent-chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
      );
      await called;
      socket.destroy();
      while (logs.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(logs[0]!.code, 'client_closed');
      assert.equal(logs[0]!.status, 499);
      assert.equal(logs[0]!.vendor?.outcome, 'started', 'the vendor call itself is not cut short');
    } finally {
      await server.close();
    }
  });
});

describe('startProxyServer: host names', () => {
  const hostStatus = (origin: string, host: string) =>
    rawExchange(origin, (socket) => socket.write(`GET /healthz HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).then(({ text }) => Number(text.split(' ')[1]));

  test('bound to loopback, it answers only loopback host names (a DNS-rebinding page uses its own)', async () => {
    const server = await startProxyServer({ handler: setup().handler, port: 0 });
    try {
      const { port } = new URL(server.origin);
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `app.localhost:${port}`]) assert.equal(await hostStatus(server.origin, host), 200, host);
      for (const host of [`attacker.example:${port}`, 'attacker.example', `127.0.0.1.attacker.example:${port}`]) assert.equal(await hostStatus(server.origin, host), 403, host);
    } finally {
      await server.close();
    }
  });

  test('with anyHostName (PUBLIC_ORIGIN set), other names reach the handler, which checks them itself', async () => {
    const server = await startProxyServer({ handler: setup().handler, port: 0, anyHostName: true });
    try {
      assert.equal(await hostStatus(server.origin, 'www.shop.example'), 200);
    } finally {
      await server.close();
    }
  });
});
