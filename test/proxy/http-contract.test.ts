// The proxy's HTTP surface (SPEC §3): method, origin and CORS, content type, body size, JSON, and headers on every answer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENDPOINT, json, phoneBody, post, setup } from './support.js';

function assertErrorShape(body: any, code: string): void {
  assert.equal(body.error.code, code);
  assert.equal(typeof body.error.message, 'string');
}

describe('method', () => {
  for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
    test(`${method} is refused with 405 and Allow: POST, OPTIONS`, async () => {
      const { handler, simulator } = setup();
      const response = await handler(new Request(ENDPOINT, { method }));
      assert.equal(response.status, 405);
      assert.equal(response.headers.get('allow'), 'POST, OPTIONS');
      assertErrorShape(await json(response), 'method_not_allowed');
      assert.equal(simulator.received.length, 0);
    });
  }
});

describe('origin and CORS', () => {
  const allowed = 'https://www.shop.example';

  test('a foreign Origin is refused with 403 origin_not_allowed and no ACAO', async () => {
    const { handler, simulator } = setup({ allowedOrigins: [allowed] });
    const response = await handler(post(phoneBody(), { Origin: 'https://evil.example' }));
    assert.equal(response.status, 403);
    assertErrorShape(await json(response), 'origin_not_allowed');
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    assert.equal(simulator.received.length, 0);
  });

  test('the proxy\'s own origin (from Host) is allowed without configuration', async () => {
    const { handler } = setup();
    const response = await handler(post(phoneBody(), { Origin: 'http://shop.example' }));
    assert.equal(response.status, 201);
  });

  test('Host decides the own origin, not the request URL', async () => {
    const { handler } = setup();
    const response = await handler(post(phoneBody(), { Origin: 'http://shop.example', Host: 'other.example' }));
    assert.equal(response.status, 403);
  });

  test('X-Forwarded-Host/-Proto count only with trustProxy', async () => {
    const cases: Array<Record<string, string>> = [
      { Origin: 'http://public.example', 'X-Forwarded-Host': 'public.example' },
      { Origin: 'https://shop.example', 'X-Forwarded-Proto': 'https' },
      { Origin: 'https://public.example', 'X-Forwarded-Host': 'public.example', 'X-Forwarded-Proto': 'https' },
    ];
    for (const headers of cases) {
      assert.equal((await setup().handler(post(phoneBody(), headers))).status, 403, JSON.stringify(headers));
      assert.equal((await setup({ trustProxy: true }).handler(post(phoneBody(), headers))).status, 201, JSON.stringify(headers));
    }
  });

  test('no Origin (server-to-server, same-origin navigation) is allowed', async () => {
    const response = await setup().handler(post(phoneBody()));
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });

  test('an allowed cross-origin POST carries Access-Control-Allow-Origin and Vary: Origin', async () => {
    const { handler } = setup({ allowedOrigins: [`${allowed}/`] });
    const response = await handler(post(phoneBody(), { Origin: allowed }));
    assert.equal(response.status, 201);
    assert.equal(response.headers.get('access-control-allow-origin'), allowed);
    assert.match(response.headers.get('vary') ?? '', /Origin/);
  });

  test('errors to an allowed origin are readable too (ACAO on a 422)', async () => {
    const { handler } = setup({ allowedOrigins: [allowed] });
    const response = await handler(post(phoneBody({ contact: 'nope' }), { Origin: allowed }));
    assert.equal(response.status, 422);
    assert.equal(response.headers.get('access-control-allow-origin'), allowed);
  });

  test('OPTIONS preflight from an allowed origin: 204 allowing POST, Content-Type and Idempotency-Key', async () => {
    const { handler, simulator } = setup({ allowedOrigins: [allowed] });
    const response = await handler(
      new Request(ENDPOINT, {
        method: 'OPTIONS',
        headers: {
          Origin: allowed,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type, idempotency-key',
        },
      }),
    );
    assert.equal(response.status, 204);
    assert.equal(response.headers.get('access-control-allow-origin'), allowed);
    assert.match(response.headers.get('access-control-allow-methods') ?? '', /\bPOST\b/);
    const allowHeaders = (response.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    assert.match(allowHeaders, /content-type/);
    assert.match(allowHeaders, /idempotency-key/);
    assert.equal(simulator.received.length, 0);
  });

  test('OPTIONS preflight from a foreign origin: 403 without ACAO', async () => {
    const { handler } = setup({ allowedOrigins: [allowed] });
    const response = await handler(
      new Request(ENDPOINT, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } }),
    );
    assert.equal(response.status, 403);
    assert.equal(response.headers.get('access-control-allow-origin'), null);
  });
});

describe('content type', () => {
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/jsonx']) {
    test(`${type} is refused with 415`, async () => {
      const response = await setup().handler(post(phoneBody(), { 'Content-Type': type }));
      assert.equal(response.status, 415);
      assertErrorShape(await json(response), 'unsupported_media_type');
    });
  }

  test('a missing Content-Type is refused with 415', async () => {
    const request = new Request(ENDPOINT, { method: 'POST', body: new Blob([JSON.stringify(phoneBody())]) });
    assert.equal((await setup().handler(request)).status, 415);
  });

  test('application/json with a charset parameter is accepted', async () => {
    const response = await setup().handler(post(phoneBody(), { 'Content-Type': 'Application/JSON; charset=UTF-8' }));
    assert.equal(response.status, 201);
  });
});

