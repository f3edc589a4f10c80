// Idempotency-Key (SPEC §3, the Stripe model): replay with Idempotent-Replayed, 409 while running,
// 422 for another body, transient outcomes not stored, records kept 24 h, at most one vendor call per key.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { idempotencyStage, isStorable } from '../../src/proxy/idempotency.js';
import { keyHasher } from '../../src/proxy/hash.js';
import { ProxyError } from '../../src/proxy/errors.js';
import { memoryStores, type ChatContext, type ProxyStores } from '../../src/proxy/index.js';
import { createSimulator } from '../../src/simulator/index.js';
import { KEY, NOW, PHONE, inMinutes, json, phoneBody, post, setup } from './support.js';

const withKey = (body: unknown, key = KEY, headers: Record<string, string> = {}) => post(body, { 'Idempotency-Key': key, ...headers });

describe('replay', () => {
  test('the same key and body again: the stored 201 with Idempotent-Replayed: true, vendor called once', async () => {
    const { handler, simulator, logs } = setup();
    const first = await handler(withKey(phoneBody()));
    assert.equal(first.status, 201);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    const firstBody = await json(first);

    for (let i = 0; i < 3; i++) {
      const again = await handler(withKey(phoneBody()));
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(await json(again), firstBody);
      assert.equal(again.headers.get('cache-control'), 'no-store');
      assert.match(again.headers.get('content-type') ?? '', /^application\/json/);
    }
    assert.equal(simulator.received.length, 1);
    assert.equal(logs[1]!.code, 'replayed');
  });

  test('a scheduled 202 is replayed the same way', async () => {
    const { handler, simulator } = setup();
    const body = phoneBody({ schedule_at: inMinutes(60) });
    const first = await json(await handler(withKey(body)));
    const again = await handler(withKey(body));
    assert.equal(again.status, 202);
    assert.deepEqual(await json(again), first);
    assert.equal(simulator.received.length, 1);
  });

  test('key order and whitespace do not make a different body', async () => {
    const { handler, simulator } = setup();
    await handler(withKey(phoneBody()));
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(phoneBody()).reverse()), null, 2);
    const again = await handler(withKey(reordered));
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(simulator.received.length, 1);
  });

  test('the key is case-insensitive (a UUID is a number)', async () => {
    const { handler, simulator } = setup();
    await handler(withKey(phoneBody(), KEY));
    const again = await handler(withKey(phoneBody(), KEY.toUpperCase()));
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.equal(simulator.received.length, 1);
  });

  test('an allowed cross-origin replay carries Access-Control-Allow-Origin and exposes Idempotent-Replayed', async () => {
    const origin = 'https://www.shop.example';
    const { handler } = setup({ allowedOrigins: [origin] });
    await handler(withKey(phoneBody(), KEY, { Origin: origin }));
    const again = await handler(withKey(phoneBody(), KEY, { Origin: origin }));
    assert.equal(again.headers.get('access-control-allow-origin'), origin);
    assert.match(again.headers.get('access-control-expose-headers') ?? '', /Idempotent-Replayed/);
  });

  test('without a key, every request runs', async () => {
    const { handler, simulator } = setup();
    const bare = () => new Request('http://shop.example/api/agent-chat', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(phoneBody()),
    });
    await handler(bare());
    await handler(bare());
    assert.equal(simulator.received.length, 2);
  });

  test('records live 24 h: replayed just before, run again just after', async (t) => {
    t.mock.timers.enable({ apis: ['Date'], now: Date.parse('2026-11-24T12:00:00Z') });
    const { handler, simulator } = setup({ limits: { perIp: 100, perContact: 100, daily: 100 } });
    await handler(withKey(phoneBody()));
    t.mock.timers.setTime(Date.parse('2026-11-25T11:59:59Z'));
    assert.equal((await handler(withKey(phoneBody()))).headers.get('idempotent-replayed'), 'true');
    t.mock.timers.setTime(Date.parse('2026-11-25T12:00:01Z'));
    const later = await handler(withKey(phoneBody()));
    assert.equal(later.status, 201);
    assert.equal(later.headers.get('idempotent-replayed'), null);
    assert.equal(simulator.received.length, 2);
  });

  test('replays do not count against the limits', async () => {
    const { handler, simulator } = setup({ limits: { perIp: 1, perContact: 1, daily: 1 } });
    const info = { clientIp: '203.0.113.9' };
    assert.equal((await handler(withKey(phoneBody()), info)).status, 201);
    for (let i = 0; i < 5; i++) {
      const again = await handler(withKey(phoneBody()), info);
      assert.equal(again.status, 201);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');
    }
    assert.equal(simulator.received.length, 1);
  });
});

