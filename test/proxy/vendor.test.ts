// Proxy → vendor (SPEC §4): the request the vendor receives, success mapping, and every vendor failure's status.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { neverSent } from '../../src/proxy/vendor.js';
import { SIMULATOR_DEFAULTS } from '../../src/simulator/index.js';
import { EMAIL, PHONE, inMinutes, json, phoneBody, post, setup } from './support.js';

describe('the vendor request', () => {
  test('POST {baseUrl}/agents/{agentId}/chat with X-WHIPPY-KEY and {from, to, type, send_initial_message}', async () => {
    let seen: Request | undefined;
    const { handler } = setup({
      baseUrl: 'https://vendor.example/v1/',
      fetch: async (request) => {
        seen = request;
        return Response.json({ data: { id: 'chat-1' } }, { status: 201 });
      },
    });
    await handler(post(phoneBody()));
    assert.ok(seen);
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, `https://vendor.example/v1/agents/${SIMULATOR_DEFAULTS.agentId}/chat`);
    assert.equal(seen.headers.get('x-whippy-key'), SIMULATOR_DEFAULTS.apiKey);
    assert.match(seen.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await seen.json(), {
      from: SIMULATOR_DEFAULTS.channels.phone,
      to: PHONE,
      type: 'phone',
      send_initial_message: true,
    });
  });

  test('each type is sent from its own channel; sendInitialMessage: false is passed on', async () => {
    const { handler, simulator } = setup({ sendInitialMessage: false });
    await handler(post({ type: 'email', contact: EMAIL }));
    await handler(post(phoneBody({ type: 'whatsapp' })));
    assert.deepEqual(
      simulator.received.map((chat) => chat.body),
      [
        { from: SIMULATOR_DEFAULTS.channels.email, to: EMAIL, type: 'email', send_initial_message: false },
        { from: SIMULATOR_DEFAULTS.channels.whatsapp, to: PHONE, type: 'whatsapp', send_initial_message: false },
      ],
    );
  });
});

describe('success', () => {
  test('vendor 201 → 201 {status: started, id: data.id}', async () => {
    const { handler, simulator } = setup();
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 201);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await json(response), { status: 'started', id: simulator.received[0]!.id, contact: PHONE, receipt: null });
    assert.ok(simulator.received[0]!.id);
  });

  test('vendor 202 → 202 {status: scheduled, id, schedule_at}', async () => {
    const { handler, simulator } = setup();
    const scheduleAt = inMinutes(24 * 60);
    const response = await handler(post(phoneBody({ schedule_at: scheduleAt })));
    assert.equal(response.status, 202);
    assert.deepEqual(await json(response), { status: 'scheduled', id: simulator.received[0]!.id, schedule_at: scheduleAt, contact: PHONE, receipt: null });
    assert.equal((simulator.received[0]!.body as any).schedule_at, scheduleAt);
  });

  test('vendor 201 with an unreadable body → 201 started, id null (the status is authoritative)', async () => {
    const { handler, simulator } = setup();
    simulator.failNext('unreadable-body');
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 201);
    assert.deepEqual(await json(response), { status: 'started', id: null, contact: PHONE, receipt: null });
  });

  test('vendor 201 with a body that is not JSON → 201 started, id null', async () => {
    const { handler } = setup({ fetch: async () => new Response('<html>ok</html>', { status: 201 }) });
    assert.deepEqual(await json(await handler(post(phoneBody()))), { status: 'started', id: null, contact: PHONE, receipt: null });
  });

  test('vendor 201 whose body never finishes → still 201 started, id null, after the timeout', async () => {
    const { handler } = setup({
      upstreamTimeoutMs: 50,
      fetch: async () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) }), { status: 201 }),
    });
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 201);
    assert.deepEqual(await json(response), { status: 'started', id: null, contact: PHONE, receipt: null });
  });
});

