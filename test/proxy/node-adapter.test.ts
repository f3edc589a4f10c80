// The Node adapters: toNodeListener in a plain http server, and startProxyServer's routes, port and shutdown.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
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