describe('body size', () => {
  test('a Content-Length over 4 KiB is refused with 413 before reading', async () => {
    const { handler, simulator } = setup();
    let pulled = false;
    const body = new ReadableStream(
      {
        pull(controller) {
          pulled = true;
          controller.enqueue(new Uint8Array(5000).fill(0x20));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request(ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': '5000' },
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await handler(request);
    assert.equal(response.status, 413);
    assertErrorShape(await json(response), 'payload_too_large');
    assert.equal(pulled, false, 'the body was not read');
    assert.equal(simulator.received.length, 0);
  });

  test('a streamed body without Content-Length is cut off once it passes 4 KiB', async () => {
    const { handler } = setup();
    let sent = 0;
    // 1 MiB in 1 KiB chunks: the proxy must stop long before the end.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1024;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
        if (sent >= 1024 * 1024) controller.close();
      },
    });
    const request = new Request(ENDPOINT, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    assert.equal(request.headers.get('content-length'), null);
    const response = await handler(request);
    assert.equal(response.status, 413);
    assert.ok(sent <= 8 * 1024, `read ${sent} bytes`);
  });

  test('a body of exactly 4 KiB is read', async () => {
    const text = JSON.stringify(phoneBody());
    const padded = text + ' '.repeat(4096 - Buffer.byteLength(text));
    const response = await setup().handler(post(padded));
    assert.equal(response.status, 201);
  });

  test('4 KiB + 1 byte is refused', async () => {
    const text = JSON.stringify(phoneBody());
    const response = await setup().handler(post(text + ' '.repeat(4097 - Buffer.byteLength(text))));
    assert.equal(response.status, 413);
  });
});

describe('JSON', () => {
  for (const [name, body] of [
    ['broken JSON', '{"type":'],
    ['an empty body', ''],
    ['bytes that are not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])],
  ] as const) {
    test(`${name} is refused with 400 invalid_json`, async () => {
      const request = new Request(ENDPOINT, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      const response = await setup().handler(request);
      assert.equal(response.status, 400);
      assertErrorShape(await json(response), 'invalid_json');
    });
  }
});

describe('headers on every response', () => {
  const cases: Array<[string, () => Request]> = [
    ['201', () => post(phoneBody())],
    ['202', () => post(phoneBody({ schedule_at: new Date(Date.parse('2026-11-25T12:00:00Z')).toISOString() }))],
    ['204 preflight', () => new Request(ENDPOINT, { method: 'OPTIONS' })],
    ['400', () => post('nope')],
    ['403', () => post(phoneBody(), { Origin: 'https://evil.example' })],
    ['405', () => new Request(ENDPOINT)],
    ['413', () => post(' '.repeat(5000))],
    ['415', () => post(phoneBody(), { 'Content-Type': 'text/plain' })],
    ['422', () => post(phoneBody({ type: 'fax' }))],
    ['honeypot 201', () => post(phoneBody({ hp: 'x' }))],
  ];
  for (const [name, request] of cases) {
    test(`${name}: Cache-Control: no-store and X-Content-Type-Options: nosniff`, async () => {
      const response = await setup().handler(request());
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    });
  }

  test('502 upstream errors carry them too', async () => {
    const { handler, simulator } = setup();
    simulator.failNext(500);
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 502);
    assert.equal(response.headers.get('cache-control'), 'no-store');
  });
});

describe('PUBLIC_ORIGIN', () => {
  const publicOrigin = 'https://www.shop.example';

  test('the only own origin: an Origin matching Host but not PUBLIC_ORIGIN is refused', async () => {
    const { handler } = setup({ publicOrigin });
    const forged = post(phoneBody(), { Origin: 'http://rebind.example', Host: 'rebind.example' });
    assert.equal((await handler(forged)).status, 403);
    const own = await handler(post(phoneBody(), { Origin: publicOrigin, Host: 'www.shop.example' }));
    assert.equal(own.status, 201);
    assert.equal(own.headers.get('access-control-allow-origin'), publicOrigin);
  });

  test('a request for another host is refused even without an Origin (DNS rebinding)', async () => {
    const { handler, simulator } = setup({ publicOrigin });
    const response = await handler(post(phoneBody(), { Host: 'attacker.example' }));
    assert.equal(response.status, 403);
    assertErrorShape(await json(response), 'origin_not_allowed');
    assert.equal(simulator.received.length, 0);
  });

  test('behind a trusted proxy the forwarded host counts', async () => {
    const { handler } = setup({ publicOrigin, trustProxy: true });
    const headers = { Host: '127.0.0.1:8787', 'X-Forwarded-Host': 'www.shop.example', 'X-Forwarded-Proto': 'https', Origin: publicOrigin };
    assert.equal((await handler(post(phoneBody(), headers))).status, 201);
    assert.equal((await handler(post(phoneBody(), { ...headers, 'X-Forwarded-Host': 'other.example' }))).status, 403);
  });
});