describe('vendor failures', () => {
  const cases: Array<[string, Parameters<ReturnType<typeof setup>['simulator']['failNext']>[0], number, string]> = [
    ['500', 500, 502, 'upstream_error'],
    ['502', 502, 502, 'upstream_error'],
    ['503', 503, 502, 'upstream_error'],
    ['401 (wrong key)', 401, 503, 'service_unavailable'],
    ['403', 403, 503, 'service_unavailable'],
    ['404 (unknown or inactive agent)', 404, 503, 'service_unavailable'],
    ['429 (vendor throttling)', 429, 503, 'service_unavailable'],
    ['422 (vendor disagrees with a validated request)', 422, 502, 'upstream_error'],
    ['400', 400, 502, 'upstream_error'],
    ['connection reset', 'connection-reset', 502, 'upstream_error'],
  ];
  for (const [name, fault, status, code] of cases) {
    test(`${name} → ${status} ${code}, vendor called exactly once, vendor text not shown`, async () => {
      const { handler, simulator } = setup();
      simulator.failNext(fault);
      const response = await handler(post(phoneBody()));
      const body = await json(response);
      assert.equal(response.status, status);
      assert.equal(body.error.code, code);
      assert.doesNotMatch(body.error.message, /Simulated|ECONNRESET|fetch failed/);
      assert.equal(simulator.received.length, 1, 'no retry');
    });
  }

  test('a hanging vendor → 504 upstream_timeout after upstreamTimeoutMs, called once', async () => {
    const { handler, simulator } = setup({ upstreamTimeoutMs: 50 });
    simulator.failNext('hang');
    const started = performance.now();
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 504);
    assert.equal((await json(response)).error.code, 'upstream_timeout');
    assert.ok(performance.now() - started < 1000);
    assert.equal(simulator.received.length, 1);
  });

  test('a fetch that ignores the abort signal still times out', async () => {
    const { handler } = setup({ upstreamTimeoutMs: 50, fetch: () => new Promise<Response>(() => {}) });
    assert.equal((await handler(post(phoneBody()))).status, 504);
  });

  test('a redirect is not followed (the key would travel with it)', async () => {
    let redirect: RequestRedirect | undefined;
    const { handler } = setup({
      fetch: async (request) => {
        redirect = request.redirect;
        return new Response(null, { status: 302, headers: { Location: 'https://elsewhere.example/' } });
      },
    });
    assert.equal((await handler(post(phoneBody()))).status, 502);
    assert.equal(redirect, 'manual', "'manual' (Workers refuse 'error')");
  });

  test('a real redirect over HTTP: 502, and the place it points to never sees the key', async () => {
    const elsewhere: string[] = [];
    const target = createServer((request, response) => {
      elsewhere.push(String(request.headers['x-whippy-key']));
      response.writeHead(201, { 'Content-Type': 'application/json' }).end('{"data":{"id":"stolen"}}');
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    const vendor = createServer((_request, response) => {
      response.writeHead(307, { Location: `http://127.0.0.1:${(target.address() as AddressInfo).port}/` }).end();
    });
    await new Promise<void>((resolve) => vendor.listen(0, '127.0.0.1', resolve));
    try {
      const { handler } = setup({ baseUrl: `http://127.0.0.1:${(vendor.address() as AddressInfo).port}/v1`, fetch: undefined });
      assert.equal((await handler(post(phoneBody()))).status, 502);
      assert.deepEqual(elsewhere, []);
    } finally {
      vendor.close();
      target.close();
    }
  });

  test('the vendor\'s real misconfiguration (wrong key) → 503, detail in the log only', async () => {
    const { handler, logs } = setup({ apiKey: 'wrong-key' });
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 503);
    assert.match(logs[0]!.detail ?? '', /401.*Invalid API key/);
    assert.doesNotMatch(JSON.stringify(await json(response)), /Invalid API key/);
  });

  test('an exception inside the proxy becomes a JSON 502 without a stack', async () => {
    const { handler } = setup({
      fetch: async () => {
        const response = new Response('{}', { status: 201 });
        Object.defineProperty(response, 'status', { get: () => { throw new Error('boom at secret/path.ts:1'); } });
        return response;
      },
    });
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 502);
    const text = await response.text();
    assert.doesNotMatch(text, /boom|secret\/path/);
    assert.equal(JSON.parse(text).error.code, 'upstream_error');
  });
});

