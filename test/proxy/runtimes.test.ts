// Every runtime: createChatProxy as the plain fetch handler that Workers, Deno, Bun and Next.js route
// handlers take, and the Node listener as Connect/Express-style middleware.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { toNodeListener } from '../../src/proxy/adapters/node.js';
import { ENDPOINT, json, phoneBody, post, setup } from './support.js';

const limits = { perIp: 1, perContact: 100, daily: 100 };
const numbers = ['+14155550123', '+14155551000', '+14155559876'];

describe('a plain fetch handler', () => {
  test('Cloudflare Workers: `export default { fetch }` (env and ctx as extra arguments)', async () => {
    const { handler } = setup({ limits });
    const worker = { fetch: handler } as { fetch: (request: Request, env: unknown, ctx: unknown) => Promise<Response> };
    const response = await worker.fetch(post(phoneBody()), { WHIPPY_API_KEY: 'binding' }, { waitUntil() {} });
    assert.equal(response.status, 201);
    assert.ok(response instanceof Response, 'a web-standard Response');
    assert.equal((await json(response)).status, 'started');
  });

  test('Workers with the client IP passed on (CF-Connecting-IP): the per-IP limit applies', async () => {
    const { handler } = setup({ limits });
    const worker = {
      fetch: (request: Request) => handler(request, { clientIp: request.headers.get('cf-connecting-ip') ?? undefined }),
    };
    const from = (contact: string) => post(phoneBody({ contact }), { 'CF-Connecting-IP': '198.51.100.4' });
    assert.equal((await worker.fetch(from(numbers[0]!))).status, 201);
    assert.equal((await worker.fetch(from(numbers[1]!))).status, 429);
  });

  test('Next.js route handlers: `export const POST = handler, OPTIONS = handler` (a context as second argument)', async () => {
    const { handler } = setup({ allowedOrigins: ['https://app.example'] });
    const route = { POST: handler, OPTIONS: handler } as Record<string, (request: Request, context: unknown) => Promise<Response>>;
    const context = { params: Promise.resolve({}) };
    const preflight = await route.OPTIONS!(
      new Request(ENDPOINT, { method: 'OPTIONS', headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' } }),
      context,
    );
    assert.equal(preflight.status, 204);
    const response = await route.POST!(post(phoneBody(), { Origin: 'https://app.example' }), context);
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://app.example');
  });

  test('Deno.serve((request, info) => …) and Bun.serve({ fetch(request, server) }) pass the peer address', async () => {
    const { handler } = setup({ limits });
    const denoInfo = { remoteAddr: { transport: 'tcp', hostname: '198.51.100.5', port: 50000 } };
    const deno = (request: Request, info: typeof denoInfo) => handler(request, { clientIp: info.remoteAddr.hostname });
    const bunServer = { requestIP: () => ({ address: '198.51.100.5', family: 'IPv4', port: 50000 }) };
    const bun = { fetch: (request: Request, server: typeof bunServer) => handler(request, { clientIp: server.requestIP()?.address }) };
    assert.equal((await deno(post(phoneBody({ contact: numbers[0] })), denoInfo)).status, 201);
    assert.equal((await bun.fetch(post(phoneBody({ contact: numbers[1] })), bunServer)).status, 429, 'the same IP, counted');
  });

  test('the proxy entry loads neither node:cluster nor ioredis (runtimes like Workers have no cluster; Redis is opt-in)', () => {
    const script = `
      import { createRequire } from 'node:module';
      await import('./src/proxy/index.ts');
      const cache = Object.keys(createRequire(import.meta.url).cache);
      console.log(JSON.stringify({
        ioredis: cache.some((file) => file.includes('/ioredis/')),
        cluster: process.moduleLoadList.some((name) => name === 'NativeModule cluster'),
      }));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(output.trim().split('\n').at(-1)!), { ioredis: false, cluster: false });
  });

  test('a body given as a stream (as runtimes hand it over) is read', async () => {
    const { handler } = setup();
    const bytes = new TextEncoder().encode(JSON.stringify(phoneBody()));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 10));
        controller.enqueue(bytes.slice(10));
        controller.close();
      },
    });
    const request = new Request(ENDPOINT, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    assert.equal((await handler(request)).status, 201);
  });
});

describe('Node: toNodeListener as Connect/Express-style middleware', () => {
  test('mounted in a (req, res, next) chain: answers its path itself, never calls next; other paths pass on', async () => {
    const { handler, simulator } = setup();
    const proxy = toNodeListener(handler);
    let nextCalledByProxy = false;
    type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
    // What Connect and Express do: run each middleware in turn, each deciding to answer or call next().
    const chain: Middleware[] = [
      (_req, res, next) => {
        res.setHeader('X-Request-Seen', '1');
        next();
      },
      (req, res, next) => {
        if (req.url?.split('?')[0] !== '/api/agent-chat') return next();
        // Express: app.post('/api/agent-chat', proxy) calls proxy(req, res, next).
        void (proxy as unknown as Middleware)(req, res, () => (nextCalledByProxy = true));
      },
      (_req, res) => {
        res.statusCode = 404;
        res.end('not here');
      },
    ];
    const app = (req: IncomingMessage, res: ServerResponse) => {
      let index = 0;
      const next = () => chain[index++]!(req, res, next);
      next();
    };
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const response = await fetch(`${origin}/api/agent-chat`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin },
        body: JSON.stringify(phoneBody()),
      });
      assert.equal(response.status, 201);
      assert.equal(response.headers.get('x-request-seen'), '1', 'earlier middleware ran');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal((await response.json()).status, 'started');
      assert.equal(simulator.received.length, 1);

      const other = await fetch(`${origin}/elsewhere`);
      assert.equal(other.status, 404);
      assert.equal(await other.text(), 'not here');
      assert.equal(nextCalledByProxy, false);
    } finally {
      server.close();
    }
  });
});