describe('422 idempotency_key_reused', () => {
  test('the same key with a different body: 422, vendor not called again', async () => {
    const { handler, simulator } = setup();
    await handler(withKey(phoneBody()));
    const response = await handler(withKey(phoneBody({ type: 'whatsapp' })));
    assert.equal(response.status, 422);
    const body = await json(response);
    assert.equal(body.error.code, 'idempotency_key_reused');
    assert.equal(body.error.field, undefined);
    assert.equal(simulator.received.length, 1);
  });

  test('also while the first request is still running', async () => {
    const { handler, release } = slowVendor();
    const first = handler(withKey(phoneBody()));
    await tick();
    const other = await handler(withKey(phoneBody({ contact: '+14155559876' })));
    assert.equal((await json(other)).error.code, 'idempotency_key_reused');
    release();
    assert.equal((await first).status, 201);
  });

  test('an invalid body leaves no record: the corrected body under the same key runs', async () => {
    const { handler, simulator } = setup();
    assert.equal((await handler(withKey(phoneBody({ contact: '+1234' })))).status, 422);
    assert.equal((await handler(withKey(phoneBody()))).status, 201);
    assert.equal(simulator.received.length, 1);
  });
});

describe('409 request_in_progress, at most one vendor call per key', () => {
  test('100 concurrent identical submits: one vendor call, one 201, the rest 409; then replays', async () => {
    const { handler, simulator, release } = slowVendor();
    const pending = Array.from({ length: 100 }, () => handler(withKey(phoneBody())));
    await tick();
    release();
    const responses = await Promise.all(pending);
    const statuses = responses.map((response) => response.status);
    assert.equal(simulator.received.length, 1, 'exactly one vendor call');
    assert.equal(statuses.filter((status) => status === 201).length, 1);
    assert.equal(statuses.filter((status) => status === 409).length, 99);
    const conflict = await json(responses.find((response) => response.status === 409)!);
    assert.equal(conflict.error.code, 'request_in_progress');

    const retry = await handler(withKey(phoneBody()));
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(simulator.received.length, 1);
  });
});

describe('transient outcomes are not stored', () => {
  for (const [fault, status] of [[500, 502], [401, 503], [429, 503], ['hang', 504], ['connection-reset', 502]] as const) {
    test(`after a ${status} (vendor ${fault}), the same key reaches the vendor again`, async () => {
      const { handler, simulator } = setup({ upstreamTimeoutMs: 30 });
      simulator.failNext(fault);
      assert.equal((await handler(withKey(phoneBody()))).status, status);
      const retry = await handler(withKey(phoneBody()));
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('idempotent-replayed'), null);
      assert.equal(simulator.received.length, 2);
    });
  }

  test('after a 429, the key holds nothing (another body under it is not 422)', async () => {
    const { handler } = setup({ limits: { perIp: 100, perContact: 1, daily: 100 } });
    await handler(post(phoneBody()));
    const limited = await handler(withKey(phoneBody()));
    assert.equal(limited.status, 429);
    const other = await handler(withKey(phoneBody({ contact: '+14155559876' })));
    assert.equal(other.status, 201);
  });

  test('isStorable: 2xx and 4xx but 409 and 429; never 5xx', () => {
    for (const status of [200, 201, 202, 400, 403, 404, 422]) assert.equal(isStorable(status), true, String(status));
    for (const status of [409, 429, 500, 502, 503, 504]) assert.equal(isStorable(status), false, String(status));
  });

  test('the stage stores a 4xx answer of a later stage and replays it', async () => {
    const stage = idempotencyStage(memoryStores().idempotency, { scope: 's', hash: keyHasher('k'), upstreamTimeoutMs: 1000 });
    let calls = 0;
    const next = async () => {
      calls++;
      return { status: 422, body: { error: { code: 'validation_failed' } } };
    };
    const first = await stage(context(), next);
    const again = await stage(context(), next);
    assert.equal(first.status, 422);
    assert.equal(again.status, 422);
    assert.deepEqual(again.body, { error: { code: 'validation_failed' } });
    assert.equal(again.headers?.['Idempotent-Replayed'], 'true');
    assert.equal(calls, 1);
  });
});