describe('a connection that could not be made is tried once more', () => {
  test('refused once, then accepted: 201, one session', async () => {
    const { simulator } = setup();
    let attempts = 0;
    const { handler } = setup({ fetch: (request) => (attempts++, simulator.fetch(request)) });
    simulator.failNext('connection-refused');
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 201);
    assert.equal(attempts, 2);
    assert.equal(simulator.received.length, 1);
  });

  test('refused twice: 502 upstream_error after exactly two attempts', async () => {
    const { simulator } = setup();
    let attempts = 0;
    const { handler, logs } = setup({ fetch: (request) => (attempts++, simulator.fetch(request)) });
    simulator.failNext('connection-refused');
    simulator.failNext('connection-refused');
    simulator.failNext('connection-refused');
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 502);
    assert.equal(attempts, 2);
    assert.match(logs[0]!.detail ?? '', /ECONNREFUSED/);
  });

  test('a real closed port (undici\'s own error): two attempts, then 502', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    let attempts = 0;
    const { handler } = setup({
      baseUrl: `http://127.0.0.1:${port}/v1`,
      fetch: (request) => (attempts++, globalThis.fetch(request)),
    });
    assert.equal((await handler(post(phoneBody()))).status, 502);
    assert.equal(attempts, 2);
  });

  for (const fault of ['connection-reset', 'hang', 500] as const) {
    test(`${fault}: the vendor may have the request, so one attempt only`, async () => {
      const { simulator } = setup();
      let attempts = 0;
      const { handler } = setup({ upstreamTimeoutMs: 30, fetch: (request) => (attempts++, simulator.fetch(request)) });
      simulator.failNext(fault);
      assert.ok((await handler(post(phoneBody()))).status >= 500);
      assert.equal(attempts, 1);
    });
  }

  test('neverSent: only connect errors prove nothing was sent', () => {
    const failed = (cause: unknown) => new TypeError('fetch failed', { cause });
    const coded = (code: string) => Object.assign(new Error(code), { code });
    assert.equal(neverSent(failed(coded('ECONNREFUSED'))), true);
    assert.equal(neverSent(failed(coded('UND_ERR_CONNECT_TIMEOUT'))), true);
    assert.equal(neverSent(failed(new AggregateError([coded('ECONNREFUSED'), coded('EHOSTUNREACH')]))), true);
    assert.equal(neverSent(failed(new AggregateError([coded('ECONNREFUSED'), coded('ECONNRESET')]))), false);
    for (const code of ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_HEADERS_TIMEOUT']) {
      assert.equal(neverSent(failed(coded(code))), false, code);
    }
    assert.equal(neverSent(new TypeError('fetch failed')), false);
    assert.equal(neverSent(new DOMException('aborted', 'AbortError')), false);
  });
});

describe('over a real socket with the global fetch', () => {
  /** A vendor server whose behaviour each test sets; resolves with its base URL. */
  async function vendorServer(onRequest: (res: import('node:http').ServerResponse) => void) {
    const sockets = new Set<import('node:net').Socket>();
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => onRequest(res));
    });
    server.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      baseUrl: `http://127.0.0.1:${port}/v1`,
      close: () => {
        for (const socket of sockets) socket.destroy();
        server.close();
      },
    };
  }

  test('no answer at all: 504 after upstreamTimeoutMs', async () => {
    const vendor = await vendorServer(() => {});
    try {
      const { handler } = setup({ baseUrl: vendor.baseUrl, fetch: undefined, upstreamTimeoutMs: 100 });
      const started = performance.now();
      const response = await handler(post(phoneBody()));
      assert.equal(response.status, 504);
      assert.ok(performance.now() - started < 2000);
    } finally {
      vendor.close();
    }
  });

  test('201 whose body never ends: 201 started, id null, after upstreamTimeoutMs', async () => {
    const vendor = await vendorServer((res) => {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.write('{"data":{"id":');
    });
    try {
      const { handler } = setup({ baseUrl: vendor.baseUrl, fetch: undefined, upstreamTimeoutMs: 100 });
      const response = await handler(post(phoneBody()));
      assert.equal(response.status, 201);
      assert.deepEqual(await json(response), { status: 'started', id: null, contact: PHONE, receipt: null });
    } finally {
      vendor.close();
    }
  });

  test('the connection reset after the request was sent: 502, one attempt', async () => {
    let requests = 0;
    const vendor = await vendorServer((res) => {
      requests++;
      res.socket?.destroy();
    });
    try {
      const { handler, logs } = setup({ baseUrl: vendor.baseUrl, fetch: undefined });
      assert.equal((await handler(post(phoneBody()))).status, 502);
      assert.equal(requests, 1);
      assert.match(logs[0]!.detail ?? '', /vendor unreachable/);
    } finally {
      vendor.close();
    }
  });
});
