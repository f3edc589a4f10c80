// Proxy → vendor (SPEC §4): the request the vendor receives, success mapping, and every vendor failure's status.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
    assert.deepEqual(await json(response), { status: 'started', id: simulator.received[0]!.id });
    assert.ok(simulator.received[0]!.id);
  });

  test('vendor 202 → 202 {status: scheduled, id, schedule_at}', async () => {
    const { handler, simulator } = setup();
    const scheduleAt = inMinutes(24 * 60);
    const response = await handler(post(phoneBody({ schedule_at: scheduleAt })));
    assert.equal(response.status, 202);
    assert.deepEqual(await json(response), { status: 'scheduled', id: simulator.received[0]!.id, schedule_at: scheduleAt });
    assert.equal((simulator.received[0]!.body as any).schedule_at, scheduleAt);
  });

  test('vendor 201 with an unreadable body → 201 started, id null (the status is authoritative)', async () => {
    const { handler, simulator } = setup();
    simulator.failNext('unreadable-body');
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 201);
    assert.deepEqual(await json(response), { status: 'started', id: null });
  });

  test('vendor 201 with a body that is not JSON → 201 started, id null', async () => {
    const { handler } = setup({ fetch: async () => new Response('<html>ok</html>', { status: 201 }) });
    assert.deepEqual(await json(await handler(post(phoneBody()))), { status: 'started', id: null });
  });

  test('vendor 201 whose body never finishes → still 201 started, id null, after the timeout', async () => {
    const { handler } = setup({
      upstreamTimeoutMs: 50,
      fetch: async () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) }), { status: 201 }),
    });
    const response = await handler(post(phoneBody()));
    assert.equal(response.status, 201);
    assert.deepEqual(await json(response), { status: 'started', id: null });
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
    assert.equal(redirect, 'error');
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