describe('store failures', () => {
  test('a store that cannot claim: 503 service_unavailable, vendor not called, detail logged', async () => {
    const stores: ProxyStores = { ...memoryStores(), idempotency: { claim: async () => Promise.reject(new Error('Command timed out')) } };
    const { handler, simulator, logs } = setup({ stores });
    const response = await handler(withKey(phoneBody()));
    assert.equal(response.status, 503);
    assert.equal((await json(response)).error.code, 'service_unavailable');
    assert.equal(simulator.received.length, 0);
    assert.match(logs[0]!.detail ?? '', /store unavailable: Command timed out/);
  });

  test('a store that cannot keep the answer: the visitor still gets 201 (a retry would double), the log says so', async () => {
    const memory = memoryStores();
    const stores: ProxyStores = {
      ...memory,
      idempotency: {
        async claim(key, fingerprint, lockMs) {
          const claim = await memory.idempotency.claim(key, fingerprint, lockMs);
          if (!claim.claimed) return claim;
          return { claimed: true, lease: { complete: async () => Promise.reject(new Error('connection lost')), release: claim.lease.release } };
        },
      },
    };
    const { handler, logs } = setup({ stores });
    const response = await handler(withKey(phoneBody()));
    assert.equal(response.status, 201);
    assert.equal((await json(response)).status, 'started');
    assert.match(logs[0]!.detail ?? '', /idempotency record not stored: store unavailable: connection lost/);
  });

  test('no record holds the contact in clear', async () => {
    const seen: string[] = [];
    const memory = memoryStores();
    const stores: ProxyStores = {
      ...memory,
      idempotency: {
        async claim(key, fingerprint, lockMs) {
          seen.push(key, fingerprint);
          const claim = await memory.idempotency.claim(key, fingerprint, lockMs);
          if (!claim.claimed) return claim;
          return {
            claimed: true,
            lease: {
              complete: async (response, ttl) => (seen.push(JSON.stringify(response)), claim.lease.complete(response, ttl)),
              release: claim.lease.release,
            },
          };
        },
      },
    };
    await setup({ stores }).handler(withKey(phoneBody()));
    assert.equal(seen.length, 3);
    assert.ok(!seen.join(' ').includes(PHONE.slice(1)), seen.join(' '));
  });
});

/** A proxy whose vendor answers only after `release()`. */
function slowVendor() {
  const simulator = createSimulator({ now: () => NOW });
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const { handler } = setup({
    limits: { perIp: 1000, perContact: 1000, daily: 1000 },
    fetch: async (request) => {
      const response = simulator.fetch(request);
      await gate;
      return response;
    },
  });
  return { handler, simulator, release: () => open() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

function context(): ChatContext {
  const body = { type: 'email', contact: 'a@b.example' };
  return {
    request: new Request('http://x/'),
    body,
    chat: { type: 'email', contact: 'a@b.example', scheduleAt: null },
    from: 'agent@example.com',
    idempotencyKey: KEY,
    clientIp: undefined,
    facts: {},
  };
}

describe('the stage in isolation', () => {
  test('a 4xx refusal thrown by a later stage is stored and replayed; a thrown 5xx or 429 is not', async () => {
    const stage = idempotencyStage(memoryStores().idempotency, { scope: 's', hash: keyHasher('k'), upstreamTimeoutMs: 1000 });
    let calls = 0;
    const refuse = (code: 'channel_unavailable' | 'rate_limited' | 'upstream_error') => async () => {
      calls++;
      throw new ProxyError(code);
    };
    await assert.rejects(stage(context(), refuse('channel_unavailable')), { code: 'channel_unavailable' });
    const replay = await stage(context(), refuse('channel_unavailable'));
    assert.equal(replay.status, 422);
    assert.equal((replay.body as any).error.code, 'channel_unavailable');
    assert.equal(calls, 1);

    for (const code of ['rate_limited', 'upstream_error'] as const) {
      const fresh = { ...context(), idempotencyKey: crypto.randomUUID() };
      await assert.rejects(stage(fresh, refuse(code)), { code });
      await assert.rejects(stage(fresh, refuse(code)), { code }, `${code} ran again`);
    }
    assert.equal(calls, 5);
  });
});
